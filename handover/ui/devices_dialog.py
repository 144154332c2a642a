"""The pc's of the school (issue 13): "Pc toevoegen" with its one-time code, and "Pc's van deze school"
with "Intrekken".

- :class:`AddDeviceDialog` asks the sync engine for a one-time code (``SyncService.add_device``) and
  shows it large, with when it expires and what to do on the new pc; it then waits for the new pc
  (the engine checks the new pc's proof of the code before it hands over the school's keys).
- :class:`DevicesDialog` lists the pc's (``SyncService.devices``: 8-character id, user, last seen,
  state) and revokes one after a plain question (``SyncService.revoke_device``).

Every call on the engine runs through ``TaskRunner.run_network`` (the sync's own thread).
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.ui import theme
from handover.ui.failures import failure_text
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from handover.sync.service import SyncService

WAIT_INTERVAL_MS = 2000  # how often the code screen asks whether the new pc has announced itself
WAIT_SLICE_S = 1.5  # and how long each ask may wait (the sync shares the network thread meanwhile)


def error_label() -> QLabel:
    """A red message under the list (as ui/dialogs.py makes them; not imported: it opens these dialogs)."""
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet(theme.ERROR_TEXT_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def when_text(value: Any) -> str:
    """A moment as people read it here: 12-01-2027 14:03, local time (stored as UTC or Unix time)."""
    if value is None or value == "":
        return QCoreApplication.translate("Devices", "nog niet")
    if isinstance(value, int | float):
        value = dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone().strftime("%d-%m-%Y %H:%M")
    return str(value)


def problem_text(prefix: str, exc: BaseException) -> str:
    """The engine's own errors carry a Dutch message for the user; anything else the generic text."""
    from handover.sync.client import SyncError
    from handover.sync.errors import SyncUsageError

    if isinstance(exc, SyncUsageError | SyncError):
        return f"{prefix} {exc}"
    return failure_text(prefix, exc)


def code_label(text: str = "") -> QLabel:
    """A code or fingerprint to read aloud or type over: large, monospaced, selectable."""
    label = QLabel(text)
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
    font.setBold(True)
    label.setFont(font)
    label.setMinimumHeight(QFontMetrics(font).height() + 16)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"padding: 8px 12px; border: 1px solid {theme.CODE_BORDER}; background: {theme.CODE_BG};")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class _ContentArea(QScrollArea):
    """A frameless scroll area as large as its content, until the screen is smaller (as ui/dialogs.py)."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(body)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.widget().sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0)


def not_connected_text() -> str:
    return QCoreApplication.translate(
        "Devices",
        "Deze pc is nog niet verbonden met de server. Verbind eerst met de gemeente (Instellingen, "
        "'Verbinden met de gemeente…').",
    )


def _connected(service: SyncService, message: str) -> None:
    """On the network thread: a plain reason (for the app, not the command line) when not connected."""
    from handover.sync.errors import SyncUsageError

    if not service.is_enrolled():
        raise SyncUsageError(message)


class _EngineDialog(QDialog):
    """A dialog that talks to the sync engine: the window's own when it runs, else one of its own."""

    def __init__(self, ctx: AppContext, runner: TaskRunner, service: SyncService | None, parent: QWidget | None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.closing = False
        self._own_service = False
        if service is None:
            controller = getattr(parent, "sync", None)
            service = getattr(controller, "service", None)
        self._service = service

    @property
    def service(self) -> SyncService:
        if self._service is None:
            from handover.sync.service import SyncService

            self._service = SyncService(self.ctx)
            self._own_service = True
        return self._service

    def done(self, result: int) -> None:
        self.closing = True  # results still on their way are dropped (guard.alive)
        if self._own_service and self._service is not None:
            self.runner.run_network(self._service.close)
            self._own_service = False
        super().done(result)


class AddDeviceDialog(_EngineDialog):
    """Pc toevoegen: the one-time code, large, with its expiry and the steps on the new pc."""

    code_ready = Signal(object)  # the JoinCode
    device_joined = Signal(object)  # what the engine says of the new pc (when it reports it)

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        service: SyncService | None = None,
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, runner, service, parent)
        self.setObjectName("addDevice")
        self.setWindowTitle(self.tr("Pc toevoegen"))
        self.join_code: Any = None
        self.server_url = server_url
        title = QLabel(self.tr("Eenmalige code voor de nieuwe pc"))
        title.setObjectName("pageTitle")
        bold = title.font()
        bold.setPointSizeF(bold.pointSizeF() * 1.25)
        bold.setBold(True)
        title.setFont(bold)
        self.status = QLabel(self.tr("Bezig met een code maken…"))
        self.status.setObjectName("addDeviceStatus")
        self.status.setWordWrap(True)
        self.code = code_label()
        self.code.setObjectName("joinCode")
        self.code.setAccessibleName(self.tr("Eenmalige code"))
        self.code.hide()
        self.expiry = QLabel()
        self.expiry.setObjectName("joinCodeExpiry")
        self.expiry.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setObjectName("joinSteps")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = error_label()
        self.copy_button = QPushButton(self.tr("Code kopiëren"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy)
        close = QPushButton(self.tr("Sluiten"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (title, self.status, self.code, self.expiry, self.steps, self.message):
            column.addWidget(widget)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        self.area = _ContentArea(body)
        layout.addWidget(self.area, 1)  # a laptop at 150-200 %: the steps scroll, Sluiten stays in view
        layout.addLayout(buttons)
        self._wait = QTimer(self)
        self._wait.setInterval(WAIT_INTERVAL_MS)
        self._wait.timeout.connect(self._check_joined)
        self._checking = False
        self._cancel = threading.Event()
        self._heard: list[str] = []  # what the engine said while waiting (a refused request)
        self.setMinimumWidth(min(640, self.fontMetrics().averageCharWidth() * 80))

    def start(self) -> None:
        service = self.service
        ctx, unconnected = self.ctx, not_connected_text()

        def make() -> tuple[Any, object, str]:
            from handover.crypto.keys import load_keys

            _connected(service, unconnected)
            keys = load_keys(ctx.workspace.secrets)
            return service.add_device(), service.state_value("server_url"), keys.root_fingerprint if keys else ""

        self.runner.run_network(make, alive(self, self._made), alive(self, self._failed))

    def _made(self, made: tuple[Any, object, str]) -> None:
        join_code, server_url, fingerprint = made
        self.join_code = join_code
        self.server_url = self.server_url or str(server_url or "")
        self.status.setText(
            self.tr(
                "Lees deze code voor aan wie de nieuwe pc instelt, of typ hem daar over. Stuur hem niet per e-mail."
            )
        )
        self.code.setText(str(join_code.code))
        self.code.show()
        self.copy_button.setEnabled(True)
        self.expiry.setText(
            self.tr("Eén keer te gebruiken, geldig tot %1 (24 uur). Daarna maakt u gewoon een nieuwe.").replace(
                "%1", when_text(join_code.expires_at)
            )
        )
        self.steps.setText(self._steps_html(self.server_url, fingerprint))
        self.code_ready.emit(join_code)
        self._wait.start()
        # Wide enough for the code on one line (where the screen allows), high enough for the steps.
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        need = self.code.fontMetrics().horizontalAdvance(self.code.text()) + 80
        self.setMinimumWidth(min(need, int(screen.width() * 0.95)) if screen is not None else need)
        self.area.updateGeometry()
        self.adjustSize()

    def _steps_html(self, server: str, fingerprint: str = "") -> str:
        address = (
            self.tr("het adres van de server: <b>%1</b>").replace("%1", server)
            if server
            else self.tr("het adres van de server (hetzelfde als op deze pc)")
        )
        return (
            "<p><b>" + self.tr("Op de nieuwe pc:") + "</b></p><ol>"
            "<li>" + self.tr("Installeer Overstap en start het.") + "</li>"
            "<li>" + self.tr("Kies <b>Deze school gebruikt Overstap al</b>.") + "</li>"
            "<li>"
            + self.tr("Vul in: %1, deze code en de naam van wie op die pc werkt.").replace("%1", address)
            + "</li>"
            "<li>"
            + (
                self.tr("Controleer of de naam van de school klopt en de vingerafdruk gelijk is aan deze: %1").replace(
                    "%1", f"<br><b><tt>{fingerprint}</tt></b>"
                )
                if fingerprint
                else self.tr("Controleer of de naam van de school en de vingerafdruk kloppen, en bevestig.")
            )
            + "</li></ol><p>"
            + self.tr(
                "Houd dit venster open tot de nieuwe pc is toegevoegd: deze pc controleert de code en geeft dan "
                "de sleutels van de school door, versleuteld voor alleen die pc."
            )
            + "</p>"
        )

    def _check_joined(self) -> None:
        """Let in a new pc that proved it has the code (the engine checks it), a short wait at a time."""
        if self._checking or self.join_code is None or self._cancel.is_set():
            return
        self._checking = True
        service, code, cancel, heard = self.service, self.join_code, self._cancel, self._heard
        self.runner.run_network(
            lambda: service.wait_for_device(code, timeout=WAIT_SLICE_S, progress=heard.append, cancel=cancel),
            alive(self, self._joined),
            alive(self, self._join_failed),
        )

    def _joined(self, joined: Any) -> None:
        self._checking = False
        refused = [h for h in self._heard if "geweigerd" in h]
        self._heard.clear()
        if refused and joined is None:
            show_error(
                self.message,
                self.tr(
                    "Een pc meldde zich met een verkeerde code en is niet toegelaten. Controleer de code op die pc."
                ),
            )
        if joined is None or not joined.accepted:
            return
        self._wait.stop()
        show_error(self.message, None)
        self.status.setText(
            self.tr(
                "De pc van %1 is toegevoegd. De jongeren komen daar na de eerste synchronisatie. "
                "U kunt dit venster sluiten."
            ).replace("%1", joined.user)
        )
        self.code.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.device_joined.emit(joined)

    def _join_failed(self, exc: BaseException) -> None:
        self._checking = False
        show_error(self.message, problem_text(self.tr("De nieuwe pc is niet toegevoegd."), exc))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Er is geen code gemaakt."))
        show_error(self.message, problem_text(self.tr("Pc toevoegen lukt nu niet."), exc))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code.text())
        self.copy_button.setText(self.tr("Gekopieerd"))

    def done(self, result: int) -> None:
        self._wait.stop()
        self._cancel.set()
        super().done(result)


def state_text(state: str) -> str:
    """A pc's state as the list says it (literal translate calls, so lupdate sees them)."""
    if state == "active":
        return QCoreApplication.translate("Devices", "actief")
    if state == "revoked":
        return QCoreApplication.translate("Devices", "ingetrokken")
    return state


class DevicesDialog(_EngineDialog):
    """Pc's van deze school: the list, "Intrekken…" on one of the others, and "Pc toevoegen…"."""

    revoked = Signal(str)  # device id

    COLUMNS = ("Pc", "Gebruiker", "Laatst gezien", "Toestand")

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, *, service: SyncService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, runner, service, parent)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("Pc's van deze school"))
        self.devices: list[Any] = []
        self._note = ""  # said once above the count after the next load (a revoked pc)
        self.confirm_box: QMessageBox | None = None
        intro = QLabel(
            self.tr(
                "Deze pc's delen de jongeren van de school. Is een pc kwijt of ingeleverd? Trek hem dan in vanaf "
                "een andere pc."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("devicesTable")
        self.table.setAccessibleName(self.tr("Pc's van deze school"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Pc"), self.tr("Gebruiker"), self.tr("Laatst gezien"), self.tr("Toestand")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status = QLabel(self.tr("Bezig met laden…"))
        self.status.setObjectName("devicesStatus")
        self.status.setWordWrap(True)
        self.message = error_label()
        self.revoke_button = QPushButton(self.tr("Intrekken…"))
        self.revoke_button.setObjectName("revokeDevice")
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.add_button = QPushButton(self.tr("Pc toevoegen…"))
        self.add_button.clicked.connect(self._add)
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(min(720, self.fontMetrics().averageCharWidth() * 90), self.sizeHint().height() + 80)

    def refresh(self) -> None:
        service, unconnected = self.service, not_connected_text()

        def load() -> list[Any]:
            _connected(service, unconnected)
            return service.devices()

        self.runner.run_network(load, alive(self, self._loaded), alive(self, self._load_failed))

    def _loaded(self, devices: list[Any]) -> None:
        self.devices = list(devices)
        self.table.setRowCount(len(self.devices))
        for row, device in enumerate(self.devices):
            state = state_text(device.state)
            if device.is_this_pc:
                state += " · " + self.tr("deze pc")
            for column, text in enumerate((device.short_id, device.user, when_text(device.last_seen), state)):
                item = QTableWidgetItem(str(text))
                if column == 0:
                    item.setFont(QFont("DejaVu Sans Mono"))
                self.table.setItem(row, column, item)
        active = sum(1 for d in self.devices if d.state == "active")
        count = self.tr("%1 pc's, waarvan %2 actief.").replace("%1", str(len(self.devices))).replace("%2", str(active))
        self.status.setText(f"{self._note} {count}".strip())
        self._note = ""
        self._selection_changed()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self.message, problem_text(self.tr("De lijst van pc's kon niet worden opgehaald."), exc))

    def selected_device(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.devices[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        device = self.selected_device()
        self.revoke_button.setEnabled(device is not None and device.state == "active" and not device.is_this_pc)

    def select_device(self, device_id: str) -> None:
        for row, device in enumerate(self.devices):
            if device.device_id == device_id:
                self.table.selectRow(row)

    def ask_revoke(self) -> None:
        device = self.selected_device()
        if device is None or device.is_this_pc or device.state != "active":
            return
        box = QMessageBox(self)
        box.setObjectName("confirmRevoke")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Pc intrekken"))
        box.setText(self.tr("Pc %1 van %2 intrekken?").replace("%1", device.short_id).replace("%2", device.user or "?"))
        box.setInformativeText(
            self.tr(
                "Die pc kan daarna niets meer versturen of ophalen; de server weigert hem meteen. De sleutel van de "
                "school wordt vernieuwd: wat hierna wordt verstuurd, is met de oude sleutel niet te lezen. De "
                "gegevens die al op die pc staan, blijven daar staan: haal de pc terug of laat hem wissen volgens "
                "de afspraken van de school. Dit kan niet ongedaan worden gemaakt; de pc kan wel opnieuw worden "
                "toegevoegd met een nieuwe code."
            )
        )
        go = box.addButton(self.tr("Intrekken"), QMessageBox.ButtonRole.DestructiveRole)
        go.setObjectName("confirmRevokeButton")
        keep = box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: self._revoke(device) if button is go else None)
        self.confirm_box = box
        box.open()

    def _revoke(self, device: Any) -> None:
        service = self.service
        self.revoke_button.setEnabled(False)
        show_error(self.message, None)
        self.status.setText(self.tr("Bezig met intrekken en de sleutel van de school vernieuwen…"))
        self.runner.run_network(
            lambda: service.revoke_device(device.device_id),
            alive(self, lambda _r: self._revoked(device)),
            alive(self, self._revoke_failed),
        )

    def _revoked(self, device: Any) -> None:
        self.revoked.emit(device.device_id)
        self._note = self.tr("Pc %1 is ingetrokken. De sleutel van de school is vernieuwd.").replace(
            "%1", device.short_id
        )
        self.refresh()

    def _revoke_failed(self, exc: BaseException) -> None:
        self._selection_changed()
        self.status.setText("")
        show_error(self.message, problem_text(self.tr("De pc is niet ingetrokken."), exc))

    def _add(self) -> None:
        dialog = AddDeviceDialog(self.ctx, self.runner, service=self._service, parent=self)
        dialog.device_joined.connect(lambda _d: self.refresh())
        dialog.open()
        dialog.start()


def open_devices(
    ctx: AppContext, runner: TaskRunner, which: str, parent: QWidget, service: SyncService | None = None
) -> QDialog:
    """Instellingen: ``which`` "add" (Pc toevoegen) or "list" (Pc's van deze school)."""
    dialog: AddDeviceDialog | DevicesDialog
    if which == "add":
        dialog = AddDeviceDialog(ctx, runner, service=service, parent=parent)
        dialog.open()
        dialog.start()
    else:
        dialog = DevicesDialog(ctx, runner, service=service, parent=parent)
        dialog.open()
        dialog.refresh()
    return dialog
