"""Start the desktop app: demo data, the first-run wizard, or open (and unlock) an existing data folder.

``HANDOVER_GUI_EXIT_WHEN_READY=1`` makes the app close itself as soon as the main window is shown
with its list loaded, printing ``OVERSTAP_READY <unix time>`` first. The tests and the cold-start
benchmark use it to run the real start-up path end to end.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from handover import APP_NAME, __version__, paths

EXIT_WHEN_READY_ENV = "HANDOVER_GUI_EXIT_WHEN_READY"
DEMO_YOUTHS = 300
READY_MARKER = "OVERSTAP_READY"
SYNC_START_DELAY_MS = 1000
# After the window closed: how long a sync cancelled by closing may take to reach its next safe point
# (its database transaction ends, its client closes). A request still on the network is not waited
# out: past this the process ends and the sync's thread with it; the outbox keeps what was not sent.
SYNC_STOP_GRACE_MS = 2000


def application() -> QApplication:
    """The one QApplication (tests already have one)."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setStyle("Fusion")
    from handover.ui import theme

    theme.apply_palette(app)  # readable selection and placeholder, light or dark; high contrast untouched
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(paths.resource_path("icons", f"overstap-{size}.png")))
    app.setWindowIcon(icon)
    if paths.is_portable():
        # A portable copy keeps its preferences beside its data, not in this PC's registry.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.default_data_dir() / "instellingen")
        )
    return app


class _Progress(QObject):
    """Carries progress from a worker thread to the GUI thread (queued signal)."""

    advanced = Signal(int, int)


def run_in_background(runner: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on the runner while the event loop keeps the GUI alive; return or raise its outcome."""
    outcome: dict[str, Any] = {}

    def done(value: Any) -> None:
        outcome["value"] = value

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc

    runner.run_write(fn, done, failed)
    while not outcome:
        # processEvents, not a nested exec(): a quit() posted earlier would end exec() at once.
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class Startup:
    """Chooses how the app starts and returns an open context (or None when the user cancelled)."""

    def __init__(self, app: QApplication, runner: Any) -> None:
        self.app = app
        self.runner = runner
        self.temp_dir: Path | None = None
        self.demo_folder: Any = None  # a services.demo_folder.DemoFolder while the demo runs
        self.data_dir: Path | None = None

    # -- demo -------------------------------------------------------------------------------
    def demo(self, youths: int = DEMO_YOUTHS) -> Any:
        from handover.secrets import MemorySecretStore
        from handover.services.app import initialise
        from handover.services.demo import DEMO_SCHOOL, build_demo
        from handover.services.demo_folder import DemoFolder, remove_stale

        remove_stale()  # folders of demos that were killed, not closed: nobody holds their lock
        self.demo_folder = DemoFolder.create()
        self.temp_dir = self.demo_folder.path
        self.data_dir = self.demo_folder.data_dir
        progress = QProgressDialog(
            QCoreApplication.translate("Opstarten", "Demogegevens maken (verzonnen jongeren)…"), "", 0, youths
        )
        progress.setWindowTitle(APP_NAME)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setValue(0)
        relay = _Progress()
        relay.advanced.connect(lambda done, _total: progress.setValue(done))
        data_dir = self.data_dir

        def build() -> Any:
            ctx, _code = initialise(data_dir, secret_store=MemorySecretStore(), **DEMO_SCHOOL)
            try:
                build_demo(ctx, youths, progress=lambda done, total: relay.advanced.emit(done, total), batch=50)
            except BaseException:
                ctx.close()
                raise
            return ctx

        try:
            return run_in_background(self.runner, build)
        finally:
            progress.close()
            progress.deleteLater()

    # -- first run --------------------------------------------------------------------------
    def first_run(self, data_dir: Path) -> Any:
        from handover.ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(self.runner, default_dir=data_dir)
        accepted = wizard.exec()
        if not accepted or wizard.context is None:
            return None
        self.data_dir = wizard.folder_page.path()
        return wizard.context

    # -- open an existing folder ------------------------------------------------------------
    def open_existing(self, data_dir: Path, passphrase: str | None) -> Any:
        from handover.secrets import SecretStoreError, WrongPassphrase
        from handover.services.app import open_app
        from handover.store.database import StoreError
        from handover.store.workspace import MissingKey, read_info
        from handover.ui.dialogs import UnlockDialog

        self.data_dir = data_dir
        info = read_info(data_dir) or {}
        mode = str(info.get("secret_store", "keyring"))
        if mode == "passphrase" and passphrase is None:
            dialog = UnlockDialog(data_dir, self.runner, lambda p: open_app(data_dir, passphrase=p))
            if dialog.exec() and dialog.context is not None:
                return dialog.context
            if dialog.failure is None:
                return None
            return self._open_failed(data_dir, mode, dialog.failure)
        try:
            return run_in_background(self.runner, lambda: open_app(data_dir, passphrase=passphrase))
        except WrongPassphrase:
            dialog = UnlockDialog(data_dir, self.runner, lambda p: open_app(data_dir, passphrase=p))
            dialog.message.setText(
                QCoreApplication.translate("Opstarten", "Het opgegeven wachtwoord klopt niet. Probeer het opnieuw.")
            )
            dialog.message.show()
            if dialog.exec() and dialog.context is not None:
                return dialog.context
            return None if dialog.failure is None else self._open_failed(data_dir, mode, dialog.failure)
        except (MissingKey, SecretStoreError, StoreError) as exc:
            return self._open_failed(data_dir, mode, exc)

    def _open_failed(self, data_dir: Path, mode: str, exc: BaseException) -> Any:
        from handover.secrets import SecretStoreError, secure_keyring_backend
        from handover.services.app import recover
        from handover.store.workspace import MissingKey
        from handover.ui.dialogs import RecoveryDialog

        if isinstance(exc, MissingKey | SecretStoreError):
            if isinstance(exc, MissingKey):
                reason = QCoreApplication.translate(
                    "Opstarten",
                    "De sleutel van deze gegevens staat niet op deze computer (bijvoorbeeld na een herinstallatie).",
                )
            else:
                reason = str(exc)
            question = QCoreApplication.translate("Opstarten", "Wilt u de toegang herstellen met de herstelcode?")
            answer = QMessageBox.question(
                None,
                APP_NAME,
                reason + "\n\n" + question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            ask_passphrase = mode == "passphrase" or secure_keyring_backend() is None
            dialog = RecoveryDialog(
                data_dir,
                self.runner,
                lambda code, passphrase: recover(data_dir, code, passphrase=passphrase),
                ask_passphrase=ask_passphrase,
                reason=reason,
            )
            return dialog.context if dialog.exec() else None
        from handover.ui.failures import failure_text

        message = QCoreApplication.translate("Opstarten", "De gegevens konden niet worden geopend.")
        QMessageBox.critical(None, APP_NAME, failure_text(message, exc))
        return None

    def cleanup(self) -> None:
        if self.demo_folder is not None:
            self.demo_folder.remove()
            self.demo_folder = None


def run_gui(data_dir: Path | None, demo: bool, passphrase: str | None) -> int:
    """``handover`` without a subcommand. Returns the process exit code."""
    from handover import paths
    from handover.store.workspace import is_initialised
    from handover.ui.dialogs import save_language, saved_language
    from handover.ui.i18n import install_translators
    from handover.ui.tasks import TaskRunner

    app = application()
    translators = install_translators(app, saved_language())
    runner = TaskRunner(app)
    startup = Startup(app, runner)
    ctx = None
    try:
        if demo:
            ctx = startup.demo()
        else:
            folder = data_dir or remembered_data_dir() or paths.default_data_dir()
            ctx = startup.open_existing(folder, passphrase) if is_initialised(folder) else startup.first_run(folder)
            if ctx is not None and data_dir is None and startup.data_dir is not None:
                remember_data_dir(startup.data_dir)
        if ctx is None:
            return 0
        if startup.data_dir is not None:
            from handover.frozen import start_log_file

            start_log_file(startup.data_dir)  # Overstap.exe has no console: faults must leave a trace
        # The settings and the list load on the database thread while this thread builds the window.
        gemeente = role_of(ctx) == "gemeente"  # Werk en Inkomen gets its own window
        preload: dict[str, Any] = {}
        runner.run_write(
            lambda: _preload(ctx, gemeente=gemeente),
            lambda value: preload.__setitem__("done", value),
            lambda exc: preload.__setitem__("error", exc),
        )
        window = main_window_class(gemeente)(ctx, runner, data_dir=startup.data_dir, demo=demo)
        while not preload:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if "error" in preload:
            raise preload["error"]
        settings, prepared = preload["done"]
        if settings.get("language") and settings["language"] != saved_language():
            save_language(settings["language"])  # takes effect at the next start
        window.set_settings(settings)
        exit_when_ready = bool(os.environ.get(EXIT_WHEN_READY_ENV))
        if exit_when_ready:
            _exit_when_ready(window)
        app.setQuitOnLastWindowClosed(not exit_when_ready)
        # Sending to the municipality starts a moment after the window is usable (its modules load then).
        window.ready.connect(lambda: QTimer.singleShot(SYNC_START_DELAY_MS, window.start_sync))
        window.show()
        window.load(prepared)
        app.exec()
        runner.wait_idle()
        runner.wait_network(SYNC_STOP_GRACE_MS)
        return 0
    finally:
        if ctx is not None:
            ctx.close()
        if startup.demo_folder is not None:
            from handover.frozen import stop_log_file

            stop_log_file()  # the demo folder is removed next; Windows cannot delete an open file
        startup.cleanup()
        for translator in translators:
            app.removeTranslator(translator)


DATA_DIR_KEY = "gegevensmap"


def remembered_data_dir() -> Path | None:
    """The folder chosen in the wizard, when it is not the default (and no override is in force)."""
    from handover import paths

    if os.environ.get(paths.DATA_DIR_ENV) or paths.is_portable():
        return None
    value = QSettings().value(DATA_DIR_KEY)
    return Path(str(value)) if value else None


def remember_data_dir(folder: Path) -> None:
    from handover import paths

    if not os.environ.get(paths.DATA_DIR_ENV) and not paths.is_portable():
        QSettings().setValue(DATA_DIR_KEY, str(folder))


def role_of(ctx: Any) -> str:
    """The role of this installation (school or gemeente): one small read, before the window is built."""
    from handover.services.settings import get_setting

    with ctx.session() as session:
        return str(get_setting(session, "role"))


def main_window_class(gemeente: bool) -> Any:
    if gemeente:
        from handover.ui.gemeente.window import GemeenteWindow

        return GemeenteWindow
    from handover.ui.main_window import MainWindow

    return MainWindow


def _preload(ctx: Any, *, gemeente: bool = False) -> tuple[dict[str, Any], Any]:
    """Runs on the database thread at start-up: the settings and the list, ready for the model."""
    from handover.services import queries
    from handover.ui.dialogs import load_settings
    from handover.ui.models import YouthTableModel

    settings = load_settings(ctx)
    if gemeente:
        from handover.ui.gemeente.window import load_received

        return settings, load_received(ctx, settings.get("user_name") or ctx.actor)
    rows = queries.youth_rows(ctx)
    return settings, YouthTableModel.prepare(rows, settings.get("mentor_name") or settings["user_name"] or ctx.actor)


def _exit_when_ready(window: QWidget) -> None:
    def ready() -> None:
        print(f"{READY_MARKER} {time.time():.6f}", flush=True)
        # One timer for both, so no quit() is left pending once the main loop has returned.
        QTimer.singleShot(0, lambda: (window.close(), QCoreApplication.quit()))

    window.ready.connect(ready)  # type: ignore[attr-defined]
