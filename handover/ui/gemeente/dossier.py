"""A received dossier, read-only: who sent it, what changed, sections A–K, the timeline and the actions."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from handover.domain.fields import LISTS, YOUTH_FIELDS
from handover.gemeente.view import ReceivedView, SectionView
from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

_esc = html.escape


def changed_labels(view: ReceivedView) -> list[str]:
    names = []
    for name in sorted(view.changed):
        if name in YOUTH_FIELDS:
            names.append(YOUTH_FIELDS[name].label)
        elif name in LISTS:
            names.append(LISTS[name].label)
        elif name == "consents":
            names.append("Toestemming")
    return names


def section_html(section: SectionView) -> str:
    """One section as simple rich text: label and value rows, lists as small tables; changes marked."""
    if not section.covered:
        return f"<p style='color:{theme.MUTED}'><i>{_esc(section.note or '')}</i></p>"
    mark = f"background-color:{theme.AMBER_BG}; color:{theme.AMBER_FG}"
    changed = f" <span style='{mark}'>&nbsp;gewijzigd&nbsp;</span>"
    rows = []
    for f in section.fields:
        value = _esc(f.value).replace("\n", "<br/>")
        style = f" style='{mark}'" if f.changed else ""
        rows.append(
            f"<tr><td style='color:{theme.MUTED}; padding-right:12px' valign='top'>{_esc(f.label)}</td>"
            f"<td{style}>{value}{changed if f.changed else ''}</td></tr>"
        )
    parts = [f"<table cellspacing='2'>{''.join(rows)}</table>"] if rows else []
    for block in section.lists:
        title = f"<b>{_esc(block.label)}</b>{changed if block.changed else ''}"
        if not block.rows:
            parts.append(f"<p>{title}<br/><span style='color:{theme.MUTED}'>Niets vastgelegd.</span></p>")
            continue
        head = "".join(f"<th align='left' style='padding-right:10px'>{_esc(h)}</th>" for h in block.headers)
        body = "".join(
            "<tr>" + "".join(f"<td style='padding-right:10px'>{_esc(c)}</td>" for c in row) + "</tr>"
            for row in block.rows
        )
        parts.append(f"<p>{title}</p><table cellspacing='2'><tr>{head}</tr>{body}</table>")
    if not parts:
        parts.append(f"<p style='color:{theme.MUTED}'>Niets ingevuld.</p>")
    return "".join(parts)


def dossier_html(view: ReceivedView) -> str:
    """All sections as one read-only document: a heading per section, "gewijzigd" where it changed."""
    parts = []
    for section in view.sections:
        title = f"{section.code}. {_esc(section.title)}"
        if section.changed and not any("name='gewijzigd'" in p for p in parts):
            title = f"<a name='gewijzigd'></a>{title}"  # the first change: scrollToAnchor("gewijzigd")
        if section.changed:
            title += (
                f" <span style='color:{theme.AMBER_FG}; background-color:{theme.AMBER_BG}'>&nbsp;gewijzigd&nbsp;</span>"
            )
        parts.append(f"<h3 style='color:{theme.TITLE}'>{title}</h3>{section_html(section)}")
    return "".join(parts)


class ReceivedDossierPage(QWidget):
    """Read-only view with the klantmanager's actions. ``changed`` after a write (lists refresh)."""

    changed = Signal()
    opened = Signal(str)  # record id, once the view is shown
    news_checked = Signal(object)  # handover.gemeente.view.Arrived: what a sync brought for the open dossier
    open_failed = Signal(str)  # the Dutch reason (a withdrawn dossier)
    leave_requested = Signal()

    def __init__(self, ctx: AppContext, runner: TaskRunner, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receivedDossierPage")
        self.ctx, self.runner, self.window = ctx, runner, window
        self.view: ReceivedView | None = None
        self.key: tuple[str, str] | None = None
        self.name = QLabel()
        self.name.setObjectName("pageTitle")
        self.name.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("receivedSource")
        self.source.setWordWrap(True)
        self.trust = QLabel()
        self.trust.setObjectName("schoolTrust")
        self.case = QLabel()
        self.case.setObjectName("caseState")
        self.case.setWordWrap(True)
        self.change_note = QLabel()
        self.change_note.setObjectName("changedFields")
        self.change_note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("dossierMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # What a sync brought while the dossier is open: never shown stale without saying so.
        self.news_bar = QWidget()
        self.news_bar.setObjectName("newsBar")
        self.news_bar.setStyleSheet(f"#newsBar {{ background:{theme.AMBER_BG}; }}")
        self.news_text = QLabel()
        self.news_text.setObjectName("newsText")
        self.news_text.setWordWrap(True)
        self.news_text.setStyleSheet(f"color:{theme.AMBER_FG}")
        self.news_button = QPushButton(self.tr("Opnieuw laden"))
        self.news_button.setObjectName("reloadNews")
        self.news_button.clicked.connect(self.load_news)
        bar = QHBoxLayout(self.news_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.news_text, 1)
        bar.addWidget(self.news_button)
        self.news_bar.hide()
        self.intake_button = QPushButton(self.tr("Intake plannen…"))
        self.intake_button.setObjectName("planIntake")
        self.status_button = QPushButton(self.tr("Statusbericht…"))
        self.status_button.setObjectName("sendStatus")
        self.agreements_button = QPushButton(self.tr("Afspraken…"))
        self.agreements_button.setObjectName("agreements")
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.setObjectName("printReceived")
        self.intake_button.clicked.connect(self.plan_intake)
        self.status_button.clicked.connect(self.send_status)
        self.agreements_button.clicked.connect(self.show_agreements)
        self.print_button.clicked.connect(self.save_pdf)
        buttons = QHBoxLayout()
        for b in (self.intake_button, self.status_button, self.agreements_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.sections: dict[str, str] = {}  # section code -> its rich text (also for tests)
        self.document = QTextBrowser()
        self.document.setObjectName("receivedDossier")
        self.document.setAccessibleName(self.tr("Het ontvangen overstapdossier"))
        self.document.setOpenLinks(False)
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("timeline")
        self.timeline.setAccessibleName(self.tr("Tijdlijn"))
        timeline_box = QWidget()
        tl_layout = QVBoxLayout(timeline_box)
        tl_layout.setContentsMargins(0, 0, 0, 0)
        tl_title = QLabel(self.tr("Tijdlijn"))
        tl_title.setObjectName("cardTitle")
        tl_layout.addWidget(tl_title)
        tl_layout.addWidget(self.timeline, 1)
        timeline_box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.document)
        splitter.addWidget(timeline_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.name)
        layout.addWidget(self.source)
        layout.addWidget(self.trust)
        layout.addWidget(self.case)
        layout.addWidget(self.change_note)
        layout.addWidget(self.news_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        for w in (self.source, self.trust, self.case, self.change_note):
            w.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._set_enabled(False)

    # -- loading ---------------------------------------------------------------------------------
    def open_dossier(self, sender_org: str, record_id: str) -> None:
        """Open (and mark opened) on the write lane; a withdrawn dossier is refused with its reason."""
        from handover.gemeente.view import open_received

        self.key = (sender_org, record_id)
        service = self.window.service()
        self.runner.run_write(
            lambda: open_received(self.ctx, service, sender_org, record_id),
            alive(self, self._shown),
            alive(self, self._refused),
        )

    def reload(self) -> None:
        if self.key is None:
            return
        from handover.gemeente.view import received_view

        sender, record = self.key

        def read() -> ReceivedView:
            with self.ctx.session() as session:
                return received_view(session, sender, record, today=self.ctx.today())

        self.runner.run(read, alive(self, self._shown), alive(self, self._refused))

    def check_news(self) -> None:
        """After a sync (every list load): did a new version, news or an agreement change arrive for the
        dossier shown? A withdrawal clears it at once; anything else shows the bar "opnieuw laden"."""
        view = self.view
        if view is None or self.key != (view.sender_org, view.record_id):
            return
        from handover.gemeente.view import arrived_since

        def read() -> Any:
            with self.ctx.session() as session:
                return arrived_since(session, view)

        self.runner.run(read, alive(self, lambda arrived: self._news_read(view, arrived)))

    def _news_read(self, view: ReceivedView, arrived: Any) -> None:
        if self.view is not view:
            return  # read again or another dossier meanwhile
        if arrived.withdrawn:
            self.reload()  # refused now: the content is gone from the screen too
        elif arrived.revision is not None and (arrived.news or arrived.agreements):
            self.news_text.setText(
                self.tr(
                    "Nieuwe versie ontvangen (versie %1), met nieuws van school. "
                    "Laad het dossier opnieuw om het te zien."
                ).replace("%1", str(arrived.revision))
            )
            self.news_bar.show()
        elif arrived.revision is not None:
            self.news_text.setText(
                self.tr(
                    "Nieuwe versie ontvangen (versie %1). Laad het dossier opnieuw om de wijzigingen te zien."
                ).replace("%1", str(arrived.revision))
            )
            self.news_bar.show()
        elif arrived.anything:
            self.news_text.setText(
                self.tr(
                    "Nieuw van school ontvangen (contactmoment of afspraak). Laad het dossier opnieuw om het te zien."
                )
            )
            self.news_bar.show()
        self.news_checked.emit(arrived)

    def load_news(self) -> None:
        """ "Opnieuw laden": open the dossier again (this version seen, its news seen)."""
        if self.key is not None:
            self.open_dossier(*self.key)

    def _shown(self, view: ReceivedView) -> None:
        self.view = view
        self.news_bar.hide()
        self.message.hide()
        self.name.setText(view.name)
        when = view.received_at.strftime("%d-%m-%Y %H:%M")
        self.source.setText(
            self.tr("Ontvangen van %1 · versie %2 · ontvangen op %3 · %4")
            .replace("%1", view.school)
            .replace("%2", str(view.revision))
            .replace("%3", when)
            .replace("%4", view.receipt_state)
        )
        if view.school_confirmed:
            self.trust.setText(self.tr("✓ Sleutel van de school bevestigd (vingerafdruk vergeleken)"))
            self.trust.setStyleSheet(f"color:{theme.SUCCESS}")
        else:
            self.trust.setText(self.tr("Sleutel van de school nog niet bevestigd: vergelijk de vingerafdruk"))
            self.trust.setStyleSheet(f"color:{theme.WARNING}")
        self.trust.setToolTip(view.school_fingerprint)
        case = self.tr("Stand: %1").replace("%1", view.case_status)
        if view.intake_date:
            case += " · " + self.tr("intake op %1").replace("%1", view.intake_date.strftime("%d-%m-%Y"))
        if view.klantmanager:
            case += " · " + self.tr("klantmanager %1").replace("%1", view.klantmanager)
        self.case.setText(case)
        names = changed_labels(view)
        if names and view.previous_revision is not None:
            self.change_note.setText(
                self.tr("Gewijzigd sinds versie %1: %2")
                .replace("%1", str(view.previous_revision))
                .replace("%2", ", ".join(names))
            )
            self.change_note.setStyleSheet(f"background:{theme.AMBER_BG}; color:{theme.AMBER_FG}; padding:4px")
            self.change_note.show()
        else:
            self.change_note.hide()
        self.sections = {section.code: section_html(section) for section in view.sections}
        self.document.setHtml(dossier_html(view))
        self.timeline.setHtml(self._timeline_html(view))
        self._set_enabled(True)
        self.opened.emit(view.record_id)

    def _timeline_html(self, view: ReceivedView) -> str:
        rows = []
        for e in reversed(view.timeline):
            rows.append(
                f"<p><span style='color:{theme.MUTED}'>{e.at:%d-%m-%Y %H:%M}</span><br/>{_esc(e.text)}"
                f"<br/><span style='color:{theme.MUTED}'>{_esc(e.signer)}</span></p>"
            )
        return "".join(rows) or self.tr("Nog niets.")

    def _refused(self, exc: BaseException) -> None:
        from handover.gemeente.view import NotReadable

        self.view = None
        self.news_bar.hide()
        self._set_enabled(False)
        text = (
            str(exc)
            if isinstance(exc, NotReadable)
            else failure_text(self.tr("Het dossier kon niet worden geopend."), exc)
        )
        self.name.setText(self.tr("Dossier niet te openen"))
        for w in (self.source, self.trust, self.case, self.change_note):
            w.clear()
        self.sections = {}
        self.document.clear()
        self.timeline.clear()
        self.message.setText(text)
        self.message.show()
        self.open_failed.emit(text)

    def _set_enabled(self, on: bool) -> None:
        for b in (self.intake_button, self.status_button, self.agreements_button, self.print_button):
            b.setEnabled(on)

    def _written(self) -> None:
        self.changed.emit()
        self.reload()

    # -- actions ---------------------------------------------------------------------------------
    def plan_intake(self) -> None:
        from handover.ui.gemeente.dialogs import IntakeDialog

        if self.view is None or self.key is None:
            return
        dialog = IntakeDialog(
            self.runner,
            self.window.service(),
            self.key,
            staff=self.window.staff,
            today=self.ctx.today(),
            current=(self.view.intake_date, self.view.klantmanager),
            parent=self,
        )
        dialog.saved.connect(self._written)
        dialog.open()
        self.last_dialog = dialog

    def send_status(self) -> None:
        from handover.ui.gemeente.dialogs import StatusDialog

        if self.view is None or self.key is None:
            return
        dialog = StatusDialog(self.runner, self.window.service(), self.key, self)
        dialog.saved.connect(self._written)
        dialog.open()
        self.last_dialog = dialog

    def show_agreements(self) -> None:
        from handover.ui.gemeente.agreements import AgreementsDialog

        if self.view is None or self.key is None:
            return
        sender, record = self.key

        def reload(deliver: Any) -> None:
            from handover.gemeente.view import received_view

            def read() -> Any:
                with self.ctx.session() as session:
                    return received_view(session, sender, record, today=self.ctx.today()).agreements

            self.runner.run(read, deliver)

        dialog = AgreementsDialog(
            self.runner,
            self.window.service(),
            self.key,
            self.view.agreements,
            today=self.ctx.today(),
            reload=reload,
            parent=self,
        )
        dialog.changed.connect(self._written)
        dialog.open()
        self.last_dialog = dialog

    def save_pdf(self) -> None:
        from handover.gemeente.printing import received_file_name

        if self.key is None:
            return
        from handover.ui.printing.preview import documents_dir

        name = received_file_name(self.ctx, *self.key)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Afdrukken als PDF"), str(documents_dir() / name), self.tr("PDF-bestanden (*.pdf)")
        )
        if path:
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> None:
        from handover.gemeente.printing import print_received

        if self.key is None:
            return
        sender, record = self.key
        self.runner.run_write(
            lambda: print_received(self.ctx, sender, record, path),
            alive(self, lambda _p: self._printed(path)),
            alive(self, self._print_failed),
        )

    def _printed(self, path: Path) -> None:
        self.message.setText(self.tr("Opgeslagen als %1").replace("%1", str(path)))
        self.message.show()
        self.reload()

    def _print_failed(self, exc: BaseException) -> None:
        self.message.setText(failure_text(self.tr("Het PDF-bestand is niet opgeslagen."), exc))
        self.message.show()
