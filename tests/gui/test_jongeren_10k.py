"""The Jongeren list with 10,000 young people: typing filters to exactly the right rows, fast."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt

from handover.domain.rules import CLOSED_STATUSES
from handover.services import queries
from handover.ui.formatting import fmt_count
from handover.ui.main_window import PAGE_JONGEREN
from handover.ui.models import YouthTableModel

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def expected_ids(rows, text: str, **equal) -> set[str]:
    """The rows a user expects: every typed word in the name or class (with or without accents)."""
    words = text.casefold().split()
    found = set()
    for r in rows:
        hay = f"{r.name} {r.school_class}".casefold()
        if all(w in hay or w in plain(hay) for w in words) and all(getattr(r, k) == v for k, v in equal.items()):
            found.add(r.id)
    return found


def shown_ids(page) -> set[str]:
    return {page.proxy.youth_at(r).id for r in range(page.proxy.rowCount())}


def test_typing_filters_ten_thousand_rows(qtbot, big_ctx, make_window) -> None:
    rows = queries.youth_rows(big_ctx)
    assert len(rows) == 10_000
    window = make_window(big_ctx, page=PAGE_JONGEREN)
    page = window.jongeren
    # The list opens on the active cases; the finished ones (afgerond) are a choice away.
    active = [r for r in rows if r.status not in CLOSED_STATUSES]
    assert 0 < len(active) < 10_000
    assert page.proxy.rowCount() == len(active)
    assert page.count.text().startswith(
        f"{fmt_count(len(active))} jongeren · {fmt_count(10_000 - len(active))} afgerond"
    )
    page.status.setCurrentIndex(page.status.findData(None))  # Alle statussen
    assert page.proxy.rowCount() == 10_000
    assert page.count.text() == "10.000 jongeren"

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    typed = ""
    for letter in "jansen":
        typed += letter
        qtbot.keyClick(page.find_field, letter)
        page.table.viewport().repaint()  # include drawing the new rows
        assert shown_ids(page) == expected_ids(rows, typed), typed
    assert 0 < page.proxy.rowCount() < 10_000
    assert all("jansen" in page.proxy.index(r, 0).data().casefold() for r in range(page.proxy.rowCount()))
    assert page.count.text().endswith("van 10.000 jongeren")

    # A second word narrows further; the class is searched as well.
    qtbot.keyClicks(page.find_field, " 5a")
    assert shown_ids(page) == expected_ids(rows, "jansen 5a")

    # Backspace widens again, combined with the cohort and route filters.
    for _ in range(3):
        qtbot.keyClick(page.find_field, Qt.Key.Key_Backspace)
    year = max(r.cohort for r in rows if r.cohort)
    page.cohort.setCurrentIndex(page.cohort.findData(year))
    page.route.setCurrentIndex(page.route.findData("werken"))
    assert shown_ids(page) == {
        i for i in expected_ids(rows, "jansen") if i in {r.id for r in rows if r.cohort == year and r.route == "werken"}
    }

    # Sorting on a column keeps the filter and orders by the raw value.
    page.find_field.clear()
    page.table.horizontalHeader().setSortIndicator(YouthTableModel.COL_LEAVING, Qt.SortOrder.DescendingOrder)
    dates = [
        page.proxy.index(r, YouthTableModel.COL_LEAVING).data(YouthTableModel.SortRole)
        for r in range(page.proxy.rowCount())
    ]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == len(expected_ids(rows, "", cohort=year, route="werken"))

    # Typing while sorted, and sorting while typed: the shown rows follow both, in every column.
    qtbot.keyClicks(page.find_field, "jan")
    want = {
        i for i in expected_ids(rows, "jan") if i in {r.id for r in rows if r.cohort == year and r.route == "werken"}
    }
    for column in range(YouthTableModel.COLUMN_COUNT):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.table.horizontalHeader().setSortIndicator(column, order)
            assert shown_ids(page) == want, (column, order)
            keys = [page.proxy.index(r, column).data(YouthTableModel.SortRole) for r in range(page.proxy.rowCount())]
            keyed = [((k is None or k == ""), k if k is not None else "") for k in keys]
            assert keyed == sorted(keyed, reverse=order == Qt.SortOrder.DescendingOrder), (column, order)
    qtbot.keyClicks(page.find_field, "sen")
    assert shown_ids(page) == {i for i in want if i in expected_ids(rows, "jansen")}
