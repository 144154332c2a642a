"""Client tables for sync: state, pinned peers, outbox, applied inbox, quarantine, received data.

They live in the same encrypted database as the dossiers (so an outbox row commits together with
the change that caused it) and are created by Alembic revision ``0002_sync``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from handover.store.models import Base, utcnow


class SyncStateEntry(Base):
    """Key/value rows behind :class:`handover.sync.state.SyncState` (read and written only there)."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class SyncPeer(Base):
    """Another organisation whose root key we pinned (school: confirmed by phone; gemeente: on first use)."""

    __tablename__ = "sync_peers"
    org_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    root_public_key: Mapped[bytes] = mapped_column(LargeBinary)
    manifest: Mapped[bytes] = mapped_column(LargeBinary)
    manifest_signature: Mapped[bytes] = mapped_column(LargeBinary)
    # The consent's "recipient" text that means this organisation (consent is given per recipient).
    recipient_label: Mapped[str] = mapped_column(String(200))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OutboxOp(Base):
    """One message to send. The envelope is built when the row is written, so retries are identical.

    The envelope bytes live in :class:`OutboxEnvelope`: SQLite rewrites a whole row (overflow pages
    included) on every update, and status updates after each push made up most of a large sync.
    """

    __tablename__ = "sync_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int] = mapped_column(Integer)
    recipient_org: Mapped[str] = mapped_column(String(64))
    youth_id: Mapped[str | None] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|acked|conflict|rejected
    seq: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    acked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    body: Mapped[OutboxEnvelope] = relationship(cascade="all, delete-orphan", single_parent=True, lazy="joined")

    @property
    def envelope(self) -> bytes:
        return self.body.envelope


class OutboxEnvelope(Base):
    __tablename__ = "sync_outbox_envelopes"
    outbox_id: Mapped[int] = mapped_column(ForeignKey("sync_outbox.id", ondelete="CASCADE"), primary_key=True)
    envelope: Mapped[bytes] = mapped_column(LargeBinary)


class SentRecord(Base):
    """Per record and recipient: the last wire revision enqueued and the local revision it covers."""

    __tablename__ = "sync_records"
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    recipient_org: Mapped[str] = mapped_column(String(64), primary_key=True)
    youth_id: Mapped[str | None] = mapped_column(String(36), index=True)
    last_revision: Mapped[int] = mapped_column(Integer, default=0)
    last_kind: Mapped[str | None] = mapped_column(String(16))
    covered_revision: Mapped[int] = mapped_column(Integer, default=0)


class InboxApplied(Base):
    """Every message applied from the inbox: makes applying idempotent and detects replays."""

    __tablename__ = "sync_inbox"
    sender_org: Mapped[str] = mapped_column(String(64), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    envelope_sha256: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_sync_inbox_record", "sender_org", "record_id", "revision"),)


class Quarantined(Base):
    """A message that was refused (tampered, unsigned, misaddressed, replayed). Never applied."""

    __tablename__ = "sync_quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer)
    op_id: Mapped[str] = mapped_column(String(64))
    sender_org: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(300))
    envelope_sha256: Mapped[str] = mapped_column(String(64))
    envelope: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReceivedDossier(Base):
    """Gemeente side: a dossier received from a school, decrypted and verified (in the encrypted DB)."""

    __tablename__ = "received_dossiers"
    sender_org: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_name: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer)
    op_id: Mapped[str] = mapped_column(String(64))
    envelope_sha256: Mapped[str] = mapped_column(String(64))
    signer_device: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    body: Mapped[Any | None] = mapped_column(JSON)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    receipt_op_id: Mapped[str | None] = mapped_column(String(64))
    last_status: Mapped[str | None] = mapped_column(String(40))
    # The klantmanager's work on it (revision 0006). "Nieuwe versie ontvangen": revision > last opened;
    # "nieuw ontvangen": never picked up (set when first opened).
    last_opened_revision: Mapped[int | None] = mapped_column(Integer)
    picked_up_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    intake_date: Mapped[dt.date | None] = mapped_column(Date)
    klantmanager: Mapped[str | None] = mapped_column(String(200))
    # ontvangen · intake gepland · in begeleiding · afgerond (see handover.sync.intake.CASE_STATUSES)
    case_status: Mapped[str] = mapped_column(String(20), default="ontvangen")


class ReceivedVersion(Base):
    """Gemeente side: every dossier version received, for "what changed". A withdrawal empties each body."""

    __tablename__ = "received_versions"
    sender_org: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[Any | None] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReceivedUpdate(Base):
    """Gemeente side: news after school (a held check-in with a changed situation or a care signal).

    ``notes`` only when the consent covers the notes of check-ins; every row goes on withdrawal."""

    __tablename__ = "received_updates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_org: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64))
    op_id: Mapped[str] = mapped_column(String(64), unique=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    situation: Mapped[str | None] = mapped_column(String(40))
    situation_reason: Mapped[str | None] = mapped_column(String(40))
    care_signal: Mapped[str | None] = mapped_column(String(20))
    next_contact: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    job_loss: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_received_updates_record", "sender_org", "record_id"),)


class AgreementVersion(Base):
    """Both sides: one version of an agreement of a sent dossier. Nothing is ever overwritten.

    ``head`` marks the current versions; more than one head for one ``agreement_id`` is a conflict
    (both shown until someone resolves it with a version whose parents are all heads).
    ``dossier_id`` is the school's youth id (the record id of the dossier stream).
    """

    __tablename__ = "agreement_versions"
    version_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agreement_id: Mapped[str] = mapped_column(String(36), index=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    school_org: Mapped[str] = mapped_column(String(64))
    parent_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    action: Mapped[str] = mapped_column(String(500))
    organisation: Mapped[str] = mapped_column(String(40))
    person: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_by_org: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(10))  # school | gemeente
    head: Mapped[bool] = mapped_column(Boolean, default=True)
    op_id: Mapped[str | None] = mapped_column(String(64))


class SentUpdate(Base):
    """School side: a held check-in whose news after school went into the outbox (never twice,
    also after the outbox row was pruned)."""

    __tablename__ = "sync_sent_updates"
    checkin_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    youth_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_org: Mapped[str] = mapped_column(String(64))
    op_id: Mapped[str] = mapped_column(String(64))
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReceivedFigures(Base):
    """Gemeente side: a school's anonymised cohort figures for one reference date (issue 12)."""

    __tablename__ = "received_figures"
    sender_org: Mapped[str] = mapped_column(String(64), primary_key=True)
    peildatum: Mapped[str] = mapped_column(String(10), primary_key=True)
    school_name: Mapped[str] = mapped_column(String(200))
    body: Mapped[Any] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncReply(Base):
    """School side: a signed receipt or status message from Werk en Inkomen about one dossier."""

    __tablename__ = "sync_replies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    youth_id: Mapped[str] = mapped_column(String(36), index=True)
    sender_org: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    op_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_device: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(40))
    body: Mapped[Any] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SendChoice(Base):
    """School side: a dossier the mentor sent deliberately. Only these go out; later versions follow.

    ``revision`` is the dossier's revision at the last deliberate send: with the setting
    "send later changes automatically" off, newer revisions wait for the next deliberate send.
    """

    __tablename__ = "sync_send_choices"
    youth_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    chosen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    chosen_by: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer)
