"""What the school sees of the exchange with Werk en Inkomen (issue 10), in the dossier editor.

* Section K, :class:`ExchangePanel`: the whole exchange, each entry with its time and signer
  (verstuurd (versie N) · ontvangen door … · intake gepland op … met … · status messages ·
  afspraken gewijzigd door Werk en Inkomen).
* Section I, :class:`AgreementChanges`: per agreement who at Werk en Inkomen last changed it and when,
  and a conflict (changed on both sides before they synced) shown plainly with a chooser.

The data is read on a worker thread with :func:`load_exchange` (``handover.sync.exchange``, imported
there so the sync stack stays out of the app's cold start).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.text import moment_text
from handover.domain.vocab import AGREEMENT_STATUS
from handover.services.context import AppContext
from handover.ui import labels, theme
from handover.ui.columns import fit_table
from handover.ui.editor.rows import Column, RowsModel
from handover.ui.failures import explain
from handover.ui.tasks import TaskRunner


@dataclass(frozen=True)
class ExchangeLine:
    """One entry of section K: when, what, who signed it."""

    at: str
    text: str
    signer: str
    kind: str = ""
    sort_key: str = ""


@dataclass(frozen=True)
class VersionChoice:
    """One head of an agreement in conflict: what it says and who made it."""

    version_id: str
    summary: str
    changed_by: str
    changed_by_org: str
    changed_at: str
    origin: str


@dataclass(frozen=True)
class AgreementMark:
    """What section I shows next to one agreement of a sent dossier."""

    agreement_id: str
    action: str
    changed_by: str  # "" when the school made the last change
    changed_at: str
    conflict: bool
    choices: tuple[VersionChoice, ...] = ()


@dataclass(frozen=True)
class ExchangeData:
    lines: tuple[ExchangeLine, ...] = ()
    marks: tuple[AgreementMark, ...] = ()
    by_gemeente: frozenset[str] = field(default_factory=frozenset)  # agreement ids last changed there
    # Section K's send state (wacht op toestemming · verstuurd op …); None before enrolling (not shown).
    send_state: str | None = None


when_text = moment_text  # a time as the school reads it: 12-01-2027 14:03 (a date alone without the time)


def _sort_key(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat() if value.tzinfo is None else value.isoformat()
    return str(value or "")


def _summary(version: Any) -> str:
    status = labels.vocabulary_label(AGREEMENT_STATUS, version.status) if version.status else ""
    parts = [version.action]
    if status:
        parts.append(status.lower())
    if version.deadline:
        parts.append(
            QCoreApplication.translate("Exchange", "tot %1").replace("%1", version.deadline.strftime("%d-%m-%Y"))
        )
    if version.note:
        parts.append(f"“{version.note}”")
    return " · ".join(parts)


def _is_gemeente(line: Any) -> bool:
    """Werk en Inkomen made the current version (the newest head) of this agreement."""
    heads = [v for v in getattr(line, "versions", ()) or () if v.head]
    return bool(heads) and max(heads, key=lambda v: _sort_key(v.changed_at)).origin == "gemeente"


def load_exchange(ctx: AppContext, youth_id: str) -> ExchangeData:
    """On a worker thread: section K's entries, its send state and section I's marks for one dossier.
    Read again with every re-read of the dossier, so a consent just recorded shows in K at once."""
    from handover.sync import exchange
    from handover.sync.send_state import load_send_states
    from handover.sync.state import load_state

    with ctx.session() as session:
        send_state = None
        if load_state(session).enrolled:
            found = load_send_states(session, ctx.today(), ids=[youth_id]).get(youth_id)
            send_state = found.label if found is not None else None
        entries = exchange.exchange_entries(session, youth_id)
        agreement_lines = exchange.agreement_lines(session, youth_id)
        lines = tuple(ExchangeLine(when_text(e.at), e.text, e.signer or "", e.kind, _sort_key(e.at)) for e in entries)
        marks = []
        for line in agreement_lines:
            choices: tuple[VersionChoice, ...] = ()
            if line.conflict:
                choices = tuple(
                    VersionChoice(
                        v.version_id,
                        _summary(v),
                        v.changed_by,
                        v.changed_by_org,
                        when_text(v.changed_at),
                        v.origin,
                    )
                    for v in sorted(exchange.agreement_heads(session, line.id), key=lambda v: v.origin != "gemeente")
                )
            by_gemeente = _is_gemeente(line)
            if not (by_gemeente or line.conflict):
                continue
            marks.append(
                AgreementMark(
                    line.id,
                    line.action,
                    line.changed_by if by_gemeente else "",
                    when_text(line.changed_at),
                    bool(line.conflict),
                    choices,
                )
            )
    changed_there = frozenset(m.agreement_id for m in marks if m.changed_by)
    return ExchangeData(lines, tuple(marks), changed_there, send_state)


def entries_for_print(ctx: AppContext, youth_id: str) -> list[Any]:
    """On a worker thread: the exchange entries for the printed block "Overdracht" (school print)."""
    from handover.sync.exchange import exchange_entries

    with ctx.session() as session:
        return list(exchange_entries(session, youth_id))


class ExchangePanel(QWidget):
    """Section K: "Overdracht met Werk en Inkomen", one row per entry, newest last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(QCoreApplication.translate("Exchange", "<b>Overdracht met Werk en Inkomen</b>"), self)
        layout.addWidget(title)
        self.model = RowsModel(
            [
                Column(QCoreApplication.translate("Exchange", "Wanneer"), lambda e: e.at, sort=lambda e: e.sort_key),
                Column(QCoreApplication.translate("Exchange", "Wat"), lambda e: e.text),
                Column(QCoreApplication.translate("Exchange", "Door"), lambda e: e.signer),
            ],
            self,
        )
        self.view = QTableView(self)
        self.view.setObjectName("k_overdracht")
        self.view.setAccessibleName(QCoreApplication.translate("Exchange", "Overdracht met Werk en Inkomen"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)  # one line per entry; a cut text is whole in its tooltip
        self.columns = fit_table(self.view)
        layout.addWidget(self.view)
        self.empty = QLabel(
            QCoreApplication.translate(
                "Exchange", "Nog niets uitgewisseld: het dossier is nog niet naar Werk en Inkomen verstuurd."
            ),
            self,
        )
        self.empty.setObjectName("k_overdracht_leeg")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {theme.MUTED};")
        layout.addWidget(self.empty)
        self.show_lines(())

    def show_lines(self, lines: Sequence[ExchangeLine]) -> None:
        self.model.set_rows(list(lines))
        self.view.setVisible(bool(lines))
        self.empty.setVisible(not lines)
        # The whole exchange without an inner scroll bar (up to 16 entries; the section scrolls).
        shown = max(2, min(len(lines), 16))
        self.view.setFixedHeight(
            self.view.horizontalHeader().sizeHint().height()
            + shown * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + self.view.horizontalScrollBar().sizeHint().height()
        )

    def texts(self) -> list[str]:
        """Each entry as one line of text ("12-01-2027 14:03 · Intake gepland op … · A. de Vries")."""
        return [" · ".join(p for p in (e.at, e.text, e.signer) if p) for e in self.model.objects()]


class AgreementChanges(QWidget):
    """Section I: who at Werk en Inkomen changed which agreement, and each conflict with its chooser."""

    resolve_requested = Signal(str, str)  # agreement id, chosen version id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afspraken_wijzigingen")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._parts: list[QWidget] = []
        self.choosers: dict[str, QButtonGroup] = {}
        self.keep_buttons: dict[str, QPushButton] = {}
        self.hide()

    def show_marks(self, marks: Sequence[AgreementMark]) -> None:
        for part in self._parts:
            part.deleteLater()
        self._parts = []
        self.choosers = {}
        self.keep_buttons = {}
        changed = [m for m in marks if m.changed_by and not m.conflict]
        if changed:
            lines = [
                QCoreApplication.translate("Exchange", "“%1”: gewijzigd door %2 (Werk en Inkomen) op %3")
                .replace("%1", m.action)
                .replace("%2", m.changed_by)
                .replace("%3", m.changed_at)
                for m in changed
            ]
            label = QLabel("\n".join(lines), self)
            label.setObjectName("afspraken_door_gemeente")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._add(label)
        for mark in (m for m in marks if m.conflict):
            self._add(self._conflict_box(mark))
        self.setVisible(bool(self._parts))

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._parts.append(widget)

    def _conflict_box(self, mark: AgreementMark) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("Exchange", "Afspraak “%1”").replace("%1", mark.action), self)
        box.setObjectName(f"conflict_{mark.agreement_id}")
        box.setStyleSheet(f"QGroupBox {{ border: 2px solid {theme.WARNING}; margin-top: 1.2em; padding: 6px; }}")
        column = QVBoxLayout(box)
        heading = QLabel(
            QCoreApplication.translate("Exchange", "Gewijzigd door Werk en Inkomen en op school: kies welke blijft."),
            box,
        )
        heading.setObjectName("conflict_uitleg")
        heading.setWordWrap(True)
        heading.setStyleSheet(f"color: {theme.WARNING}; font-weight: bold;")
        column.addWidget(heading)
        group = QButtonGroup(box)
        for i, choice in enumerate(mark.choices):
            side = (
                QCoreApplication.translate("Exchange", "Werk en Inkomen")
                if choice.origin == "gemeente"
                else QCoreApplication.translate("Exchange", "school")
            )
            text = (
                QCoreApplication.translate("Exchange", "%1 (%2, %3 op %4)")
                .replace("%1", choice.summary)
                .replace("%2", side)
                .replace("%3", choice.changed_by)
                .replace("%4", choice.changed_at)
            )
            radio = QRadioButton(text, box)
            radio.setObjectName(f"versie_{choice.version_id}")
            radio.setProperty("version_id", choice.version_id)
            radio.setProperty("origin", choice.origin)
            group.addButton(radio, i)
            column.addWidget(radio)
        line = QFrame(box)
        line.setFrameShape(QFrame.Shape.NoFrame)
        column.addWidget(line)
        keep = QPushButton(QCoreApplication.translate("Exchange", "Deze versie houden"), box)
        keep.setEnabled(False)
        group.buttonToggled.connect(lambda *_a: keep.setEnabled(group.checkedButton() is not None))
        keep.clicked.connect(lambda: self._keep(mark.agreement_id, group, keep))
        column.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.choosers[mark.agreement_id] = group
        self.keep_buttons[mark.agreement_id] = keep
        return box

    def _keep(self, agreement_id: str, group: QButtonGroup, button: QPushButton) -> None:
        checked = group.checkedButton()
        if checked is None:
            return
        button.setEnabled(False)
        self.resolve_requested.emit(agreement_id, str(checked.property("version_id")))

    def choose(self, agreement_id: str, origin: str) -> None:
        """Pick the version made on this side ("gemeente" or "school") and keep it (tests, keyboard)."""
        group = self.choosers[agreement_id]
        for radio in group.buttons():
            if radio.property("origin") == origin:
                radio.setChecked(True)
                break
        self.keep_buttons[agreement_id].click()


def resolve_in_background(
    ctx: AppContext,
    runner: TaskRunner,
    agreement_id: str,
    version_id: str,
    *,
    done: Callable[[], None],
    failed: Callable[[str], None],
    service: Any = None,
) -> None:
    """Keep the chosen version (``SyncService.resolve_agreement``); the other side gets it at the next sync.
    ``service``: the window's sync engine when it has one (otherwise one just for this choice)."""

    def resolve() -> str:
        if service is not None:
            return str(service.resolve_agreement(agreement_id, version_id))
        from handover.sync.service import SyncService

        own = SyncService(ctx)
        try:
            # Load the keys before the write: their first load writes a copy to the database
            # (sync.key_backup), which would wait on the write below holding the database.
            _ = own.keys
            return own.resolve_agreement(agreement_id, version_id)
        finally:
            own.close()

    runner.run_write(
        resolve,
        lambda _version: done(),
        lambda exc: failed(explain(exc, "De keuze is niet opgeslagen.")),
    )


def resolve_from_page(page: Any, agreement_id: str, version_id: str) -> None:
    """The editor page's chooser: through the main window's sync engine when it runs; then re-read."""
    service = getattr(getattr(page.window(), "sync", None), "service", None)
    resolve_in_background(
        page.ctx,
        page.session.runner,
        agreement_id,
        version_id,
        done=page.refresh,
        failed=page.lists["agreements"].show_message,
        service=service,
    )
