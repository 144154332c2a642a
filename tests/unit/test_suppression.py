"""Complementary suppression: no hidden count can be worked back from a shown total and the other cells.

The checks here are made as an outsider would, by brute force: every filling of the hidden cells
that fits what is shown ("<5" is 0 to 4, "x" is 5 or more, the total fixes the sum) is tried, and
each hidden cell must still have at least two possible values.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from handover.domain.vocab import SITUATION
from handover.gemeente.regio import Span, row_spans
from handover.services.outcomes import CohortFigures, CohortRow, Ratio, point_moment
from handover.services.outcomes_export import (
    PeildatumCounts,
    anonymised,
    peildatum_rows,
)
from handover.services.outcomes_suppress import HIDDEN, SECONDARY, Cell, protect, protect_ratio

CODES = SITUATION.codes()


def _possible(cells: Sequence[Cell], total: Cell, limit: int) -> list[set[int]]:
    """Per cell, every value it can have given what is shown (brute force)."""
    choices = []
    for c in cells:
        if isinstance(c, int):
            choices.append(range(c, c + 1))
        elif c == HIDDEN:
            choices.append(range(0, 5))
        else:
            choices.append(range(5, limit + 1))
    seen: list[set[int]] = [set() for _ in cells]
    for filling in itertools.product(*choices):
        if isinstance(total, int) and sum(filling) != total:
            continue
        for i, v in enumerate(filling):
            seen[i].add(v)
    return seen


def _assert_protected(values: Sequence[int], cells: Sequence[Cell], total: Cell) -> None:
    assert len(cells) == len(values)
    for v, c in zip(values, cells, strict=True):
        if v < 5:
            assert c == HIDDEN, (values, cells)  # every count under 5 reads "<5"
        else:
            assert c in (v, SECONDARY), (values, cells)  # never a wrong number, "x" only for 5 or more
    whole = sum(values)
    assert total in (whole, HIDDEN, SECONDARY)
    possible = _possible(cells, total, whole if isinstance(total, int) else whole + 10)  # hidden: unknown
    for i, c in enumerate(cells):
        if not isinstance(c, int):
            assert len(possible[i]) >= 2, (values, cells, total, i)  # not derivable
            assert values[i] in possible[i]


small_rows = st.lists(st.one_of(st.integers(0, 4), st.integers(5, 9), st.integers(10, 14)), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(small_rows)
def test_no_hidden_cell_of_a_row_can_be_worked_back(values: list[int]) -> None:
    protected = protect(values)
    _assert_protected(values, protected.cells, protected.total)


def test_the_issues_example() -> None:
    # total 23, cells 12, 7 and 4: "<5" alone would be 23 - 12 - 7 = 4; the 7 is hidden too
    protected = protect([12, 7, 4])
    assert protected.cells == (12, SECONDARY, HIDDEN) and protected.total == 23
    # two hidden small cells need nothing more, unless together they must be 0
    assert protect([12, 7, 3, 1]).cells == (12, 7, HIDDEN, HIDDEN)
    assert protect([12, 7, 0, 0]).cells == (12, SECONDARY, HIDDEN, HIDDEN)
    # everyone in one situation: even hiding every count would leave it at 5, so the total goes
    assert protect([5, 0, 0]).total == SECONDARY
    assert protect([0, 0, 0]).total == HIDDEN


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40))
def test_a_ratio_gives_neither_the_count_nor_the_rest_back(count: int, rest: int) -> None:
    total = count + rest
    ratio = protect_ratio(count, total)
    if count < 5:
        assert ratio.count == HIDDEN
    if total < 5:
        assert ratio.total == HIDDEN
    assert ratio.count in (count, HIDDEN, SECONDARY) and ratio.total in (total, HIDDEN, SECONDARY)
    if ratio.pct is not None:
        assert ratio.count == count and ratio.total == total
    # the rest is never shown: 0 or more; brute force over what the count and the total allow
    counts = {
        HIDDEN: range(0, 5),
        SECONDARY: range(5, total + 6),
    }.get(ratio.count, range(count, count + 1))  # type: ignore[call-overload]
    totals = {HIDDEN: range(0, 5), SECONDARY: range(5, total + 6)}.get(ratio.total, range(total, total + 1))  # type: ignore[call-overload]
    fillings = [(c, t - c) for c in counts for t in totals if t >= c]
    if count < 5:
        assert len({c for c, _r in fillings}) >= 2
    if rest < 5:
        assert len({r for _c, r in fillings}) >= 2, (count, rest, ratio)


mixes = st.lists(st.integers(0, 12), min_size=len(CODES), max_size=len(CODES)).map(
    lambda ns: dict(zip(CODES, ns, strict=True))
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(mixes, mixes, st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=3))
def test_every_table_in_the_message_is_protected_and_the_csv_hides_the_same_cells(
    cohorts: list[tuple[dict[str, int], dict[str, int], int, int]],
) -> None:
    rows = []
    on_date = {}
    for index, (mix, peil, reached, not_reached) in enumerate(cohorts):
        left = sum(mix.values())
        rows.append(
            CohortRow(
                2024 + index,
                "pro",
                left=left,
                mix={"T+6": mix},
                reached=Ratio(reached, reached + not_reached),
                stable=Ratio(0, 0),
                on_time=Ratio(reached, reached + not_reached),
            )
        )
        on_date[(2024 + index, "pro")] = peil
    figs = CohortFigures(dt.date(2026, 11, 2), None, [point_moment(6)], rows, False)
    counts = PeildatumCounts(dt.date(2026, 11, 1), "test", None, on_date)
    body = anonymised(figs, peildatum=counts)
    for cohort, row, (mix, _peil, reached, not_reached) in zip(body["cohorten"], rows, cohorts, strict=True):
        cells = [cohort["situaties"]["T+6"][c] for c in CODES]
        gemeten = cohort["gemeten"]["T+6"]
        assert all(not isinstance(c, int) or c >= 5 for c in cells)
        # the same number stands as "vertrokken": hidden there when hidden as the total
        assert cohort["vertrokken"] == gemeten or not isinstance(cohort["vertrokken"], int) == (
            not isinstance(gemeten, int)
        )
        hidden = [i for i, c in enumerate(cells) if not isinstance(c, int)]
        if isinstance(gemeten, int) and len(hidden) <= 6:  # brute force stays small
            _assert_protected([mix[c] for c in CODES], cells, gemeten)
        ratio = cohort["bereikt"]
        if isinstance(ratio["aantal"], int) and isinstance(ratio["van"], int):
            assert ratio["van"] - ratio["aantal"] >= 5 and ratio["van"] == reached + not_reached
        assert row.left == sum(mix.values())
    csv_rows = peildatum_rows(counts, for_gemeente=True)
    for sent in body["rows"]:
        key = (sent["vertrekjaar"], sent["schoolsoort"])
        in_csv = [r[3] for r in csv_rows if r[0] == key[0]]
        assert in_csv == [sent["situaties"][c] for c in CODES]  # one copy hides what the other hides
        values = [on_date[key][c] for c in CODES]
        hidden = [i for i, c in enumerate(in_csv) if not isinstance(c, int)]
        if isinstance(sent["totaal"], int) and len(hidden) <= 6:
            _assert_protected(values, in_csv, sent["totaal"])


@settings(max_examples=200, deadline=None)
@given(st.lists(small_rows, min_size=1, max_size=4))
def test_the_regional_total_holds_the_true_sum_of_what_each_school_sent(schools: list[list[int]]) -> None:
    width = max(len(v) for v in schools)
    true = [0] * width
    total = [Span(0, 0)] * width
    for values in schools:
        values = values + [0] * (width - len(values))
        protected = protect(values)
        cells = {str(i): c for i, c in enumerate(protected.cells)}
        spans = row_spans(cells, protected.total)
        for i in range(width):
            true[i] += values[i]
            total[i] = total[i] + spans[str(i)]
            if isinstance(protected.cells[i], int):
                assert spans[str(i)] == Span(values[i], values[i])
            elif protected.cells[i] == HIDDEN:
                assert spans[str(i)] == Span(0, 4)  # as it reads
    for i in range(width):
        span = total[i]
        assert span.low <= true[i] and (span.high is None or true[i] <= span.high)


def test_regio_reads_geen_uitwisseling_when_no_school_has_an_intake_figure() -> None:
    from handover.gemeente.regio import NO_EXCHANGE, SchoolColumn, _rows_from

    def body(intake: object) -> dict[str, object]:
        ratio = {"aantal": 6, "van": 12, "pct": 50.0}
        return {
            "rows": [{"vertrekjaar": 2025, "schoolsoort": "pro", "situaties": {"werk": 12}, "totaal": 12}],
            "cohorten": [
                {"vertrekjaar": 2025, "schoolsoort": "pro", "bereikt": ratio, "stabiel": ratio, "intake": intake}
            ],
        }

    schools = [SchoolColumn("a", "A", True), SchoolColumn("b", "B", True)]
    rows = {r.part: r for r in _rows_from({"a": body(None), "b": body(None)}, schools)}
    intake = rows["Intake Werk en Inkomen binnen 3 maanden"]
    assert intake.cells == (NO_EXCHANGE, NO_EXCHANGE) and intake.total == NO_EXCHANGE  # not "0 van 0"
    assert rows["Bereikt na vertrek"].total == "12 van 24 (50%)"
    one = {r.part: r for r in _rows_from({"a": body(None), "b": body({"aantal": 5, "van": 12, "pct": None})}, schools)}
    assert one["Intake Werk en Inkomen binnen 3 maanden"].total == "5 van 12 (42%)"


def test_regio_counts_an_x_as_what_the_schools_total_leaves_for_it() -> None:
    # total 23: 12, "x" (really 7) and "<5" (really 4): x is 5 to 11, the "<5" 0 to 4
    spans = row_spans({"werk": 12, "mbo_2": SECONDARY, "geen": HIDDEN}, 23)
    assert spans == {"werk": Span(12, 12), "mbo_2": Span(7, 11), "geen": Span(0, 4)}
    assert (Span(7, 11) + Span(3, 3)).text() == "10–14"
    assert row_spans({"werk": SECONDARY, "geen": HIDDEN}, SECONDARY)["werk"] == Span(5, None)
    assert (Span(5, None) + Span(2, 2)).text() == "7 of meer"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 14), min_size=2, max_size=6), st.integers(1, 3))
def test_a_group_sum_or_a_share_given_beside_the_cells_gives_no_hidden_cell_back(values: list[int], cut: int) -> None:
    from handover.services.outcomes_suppress import parts_safe, shown_groups

    protected = protect(values)
    if not isinstance(protected.total, int):
        return
    cut = min(cut, len(values) - 1)
    groups = [list(range(cut)), list(range(cut, len(values)))]
    chosen = shown_groups(protected.cells, values, groups)
    rest = [i for g, members in enumerate(groups) if g not in chosen for i in members]
    parts = [groups[g] for g in chosen] + ([rest] if rest else [])
    # an outsider who knows every given part's sum (and so the rest's): brute force per part
    for part in parts:
        cells = [protected.cells[i] for i in part]
        whole = sum(values[i] for i in part)
        possible = _possible(cells, whole, whole)
        for k, c in enumerate(cells):
            if not isinstance(c, int):
                assert len(possible[k]) >= 2, (values, protected.cells, groups, chosen)
    assert parts_safe(protected.cells, values, parts)
