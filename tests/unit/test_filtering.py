"""The Jongeren list's filter engine on its own (no Qt): search keys, prepared columns, the matcher.

The property test runs one matcher through a sequence of criteria, as a user typing, deleting and
changing filters would, and checks every answer against a naive filter written from the rules.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handover.services.queries import YouthRow
from handover.ui.models import filtering
from handover.ui.models.filtering import (
    FilterColumns,
    PreparedYouth,
    YouthMatcher,
    collate,
    haystack,
    matching_records,
    missing_last,
    prepare_youth,
)

ROUTES = {"werken": "Werken", "verder_leren": "Verder leren", "dagbesteding": "Dagbesteding"}
STATUSES = {"concept": "Concept", "klaar": "Klaar", "afgerond": "Afgerond"}


def youth(
    ident: str,
    name: str,
    klass: str = "5A",
    route: str | None = "werken",
    leaving: dt.date | None = dt.date(2026, 7, 10),
    status: str = "concept",
    contact: str = "",
    mentor: str = "",
) -> YouthRow:
    return YouthRow(ident, name, name.casefold(), klass, route, leaving, status, None, contact, mentor, None)


ROWS = [
    youth("a", "Sem de Vries", "5A", mentor="Marieke de Jong"),
    youth("b", "Emma Jansen", "6B", "verder_leren", dt.date(2025, 7, 11), "klaar", contact="Ahmed Benali"),
    youth("c", "Ömer Çelik", "5A", "dagbesteding", None, "afgerond", contact="MARIEKE DE JONG"),
    youth("d", "Jan Bakker", "4C", None, dt.date(2027, 7, 14)),
]


def test_the_module_imports_no_qt() -> None:
    """The engine runs in worker threads and in unit tests: only plain Python and Qt-free modules."""
    imported: set[str] = set()
    for node in ast.walk(ast.parse(Path(filtering.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {name for name in imported if name.split(".")[0] in {"PySide6", "shiboken6"}}
    assert {name for name in imported if name.startswith("handover.ui")} <= {"handover.ui.formatting"}


def test_collate_and_haystack_find_names_with_and_without_accents() -> None:
    assert collate("Çelik") == "celik"
    assert collate("Ĳsbrand") == "ijsbrand"
    assert collate("JANSEN") == "jansen"
    assert haystack("Jan Bakker", "4C") == "jan bakker 4c"
    hay = haystack("Ömer Çelik", "5A")
    assert "çelik" in hay and "celik" in hay and "omer" in hay


def test_missing_values_sort_last() -> None:
    values = [dt.date(2027, 1, 1), None, dt.date(2026, 1, 1)]
    assert sorted(values, key=missing_last) == [dt.date(2026, 1, 1), dt.date(2027, 1, 1), None]
    assert sorted(["b", "", "a"], key=missing_last) == ["a", "b", ""]


def test_prepare_youth_builds_the_columns_once() -> None:
    prepared = prepare_youth(ROWS, "  Marieke de Jong", ROUTES, STATUSES)
    assert prepared.display[0] == ("Sem de Vries", "5A", "Werken", "10-07-2026", "Concept", "", "")
    assert prepared.display[3][2] == ""  # no route
    assert prepared.cohorts == [2026, 2025, None, 2027]
    assert prepared.mine == [True, False, True, False]  # as mentor, as contact (written in capitals)
    assert prepared.index_of == {"a": 0, "b": 1, "c": 2, "d": 3}
    assert prepare_youth(ROWS, "", ROUTES, STATUSES).mine == [False] * 4


def test_in_order_of_keeps_the_old_record_numbers() -> None:
    old = prepare_youth(ROWS, "", ROUTES, STATUSES)
    new = prepare_youth([ROWS[3], ROWS[1], ROWS[0], ROWS[2]], "", ROUTES, STATUSES)
    again = new.in_order_of(old)
    assert again.rows == old.rows and again.index_of is old.index_of
    assert again.display == old.display and again.haystacks == old.haystacks


def test_typing_on_gives_the_same_answer_as_starting_afresh() -> None:
    prepared = prepare_youth(ROWS, "", ROUTES, STATUSES)
    columns = FilterColumns.of(prepared, range(len(ROWS)))
    matcher = YouthMatcher()
    for text in ("j", "ja", "jan", "jans", "jan", "bak jan", "bak jan 4", "5a", "5a ç", "ömer", "omer", ""):
        assert matcher.match(columns, text, None, None, None, False) == matching_records(
            prepared, text, None, None, None, False
        ), text
    assert matcher.match(columns, "", None, None, None, False) is None
    assert matcher.match(columns, "jan", None, "werken", None, False) == b"\x00\x00\x00\x00"
    assert matcher.match(columns, "e", 2026, None, None, False) == b"\x01\x00\x00\x00"
    assert matcher.match(columns, "", None, None, "klaar", False) == b"\x00\x01\x00\x00"


def test_flags_follow_the_source_row_order() -> None:
    prepared = prepare_youth(ROWS, "", ROUTES, STATUSES)
    columns = FilterColumns.of(prepared, [3, 2, 1, 0])
    assert YouthMatcher().match(columns, "5a", None, None, None, False) == b"\x00\x01\x00\x01"


# -- property: the matcher agrees with a naive filter ----------------------------------------------

LETTERS = "aejnkrçöéĳ5A B"
names = st.text(alphabet=LETTERS, min_size=1, max_size=12)
people = st.lists(
    st.builds(
        youth,
        ident=st.just(""),
        name=names,
        klass=st.sampled_from(["5A", "6B", "4C", ""]),
        route=st.sampled_from([None, *ROUTES]),
        leaving=st.sampled_from([None, dt.date(2025, 7, 1), dt.date(2026, 7, 1)]),
        status=st.sampled_from(list(STATUSES)),
        contact=st.sampled_from(["", "Noor", "noor "]),
        mentor=st.sampled_from(["", "Noor", "Bram"]),
    ),
    max_size=25,
)
criteria = st.tuples(
    st.text(alphabet=LETTERS, max_size=6),
    st.sampled_from([None, 2025, 2026]),
    st.sampled_from([None, "", *ROUTES]),
    st.sampled_from([None, "", *STATUSES]),
    st.booleans(),
)


def naive(
    rows: list[YouthRow],
    user: str,
    text: str,
    cohort: int | None,
    route: str | None,
    status: str | None,
    only_mine: bool,
) -> bytes | None:
    """The rules as written: every word in the name and class (as written or without accents), and
    each criterion that is set; None when nothing is set."""
    words = text.casefold().split()
    if not (words or cohort or route or status or only_mine):
        return None
    me = user.casefold().strip()

    def passes(r: YouthRow) -> bool:
        written = f"{r.name} {r.school_class}".casefold()
        return (
            all(w in written or w in collate(written) for w in words)
            and (not cohort or r.cohort == cohort)
            and (not route or r.route == route)
            and (not status or r.status == status)
            and (not only_mine or (bool(me) and me in (r.mentor.casefold(), r.fixed_contact.casefold())))
        )

    return bytes(passes(r) for r in rows)


@settings(max_examples=300, deadline=None)
@given(people=people, user=st.sampled_from(["", "Noor", "bram"]), data=st.data())
def test_matcher_agrees_with_a_naive_filter(people: list[YouthRow], user: str, data: st.DataObject) -> None:
    rows = [dataclasses.replace(r, id=str(i)) for i, r in enumerate(people)]
    prepared: PreparedYouth = prepare_youth(rows, user, ROUTES, STATUSES)
    order = data.draw(st.permutations(range(len(rows))), label="sort order")
    columns = FilterColumns.of(prepared, order)
    shown = [rows[i] for i in order]
    matcher = YouthMatcher()
    steps = data.draw(st.lists(criteria, min_size=1, max_size=8), label="criteria")
    typed = data.draw(st.text(alphabet=LETTERS, max_size=8), label="typed on")
    # Typing a text letter by letter, then deleting it again, exercises the narrowing of the last answer.
    steps += [(typed[:n], None, None, None, False) for n in [*range(len(typed) + 1), *range(len(typed), -1, -1)]]
    for text, cohort, route, status, only_mine in steps:
        got = matcher.match(columns, text, cohort, route, status, only_mine)
        assert got == naive(shown, user, text, cohort, route, status, only_mine), (text, cohort, route, status)


_SORTABLE = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["4A", "4a", "5B", "Çelik", "celik", "de Vries", "Zeist"]),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_SORTABLE, st.sampled_from(["a", "b", "b", "c", ""])), max_size=40),
    st.booleans(),
)
def test_int_sort_keys_sort_like_the_value_and_name_pairs(cells: list[tuple[str | None, str]], reverse: bool) -> None:
    """The keys made at load sort a column exactly as (value with empty ones last, then the name) would,
    both ways, ties included (Python's sort is stable in both directions)."""
    values = [v for v, _ in cells]
    names = [n for _, n in cells]
    (keys,) = filtering.sort_keys([values], names)
    pairs = [(missing_last(v), n) for v, n in cells]
    records = range(len(cells))
    assert sorted(records, key=keys.__getitem__, reverse=reverse) == sorted(
        records, key=pairs.__getitem__, reverse=reverse
    )


def test_dates_and_numbers_sort_with_empty_last() -> None:
    days = [dt.date(2026, 7, 10), None, dt.date(2025, 1, 31), dt.date(2026, 7, 10)]
    (keys,) = filtering.sort_keys([days], ["b", "a", "c", "a"])
    assert sorted(range(4), key=keys.__getitem__) == [2, 3, 0, 1]
