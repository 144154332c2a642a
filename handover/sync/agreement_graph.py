"""The version graph of an agreement: heads, fast-forward or conflict, and the message form.

See :mod:`handover.sync.agreements` for how both sides use it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from handover.domain import vocab
from handover.store.models import Agreement, utcnow
from handover.sync.bulk import table_of
from handover.sync.errors import SyncUsageError
from handover.sync.messages import (
    AgreementBody,
    AgreementFields,
    Signer,
    agreement_version_op_id,
    root_version_id,
)
from handover.sync.models import AgreementVersion, ReceivedDossier

SCHOOL = "school"
GEMEENTE = "gemeente"
FIELDS = ("action", "organisation", "person", "deadline", "status")
STATUSES = ("open", "gedaan", "vervallen")  # "verlopen" is derived from the deadline, never stored

WITHDRAWN = "De toestemming voor dit dossier is ingetrokken: de afspraken kunnen niet meer worden gewijzigd."
UNKNOWN = "Deze afspraak bestaat niet (meer)."
IN_CONFLICT = "Deze afspraak heeft een conflict: kies eerst welke versie blijft (afspraak oplossen)."


def heads(session: Session, agreement_id: str) -> list[AgreementVersion]:
    """The current versions of one agreement, oldest first (more than one: a conflict)."""
    return list(
        session.scalars(
            select(AgreementVersion)
            .where(AgreementVersion.agreement_id == agreement_id, AgreementVersion.head.is_(True))
            .order_by(AgreementVersion.changed_at, AgreementVersion.version_id)
        )
    )


def values_of(item: AgreementVersion | Agreement) -> tuple[Any, ...]:
    return tuple(getattr(item, name) for name in FIELDS)


def add_version(session: Session, version: AgreementVersion) -> bool:
    """Keep ``version`` (idempotent by id) and move the heads: its parents stop being heads.

    A parent that is the only head is a fast-forward; an incoming version whose parent is not a
    head (the other side changed it meanwhile) becomes a second head: a conflict. Returns False when
    the version was already there.
    """
    session.flush()
    if session.get(AgreementVersion, version.version_id) is not None:
        return False
    parents = set(version.parent_ids)
    for head in heads(session, version.agreement_id):
        if head.version_id in parents:
            head.head = False
    # A version that arrived after one following on from it (never in order streams, but cheap to hold).
    later = session.scalars(
        select(AgreementVersion.parent_ids).where(AgreementVersion.agreement_id == version.agreement_id)
    )
    version.head = not any(version.version_id in (ids or []) for ids in later)
    session.add(version)
    session.flush()
    return True


def seed_roots(
    session: Session,
    *,
    school_org: str,
    items: Sequence[tuple[str, dict[str, Any]]],
    changed_by: str,
    changed_by_org: str,
    at: dt.datetime | None = None,
) -> int:
    """The root version of each (dossier id, agreement as in a dossier body) that has no version yet.

    Both sides call this with the body of a dossier version (the school when it seals it, the
    gemeente when it receives it), so both hold the same root under the same id without a message.
    One query and one executemany. Returns how many roots were added.
    """
    wanted = {str(item.get("id")): (dossier_id, item) for dossier_id, item in items if item.get("id")}
    if not wanted:
        return 0
    session.flush()
    known = set(
        session.scalars(select(AgreementVersion.agreement_id).where(AgreementVersion.agreement_id.in_(list(wanted))))
    )
    when = at or utcnow()
    codes = set(vocab.AGREEMENT_ORG.codes())
    rows: list[dict[str, Any]] = []
    for agreement_id, (dossier_id, item) in wanted.items():
        if agreement_id in known:
            continue
        organisation = str(item.get("organisation") or "overig")
        status = str(item.get("status") or "open")
        try:
            deadline = dt.date.fromisoformat(str(item["deadline"])) if item.get("deadline") else None
        except ValueError:
            deadline = None
        rows.append(
            {
                "version_id": root_version_id(school_org, agreement_id),
                "agreement_id": agreement_id,
                "dossier_id": dossier_id,
                "school_org": school_org,
                "parent_ids": [],
                "action": str(item.get("action") or "")[:500],
                "organisation": organisation if organisation in codes else "overig",
                "person": (str(item["person"])[:200] if item.get("person") else None),
                "deadline": deadline,
                "status": status if status in STATUSES else "open",
                "note": None,
                "changed_by": changed_by[:200],
                "changed_by_org": changed_by_org[:200],
                "changed_at": when,
                "origin": SCHOOL,
                "head": True,
                "op_id": None,
            }
        )
    if rows:
        session.execute(insert(table_of(AgreementVersion)), rows)  # Core executemany: no ORM bookkeeping
    return len(rows)


def seed_from_body(session: Session, row: ReceivedDossier) -> int:
    """Gemeente: root versions for the agreements of the dossier version held that have none yet."""
    body = row.body if isinstance(row.body, dict) else {}
    dossier = body.get("dossier") if isinstance(body.get("dossier"), dict) else {}
    items = [i for i in (dossier or {}).get("agreements") or () if isinstance(i, dict)]
    if not items:
        return 0
    return seed_roots(
        session,
        school_org=row.sender_org,
        items=[(row.record_id, i) for i in items],
        changed_by=str(body.get("sent_by") or row.school_name),
        changed_by_org=row.school_name,
    )


def new_version(
    *,
    agreement_id: str,
    dossier_id: str,
    school_org: str,
    parents: Sequence[str],
    values: dict[str, Any],
    note: str | None,
    changed_by: str,
    changed_by_org: str,
    origin: str,
) -> AgreementVersion:
    version_id = str(uuid.uuid4())
    return AgreementVersion(
        version_id=version_id,
        agreement_id=agreement_id,
        dossier_id=dossier_id,
        school_org=school_org,
        parent_ids=list(parents),
        action=values["action"],
        organisation=values["organisation"],
        person=values.get("person"),
        deadline=values.get("deadline"),
        status=values.get("status") or "open",
        note=note,
        changed_by=changed_by[:200],
        changed_by_org=changed_by_org[:200],
        changed_at=utcnow(),
        origin=origin,
        head=True,
        op_id=agreement_version_op_id(version_id),
    )


def body_of(version: AgreementVersion, signer: Signer) -> AgreementBody:
    return AgreementBody(
        dossier_id=version.dossier_id,
        agreement_id=version.agreement_id,
        version_id=version.version_id,
        parent_ids=list(version.parent_ids),
        fields=AgreementFields(
            action=version.action,
            organisation=version.organisation,
            person=version.person,
            deadline=version.deadline.isoformat() if version.deadline else None,
            status=version.status,
        ),
        note=version.note,
        changed_by=version.changed_by,
        changed_by_org=version.changed_by_org,
        at=version.changed_at.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z"),
        signer=signer,
    )


def version_from_body(body: AgreementBody, school_org: str, origin: str) -> AgreementVersion:
    """The version a received message describes (checked: a known organisation and status, a real date)."""
    fields = body.fields
    if fields.organisation not in vocab.AGREEMENT_ORG.codes() or fields.status not in STATUSES:
        raise ValueError("unknown value")
    deadline = dt.date.fromisoformat(fields.deadline) if fields.deadline else None
    changed_at = dt.datetime.fromisoformat(body.at.replace("Z", "+00:00")).astimezone(dt.UTC).replace(tzinfo=None)
    return AgreementVersion(
        version_id=body.version_id,
        agreement_id=body.agreement_id,
        dossier_id=body.dossier_id,
        school_org=school_org,
        parent_ids=list(body.parent_ids),
        action=fields.action[:500],
        organisation=fields.organisation,
        person=fields.person[:200] if fields.person else None,
        deadline=deadline,
        status=fields.status,
        note=body.note,
        changed_by=body.changed_by[:200],
        changed_by_org=body.changed_by_org[:200],
        changed_at=changed_at,
        origin=origin,
        head=True,
        op_id=None,
    )


def clean_status(status: str) -> str:
    value = status.strip().lower()
    if value not in STATUSES:
        raise SyncUsageError(f"Onbekende status van een afspraak; kies uit: {', '.join(STATUSES)}.")
    return value


def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in FIELDS:
            raise SyncUsageError(f"Een afspraak heeft geen veld '{name}'.")
        if name == "status":
            out[name] = clean_status(str(value))
        elif name == "organisation":
            code = str(value)
            entries = vocab.AGREEMENT_ORG.entries
            by_label = {label.lower(): c for c, label in entries}
            code = code if code in vocab.AGREEMENT_ORG.codes() else by_label.get(code.strip().lower(), "")
            if not code:
                raise SyncUsageError(f"Onbekende organisatie; kies uit: {', '.join(label for _, label in entries)}.")
            out[name] = code
        elif name == "deadline":
            if value is not None and not isinstance(value, dt.date):
                raise SyncUsageError("Geef de datum van de afspraak als datum.")
            out[name] = value
        elif name == "action":
            text = " ".join(str(value or "").split())
            if len(text) > 500:
                raise SyncUsageError("De actie is te lang (hoogstens 500 tekens).")
            out[name] = text
        else:
            out[name] = " ".join(str(value).split())[:200] if value else None
    return out
