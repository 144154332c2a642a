"""The dossier as plain data (for the export, the PDF and the sync envelope), completeness, retention."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover import __version__
from handover.domain import rules
from handover.domain.fields import CHECKIN_FIELDS, CONSENT_FIELDS, LISTS, SECTIONS, YOUTH_FIELDS
from handover.paths import private_write
from handover.services.context import AppContext
from handover.services.dossiers import load_youth
from handover.services.views import CheckInView, DossierView, dossier_view
from handover.store import audit
from handover.store.models import AuditEvent, CheckIn, Draft, Youth, utcnow

ITEM_META = ("id",)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def dossier_dict(
    youth: DossierView | Youth, sections: list[str] | None = None, *, include_checkins: bool = True
) -> dict[str, Any]:
    """Everything in the dossier as JSON-safe data. ``sections`` limits it to what a consent covers.

    This is what goes into an export and a sent dossier. It reads a :class:`DossierView` (an ORM
    ``Youth`` with its lists loaded gives the same result)."""
    allowed = set(sections) if sections is not None else {s.code for s in SECTIONS}
    data: dict[str, Any] = {
        "id": youth.id,
        "revision": youth.revision,
        "status": youth.status,
        "mentor": youth.mentor,
        "updated_at": _plain(youth.updated_at),
    }
    for section in SECTIONS:
        if section.code not in allowed:
            continue
        for spec in section.fields:
            data[spec.name] = _plain(getattr(youth, spec.name))
        for lst in section.lists:
            data[lst.name] = [
                {"id": item.id, **{f.name: _plain(getattr(item, f.name)) for f in lst.fields}}
                for item in getattr(youth, lst.name)
            ]
    if "J" in allowed:
        data["consents"] = [
            {"id": c.id, "sections": list(c.sections), **{f.name: _plain(getattr(c, f.name)) for f in CONSENT_FIELDS}}
            for c in youth.consents
        ]
        data["inspections"] = [
            {"id": i.id, "seen_on": _plain(i.seen_on), "agrees": i.agrees, "reason": i.reason}
            for i in youth.inspections
        ]
    if include_checkins:
        checkins: Sequence[CheckInView | CheckIn] = youth.checkins
        data["checkins"] = [
            {
                "id": c.id,
                "label": c.label,
                "plan_months": c.plan_months,
                "due_date": _plain(c.due_date),
                **{f.name: _plain(getattr(c, f.name)) for f in CHECKIN_FIELDS},
            }
            for c in sorted(checkins, key=lambda c: c.due_date)
        ]
    return data


@dataclass(frozen=True)
class SectionCompleteness:
    code: str
    title: str
    filled: int
    total: int
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def completeness(youth: DossierView, today: dt.date) -> list[SectionCompleteness]:
    """Per section: what a complete handover needs, and what is still missing (Dutch labels)."""
    needed = {
        "A": ["first_names", "last_name", "birth_date", "city", "contact_channel"],
        "C": ["school", "school_type", "leaving_date", "route"],
        "F": ["strengths", "interests", "what_works"],
        "H": ["planned_situation"],
        "I": ["meeting_date"],
    }
    result = []
    for section in SECTIONS:
        missing: list[str] = []
        fields = needed.get(section.code, [])
        missing += [YOUTH_FIELDS[f].label for f in fields if getattr(youth, f) in (None, "")]
        total = len(fields)
        if section.code == "B":
            total = 2
            if not youth.contacts:
                missing.append("minstens één betrokkene")
            if sum(1 for c in youth.contacts if c.is_fixed_contact) != 1:
                missing.append("precies één vaste contactpersoon")
        elif section.lists and section.code in ("D", "E", "G"):
            total = 1
            if not getattr(youth, section.lists[0].name):
                missing.append(f"nog geen {section.lists[0].item_label}")
        elif section.code == "I":
            total += 1
            if not youth.agreements:
                missing.append("nog geen afspraak")
        elif section.code == "J":
            total = 2
            if not any(rules.consent_problem(c, youth.birth_date, today) is None for c in youth.consents):
                missing.append("geldige toestemming")
            if not youth.inspections:
                missing.append("inzage door de jongere")
        elif section.code == "K":
            total = 0
        result.append(
            SectionCompleteness(section.code, section.title, total - min(total, len(missing)), total, tuple(missing))
        )
    return result


class RecordsService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def export_subject_access(self, youth_id: str, out: Path) -> Path:
        """Everything held about one young person (AVG inzage): dossier, check-ins, drafts, audit trail."""
        with self.ctx.session() as session:
            youth = load_youth(session, youth_id)
            events = session.scalars(
                select(AuditEvent).where(AuditEvent.entity_id == youth_id).order_by(AuditEvent.seq)
            ).all()
            other = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
            drafts = session.scalars(select(Draft).where(Draft.youth_id == youth_id)).all()
            from handover.services.closing import closure_history
            from handover.services.outcomes_snapshots import entries_of_youth

            payload = {
                "format": "overstap-inzage-1",
                "made_at": utcnow().isoformat(),
                "app_version": __version__,
                "dossier": dossier_dict(dossier_view(youth)),
                "drafts": {d.field: d.text for d in drafts},
                # the frozen 1 November entries (services/outcomes_snapshots) and the closings of the case
                "reference_dates": entries_of_youth(session, youth_id),
                "case_closures": [
                    {k: _plain(v) for k, v in dataclasses.asdict(c).items()} for c in closure_history(session, youth_id)
                ],
                "audit": [
                    {
                        "seq": e.seq,
                        "at": e.at.isoformat(),
                        "actor": e.actor,
                        "action": e.action,
                        "entity": e.entity,
                        "detail": e.detail,
                    }
                    for e in list(events)
                    + [e for e in other if e.detail.get("youth") == youth_id and e.entity_id != youth_id]
                ],
            }
            audit.record(session, self.ctx.actor, "export", "youth", youth_id, kind="inzage")
        return private_write(Path(out), json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))

    def retention_due(self) -> list[str]:
        """Young people whose retention period is over: the school is asked to erase or anonymise."""
        today = self.ctx.today()
        with self.ctx.session() as session:
            rows = session.execute(
                select(Youth.id, Youth.leaving_date).where(Youth.anonymised.is_(False), Youth.leaving_date.is_not(None))
            ).all()
        return [r.id for r in rows if rules.retention_ends(r.leaving_date) < today]

    def anonymise(self, youth_id: str) -> None:
        """Keep only what anonymised outcome figures need (route, leaving year, situations)."""
        with self.ctx.session() as session:
            anonymise_youth(session, self.ctx.actor, youth_id)

    def erase(self, youth_id: str) -> None:
        with self.ctx.session() as session:
            erase_youth(session, self.ctx.actor, youth_id)


def anonymise_youth(session: Session, actor: str, youth_id: str, **audit_detail: Any) -> None:
    """Keep only what anonymised outcome figures need (route, leaving year, situations); in ``session``."""
    youth = load_youth(session, youth_id)
    for spec in YOUTH_FIELDS.values():
        if spec.name in (
            "route",
            "school_type",
            "planned_situation",
            "actual_situation",
            "leaving_date",
            "birth_date",
            "first_names",
            "last_name",
        ):
            continue
        setattr(youth, spec.name, False if spec.kind == "bool" else None)
    youth.first_names, youth.last_name = "Geanonimiseerd", "-"
    youth.birth_date = dt.date(youth.leaving_date.year - 18 if youth.leaving_date else 2000, 1, 1)
    if youth.leaving_date:
        youth.leaving_date = dt.date(youth.leaving_date.year, 7, 31)
    youth.mentor = None
    youth.attention = None
    youth.anonymised = True
    for name in LISTS:
        getattr(youth, name).clear()
    youth.consents.clear()
    youth.inspections.clear()
    for c in youth.checkins:
        c.notes = None
    session.query(Draft).filter_by(youth_id=youth_id).delete()
    youth.revision += 1
    youth.fixed_contact_name = None
    audit.record(session, actor, "erase", "youth", youth_id, mode="anonymise", **audit_detail)


def erase_youth(session: Session, actor: str, youth_id: str, **audit_detail: Any) -> None:
    """Delete the young person and everything that hangs on them; in ``session``."""
    youth = load_youth(session, youth_id, full=False)
    session.delete(youth)
    audit.record(session, actor, "erase", "youth", youth_id, mode="erase", **audit_detail)
