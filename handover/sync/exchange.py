"""What the exchange with Werk en Inkomen looks like from the school (and the agreements from both sides).

Plain dataclasses, no Qt: section K and the printed "Overdracht" block (:func:`exchange_entries`),
the Vandaag card "Nieuw van Werk en Inkomen" (:func:`school_news`), the agreements with who changed
them and their conflicts (:func:`agreement_lines`, both roles; the command ``afspraken``) and the
versions to choose from in a conflict (:func:`agreement_heads`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.domain import vocab
from handover.domain.fields import full_name
from handover.store.models import Agreement, Youth
from handover.sync.agreement_graph import heads
from handover.sync.gaps import VERSION_MISSING
from handover.sync.messages import STATUS_MESSAGES
from handover.sync.models import AgreementVersion, OutboxOp, SendChoice, SentUpdate, SyncReply
from handover.sync.state import load_state

WI = "Werk en Inkomen"


@dataclass(frozen=True)
class ExchangeEntry:
    at: dt.datetime | str
    kind: str  # verstuurd · intrekking · ontvangen · status · intake · afspraak · nieuws
    text: str
    signer: str


@dataclass(frozen=True)
class NewsEntry:
    youth_id: str
    name: str | None
    text: str
    at: dt.datetime
    signer: str


@dataclass(frozen=True)
class AgreementLine:
    id: str
    short_id: str
    action: str
    organisation: str
    person: str | None
    deadline: dt.date | None
    status: str
    changed_by: str | None
    changed_at: dt.datetime | None
    conflict: bool
    versions: list[AgreementVersion] = field(default_factory=list)
    note: str | None = None
    changed_by_org: str | None = None


def parse_at(value: str | None) -> dt.datetime | None:
    """An ISO time from a message as naive UTC (how the database keeps times), None when unreadable."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def _day(value: str | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return value.strftime("%d-%m-%Y")


def status_text(status: str | None, body: dict[str, Any] | None, detail: str | None) -> str:
    """A status message in words: "Intake gepland op 12-01-2027 met A. de Vries", "Route gekozen: …"."""
    body = body or {}
    if status == "intake_gepland" and body.get("intake_date"):
        text = f"Intake gepland op {_day(str(body['intake_date']))}"
        if body.get("klantmanager"):
            text += f" met {body['klantmanager']}"
    elif status == VERSION_MISSING:
        text = "Werk en Inkomen meldt: een versie ontbreekt; de huidige versie gaat opnieuw"
    else:
        text = STATUS_MESSAGES.get(status or "", status or "Statusbericht")
    return f"{text}: {detail}" if detail else text


def agreement_text(version: AgreementVersion, *, conflict: bool = False) -> str:
    status = vocab.AGREEMENT_STATUS.label_of(version.status).lower()
    who = version.changed_by_org or WI
    if not version.parent_ids:
        verb = "toegevoegd"
    elif len(version.parent_ids) > 1:
        verb = "conflict opgelost"
    else:
        verb = "gewijzigd"
    text = f"Afspraak {verb} door {who}: {version.action} ({status})"
    if version.note:
        text += f" – {version.note}"
    if conflict:
        text += " – CONFLICT met de versie van de school"
    return text


def exchange_entries(session: Session, youth_id: str) -> list[ExchangeEntry]:
    """Everything sent and received about one young person, oldest first, each with signer and time."""
    entries: list[tuple[dt.datetime, ExchangeEntry]] = []
    state = load_state(session)
    own = state.enrollment.org_name if state.enrollment is not None else ""
    choice = session.get(SendChoice, youth_id)
    sender = choice.chosen_by if choice is not None else own
    ops = session.scalars(
        select(OutboxOp).where(OutboxOp.youth_id == youth_id, OutboxOp.kind.in_(("dossier", "withdrawal", "update")))
    )
    for op in ops:
        at = op.acked_at or op.created_at
        waiting = "" if op.acked_at else " – wacht op verbinding"
        if op.kind == "dossier":
            entries.append((at, ExchangeEntry(at, "verstuurd", f"Verstuurd (versie {op.revision}){waiting}", sender)))
        elif op.kind == "withdrawal":
            entries.append((at, ExchangeEntry(at, "intrekking", f"Intrekking verstuurd{waiting}", sender)))
    for update in session.scalars(select(SentUpdate).where(SentUpdate.youth_id == youth_id)):
        text = "Nieuws na school verstuurd (contactmoment)"
        entries.append((update.queued_at, ExchangeEntry(update.queued_at, "nieuws", text, sender)))
    for reply in session.scalars(select(SyncReply).where(SyncReply.youth_id == youth_id)):
        at = parse_at(reply.at) or reply.received_at
        if reply.kind == "receipt":
            text = "Intrekking ontvangen door Werk en Inkomen" if reply.status == "intrekking ontvangen" else ""
            text = text or "Ontvangen door Werk en Inkomen"
            entries.append((at, ExchangeEntry(at, "ontvangen", text, reply.signer_name)))
        else:
            body = reply.body if isinstance(reply.body, dict) else {}
            kind = "intake" if reply.status == "intake_gepland" else "status"
            entries.append(
                (at, ExchangeEntry(at, kind, status_text(reply.status, body, reply.detail), reply.signer_name))
            )
    versions = list(
        session.scalars(
            select(AgreementVersion).where(
                AgreementVersion.dossier_id == youth_id, AgreementVersion.origin == "gemeente"
            )
        )
    )
    conflicted = _conflicted(session, {v.agreement_id for v in versions})
    for v in versions:
        text = agreement_text(v, conflict=v.head and v.agreement_id in conflicted)
        entries.append((v.changed_at, ExchangeEntry(v.changed_at, "afspraak", text, v.changed_by)))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


def _conflicted(session: Session, agreement_ids: set[str]) -> set[str]:
    if not agreement_ids:
        return set()
    counts: dict[str, int] = defaultdict(int)
    for agreement_id in session.scalars(
        select(AgreementVersion.agreement_id).where(
            AgreementVersion.agreement_id.in_(list(agreement_ids)), AgreementVersion.head.is_(True)
        )
    ):
        counts[agreement_id] += 1
    return {a for a, n in counts.items() if n > 1}


def school_news(session: Session, *, since: dt.datetime | None = None) -> list[NewsEntry]:
    """School: replies and agreement changes from Werk en Inkomen (newest first), since ``since`` if given."""
    found: list[NewsEntry] = []
    replies = select(SyncReply)
    if since is not None:
        replies = replies.where(SyncReply.received_at > since)
    for reply in session.scalars(replies):
        at = parse_at(reply.at) or reply.received_at
        if reply.kind == "receipt":
            text = (
                "Intrekking ontvangen" if reply.status == "intrekking ontvangen" else "Ontvangen door Werk en Inkomen"
            )
        else:
            body = reply.body if isinstance(reply.body, dict) else {}
            text = status_text(reply.status, body, reply.detail)
        found.append(NewsEntry(reply.youth_id, None, text, at, reply.signer_name))
    versions = select(AgreementVersion).where(AgreementVersion.origin == "gemeente")
    if since is not None:
        versions = versions.where(AgreementVersion.changed_at > since)
    all_versions = list(session.scalars(versions))
    conflicted = _conflicted(session, {v.agreement_id for v in all_versions})
    for v in all_versions:
        text = agreement_text(v, conflict=v.head and v.agreement_id in conflicted)
        found.append(NewsEntry(v.dossier_id, None, text, v.changed_at, v.changed_by))
    names = _names(session, {n.youth_id for n in found})
    found = [NewsEntry(n.youth_id, names.get(n.youth_id), n.text, n.at, n.signer) for n in found]
    found.sort(key=lambda n: n.at, reverse=True)
    return found


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Youth.id, Youth.first_names, Youth.infix, Youth.last_name, Youth.called_name).where(
            Youth.id.in_(list(ids))
        )
    )
    return {row.id: full_name(row.first_names, row.infix, row.last_name, row.called_name) for row in rows}


def agreement_heads(session: Session, agreement_id: str) -> list[AgreementVersion]:
    """The current versions of one agreement (two or more: a conflict to choose from)."""
    return heads(session, agreement_id)


def agreement_lines(session: Session, dossier_id: str) -> list[AgreementLine]:
    """One line per agreement of a dossier, with who changed it last and whether it is in conflict.

    School: the dossier's own agreements (the local value, also during a conflict) plus their
    versions. Gemeente: the agreements of the received dossier as its versions hold them.
    """
    versions: dict[str, list[AgreementVersion]] = defaultdict(list)
    for v in session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.dossier_id == dossier_id)
        .order_by(AgreementVersion.changed_at, AgreementVersion.version_id)
    ):
        versions[v.agreement_id].append(v)
    lines: list[AgreementLine] = []
    seen: set[str] = set()
    items = session.scalars(
        select(Agreement).where(Agreement.youth_id == dossier_id).order_by(Agreement.position, Agreement.id)
    )
    for item in items:
        seen.add(item.id)
        history = versions.get(item.id, [])
        current = [v for v in history if v.head]
        last = max(current, key=lambda v: v.changed_at) if current else None
        lines.append(
            AgreementLine(
                id=item.id,
                short_id=item.id[:8],
                action=item.action,
                organisation=item.organisation,
                person=item.person,
                deadline=item.deadline,
                status=item.status,
                changed_by=last.changed_by if last else None,
                changed_at=last.changed_at if last else item.updated_at,
                conflict=len(current) > 1,
                versions=history,
                note=last.note if last else None,
                changed_by_org=last.changed_by_org if last else None,
            )
        )
    for agreement_id, history in versions.items():
        if agreement_id in seen:
            continue
        current = [v for v in history if v.head] or history[-1:]
        last = max(current, key=lambda v: v.changed_at)
        lines.append(
            AgreementLine(
                id=agreement_id,
                short_id=agreement_id[:8],
                action=last.action,
                organisation=last.organisation,
                person=last.person,
                deadline=last.deadline,
                status=last.status,
                changed_by=last.changed_by,
                changed_at=last.changed_at,
                conflict=len(current) > 1,
                versions=history,
                note=last.note,
                changed_by_org=last.changed_by_org,
            )
        )
    return lines
