"""Regio (gemeente role): each connected school's anonymised figures and the total, side by side.

The table comes from handover.gemeente.regio.regional_table (in the background, through the
TaskRunner). A school that sent nothing for the peildatum reads "geen cijfers ontvangen" in its
column and is not in the total (never counted as zero); "<5" cells stay "<5", and a total with such
cells is a range. H2's gemeente window shows this page under "Regio" (imported when first shown).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.vocab import SCHOOL_TYPE
from handover.gemeente.regio import NOT_RECEIVED, ON_DATE, RegionRow, RegionTable, regional_csv, regional_table
from handover.services.context import AppContext
from handover.ui import labels, theme
from handover.ui.failures import failure_text
from handover.ui.formatting import fmt_date
from handover.ui.guard import alive
from handover.ui.pages.jongeren import configure_table, fit_header_texts
from handover.ui.results.files import ask_save_path
from handover.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


def _type_label(code: str) -> str:
    return SCHOOL_TYPE.label_of(code) if code else "Schoolsoort onbekend"


class RegionTableModel(QAbstractTableModel):
    """The figure, then a column per school, then the total; one row per RegionRow (the page filters
    one vertrekjaar and school type at a time, so those two need no column of their own)."""

    COL_FIGURE = 0
    FIRST_SCHOOL = 1
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the RegionRow

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.region: RegionTable | None = None
        self._rows: list[RegionRow] = []

    def set_region(self, region: RegionTable | None) -> None:
        self.beginResetModel()
        self.region = region
        self._rows = list(region.rows) if region is not None else []
        self.endResetModel()

    def schools(self) -> list[Any]:
        return list(self.region.schools) if self.region is not None else []

    @property
    def total_column(self) -> int:
        return self.FIRST_SCHOOL + len(self.schools())

    def row_at(self, row: int) -> RegionRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else self.FIRST_SCHOOL + len(self.schools()) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        schools = self.schools()
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= self.FIRST_SCHOOL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self.FIRST_SCHOOL <= section < self.total_column:
            school = schools[section - self.FIRST_SCHOOL]
            if not school.received:
                return self.tr("%1: geen cijfers ontvangen voor deze peildatum").replace("%1", school.name)
            when = school.received_at.strftime("%d-%m-%Y") if school.received_at else ""
            return self.tr("%1: cijfers ontvangen op %2").replace("%1", school.name).replace("%2", when)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.COL_FIGURE:
            return self.tr("Cijfer")
        if section == self.total_column:
            return self.tr("Totaal regio")
        return schools[section - self.FIRST_SCHOOL].name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(row, column)
            if role == Qt.ItemDataRole.DisplayRole or column < self.FIRST_SCHOOL:
                return text
            return f"{self.headerData(column, Qt.Orientation.Horizontal)} · {self._figure(row)}: {text}"
        if column < self.FIRST_SCHOOL:
            if role == Qt.ItemDataRole.FontRole and row.part != ON_DATE:
                font = QFont()
                font.setBold(True)  # the percentages under the situations
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        missing = column < self.total_column and row.cells[column - self.FIRST_SCHOOL] == NOT_RECEIVED
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return theme.brush(theme.colours()["MUTED"])
        if role == Qt.ItemDataRole.FontRole and (missing or column == self.total_column):
            font = QFont()
            font.setItalic(missing)
            font.setBold(column == self.total_column)
            return font
        return None

    def _figure(self, row: RegionRow) -> str:
        if row.part == ON_DATE:
            return labels.domain(row.situation)
        return labels.domain(row.part)

    def _text(self, row: RegionRow, column: int) -> str:
        if column == self.COL_FIGURE:
            return self._figure(row)
        if column == self.total_column:
            return row.total
        cell = row.cells[column - self.FIRST_SCHOOL]
        return self.tr("geen cijfers ontvangen") if cell == NOT_RECEIVED else cell


class RegionFilterModel(QSortFilterProxyModel):
    """One vertrekjaar and one school type at a time: the situations on the peildatum, then the percentages."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cohort: int | None = None
        self.school_type: str | None = None

    def set_filter(self, cohort: int | None, school_type: str | None) -> None:
        self.beginFilterChange()
        self.cohort, self.school_type = cohort, school_type
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        assert isinstance(model, RegionTableModel)
        row = model.row_at(source_row)
        return row.cohort == self.cohort and row.school_type == self.school_type


class RegioPage(QWidget):
    loaded = Signal()
    exported = Signal(str)

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regioPage")
        self.ctx = ctx
        self.runner = runner
        self.stopped = False
        self.region: RegionTable | None = None
        self._busy = 0
        self.loading = False

        title = QLabel(self.tr("Regio: de scholen naast elkaar"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel(
            self.tr(
                'Cijfers zonder namen die de scholen stuurden. Elk aantal onder 5 staat er als "<5". '
                'Een school die niets stuurde, staat er als "geen cijfers ontvangen" en telt niet mee.'
            )
        )
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)

        self.peildatum = QComboBox()
        self.peildatum.setObjectName("peildatumChooser")
        self.peildatum.setAccessibleName(self.tr("Peildatum"))
        self.peildatum.activated.connect(lambda _i: self.refresh(self.peildatum.currentData()))
        peildatum_label = QLabel(self.tr("&Peildatum:"))
        peildatum_label.setBuddy(self.peildatum)
        self.cohort = QComboBox()
        self.cohort.setObjectName("cohortFilter")
        self.cohort.setAccessibleName(self.tr("Vertrekjaar"))
        self.cohort.currentIndexChanged.connect(lambda _i: self._filter())
        cohort_label = QLabel(self.tr("&Vertrekjaar:"))
        cohort_label.setBuddy(self.cohort)
        self.school_type = QComboBox()
        self.school_type.setObjectName("schoolTypeFilter")
        self.school_type.setAccessibleName(self.tr("Schoolsoort"))
        self.school_type.currentIndexChanged.connect(lambda _i: self._filter())
        type_label = QLabel(self.tr("&Schoolsoort:"))
        type_label.setBuddy(self.school_type)
        for combo in (self.peildatum, self.cohort, self.school_type):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.csv_button = QPushButton(self.tr("Opslaan als &CSV…"))
        self.csv_button.setObjectName("regioCsvButton")
        self.csv_button.setAccessibleName(self.tr("Opslaan als CSV"))
        self.csv_button.setAccessibleDescription(self.tr("De hele vergelijking opslaan voor Excel"))
        self.csv_button.setEnabled(False)
        self.csv_button.clicked.connect(lambda: self.export_csv())

        bar = QHBoxLayout()
        for label, combo in (
            (peildatum_label, self.peildatum),
            (cohort_label, self.cohort),
            (type_label, self.school_type),
        ):
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.csv_button)

        self.model = RegionTableModel(self)
        self.proxy = RegionFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("regionTable")
        self.table.setAccessibleName(self.tr("Cijfers per school en het totaal"))
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)

        self.note = QLabel()
        self.note.setObjectName("regionNote")
        self.note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Bezig"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        footer = QHBoxLayout()
        footer.addWidget(self.progress)
        footer.addWidget(self.message, 1)
        layout.addLayout(footer)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self.region is None and not self.loading:
            self.refresh()
        super().showEvent(event)

    # -- loading -----------------------------------------------------------------------------
    def refresh(self, peildatum: str | None = None) -> None:
        ctx = self.ctx
        wanted = peildatum or (self.region.peildatum if self.region is not None else None)

        def read() -> RegionTable | None:
            if self.stopped:
                return None
            with ctx.session() as session:
                return regional_table(session, wanted)

        self.loading = True
        self._set_busy(+1, self.tr("Bezig met laden…"))
        self.runner.run(read, alive(self, self._loaded), alive(self, self._failed))

    def _loaded(self, region: RegionTable | None) -> None:
        self.loading = False
        self._set_busy(-1, "")
        if region is None:
            return
        self.region = region
        self.peildatum.blockSignals(True)
        self.peildatum.clear()
        for day in region.peildata:
            self.peildatum.addItem(fmt_date(dt.date.fromisoformat(day)), day)
        if region.peildatum is not None:
            self.peildatum.setCurrentIndex(max(0, self.peildatum.findData(region.peildatum)))
        self.peildatum.blockSignals(False)
        self._fill(self.cohort, [(str(c), c) for c in sorted({r.cohort for r in region.rows}, reverse=True)])
        kinds = sorted({r.school_type for r in region.rows}, key=lambda k: (k == "", k))
        self._fill(self.school_type, [(labels.domain(_type_label(k)), k) for k in kinds])
        self.model.set_region(region)
        self._filter()
        self.table.resizeColumnsToContents()
        fit_header_texts(self.table)
        self.note.setText(self._note(region))
        self.csv_button.setEnabled(bool(region.schools))
        self.loaded.emit()

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        """Refill a filter, keeping the choice when it is still there (the newest vertrekjaar first)."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _note(self, region: RegionTable) -> str:
        if not region.schools:
            return self.tr("Er is nog geen school verbonden met deze gemeente.")
        missing = [school.name for school in region.schools if not school.received]
        text = self.tr("Totaal over %1 van de %2 scholen.").replace("%1", str(region.received_count))
        text = text.replace("%2", str(len(region.schools)))
        if missing:
            text += " " + self.tr("Geen cijfers ontvangen van: %1 (niet meegeteld, niet als nul).").replace(
                "%1", ", ".join(missing)
            )
        text += " " + self.tr('"<5" telt in het totaal als 0 tot 4: dan staat er een bereik, zoals 37–45.')
        if any(cell == "x" or cell.startswith("x ") for row in region.rows for cell in row.cells):
            text += " " + self.tr(
                '"x" is ook verborgen (5 of meer), zodat een "<5" niet uit het totaal van die school terug te '
                "rekenen is; in het totaal telt het als wat dat totaal ervoor overlaat."
            )
        return text

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._set_busy(-1)
        self.message.setText(failure_text(self.tr("De cijfers van de regio konden niet worden geladen."), exc))

    def _filter(self) -> None:
        self.proxy.set_filter(self.cohort.currentData(), self.school_type.currentData())

    def _set_busy(self, delta: int, text: str | None = None) -> None:
        self._busy = max(0, self._busy + delta)
        self.progress.setVisible(self._busy > 0)
        if text is not None:
            self.message.setText(text)

    # -- export ------------------------------------------------------------------------------
    def export_csv(self, path: Path | None = None) -> None:
        region = self.region
        if region is None:
            return
        if path is None:
            day = region.peildatum or self.ctx.today().isoformat()
            path = ask_save_path(
                self,
                self.tr("Cijfers van de regio opslaan als CSV"),
                f"cijfers_regio_{day}.csv",
                self.tr("CSV-bestand voor Excel (*.csv)"),
                ".csv",
            )
            if path is None:
                return
        target = path
        self._set_busy(+1, self.tr("Bezig met opslaan…"))
        self.runner.run(
            lambda: regional_csv(region, target),
            alive(self, lambda _r: self._exported(target)),
            alive(self, self._export_failed),
        )

    def _exported(self, path: Path) -> None:
        self._set_busy(-1, self.tr("Opgeslagen als %1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._set_busy(-1)
        self.message.setText(failure_text(self.tr("De cijfers zijn niet opgeslagen."), exc))
