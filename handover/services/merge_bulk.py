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

from sqlalchemy import Table
from sqlalchemy.orm import Session

from handover.store.bulk_insert import bigger_cache, insert_rows


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]], as_text: Sequence[str] = ()) -> None:
    """One executemany of plain rows (:func:`handover.store.bulk_insert.insert_rows`). Columns named in
    ``as_text`` hold JSON already encoded: stored as they are."""
    if not rows:
        return
    columns = [c for c in table.columns if c.key in rows[0]]
    insert_rows(session.connection(), table.name, columns, [c.key for c in columns], rows, as_text)


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


@contextmanager
def bulk_cache(session: Session, many: bool) -> Iterator[None]:
    """A 64 MB page cache while many rows with random ids are written (their index pages are not
    read back and decrypted again and again), and no cycle collector meanwhile."""
    if not many:
        yield
        return
    with bigger_cache(session.connection()), no_gc():
        yield


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
