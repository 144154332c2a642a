"""Many new rows at once: one plain executemany per table, without SQLAlchemy's per-row bookkeeping.

Used by the demo and the CSV import (:mod:`handover.services.bulk`) and by the merge of another PC's
caseload (:mod:`handover.services.merge_bulk`). Each value still goes through its column type's own
bind processor, as SQLAlchemy would convert it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Column
from sqlalchemy.engine import Connection, Dialect

BULK_CACHE_KIB = -65536  # page cache while many rows are written (negative: KiB)


def memo(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A bind processor that converts each distinct value once (dates and the chunk's timestamp repeat
    thousands of times); unhashable values are converted every time."""
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


@contextmanager
def bigger_cache(connection: Connection) -> Iterator[None]:
    """A 64 MB page cache for this write only: the random-id indexes of many new rows would otherwise be
    read back and decrypted page by page. The connection's own size is put back after."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def insert_rows(
    connection: Connection,
    table_name: str,
    columns: Sequence[Column[Any]],
    keys: Sequence[str],
    rows: Sequence[dict[str, Any]],
    as_text: Sequence[str] = (),
) -> None:
    """``INSERT INTO table_name (columns) VALUES (?, ...)`` once for all ``rows`` (dicts by ``keys``);
    the values converted as :func:`driver_rows` does."""
    if rows:
        execute_rows(
            connection,
            table_name,
            [c.name for c in columns],
            driver_rows(connection.dialect, columns, keys, rows, as_text),
        )


def driver_rows(
    dialect: Dialect,
    columns: Sequence[Column[Any]],
    keys: Sequence[str],
    rows: Sequence[dict[str, Any]],
    as_text: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """``rows`` (dicts by ``keys``) as tuples of the values the driver stores for ``columns``.

    Columns named in ``as_text`` hold JSON encoded already and are stored as they are. The values are
    converted column by column: a column without a processor is taken as it is; in the others None stays
    None (except in a JSON column, where it is the text null), the rest goes through the processor once
    per distinct value."""
    getters = [row.get for row in rows]
    by_column = []
    for column, key in zip(columns, keys, strict=True):
        values = [get(key) for get in getters]
        process = None if key in as_text else column.type._cached_bind_processor(dialect)
        if process is not None:
            if isinstance(column.type, JSON):
                values = [process(v) for v in values]
            else:
                once = memo(process)
                values = [None if v is None else once(v) for v in values]
        by_column.append(values)
    return list(zip(*by_column, strict=True))


def execute_rows(
    connection: Connection, table_name: str, column_names: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """One plain executemany of ``rows`` (tuples as :func:`driver_rows` makes them) into ``table_name``."""
    if not rows:
        return
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table_name)} ({', '.join(quote(c) for c in column_names)}) "
        f"VALUES ({', '.join('?' for _ in column_names)})"
    )
    connection.exec_driver_sql(sql, list(rows))
