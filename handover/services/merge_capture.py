"""One caseload over the school's PCs: stamping local changes and merging other PCs' changes.

The register algebra lives in :mod:`handover.store.merge`; this module connects it to the dossier
tables (the public API, with conflicts and the canonical hash, is :mod:`handover.services.merge`):

- :func:`capture` stamps local changes: every young person whose revision moved since the last
  capture is compared field by field (and item by item) with its replicated state; each changed
  field becomes a local write (one new dot per entity), a missing item a delete, an erased young
  person a tombstone. It runs at sync time and before every merge, so the write path of the editor,
  the import and the demo pays nothing for it.
- :func:`apply_states` merges states received from other PCs (idempotent and commutative: the
  join of the register algebra) and writes the shown values into the dossier tables.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Date, DateTime, delete, select
from sqlalchemy.orm import Session, selectinload

from handover.domain import rules
from handover.store import audit
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
_YOUTH_REQUIRED = ("first_names", "last_name", "birth_date")
CHUNK = 400


@cache
def replicated_fields(entity: str) -> tuple[str, ...]:
    """The columns of ``entity`` that travel between the school's PCs."""
    model = ENTITY_MODELS[entity]
    skip = _YOUTH_LOCAL if entity == "youth" else _ITEM_LOCAL
    return tuple(c.key for c in model.__table__.columns if c.key not in skip)


@cache
def _kinds(entity: str) -> dict[str, str]:
    kinds = {}
    for column in ENTITY_MODELS[entity].__table__.columns:
        if isinstance(column.type, DateTime):
            kinds[column.key] = "datetime"
        elif isinstance(column.type, Date):
            kinds[column.key] = "date"
    return kinds


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
class _Writer:
    """Stamps local writes: one dot per entity write, Lamport above everything seen."""

    session: Session
    actor: str
    clock: MergeClock = field(init=False)
    at: str = field(init=False)

    def __post_init__(self) -> None:
        self.clock = _clock(self.session)
        self.at = utcnow().replace(microsecond=0).isoformat()

    def dot(self, state: State) -> dict[str, Any]:
        self.clock.counter += 1
        self.clock.lamport = max(self.clock.lamport, reg.max_lamport(state)) + 1
        return {
            "device": self.clock.device_id,
            "counter": self.clock.counter,
            "lamport": self.clock.lamport,
            "at": self.at,
            "user": self.actor,
        }


def _entities(session: Session, youth_ids: Sequence[str]) -> dict[tuple[str, str], MergeEntity]:
    rows: dict[tuple[str, str], MergeEntity] = {}
    for start in range(0, len(youth_ids), CHUNK):
        part = youth_ids[start : start + CHUNK]
        for row in session.scalars(select(MergeEntity).where(MergeEntity.youth_id.in_(part))):
            rows[(row.entity, row.entity_id)] = row
    return rows


def _shown_values(state: State) -> dict[str, Any]:
    return reg.shown_values(state)


def _local_values(entity: str, obj: Any) -> dict[str, Any]:
    return {name: encode(getattr(obj, name)) for name in replicated_fields(entity)}


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
    if youth_ids is not None:
        ids = list(youth_ids)
        changed: list[str] = []
        gone: list[str] = []
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            changed += session.scalars(query.where(Youth.id.in_(part))).all()
            gone += session.scalars(gone_query.where(ReplicaMark.youth_id.in_(part))).all()
        return changed, gone
    return list(session.scalars(query)), list(session.scalars(gone_query))


def _load_full(session: Session, ids: Sequence[str]) -> list[Youth]:
    return list(
        session.scalars(
            select(Youth)
            .where(Youth.id.in_(ids))
            .options(*(selectinload(getattr(Youth, name)) for name in ITEM_ENTITIES))
        )
    )


def capture(session: Session, actor: str, youth_ids: Sequence[str] | None = None) -> int:
    """Stamp every local change not stamped yet (of ``youth_ids``, or all). Returns how many entities
    got a write. The changed rows are marked dirty: :func:`take_dirty` hands them to the sync."""
    changed, gone = _changed_youths(session, youth_ids)
    if not changed and not gone:
        return 0
    writer = _Writer(session, actor)
    count = 0
    for start in range(0, len(changed), CHUNK):
        part = changed[start : start + CHUNK]
        rows = _entities(session, part)
        marks = {m.youth_id: m for m in session.scalars(select(ReplicaMark).where(ReplicaMark.youth_id.in_(part)))}
        for youth in _load_full(session, part):
            count += _capture_youth(session, writer, youth, rows)
            mark = marks.get(youth.id)
            if mark is None:
                session.add(ReplicaMark(youth_id=youth.id, captured_revision=youth.revision))
            else:
                mark.captured_revision = youth.revision
    for start in range(0, len(gone), CHUNK):
        part = gone[start : start + CHUNK]
        for row in _entities(session, part).values():
            if reg.shown(reg.siblings(row.state, EXISTS), EXISTS) or len(reg.field_names(row.state)) > 1:
                reg.set_state(row, reg.tombstone(row.state, **writer.dot(row.state)))
                row.dirty = True
                count += 1
        session.execute(delete(ReplicaMark).where(ReplicaMark.youth_id.in_(part)))
    return count


def _stamp(
    session: Session, writer: _Writer, rows: dict[tuple[str, str], MergeEntity], entity: str, obj: Any, youth_id: str
) -> int:
    local = _local_values(entity, obj)
    row = rows.get((entity, obj.id))
    if row is None:
        # None is what an absent field shows: only values are written (most fields of a new dossier are empty).
        values = {k: v for k, v in local.items() if v is not None}
        state = reg.write(reg.empty_state(), {**values, EXISTS: True}, **writer.dot(reg.empty_state()))
        row = MergeEntity(entity=entity, entity_id=obj.id, youth_id=youth_id, applied={}, dirty=True)
        reg.set_state(row, state)
        session.add(row)
        rows[(entity, obj.id)] = row
        return 1
    shown = _shown_values(row.state)
    changes = {k: v for k, v in local.items() if reg.canonical(shown.get(k)) != reg.canonical(v)}
    if not shown.get(EXISTS, False):
        changes[EXISTS] = True  # deleted elsewhere and still (or again) here: kept
    if not changes:
        return 0
    reg.set_state(row, reg.write(row.state, {**changes, EXISTS: True}, **writer.dot(row.state)))
    row.dirty = True
    return 1


def _capture_youth(session: Session, writer: _Writer, youth: Youth, rows: dict[tuple[str, str], MergeEntity]) -> int:
    count = _stamp(session, writer, rows, "youth", youth, youth.id)
    present: set[tuple[str, str]] = {("youth", youth.id)}
    for entity in ITEM_ENTITIES:
        for item in getattr(youth, entity):
            present.add((entity, item.id))
            count += _stamp(session, writer, rows, entity, item, youth.id)
    for key, row in rows.items():
        if row.youth_id != youth.id or key in present:
            continue
        if reg.shown(reg.siblings(row.state, EXISTS), EXISTS):
            # Deleted here: __exists__ False; the values stay, so an edit made concurrently elsewhere
            # keeps the whole item (a conflict), not half of it.
            reg.set_state(row, reg.write(row.state, {EXISTS: False}, **writer.dot(row.state)))
            row.dirty = True
            count += 1
    return count


def take_dirty(session: Session, limit: int | None = None) -> list[MergeEntity]:
    """The states written here and not yet handed to the sync; they are marked clean (in the
    caller's transaction, which also writes them to the outbox)."""
    query = select(MergeEntity).where(MergeEntity.dirty.is_(True)).order_by(MergeEntity.youth_id, MergeEntity.entity)
    if limit is not None:
        query = query.limit(limit)
    rows = list(session.scalars(query))
    for row in rows:
        row.dirty = False
    return rows


def all_states(session: Session) -> Iterable[MergeEntity]:
    """Every replicated state (for a PC that joins the school)."""
    return session.scalars(select(MergeEntity).order_by(MergeEntity.youth_id, MergeEntity.entity)).yield_per(2000)


# --- apply: other PCs' states --------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingState:
    entity: str
    entity_id: str
    youth_id: str
    state: State


def apply_states(session: Session, actor: str, states: Sequence[IncomingState]) -> int:
    """Merge states from other PCs and show the result in the dossier tables. Returns how many
    young people changed. Applying the same states again, or in another order, changes nothing more."""
    known = [s for s in states if s.entity in ENTITY_MODELS]
    youth_ids = sorted({s.youth_id for s in known})
    capture(session, actor, youth_ids)  # local edits first get their dots: then they merge, not vanish
    rows = _entities(session, youth_ids)
    touched: set[str] = set()
    for incoming in known:
        key = (incoming.entity, incoming.entity_id)
        row = rows.get(key)
        if row is None:
            row = MergeEntity(
                entity=incoming.entity,
                entity_id=incoming.entity_id,
                youth_id=incoming.youth_id,
                applied={},
                dirty=False,
            )
            reg.set_state(row, reg.join(reg.empty_state(), incoming.state))
            session.add(row)
            rows[key] = row
            touched.add(incoming.youth_id)
            continue
        merged = reg.join(row.state, incoming.state)
        if merged != row.state:
            reg.set_state(row, merged)
            touched.add(incoming.youth_id)
    if touched:
        clock = _clock(session)
        clock.lamport = max([clock.lamport, *(reg.max_lamport(s.state) for s in known)])
        materialize(session, sorted(touched), rows)
    return len(touched)


def _next_revision(youth: Youth) -> int:
    return int(youth.revision or 0) + 1


def materialize(session: Session, youth_ids: Sequence[str], rows: dict[tuple[str, str], MergeEntity]) -> None:
    """Write the shown values of these young people's states into the dossier tables."""
    for start in range(0, len(youth_ids), CHUNK):
        part = youth_ids[start : start + CHUNK]
        youths = {y.id: y for y in _load_full(session, part)}
        marks = {m.youth_id: m for m in session.scalars(select(ReplicaMark).where(ReplicaMark.youth_id.in_(part)))}
        by_youth: dict[str, list[MergeEntity]] = {}
        wanted = set(part)
        for row in rows.values():
            if row.youth_id in wanted:
                by_youth.setdefault(row.youth_id, []).append(row)
        for youth_id in part:
            _materialize_youth(session, youth_id, youths.get(youth_id), by_youth.get(youth_id, []), marks.get(youth_id))


def _materialize_youth(
    session: Session, youth_id: str, youth: Youth | None, rows: list[MergeEntity], mark: ReplicaMark | None
) -> None:
    head = next((r for r in rows if r.entity == "youth"), None)
    if head is None:
        return
    shown = _shown_values(head.state)
    if not shown.get(EXISTS, False):
        if youth is not None:
            session.delete(youth)
            audit.record(session, "sync", "erase", "youth", youth_id, mode="erase", via="replica")
        if mark is not None:
            session.delete(mark)
        return
    values = {k: decode("youth", k, v) for k, v in shown.items() if k != EXISTS}
    changed_fields: dict[tuple[str, str], list[str]] = {}
    if youth is None:
        if any(values.get(name) is None for name in _YOUTH_REQUIRED):
            return  # kept in the register (a conflict about an erased person) until someone chooses
        youth = Youth(id=youth_id, revision=0, **values)
        session.add(youth)
        changed_fields[("youth", youth_id)] = sorted(values)
    else:
        diff = [k for k, v in values.items() if getattr(youth, k) != v]
        for name in diff:
            setattr(youth, name, values[name])
        if diff:
            changed_fields[("youth", youth_id)] = diff
    for row in rows:
        if row.entity == "youth":
            continue
        _materialize_item(youth, row, changed_fields)
    if not changed_fields:
        if mark is None:
            session.add(ReplicaMark(youth_id=youth_id, captured_revision=youth.revision))
        return
    youth.revision = _next_revision(youth)
    youth.updated_at = utcnow()
    youth.next_checkin_due = rules.next_open_due((c.due_date, c.held_on) for c in youth.checkins)
    youth.fixed_contact_name = next((c.name for c in youth.contacts if c.is_fixed_contact), None)
    for row in rows:
        names = changed_fields.get((row.entity, row.entity_id))
        if names:
            row.applied = {**row.applied, **dict.fromkeys(names, youth.revision)}
    if mark is None:
        session.add(ReplicaMark(youth_id=youth_id, captured_revision=youth.revision))
    else:
        mark.captured_revision = youth.revision
    session.flush()


def _materialize_item(youth: Youth, row: MergeEntity, changed: dict[tuple[str, str], list[str]]) -> None:
    items: list[Any] = getattr(youth, row.entity)
    item = next((i for i in items if i.id == row.entity_id), None)
    shown = _shown_values(row.state)
    if not shown.get(EXISTS, False):
        if item is not None:
            items.remove(item)
            changed[(row.entity, row.entity_id)] = [EXISTS]
        return
    values = {k: decode(row.entity, k, v) for k, v in shown.items() if k != EXISTS}
    if item is None:
        model = ENTITY_MODELS[row.entity]
        required = [c.key for c in model.__table__.columns if not c.nullable and c.key in replicated_fields(row.entity)]
        if any(values.get(name) is None and name != "position" for name in required if not _has_default(model, name)):
            return
        items.append(model(id=row.entity_id, **values))
        changed[(row.entity, row.entity_id)] = sorted(values)
        return
    diff = [k for k, v in values.items() if getattr(item, k) != v]
    for name in diff:
        setattr(item, name, values[name])
    if diff:
        item.updated_at = utcnow()
        changed[(row.entity, row.entity_id)] = diff


def _has_default(model: type[Any], name: str) -> bool:
    return model.__table__.columns[name].default is not None
