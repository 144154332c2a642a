"""The two charts of Resultaten (QtCharts): the situation mix per cohort as stacked bars (each bar
100 %, so cohorts of a different size compare), and "werk, school of dagbesteding" over time, one
line per cohort at 6, 12 and 24 months after leaving.

A chart is a picture: everything in it is also in the table beside it, and each chart view carries
an accessible description that says what it shows in words. Colours are the Okabe-Ito set (told
apart with colour blindness) and the chart follows the light or dark variant of ui/theme.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QPercentBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from handover.services.outcomes import POINT_MONTHS, SITUATION_GROUPS, CohortFigures, CohortRow, point_moment
from handover.ui import theme
from handover.ui.results.model import engaged_label, group_colour, group_label, pct_text


def moment_label(months: int) -> str:
    if months == 12:
        return QCoreApplication.translate("Resultaten", "Na 1 jaar")
    if months == 24:
        return QCoreApplication.translate("Resultaten", "Na 2 jaar")
    return QCoreApplication.translate("Resultaten", "Na %1 maanden").replace("%1", str(months))


def axis_label(months: int) -> str:
    """Short, for the axis under the line chart (its title says "na vertrek"; "6 maanden" was cut off at 125 %)."""
    if months == 12:
        return QCoreApplication.translate("Resultaten", "1 jaar")
    if months == 24:
        return QCoreApplication.translate("Resultaten", "2 jaar")
    if months == 6:
        return QCoreApplication.translate("Resultaten", "½ jaar")
    return QCoreApplication.translate("Resultaten", "%1 mnd").replace("%1", str(months))


def _style(chart: QChart) -> None:
    """The chart in the active variant: its background, its text, its grid."""
    c = theme.colours()
    chart.setBackgroundBrush(QColor(c["BASE"]))
    chart.setBackgroundRoundness(0)
    chart.setTitleBrush(QColor(c["TITLE"]))
    chart.legend().setLabelColor(QColor(c["TEXT"]))
    chart.setMargins(QMargins(2, 2, 2, 2))
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(theme.base_point_size())
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    for axis in chart.axes():
        axis.setLabelsColor(QColor(c["TEXT"]))
        axis.setLinePenColor(QColor(c["BORDER"]))
        axis.setGridLineColor(QColor(c["GRIDLINE"]))
        axis.setTitleBrush(QColor(c["MUTED"]))


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table beside it holds the same numbers, reachable by keyboard
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    view.setMinimumHeight(150)
    view.setMinimumWidth(280)
    return view


class MixChart:
    """Stacked bars: per cohort the situation mix at one moment, each bar 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart = QChart()
        # The table beside the chart is its key (a coloured square before each situation); a legend
        # of seven long names would be cut off at laptop width.
        self.chart.legend().setVisible(False)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = _view(self.chart, QCoreApplication.translate("Resultaten", "Situatie per vertrekjaar"))
        self.view.setParent(parent)
        self.view.setObjectName("mixChart")
        self.series: QPercentBarSeries | None = None

    def show(self, figs: CohortFigures | None, moment_key: str, moment_text: str) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        # The moment is in the chooser right above; a longer title would be cut off on a laptop.
        chart.setTitle(QCoreApplication.translate("Resultaten", "Situatie per vertrekjaar"))
        self.view.setToolTip(
            QCoreApplication.translate("Resultaten", "Situatie per vertrekjaar · %1").replace("%1", moment_text)
        )
        rows = [row for row in (figs.rows if figs else []) if row.measured(moment_key)]
        series = QPercentBarSeries()
        description = []
        for code, _label, _members in SITUATION_GROUPS:
            bar = QBarSet(group_label(code))
            bar.setColor(QColor(group_colour(code)))
            bar.setBorderColor(QColor(theme.colours()["BASE"]))
            for row in rows:
                bar.append(row.groups(moment_key).get(code, 0))
            series.append(bar)
        for row in rows:
            measured = row.measured(moment_key)
            engaged = row.engaged(moment_key)
            description.append(
                QCoreApplication.translate("Resultaten", "%1: %2 meegeteld, %3 werk, school of dagbesteding")
                .replace("%1", str(row.cohort))
                .replace("%2", str(measured))
                .replace("%3", pct_text(engaged.pct))
            )
        series.hovered.connect(lambda status, index, bar: self._hovered(status, index, bar, rows, moment_key))
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([str(row.cohort) for row in rows])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d %%")
        values.setTickCount(5)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)
        self.series = series
        _style(chart)
        self.view.setAccessibleDescription(
            "; ".join(description) or QCoreApplication.translate("Resultaten", "Nog geen cijfers op dit moment")
        )

    def _hovered(self, status: bool, index: int, bar: QBarSet, rows: list[CohortRow], moment_key: str) -> None:
        if not status or not 0 <= index < len(rows):
            QToolTip.hideText()
            return
        row = rows[index]
        count = int(bar.at(index))
        measured = row.measured(moment_key)
        share = round(100 * count / measured, 1) if measured else None
        text = f"{bar.label()} · {row.cohort}: {count} ({pct_text(share)})"
        QToolTip.showText(QCursor.pos(), text, self.view)


class EngagedChart:
    """One line per cohort: % in werk, school of dagbesteding at 6, 12 and 24 months after leaving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # a few short years: beside, not below
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = _view(
            self.chart, QCoreApplication.translate("Resultaten", "Werk, school of dagbesteding in de tijd")
        )
        self.view.setParent(parent)
        self.view.setObjectName("engagedChart")
        self.lines: list[QLineSeries] = []

    def show(self, figs: CohortFigures | None) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(QCoreApplication.translate("Resultaten", "%1 na vertrek").replace("%1", engaged_label()))
        moments = [point_moment(m) for m in POINT_MONTHS]
        categories = QBarCategoryAxis()
        categories.append([axis_label(m) for m in POINT_MONTHS])
        categories.setRange(axis_label(POINT_MONTHS[0]), axis_label(POINT_MONTHS[-1]))
        values = QValueAxis()
        values.setRange(0, 103)  # a point at 100 % shows whole, not cut by the frame
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(25)
        values.setLabelFormat("%d %%")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        self.lines = []
        description = []
        for number, row in enumerate(figs.rows if figs else []):
            line = QLineSeries()
            line.setName(str(row.cohort))
            line.setPointsVisible(True)
            pen = QPen(QColor(theme.colours()[f"CHART_LINE_{number % theme.CHART_LINES + 1}"]))
            pen.setWidthF(2.5)
            line.setPen(pen)
            said = []
            for x, moment in enumerate(moments):
                ratio = row.engaged(moment.key)
                if ratio.total:
                    line.append(x, ratio.pct or 0.0)
                    said.append(f"{moment_label(moment.months or 0)} {pct_text(ratio.pct)}")
            if not said:
                continue
            chart.addSeries(line)
            line.attachAxis(categories)
            line.attachAxis(values)
            self.lines.append(line)
            description.append(f"{row.cohort}: " + ", ".join(said))
        _style(chart)
        self.view.setAccessibleDescription(
            "; ".join(description) or QCoreApplication.translate("Resultaten", "Nog geen cijfers op dit moment")
        )
