"""Bulk statements the sync uses where ORM objects would cost more than the work itself."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, update
from sqlalchemy.orm import DeclarativeBase, Session

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def table_of(model: type[DeclarativeBase]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def update_by_key(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """UPDATE rows by primary key as Core executemany statements (rows grouped by the keys they set).

    The ORM's bulk update by primary key spent more time preparing the parameters than SQLite
    took to run them (it fires no events either, so this is the same statement, only cheaper).
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    keys = [c.name for c in table.primary_key.columns]
    for group in groups.values():
        statement = (
            update(table)
            .where(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
            .values({c: bindparam(f"v_{c}") for c in group[0] if c not in keys})
        )
        session.execute(
            statement, [{(f"k_{k}" if k in keys else f"v_{k}"): v for k, v in row.items()} for row in group]
        )
