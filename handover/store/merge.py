"""Replication state of one school's caseload over its PCs: a multi-value register per field.

Every replicated entity (a young person, or one item of one of their lists) has a *state*:

    {"c": {device: counter}, "f": {field: [[device, counter, value], ...]},
     "m": {device: {counter: [lamport, at, user]}}}

(A state whose every field holds one value, all from one write, which is nearly every state, is
kept and sent compactly as ``{"c": ..., "w": [device, counter], "v": {field: value}, "m": ...}``:
the same state, without the write's dot repeated per field; :func:`fields_of` reads either form and
:func:`_normal` makes the compact one wherever it applies, so each state still has one canonical form.)

``f`` holds, per field, the values written concurrently (their *siblings*), each with the dot
(device, counter) of the write that made it; ``m`` what is known of each dot still in use (one write
sets many fields: its time and user are kept once). ``c`` (the causal context) is what this state has
seen of the entity: every write ``(device, n)`` with ``n <= c[device]``. Devices number their
writes with one counter, so a state that knows ``(d, n)`` knows every earlier write of ``d`` to
this entity. :func:`join` merges two states: a sibling stays when both have it, or when the other
state has not seen it (so it cannot have replaced it). That join is commutative, associative and
idempotent, so every PC that has received the same writes holds the same state, in any order and
however often each arrived. A local write replaces every sibling of its field (it saw them all);
two writes that did not see each other both stay: a conflict, until someone chooses, which is a
new write that has seen both. The value shown meanwhile is the sibling with the highest
(lamport, device), the same on every PC (:func:`shown`).

The field ``__exists__`` is written (True) with every write of an entity and False when it is
deleted: a delete on one PC and an edit on another are two siblings of ``__exists__`` (a
conflict), and the item is kept (:func:`shown` prefers True) until someone chooses.

The rows here hold more than the state: ``applied`` (local only: the young person's revision at
which another PC's write last changed each field, for revision-checked saves), ``dirty`` (written
here, not yet sent). :class:`ReplicaMark` keeps per young person the revision that was captured
(changes after it are local edits not yet stamped). :class:`MergeClock` is this PC's counter.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from handover.store.models import Base, utcnow

EXISTS = "__exists__"

State = dict[str, Any]
Sibling = list[Any]  # as stored: [device, counter, value]


class MergeEntity(Base):
    """The replicated state of one entity ("youth" or a list name, and its id)."""

    __tablename__ = "merge_entities"
    entity: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    youth_id: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    applied: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Some field holds two or more different values (kept in step by :func:`set_state`).
    conflicted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class ReplicaMark(Base):
    """The young person's revision up to which local changes were stamped (or remote ones applied)."""

    __tablename__ = "replica_marks"
    youth_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    captured_revision: Mapped[int] = mapped_column(Integer)


class MergeClock(Base):
    """This PC's write counter and Lamport clock (one row)."""

    __tablename__ = "merge_clock"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    lamport: Mapped[int] = mapped_column(Integer, default=0)


class DeviceAuditHead(Base):
    """Audit heads of the school's other PCs, as their replica messages carried them (signed)."""

    __tablename__ = "device_audit_heads"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # A later message named the same event with another hash: that PC's chain was rewritten.
    other_hash: Mapped[str | None] = mapped_column(String(64))


# --- the register algebra (pure functions over JSON-safe states) ------------------------------


Sib = tuple[str, int, int, Any, str, str]  # (device, counter, lamport, value, at, user)


def empty_state() -> State:
    return {"c": {}, "f": {}, "m": {}}


def _seen(context: dict[str, int], device: str, counter: int) -> bool:
    return counter <= int(context.get(device, 0))


def _key(sibling: Sibling) -> tuple[str, int]:
    return (str(sibling[0]), int(sibling[1]))


def fields_of(state: State) -> dict[str, list[Sibling]]:
    """The siblings per field, of a state in either form (see the module docstring)."""
    values = state.get("v")
    if values is None:
        fields: dict[str, list[Sibling]] = state.get("f", {})
        return fields
    device, counter = state["w"]
    return {name: [[device, counter, value]] for name, value in values.items()}


def _compact(context: dict[str, int], device: str, counter: int, values: dict[str, Any], meta: Any) -> State:
    return {"c": context, "w": [device, counter], "v": values, "m": meta}


def _normal(context: dict[str, int], fields: dict[str, list[Sibling]], meta: dict[str, dict[str, Any]]) -> State:
    """A state in its one canonical form: sorted, only the dot metadata still referenced, and compact
    when every field holds one value of one and the same write."""
    dots = {(str(sibs[0][0]), int(sibs[0][1])) if len(sibs) == 1 else None for sibs in fields.values() if sibs}
    if len(dots) == 1 and None not in dots:
        ((device, counter),) = dots  # type: ignore[misc]
        return _compact(
            {d: int(context[d]) for d in sorted(context)},
            device,
            counter,
            {name: fields[name][0][2] for name in sorted(fields) if fields[name]},
            {device: {str(counter): meta[device][str(counter)]}},
        )
    used: dict[str, set[str]] = {}
    for sibs in fields.values():
        for sib in sibs:
            used.setdefault(str(sib[0]), set()).add(str(int(sib[1])))
    kept_meta = {
        device: {n: meta[device][n] for n in sorted(counters, key=int)} for device, counters in sorted(used.items())
    }
    return {
        "c": {d: int(context[d]) for d in sorted(context)},
        "f": {name: sorted(fields[name], key=_key) for name in sorted(fields) if fields[name]},
        "m": kept_meta,
    }


def join(a: State, b: State) -> State:
    """The merge of two states (commutative, associative, idempotent)."""
    if a == b:
        return a
    ca: dict[str, int] = a.get("c", {})
    cb: dict[str, int] = b.get("c", {})
    fa = fields_of(a)
    fb = fields_of(b)
    fields: dict[str, list[Sibling]] = {}
    for name in set(fa) | set(fb):
        left = {_key(s): s for s in fa.get(name, ())}
        right = {_key(s): s for s in fb.get(name, ())}
        kept: dict[tuple[str, int], Sibling] = {}
        for key, sib in left.items():
            if key in right or not _seen(cb, *key):
                kept[key] = sib
        for key, sib in right.items():
            if key not in left and not _seen(ca, *key):
                kept[key] = sib
        if kept:
            fields[name] = list(kept.values())
    context = {d: max(int(ca.get(d, 0)), int(cb.get(d, 0))) for d in set(ca) | set(cb)}
    meta: dict[str, dict[str, Any]] = {}
    for source in (a.get("m", {}), b.get("m", {})):
        for device, dots in source.items():
            meta.setdefault(device, {}).update(dots)
    return _normal(context, fields, meta)


def _with_dot(state: State, device: str, counter: int, lamport: int, at: str, user: str) -> tuple[dict[str, Any], ...]:
    context = dict(state.get("c", {}))
    context[device] = max(int(context.get(device, 0)), counter)
    fields = {k: list(v) for k, v in fields_of(state).items()}
    meta = {d: dict(dots) for d, dots in state.get("m", {}).items()}
    meta.setdefault(device, {})[str(counter)] = [lamport, at, user]
    return context, fields, meta


def write(
    state: State, values: dict[str, Any], *, device: str, counter: int, lamport: int, at: str, user: str
) -> State:
    """A local write of ``values`` (JSON-safe) with dot (device, counter): it replaces every sibling
    of those fields, since this PC has seen them all."""
    if not state.get("c") and not fields_of(state):
        # A new entity (most of a first capture): its canonical (compact) form directly.
        meta = {device: {str(counter): [lamport, at, user]}}
        return _compact({device: counter}, device, counter, {name: values[name] for name in sorted(values)}, meta)
    context, fields, meta = _with_dot(state, device, counter, lamport, at, user)
    for name, value in values.items():
        fields[name] = [[device, counter, value]]
    return _normal(context, fields, meta)


def add_sibling(
    state: State, values: dict[str, Any], *, device: str, counter: int, lamport: int, at: str, user: str
) -> State:
    """A write that did not see the current siblings of these fields (a save that started before
    another PC's change arrived): kept beside them, as a conflict."""
    context, fields, meta = _with_dot(state, device, counter, lamport, at, user)
    for name, value in values.items():
        fields[name] = [*fields.get(name, []), [device, counter, value]]
    return _normal(context, fields, meta)


def tombstone(state: State, *, device: str, counter: int, lamport: int, at: str, user: str) -> State:
    """An erased entity: ``__exists__`` False and every other value dropped (the context keeps what
    was seen, so those values do not come back from another PC; writes made concurrently do)."""
    context, _fields, meta = _with_dot(state, device, counter, lamport, at, user)
    return _normal(context, {EXISTS: [[device, counter, False]]}, meta)


def field_names(state: State) -> list[str]:
    values = state.get("v")
    return list(values if values is not None else state.get("f", {}))


def siblings(state: State, name: str) -> list[Sib]:
    """The values of one field with what is known of their writes."""
    meta = state.get("m", {})
    result: list[Sib] = []
    for device, counter, value in fields_of(state).get(name, ()):
        lamport, at, user = meta.get(device, {}).get(str(counter), [0, "", ""])
        result.append((str(device), int(counter), int(lamport), value, str(at), str(user)))
    return result


def ordered(sibs: list[Sib]) -> list[Sib]:
    """Siblings in display order: the shown value first (highest lamport, then device, counter)."""
    return sorted(sibs, key=lambda s: (s[2], s[0], s[1]), reverse=True)


def shown(sibs: list[Sib], name: str = "") -> Any:
    """The value shown for a field: the same on every PC. A kept item wins over its deletion."""
    if not sibs:
        return None
    if name == EXISTS:
        return any(bool(s[3]) for s in sibs)
    return ordered(sibs)[0][3]


def shown_values(state: State) -> dict[str, Any]:
    values = state.get("v")
    if values is not None:  # one write, one value per field
        return {**values, EXISTS: bool(values[EXISTS])} if EXISTS in values else dict(values)
    result: dict[str, Any] = {}
    for name, sibs in state.get("f", {}).items():
        if len(sibs) == 1:  # no conflict: the one value (fast path of :func:`shown`)
            result[name] = bool(sibs[0][2]) if name == EXISTS else sibs[0][2]
        else:
            result[name] = shown(siblings(state, name), name)
    return result


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def distinct_values(sibs: list[Any]) -> int:
    """How many different values (siblings as stored or as :func:`siblings` gives them)."""
    return len({canonical(s[-1] if len(s) == 3 else s[3]) for s in sibs})


def max_lamport(state: State) -> int:
    return max((int(m[0]) for dots in state.get("m", {}).values() for m in dots.values()), default=0)


def has_conflict(state: State) -> bool:
    if "v" in state:
        return False
    fields = state.get("f", {})
    if max(map(len, fields.values()), default=0) < 2:  # (almost always: one value per field)
        return False
    return any(len(sibs) > 1 and distinct_values(sibs) > 1 for sibs in state.get("f", {}).values())


def set_state(row: MergeEntity, state: State) -> None:
    """Give ``row`` a new state (and keep its conflict flag in step)."""
    row.state = state
    row.conflicted = has_conflict(state)
