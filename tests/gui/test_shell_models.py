"""The shell's table models without a view: columns, sort role, object role, sorting and filtering."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from handover.services.queries import AgreementRow, YouthRow
from handover.ui.models import (
    AgreementFilterProxyModel,
    AgreementTableModel,
    YouthFilterProxyModel,
    YouthTableModel,
)

TODAY = dt.date(2026, 11, 29)


def row(
    ident: str,
    name: str,
    sort_key: str,
    klass: str,
    route: str | None,
    leaving: dt.date | None,
    status: str,
    next_checkin: dt.date | None,
    contact: str = "",
    mentor: str = "",
) -> YouthRow:
    return YouthRow(ident, name, sort_key, klass, route, leaving, status, next_checkin, contact, mentor, None)


ROWS = [
    row(
        "a",
        "Sem de Vries",
        "vries, sem de",
        "5A",
        "werken",
        dt.date(2026, 7, 10),
        "besproken",
        dt.date(2026, 11, 20),
        "Marieke de Jong",
        "Marieke de Jong",
    ),
    row(
        "b",
        "Emma Jansen",
        "jansen, emma",
        "6B",
        "verder_leren",
        dt.date(2025, 7, 11),
        "concept",
        dt.date(2027, 1, 11),
        "Ahmed Benali",
        "Ahmed Benali",
    ),
    row("c", "Ömer Çelik", "çelik, ömer", "5A", "dagbesteding", None, "afgerond", None, "", "Petra Kuiper"),
    row(
        "d",
        "Jan Bakker",
        "bakker, jan",
        "4C",
        "werken",
        dt.date(2027, 7, 14),
        "klaar",
        dt.date(2026, 12, 1),
        "Marieke de Jong",
        "Joost van Rijn",
    ),
]


@pytest.fixture
def model(qapp) -> YouthTableModel:
    m = YouthTableModel(today=lambda: TODAY)
    m.set_rows(ROWS, user_name="Marieke de Jong")
    return m


@pytest.fixture
def proxy(model: YouthTableModel) -> YouthFilterProxyModel:
    p = YouthFilterProxyModel()
    p.setSourceModel(model)
    return p


def column(model, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_columns_headers_and_display(model: YouthTableModel) -> None:
    assert model.columnCount() == YouthTableModel.COLUMN_COUNT == 7
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "Naam",
        "Klas",  # the find field searches name or class: both are shown
        "Route na school",
        "Vertrekdatum",
        "Status",
        "Volgend contactmoment",
        "Vaste contactpersoon",
    ]
    assert column(model, YouthTableModel.COL_NAME) == ["Sem de Vries", "Emma Jansen", "Ömer Çelik", "Jan Bakker"]
    assert model.index(0, YouthTableModel.COL_CLASS).data() == "5A"
    assert model.index(0, YouthTableModel.COL_ROUTE).data() == "Werken"
    assert model.index(0, YouthTableModel.COL_LEAVING).data() == "10-07-2026"
    assert model.index(1, YouthTableModel.COL_STATUS).data() == "Concept"
    assert model.index(2, YouthTableModel.COL_NEXT).data() == ""


def test_sort_role_returns_raw_values_and_object_role_the_row(model: YouthTableModel) -> None:
    role = YouthTableModel.SortRole
    assert model.index(0, YouthTableModel.COL_NAME).data(role) == "vries, sem de"
    assert model.index(2, YouthTableModel.COL_NAME).data(role) == "celik, omer"  # collation form
    assert model.index(0, YouthTableModel.COL_LEAVING).data(role) == dt.date(2026, 7, 10)
    assert model.index(2, YouthTableModel.COL_LEAVING).data(role) is None
    assert model.index(0, YouthTableModel.COL_NEXT).data(role) == dt.date(2026, 11, 20)
    # Status sorts in the order of the handover, not alphabetically.
    statuses = [model.index(r, YouthTableModel.COL_STATUS).data(role) for r in range(4)]
    assert statuses[1] < statuses[3] < statuses[0] < statuses[2]  # concept < klaar < besproken < afgerond
    assert model.index(3, 0).data(YouthTableModel.ObjectRole) is ROWS[3]


def test_overdue_next_checkin_is_marked(model: YouthTableModel) -> None:
    late = model.index(0, YouthTableModel.COL_NEXT).data(Qt.ItemDataRole.ForegroundRole)
    assert late is not None and late.color().name() == "#b3261e"
    assert model.index(0, YouthTableModel.COL_NEXT).data(Qt.ItemDataRole.ToolTipRole) == "Dit contactmoment is te laat."
    assert model.index(1, YouthTableModel.COL_NEXT).data(Qt.ItemDataRole.ForegroundRole) is None


@pytest.mark.parametrize(
    ("col", "order", "expected"),
    [
        (YouthTableModel.COL_NAME, Qt.SortOrder.AscendingOrder, ["d", "c", "b", "a"]),
        (YouthTableModel.COL_NAME, Qt.SortOrder.DescendingOrder, ["a", "b", "c", "d"]),
        (YouthTableModel.COL_LEAVING, Qt.SortOrder.AscendingOrder, ["b", "a", "d", "c"]),  # empty last
        (YouthTableModel.COL_STATUS, Qt.SortOrder.AscendingOrder, ["b", "d", "a", "c"]),
        (YouthTableModel.COL_NEXT, Qt.SortOrder.AscendingOrder, ["a", "d", "b", "c"]),
        (YouthTableModel.COL_ROUTE, Qt.SortOrder.AscendingOrder, ["c", "b", "d", "a"]),
        (YouthTableModel.COL_CONTACT, Qt.SortOrder.AscendingOrder, ["b", "d", "a", "c"]),
    ],
)
def test_sort_on_every_column(model: YouthTableModel, col: int, order: Qt.SortOrder, expected: list[str]) -> None:
    model.sort(col, order)
    assert [model.youth_at(r).id for r in range(4)] == expected


def test_sorting_keeps_persistent_indexes_on_the_same_person(model: YouthTableModel) -> None:
    held = QPersistentModelIndex(model.index(0, 0))  # Sem de Vries
    model.sort(YouthTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert held.row() == 3
    assert held.data() == "Sem de Vries"


def test_filter_on_name_and_class_as_you_type(proxy: YouthFilterProxyModel) -> None:
    def names() -> list[str]:
        return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))

    proxy.set_text("j")
    assert names() == ["Emma Jansen", "Jan Bakker"]
    proxy.set_text("ja")
    assert names() == ["Emma Jansen", "Jan Bakker"]
    proxy.set_text("bak jan")  # every word must match, in any order
    assert names() == ["Jan Bakker"]
    proxy.set_text("5a")  # the school class
    assert names() == ["Sem de Vries", "Ömer Çelik"]
    proxy.set_text("ÇELIK")  # case-insensitive
    assert names() == ["Ömer Çelik"]
    proxy.set_text("omer celik")  # typed without accents
    assert names() == ["Ömer Çelik"]
    proxy.set_text("")
    assert proxy.rowCount() == 4


def test_filters_for_cohort_route_status_and_mine(proxy: YouthFilterProxyModel) -> None:
    def ids() -> list[str]:
        return sorted(proxy.youth_at(r).id for r in range(proxy.rowCount()))

    proxy.set_cohort(2026)
    assert ids() == ["a"]
    proxy.set_cohort(None)
    proxy.set_route("werken")
    assert ids() == ["a", "d"]
    proxy.set_status("klaar")
    assert ids() == ["d"]
    proxy.set_status(None)
    proxy.set_route(None)
    proxy.set_only_mine(True)  # mentor or vaste contactpersoon is the user
    assert ids() == ["a", "d"]
    proxy.set_text("sem")
    assert ids() == ["a"]
    assert proxy.is_filtered()


def test_proxy_sort_is_delegated_and_filter_survives_it(proxy: YouthFilterProxyModel) -> None:
    proxy.set_route("werken")
    proxy.sort(YouthTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [proxy.youth_at(r).id for r in range(proxy.rowCount())] == ["d", "a"]
    proxy.sort(YouthTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert [proxy.youth_at(r).id for r in range(proxy.rowCount())] == ["a", "d"]


def test_reload_with_same_people_signals_only_changed_rows(
    model: YouthTableModel, proxy: YouthFilterProxyModel
) -> None:
    proxy.set_text("bakker")
    changed: list[int] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=None: changed.append(top.row()))
    model.modelReset.connect(lambda: resets.append(True))
    renamed = [
        ROWS[0],
        ROWS[1],
        ROWS[2],
        YouthRow(
            "d",
            "Jan Bakker-Smit",
            "bakker-smit, jan",
            "4C",
            "werken",
            dt.date(2027, 7, 14),
            "klaar",
            dt.date(2026, 12, 1),
            "Marieke de Jong",
            "Joost van Rijn",
            None,
        ),
    ]
    model.update_rows(YouthTableModel.prepare(renamed, "Marieke de Jong"))
    assert resets == [] and changed == [3]
    assert model.index(3, 0).data() == "Jan Bakker-Smit"
    proxy.set_text("smit")
    assert [proxy.youth_at(r).id for r in range(proxy.rowCount())] == ["d"]


def test_agreement_model_and_filter(qapp) -> None:
    rows = [
        AgreementRow(
            "1",
            "a",
            "Sem de Vries",
            "Intakegesprek plannen",
            "werk_en_inkomen",
            "Sanne",
            dt.date(2026, 10, 1),
            "verlopen",
        ),
        AgreementRow("2", "b", "Emma Jansen", "Jobcoach aanvragen", "uwv", "", dt.date(2027, 1, 1), "open"),
        AgreementRow("3", "a", "Sem de Vries", "DigiD regelen", "jongere", "", dt.date(2026, 6, 1), "gedaan"),
    ]
    model = AgreementTableModel()
    model.set_rows(rows)
    proxy = AgreementFilterProxyModel()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 2  # done ones hidden by default
    assert model.index(0, AgreementTableModel.COL_ORGANISATION).data() == "Werk en Inkomen"
    assert model.index(0, AgreementTableModel.COL_DEADLINE).data(AgreementTableModel.SortRole) == dt.date(2026, 10, 1)
    assert model.index(1, 0).data(AgreementTableModel.ObjectRole) is rows[1]
    proxy.set_only_overdue(True)
    assert [proxy.agreement_at(r).agreement_id for r in range(proxy.rowCount())] == ["1"]
    proxy.set_only_overdue(False)
    proxy.set_organisation("uwv")
    assert [proxy.agreement_at(r).agreement_id for r in range(proxy.rowCount())] == ["2"]
    proxy.set_organisation(None)
    proxy.set_show_done(True)
    proxy.sort(AgreementTableModel.COL_DEADLINE, Qt.SortOrder.AscendingOrder)
    assert [proxy.agreement_at(r).agreement_id for r in range(proxy.rowCount())] == ["3", "1", "2"]


def _through_qt(proxy: YouthFilterProxyModel, role=Qt.ItemDataRole.DisplayRole) -> list:
    """What the proxy shows, asked the long way round (Qt's own mapping into the source model)."""
    source = proxy.sourceModel()
    return [
        [source.data(proxy.mapToSource(proxy.index(r, c)), role) for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def _shown(proxy: YouthFilterProxyModel, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [[proxy.index(r, c).data(role) for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def test_proxy_data_matches_qts_mapping_through_typing_sorting_and_edits(
    model: YouthTableModel, proxy: YouthFilterProxyModel
) -> None:
    """The proxy answers data() from its own row list (fast path); it must always agree with Qt's mapping."""
    foreground = Qt.ItemDataRole.ForegroundRole
    steps = [
        lambda: proxy.set_text("j"),
        lambda: proxy.set_text("ja"),
        lambda: proxy.set_text("jan"),
        lambda: proxy.sort(YouthTableModel.COL_NEXT, Qt.SortOrder.DescendingOrder),
        lambda: proxy.set_text("ja"),
        lambda: proxy.set_text(""),
        lambda: proxy.set_route("werken"),
        lambda: proxy.sort(YouthTableModel.COL_NAME, Qt.SortOrder.AscendingOrder),
        # An edit that takes a shown row out of the filter (route changes) and one that keeps it.
        lambda: model.update_rows(
            YouthTableModel.prepare(
                [ROWS[0], ROWS[1], ROWS[2], dataclasses.replace(ROWS[3], route="dagbesteding")], "Marieke de Jong"
            )
        ),
        lambda: model.update_rows(
            YouthTableModel.prepare(
                [dataclasses.replace(ROWS[0], name="Sem de Vries-Bos"), ROWS[1], ROWS[2], ROWS[3]], "Marieke de Jong"
            )
        ),
        lambda: proxy.set_route(None),
        lambda: model.set_rows(ROWS[:3], user_name=""),
        lambda: proxy.set_text("5a"),
    ]
    for step in steps:
        step()
        assert _shown(proxy) == _through_qt(proxy)
        assert _shown(proxy, foreground) == _through_qt(proxy, foreground)
    assert [r[0] for r in _shown(proxy)] == ["Ömer Çelik", "Sem de Vries"]
    assert proxy.answers_from_own_rows  # and the fast path is the one in use


def test_typing_on_narrows_the_previous_answer() -> None:
    from handover.ui.models import FilterColumns, YouthMatcher, matching_records

    prepared = YouthTableModel.prepare(ROWS, "")
    columns = FilterColumns.of(prepared, range(len(ROWS)))
    matcher = YouthMatcher()
    for text in ("j", "ja", "jan", "jans", "jan", "bak jan", "bak jan 4", "5a", "5a ç", "ömer", "omer"):
        got = matcher.match(columns, text, None, None, None, False)
        assert got == matching_records(prepared, text, None, None, None, False), text
        assert got == bytes(all(w in h for w in text.casefold().split()) for h in prepared.haystacks), text
    assert matcher.match(columns, "", None, None, None, False) is None
    assert matcher.match(columns, "jan", None, "werken", None, False) == b"\x00\x00\x00\x01"
