"""Small counts that leave the school: hidden, and not to be worked back by subtraction.

Primary suppression: every count under 5 (0 included) reads "<5".

Complementary suppression: a row of counts is usually shown with its total (a cohort's situations
with the number measured, "12 van 50 bereikt"). If exactly one count in such a row is hidden,
the total minus the shown counts gives it back (total 23, cells 12, 7 and "<5": the hidden one is
4). So the next smallest shown count is hidden too; it reads "x" ("verborgen", 5 or more). The
check is done as an outsider would: "<5" stands for 0 to 4, "x" for 5 or more, every shown number
is exact, and the total fixes the sum. A hidden count whose possible values shrink to one value
(also when all hidden counts must be 0) is "derivable"; more counts are hidden until none is. When
even hiding every count does not help (total 5, all five in one situation), the total is hidden
as well ("x"); the callers then hide every total of that cohort and school type, since the same
number stands elsewhere (vertrokken, gemeten, van).

A ratio ("a van b") is a row of two: the count and the rest. The rest is never shown, but b - a
gives it; when it is under 5, the count reads "x".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CELL_MIN = 5
HIDDEN = "<5"
SECONDARY = "x"
SMALL_MAX = CELL_MIN - 1

Cell = int | str


def bounds(cell: Cell) -> tuple[int, int | None]:
    """What an outsider knows of a cell: an exact number, 0 to 4 ("<5"), or 5 or more ("x")."""
    if isinstance(cell, int):
        return cell, cell
    if cell == HIDDEN:
        return 0, SMALL_MAX
    return CELL_MIN, None


def hidden_ranges(cells: Sequence[Cell], total: Cell | None) -> dict[int, tuple[int, int | None]]:
    """Per hidden cell, the values an outsider can still give it (``None``: no upper limit).

    With an exact total, the hidden cells add up to the total minus the shown cells; each hidden
    cell then lies between what the others can at most and at least take up (exact for one sum).
    """
    hidden = [i for i, c in enumerate(cells) if not isinstance(c, int)]
    known = {i: bounds(cells[i]) for i in hidden}
    if not isinstance(total, int):
        return known
    rest = total - sum(c for c in cells if isinstance(c, int))
    result: dict[int, tuple[int, int | None]] = {}
    for i in hidden:
        low, high = known[i]
        others_low = sum(known[j][0] for j in hidden if j != i)
        others_high: int | None = 0
        for j in hidden:
            if j != i:
                h = known[j][1]
                others_high = None if h is None or others_high is None else others_high + h
        low = max(low, rest - others_high) if others_high is not None else low
        top = rest - others_low
        high = top if high is None else min(high, top)
        result[i] = (low, high)
    return result


def derivable(cells: Sequence[Cell], total: Cell | None) -> list[int]:
    """The hidden cells an outsider can work out exactly from the total and the other cells."""
    return [i for i, (low, high) in hidden_ranges(cells, total).items() if high is not None and low >= high]


@dataclass(frozen=True)
class Protected:
    cells: tuple[Cell, ...]
    total: Cell

    @property
    def total_shown(self) -> bool:
        return isinstance(self.total, int)

    def shown(self, index: int) -> bool:
        return isinstance(self.cells[index], int)


def _mark(n: int) -> str:
    return HIDDEN if n < CELL_MIN else SECONDARY


def protect(values: Sequence[int], total: int | None = None) -> Protected:
    """The row as it may leave the school, with its total (default: the sum of the values)."""
    whole = sum(values) if total is None else total
    cells: list[Cell] = [HIDDEN if v < CELL_MIN else v for v in values]
    if whole < CELL_MIN:
        return Protected(tuple(cells), HIDDEN)
    while derivable(cells, whole):
        shown = [i for i, c in enumerate(cells) if isinstance(c, int)]
        if not shown:
            return Protected(tuple(cells), SECONDARY)
        pick = min(shown, key=lambda i: (values[i], i))
        cells[pick] = SECONDARY
    return Protected(tuple(cells), whole)


@dataclass(frozen=True)
class ProtectedRatio:
    count: Cell
    total: Cell
    pct: float | None

    @property
    def total_shown(self) -> bool:
        return isinstance(self.total, int)


def protect_ratio(count: int, total: int) -> ProtectedRatio:
    """ "a van b" as it may leave the school: neither a nor the rest b - a may be worked out under 5."""
    if total < CELL_MIN:
        return ProtectedRatio(HIDDEN, HIDDEN, None)
    if count < CELL_MIN:
        return ProtectedRatio(HIDDEN, total, None)
    if total - count < CELL_MIN:
        # "x" is 5 to b here; with b == 5 that is exactly 5, and the rest 0: then b goes too.
        return ProtectedRatio(SECONDARY, total if total > CELL_MIN else SECONDARY, None)
    return ProtectedRatio(count, total, 100.0 * count / total)


def subtotal_known(cells: Sequence[Cell], members: Sequence[int]) -> bool:
    """Whether the sum of ``members`` already follows from the shown cells (all members shown, or
    all the others): only then may a share of that part (a percentage) be given."""
    inside = set(members)
    return all(isinstance(c, int) for i, c in enumerate(cells) if i in inside) or all(
        isinstance(c, int) for i, c in enumerate(cells) if i not in inside
    )


def parts_safe(cells: Sequence[Cell], values: Sequence[int], parts: Sequence[Sequence[int]]) -> bool:
    """Whether the exact sum of each part (the parts split the row) may be given beside ``cells``:
    within every part, no hidden cell can then be worked out from the part's sum and its shown cells."""
    return all(not derivable([cells[i] for i in part], sum(values[i] for i in part)) for part in parts)


def shown_groups(cells: Sequence[Cell], values: Sequence[int], groups: Sequence[Sequence[int]]) -> list[int]:
    """Which groups of a protected row (e.g. werk, school, ...: they split the row) may be given as exact
    sums: each such group, and what the others leave together, keeps its hidden cells hidden. Until
    that holds, the smallest group with a hidden cell (else the smallest) goes back among the rest."""
    chosen = [g for g, members in enumerate(groups) if parts_safe(cells, values, [members])]
    while chosen:
        rest = [i for g, members in enumerate(groups) if g not in chosen for i in members]
        if not rest or parts_safe(cells, values, [rest]):
            return chosen

        def cost(g: int) -> tuple[bool, int, int]:
            has_hidden = any(not isinstance(cells[i], int) for i in groups[g])
            return not has_hidden, sum(values[i] for i in groups[g]), g

        chosen.remove(min(chosen, key=cost))
    return []
