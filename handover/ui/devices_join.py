"""Pc toevoegen (issue 13): :class:`AddDeviceDialog` asks the sync engine for a one-time code
(``SyncService.add_device``) and shows it large, with when it expires and what to do on the new pc; it
then waits for the new pc (the engine checks the new pc's proof of the code before it hands over the
school's keys).

Every call on the engine runs through ``TaskRunner.run_network`` (the sync's own thread).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from handover.services.context import AppContext
from handover.ui.devices_common import (
    ContentArea,
    EngineDialog,
    code_label,
    error_label,
    not_connected_text,
    problem_text,
    require_connected,
    show_error,
    when_text,
)
from handover.ui.guard import alive
from handover.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from handover.sync.service import SyncService

WAIT_INTERVAL_MS = 2000  # how often the code screen asks whether the new pc has announced itself
WAIT_SLICE_S = 1.5  # and how long each ask may wait (the sync shares the network thread meanwhile)


class AddDeviceDialog(EngineDialog):
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
        self.area = ContentArea(body)
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

            require_connected(service, unconnected)
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
