"""Outbox planning: what a dossier's current revision means for each gemeente, and when it is planned.

Only dossiers the mentor sent once deliberately (:mod:`handover.sync.sending`) are planned; their
later changes follow (a setting). Two paths lead here. The change hook
(:meth:`OutboxPlanner.on_change`) runs inside the transaction that changed a dossier, so its outbox
row commits or rolls back with the change. The catch-up scan (:meth:`OutboxPlanner.scan`) at the
start of every sync covers changes made without the hook (bulk import, demo data, a window opened
before enrollment); it reads frozen dossier views in bulk (``services.views.load_dossier_views``),
seals them in chunks of one transaction each, and encrypts on a worker process when there are many.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from handover.crypto.envelope import EnvelopeError, utc_now_iso
from handover.crypto.keys import KeyMaterialError
from handover.crypto.manifest import ManifestError
from handover.domain import rules
from handover.services.consent import valid_consent_for_org
from handover.services.context import AppContext
from handover.services.merge import bulk_cache
from handover.services.records import dossier_dict
from handover.services.settings import get_setting
from handover.services.views import DossierView, load_dossier_views
from handover.store import audit
from handover.store.models import AuditEvent, Youth
from handover.sync.agreement_graph import seed_roots
from handover.sync.agreements import Agreements
from handover.sync.bulk import chunks
from handover.sync.dossier_status import is_sync_session
from handover.sync.encryptor import Encryptor, spawn_pool
from handover.sync.errors import SyncUsageError
from handover.sync.messages import ConsentRef, DossierBody, SchoolRef, WithdrawalBody
from handover.sync.models import SendChoice, SentRecord, SyncPeer
from handover.sync.outbox import OutboxRow, OutboxWriter
from handover.sync.peers import gemeente_peers
from handover.sync.replica import Replication
from handover.sync.sending import (
    SENDABLE_STATUSES,
    GemeenteRef,
    chosen_ids,
    gemeenten,
    map_free_text_recipients,
    route,
)
from handover.sync.state import Enrollment, load_state
from handover.sync.streams import StreamCache
from handover.sync.tuning import SyncTuning

log = logging.getLogger(__name__)

WITHDRAWAL_REASON = "Toestemming ingetrokken of niet meer geldig"

# The catch-up scan reads every young person (a join over the whole caseload) only now and then: at
# the first scan of the process, after ``FULL_SCAN_SECONDS``, for a gemeente pinned since, and when
# the audit log shows a change it cannot tie to a young person. In between it looks only at the young
# people named by the audit events written since the last scan (every change of a dossier writes one,
# in its own transaction, whichever process made it), so a sync costs the same at 500 or 10,000.
FULL_SCAN_SECONDS = 300.0
BULK_CHUNK = 100  # a chunk of at least this many dossiers reads with the 64 MB page cache
MARKED_MAX = 500  # more young people changed than this since the last scan: one full scan instead
# Audit events (entity, detail "kind") of the sync itself that change no dossier.
_NOT_ABOUT_A_DOSSIER: frozenset[tuple[str, object]] = frozenset()


@dataclass(frozen=True)
class ScanMark:
    """Where the last completed scan stood: the audit log's head it read, when, for which gemeenten."""

    seq: int
    at: float  # time.monotonic()
    # What else decides whether a dossier goes (not in the audit log): the gemeenten and their
    # names, the setting "send later changes automatically", today's date (consents run out).
    context: tuple[object, ...]


@dataclass(frozen=True)
class Decision:
    """What planning needs besides the dossier: the known gemeenten, the mentor's choices, the setting."""

    known: list[GemeenteRef]
    choices: dict[str, SendChoice]
    auto_updates: bool
    # The agreements of the dossier versions sealed in this transaction: their root versions
    # (handover.sync.agreement_graph.seed_roots) are stored with the outbox rows.
    roots: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session, ids: Sequence[str]) -> Decision:
        return cls(
            gemeenten(session), chosen_ids(session, ids), bool(get_setting(session, "send_updates_automatically"))
        )


class OutboxPlanner:
    def __init__(self, ctx: AppContext, writer: OutboxWriter, tuning: SyncTuning) -> None:
        self._ctx = ctx
        self._writer = writer
        self._tuning = tuning
        # Edits of agreements already shared are captured as versions with the dossiers they belong
        # to (only the changed dossiers, so a sync does not read every agreement).
        self._agreements = Agreements(ctx, writer)
        # Several PCs of one school (issue 13): set by the SyncService; every scan also seals this
        # PC's changes for the school's other PCs (handover.sync.replica).
        self.replica: Replication | None = None
        self._mark: ScanMark | None = None
        # The young people the last scan looked at (None: all of them); news after school looks at
        # the same ones.
        self.last_marked: set[str] | None = None
        # The sealed bytes of the rows the scan committed (op id -> envelope), for the push to take
        # without reading them back (handover.sync.push.OutboxBatches); filled only after a commit.
        self.sealed: dict[str, bytes] = {}

    def forget_mark(self) -> None:
        """The next scan reads every young person (a stream was rebased onto the server's revision)."""
        self._mark = None
        self.last_marked = None

    def plan(
        self,
        enrollment: Enrollment,
        youth: DossierView | Youth,
        peer: SyncPeer,
        streams: StreamCache,
        brin: str,
        decision: Decision,
    ) -> OutboxRow | None:
        """The message (signed, not yet encrypted) this dossier's current revision means for ``peer``.

        None when there is nothing to send. A revision that is settled (sent, or nothing to do) moves
        the stream on, so it is never planned twice; one that waits for the mentor (not chosen, a
        change held back, a concept) stays uncovered, so the deliberate send finds it.
        """
        rec = streams.get(youth.id, youth.id)
        if rec.covered_revision >= youth.revision:
            return None
        where = route(youth, decision.known, self._ctx.today())
        row: OutboxRow | None = None
        if where.gemeente is not None and where.gemeente.org_id == peer.org_id:
            consent: Any = where.consent
            choice = decision.choices.get(youth.id)
            waits = (
                choice is None
                or youth.status not in SENDABLE_STATUSES
                or youth.anonymised
                or (not decision.auto_updates and youth.revision > choice.revision)
            )
            if waits:
                return None
            sections = rules.shared_sections(consent)
            dossier = dossier_dict(youth, sections=sections, include_checkins=False)
            if not consent.includes_health:
                dossier.pop("health_notes", None)  # special-category data only with explicit consent
            body = DossierBody(
                youth_revision=youth.revision,
                school=SchoolRef(name=enrollment.org_name, brin=brin),
                sent_by=self._ctx.actor,
                consent=ConsentRef(id=consent.id, given_on=consent.given_on.isoformat(), sections=sections),
                dossier=dossier,
            )
            row = self._writer.prepare(enrollment, rec, peer, body)
            decision.roots.extend((youth.id, item) for item in dossier.get("agreements") or ())
        elif rec.last_kind == "dossier" and (
            valid_consent_for_org(youth.consents, peer.org_id, youth.birth_date, self._ctx.today()) is None
        ):
            withdrawal = WithdrawalBody(dossier_id=youth.id, reason=WITHDRAWAL_REASON, at=utc_now_iso())
            row = self._writer.prepare(enrollment, rec, peer, withdrawal)
        rec.covered_revision = youth.revision
        return row

    # --- the change hook ----------------------------------------------------------------------

    def on_change(self, session: Session, youth: Youth, action: str) -> None:
        """The services' change hook: plan the changed dossier for every gemeente, in its transaction."""
        if is_sync_session(session):
            return  # our own status updates must not send the dossier again
        enrollment = load_state(session).enrollment
        if enrollment is None or not enrollment.is_school:
            return
        brin = str(get_setting(session, "brin"))
        map_free_text_recipients(session)
        decision = Decision.load(session, [youth.id])
        for peer in gemeente_peers(session):
            try:
                streams = StreamCache.load(session, peer.org_id, [youth.id])
                row = self.plan(enrollment, youth, peer, streams, brin, decision)
                if row is not None:
                    self._writer.seal([row])
                    self._writer.insert(session, [row])
                    self._seed_roots(session, enrollment, decision)
                streams.save(session)
                self._agreements.capture(session, enrollment, [youth.id], only_to=peer.org_id)
            except (ManifestError, EnvelopeError, KeyMaterialError, SyncUsageError) as exc:
                # A sync problem must never cost the mentor a save. Nothing is marked as covered,
                # so the catch-up scan of the next sync tries again and reports the reason.
                log.warning("dossier %s niet in de verzendrij gezet: %s", youth.id, type(exc).__name__)

    # --- the catch-up scan --------------------------------------------------------------------

    def scan(self, on_chunk: Callable[[int], None] | None = None, cancel: threading.Event | None = None) -> int:
        """Enqueue every dossier whose revision is not covered yet. Returns how many messages.

        ``on_chunk(n)`` is called after each chunk's transaction committed ``n`` new outbox rows
        (the sync pushes them while the next chunk is sealed). When ``cancel`` is set the scan
        stops between chunks; the next scan goes on from there.
        """
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None or not enrollment.is_school:
                return 0
            peers = gemeente_peers(session)
            peer_ids = [peer.org_id for peer in peers]
            context = (
                self._ctx.today(),
                bool(get_setting(session, "send_updates_automatically")),
                tuple(sorted((p.org_id, p.name, p.recipient_label) for p in peers)),
            )
            head = audit.head(session)[0]
            marked = self._marked(session, head, context)
            self.last_marked = marked
            map_free_text_recipients(session, marked)
            uncovered = {peer_id: self._uncovered(session, peer_id, marked) for peer_id in peer_ids}
        count = 0
        for peer_id in peer_ids:
            ids = uncovered[peer_id]
            pool = None
            if len(ids) >= self._tuning.worker_min_dossiers:
                pool = (self._tuning.encrypt_pool or spawn_pool)()
            with Encryptor(pool) as encryptor:
                for chunk in chunks(ids, self._tuning.scan_chunk):
                    if cancel is not None and cancel.is_set():
                        return count
                    added = self._seal_chunk(enrollment, peer_id, chunk, encryptor)
                    count += added
                    if on_chunk is not None and added:
                        on_chunk(added)
        # Every change up to ``head`` is covered now (or waits for the mentor, and a later event about
        # that young person or a full scan looks again).
        keep = self._mark if marked is not None and self._mark is not None else None
        self._mark = ScanMark(head, keep.at if keep else time.monotonic(), context)
        if self.replica is not None and not (cancel is not None and cancel.is_set()):
            added = self.replica.enqueue()
            count += added
            if on_chunk is not None and added:
                on_chunk(added)
        return count

    def enqueue(self, youth_ids: Sequence[str]) -> int:
        """Plan these dossiers now (the mentor just sent them), so they wait in the outbox even offline."""
        with self._ctx.workspace.session() as session:
            enrollment = load_state(session).enrollment
            if enrollment is None or not enrollment.is_school:
                return 0
            peer_ids = [peer.org_id for peer in gemeente_peers(session)]
        count = 0
        for peer_id in peer_ids:
            with Encryptor(None) as encryptor:
                for chunk in chunks(list(youth_ids), self._tuning.scan_chunk):
                    count += self._seal_chunk(enrollment, peer_id, chunk, encryptor)
        return count

    def _marked(self, session: Session, head: int, context: tuple[object, ...]) -> set[str] | None:
        """The young people changed since the last scan (from the audit log), or None: read them all."""
        mark = self._mark
        if mark is None or time.monotonic() - mark.at > FULL_SCAN_SECONDS or mark.context != context:
            return None
        if head == mark.seq:
            return set()
        if head < mark.seq or head - mark.seq > 4 * MARKED_MAX:
            return None
        marked: set[str] = set()
        events = session.execute(
            select(AuditEvent.entity, AuditEvent.entity_id, AuditEvent.detail).where(AuditEvent.seq > mark.seq)
        )
        for entity, entity_id, detail in events:
            youth = entity_id if entity == "youth" else (detail or {}).get("youth")
            if not isinstance(youth, str) or not youth:
                if (entity, (detail or {}).get("kind")) in _NOT_ABOUT_A_DOSSIER:
                    continue
                return None  # a change not tied to one young person (settings, another PC's changes)
            marked.add(youth)
        return marked if len(marked) <= MARKED_MAX else None

    @staticmethod
    def _uncovered(session: Session, peer_id: str, marked: set[str] | None) -> list[str]:
        """The chosen young people whose revision ``peer_id`` has not covered yet (of ``marked`` only)."""
        if marked is not None and not marked:
            return []
        covered = (
            select(SentRecord.record_id, SentRecord.covered_revision)
            .where(SentRecord.recipient_org == peer_id)
            .subquery()
        )
        query = (
            select(Youth.id)
            .join(SendChoice, SendChoice.youth_id == Youth.id)  # only what the mentor chose
            .outerjoin(covered, covered.c.record_id == Youth.id)
            .where(Youth.revision > func.coalesce(covered.c.covered_revision, 0))
            .order_by(literal_column("youths.rowid"))
        )
        if marked is not None:
            query = query.where(Youth.id.in_(sorted(marked)))
        return list(session.scalars(query))

    def _seal_chunk(self, enrollment: Enrollment, peer_id: str, chunk: Sequence[str], encryptor: Encryptor) -> int:
        """One transaction: each dossier's outbox row and its stream's coverage commit together."""
        group = self._tuning.encrypt_group
        rows: list[OutboxRow] = []
        with (
            self._ctx.workspace.session() as session,
            session.no_autoflush,
            bulk_cache(session, len(chunk) >= BULK_CHUNK),
        ):
            peer = session.get(SyncPeer, peer_id)
            assert peer is not None
            brin = str(get_setting(session, "brin"))
            # Dossiers before streams: a save (and its hook) committing in between then leaves a
            # dossier that looks covered already, never a stream state older than its dossier.
            views = load_dossier_views(session, chunk, checkins=False)
            streams = StreamCache.load(session, peer_id, chunk)
            decision = Decision.load(session, chunk)
            sent_off = 0
            for view in views:
                row = self.plan(enrollment, view, peer, streams, brin, decision)
                if row is not None:
                    rows.append(row)
                if len(rows) - sent_off >= group:
                    encryptor.submit(rows[sent_off:])  # encrypted while we sign the next ones
                    sent_off = len(rows)
            encryptor.submit(rows[sent_off:])
            encryptor.finish()
            self._writer.insert(session, rows)
            self._seed_roots(session, enrollment, decision)
            streams.save(session)
            captured = self._agreements.capture(session, enrollment, chunk, only_to=peer_id)
        # Committed: the push may take these bytes from here.
        self.sealed.update((row.op_id, row.envelope) for row in rows if row.envelope is not None)
        return len(rows) + captured

    def _seed_roots(self, session: Session, enrollment: Enrollment, decision: Decision) -> None:
        if decision.roots:
            seed_roots(
                session,
                school_org=enrollment.org_id,
                items=decision.roots,
                changed_by=self._ctx.actor,
                changed_by_org=enrollment.org_name,
            )
            decision.roots.clear()
