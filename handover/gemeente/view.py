"""One received dossier, read-only, as the klantmanager sees it: sections A–K as far as the consent
covered them, what changed since the previous version, the school and its key, and the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handover.domain.fields import CONSENT_FIELDS, SECTIONS, FieldSpec, ListSpec, SectionSpec
from handover.domain.vocab import AGREEMENT_ORG, AGREEMENT_STATUS, HANDOVER_STATUS
from handover.gemeente.agreements import EffectiveAgreement, effective_agreements, heads_by_dossier
from handover.gemeente.body import changed_names, covered_sections, dossier_of, name_of, parse_date, value_text
from handover.gemeente.queries import update_text
from handover.services.context import AppContext
from handover.store.models import AuditEvent
from handover.sync.messages import STATUS_MESSAGES, receipt_op_id
from handover.sync.models import (
    AgreementVersion,
    OutboxOp,
    ReceivedDossier,
    ReceivedUpdate,
    ReceivedVersion,
    SyncPeer,
)
from handover.sync.peers import fingerprint_of

NOT_COVERED = "Geen toestemming om dit onderdeel te delen"
WITHDRAWN = "De toestemming is ingetrokken; de inhoud van dit dossier is gewist."


class Opener(Protocol):
    """What opening needs of the sync engine (``SyncService.mark_opened``)."""

    def mark_opened(self, sender_org: str, record_id: str) -> None: ...


class NotReadable(Exception):
    """The dossier cannot be opened (unknown, or its consent was withdrawn). The message is Dutch."""


@dataclass(frozen=True)
class FieldLine:
    name: str
    label: str
    value: str
    changed: bool = False
    long: bool = False


@dataclass(frozen=True)
class ListBlock:
    name: str
    label: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    changed: bool = False


@dataclass(frozen=True)
class SectionView:
    code: str
    title: str
    covered: bool
    fields: tuple[FieldLine, ...] = ()
    lists: tuple[ListBlock, ...] = ()
    note: str | None = None

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.fields) or any(b.changed for b in self.lists)


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str  # versie · ontvangst · status · nieuws · afspraak · ingetrokken
    text: str
    signer: str


@dataclass(frozen=True)
class ReceivedView:
    sender_org: str
    record_id: str
    name: str
    school: str
    school_confirmed: bool
    school_fingerprint: str
    revision: int
    received_at: dt.datetime
    sent_at: str
    previous_revision: int | None
    case_status: str
    intake_date: dt.date | None
    klantmanager: str | None
    covered: frozenset[str]
    changed: frozenset[str]
    sections: tuple[SectionView, ...]
    agreements: tuple[EffectiveAgreement, ...]
    timeline: tuple[TimelineEntry, ...]
    receipt_state: str

    @property
    def short_id(self) -> str:
        return self.record_id[:8]

    def section(self, code: str) -> SectionView:
        return next(s for s in self.sections if s.code == code)


def _row(session: Session, sender_org: str, record_id: str) -> ReceivedDossier:
    row = session.get(ReceivedDossier, (sender_org, record_id))
    if row is None:
        raise NotReadable("Dit dossier is hier niet ontvangen.")
    return row


def received_view(session: Session, sender_org: str, record_id: str, *, today: dt.date) -> ReceivedView:
    """Read one received dossier. Raises :class:`NotReadable` for a withdrawn or unknown one."""
    row = _row(session, sender_org, record_id)
    if row.withdrawn_at is not None or row.body is None:
        raise NotReadable(WITHDRAWN)
    body: Mapping[str, Any] = row.body
    dossier = dossier_of(body)
    covered = covered_sections(body)
    previous = session.scalar(
        select(ReceivedVersion)
        .where(
            ReceivedVersion.sender_org == sender_org,
            ReceivedVersion.record_id == record_id,
            ReceivedVersion.revision < row.revision,
            ReceivedVersion.body.is_not(None),
        )
        .order_by(ReceivedVersion.revision.desc())
        .limit(1)
    )
    changed = changed_names(dossier_of(previous.body), dossier) if previous is not None else frozenset()
    heads = heads_by_dossier(session, [record_id]).get((sender_org, record_id), {})
    agreements = tuple(effective_agreements(dossier.get("agreements"), heads))
    peer = session.get(SyncPeer, sender_org)
    sections = tuple(_section(spec, dossier, covered, changed, agreements, today, row) for spec in SECTIONS)
    return ReceivedView(
        sender_org=sender_org,
        record_id=record_id,
        name=name_of(dossier) or record_id[:8],
        school=row.school_name,
        school_confirmed=bool(peer and peer.confirmed),
        school_fingerprint=fingerprint_of(peer) if peer is not None else "",
        revision=row.revision,
        received_at=row.received_at,
        sent_at=row.sent_at,
        previous_revision=previous.revision if previous is not None else None,
        case_status=row.case_status or "ontvangen",
        intake_date=row.intake_date,
        klantmanager=row.klantmanager,
        covered=covered,
        changed=changed,
        sections=sections,
        agreements=agreements,
        timeline=tuple(timeline(session, sender_org, record_id)),
        receipt_state=_receipt_state(session, row),
    )


def _field_lines(specs: tuple[FieldSpec, ...], dossier: Mapping[str, Any], changed: frozenset[str]) -> list[FieldLine]:
    lines = []
    for spec in specs:
        value = dossier.get(spec.name)
        if spec.kind != "bool" and value in (None, ""):
            if spec.name in changed:  # emptied in this version: say so
                lines.append(FieldLine(spec.name, spec.label, "(leeggemaakt)", True))
            continue
        text = value_text(spec, value)
        if spec.name in ("address", "postcode") and dossier.get("secret_address"):
            text = "Geheim adres: niet getoond"
        lines.append(FieldLine(spec.name, spec.label, text, spec.name in changed, spec.kind == "longtext"))
    return lines


def _list_block(lst: ListSpec, dossier: Mapping[str, Any], changed: frozenset[str]) -> ListBlock:
    items = dossier.get(lst.name)
    rows = tuple(
        tuple(value_text(f, item.get(f.name)) for f in lst.fields)
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, Mapping)
    )
    return ListBlock(lst.name, lst.label, tuple(f.label for f in lst.fields), rows, lst.name in changed)


def _section(
    spec: SectionSpec,
    dossier: Mapping[str, Any],
    covered: frozenset[str],
    changed: frozenset[str],
    agreements: tuple[EffectiveAgreement, ...],
    today: dt.date,
    row: ReceivedDossier,
) -> SectionView:
    if spec.code not in covered:
        return SectionView(spec.code, spec.title, False, note=NOT_COVERED)
    fields = _field_lines(spec.fields, dossier, changed)
    lists = [_list_block(lst, dossier, changed) for lst in spec.lists if lst.name != "agreements"]
    if spec.code == "I":
        lists.append(_agreement_block(agreements, today, "agreements" in changed))
    elif spec.code == "J":
        lists += _consent_blocks(dossier, changed)
    elif spec.code == "K":
        fields = [
            FieldLine("status", "Overdrachtstatus bij de school", HANDOVER_STATUS.label_of(dossier.get("status"))),
            FieldLine("mentor", "Mentor", str(dossier.get("mentor") or "")),
            FieldLine("case_status", "Stand bij Werk en Inkomen", row.case_status or "ontvangen"),
        ]
        if row.intake_date:
            fields.append(FieldLine("intake_date", "Intake", row.intake_date.strftime("%d-%m-%Y")))
        if row.klantmanager:
            fields.append(FieldLine("klantmanager", "Klantmanager", row.klantmanager))
    return SectionView(spec.code, spec.title, True, tuple(fields), tuple(lists))


def _agreement_block(agreements: tuple[EffectiveAgreement, ...], today: dt.date, changed: bool) -> ListBlock:
    rows = []
    for a in agreements:
        state = AGREEMENT_STATUS.label_of(a.state(today))
        if a.conflict:
            state = f"Conflict: {len(a.heads)} versies"
        who = AGREEMENT_ORG.label_of(a.organisation) + (f": {a.person}" if a.person else "")
        by = f"{a.changed_by} ({a.changed_by_org})" if a.changed_by else "school (in het dossier)"
        rows.append((a.action, who, a.deadline.strftime("%d-%m-%Y") if a.deadline else "", state, by))
    headers = ("Actie", "Wie", "Tot wanneer", "Status", "Laatst gewijzigd door")
    return ListBlock("agreements", "Afspraken: wie doet wat, tot wanneer", headers, tuple(rows), changed)


def _consent_blocks(dossier: Mapping[str, Any], changed: frozenset[str]) -> list[ListBlock]:
    raw_consents = dossier.get("consents")
    consents: list[Any] = raw_consents if isinstance(raw_consents, list) else []
    shown = [f for f in CONSENT_FIELDS if f.name in ("given_by", "given_by_name", "recipient", "given_on", "form")]
    rows = tuple(
        (*(value_text(f, c.get(f.name)) for f in shown), ", ".join(str(s) for s in c.get("sections") or []))
        for c in consents
        if isinstance(c, Mapping)
    )
    headers = (*(f.label for f in shown), "Onderdelen")
    raw_inspections = dossier.get("inspections")
    inspections: list[Any] = raw_inspections if isinstance(raw_inspections, list) else []
    seen = tuple(
        (
            value_text(FieldSpec("seen_on", "", "date"), i.get("seen_on")),
            "eens" if i.get("agrees") else "niet eens",
            str(i.get("reason") or ""),
        )
        for i in inspections
        if isinstance(i, Mapping)
    )
    return [
        ListBlock("consents", "Toestemming", headers, rows, "consents" in changed),
        ListBlock("inspections", "Inzage door de jongere", ("Gezien op", "Oordeel", "Toelichting"), seen),
    ]


def _receipt_state(session: Session, row: ReceivedDossier) -> str:
    if not row.op_id:
        return ""
    status = session.scalar(select(OutboxOp.status).where(OutboxOp.op_id == receipt_op_id(row.sender_org, row.op_id)))
    if status == "acked":
        return "Ontvangstbevestiging verstuurd"
    if status is not None:
        return "Ontvangstbevestiging klaar, wacht op verbinding"
    return "Ontvangstbevestiging nog niet gemaakt"


def timeline(session: Session, sender_org: str, record_id: str) -> list[TimelineEntry]:
    """Versions, receipts, status messages, the intake, news from school and agreement versions, oldest first."""
    entries: list[TimelineEntry] = []
    school = (
        session.scalar(
            select(ReceivedDossier.school_name).where(
                ReceivedDossier.sender_org == sender_org, ReceivedDossier.record_id == record_id
            )
        )
        or ""
    )
    versions = session.scalars(
        select(ReceivedVersion)
        .where(ReceivedVersion.sender_org == sender_org, ReceivedVersion.record_id == record_id)
        .order_by(ReceivedVersion.revision)
    ).all()
    for v in versions:
        entries.append(TimelineEntry(v.received_at, "versie", f"Versie {v.revision} ontvangen", school))
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity == "received_dossier", AuditEvent.entity_id == record_id)
        .order_by(AuditEvent.seq)
    ).all()
    for e in events:
        detail = e.detail or {}
        if detail.get("sender") not in (None, sender_org) or detail.get("recipient") not in (None, sender_org):
            continue
        if e.action == "receive" and not versions:
            entries.append(TimelineEntry(e.at, "versie", f"Versie {detail.get('revision', '?')} ontvangen", school))
        elif e.action == "send" and detail.get("kind") == "receipt":
            entries.append(TimelineEntry(e.at, "ontvangst", "Ontvangstbevestiging verstuurd", e.actor))
        elif e.action == "change" and detail.get("intake_date"):
            day = parse_date(detail.get("intake_date"))
            when = day.strftime("%d-%m-%Y") if day else str(detail.get("intake_date"))
            text = f"Intake gepland op {when} met {detail.get('klantmanager') or 'onbekend'}"
            entries.append(TimelineEntry(e.at, "intake", text, e.actor))
        elif e.action == "send" and detail.get("kind") == "status" and detail.get("status") != "intake_gepland":
            status = str(detail.get("status") or "")
            text = STATUS_MESSAGES.get(status, status)
            entries.append(TimelineEntry(e.at, "status", f"Statusbericht: {text}", e.actor))
        elif e.action == "erase":
            entries.append(TimelineEntry(e.at, "ingetrokken", "Toestemming ingetrokken; inhoud gewist", school))
        elif e.action == "print":
            entries.append(TimelineEntry(e.at, "afgedrukt", "Afgedrukt", e.actor))
    for u in session.scalars(
        select(ReceivedUpdate)
        .where(ReceivedUpdate.sender_org == sender_org, ReceivedUpdate.record_id == record_id)
        .order_by(ReceivedUpdate.id)
    ):
        text = "Nieuws van school: " + update_text(u.situation, u.situation_reason, u.care_signal, u.job_loss)
        if u.held_on:
            text += f" (contactmoment {u.held_on:%d-%m-%Y})"
        entries.append(TimelineEntry(u.received_at, "nieuws", text, school))
    for a in session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.school_org == sender_org, AgreementVersion.dossier_id == record_id)
        .order_by(AgreementVersion.changed_at)
    ):
        state = AGREEMENT_STATUS.label_of(a.status).lower()
        text = f"Afspraak ({state}) door {a.changed_by_org}: {a.action}"
        if a.note:
            text += f" — {a.note}"
        entries.append(TimelineEntry(a.changed_at, "afspraak", text, a.changed_by))
    entries.sort(key=lambda t: t.at)
    return entries


@dataclass(frozen=True)
class Arrived:
    """What a sync brought for a dossier since it was read into a :class:`ReceivedView`."""

    revision: int | None = None  # the number of a newer version, if one came
    news: int = 0  # news from school (check-ins) not in the view
    agreements: int = 0  # agreement versions not in the view
    withdrawn: bool = False  # the consent was withdrawn: the content is gone

    @property
    def anything(self) -> bool:
        return self.revision is not None or self.news > 0 or self.agreements > 0 or self.withdrawn


def arrived_since(session: Session, view: ReceivedView) -> Arrived:
    """Compare the stored dossier with ``view`` (cheap: counts, no body read)."""
    row = session.execute(
        select(ReceivedDossier.revision, ReceivedDossier.withdrawn_at).where(
            ReceivedDossier.sender_org == view.sender_org, ReceivedDossier.record_id == view.record_id
        )
    ).one_or_none()
    if row is None or row.withdrawn_at is not None:
        return Arrived(withdrawn=True)
    kinds = [e.kind for e in view.timeline]
    news = session.scalar(
        select(func.count()).where(
            ReceivedUpdate.sender_org == view.sender_org, ReceivedUpdate.record_id == view.record_id
        )
    )
    agreements = session.scalar(
        select(func.count()).where(
            AgreementVersion.school_org == view.sender_org, AgreementVersion.dossier_id == view.record_id
        )
    )
    return Arrived(
        revision=row.revision if row.revision > view.revision else None,
        news=max(0, int(news or 0) - kinds.count("nieuws")),
        agreements=max(0, int(agreements or 0) - kinds.count("afspraak")),
    )


def mark_updates_seen(session: Session, sender_org: str, record_id: str) -> int:
    """The klantmanager opened the dossier: its news from school no longer waits on Vandaag."""
    from handover.store.models import utcnow

    count = 0
    for u in session.scalars(
        select(ReceivedUpdate).where(
            ReceivedUpdate.sender_org == sender_org,
            ReceivedUpdate.record_id == record_id,
            ReceivedUpdate.seen_at.is_(None),
        )
    ):
        u.seen_at = utcnow()
        count += 1
    return count


def open_received(ctx: AppContext, service: Opener, sender_org: str, record_id: str) -> ReceivedView:
    """Open a dossier as the klantmanager does: read it (refused when withdrawn), then mark it opened
    (picked up, this version seen, its news seen; ``mark_opened`` writes the audit event "view")."""
    with ctx.session() as session:
        view = received_view(session, sender_org, record_id, today=ctx.today())
    service.mark_opened(sender_org, record_id)
    with ctx.session() as session:
        mark_updates_seen(session, sender_org, record_id)
    return view
