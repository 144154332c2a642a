"""Helpers for the gemeente workspace tests (issue 10): a dossier whose consent covers the agreements."""

from __future__ import annotations

import datetime as dt

from handover.services.checkins import CheckInService
from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.sync.models import ReceivedDossier

from .conftest import RECIPIENT, Installation, youth_values

SECTIONS = ["B", "C", "F", "H", "I"]


def shared_dossier(
    school: Installation,
    *,
    agreements: tuple[tuple[str, str], ...] = (("Inschrijven bij Werk en Inkomen", "werk_en_inkomen"),),
    checkins: bool = False,
    notes: bool = False,
    **overrides: object,
) -> tuple[str, list[str]]:
    """A dossier sent to the gemeente with agreements (section I consented). Returns (youth id, agreement ids)."""
    dossiers = DossierService(school.ctx)
    youth_id = dossiers.create_youth(youth_values(**overrides))
    ids = [
        dossiers.add_item(
            youth_id,
            "agreements",
            {"action": action, "organisation": org, "status": "open", "deadline": dt.date(2026, 12, 15)},
        )
        for action, org in agreements
    ]
    peer = school.sync.peers()[0]
    ConsentService(school.ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": RECIPIENT,
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
            "includes_checkins": checkins,
            "includes_checkin_notes": notes,
        },
        SECTIONS,
        recipient_org_id=peer.org_id,
    )
    dossiers.set_status(youth_id, "klaar")
    (preview,) = school.sync.preview_send([youth_id])
    assert preview.problem is None, preview.problem
    school.sync.send([youth_id])
    return youth_id, ids


def _sync(inst: Installation) -> None:
    assert inst.sync.sync().ok
    if inst.sync.state_value("org_kind") == "gemeente" and inst.sync.acknowledge_received():
        assert inst.sync.sync().ok  # the signed receipts (automatic on receive in the app)


def exchange(first: Installation, second: Installation) -> None:
    """``first`` syncs, ``second`` syncs (a gemeente also confirms receipt), ``first`` syncs again."""
    _sync(first)
    _sync(second)
    _sync(first)


def held(gemeente: Installation, youth_id: str) -> ReceivedDossier:
    (row,) = [r for r in gemeente.sync.received() if r.record_id == youth_id]
    return row


def record_checkin(school: Installation, youth_id: str, **values: object) -> str:
    base: dict[str, object] = {"held_on": dt.date(2026, 11, 20), "channel": "telefoon", "reached": True}
    base.update(values)
    return CheckInService(school.ctx).record(youth_id, base)
