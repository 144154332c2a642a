"""Resultaten: how the school's former students are doing, per leaving cohort and school type.

The figures come from handover.services.outcomes (computed in the background through the
TaskRunner); this page shows them as two charts with the table beside them, and exports them:
CSV for the school (real numbers) or for the gemeente (no names, every count under 5 as "<5"),
the PDF report, and "Versturen naar de gemeente" (the anonymised figures of one 1 November).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.vocab import SCHOOL_TYPE
from handover.services.context import AppContext
from handover.services.outcomes import CohortFigures, cohort_figures, merge_school_types
from handover.ui import labels
from handover.ui.failures import failure_text
from handover.ui.formatting import fmt_date
from handover.ui.guard import alive
from handover.ui.pages.jongeren import configure_table, fit_header_texts
from handover.ui.results.charts import EngagedChart, MixChart, moment_label
from handover.ui.results.files import ask_save_path
from handover.ui.results.model import FiguresTableModel
from handover.ui.tasks import TaskRunner


def only_type(figs: CohortFigures, school_type: str | None) -> CohortFigures:
    """The figures of one school type (its own rows), or all types merged into one row per cohort."""
    if school_type is None:
        return merge_school_types(figs)
    rows = [row for row in figs.rows if row.school_type == school_type]
    return dataclasses.replace(figs, school_type=school_type, rows=rows)


class ResultatenPage(QWidget):
    loaded = Signal()  # the figures arrived and are shown
    exported = Signal(str)  # the path of a CSV or PDF written
    figures_sent = Signal(str)  # the peildatum (ISO) whose figures went to the gemeente

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultatenPage")
        self.ctx = ctx
        self.runner = runner
        self.stopped = False
        self.figures: CohortFigures | None = None  # every cohort and school type, as computed
        self.shown: CohortFigures | None = None  # after the school type filter
        # The sync engine, when this installation is connected (the main window sets this).
        self.sync_service: Callable[[], Any] = lambda: None
        self._busy = 0
        self.loading = False  # figures are being computed

        title = QLabel(self.tr("Resultaten: hoe gaat het met onze oud-leerlingen?"))
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)

        self.moment = QComboBox()
        self.moment.setObjectName("momentChooser")
        self.moment.setAccessibleName(self.tr("Moment"))
        self.moment.setAccessibleDescription(self.tr("Na 6, 12 of 24 maanden, of een peildatum (1 november)"))
        self.moment.currentIndexChanged.connect(lambda _i: self._show())
        moment_label_widget = QLabel(self.tr("&Moment:"))
        moment_label_widget.setBuddy(self.moment)

        self.school_type = QComboBox()
        self.school_type.setObjectName("schoolTypeFilter")
        self.school_type.setAccessibleName(self.tr("Schoolsoort"))
        self.school_type.addItem(self.tr("Alle schoolsoorten"), None)
        for code, label in SCHOOL_TYPE:
            self.school_type.addItem(labels.domain(label), code)
        self.school_type.currentIndexChanged.connect(lambda _i: self._show())
        type_label = QLabel(self.tr("&Schoolsoort:"))
        type_label.setBuddy(self.school_type)

        self.csv_button = QPushButton(self.tr("Opslaan als &CSV…"))
        self.csv_button.setObjectName("csvButton")
        self.csv_button.setAccessibleName(self.tr("Opslaan als CSV"))
        self.csv_button.setAccessibleDescription(
            self.tr("De cijfers opslaan voor Excel: voor de school of voor de gemeente")
        )
        csv_menu = QMenu(self.csv_button)
        self.csv_school_action = csv_menu.addAction(
            self.tr("Voor de school (echte aantallen)…"), lambda: self.export_csv(for_gemeente=False)
        )
        self.csv_gemeente_action = csv_menu.addAction(
            self.tr("Voor de gemeente (zonder namen, aantallen onder 5 als <5)…"),
            lambda: self.export_csv(for_gemeente=True),
        )
        self.csv_button.setMenu(csv_menu)
        self.pdf_button = QPushButton(self.tr("Opslaan als &PDF…"))
        self.pdf_button.setObjectName("pdfButton")
        self.pdf_button.setAccessibleName(self.tr("Opslaan als PDF"))
        self.pdf_button.setAccessibleDescription(self.tr("Het cijferrapport als PDF, met de grafieken"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.send_button = QPushButton(self.tr("&Versturen naar de gemeente…"))
        self.send_button.setObjectName("sendFiguresButton")
        self.send_button.setAccessibleName(self.tr("Versturen naar de gemeente"))
        self.send_button.setAccessibleDescription(
            self.tr("De cijfers zonder namen naar de contactgemeente sturen, voor de vergelijking in de regio")
        )
        self.send_button.clicked.connect(lambda: self.send_to_gemeente())
        for button in (self.csv_button, self.pdf_button, self.send_button):
            button.setEnabled(False)

        bar = QHBoxLayout()
        bar.addWidget(moment_label_widget)
        bar.addWidget(self.moment, 1)
        bar.addWidget(type_label)
        bar.addWidget(self.school_type, 1)
        bar.addStretch(0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)

        self.mix_chart = MixChart(self)
        self.engaged_chart = EngagedChart(self)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.setChildrenCollapsible(False)
        charts.addWidget(self.mix_chart.view)
        charts.addWidget(self.engaged_chart.view)

        self.model = FiguresTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("figuresTable")
        self.table.setAccessibleName(self.tr("Tabel met de cijfers per vertrekjaar"))
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)  # a screen reader reads one cell
        self.table.setWordWrap(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("resultsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(charts)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)

        self.progress = QProgressBar()
        self.progress.setObjectName("busyIndicator")
        self.progress.setAccessibleName(self.tr("Bezig"))
        self.progress.setRange(0, 0)  # busy: no percentage to show
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        footer = QHBoxLayout()
        footer.addWidget(self.progress)
        footer.addWidget(self.message, 1)
        layout.addLayout(footer)
        self.setTabOrder(self.moment, self.school_type)
        self.setTabOrder(self.school_type, self.table)
        self.setTabOrder(self.table, self.csv_button)
        self.setTabOrder(self.csv_button, self.pdf_button)
        self.setTabOrder(self.pdf_button, self.send_button)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        fit_header_texts(self.table)
        super().showEvent(event)

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.ctx
        today = ctx.today()

        def compute() -> CohortFigures | None:
            if self.stopped:
                return None
            with ctx.session() as session:
                return cohort_figures(session, today=today)

        self.loading = True
        self._set_busy(+1, self.tr("Bezig met berekenen…"))
        self.runner.run(compute, alive(self, self._loaded), alive(self, self._failed))

    def _loaded(self, figs: CohortFigures | None) -> None:
        self.loading = False
        self._set_busy(-1)
        if figs is None:
            return
        self.figures = figs
        self._fill_moments(figs)
        self._fill_school_types(figs)
        self._show()
        for button in (self.csv_button, self.pdf_button, self.send_button):
            button.setEnabled(True)
        self.message.setText("")
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._set_busy(-1)
        self.message.setText(failure_text(self.tr("De cijfers konden niet worden berekend."), exc))

    def _fill_moments(self, figs: CohortFigures) -> None:
        chosen = self.moment.currentData()
        self.moment.blockSignals(True)
        self.moment.clear()
        for moment in figs.moments:
            if moment.day is not None:
                text = self.tr("Peildatum 1 november %1").replace("%1", str(moment.day.year))
            else:
                text = moment_label(moment.months or 0)
            self.moment.addItem(text, moment.key)
        references = [m.key for m in figs.moments if m.day is not None]
        # Opens on the latest 1 November: the sector's own count.
        wanted = chosen if chosen is not None else (references[-1] if references else "T+12")
        position = self.moment.findData(wanted)
        self.moment.setCurrentIndex(position if position >= 0 else 0)
        self.moment.blockSignals(False)

    def _fill_school_types(self, figs: CohortFigures) -> None:
        present = {row.school_type for row in figs.rows}
        if "" in present and self.school_type.findData("") < 0:
            self.school_type.addItem(self.tr("Schoolsoort onbekend"), "")

    # -- showing -----------------------------------------------------------------------------
    def current_moment(self) -> str:
        return str(self.moment.currentData() or "T+12")

    def _show(self) -> None:
        if self.figures is None:
            return
        figs = only_type(self.figures, self.school_type.currentData())
        self.shown = figs
        moment = self.current_moment()
        self.model.set_figures(figs, moment)
        self._fit_table()
        self.mix_chart.show(figs, moment, self.moment.currentText())
        self.engaged_chart.show(figs)
        left = sum(row.left for row in figs.rows)
        text = self.tr("%1 oud-leerlingen in %2 vertrekjaren · berekend op %3 uit de contactmomenten").replace(
            "%1", str(left)
        )
        text = text.replace("%2", str(len(figs.rows))).replace("%3", fmt_date(figs.today))
        if not figs.rows:
            text = self.tr(
                "Nog geen oud-leerlingen om te tellen: de cijfers beginnen als de eerste jongeren van school zijn."
            )
        elif not figs.intake_known:
            text += " · " + self.tr("nog geen uitwisseling met Werk en Inkomen: geen cijfer voor de intake")
        self.subtitle.setText(text)

    def _fit_table(self) -> None:
        """Columns as wide as their text; the table takes the width it needs, the charts the rest."""
        self.table.resizeColumnsToContents()
        fit_header_texts(self.table)
        gap = self.table.fontMetrics().averageCharWidth() * 3  # room between the columns of numbers
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + gap)
        header = self.table.horizontalHeader()
        needed = header.length() + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width() + 4
        total = self.splitter.width()
        if total > 0:
            table_width = min(needed, total - self.mix_chart.view.minimumWidth())
            self.splitter.setSizes([total - table_width, table_width])

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.figures is not None:
            self._fit_table()

    def _set_busy(self, delta: int, text: str | None = None) -> None:
        self._busy = max(0, self._busy + delta)
        self.progress.setVisible(self._busy > 0)
        if text is not None:
            self.message.setText(text)

    # -- export ------------------------------------------------------------------------------
    def _ask_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        return ask_save_path(self, title, name, file_filter, suffix)

    def _file_stem(self) -> str:
        kind = self.school_type.currentData()
        today = self.ctx.today().isoformat()
        return f"cijfers_{kind}_{today}" if kind else f"cijfers_{today}"

    def export_csv(self, *, for_gemeente: bool, path: Path | None = None) -> None:
        """Ask where (unless ``path``), then write the CSV in the background (``;``, UTF-8 with BOM)."""
        from handover.services.outcomes_export import figures_csv

        figs = self.shown
        if figs is None or self.figures is None:
            return
        if for_gemeente:  # per school type, never also summed over the types (see outcomes_export)
            kind = self.school_type.currentData()
            figs = self.figures if kind is None else only_type(self.figures, kind)
        if path is None:
            suffix = "_gemeente" if for_gemeente else ""
            path = self._ask_path(
                self.tr("Cijfers opslaan als CSV"),
                f"{self._file_stem()}{suffix}.csv",
                self.tr("CSV-bestand voor Excel (*.csv)"),
                ".csv",
            )
            if path is None:
                return
        target = path
        self._set_busy(+1, self.tr("Bezig met opslaan…"))
        self.runner.run(
            lambda: figures_csv(figs, target, for_gemeente=for_gemeente),
            alive(self, lambda _r: self._exported(target)),
            alive(self, self._export_failed),
        )

    def export_pdf(self, path: Path | None = None) -> None:
        """Ask where (unless ``path``), then make the PDF report of the chosen 1 November in the background."""
        from handover.reports.figures import save_figures_pdf

        peildatum = self.send_peildatum()
        if self.shown is None:
            return
        if path is None:
            path = self._ask_path(
                self.tr("Cijferrapport opslaan als PDF"),
                f"cijferrapport_{(peildatum or self.ctx.today()).isoformat()}.pdf",
                self.tr("PDF (*.pdf)"),
                ".pdf",
            )
            if path is None:
                return
        target = path
        ctx = self.ctx
        kind = self.school_type.currentData()  # the report shows what the screen shows
        self._set_busy(+1, self.tr("Bezig met het rapport…"))
        self.runner.run(
            lambda: save_figures_pdf(ctx, target, peildatum, school_type=kind),
            alive(self, lambda _r: self._exported(target)),
            alive(self, self._export_failed),
        )

    def _exported(self, path: Path) -> None:
        self._set_busy(-1, self.tr("Opgeslagen als %1").replace("%1", str(path)))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._set_busy(-1)
        self.message.setText(failure_text(self.tr("De cijfers zijn niet opgeslagen."), exc))

    # -- to the gemeente ---------------------------------------------------------------------
    def send_peildatum(self) -> dt.date | None:
        """The 1 November whose figures go: the one chosen, or else the latest."""
        if self.figures is None:
            return None
        chosen = self.current_moment()
        references = [m.day for m in self.figures.moments if m.day is not None]
        for day in references:
            if day.isoformat() == chosen:
                return day
        return references[-1] if references else None

    def confirmation_text(self, peildatum: dt.date) -> str:
        return self.tr(
            "Dit gaat naar de contactgemeente, voor de vergelijking van de scholen in de regio:\n\n"
            "• per vertrekjaar en schoolsoort: hoeveel oud-leerlingen er zijn en in welke situatie, "
            "op peildatum %1 en na 6, 12 en 24 maanden;\n"
            "• de percentages stabiel, bereikt, intake bij Werk en Inkomen en contactmomenten op tijd.\n\n"
            "Er gaan geen namen, geen geboortedata en geen leerlingnummers mee. "
            'Elk aantal onder 5 staat er als "<5", zodat niemand te herkennen is.\n\n'
            "Versturen?"
        ).replace("%1", fmt_date(peildatum))

    def send_to_gemeente(self, *, confirmed: bool = False) -> None:
        """Ask the sync engine whether this school is connected (on its thread), then ask the mentor,
        naming what leaves, then hand the anonymised figures to the engine."""
        service = self.sync_service()
        peildatum = self.send_peildatum()
        if peildatum is None:
            self.message.setText(self.tr("Er is nog geen peildatum (1 november) met cijfers om te versturen."))
            return
        if service is None:
            self._not_connected()
            return
        self.send_button.setEnabled(False)
        self.runner.run_network(
            service.is_enrolled,
            alive(self, lambda enrolled: self._enrolled_known(bool(enrolled), service, peildatum, confirmed)),
            alive(self, self._send_failed),
        )

    def _not_connected(self) -> None:
        self.send_button.setEnabled(True)
        QMessageBox.information(
            self,
            self.tr("Versturen naar de gemeente"),
            self.tr(
                "Deze installatie is nog niet verbonden met de gemeente "
                "(Bestand › Instellingen › Verbinden met de gemeente). De cijfers kunt u wel opslaan als CSV."
            ),
        )

    def _enrolled_known(self, enrolled: bool, service: Any, peildatum: dt.date, confirmed: bool) -> None:
        if not enrolled:
            self._not_connected()
            return
        if not confirmed:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Cijfers versturen naar de gemeente"),
                self.confirmation_text(peildatum),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Versturen"))
            box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Yes:
                self.send_button.setEnabled(True)
                return
        ctx = self.ctx
        today = ctx.today()

        def send() -> str:
            from handover.services.outcomes_export import figures_for_gemeente

            with ctx.session() as session:
                body = figures_for_gemeente(session, peildatum, today=today)
            service.send_figures(None, body)
            return peildatum.isoformat()

        self._set_busy(+1, self.tr("Bezig met versturen…"))
        self.runner.run_network(send, alive(self, self._sent), alive(self, self._send_failed))

    def _sent(self, peildatum: str) -> None:
        self.send_button.setEnabled(True)
        day = dt.date.fromisoformat(peildatum)
        self._set_busy(
            -1,
            self.tr(
                "De cijfers van peildatum %1 staan klaar voor de gemeente; ze gaan mee met de volgende verzending."
            ).replace("%1", fmt_date(day)),
        )
        self.figures_sent.emit(peildatum)

    def _send_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self._set_busy(-1 if self._busy else 0)
        from handover.sync.errors import SyncUsageError

        if isinstance(exc, SyncUsageError):
            self.message.setText(str(exc))
        else:
            self.message.setText(failure_text(self.tr("De cijfers zijn niet verstuurd."), exc))
