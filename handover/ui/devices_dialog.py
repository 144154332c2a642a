"""The pc's of the school (issue 13): "Pc's van deze school" with "Intrekken", and how Instellingen
opens it or "Pc toevoegen" (ui/devices_join.py).

:class:`DevicesDialog` lists the pc's (``SyncService.devices``: 8-character id, user, last seen, state)
and revokes one after a plain question (``SyncService.revoke_device``).

Every call on the engine runs through ``TaskRunner.run_network`` (the sync's own thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.services.context import AppContext
from handover.ui.devices_common import (
    EngineDialog,
    error_label,
    not_connected_text,
    problem_text,
    require_connected,
    show_error,
    when_text,
)
from handover.ui.devices_join import AddDeviceDialog
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from handover.sync.service import SyncService


def state_text(state: str) -> str:
    """A pc's state as the list says it (literal translate calls, so lupdate sees them)."""
    if state == "active":
        return QCoreApplication.translate("Devices", "actief")
    if state == "revoked":
        return QCoreApplication.translate("Devices", "ingetrokken")
    return state


class DevicesDialog(EngineDialog):
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
            require_connected(service, unconnected)
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
