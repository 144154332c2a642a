"""Bulk writing for the merge (issue 13): plain executemany rows, the page cache, no cycle collector.

A new PC receives a school's whole caseload at once (a quarter of a million entity states for
10,000 young people): these keep SQLAlchemy's per-row bookkeeping, re-reading of encrypted index
pages and Python's cycle collector out of that path.
"""

from __future__ import annotations

import gc
import json
import json.encoder
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session


def _memo(process: Any) -> Any:
    """A bind processor that converts each distinct hashable value once (dates repeat thousands of times)."""
    done: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            result = done[value] = process(value)
            return result
        except TypeError:
            return process(value)

    return run


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]], as_text: Sequence[str] = ()) -> None:
    """One executemany of plain rows, each value through its column type's bind processor (as
    SQLAlchemy would) without SQLAlchemy's per-row bookkeeping (see services.bulk). Columns named in
    ``as_text`` hold JSON already encoded: stored as they are."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    columns = [c for c in table.columns if c.key in rows[0]]
    processors = [None if c.key in as_text else c.type._cached_bind_processor(dialect) for c in columns]
    # JSON values are unhashable: converted every time (no memo), the rest once per distinct value.
    processors = [
        p if p is None or isinstance(c.type, JSON) else _memo(p) for p, c in zip(processors, columns, strict=True)
    ]
    keys = [c.key for c in columns]
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    get = [row.get for row in rows]
    # Column by column: the values of the columns without a processor are taken as they are, the
    # others converted (None stays None, except in a JSON column, where it is the text null).
    columns_values = []
    for key, process, column in zip(keys, processors, columns, strict=True):
        values = [g(key) for g in get]
        if process is not None:
            keep_none = not isinstance(column.type, JSON)
            values = [None if v is None and keep_none else process(v) for v in values]
        columns_values.append(values)
    connection.exec_driver_sql(sql, list(zip(*columns_values, strict=True)))


@contextmanager
def no_gc(many: bool = True) -> Iterator[None]:
    """Python's cycle collector off while many small containers are made (states, rows): it would scan
    the growing heap again and again (a third of a first capture's CPU time); none of them is a cycle."""
    if not many or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


BULK_CACHE_KIB = -65536  # page cache for many new rows (negative: KiB), as services.bulk does


@contextmanager
def bulk_cache(session: Session, many: bool) -> Iterator[None]:
    """A 64 MB page cache while many rows with random ids are written (their index pages are not
    read back and decrypted again and again); the connection's own size is put back after."""
    if not many:
        yield
        return
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        with no_gc():
            yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _not_json(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON")


# The C encoder made once, without the check for cycles (a state is a tree of plain values): twice as
# fast as json.dumps, which makes both for every call (a first capture encodes 250,000 states).
_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_ENCODE = (
    None
    if _C_ENCODER is None
    else _C_ENCODER(None, _not_json, json.encoder.encode_basestring, None, ":", ",", False, False, True)
)


def state_text(state: dict[str, Any]) -> str:
    """A state as stored and sent: compact JSON (encoded once, here; the sync packs this very text)."""
    if _ENCODE is None:
        return json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return "".join(_ENCODE(state, 0))
