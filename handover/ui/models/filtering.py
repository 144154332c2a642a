"""The Jongeren list's search and filter engine: plain Python, no Qt (it runs in worker threads too).

:func:`prepare_youth` turns the rows of one load into the columns a keystroke needs (lowercase
haystacks, cohort, route, status, "mine" flags, display strings, name sort keys), once per load.
:class:`YouthMatcher` answers which rows pass the criteria as one 0/1 byte per row, remembering its
previous answer so typing on only re-checks the rows that matched before. The Qt models in
:mod:`handover.ui.models.youth` only look the answer up.

It lives beside the models, not in ``services``: it exists for the list's speed (flags per source
row, the previous answer narrowed per keystroke), and nothing but the GUI filters this way.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from handover.domain.rules import CLOSED_STATUSES
from handover.services.queries import YouthRow
from handover.ui.formatting import fmt_date

T = TypeVar("T")
# The status criterion that means "every status but the closed ones" (the list's default: active cases).
ACTIVE = "__actief__"


@functools.lru_cache(maxsize=1 << 16)
def collate(text: str) -> str:
    """Sort and search form: casefolded, accents removed (Ç → c, Ĳ → ij), so Çelik sorts among the C's."""
    if text.isascii():  # most names: skip the (slow) decomposition
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def haystack(*parts: str) -> str:
    """What the find field searches: the text as written and without accents ("celik" finds Çelik)."""
    text = " ".join(parts).casefold()
    if text.isascii():
        return text
    plain = collate(text)
    return text if plain == text else f"{text}\x00{plain}"


def missing_last(value: Any) -> tuple[bool, Any]:
    """Sort key that puts empty values after all real ones (and never compares None with a date)."""
    return (value is None or value == "", value if value is not None else "")


@dataclass(frozen=True)
class PreparedYouth:
    """Everything the list needs, computed once per load off the GUI thread (indexed by record:
    the position in the load, which a sort never changes)."""

    rows: list[YouthRow]
    display: list[tuple[str, ...]]
    haystacks: list[str]
    cohorts: list[int | None]
    routes: list[str | None]
    statuses: list[str]
    mine: list[bool]
    index_of: dict[str, int]
    name_keys: list[str]
    # The place of each status in the workflow (the status column sorts on it).
    status_order: Mapping[str, int] = field(default_factory=dict)
    # Per list column, made on its first sort and kept for this load (see sort_key_column).
    _sort_cache: dict[int, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def column_values(self, column: int) -> list[Any]:
        """The values a list column sorts on (YouthTableModel.raw_value says the same per cell). C-level
        passes over the rows; texts are folded once per distinct value (few classes, routes, names)."""
        rows = self.rows
        if column == 0:
            return self.name_keys
        if column == 1:
            return _folded(list(map(attrgetter("school_class"), rows)))
        if column == 2:
            return _folded(list(map(itemgetter(2), self.display)))
        if column == 3:
            return list(map(attrgetter("leaving_date"), rows))
        if column == 4:
            order = self.status_order
            place = {status: order.get(status, len(order)) for status in set(self.statuses)}
            return list(map(place.__getitem__, self.statuses))
        if column == 5:
            return list(map(attrgetter("next_checkin"), rows))
        if column == 6:
            return _folded(list(map(attrgetter("fixed_contact"), rows)))
        raise IndexError(column)

    def sort_key_column(self, column: int) -> list[int]:
        """One int per record: sorting a column is Python's C sort on ints. Equal ints exactly where
        the (value, name) pairs are equal, so it gives the order of sorting on those pairs, both ways.
        Made on the column's first sort (about 10 ms for 10,000), not at load: the start pays nothing."""
        keys = self._sort_cache.get(column)
        if keys is None:
            names = self._sort_cache.get(-1)
            if names is None:
                names = self._sort_cache[-1] = _ranks(self.name_keys, empty_last=False)
            keys = self._sort_cache[column] = _combine(_ranks(self.column_values(column)), names)
        return keys

    def in_order_of(self, old: PreparedYouth) -> PreparedYouth:
        """The same data with the records in ``old``'s order (the same young people, by id), so that
        record numbers kept elsewhere (a sort order, a proxy's flags) stay valid after a refresh."""
        remap = [self.index_of[r.id] for r in old.rows]

        def pick(values: list[T]) -> list[T]:
            return [values[i] for i in remap]

        return PreparedYouth(
            rows=pick(self.rows),
            display=pick(self.display),
            haystacks=pick(self.haystacks),
            cohorts=pick(self.cohorts),
            routes=pick(self.routes),
            statuses=pick(self.statuses),
            mine=pick(self.mine),
            index_of=old.index_of,
            name_keys=pick(self.name_keys),
            status_order=self.status_order,
        )


def _folded(values: list[str]) -> list[str]:
    """:func:`collate` of each value, computed once per distinct value."""
    folded = {value: collate(value) for value in set(values)}
    return list(map(folded.__getitem__, values))


def _ranks(values: Sequence[Any], *, empty_last: bool = True) -> list[int]:
    """Dense rank per value (equal values, equal ranks); empty values (None, "") after all others."""
    distinct = set(values)
    if not empty_last:
        rank = {v: i for i, v in enumerate(sorted(distinct))}
    else:
        real = sorted(v for v in distinct if v is not None and v != "")
        rank = {v: i for i, v in enumerate(real)}
        for empty in (None, ""):
            if empty in distinct:
                rank[empty] = len(real)
    return list(map(rank.__getitem__, values))


def _combine(ranks: list[int], names: list[int]) -> list[int]:
    width = max(names, default=0) + 1
    return list(map(operator.add, map(operator.mul, ranks, repeat(width)), names))


def sort_keys(columns: Sequence[Sequence[Any]], name_keys: Sequence[str]) -> tuple[list[int], ...]:
    """One int key list per column: the value's rank (empty last), then the name's rank within it."""
    names = _ranks(name_keys, empty_last=False)
    return tuple(_combine(_ranks(values), names) for values in columns)


def prepare_youth(
    rows: Sequence[YouthRow],
    user_name: str,
    route_labels: Mapping[str, str],
    status_labels: Mapping[str, str],
    day_text: Callable[[dt.date | None], str] = fmt_date,
    status_order: Mapping[str, int] | None = None,
) -> PreparedYouth:
    """The list's columns for one load; the labels are the (translated) texts of the route and status codes;
    ``status_order``: the place of each status in the workflow (the status column sorts on it)."""
    rows = list(rows)
    me = user_name.casefold().strip()
    dates: dict[dt.date | None, str] = {None: ""}

    def day(value: dt.date | None) -> str:  # few distinct dates: format each once
        text = dates.get(value)
        if text is None:
            text = dates[value] = day_text(value)
        return text

    display = [
        (
            r.name,
            r.school_class,
            route_labels.get(r.route or "", r.route or ""),
            day(r.leaving_date),
            status_labels.get(r.status, r.status),
            day(r.next_checkin),
            r.fixed_contact,
        )
        for r in rows
    ]
    name_keys = [collate(r.sort_key) for r in rows]
    return PreparedYouth(
        rows=rows,
        display=display,
        haystacks=[haystack(r.name, r.school_class) for r in rows],
        name_keys=name_keys,
        status_order=dict(status_order or {}),
        cohorts=[r.cohort for r in rows],
        routes=[r.route for r in rows],
        statuses=[r.status for r in rows],
        mine=[bool(me) and (r.mentor.casefold() == me or r.fixed_contact.casefold() == me) for r in rows],
        index_of={r.id: i for i, r in enumerate(rows)},
    )


def _narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Does every record matching ``after`` also match ``before``? (Each old word is inside a new one.)"""
    return all(any(old in new for new in after) for old in before)


def _and(a: bytes, b: bytes) -> bytes:
    """Per-record AND of two 0/1 flag strings, in one big-integer operation."""
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")


@dataclass(frozen=True, eq=False)
class FilterColumns:
    """What the list's criteria look at, in the source model's current row order (rebuilt after a sort
    or a change, never per keystroke), so a match is already a flag per source row."""

    haystacks: list[str]
    cohorts: list[int | None]
    routes: list[str | None]
    statuses: list[str]
    mine: list[bool]

    @classmethod
    def of(cls, prepared: PreparedYouth, order: Sequence[int]) -> FilterColumns:
        def pick(values: list[T]) -> list[T]:
            return list(map(values.__getitem__, order))

        return cls(
            haystacks=pick(prepared.haystacks),
            cohorts=pick(prepared.cohorts),
            routes=pick(prepared.routes),
            statuses=pick(prepared.statuses),
            mine=pick(prepared.mine),
        )


class YouthMatcher:
    """Which rows pass the criteria, as one 0/1 byte per row (``None``: nothing filters).

    A row passes when every word of the text (split on white space, casefolded) is part of its
    haystack, and it has the cohort, route and status asked for (``None`` or empty: any; :data:`ACTIVE`:
    any status but a closed one), and, with ``only_mine``, is one of the user's own.

    The longest word is matched against the precomputed haystacks in one pass, the other words only
    on the rows that are left (a set intersection). The answer is remembered, so typing on (every old
    word inside a new one, the common case) only re-checks the rows that matched before. Cohort,
    route, status and "mine" change seldom and are remembered as flags too; the two are combined
    with a single AND.
    """

    def __init__(self) -> None:
        self._columns: FilterColumns | None = None
        self._words: tuple[str, ...] = ()
        self._text_rows: list[int] = []  # the rows that matched the words
        self._text_flags: bytes | None = None  # the same as one 0/1 byte per row
        self._other_key: tuple[Any, ...] | None = None
        self._other_flags: bytes | None = None

    def match(
        self,
        columns: FilterColumns,
        text: str,
        cohort: int | None,
        route: str | None,
        status: str | None,
        only_mine: bool,
    ) -> bytes | None:
        if columns is not self._columns:
            self._columns = columns
            self._words, self._text_rows, self._text_flags = (), [], None
            self._other_key = self._other_flags = None
        text_flags = self._match_words(columns.haystacks, tuple(text.casefold().split()))
        other_flags = self._match_other(columns, (cohort, route, status, only_mine))
        if text_flags is None or other_flags is None:
            return text_flags if other_flags is None else other_flags
        return _and(text_flags, other_flags)

    def _match_words(self, haystacks: list[str], words: tuple[str, ...]) -> bytes | None:
        if words == self._words:
            return self._text_flags
        if not words:
            self._words, self._text_rows, self._text_flags = words, [], None
            return None
        # Longest word first: it leaves the fewest rows for the others.
        first, *rest = sorted(words, key=len, reverse=True)
        if self._text_flags is not None and _narrows(self._words, words):
            rows = [row for row in self._text_rows if first in haystacks[row]]
        else:
            rows = list(compress(range(len(haystacks)), [first in h for h in haystacks]))
        for word in rest:  # the set intersection of the words, on the shrinking candidates
            rows = [row for row in rows if word in haystacks[row]]
        found = bytearray(len(haystacks))
        for row in rows:
            found[row] = 1
        flags = bytes(found)
        self._words, self._text_rows, self._text_flags = words, rows, flags
        return flags

    def _match_other(self, columns: FilterColumns, key: tuple[Any, ...]) -> bytes | None:
        if key == self._other_key:
            return self._other_flags
        cohort, route, status, only_mine = key
        flags: bytes | None = None
        wanted_values: tuple[tuple[Any, Sequence[Any]], ...] = (
            (cohort, columns.cohorts),
            (route, columns.routes),
            (status, columns.statuses),
        )
        for wanted, values in wanted_values:
            if wanted == ACTIVE:
                these = bytes(v not in CLOSED_STATUSES for v in values)
                flags = these if flags is None else _and(flags, these)
            elif wanted:
                these = bytes(v == wanted for v in values)
                flags = these if flags is None else _and(flags, these)
        if only_mine:
            mine = bytes(columns.mine)
            flags = mine if flags is None else _and(flags, mine)
        self._other_key, self._other_flags = key, flags
        return flags


def matching_records(
    prepared: PreparedYouth, text: str, cohort: int | None, route: str | None, status: str | None, only_mine: bool
) -> bytes | None:
    """One flag per record (load order): does it pass every criterion? None when nothing filters."""
    columns = FilterColumns.of(prepared, range(len(prepared.rows)))
    return YouthMatcher().match(columns, text, cohort, route, status, only_mine)
