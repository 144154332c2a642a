"""Revision 0004 from the previous revision: free-text consents mapped by exact name, sent dossiers stay chosen."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from handover.secrets import MemorySecretStore
from handover.services.app import open_app
from handover.services.context import AppContext
from handover.store.database import alembic_config, current_revision, head_revision
from handover.store.models import Consent
from handover.sync.models import SendChoice

from .conftest import RECIPIENT, ready_dossier


def test_upgrade_maps_exact_names_and_keeps_sent_dossiers_chosen(
    ctx: AppContext, data_dir: Path, secret_store: MemorySecretStore
) -> None:
    from .conftest import Installation

    inst = Installation(ctx, None, data_dir, secret_store, "")  # type: ignore[arg-type]
    sent = ready_dossier(inst, send=False)
    loose = ready_dossier(inst, send=False, first_names="Sem", bsn=None)
    never = ready_dossier(inst, send=False, first_names="Noor", bsn=None)
    with ctx.workspace.engine.connect() as conn:
        # Off while tables are rebuilt: a batch rebuild of youths would otherwise cascade to every list.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        conn.begin()
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_outbox_envelopes")
        conn.execute(text("UPDATE consents SET recipient = 'gemeente utrecht' WHERE youth_id = :y"), {"y": loose})
        conn.execute(
            text(
                "INSERT INTO sync_peers (org_id, name, kind, root_public_key, manifest, manifest_signature, "
                "recipient_label, confirmed, pinned_at) VALUES ('org-utrecht', :name, 'gemeente', x'00', x'00', "
                "x'00', :name, 1, CURRENT_TIMESTAMP)"
            ),
            {"name": RECIPIENT},
        )
        conn.execute(
            text(
                "INSERT INTO sync_records (record_id, recipient_org, youth_id, last_revision, last_kind, "
                "covered_revision) VALUES (:y, 'org-utrecht', :y, 1, 'dossier', 3)"
            ),
            {"y": sent},
        )
        conn.commit()
    assert current_revision(ctx.workspace.engine) == "0003_outbox_envelopes"
    ctx.close()

    reopened = open_app(data_dir, secret_store=secret_store)
    try:
        assert current_revision(reopened.workspace.engine) == head_revision()
        with reopened.workspace.session() as session:
            mapped = dict(session.execute(select(Consent.youth_id, Consent.recipient_org_id)).all())
            chosen = {c.youth_id: c.revision for c in session.scalars(select(SendChoice))}
        assert mapped == {sent: "org-utrecht", loose: None, never: "org-utrecht"}
        assert chosen == {sent: 3}
    finally:
        reopened.close()
