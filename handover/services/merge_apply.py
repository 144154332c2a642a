"""One caseload over the school's PCs: merging other PCs' states and writing what they mean.

:func:`apply_states` merges states received from other PCs (the join of :mod:`handover.store.merge`:
idempotent and commutative) and :func:`materialize` writes the shown values into the dossier tables in
bulk (Core statements per chunk of young people; new rows with one plain executemany per table,
updates grouped per column set). Local edits not stamped yet are captured first
(:func:`handover.services.merge_capture.capture`), so they merge rather than vanish.

Young people this PC holds nothing of yet (a new PC receiving the caseload) need no reading: the join
of their states, the plan and every row are made from the states alone (:func:`prepare_new`), so a
worker process can make them while the sync writes the message before
(:mod:`handover.sync.replica_ahead`); :func:`write_prepared` writes them. :func:`apply_states` takes
the same path for them, so both ways give one result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, delete, select, union_all, update
from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.merge_bulk import _insert_many, bulk_cache
from handover.services.merge_capture import (
    ENTITY_MODELS,
    MARKS,
    MERGE,
    IncomingState,
    Snapshot,
    Stored,
    _chunks,
    _clock,
    _dated,
    _defaults,
    _kinds,
    _required,
    _set_marks,
    _snapshot,
    _table,
    capture,
    decode,
    encode,
    load_states,
    merge_row,
    replicated_fields,
    save_states,
)
from handover.store import audit
from handover.store import merge as reg
from handover.store.bulk_insert import driver_rows, execute_rows
from handover.store.merge import EXISTS
from handover.store.models import utcnow

_YOUTH_REQUIRED = ("first_names", "last_name", "birth_date")


# --- apply: other PCs' states


# --- apply: other PCs' states --------------------------------------------------------------------


BULK_STATES = 200


def apply_states(session: Session, actor: str, states: Sequence[IncomingState]) -> int:
    """Merge states from other PCs and show the result in the dossier tables. Returns how many
    young people changed. Applying the same states again, or in another order, changes nothing more."""
    with bulk_cache(session, len(states) >= BULK_STATES):
        return _apply(session, actor, states)


def _apply(session: Session, actor: str, states: Sequence[IncomingState]) -> int:
    known = [s for s in states if s.entity in ENTITY_MODELS]
    youth_ids = sorted({s.youth_id for s in known})
    if not known_here(session, youth_ids):
        return write_prepared(session, prepare_new(known))  # a new PC's receive: nothing here to merge with
    capture(session, actor, youth_ids)  # local edits first get their dots: then they merge, not vanish
    stored = load_states(session, youth_ids)
    touched = _merge_into(stored, known)
    if touched:
        clock = _clock(session)
        clock.lamport = max([clock.lamport, *(reg.max_lamport(s.state) for s in known)])
        materialize(session, sorted(touched), stored)
    save_states(session, stored.values())
    return len(touched)


def _merge_into(stored: dict[tuple[str, str], Stored], states: Sequence[IncomingState]) -> set[str]:
    """Join ``states`` into the register rows ``stored`` (new rows for entities not there yet); the
    young people whose rows changed."""
    touched: set[str] = set()
    for incoming in states:
        key = (incoming.entity, incoming.entity_id)
        row = stored.get(key)
        if row is None:
            # Every state a PC stores and sends is in its canonical form (reg.join/write make it).
            merged = incoming.state
            conflicted = reg.has_conflict(merged)
            row = Stored(key[0], key[1], incoming.youth_id, merged, {}, False, conflicted, new=True, text=incoming.text)
            stored[key] = row
            touched.add(row.youth_id)
            continue
        merged = reg.join(row.state, incoming.state)
        if merged != row.state:
            row.set(merged)
            touched.add(row.youth_id)
    return touched


# --- young people new here: the writes planned without the database (also on a worker process) ----


@dataclass
class Prepared:
    """What merging one message's states writes on a PC that holds none of its young people yet (a new
    PC receiving the caseload): every row as the driver stores it, in the order of writing. Made by
    :func:`prepare_new` without a database, so also on a worker process while this process writes the
    message before; written by :func:`write_prepared`."""

    youth_ids: list[str]
    tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]  # table name, columns, rows
    marks: dict[str, int]
    lamport: int


@cache
def _dialect() -> Dialect:
    """The driver's dialect (no connection needed): its bind processors convert the values."""
    return SQLiteDialect_pysqlcipher()


def _driver_table(
    table: Table, rows: list[dict[str, Any]], as_text: Sequence[str] = ()
) -> tuple[str, tuple[str, ...], list[tuple[Any, ...]]]:
    columns = [c for c in table.columns if c.key in rows[0]]
    keys = [c.key for c in columns]
    return table.name, tuple(c.name for c in columns), driver_rows(_dialect(), columns, keys, rows, as_text)


def prepare_new(states: Sequence[IncomingState]) -> Prepared:
    """The writes of merging ``states`` (entities :data:`ENTITY_MODELS` knows) on a PC that holds none of
    their young people: the same join, plan and rows as the merge with the database (an empty register,
    no local rows), computed from the states alone."""
    stored: dict[tuple[str, str], Stored] = {}
    touched = _merge_into(stored, states)
    by_youth: dict[str, list[Stored]] = {}
    for row in stored.values():
        by_youth.setdefault(row.youth_id, []).append(row)
    plan = _Plan()
    for youth_id in sorted(touched):
        _plan_youth(youth_id, by_youth[youth_id], {}, {}, plan)
    tables = [_driver_table(_table(e), rows) for e, rows in _insert_order(plan.inserts) if rows]
    merge_rows = [merge_row(s) for s in stored.values()]
    if merge_rows:
        tables.append(_driver_table(MERGE, merge_rows, as_text=("state", "applied")))
    lamport = max((reg.max_lamport(s.state) for s in states), default=0)
    return Prepared(sorted(touched), tables, plan.marks, lamport)


def write_prepared(session: Session, prepared: Prepared) -> int:
    """Write what :func:`prepare_new` planned (the caller checked that none of its young people is known
    here: :func:`known_here`). Returns how many young people changed."""
    if not prepared.youth_ids:
        return 0
    session.flush()
    connection = session.connection()
    with bulk_cache(session, True):
        for name, columns, rows in prepared.tables:
            execute_rows(connection, name, columns, rows)
        _set_marks(session, prepared.marks)
    clock = _clock(session)
    clock.lamport = max(clock.lamport, prepared.lamport)
    session.expire_all()  # ORM objects read earlier in this session must not hide what was written
    return len(prepared.youth_ids)


def known_here(session: Session, youth_ids: Sequence[str]) -> bool:
    """Whether this PC holds anything of these young people: a dossier, a replicated state or a capture
    mark (then a merge must read them: :func:`apply_states`)."""
    columns = (_table("youth").c.id, MERGE.c.youth_id, MARKS.c.youth_id)
    for part in _chunks(list(youth_ids)):
        query = union_all(*(select(c).where(c.in_(part)) for c in columns)).limit(1)
        if session.execute(query).first() is not None:
            return True
    return False


def _insert_order(inserts: dict[str, list[dict[str, Any]]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The young people first (the other rows refer to them), then the rest."""
    return [("youth", inserts.get("youth", []))] + [(e, rows) for e, rows in inserts.items() if e != "youth"]


@dataclass
class _Plan:
    """The writes of one chunk, grouped so each table gets one executemany per column set."""

    erase: list[str] = field(default_factory=list)
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = field(default_factory=dict)
    deletes: dict[str, list[str]] = field(default_factory=dict)
    marks: dict[str, int] = field(default_factory=dict)

    def update(self, entity: str, row_id: str, values: dict[str, Any]) -> None:
        columns = tuple(sorted(values))
        self.updates.setdefault((entity, columns), []).append(
            {"k_id": row_id, **{f"b_{k}": v for k, v in values.items()}}
        )

    def run(self, session: Session) -> None:
        if self.erase:
            for youth_id in self.erase:
                audit.record(session, "sync", "erase", "youth", youth_id, mode="erase", via="replica")
            session.execute(delete(_table("youth")).where(_table("youth").c.id.in_(self.erase)))  # items cascade
            session.execute(delete(MARKS).where(MARKS.c.youth_id.in_(self.erase)))
        for entity, ids in self.deletes.items():
            session.execute(delete(_table(entity)).where(_table(entity).c.id.in_(ids)))
        for entity, rows in _insert_order(self.inserts):
            _insert_many(session, _table(entity), rows)
        for (entity, columns), rows in self.updates.items():
            table = _table(entity)
            session.execute(
                update(table)
                .where(table.c.id == bindparam("k_id"))
                .values({c: bindparam(f"b_{c}") for c in columns})
                .execution_options(synchronize_session=False),
                rows,
            )
        _set_marks(session, self.marks)


def materialize(session: Session, youth_ids: Sequence[str], stored: dict[tuple[str, str], Stored]) -> None:
    """Write the shown values of these young people's states into the dossier tables."""
    session.flush()
    wanted = set(youth_ids)
    by_youth: dict[str, list[Stored]] = {}
    for row in stored.values():
        if row.youth_id in wanted:
            by_youth.setdefault(row.youth_id, []).append(row)
    for part in _chunks(list(youth_ids)):
        revisions, local = _snapshot(session, part)
        plan = _Plan()
        for youth_id in part:
            _plan_youth(youth_id, by_youth.get(youth_id, []), revisions, local, plan)
        plan.run(session)
    session.expire_all()  # ORM objects read earlier in this session must not hide what was written


@cache
def _blank(entity: str) -> dict[str, Any]:
    """Every replicated field of ``entity`` as None or its column default (encoded)."""
    defaults = _defaults(entity)
    return {n: encode(defaults.get(n)) for n in replicated_fields(entity)}


def _target(entity: str, shown: dict[str, Any]) -> dict[str, Any]:
    """The row an entity's shown values mean (encoded), absent fields as None or the column default."""
    result = _blank(entity).copy()
    for name, value in shown.items():
        if value is not None and name in result:
            result[name] = value
    return result


def _decoded(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """:func:`decode` of every value (only dates and times change)."""
    result = dict(values)
    kinds = _kinds(entity)
    for name in _dated(entity):
        value = result.get(name)
        if value is not None:
            result[name] = dt.date.fromisoformat(value) if kinds[name] == "date" else dt.datetime.fromisoformat(value)
    return result


def _plan_youth(
    youth_id: str,
    rows: list[Stored],
    revisions: dict[str, int],
    local: Snapshot,
    plan: _Plan,
) -> None:
    head = next((r for r in rows if r.entity == "youth"), None)
    if head is None:
        return
    shown = reg.shown_values(head.state)
    exists_here = youth_id in revisions
    if not shown.get(EXISTS, False) or any(shown.get(name) is None for name in _YOUTH_REQUIRED):
        # Erased (on another PC). Without its name and birth date (erased on one PC while another
        # changed it) the person is kept only in the register, as a conflict, on every PC alike.
        if exists_here:
            plan.erase.append(youth_id)
        return
    changed: dict[tuple[str, str], list[str]] = {}
    target = _target("youth", shown)
    youth_change: dict[str, Any] = {}
    now = utcnow()
    if not exists_here:
        changed[("youth", youth_id)] = sorted(k for k in shown if k != EXISTS)
    else:
        current = local[("youth", youth_id)][1]
        # A required field without a value (only after an erasure met a concurrent edit) keeps what is here.
        diff = [k for k, v in target.items() if current.get(k) != v and (v is not None or k not in _required("youth"))]
        youth_change = {k: decode("youth", k, target[k]) for k in diff}
        if diff:
            changed[("youth", youth_id)] = diff
    alive: dict[str, list[dict[str, Any]]] = {"contacts": [], "checkins": []}
    for row in rows:
        if row.entity == "youth":
            continue
        item_shown = reg.shown_values(row.state)
        key = (row.entity, row.entity_id)
        here = key in local
        if not item_shown.get(EXISTS, False):
            if here:
                plan.deletes.setdefault(row.entity, []).append(row.entity_id)
                changed[key] = [EXISTS]
            continue
        values = _target(row.entity, item_shown)
        if not here:
            if any(values.get(name, 0) is None for name in _required(row.entity)):
                continue
            plan.inserts.setdefault(row.entity, []).append(
                {"id": row.entity_id, "youth_id": youth_id, "created_at": now, "updated_at": now}
                | _decoded(row.entity, values)
            )
            changed[key] = sorted(k for k in item_shown if k != EXISTS)
        else:
            current = local[key][1]
            diff = [
                k
                for k, v in values.items()
                if current.get(k) != v and (v is not None or k not in _required(row.entity))
            ]
            if diff:
                plan.update(
                    row.entity, row.entity_id, {"updated_at": now} | {k: decode(row.entity, k, values[k]) for k in diff}
                )
                changed[key] = diff
        if row.entity in alive:
            alive[row.entity].append(values)
    if not changed:
        if exists_here:
            plan.marks[youth_id] = revisions[youth_id]
        return
    revision = revisions.get(youth_id, 0) + 1
    contacts = sorted(alive["contacts"], key=lambda c: c.get("position") or 0)
    derived = {
        "revision": revision,
        "updated_at": now,
        # As services.dossiers.refresh_derived: a check-in marked gemist met reden counts as closed.
        "next_checkin_due": rules.next_open_due(
            (
                dt.date.fromisoformat(c["due_date"]),
                dt.date.fromisoformat(c.get("held_on") or c["due_date"])
                if c.get("held_on") or c.get("missed_on")
                else None,
            )
            for c in alive["checkins"]
            if c.get("due_date")
        ),
        "fixed_contact_name": next((c["name"] for c in contacts if c.get("is_fixed_contact")), None),
    }
    if exists_here:
        plan.update("youth", youth_id, youth_change | derived)
    else:
        plan.inserts.setdefault("youth", []).append(
            {"id": youth_id, "created_at": now} | _decoded("youth", target) | derived
        )
    if not exists_here:
        # New here at revision 1: no editor started from an earlier revision, so no field is held
        # (an earlier life's marks, after an erasure, would wrongly hold fields): none are kept.
        for row in rows:
            if row.applied:
                row.applied = {}
                row.changed = True
    else:
        for row in rows:
            names = changed.get((row.entity, row.entity_id))
            if names:
                row.applied = {**row.applied, **dict.fromkeys(names, revision)}
                row.changed = True
    plan.marks[youth_id] = revision
