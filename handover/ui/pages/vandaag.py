"""Vandaag: what needs the mentor now. Each list loads on its own, so a slow one never holds up the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain import rules
from handover.domain.vocab import AGREEMENT_ORG, HANDOVER_STATUS, SITUATION
from handover.services import queries
from handover.services.context import AppContext
from handover.ui import labels
from handover.ui.formatting import fmt_count
from handover.ui.guard import alive
from handover.ui.models import TodayItem, TodayListModel
from handover.ui.pages.jongeren import configure_table
from handover.ui.tasks import TaskRunner

VISIBLE_ROWS = 5
TWO_COLUMNS_FROM = 150  # the page's width, in average characters, from which the cards stand two by two


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty: str
    what_header: str
    date_header: str
    load: Callable[[AppContext], list[TodayItem]]
    late: bool = False


def _due_this_week(ctx: AppContext) -> list[TodayItem]:
    return [
        TodayItem(r.youth_id, r.name, labels.plan_label(r.label), r.due_date, "contactmomenten")
        for r in queries.due_this_week(ctx)
    ]


def _overdue(ctx: AppContext) -> list[TodayItem]:
    rows = sorted(queries.overdue_checkins(ctx), key=lambda r: r.due_date)
    return [TodayItem(r.youth_id, r.name, labels.plan_label(r.label), r.due_date, "contactmomenten") for r in rows]


OLD_AGREEMENT_MONTHS = 6  # overdue agreements older than this are grouped on the card, not hidden


def _agreements(ctx: AppContext) -> list[TodayItem]:
    # Most recently overdue first: those are the ones still easy to catch up on. Older than six months:
    # folded under one line "ouder dan 6 maanden (12)" that opens with a click.
    rows = sorted(queries.agreement_rows(ctx, only_overdue=True), key=lambda r: r.deadline or dt.date.min, reverse=True)
    old_before = rules.add_months(ctx.today(), -OLD_AGREEMENT_MONTHS)
    old = QCoreApplication.translate("Vandaag", "ouder dan %n maanden").replace("%n", str(OLD_AGREEMENT_MONTHS))
    return [
        TodayItem(
            r.youth_id,
            r.name,
            f"{r.action} ({labels.vocabulary_label(AGREEMENT_ORG, r.organisation)})",
            r.deadline,
            "afspraken",
            old if r.deadline is not None and r.deadline < old_before else "",
        )
        for r in rows
    ]


def _out_of_sight(ctx: AppContext) -> list[TodayItem]:
    """Not reached for more than N months (setting "out_of_sight_months"): the last contact and who tried."""
    from handover.services.settings import get_setting

    with ctx.session() as session:
        months = int(get_setting(session, "out_of_sight_months") or 4)
    items = []
    for r in queries.out_of_sight(ctx, months):
        # The date column says when they were last reached; "Wie probeerde" who tried since, and when.
        if r.attempted and r.last_attempt is not None:
            what = (
                QCoreApplication.translate("Vandaag", "Geprobeerd op %1 door %2")
                .replace("%1", r.last_attempt.strftime("%d-%m-%Y"))
                .replace("%2", r.tried_by or "?")
            )
        else:
            what = QCoreApplication.translate("Vandaag", "Nog niet geprobeerd (mentor: %1)").replace(
                "%1", r.tried_by or "?"
            )
        if r.last_reached is None:
            since = QCoreApplication.translate("Vandaag", "Niet bereikt sinds vertrek (%1)")
            what = since.replace("%1", r.since.strftime("%d-%m-%Y")) + " · " + what
        items.append(TodayItem(r.youth_id, r.name, what, r.last_reached, "contactmomenten"))
    return items


def _to_close(ctx: AppContext) -> list[TodayItem]:
    """At or past T+24 months and not closed: "Begeleiding afronden" with the latest known situation."""
    from handover.services.closing import ready_to_close

    with ctx.session() as session:
        rows = ready_to_close(session, ctx.today())
    unknown = QCoreApplication.translate("Vandaag", "Nog geen situatie bekend")
    return [
        TodayItem(
            r.youth_id,
            r.name,
            labels.vocabulary_label(SITUATION, r.situation) if r.situation else unknown,
            r.support_ends,
            "contactmomenten",
        )
        for r in rows
    ]


def _not_reached(ctx: AppContext) -> list[TodayItem]:
    return [
        TodayItem(r.id, r.name, r.fixed_contact, r.next_checkin, "contactmomenten") for r in queries.not_reached(ctx)
    ]


def _waiting(ctx: AppContext) -> list[TodayItem]:
    rows = sorted(queries.waiting_for_consent(ctx), key=lambda r: (r.leaving_date or dt.date.max, r.sort_key))
    return [
        TodayItem(r.id, r.name, labels.vocabulary_label(HANDOVER_STATUS, r.status), r.leaving_date, "toestemming")
        for r in rows
    ] + _choose_recipient(ctx)


def _moved_text() -> str:
    return QCoreApplication.translate("Vandaag", "Verhuisd: nieuwe toestemming nodig")


def _choose_recipient(ctx: AppContext) -> list[TodayItem]:
    """Enrolled: a consent whose recipient is free text that names no gemeente exactly ("kies de
    ontvanger"), or a gemeente other than the woonplaats's (a new consent is needed)."""
    from handover.sync.send_state import MOVED, RECIPIENT, load_send_states

    with ctx.workspace.session() as session:
        states = load_send_states(session, ctx.today())
    what = {RECIPIENT: QCoreApplication.translate("Vandaag", "Kies de ontvanger"), MOVED: _moved_text()}
    waiting = {youth_id: what[s.code] for youth_id, s in states.items() if s.code in what}
    if not waiting:
        return []
    rows = sorted((r for r in queries.youth_rows(ctx) if r.id in waiting), key=lambda r: r.sort_key)
    return [TodayItem(r.id, r.name, waiting[r.id], r.leaving_date, "toestemming") for r in rows]


NEWS_DAYS = 30  # how far back the card "Nieuw van Werk en Inkomen" looks


def _news(ctx: AppContext) -> list[TodayItem]:
    """Nieuw van Werk en Inkomen (last 30 days): receipts, the intake, status messages, changed agreements."""
    from handover.sync.exchange import school_news

    since = dt.datetime.combine(ctx.today() - dt.timedelta(days=NEWS_DAYS), dt.time())
    with ctx.session() as session:
        news = school_news(session, since=since)
    return [
        TodayItem(
            n.youth_id,
            n.name or "",
            f"{n.text} ({n.signer})" if n.signer else n.text,
            n.at.date() if isinstance(n.at, dt.datetime) else None,
            "afspraken" if n.text.startswith("Afspraak") else "uitwisseling",  # section K: the exchange
        )
        for n in news  # newest first
    ]


CONFLICT_TARGET = {"agreements": "afspraken", "checkins": "contactmomenten", "consents": "toestemming"}


def _conflicts(ctx: AppContext) -> list[TodayItem]:
    """Conflicten tussen pc's (issue 13): a field changed on two pc's of the school, both values kept
    until someone chooses in the dossier (editor/conflict.py). One line per conflict."""
    from handover.domain.fields import LISTS, YOUTH_FIELDS
    from handover.services import merge

    with ctx.session() as session:
        found = merge.conflicts(session)
    if not found:
        return []
    ids = {c.youth_id for c in found}
    names = {r.id: r.name for r in queries.youth_rows(ctx) if r.id in ids}
    items = []
    for c in found:
        lst = LISTS.get(c.entity)
        spec = YOUTH_FIELDS.get(c.field) if lst is None else next((f for f in lst.fields if f.name == c.field), None)
        what = labels.field_label(spec) if spec is not None else ("" if lst else c.field)
        if lst is not None:  # a field of a list item, or the item itself (deleted on one pc, changed on another)
            what = labels.capitalised(labels.item_label(lst)) + (f": {what}" if what else "")
        users = " / ".join(dict.fromkeys(a.user for a in c.alternatives if a.user))
        at = max((a.at for a in c.alternatives if a.at is not None), default=None)
        text = QCoreApplication.translate("Vandaag", "%1 · gewijzigd door %2").replace("%1", what).replace("%2", users)
        day = at.date() if at is not None else None
        items.append(
            TodayItem(c.youth_id, names.get(c.youth_id, ""), text, day, CONFLICT_TARGET.get(c.entity, "dossier"))
        )
    return items


def _attention(ctx: AppContext) -> list[TodayItem]:
    return [
        TodayItem(r.id, r.name, labels.stored_text(r.attention), r.next_checkin, "dossier")
        for r in queries.needs_attention(ctx)
    ]


class TodayCard(QFrame):
    """A titled list on the Vandaag page."""

    item_activated = Signal(object)  # TodayItem

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName("todayCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.model = TodayListModel(section.what_header, section.date_header, self, late=section.late)
        self.table = QTableView()
        self.table.setObjectName(f"today_{section.key}")
        self.table.setAccessibleName(section.title)
        self.table.setModel(self.model)
        char = self.fontMetrics().averageCharWidth()
        configure_table(self.table, {TodayListModel.COL_NAME: char * 22}, stretch=TodayListModel.COL_WHAT)
        self.table.horizontalHeader().setSectionResizeMode(
            TodayListModel.COL_DATE, QHeaderView.ResizeMode.ResizeToContents
        )
        # "Waarom" and "Wie doet wat" take the room left; what is still cut is in the tooltip.
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader().defaultSectionSize() * VISIBLE_ROWS
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + rows + 4)
        self.table.setMaximumHeight(self.table.minimumHeight())
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._clicked)  # a group line ("ouder dan 6 maanden (12)") opens with one click
        self.empty = QLabel(section.empty)
        self.empty.setObjectName("emptyLabel")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.set_loading()

    def set_loading(self) -> None:
        loading = self.tr("bezig met laden…")
        self.title.setText(f"{self.section.title} · {loading}")

    def set_items(self, items: list[TodayItem]) -> None:
        self.model.set_items(items)
        # The names as wide as they are (a few dozen rows), the rest for "Waarom" / "Wie doet wat".
        self.table.resizeColumnToContents(TodayListModel.COL_NAME)
        limit = self.fontMetrics().averageCharWidth() * 26
        self.table.setColumnWidth(TodayListModel.COL_NAME, min(self.table.columnWidth(TodayListModel.COL_NAME), limit))
        self.title.setText(f"{self.section.title} ({fmt_count(len(items))})")
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))

    def set_failed(self, message: str) -> None:
        self.title.setText(f"{self.section.title} · {message}")

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.model.is_group(index.row()):
            if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:  # Enter; a click is handled in _clicked
                self.model.toggle(index.row())
                self.table.selectRow(index.row())
            return
        self.item_activated.emit(self.model.item_at(index.row()))

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.is_group(index.row()):
            self.model.toggle(index.row())
            self.table.selectRow(index.row())


class VandaagPage(QWidget):
    """Home page. ``item_activated(TodayItem)`` asks the window to open the right place."""

    item_activated = Signal(object)
    loaded = Signal()  # every list has arrived

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vandaagPage")
        self.ctx = ctx
        self.runner = runner
        self._pending = 0
        self._again = False
        self.stopped = False  # the window is closing: queued lists are skipped
        self.sections = (
            Section(
                "deze_week",
                self.tr("Contactmomenten deze week"),
                self.tr("Deze week staan er geen contactmomenten."),
                self.tr("Contactmoment"),
                self.tr("Gepland op"),
                _due_this_week,
            ),
            Section(
                "te_laat",
                self.tr("Contactmomenten te laat"),
                self.tr("Er zijn geen contactmomenten te laat."),
                self.tr("Contactmoment"),
                self.tr("Gepland op"),
                _overdue,
                late=True,
            ),
            Section(
                "afspraken",
                self.tr("Verlopen afspraken"),
                self.tr("Alle afspraken liggen op schema."),
                self.tr("Wie doet wat"),
                self.tr("Tot wanneer"),
                _agreements,
                late=True,
            ),
            Section(
                "uit_beeld",
                self.tr("Uit beeld"),
                self.tr("Iedereen is in de ingestelde tijd (Instellingen) nog bereikt."),
                self.tr("Wie probeerde het"),
                self.tr("Laatst bereikt"),
                _out_of_sight,
            ),
            Section(
                "afronden",
                self.tr("Begeleiding afronden"),
                self.tr("Niemand is aan het eind van de twee jaar begeleiding."),
                self.tr("Laatste situatie"),
                self.tr("Na 2 jaar op"),
                _to_close,
            ),
            Section(
                "toestemming",
                self.tr("Wacht op toestemming"),
                self.tr("Geen dossiers die op toestemming wachten."),
                self.tr("Status"),
                self.tr("Vertrekdatum"),
                _waiting,
            ),
            Section(
                "nieuw_wi",
                self.tr("Nieuw van Werk en Inkomen"),
                self.tr("Geen nieuws van Werk en Inkomen in de afgelopen 30 dagen."),
                self.tr("Wat"),
                self.tr("Op"),
                _news,
            ),
            Section(  # issue 13: the same field changed on two pc's of the school
                "conflicten",
                self.tr("Conflicten tussen pc's"),
                self.tr("Geen conflicten tussen de pc's van de school."),
                self.tr("Wat"),
                self.tr("Laatst gewijzigd"),
                _conflicts,
            ),
            Section(
                "aandacht",
                self.tr("Vraagt aandacht"),
                self.tr("Niemand vraagt nu extra aandacht."),
                self.tr("Waarom"),
                self.tr("Volgend contact"),
                _attention,
            ),
            Section(
                "niet_bereikt",
                self.tr("Nog niet bereikt"),
                self.tr("Iedereen is bij het laatste contact bereikt."),
                self.tr("Vaste contactpersoon"),
                self.tr("Volgend contact"),
                _not_reached,
            ),
        )
        self.title = QLabel(self.tr("Vandaag"))
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.grid = grid = QGridLayout()
        grid.setSpacing(12)
        self.cards: dict[str, TodayCard] = {}
        layout_order = (
            "deze_week",
            "te_laat",
            "afspraken",
            "uit_beeld",
            "niet_bereikt",
            "afronden",
            "toestemming",
            "aandacht",
            "nieuw_wi",
            "conflicten",
        )
        for section in sorted(self.sections, key=lambda s: layout_order.index(s.key)):
            card = TodayCard(section, self)
            card.item_activated.connect(self.item_activated)
            self.cards[section.key] = card
        self.columns = 0
        self._arrange(2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 12, 16, 12)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.subtitle)
        body_layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible, unnamed Tab stop: the lists inside are
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _arrange(self, columns: int) -> None:
        """The cards in two columns, or in one on a narrow window (so "Waarom" is not cut to a word)."""
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(2 if event.size().width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_FROM else 1)
        super().resizeEvent(event)

    def refresh(self) -> None:
        if self._pending:
            self._again = True  # after the lists now on their way
            return
        today = self.ctx.today()
        day = QLocale().toString(QDate(today.year, today.month, today.day), "dddd d MMMM yyyy")
        self.subtitle.setText(self.tr("%1 · wat er nu aandacht vraagt").replace("%1", day))
        self._pending = len(self.sections)
        # Started in this order on the runner's read threads: the slowest list comes last.
        for section in self.sections:
            card = self.cards[section.key]
            if not card.model.rowCount():
                card.set_loading()
            self.runner.run(
                partial(self._load_section, section),
                alive(self, partial(self._arrived, card)),
                alive(self, partial(self._failed, card)),
            )

    def _load_section(self, section: Section) -> list[TodayItem]:
        """On a read thread: one card's items (none once the window is closing)."""
        return [] if self.stopped else section.load(self.ctx)

    def _arrived(self, card: TodayCard, items: list[TodayItem]) -> None:
        card.set_items(items)
        self._done_one()

    def _failed(self, card: TodayCard, exc: BaseException) -> None:
        card.set_failed(self.tr("kon niet worden geladen"))
        self._done_one()

    def _done_one(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.loaded.emit()
            if self._again:
                self._again = False
                self.refresh()

    def first_card_with_items(self) -> TodayCard | None:
        return next((c for c in self.cards.values() if c.model.rowCount()), None)

    def focus_first_list(self) -> None:
        card = self.first_card_with_items()
        if card is not None:
            card.table.setFocus(Qt.FocusReason.OtherFocusReason)
