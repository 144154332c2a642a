"""The Resultaten table: one row per figure, one column per leaving cohort (vertrekjaar).

Transposed on purpose: a school has a handful of cohorts and a dozen figures, so the table stays
narrow enough to stand beside the charts on a laptop screen. ``RAW_ROLE`` gives the number behind
a cell (a count, or a percentage with one decimal; None when nothing is measured yet), for the
tests and for sorting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap

from handover.services.outcomes import SITUATION_GROUPS, CohortFigures, CohortRow, Ratio
from handover.ui import theme
from handover.ui.formatting import fmt_count

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # the figure's key (first column) or the cohort (others)

Index = QModelIndex | QPersistentModelIndex


def group_label(code: str) -> str:
    """The chart's situation groups, in the interface language."""
    labels = {
        "werk": QCoreApplication.translate("Resultaten", "Werk"),
        "school": QCoreApplication.translate("Resultaten", "School"),
        "dagbesteding": QCoreApplication.translate("Resultaten", "Dagbesteding"),
        "traject": QCoreApplication.translate("Resultaten", "Traject naar werk"),
        "geen": QCoreApplication.translate("Resultaten", "Nog geen werk, school of dagbesteding"),
        "verhuisd": QCoreApplication.translate("Resultaten", "Verhuisd of buitenland"),
        "niet_bereikt": QCoreApplication.translate("Resultaten", "Nog niet bereikt"),
    }
    return labels.get(code, QCoreApplication.translate("Resultaten", "Anders"))


def group_colour(group: str) -> str:
    """The situation group's colour in the bar chart (ui/theme: CHART_WERK, CHART_SCHOOL, …)."""
    colours = theme.colours()
    return colours.get(f"CHART_{group.upper()}", colours["CHART_ANDERS"])


SWATCH_SIZE = 12


def swatch(group: str) -> QPixmap:
    """The group's colour in the bar chart: the table is the chart's key."""
    pixmap = QPixmap(SWATCH_SIZE, SWATCH_SIZE)
    pixmap.fill(QColor(group_colour(group)))
    return pixmap


def engaged_label() -> str:
    return QCoreApplication.translate("Resultaten", "Werk, school of dagbesteding")


def pct_text(value: float | None) -> str:
    """12,5 % (Dutch decimal comma); a dash when nobody counts yet."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + " %"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str  # "count", "share" (a group's part of those measured) or "ratio" (a percentage)
    indent: bool = False


def figure_rows(intake_known: bool) -> list[Figure]:
    rows = [
        Figure("vertrokken", QCoreApplication.translate("Resultaten", "Vertrokken"), "count"),
        Figure("gemeten", QCoreApplication.translate("Resultaten", "Meegeteld op dit moment"), "count"),
    ]
    rows += [Figure(f"groep:{code}", group_label(code), "share", indent=True) for code, _l, _m in SITUATION_GROUPS]
    rows += [
        Figure("engaged", engaged_label(), "ratio"),
        Figure("stabiel", QCoreApplication.translate("Resultaten", "Stabiel (6 maanden of langer)"), "ratio"),
        Figure("bereikt", QCoreApplication.translate("Resultaten", "Bereikt na vertrek"), "ratio"),
    ]
    if intake_known:
        rows.append(
            Figure(
                "intake", QCoreApplication.translate("Resultaten", "Intake Werk en Inkomen binnen 3 maanden"), "ratio"
            )
        )
    rows.append(Figure("op_tijd", QCoreApplication.translate("Resultaten", "Contactmomenten op tijd"), "ratio"))
    return rows


def ratio_of(row: CohortRow, key: str, moment_key: str) -> Ratio | None:
    if key == "engaged":
        return row.engaged(moment_key)
    if key.startswith("groep:"):
        return Ratio(row.groups(moment_key).get(key.split(":", 1)[1], 0), row.measured(moment_key))
    return {"stabiel": row.stable, "bereikt": row.reached, "intake": row.intake, "op_tijd": row.on_time}.get(key)


class FiguresTableModel(QAbstractTableModel):
    COL_LABEL = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._figures: list[Figure] = []
        self._cohorts: list[CohortRow] = []
        self._moment = "T+6"

    # -- data in -----------------------------------------------------------------------------
    def set_figures(self, figs: CohortFigures | None, moment_key: str) -> None:
        self.beginResetModel()
        self._figures = figure_rows(figs.intake_known) if figs is not None and figs.rows else []
        self._cohorts = list(figs.rows) if figs is not None else []
        self._moment = moment_key
        self.endResetModel()

    @property
    def moment(self) -> str:
        return self._moment

    def figure_keys(self) -> list[str]:
        return [f.key for f in self._figures]

    def cohorts(self) -> list[int]:
        return [row.cohort for row in self._cohorts]

    def value(self, key: str, cohort: int) -> int | float | None:
        """The number behind one cell: a count for counts, a percentage for the others."""
        row = self.figure_keys().index(key)
        column = 1 + self.cohorts().index(cohort)
        result = self.index(row, column).data(RAW_ROLE)
        assert result is None or isinstance(result, int | float)
        return result

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._figures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else 1 + len(self._cohorts)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if section == self.COL_LABEL:
            return self.tr("Vertrekjaar")
        if 0 < section <= len(self._cohorts):
            row = self._cohorts[section - 1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Vertrokken in %1").replace("%1", str(row.cohort))
            return str(row.cohort)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        figure = self._figures[index.row()]
        if index.column() == self.COL_LABEL:
            if role == Qt.ItemDataRole.DisplayRole:
                return figure.label
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return figure.label
            if role == KEY_ROLE:
                return figure.key
            if role == Qt.ItemDataRole.DecorationRole and figure.key.startswith("groep:"):
                return swatch(figure.key.split(":", 1)[1])
            return None
        cohort = self._cohorts[index.column() - 1]
        if role == KEY_ROLE:
            return cohort.cohort
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            RAW_ROLE,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        if figure.key == "vertrokken":
            count = cohort.left
            return count if role == RAW_ROLE else fmt_count(count)
        if figure.key == "gemeten":
            count = cohort.measured(self._moment)
            return count if role == RAW_ROLE else fmt_count(count)
        ratio = ratio_of(cohort, figure.key, self._moment)
        if figure.kind == "share":
            assert ratio is not None
            if role == RAW_ROLE:
                return ratio.count
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{fmt_count(ratio.count)} ({pct_text(ratio.pct)})" if ratio.total else "–"
        if ratio is None:
            return None if role == RAW_ROLE else self.tr("geen uitwisseling")
        if role == RAW_ROLE:
            return ratio.pct
        if role == Qt.ItemDataRole.DisplayRole:
            return pct_text(ratio.pct)
        # Tooltip and screen reader: the whole sentence.
        if not ratio.total:
            return (
                self.tr("%1, vertrekjaar %2: nog niemand om te tellen")
                .replace("%1", figure.label)
                .replace("%2", str(cohort.cohort))
            )
        return (
            self.tr("%1, vertrekjaar %2: %3 van %4 (%5)")
            .replace("%1", figure.label)
            .replace("%2", str(cohort.cohort))
            .replace("%3", fmt_count(ratio.count))
            .replace("%4", fmt_count(ratio.total))
            .replace("%5", pct_text(ratio.pct))
        )
