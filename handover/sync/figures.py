"""A school's anonymised cohort figures to a gemeente (issue 12), on one stream per (school, gemeente).

The body comes already anonymised (no names or ids, small cells suppressed: see
``services.outcomes.anonymised``); this module only seals it. The gemeente keeps the newest figures
per school and reference date (:class:`~handover.sync.models.ReceivedFigures`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from handover.crypto.envelope import utc_now_iso
from handover.services.context import AppContext
from handover.store import audit
from handover.sync.errors import NOT_ENROLLED, SyncUsageError
from handover.sync.messages import FiguresBody, Signer, figures_record_id
from handover.sync.outbox import OutboxWriter
from handover.sync.peers import gemeente_peers
from handover.sync.state import load_state


def send_figures(ctx: AppContext, writer: OutboxWriter, gemeente_org: str | None, body: dict[str, Any]) -> int:
    """Enqueue the figures for one gemeente, or for every pinned gemeente (None). Returns how many."""
    values = dict(body)
    peildatum = str(values.get("peildatum") or "")
    try:
        dt.date.fromisoformat(peildatum)
    except ValueError:
        raise SyncUsageError("De cijfers hebben geen geldige peildatum (JJJJ-MM-DD).") from None
    with ctx.workspace.session() as session:
        enrollment = load_state(session).enrollment
        if enrollment is None:
            raise SyncUsageError(NOT_ENROLLED)
        if not enrollment.is_school:
            raise SyncUsageError("Alleen een school stuurt cijfers naar Werk en Inkomen.")
        values.setdefault("school", enrollment.org_name)
        values.setdefault("rows", [])
        values["peildatum"] = peildatum
        values.setdefault("at", utc_now_iso())
        values["signer"] = Signer(name=ctx.actor, org_name=enrollment.org_name)
        values.pop("type", None)
        try:
            message = FiguresBody(**values)
        except ValidationError:
            raise SyncUsageError("De cijfers zijn niet in de vorm die Werk en Inkomen kan lezen.") from None
        peers = [p for p in gemeente_peers(session) if gemeente_org is None or p.org_id == gemeente_org]
        if not peers:
            raise SyncUsageError("Deze gemeente is niet bekend; kies een gemeente waarmee de school verbonden is.")
        for peer in peers:
            stream = figures_record_id(enrollment.org_id, peer.org_id)
            writer.enqueue(session, enrollment, peer, message, record_id=stream, youth_id=None)
            audit.record(session, ctx.actor, "send", "figures", None, recipient=peer.org_id, peildatum=peildatum)
        return len(peers)
