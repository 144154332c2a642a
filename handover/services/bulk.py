"""Many young people at once (demo data, a CSV import): plain rows, one executemany per table, audit in bulk.

With thousands of young people the ORM's bookkeeping (instrumented attributes, the unit of work, one
flush per person) costs more than everything else together. Here a young person and their list items
are built as :class:`Draft` objects (plain attribute bags with the ORM model's column names, read and
written like the model), turned into rows with the model's column defaults filled in, and inserted
with one executemany per table. Their audit events go into the same transaction through
:func:`handover.store.audit.record_many`, which keeps the hash chain exactly as one-by-one recording
would.

:func:`add_youths` runs no change hooks; :func:`run_hooks` does, for callers that promise them (the import:
with the sync running, its hook sees each new young person in the same transaction, as after a save).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from handover.domain import rules
from handover.services.context import AppContext
from handover.services.dossiers import refresh_derived
from handover.store import audit
from handover.store.bulk_insert import bigger_cache
from handover.store.bulk_insert import insert_rows as plain_insert
from handover.store.models import LIST_MODELS, CheckIn, Consent, Inspection, Youth, new_id

# The tables below a young person, in insert order (the young person's row goes first).
CHILDREN: tuple[str, ...] = (*LIST_MODELS, "consents", "inspections", "checkins")
MODELS: tuple[type[Any], ...] = (Youth, *LIST_MODELS.values(), Consent, Inspection, CheckIn)


@dataclass(frozen=True)
class _Column:
    key: str
    column: Any  # the sqlalchemy Column
    default: str  # "id", "now", "scalar", "call" or "" (none)
    arg: Any
    server_default: bool


@dataclass(frozen=True)
class _ModelSpec:
    columns: tuple[_Column, ...]
    names: frozenset[str]
    lists: frozenset[str]


_SPECS: dict[type[Any], _ModelSpec] = {}


def _spec(model: type[Any]) -> _ModelSpec:
    spec = _SPECS.get(model)
    if spec is None:
        spec = _SPECS[model] = _read_spec(model)
    return spec


def _read_spec(model: type[Any]) -> _ModelSpec:
    mapper = sa_inspect(model)
    columns = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        kind, arg = "", None
        if column.default is not None:
            if attr.key == "id":
                kind = "id"
            elif attr.key in ("created_at", "updated_at"):
                kind = "now"
            elif column.default.is_scalar:
                kind, arg = "scalar", column.default.arg
            else:
                kind, arg = "call", column.default.arg
        columns.append(_Column(attr.key, column, kind, arg, column.server_default is not None))
    lists = frozenset(rel.key for rel in mapper.relationships if rel.uselist)
    return _ModelSpec(tuple(columns), frozenset(c.key for c in columns), lists)


class Draft:
    """A row being built: read and written like the ORM model, without its bookkeeping. An unset
    column reads as None and an unset list (contacts, checkins, ...) as a new empty list."""

    def __init__(self, model: type[Any], **values: Any) -> None:
        self.__dict__["_model"] = model
        self.__dict__.update(values)

    @property
    def model(self) -> type[Any]:
        return cast(type[Any], self.__dict__["_model"])

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value

    def __getattr__(self, name: str) -> Any:  # only for names not set yet
        spec = _spec(self.__dict__["_model"])
        if name in spec.lists:
            value: list[Any] = []
            self.__dict__[name] = value
            return value
        if name in spec.names:
            return None
        raise AttributeError(name)


def _uuid4_stream() -> Iterator[str]:
    """Random version-4 UUIDs as text, like ``models.new_id`` (os.urandom), made 1,024 at a time."""
    while True:
        raw = bytearray(os.urandom(16 * 1024))
        for i in range(0, len(raw), 16):
            raw[i + 6] = (raw[i + 6] & 0x0F) | 0x40  # version 4
            raw[i + 8] = (raw[i + 8] & 0x3F) | 0x80  # the RFC 4122 variant
        text = raw.hex()
        for j in range(0, len(text), 32):
            h = text[j : j + 32]
            yield f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_ids = _uuid4_stream()
_ids_lock = threading.Lock()


def fresh_id() -> str:
    with _ids_lock:
        return next(_ids)


def row_of(draft: Draft, now: dt.datetime) -> dict[str, Any]:
    """The draft as a row for a Core insert, with the model's column defaults filled in (and set on it)."""
    values = draft.__dict__
    row: dict[str, Any] = {}
    for column in _spec(draft.model).columns:
        value = values.get(column.key)
        if value is None and column.default:
            if column.default == "id":
                value = fresh_id()
            elif column.default == "now":
                value = now
            elif column.default == "scalar":
                value = column.arg
            else:
                value = column.arg({})
            values[column.key] = value
        row[column.key] = value
    return row


def plan_checkins(youth: Draft, plan: tuple[rules.PlanStep, ...]) -> None:
    """The planned contactmomenten of a new young person (as ``planning.ensure_plan`` makes them)."""
    if youth.leaving_date is None:
        return
    for step, due in rules.planned_dates(youth.leaving_date, plan):
        youth.checkins.append(Draft(CheckIn, plan_months=step.months, label=step.label, due_date=due))


def finish(youth: Draft) -> None:
    """The list columns kept on the youth row (next check-in, vaste contactpersoon): the same code as a save."""
    refresh_derived(cast(Youth, youth))


def collect(youth: Draft, rows: dict[type[Any], list[dict[str, Any]]], now: dt.datetime) -> None:
    """The young person's row and the rows of every list item under it, into ``rows`` per model."""
    rows.setdefault(Youth, []).append(row_of(youth, now))
    for name in CHILDREN:
        for position, item in enumerate(getattr(youth, name)):
            item.youth_id = youth.id
            if "position" in _spec(item.model).names and not item.position:
                item.position = position
            rows.setdefault(item.model, []).append(row_of(item, now))


def insert_rows(session: Session, rows: dict[type[Any], list[dict[str, Any]]]) -> None:
    """One executemany per table, parents first, in the session's transaction
    (:func:`handover.store.bulk_insert.insert_rows`), with a bigger page cache for this write only."""
    connection = session.connection()
    with bigger_cache(connection):
        for model in MODELS:
            batch = rows.get(model)
            if not batch:
                continue
            # A column with a database-side default that no row sets is left out, so the database fills it in.
            columns = [
                c
                for c in _spec(model).columns
                if not (c.server_default and not c.default and all(r[c.key] is None for r in batch))
            ]
            plain_insert(connection, model.__table__.name, [c.column for c in columns], [c.key for c in columns], batch)


def add_youths(
    session: Session,
    youths: Iterable[Draft],
    *,
    actor: str,
    action: str,
    plan: tuple[rules.PlanStep, ...] | None = None,
    now: dt.datetime,
    **detail: Any,
) -> list[str]:
    """Insert new young people (drafts of Youth with their lists) and one audit event each, as ``touch``
    would have written it (revision 1, the list columns refreshed). ``plan``: add the planned
    contactmomenten first. Returns the ids in the order given."""
    rows: dict[type[Any], list[dict[str, Any]]] = {}
    events: list[tuple[str, str, str | None, dict[str, Any]]] = []
    ids: list[str] = []
    for youth in youths:
        if youth.id is None:
            youth.id = new_id()
        youth.revision = 1
        youth.updated_at = now
        if plan is not None:
            plan_checkins(youth, plan)
        finish(youth)
        collect(youth, rows, now)
        events.append((action, "youth", youth.id, {"youth": youth.id, **detail}))
        ids.append(youth.id)
    insert_rows(session, rows)
    audit.record_many(session, actor, events)
    return ids


def run_hooks(ctx: AppContext, session: Session, ids: list[str], action: str) -> None:
    """The change hooks for young people inserted by :func:`add_youths`, in the same transaction (a hook
    that fails rolls everything back, as with ``touch``). Nothing is loaded when no hook is installed."""
    if not ctx.change_hooks:
        return
    for youth_id in ids:
        youth = session.get(Youth, youth_id)
        assert youth is not None
        for hook in ctx.change_hooks:
            hook(session, youth, action)
