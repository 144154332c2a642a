"""The bodies of the messages inside the envelopes and their ids.

Dossier, withdrawal, receipt and status; since issue 10 also an agreement's new version
("afspraak", both ways), news after school ("nazorg") and anonymised cohort figures ("cijfers").

A body is one line of JSON with sorted keys and no spaces (line 4 of the envelope's plaintext, see
:mod:`handover.crypto.envelope`); :func:`encode_body` writes exactly the bytes the earlier
dict-based code wrote, so envelopes already sealed in an outbox and messages from older installations
read the same. On receipt the ``type`` field picks the model (a discriminated union); fields a
receiver does not need may be missing, and unknown fields are kept, so a newer sender's additions
are not lost.

Receipts have deterministic op ids and the gemeente's replies about one dossier form one stream
with a deterministic record id, known to both sides: receiving the same dossier twice can never
produce two receipts.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from handover.domain.text import clean_received, one_line
from handover.wire import OpKind

# Status messages the gemeente can send about a received dossier, with their Dutch labels.
STATUS_MESSAGES = {
    "intake_gepland": "Intake gepland",
    "route": "Route gekozen",
    "klantmanager": "Klantmanager toegewezen",
    "afgerond": "Begeleiding afgerond",
}

# Fixed namespace for deterministic ids (reply streams, receipts): never change it.
_NAMESPACE = uuid.UUID("6f7c0b0e-6a8e-4f51-9b0c-3a1f0f2d9c11")


def new_op_id() -> str:
    return str(uuid.uuid4())


def reply_record_id(school_org: str, dossier_id: str) -> str:
    """The record id of the gemeente's reply stream about one school dossier (same on both sides)."""
    return str(uuid.uuid5(_NAMESPACE, f"reply:{school_org}:{dossier_id}"))


def school_updates_record_id(school_org: str, dossier_id: str) -> str:
    """The school's stream to the gemeente about one dossier besides the dossier itself: news after
    school and the school's agreement versions (same on both sides)."""
    return str(uuid.uuid5(_NAMESPACE, f"school-updates:{school_org}:{dossier_id}"))


def figures_record_id(school_org: str, gemeente_org: str) -> str:
    """The stream of a school's anonymised cohort figures to one gemeente."""
    return str(uuid.uuid5(_NAMESPACE, f"figures:{school_org}:{gemeente_org}"))


def update_op_id(school_org: str, checkin_id: str) -> str:
    """Deterministic: one held check-in gives at most one update, however often the sync runs."""
    return str(uuid.uuid5(_NAMESPACE, f"update:{school_org}:{checkin_id}"))


def root_version_id(school_org: str, agreement_id: str) -> str:
    """The first version of an agreement: as the first dossier version that carried it said (both sides
    derive it from that body, so it never travels on its own)."""
    return str(uuid.uuid5(_NAMESPACE, f"agreement-root:{school_org}:{agreement_id}"))


def agreement_version_op_id(version_id: str) -> str:
    """Deterministic: a version travels once (its op id follows from its id)."""
    return str(uuid.uuid5(_NAMESPACE, f"agreement:{version_id}"))


def receipt_op_id(school_org: str, dossier_op_id: str) -> str:
    """Deterministic: receiving the same dossier message twice can never create two receipts."""
    return str(uuid.uuid5(_NAMESPACE, f"receipt:{school_org}:{dossier_op_id}"))


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    # Optional fields added after the body's first release: left out of the bytes while unset, so
    # a message without them is byte-identical to what earlier versions wrote.
    omit_when_none: ClassVar[frozenset[str]] = frozenset()


class SchoolRef(_Part):
    name: str | None = None
    brin: str | None = None

    @field_validator("name", "brin")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return None if value is None else one_line(value)


class ConsentRef(_Part):
    id: str
    given_on: str
    sections: list[str]


class Signer(_Part):
    """Who signed a reply at the gemeente (shown to the school)."""

    name: str | None = None
    org_name: str | None = None

    @field_validator("name", "org_name")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return None if value is None else one_line(value)


class AuditHead(_Part):
    """The sender's audit log head when the message was signed: a copy outside its database."""

    seq: int
    hash: str


class DossierBody(_Part):
    """A version of the overstapdossier, limited to the sections the consent covers."""

    kind: ClassVar[OpKind] = "dossier"
    type: Literal["overstapdossier"] = "overstapdossier"
    version: int = 1
    youth_revision: int | None = None
    school: SchoolRef | None = None
    sent_by: str | None = None
    consent: ConsentRef | None = None
    dossier: dict[str, Any]
    audit_head: AuditHead | None = None  # absent in messages from older versions


class WithdrawalBody(_Part):
    """Consent was withdrawn: the receiver erases the content it holds."""

    kind: ClassVar[OpKind] = "withdrawal"
    type: Literal["intrekking"] = "intrekking"
    version: int = 1
    dossier_id: str
    reason: str | None = None
    at: str | None = None
    audit_head: AuditHead | None = None  # absent in messages from older versions


class ReceiptBody(_Part):
    """The gemeente's signed receipt for one dossier version."""

    kind: ClassVar[OpKind] = "receipt"
    type: Literal["ontvangstbevestiging"] = "ontvangstbevestiging"
    version: int = 1
    dossier_id: str
    dossier_revision: int | None = None
    dossier_op_id: str | None = None
    dossier_sha256: str | None = None
    at: str | None = None
    signer: Signer | None = None
    audit_head: AuditHead | None = None  # absent in messages from older versions


class StatusBody(_Part):
    """A status message from the gemeente (intake planned, route, klantmanager) about one dossier."""

    kind: ClassVar[OpKind] = "status"
    type: Literal["statusbericht"] = "statusbericht"
    version: int = 1
    dossier_id: str
    status: str | None = None
    detail: str | None = None
    at: str | None = None
    signer: Signer | None = None
    audit_head: AuditHead | None = None  # absent in messages from older versions
    # With status "intake_gepland" (issue 10): the date (ISO) and the klantmanager.
    intake_date: str | None = None
    klantmanager: str | None = None
    omit_when_none: ClassVar[frozenset[str]] = frozenset({"intake_date", "klantmanager"})

    @field_validator("klantmanager")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return None if value is None else one_line(value)


class AgreementFields(_Part):
    """The content of one agreement version ("wie doet wat, tot wanneer")."""

    action: str
    organisation: str
    person: str | None = None
    deadline: str | None = None  # ISO date
    status: str = "open"


class AgreementBody(_Part):
    """A new version of an agreement of a sent dossier, from either side.

    ``parent_ids`` are the versions it follows on from: one for a change, every head for a
    resolved conflict, none for a new agreement. The receiver keeps every version.
    """

    kind: ClassVar[OpKind] = "agreement"
    type: Literal["afspraak"] = "afspraak"
    version: int = 1
    dossier_id: str
    agreement_id: str
    version_id: str
    parent_ids: list[str] = Field(default_factory=list)
    fields: AgreementFields
    note: str | None = None
    changed_by: str
    changed_by_org: str
    at: str
    signer: Signer | None = None
    audit_head: AuditHead | None = None

    @field_validator("changed_by", "changed_by_org")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return one_line(value)


class UpdateBody(_Part):
    """News after school: a held check-in with a changed situation or a care signal "zorg".

    ``notes`` only when the consent covers the notes of check-ins. ``job_loss`` and
    ``previous_situation`` are the school's reading (it holds the whole history)."""

    kind: ClassVar[OpKind] = "update"
    type: Literal["nazorg"] = "nazorg"
    version: int = 1
    dossier_id: str
    held_on: str
    situation: str | None = None
    situation_reason: str | None = None
    care_signal: str | None = None
    next_contact: str | None = None
    notes: str | None = None
    previous_situation: str | None = None
    job_loss: bool | None = None
    at: str
    signer: Signer | None = None
    audit_head: AuditHead | None = None


class FiguresBody(_Part):
    """A school's anonymised cohort figures on one reference date (issue 12): no names, no ids."""

    kind: ClassVar[OpKind] = "figures"
    type: Literal["cijfers"] = "cijfers"
    version: int = 1
    peildatum: str
    school: str
    rows: list[Any]
    at: str | None = None
    signer: Signer | None = None
    audit_head: AuditHead | None = None


AnyBody = DossierBody | WithdrawalBody | ReceiptBody | StatusBody | AgreementBody | UpdateBody | FiguresBody
# On receipt the "type" field decides which model a body is.
MessageBody = Annotated[AnyBody, Field(discriminator="type")]
_BODY: TypeAdapter[AnyBody] = TypeAdapter(MessageBody)


class MalformedBody(ValueError):
    """The body is not JSON, not an object, or not a message this version knows."""


def encode_body(body: AnyBody) -> bytes:
    """One line of JSON, keys sorted: the same bytes for the same message, on every machine.

    Without an audit head the bytes are exactly those of the versions before it existed."""
    value = body.model_dump(mode="json")
    if value.get("audit_head") is None:
        value.pop("audit_head", None)
    for name in body.omit_when_none:
        if value.get(name) is None:
            value.pop(name, None)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def load_object(data: bytes) -> dict[str, Any]:
    """The body's JSON object (the first check on receipt, before its type is looked at)."""
    try:
        value = json.loads(data)
    except ValueError:
        raise MalformedBody("not JSON") from None
    if not isinstance(value, dict):
        raise MalformedBody("not an object")
    # Names and texts from another organisation never carry terminal escapes or bidi overrides.
    cleaned: dict[str, Any] = clean_received(value)
    return cleaned


def parse_body(value: dict[str, Any]) -> AnyBody:
    try:
        return _BODY.validate_python(value)
    except ValidationError:
        raise MalformedBody("not a known message") from None


def decode_body(data: bytes) -> AnyBody:
    return parse_body(load_object(data))


def stored_form(body: BaseModel) -> dict[str, Any]:
    """What the receiver keeps in its database: the fields as received (none added)."""
    return body.model_dump(mode="json", exclude_unset=True)
