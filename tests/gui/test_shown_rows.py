"""The list proxy that shows a list of source rows (ui/models/shown_rows.py): whatever is typed, chosen
or sorted, it shows exactly the rows a plain filter finds, in the source's order, and tells the view
so correctly (rows removed or inserted in runs, or one layout change), keeping the selection on the
same young people."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from handover.domain.rules import CLOSED_STATUSES
from handover.domain.vocab import HANDOVER_STATUS, ROUTE
from handover.services.queries import YouthRow
from handover.ui.models import ACTIVE, YouthFilterProxyModel, YouthTableModel
from handover.ui.models.shown_rows import change_runs, membership, runs

USER = "Marieke de Jong"
FIRST = ["Jan", "Emma", "Sem", "Ömer", "Anna", "Jens", "Noa"]
LAST = ["Jansen", "Bakker", "de Vries", "Çelik", "Smit", "Janssen"]
CLASSES = ["5A", "6B", "4C", ""]
ROUTES = [None, *ROUTE.codes()]
STATUSES = list(HANDOVER_STATUS.codes())
DATES = [None, dt.date(2025, 7, 11), dt.date(2026, 7, 10), dt.date(2027, 7, 14)]
PEOPLE = [USER, "Ahmed Benali", "Petra Kuiper", ""]


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@st.composite
def youth_rows(draw: st.DrawFn) -> list[YouthRow]:
    count = draw(st.integers(0, 40))
    rows = []
    for i in range(count):
        first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
        leaving = draw(st.sampled_from(DATES))
        rows.append(
            YouthRow(
                f"id{i:02d}",
                f"{first} {last}",
                f"{last}, {first}".casefold(),
                draw(st.sampled_from(CLASSES)),
                draw(st.sampled_from(ROUTES)),
                leaving,
                draw(st.sampled_from(STATUSES)),
                draw(st.sampled_from(DATES)),
                draw(st.sampled_from(PEOPLE)),
                draw(st.sampled_from(PEOPLE)),
                None if leaving is None else leaving.year,
            )
        )
    return rows


ACTIONS = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(list("jansemöç5ab "))),
    st.tuples(st.just("backspace"), st.integers(1, 3)),
    st.tuples(st.just("paste"), st.text(alphabet="jansemöçl 5ab", max_size=8)),
    st.tuples(st.just("cohort"), st.sampled_from([None, 2025, 2026, 2027])),
    st.tuples(st.just("route"), st.sampled_from(ROUTES)),
    st.tuples(st.just("status"), st.sampled_from([None, ACTIVE, *STATUSES])),
    st.tuples(st.just("mine"), st.booleans()),
    st.tuples(st.just("sort"), st.integers(0, YouthTableModel.COLUMN_COUNT - 1), st.booleans()),
)


class Criteria:
    def __init__(self) -> None:
        self.text = ""
        self.cohort: int | None = None
        self.route: str | None = None
        self.status: str | None = None
        self.mine = False

    def passes(self, r: YouthRow) -> bool:
        hay = f"{r.name} {r.school_class}".casefold()
        if not all(w in hay or w in plain(hay) for w in self.text.casefold().split()):
            return False
        if self.cohort and r.cohort != self.cohort or self.route and r.route != self.route:
            return False
        if self.status == ACTIVE and r.status in CLOSED_STATUSES or self.status not in (None, ACTIVE, r.status):
            return False
        me = USER.casefold()
        return not self.mine or me in (r.mentor.casefold(), r.fixed_contact.casefold())


def apply(action: tuple, proxy: YouthFilterProxyModel, criteria: Criteria) -> None:
    kind = action[0]
    if kind == "type":
        criteria.text += action[1]
        proxy.set_text(criteria.text)
    elif kind == "backspace":
        criteria.text = criteria.text[: -action[1]]
        proxy.set_text(criteria.text)
    elif kind == "paste":
        criteria.text = action[1]
        proxy.set_text(criteria.text)
    elif kind == "cohort":
        criteria.cohort = action[1]
        proxy.set_cohort(action[1])
    elif kind == "route":
        criteria.route = action[1]
        proxy.set_route(action[1])
    elif kind == "status":
        criteria.status = action[1]
        proxy.set_status(action[1])
    elif kind == "mine":
        criteria.mine = action[1]
        proxy.set_only_mine(action[1])
    else:
        order = Qt.SortOrder.DescendingOrder if action[2] else Qt.SortOrder.AscendingOrder
        proxy.sort(action[1], order)


class Mirror:
    """The proxy's rows as a view learns them from the signals alone."""

    def __init__(self, proxy: YouthFilterProxyModel) -> None:
        self.proxy = proxy
        self.ids = self.read()
        self.signals: list[str] = []
        proxy.rowsRemoved.connect(self.removed)
        proxy.rowsInserted.connect(self.inserted)
        proxy.layoutChanged.connect(self.reread)
        proxy.modelReset.connect(self.reread)

    def read(self) -> list[str]:
        return [self.proxy.youth_at(r).id for r in range(self.proxy.rowCount())]

    def removed(self, _parent, first: int, last: int) -> None:
        self.signals.append("remove")
        del self.ids[first : last + 1]

    def inserted(self, _parent, first: int, last: int) -> None:
        self.signals.append("insert")
        self.ids[first:first] = [self.proxy.youth_at(r).id for r in range(first, last + 1)]

    def reread(self, *_args) -> None:
        self.signals.append("layout")
        self.ids = self.read()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=youth_rows(), actions=st.lists(ACTIONS, max_size=25), max_runs=st.sampled_from([0, 1, 3, 8]))
def test_shows_what_a_plain_filter_finds_through_typing_filters_and_sorting(qapp, rows, actions, max_runs) -> None:
    complaints: list[str] = []

    def collect(kind, _context, message) -> None:
        if kind != QtMsgType.QtDebugMsg:
            complaints.append(message)

    model = YouthTableModel(today=lambda: dt.date(2026, 11, 29))
    model.set_rows(rows, user_name=USER)
    proxy = YouthFilterProxyModel()
    proxy.max_runs = max_runs  # 0: every change is a layout change
    proxy.setSourceModel(model)
    previous = qInstallMessageHandler(collect)
    try:
        tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Warning)
        mirror = Mirror(proxy)
        criteria = Criteria()
        for action in actions:
            before = mirror.read()
            held = {youth_id: QPersistentModelIndex(proxy.index(r, r % 7)) for r, youth_id in enumerate(before)}
            apply(action, proxy, criteria)
            expected = [model.youth_at(r).id for r in range(model.rowCount()) if criteria.passes(model.youth_at(r))]
            assert mirror.read() == expected, action
            assert mirror.ids == expected, (action, mirror.signals[-3:])
            for youth_id, index in held.items():  # the selection and the current row follow the person
                if youth_id in expected:
                    assert index.isValid() and proxy.youth_at(index.row()).id == youth_id, action
                else:
                    assert not index.isValid(), action
            assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
                model.index(proxy.mapToSource(proxy.index(r, 0)).row(), 0).data() for r in range(proxy.rowCount())
            ]
        del tester
    finally:
        qInstallMessageHandler(previous)
    assert complaints == []


def _ten(qapp) -> tuple[YouthTableModel, YouthFilterProxyModel]:
    names = ["Jan Aa", "Jan Bb", "Emma Cc", "Emma Dd", "Jan Ee", "Sem Ff", "Sem Gg", "Jan Hh", "Noa Ii", "Jan Jj"]
    rows = [
        YouthRow(f"id{i}", name, name.casefold(), "5A", None, None, "concept", None, "", "", None)
        for i, name in enumerate(names)
    ]
    model = YouthTableModel()
    model.set_rows(rows)
    proxy = YouthFilterProxyModel()
    proxy.setSourceModel(model)
    return model, proxy


def test_typing_on_removes_runs_and_backspace_inserts_them_without_a_layout_change(qapp) -> None:
    _model, proxy = _ten(qapp)
    mirror = Mirror(proxy)
    proxy.set_text("emm")  # Emma Cc and Emma Dd: all else goes, in two runs
    assert mirror.signals == ["remove", "remove"]
    assert mirror.ids == ["id2", "id3"]
    proxy.set_text("emma c")
    assert mirror.signals[-1] == "remove" and mirror.ids == ["id2"]
    mirror.signals.clear()
    proxy.set_text("")  # everything back, in two runs
    assert mirror.signals == ["insert", "insert"]
    assert mirror.ids == [f"id{i}" for i in range(10)]


def test_many_scattered_rows_are_one_layout_change_that_keeps_the_current_row(qapp) -> None:
    _model, proxy = _ten(qapp)
    proxy.set_text("a")  # every name has an a but Sem Ff, Sem Gg, Noa Ii
    mirror = Mirror(proxy)
    current = QPersistentModelIndex(proxy.index(mirror.ids.index("id7"), 2))
    proxy.set_text("j")  # five Jans of the seven: fine
    assert current.isValid() and proxy.youth_at(current.row()).id == "id7" and current.column() == 2
    mirror.signals.clear()
    proxy.set_text("e")  # not a narrowing of "j": Emma and Sem come, Jans go
    assert mirror.signals == ["layout"]
    assert not current.isValid()
    assert mirror.ids == ["id2", "id3", "id4", "id5", "id6"]


def test_nothing_is_signalled_when_the_same_rows_stay(qapp) -> None:
    _model, proxy = _ten(qapp)
    proxy.set_text("jan")
    mirror = Mirror(proxy)
    proxy.set_text("ja")  # the same five
    proxy.set_status(None)
    assert mirror.signals == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([], [], ("same", [])),
        ([1, 2, 3], [1, 2, 3], ("same", [])),
        ([1, 2, 3], [], ("remove", [(0, 2)])),
        ([], [4, 5], ("insert", [(0, 1)])),
        ([0, 1, 2, 3, 4, 5], [0, 3, 5], ("remove", [(1, 2), (4, 4)])),
        ([0, 3, 5], [0, 1, 2, 3, 4, 5], ("insert", [(1, 2), (4, 4)])),
        ([0, 1, 2], [0, 1, 3], ("layout", [])),  # same length, other rows
        ([0, 1, 2], [0, 3], ("layout", [])),  # one went, another came
        ([0, 1, 2, 3, 4, 5, 6], [1, 3, 5], ("remove", [(0, 0), (2, 2), (4, 4), (6, 6)])),
    ],
)
def test_change_runs(old, new, expected) -> None:
    assert change_runs(old, new) == expected
    assert change_runs(old, new, membership(old, 10), membership(new, 10)) == expected


def test_change_runs_gives_up_on_many_runs() -> None:
    assert change_runs(list(range(20)), list(range(0, 20, 2)), limit=9) == ("layout", [])
    assert change_runs(list(range(20)), list(range(0, 20, 2)), limit=10)[0] == "remove"


@given(st.lists(st.booleans(), max_size=60), st.lists(st.booleans(), max_size=60))
def test_change_runs_replayed_gives_the_new_rows(a, b) -> None:
    size = max(len(a), len(b))
    old = [i for i, on in enumerate(a) if on]
    new = [i for i, on in enumerate(b) if on]
    how, spans = change_runs(old, new, limit=size + 1)
    rows = list(old)
    if how == "remove":
        for first, last in reversed(spans):
            del rows[first : last + 1]
    elif how == "insert":
        for first, last in spans:
            rows[first:first] = new[first : last + 1]
    elif how == "layout":
        assert not (set(new) <= set(old) or set(old) <= set(new))
        rows = new
    assert rows == new


def test_runs() -> None:
    assert runs(bytes([1, 0, 0, 1, 0]), 0, 5) == [(1, 2), (4, 4)]
    assert runs(bytes([1, 0, 0, 1, 0]), 1, 5) == [(0, 0), (3, 3)]
    assert runs(bytes([1, 0, 0, 1, 0]), 0, 1) is None
    assert runs(b"", 0, 3) == []


def test_gemeente_list_filters_the_same_way_and_keeps_the_selection_through_a_sort(qapp) -> None:
    from handover.gemeente.queries import CASE_STATUSES, ReceivedRow
    from handover.ui.gemeente.models import ReceivedFilterProxyModel, ReceivedTableModel, prepare_received

    names = ["Jan Aa", "Emma Cc", "Jan Bb", "Sem Ff", "Jan Ee", "Noa Ii"]
    received = dt.datetime(2026, 11, 1, 9, 0)
    rows = [
        ReceivedRow(
            "school",
            f"{i:032x}",
            name,
            name.casefold(),
            "De Brug",
            None,
            None,
            "Utrecht",
            CASE_STATUSES[0],
            "Anouk Visser" if i % 2 else "",
            False,
            1,
            received,
        )  # fmt: skip
        for i, name in enumerate(names)
    ]
    model = ReceivedTableModel()
    model.set_prepared(prepare_received(rows, "Anouk Visser"))
    proxy = ReceivedFilterProxyModel()
    proxy.set_source(model)
    shown = lambda: [proxy.row_at(r).name for r in range(proxy.rowCount())]  # noqa: E731
    assert shown() == ["Emma Cc", "Jan Aa", "Jan Bb", "Jan Ee", "Noa Ii", "Sem Ff"]  # sorted on the name
    removed: list[tuple[int, int]] = []
    proxy.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    proxy.set_text("jan")
    assert shown() == ["Jan Aa", "Jan Bb", "Jan Ee"] and removed == [(4, 5), (0, 0)]
    current = QPersistentModelIndex(proxy.index(1, 0))  # Jan Bb
    proxy.sort(ReceivedTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert shown() == ["Jan Ee", "Jan Bb", "Jan Aa"]
    assert current.isValid() and proxy.row_at(current.row()).name == "Jan Bb"
    proxy.set_text("")
    proxy.set_only_mine(True)  # the klantmanager's own: the odd ones
    assert shown() == ["Sem Ff", "Noa Ii", "Emma Cc"]


def test_positions_few_and_many() -> None:
    from handover.ui.models.shown_rows import positions

    order = [5, 3, 0, 4, 1, 2] * 1 + list(range(6, 40))
    for records in ([3, 5], list(range(40)), list(range(39, -1, -1))):
        assert positions(order, records) == [order.index(rec) for rec in records]


def test_painting_asks_the_clock_once_not_per_cell(qapp) -> None:
    asked: list[int] = []

    def clock() -> dt.date:
        asked.append(1)
        return dt.date(2026, 11, 29)

    due = dt.date(2026, 11, 20)
    rows = [
        YouthRow(f"id{i}", f"Jan {i}", f"jan {i}", "5A", None, None, "concept", due, "", "", None) for i in range(50)
    ]
    model = YouthTableModel(today=clock)
    model.set_rows(rows)
    proxy = YouthFilterProxyModel()
    proxy.setSourceModel(model)
    cells = [proxy.index(r, YouthTableModel.COL_NEXT) for r in range(50)]
    assert all(c.data().endswith("te laat") for c in cells)
    assert all(c.data(Qt.ItemDataRole.ForegroundRole) is not None for c in cells)
    assert len(asked) == 1
    assert cells[0].data(Qt.ItemDataRole.FontRole) is None  # a role the model has nothing for
    model.set_rows(rows)  # a new load asks again
    assert proxy.index(0, YouthTableModel.COL_NEXT).data().endswith("te laat") and len(asked) == 2
