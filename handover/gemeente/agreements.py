"""The agreements of a received dossier as Werk en Inkomen sees them now.

The body the school sent holds the agreements as they were when it was sealed; every later change
(by the school or by Werk en Inkomen) is an :class:`~handover.sync.models.AgreementVersion`. The
current heads of an agreement override the body's copy. Two heads for one agreement are a conflict:
both are kept and shown, nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.gemeente.body import parse_date
from handover.sync.models import AgreementVersion

WERK_EN_INKOMEN = "werk_en_inkomen"


@dataclass(frozen=True)
class AgreementVersionLine:
    """One head of an agreement (two or more of them: a conflict to resolve)."""

    version_id: str
    action: str
    organisation: str
    person: str | None
    deadline: dt.date | None
    status: str
    note: str | None
    changed_by: str
    changed_by_org: str
    changed_at: dt.datetime | None
    origin: str


@dataclass(frozen=True)
class EffectiveAgreement:
    agreement_id: str
    action: str
    organisation: str
    person: str | None
    deadline: dt.date | None
    status: str  # open · gedaan · vervallen (stored); see :meth:`state` for "verlopen"
    note: str | None
    changed_by: str | None  # None: as the school sent it in the dossier
    changed_by_org: str | None
    changed_at: dt.datetime | None
    conflict: bool
    heads: tuple[AgreementVersionLine, ...] = ()

    def state(self, today: dt.date) -> str:
        return rules.agreement_state(self.status, self.deadline, today)

    @property
    def for_werk_en_inkomen(self) -> bool:
        return self.organisation == WERK_EN_INKOMEN


def _line(v: AgreementVersion) -> AgreementVersionLine:
    return AgreementVersionLine(
        version_id=v.version_id,
        action=v.action,
        organisation=v.organisation,
        person=v.person,
        deadline=v.deadline,
        status=v.status,
        note=v.note,
        changed_by=v.changed_by,
        changed_by_org=v.changed_by_org,
        changed_at=v.changed_at,
        origin=v.origin,
    )


def heads_by_dossier(
    session: Session, dossier_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], dict[str, list[AgreementVersionLine]]]:
    """(school org, dossier id) → agreement id → its head versions (newest first)."""
    stmt = select(AgreementVersion).where(AgreementVersion.head.is_(True))
    if dossier_ids is not None:
        stmt = stmt.where(AgreementVersion.dossier_id.in_(list(dossier_ids)))
    out: dict[tuple[str, str], dict[str, list[AgreementVersionLine]]] = defaultdict(lambda: defaultdict(list))
    for v in session.scalars(stmt):
        out[(v.school_org, v.dossier_id)][v.agreement_id].append(_line(v))
    for per_agreement in out.values():
        for heads in per_agreement.values():
            heads.sort(key=lambda h: h.changed_at or dt.datetime.min, reverse=True)
    return out


def effective_agreements(
    body_items: Sequence[Mapping[str, Any]] | Any, heads: Mapping[str, Sequence[AgreementVersionLine]]
) -> list[EffectiveAgreement]:
    """The body's agreements with the heads applied, then agreements that exist only as versions."""
    result: list[EffectiveAgreement] = []
    seen: set[str] = set()
    items = body_items if isinstance(body_items, list) else []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        agreement_id = str(item.get("id") or "")
        seen.add(agreement_id)
        these = heads.get(agreement_id, ())
        if these:
            result.append(_from_heads(agreement_id, these))
            continue
        result.append(
            EffectiveAgreement(
                agreement_id=agreement_id,
                action=str(item.get("action") or ""),
                organisation=str(item.get("organisation") or ""),
                person=item.get("person") or None,
                deadline=parse_date(item.get("deadline")),
                status=str(item.get("status") or "open"),
                note=None,
                changed_by=None,
                changed_by_org=None,
                changed_at=None,
                conflict=False,
            )
        )
    for agreement_id, these in heads.items():
        if agreement_id not in seen and these:
            result.append(_from_heads(agreement_id, these))
    return result


def _from_heads(agreement_id: str, heads: Sequence[AgreementVersionLine]) -> EffectiveAgreement:
    top = heads[0]
    return EffectiveAgreement(
        agreement_id=agreement_id,
        action=top.action,
        organisation=top.organisation,
        person=top.person,
        deadline=top.deadline,
        status=top.status,
        note=top.note,
        changed_by=top.changed_by,
        changed_by_org=top.changed_by_org,
        changed_at=top.changed_at,
        conflict=len(heads) > 1,
        heads=tuple(heads),
    )
