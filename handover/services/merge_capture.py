"""One caseload over the school's PCs: stamping local changes and merging other PCs' changes.

The register algebra lives in :mod:`handover.store.merge`; this module connects it to the dossier
tables (the public API, with conflicts and the canonical hash, is :mod:`handover.services.merge`):

- :func:`capture` stamps local changes: every young person whose revision moved since the last
  capture is compared field by field (and item by item) with its replicated state; each changed
  field becomes a local write (one new dot per entity), a missing item a delete, an erased young
  person a tombstone. It runs at sync time and before every merge, so the write path of the editor,
  the import and the demo pays nothing for it.
- Merging other PCs' states and writing them into the dossier tables: :mod:`handover.services.merge_apply`.

Both work in bulk with Core statements (a new PC receives 10,000 young people at once): rows are
read per chunk of young people and written with one executemany per table and column set.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from sqlalchemy import Date, DateTime, Table, Text, bindparam, delete, insert, select, type_coerce, update
from sqlalchemy.orm import Session

from handover.services.merge_bulk import _insert_many, bulk_cache, state_text
from handover.store import merge as reg
from handover.store.merge import EXISTS, MergeClock, MergeEntity, ReplicaMark, State
from handover.store.models import LIST_MODELS, CheckIn, Consent, Inspection, Youth, utcnow

ENTITY_MODELS: dict[str, type[Any]] = {
    "youth": Youth,
    **LIST_MODELS,
    "consents": Consent,
    "inspections": Inspection,
    "checkins": CheckIn,
}
ITEM_ENTITIES = tuple(name for name in ENTITY_MODELS if name != "youth")
# Per device, or derived from other fields: never replicated.
_YOUTH_LOCAL = {"id", "revision", "created_at", "updated_at", "next_checkin_due", "fixed_contact_name"}
_ITEM_LOCAL = {"id", "youth_id", "created_at", "updated_at"}
CHUNK = 400
MERGE = cast(Table, MergeEntity.__table__)
MARKS = cast(Table, ReplicaMark.__table__)


def _table(entity: str) -> Table:
    return cast(Table, ENTITY_MODELS[entity].__table__)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


@cache
def replicated_fields(entity: str) -> tuple[str, ...]:
    """The columns of ``entity`` that travel between the school's PCs."""
    skip = _YOUTH_LOCAL if entity == "youth" else _ITEM_LOCAL
    return tuple(c.key for c in _table(entity).columns if c.key not in skip)


@cache
def _kinds(entity: str) -> dict[str, str]:
    kinds = {}
    for column in _table(entity).columns:
        if isinstance(column.type, DateTime):
            kinds[column.key] = "datetime"
        elif isinstance(column.type, Date):
            kinds[column.key] = "date"
    return kinds


@cache
def _required(entity: str) -> frozenset[str]:
    return frozenset(c.key for c in _table(entity).columns if not c.nullable)


@cache
def _defaults(entity: str) -> dict[str, Any]:
    """What a NOT NULL column holds when a state has no value for it (the model's own default)."""
    result: dict[str, Any] = {}
    for column in _table(entity).columns:
        default = column.default
        if not column.nullable and default is not None and getattr(default, "is_scalar", False):
            result[column.key] = getattr(default, "arg", None)
    return result


def encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def decode(entity: str, name: str, value: Any) -> Any:
    if value is None or name == EXISTS:
        return value
    kind = _kinds(entity).get(name)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    return value


# --- stored states --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingState:
    entity: str
    entity_id: str
    youth_id: str
    state: State
    # The state's JSON text as it arrived (stored as it is when the entity is new here: not encoded again).
    text: str | None = field(default=None, compare=False, repr=False)


@dataclass
class Stored:
    """One row of ``merge_entities`` as read (and changed) in this transaction."""

    entity: str
    entity_id: str
    youth_id: str
    state: State
    applied: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False
    conflicted: bool = False
    new: bool = False
    changed: bool = False
    text: str | None = None  # the state's JSON text, when known (see :class:`IncomingState`)

    def set(self, state: State, *, local: bool = False) -> None:
        self.state = state
        self.text = None
        self.conflicted = reg.has_conflict(state)
        self.changed = True
        if local:
            self.dirty = True


def load_states(session: Session, youth_ids: Sequence[str]) -> dict[tuple[str, str], Stored]:
    result: dict[tuple[str, str], Stored] = {}
    c = MERGE.c
    for part in _chunks(youth_ids):
        query = select(c.entity, c.entity_id, c.youth_id, c.state, c.applied, c.dirty, c.conflicted).where(
            c.youth_id.in_(part)
        )
        for row in session.execute(query):
            result[(row[0], row[1])] = Stored(row[0], row[1], row[2], row[3], row[4] or {}, row[5], row[6])
    return result


def load_one(session: Session, entity: str, entity_id: str) -> Stored | None:
    c = MERGE.c
    row = session.execute(
        select(c.entity, c.entity_id, c.youth_id, c.state, c.applied, c.dirty, c.conflicted).where(
            c.entity == entity, c.entity_id == entity_id
        )
    ).first()
    return None if row is None else Stored(row[0], row[1], row[2], row[3], row[4] or {}, row[5], row[6])


Taken = tuple[str, str, str, str]  # entity, entity id, youth id, the state's JSON text


def _applied_text(applied: dict[str, Any]) -> str:
    return state_text(applied) if applied else "{}"


def merge_row(s: Stored, text: str | None = None) -> dict[str, Any]:
    """The ``merge_entities`` row of a new register row (``text``: its state as JSON, when known)."""
    return {
        "entity": s.entity,
        "entity_id": s.entity_id,
        "youth_id": s.youth_id,
        "state": text if text is not None else s.text if s.text is not None else state_text(s.state),
        "applied": _applied_text(s.applied),
        "dirty": s.dirty,
        "conflicted": s.conflicted,
    }


def save_states(session: Session, stored: Iterable[Stored], taken: list[Taken] | None = None) -> None:
    """Write the new and changed rows. With ``taken``, the states to send are not marked dirty but
    handed over at once (entity, id, youth id, JSON text), in the caller's transaction, as
    :func:`take_dirty_json` would give them."""
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for s in stored:
        if not (s.new or s.changed):
            continue
        text = s.text if s.text is not None else state_text(s.state)
        if taken is not None and s.dirty:
            taken.append((s.entity, s.entity_id, s.youth_id, text))
            s.dirty = False
        if s.new:
            new.append(merge_row(s, text))
        elif s.changed:
            changed.append(
                {
                    "k_entity": s.entity,
                    "k_id": s.entity_id,
                    "b_state": text,
                    "b_applied": _applied_text(s.applied),
                    "b_dirty": s.dirty,
                    "b_conflicted": s.conflicted,
                }
            )
        s.new = s.changed = False
    _insert_many(session, MERGE, new, as_text=("state", "applied"))
    if changed:
        c = MERGE.c
        session.execute(
            update(MERGE)
            .where(c.entity == bindparam("k_entity"), c.entity_id == bindparam("k_id"))
            .values(
                state=bindparam("b_state", type_=Text()),
                applied=bindparam("b_applied", type_=Text()),
                dirty=bindparam("b_dirty"),
                conflicted=bindparam("b_conflicted"),
            )
            .execution_options(synchronize_session=False),
            changed,
        )


def _set_marks(session: Session, revisions: dict[str, int]) -> None:
    if not revisions:
        return
    ids = list(revisions)
    known: set[str] = set()
    for part in _chunks(ids):
        known.update(session.scalars(select(MARKS.c.youth_id).where(MARKS.c.youth_id.in_(part))))
    fresh = [{"youth_id": y, "captured_revision": r} for y, r in revisions.items() if y not in known]
    old = [{"k_youth": y, "b_rev": r} for y, r in revisions.items() if y in known]
    if fresh:
        session.execute(insert(MARKS), fresh)
    if old:
        session.execute(
            update(MARKS)
            .where(MARKS.c.youth_id == bindparam("k_youth"))
            .values(captured_revision=bindparam("b_rev"))
            .execution_options(synchronize_session=False),
            old,
        )


# --- this PC's clock --------------------------------------------------------------------------


def _clock(session: Session) -> MergeClock:
    clock = session.scalars(select(MergeClock)).first()
    if clock is None:
        clock = MergeClock(device_id=uuid.uuid4().hex[:16], counter=0, lamport=0)
        session.add(clock)
        session.flush()
    return clock


def device_id(session: Session) -> str:
    """This PC's id in the replicated state (made on first use, kept in the database)."""
    return _clock(session).device_id


@dataclass
class Writer:
    """Stamps local writes: one dot per entity write, Lamport above everything seen."""

    session: Session
    actor: str
    clock: MergeClock = field(init=False)
    at: str = field(init=False)
    _batch: list[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.clock = _clock(self.session)
        self.at = utcnow().replace(microsecond=0).isoformat()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many dots: counted in plain integers and put on the clock once, at the end (also when the
        caller fails: its transaction is rolled back then, and the clock with it)."""
        self._batch = [self.clock.counter, self.clock.lamport]
        try:
            yield
        finally:
            self.clock.counter, self.clock.lamport = self._batch
            self._batch = None

    def dot(self, state: State) -> dict[str, Any]:
        ticks = self._batch
        if ticks is None:
            self.clock.counter += 1
            self.clock.lamport = max(self.clock.lamport, reg.max_lamport(state)) + 1
            counter, lamport = self.clock.counter, self.clock.lamport
        else:
            counter = ticks[0] = ticks[0] + 1
            lamport = ticks[1] = max(ticks[1], reg.max_lamport(state)) + 1
        return {
            "device": self.clock.device_id,
            "counter": counter,
            "lamport": lamport,
            "at": self.at,
            "user": self.actor,
        }


# --- what the dossier tables hold now ----------------------------------------------------------

Snapshot = dict[tuple[str, str], tuple[str, dict[str, Any]]]


@cache
def _dated(entity: str) -> tuple[str, ...]:
    kinds = _kinds(entity)
    return tuple(n for n in replicated_fields(entity) if n in kinds)


def _encoded(entity: str, values: Any) -> dict[str, Any]:
    """One row's replicated values as :func:`encode` gives them (only dates and times change)."""
    result = dict(zip(replicated_fields(entity), values, strict=True))
    for name in _dated(entity):
        value = result[name]
        if value is not None:
            result[name] = value.isoformat()
    return result


def _snapshot(session: Session, ids: Sequence[str]) -> tuple[dict[str, int], Snapshot]:
    """(revision per young person, encoded values per entity) of these young people, as stored."""
    revisions: dict[str, int] = {}
    local: Snapshot = {}
    youths = _table("youth")
    names = replicated_fields("youth")
    for row in session.execute(
        select(youths.c.id, youths.c.revision, *(youths.c[n] for n in names)).where(youths.c.id.in_(ids))
    ).all():
        revisions[row[0]] = int(row[1] or 0)
        local[("youth", row[0])] = (row[0], _encoded("youth", row[2:]))
    for entity in ITEM_ENTITIES:
        table = _table(entity)
        names = replicated_fields(entity)
        query = select(table.c.id, table.c.youth_id, *(table.c[n] for n in names)).where(table.c.youth_id.in_(ids))
        for row in session.execute(query).all():
            local[(entity, row[0])] = (row[1], _encoded(entity, row[2:]))
    return revisions, local


# --- capture: local changes become stamped writes ------------------------------------------------


def _changed_youths(session: Session, youth_ids: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """(young people changed here since their last capture, young people erased here since)."""
    query = (
        select(Youth.id)
        .outerjoin(ReplicaMark, ReplicaMark.youth_id == Youth.id)
        .where((ReplicaMark.youth_id.is_(None)) | (ReplicaMark.captured_revision != Youth.revision))
    )
    gone_query = (
        select(ReplicaMark.youth_id).outerjoin(Youth, Youth.id == ReplicaMark.youth_id).where(Youth.id.is_(None))
    )
    if youth_ids is None:
        return list(session.scalars(query)), list(session.scalars(gone_query))
    changed: list[str] = []
    gone: list[str] = []
    for part in _chunks(list(youth_ids)):
        changed += session.scalars(query.where(Youth.id.in_(part))).all()
        gone += session.scalars(gone_query.where(ReplicaMark.youth_id.in_(part))).all()
    return changed, gone


BULK_YOUTHS = 100


def capture(
    session: Session, actor: str, youth_ids: Sequence[str] | None = None, *, taken: list[Taken] | None = None
) -> int:
    """Stamp every local change not stamped yet (of ``youth_ids``, or all). Returns how many entities
    got a write. The changed rows are marked dirty: :func:`take_dirty` hands them to the sync; or, with
    ``taken`` (the sync itself), appended to it at once (see :func:`save_states`)."""
    session.flush()
    changed, gone = _changed_youths(session, youth_ids)
    if not changed and not gone:
        return 0
    with bulk_cache(session, len(changed) >= BULK_YOUTHS):
        return _capture(session, actor, changed, gone, taken)


def _capture(session: Session, actor: str, changed: list[str], gone: list[str], taken: list[Taken] | None) -> int:
    writer = Writer(session, actor)
    with writer.batch():
        count = _stamp_all(session, writer, changed, gone, taken)
    session.flush()
    return count


def _stamp_all(session: Session, writer: Writer, changed: list[str], gone: list[str], taken: list[Taken] | None) -> int:
    count = 0
    for part in _chunks(changed):
        revisions, local = _snapshot(session, part)
        stored = load_states(session, part)
        for key, (youth_id, values) in local.items():
            count += _stamp(writer, stored, key, youth_id, values)
        for key, row in stored.items():
            if key in local or row.youth_id not in revisions:
                continue
            if reg.shown(reg.siblings(row.state, EXISTS), EXISTS):
                # Deleted here: __exists__ False; the values stay, so an edit made concurrently elsewhere
                # keeps the whole item (a conflict), not half of it.
                row.set(reg.write(row.state, {EXISTS: False}, **writer.dot(row.state)), local=True)
                count += 1
        save_states(session, stored.values(), taken)
        _set_marks(session, revisions)
    for part in _chunks(gone):
        stored = load_states(session, part)
        for row in stored.values():
            if reg.shown(reg.siblings(row.state, EXISTS), EXISTS) or len(reg.field_names(row.state)) > 1:
                row.set(reg.tombstone(row.state, **writer.dot(row.state)), local=True)
                count += 1
        save_states(session, stored.values(), taken)
        session.execute(delete(MARKS).where(MARKS.c.youth_id.in_(part)))
    return count


def _stamp(
    writer: Writer, stored: dict[tuple[str, str], Stored], key: tuple[str, str], youth_id: str, local: dict[str, Any]
) -> int:
    row = stored.get(key)
    if row is None:
        # None is what an absent field shows: only values are written (most fields of a new dossier are empty).
        values = {k: v for k, v in local.items() if v is not None}
        state = reg.write(reg.empty_state(), {**values, EXISTS: True}, **writer.dot(reg.empty_state()))
        stored[key] = Stored(key[0], key[1], youth_id, state, {}, True, False, new=True)  # one write: no conflict
        return 1
    shown = reg.shown_values(row.state)
    changes = {k: v for k, v in local.items() if reg.canonical(shown.get(k)) != reg.canonical(v)}
    # An open 'deleted on one PC, changed on another' waits for a person's choice, not for the next edit.
    open_delete = reg.distinct_values(reg.siblings(row.state, EXISTS)) > 1
    if not shown.get(EXISTS, False) and not open_delete:
        changes[EXISTS] = True  # deleted elsewhere and still (or again) here: kept
    if not changes:
        return 0
    written = changes if open_delete else {**changes, EXISTS: True}
    row.set(reg.write(row.state, written, **writer.dot(row.state)), local=True)
    return 1


def take_dirty(session: Session) -> list[IncomingState]:
    """The states written here and not yet handed to the sync, marked clean in one statement (in the
    caller's transaction, which also writes them to the outbox)."""
    session.flush()
    c = MERGE.c
    rows = session.execute(
        update(MERGE)
        .where(c.dirty.is_(True))
        .values(dirty=False)
        .returning(c.entity, c.entity_id, c.youth_id, c.state)
        .execution_options(synchronize_session=False)
    ).all()
    return sorted(
        (IncomingState(r[0], r[1], r[2], r[3]) for r in rows), key=lambda s: (s.youth_id, s.entity, s.entity_id)
    )


def take_dirty_json(session: Session) -> list[Taken]:
    """:func:`take_dirty` with each state as its stored JSON text (not parsed: the sync packs it as is)."""
    session.flush()
    c = MERGE.c
    rows = session.execute(
        update(MERGE)
        .where(c.dirty.is_(True))
        .values(dirty=False)
        .returning(c.entity, c.entity_id, c.youth_id, type_coerce(c.state, Text))
        .execution_options(synchronize_session=False)
    ).all()
    return sorted(((r[0], r[1], r[2], r[3]) for r in rows), key=lambda s: (s[2], s[0], s[1]))
