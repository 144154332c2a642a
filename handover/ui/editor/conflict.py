"""Conflicts between the school's pc's in the open dossier (issue 13): the conflict chooser.

The same field changed on two pc's keeps both values (``handover.services.merge``) until someone
chooses. The editor shows each such field where it lives: under the field itself (section fields),
above the list it belongs to (a contact, an agreement), or else in the line above the sections, with
"Gewijzigd op een andere pc door … om …: kies welke blijft", every value with who saved it on which pc
and when, and "Deze houden". The choice is a write that has seen every value: it replaces them all
here and, with the next sync, on every pc.

:class:`EditorConflicts` attaches to a :class:`~handover.ui.editor.page.DossierEditorPage` from the
outside (the main window does it when the editor is first used): it reads the open dossier's
conflicts after each (re)load and save, and places a :class:`ConflictChooser` per conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.fields import LISTS, SECTIONS, YOUTH_FIELDS, FieldSpec
from handover.services.context import AppContext
from handover.ui import labels, theme
from handover.ui.editor.fields import display_text
from handover.ui.failures import failure_text
from handover.ui.guard import alive

EXISTS = "__exists__"  # handover.store.merge.EXISTS: deleted on one pc, changed on another
LONGEST_VALUE = 160  # characters of a value shown on its line (all of it in the tooltip)
FIELD_SECTION = {f.name: s.code for s in SECTIONS for f in s.fields}
LIST_SECTION = {lst.name: s.code for s in SECTIONS for lst in s.lists}


@dataclass(frozen=True)
class Choice:
    value: Any
    text: str  # the value as the dossier shows it
    user: str
    device_short: str
    at: dt.datetime | None
    this_pc: bool


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the chooser shows it."""

    key: str
    youth_id: str
    entity: str
    entity_id: str
    field: str
    what: str  # "Woonplaats", "Betrokkene 'Els Bos': Telefoon", ...
    section: str | None  # the section code where it lives
    choices: list[Choice]

    @property
    def other(self) -> Choice:
        """The value saved on another pc (the first one that is not this pc's)."""
        return next((c for c in self.choices if not c.this_pc), self.choices[0])


def when_text(at: dt.datetime | None) -> str:
    """12-01-2027 14:03 in local time (the merge state keeps UTC)."""
    if at is None:
        return "?"
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%d-%m-%Y %H:%M")


def _spec(entity: str, field: str) -> FieldSpec | None:
    if entity == "youth":
        return YOUTH_FIELDS.get(field)
    lst = LISTS.get(entity)
    return next((f for f in lst.fields if f.name == field), None) if lst is not None else None


def value_text(entity: str, field: str, value: Any) -> str:
    if field == EXISTS:
        return (
            QCoreApplication.translate("Conflicts", "verwijderd")
            if value is False
            else QCoreApplication.translate("Conflicts", "bewaard (en gewijzigd)")
        )
    spec = _spec(entity, field)
    text = display_text(spec, value) if spec is not None else ("" if value is None else str(value))
    return text if text.strip() else QCoreApplication.translate("Conflicts", "(leeg)")


def what_text(entity: str, field: str, item_name: str | None) -> str:
    """What is in conflict, in the dossier's own words."""
    spec = _spec(entity, field)
    label = labels.field_label(spec) if spec is not None else field
    if entity == "youth":
        return label
    lst = LISTS.get(entity)
    item = (
        labels.capitalised(labels.item_label(lst))
        if lst is not None
        else QCoreApplication.translate("Conflicts", "Onderdeel")
    )
    if item_name:
        item = f"{item} “{item_name}”"
    if field == EXISTS:
        return item
    return f"{item}: {label}"


def load_conflicts(ctx: AppContext, youth_id: str | None = None) -> list[ConflictView]:
    """On a worker thread: the open conflicts (of one young person, or all), ready to show."""
    from sqlalchemy import select

    from handover.services import merge
    from handover.store.merge import MergeClock
    from handover.store.models import LIST_MODELS

    with ctx.session() as session:
        found = merge.conflicts(session, youth_id)
        clock = session.scalars(select(MergeClock)).first()
        own = clock.device_id[:8] if clock is not None else ""
        views = []
        for conflict in found:
            item_name = None
            model = LIST_MODELS.get(conflict.entity)
            if model is not None:
                item = session.get(model, conflict.entity_id)
                spec = LISTS[conflict.entity]
                item_name = str(getattr(item, spec.title_field, "") or "") if item is not None else None
            choices = [
                Choice(
                    alt.value,
                    value_text(conflict.entity, conflict.field, alt.value),
                    alt.user,
                    alt.device_short,
                    alt.at,
                    bool(own) and alt.device_short == own,
                )
                for alt in conflict.alternatives
            ]
            section = (
                FIELD_SECTION.get(conflict.field) if conflict.entity == "youth" else LIST_SECTION.get(conflict.entity)
            )
            views.append(
                ConflictView(
                    conflict.key,
                    conflict.youth_id,
                    conflict.entity,
                    conflict.entity_id,
                    conflict.field,
                    what_text(conflict.entity, conflict.field, item_name),
                    section,
                    choices,
                )
            )
        return views


def resolve(ctx: AppContext, key: str, index: int) -> None:
    """On the write thread: keep alternative ``index`` of conflict ``key`` (audited by the service)."""
    from handover.services import merge

    with ctx.session() as session:
        merge.resolve_conflict(session, key, index, ctx.actor)


def headline(view: ConflictView) -> str:
    other = view.other
    return (
        QCoreApplication.translate("Conflicts", "Gewijzigd op een andere pc door %1 om %2: kies welke blijft")
        .replace("%1", other.user or "?")
        .replace("%2", when_text(other.at))
    )


class ConflictChooser(QFrame):
    """One conflict: the sentence, every value with who saved it where and when, and "Deze houden".
    ``chosen(key, index)`` when the user keeps one."""

    chosen = Signal(str, int)

    def __init__(self, view: ConflictView, *, with_what: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("conflictChooser")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#conflictChooser {{ border: 2px solid {theme.WARNING}; border-radius: 4px;"
            f" background: {theme.AMBER_BG}; }}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 8)
        column.setSpacing(4)
        text = headline(view)
        if with_what:
            text = f"{view.what}: {text[0].lower()}{text[1:]}"
        self.heading = QLabel(text, self)
        self.heading.setObjectName("conflictHeadline")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(f"color: {theme.WARNING}; font-weight: bold; background: transparent;")
        column.addWidget(self.heading)
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        for index, choice in enumerate(view.choices):
            shown = choice.text if len(choice.text) <= LONGEST_VALUE else choice.text[: LONGEST_VALUE - 1] + "…"
            where = (
                QCoreApplication.translate("Conflicts", "deze pc")
                if choice.this_pc
                else QCoreApplication.translate("Conflicts", "pc %1").replace("%1", choice.device_short)
            )
            line = (
                QCoreApplication.translate("Conflicts", "“%1” — %2, %3, %4")
                .replace("%1", shown)
                .replace("%2", choice.user or "?")
                .replace("%3", where)
                .replace("%4", when_text(choice.at))
            )
            radio = QRadioButton(line, self)
            radio.setObjectName(f"conflictChoice_{index}")
            radio.setToolTip(choice.text)
            self.group.addButton(radio, index)
            self.radios.append(radio)
            column.addWidget(radio)
        self.keep = QPushButton(QCoreApplication.translate("Conflicts", "Deze houden"), self)
        self.keep.setObjectName("conflictKeep")
        self.keep.setAccessibleName(
            QCoreApplication.translate("Conflicts", "Deze waarde houden: %1").replace("%1", view.what)
        )
        self.keep.setEnabled(False)
        self.group.buttonToggled.connect(lambda *_a: self.keep.setEnabled(self.group.checkedId() >= 0))
        self.keep.clicked.connect(self._keep)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.message.hide()
        row = QHBoxLayout()
        row.addWidget(self.keep)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        # A wrapped label in a form row gets the height of one line unless told (Qt's form layout
        # does not ask labels for their height at a width): ask it here, at the width it has.
        super().resizeEvent(event)
        for label in (self.heading, self.message):
            needed = label.heightForWidth(label.width())
            if needed > 0 and label.minimumHeight() != needed:
                label.setMinimumHeight(needed)

    def choose(self, index: int) -> None:
        """Pick a value and keep it (as clicking its line and "Deze houden" does)."""
        self.radios[index].setChecked(True)
        self._keep()

    def _keep(self) -> None:
        index = self.group.checkedId()
        if index < 0:
            return
        self.keep.setEnabled(False)
        for radio in self.radios:
            radio.setEnabled(False)
        self.chosen.emit(self.view.key, index)

    def show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))
        for radio in self.radios:
            radio.setEnabled(True)
        self.keep.setEnabled(self.group.checkedId() >= 0)


class ConflictBanner(QFrame):
    """Above the sections: how many conflicts this dossier has, a way to the first, and the choosers
    that have no place of their own (a check-in, a consent)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setStyleSheet(f"QFrame#conflictBanner {{ border: 1px solid {theme.WARNING}; border-radius: 4px; }}")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)
        row = QHBoxLayout()
        self.text = QLabel(self)
        self.text.setObjectName("conflictSummary")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(f"color: {theme.WARNING}; font-weight: bold;")
        self.first = QPushButton(QCoreApplication.translate("Conflicts", "Naar de eerste"), self)
        self.first.setObjectName("conflictFirst")
        row.addWidget(self.text, 1)
        row.addWidget(self.first)
        column.addLayout(row)
        self.rest = QVBoxLayout()
        column.addLayout(self.rest)
        self.hide()

    def show_count(self, count: int) -> None:
        self.text.setText(
            QCoreApplication.translate("Conflicts", "1 wijziging botst met die van een andere pc: kies welke blijft.")
            if count == 1
            else QCoreApplication.translate(
                "Conflicts", "%1 wijzigingen botsen met die van een andere pc: kies per veld welke blijft."
            ).replace("%1", str(count))
        )
        self.setVisible(count > 0)


class EditorConflicts(QObject):
    """The conflicts of the dossier open in ``page``, each chooser in its place; ``resolved(key)``."""

    loaded = Signal(int)  # how many conflicts the open dossier has (after every read)
    resolved = Signal(str)

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.ctx: AppContext = page.ctx
        self.runner = page.session.runner
        self.views: list[ConflictView] = []
        self.choosers: dict[str, ConflictChooser] = {}
        self._asked = 0
        self.banner = ConflictBanner(page)
        page.layout().insertWidget(1, self.banner)  # under the header, above the sections
        self.banner.first.clicked.connect(self.show_first)
        page.dossier_opened.connect(lambda _youth_id: self.reload())
        page.session.snapshot_loaded.connect(lambda *_a: self.reload())

    def reload(self) -> None:
        youth_id = self.page.youth_id
        if youth_id is None:
            return
        self._asked += 1
        asked, ctx = self._asked, self.ctx
        self.runner.run(
            lambda: load_conflicts(ctx, youth_id),
            alive(self.page, lambda views: self._show(asked, youth_id, views)),
            alive(self.page, lambda _exc: None),  # no merge state yet (an older database): nothing to show
        )

    def _show(self, asked: int, youth_id: str, views: Sequence[ConflictView]) -> None:
        if asked != self._asked or youth_id != self.page.youth_id:
            return  # a newer read is on its way, or another dossier is open
        for chooser in self.choosers.values():
            chooser.setParent(None)
            chooser.deleteLater()
        self.choosers = {}
        self.views = list(views)
        for view in self.views:
            self.choosers[view.key] = self._place(view)
        self.banner.show_count(len(self.views))
        self.loaded.emit(len(self.views))

    def _place(self, view: ConflictView) -> ConflictChooser:
        editor = self.page.editors.get(view.field) if view.entity == "youth" else None
        lst = self.page.lists.get(view.entity)
        chooser = ConflictChooser(view, with_what=editor is None)
        chooser.chosen.connect(self.choose)
        if editor is not None:
            editor.row.layout().addWidget(chooser)  # right under the field
        elif lst is not None and lst.parentWidget() is not None:
            layout = lst.parentWidget().layout()
            layout.insertWidget(layout.indexOf(lst), chooser)  # above the list
        else:
            self.banner.rest.addWidget(chooser)
        return chooser

    def show_first(self) -> None:
        if not self.views:
            return
        view = self.views[0]
        if view.section is not None:
            self.page.show_section(view.section)
        chooser = self.choosers.get(view.key)
        if chooser is not None and chooser.radios:
            chooser.radios[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def choose(self, key: str, index: int) -> None:
        ctx = self.ctx
        self.runner.run_write(
            lambda: resolve(ctx, key, index),
            alive(self.page, lambda _r: self._resolved(key)),
            alive(self.page, lambda exc: self._failed(key, exc)),
        )

    def _resolved(self, key: str) -> None:
        self.resolved.emit(key)
        self.page.dossier_saved.emit(self.page.youth_id or "")  # the lists and Vandaag follow
        self.page.refresh()  # the kept value in the field; the chooser goes

    def _failed(self, key: str, exc: BaseException) -> None:
        from handover.services.merge import ConflictGone

        chooser = self.choosers.get(key)
        if isinstance(exc, ConflictGone):
            self.page.refresh()  # chosen meanwhile (here or on another pc): show what stays
            return
        if chooser is not None:
            chooser.show_problem(
                failure_text(QCoreApplication.translate("Conflicts", "De keuze is niet opgeslagen."), exc)
            )
