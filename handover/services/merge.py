"""One caseload over the school's PCs: conflicts, choosing, revision-checked saves, the canonical hash.

Qt-free API used by the editor (conflict chooser), the Vandaag card, the sync and the tests. How
local changes are stamped and other PCs' changes merged: :mod:`handover.services.merge_capture`;
the register algebra (version vectors, siblings): :mod:`handover.store.merge`.

- ``conflicts(session, youth_id=None)``: every field whose register holds two or more different
  values, with the alternatives in display order (index 0 is the value shown meanwhile, the same on
  every PC).
- ``resolve_conflict(session, key, chosen_index, actor)``: a write that has seen every alternative,
  so it replaces them all here and, once sent, on every PC.
- Revision-checked saves: the dossier service asks :func:`held_fields` which of the fields it is
  about to save another PC changed after ``base_revision``; those are not overwritten but kept
  beside the other PC's value (:func:`record_conflicts`), and the save's :class:`SaveResult` says so.
- ``canonical_export_hash(session)``: sha256 over a canonical JSON of all dossier content and every
  conflict's alternatives. Excluded: what differs per PC (revision numbers, created/updated times,
  derived columns, the audit chain, the outbox, settings, drafts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handover.services import merge_capture as mc
from handover.services.merge_apply import BULK_STATES, Prepared, apply_states, known_here, materialize, write_prepared
from handover.services.merge_bulk import bulk_cache, no_gc
from handover.services.merge_capture import (
    ENTITY_MODELS,
    IncomingState,
    Taken,
    capture,
    device_id,
    replicated_fields,
    take_dirty,
    take_dirty_json,
)
from handover.store import audit
from handover.store import merge as reg
from handover.store.merge import EXISTS

__all__ = [
    "BULK_STATES",
    "ENTITY_MODELS",
    "EXISTS",
    "Alternative",
    "FieldConflict",
    "IncomingState",
    "Prepared",
    "SaveResult",
    "Taken",
    "apply_states",
    "bulk_cache",
    "canonical_export_hash",
    "capture",
    "conflict_key",
    "conflicts",
    "device_id",
    "held_fields",
    "known_here",
    "no_gc",
    "record_conflicts",
    "resolve_conflict",
    "take_dirty",
    "take_dirty_json",
    "write_prepared",
]


class ConflictGone(Exception):
    """The conflict was resolved meanwhile (here or on another PC)."""


@dataclass(frozen=True)
class Alternative:
    value: Any  # as the dossier holds it (a date, a bool, text); for __exists__: True kept, False deleted
    device_short: str  # the first 8 characters of the PC's id
    user: str
    at: dt.datetime | None


@dataclass(frozen=True)
class FieldConflict:
    youth_id: str
    entity: str  # "youth" or a list name ("contacts", "agreements", "checkins", ...)
    entity_id: str
    field: str  # a column name, or "__exists__" (deleted on one PC, changed on another)
    alternatives: list[Alternative]

    @property
    def key(self) -> str:
        return conflict_key(self.entity, self.entity_id, self.field)

    @property
    def is_delete(self) -> bool:
        return self.field == EXISTS


@dataclass(frozen=True)
class SaveResult:
    """What a revision-checked save did: the new revision, and the fields it kept as conflicts."""

    revision: int
    conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)


def conflict_key(entity: str, entity_id: str, name: str) -> str:
    return f"{entity}:{entity_id}:{name}"


def _alternatives(entity: str, name: str, siblings: list[reg.Sib]) -> list[Alternative]:
    result: list[Alternative] = []
    seen: set[str] = set()
    for sib in reg.ordered(siblings):
        marker = reg.canonical(sib[3])
        if marker in seen:
            continue
        seen.add(marker)
        at = dt.datetime.fromisoformat(sib[4]) if sib[4] else None
        result.append(Alternative(mc.decode(entity, name, sib[3]), str(sib[0])[:8], str(sib[5]), at))
    return result


def _row_conflicts(row: mc.Stored, names: Sequence[str] | None = None) -> list[FieldConflict]:
    found = []
    for name in sorted(reg.field_names(row.state)):
        if names is not None and name not in names:
            continue
        sibs = reg.siblings(row.state, name)
        if reg.distinct_values(sibs) > 1:
            found.append(
                FieldConflict(row.youth_id, row.entity, row.entity_id, name, _alternatives(row.entity, name, sibs))
            )
    return found


def conflicts(session: Session, youth_id: str | None = None) -> list[FieldConflict]:
    """Every open conflict (of one young person, or all), in a stable order."""
    c = mc.MERGE.c
    query = select(c.entity, c.entity_id, c.youth_id, c.state).where(c.conflicted.is_(True))
    if youth_id is not None:
        query = query.where(c.youth_id == youth_id)
    rows = session.execute(query.order_by(c.youth_id, c.entity, c.entity_id))
    return [found for r in rows for found in _row_conflicts(mc.Stored(r[0], r[1], r[2], r[3]))]


def resolve_conflict(session: Session, key: str, chosen_index: int, actor: str) -> None:
    """Keep alternative ``chosen_index`` of conflict ``key``: a write that has seen all of them."""
    entity, entity_id, name = key.split(":", 2)
    found = mc.load_one(session, entity, entity_id)
    if found is None or reg.distinct_values(reg.siblings(found.state, name)) < 2:
        raise ConflictGone("Deze keuze is al gemaakt, hier of op een andere pc.")
    alternatives = _alternatives(entity, name, reg.siblings(found.state, name))
    if not 0 <= chosen_index < len(alternatives):
        raise ValueError("Kies een van de getoonde waarden.")
    youth_id = found.youth_id
    mc.capture(session, actor, [youth_id])  # earlier local edits keep their own, earlier dots
    rows = mc.load_states(session, [youth_id])
    row = rows[(entity, entity_id)]
    if reg.distinct_values(reg.siblings(row.state, name)) < 2:  # a local save not stamped yet ended it
        raise ConflictGone("Deze keuze is al gemaakt, hier of op een andere pc.")
    value = mc.encode(alternatives[chosen_index].value)
    writer = mc.Writer(session, actor)
    row.set(reg.write(row.state, {name: value}, **writer.dot(row.state)), local=True)
    materialize(session, [youth_id], rows)
    mc.save_states(session, rows.values())
    audit.record(session, actor, "change", entity, entity_id, youth=youth_id, fields=[name], conflict="gekozen")


# --- revision-checked saves ---------------------------------------------------------------------


def held_fields(session: Session, entity: str, entity_id: str, names: Sequence[str], base_revision: int) -> list[str]:
    """Which of ``names`` another PC changed after the young person's revision ``base_revision``."""
    row = mc.load_one(session, entity, entity_id)
    if row is None:
        return []
    applied: Mapping[str, Any] = row.applied or {}
    return [n for n in names if int(applied.get(n, 0)) > base_revision]


def record_conflicts(
    session: Session, actor: str, entity: str, entity_id: str, values: Mapping[str, Any]
) -> list[FieldConflict]:
    """Keep ``values`` (not written to the dossier) beside the other PC's values, as conflicts.

    The value shown stays the other PC's (the new sibling gets a Lamport number below it, the same
    on every PC), so nothing the other PC saved disappears from view; the editor asks which stays."""
    row = mc.load_one(session, entity, entity_id)
    if row is None:
        return []
    writer = mc.Writer(session, actor)
    dot = writer.dot(row.state)
    below = [s[2] for name in values for s in reg.siblings(row.state, name)]
    lamport = min(below, default=dot["lamport"]) - 1
    encoded = {name: mc.encode(value) for name, value in values.items()}
    row.set(reg.add_sibling(row.state, encoded, **{**dot, "lamport": lamport}), local=True)
    mc.save_states(session, [row])
    found = _row_conflicts(row, list(values))
    if found:
        audit.record(
            session, actor, "change", entity, entity_id, youth=row.youth_id, fields=sorted(values), conflict="bewaard"
        )
    return found


# --- the canonical export -----------------------------------------------------------------------


def canonical_export(session: Session) -> dict[str, Any]:
    """All dossier content in a canonical form (see the module docstring for what is left out)."""
    content: dict[str, Any] = {}
    for entity, model in ENTITY_MODELS.items():
        names = replicated_fields(entity)
        columns = [model.__table__.c.id, *(model.__table__.c[n] for n in names)]
        if entity != "youth":
            columns.append(model.__table__.c.youth_id)
        rows = session.execute(select(*columns).order_by(model.__table__.c.id)).all()
        content[entity] = [[mc.encode(v) for v in r] for r in rows]
    content["conflicts"] = [
        [c.entity, c.entity_id, c.field, sorted(reg.canonical(mc.encode(a.value)) for a in c.alternatives)]
        for c in conflicts(session)
    ]
    return content


def canonical_export_hash(session: Session) -> str:
    body = json.dumps(canonical_export(session), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
