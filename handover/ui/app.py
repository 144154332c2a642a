"""Start the desktop app: demo data, the first-run wizard, or open (and unlock) an existing data folder.

``HANDOVER_GUI_EXIT_WHEN_READY=1`` makes the app close itself as soon as the main window is shown
and painted with its list loaded, printing ``OVERSTAP_READY <unix time> <CPU seconds used>`` first.
The tests and the cold-start benchmark use it to run the real start-up path end to end.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from functools import partial
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


class Pending:
    """Work started on the runner's database thread now, whose outcome the GUI thread takes later."""

    def __init__(self, runner: Any, fn: Callable[[], Any]) -> None:
        self.outcome: dict[str, Any] = {}
        runner.run_write(fn, partial(self.outcome.__setitem__, "value"), partial(self.outcome.__setitem__, "error"))

    def result(self) -> Any:
        """Return or raise its outcome, keeping the GUI alive while it is not there yet."""
        while not self.outcome:
            # processEvents, not a nested exec(): a quit() posted earlier would end exec() at once.
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if "error" in self.outcome:
            raise self.outcome["error"]
        return self.outcome["value"]


def run_in_background(runner: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on the runner while the event loop keeps the GUI alive; return or raise its outcome."""
    return Pending(runner, fn).result()


# What werkplek.json is called (handover.store.workspace.INFO_FILENAME; a test keeps the two equal). Read
# here so that the start does not import the store (SQLAlchemy, the models) before the database thread runs.
INFO_FILENAME = "werkplek.json"


def folder_info(folder: Path) -> dict[str, Any] | None:
    """werkplek.json of an initialised data folder (as store.workspace.is_initialised decides), else None."""
    info = folder / INFO_FILENAME
    if not (info.exists() and paths.db_path(folder).exists()):
        return None
    try:
        return dict(json.loads(info.read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return {}  # a damaged file: opening says what is wrong


def open_folder(data_dir: Path, mode: str, passphrase: str | None) -> Any:
    """On the database thread: the key store first, then the database. In passphrase mode the key
    derivation (scrypt, deliberately slow) runs without holding the GIL, so the GUI thread imports the
    window's modules meanwhile; the store layers are imported after it, here. The same checks as open_app."""
    from handover.secrets import open_secret_store

    store = None
    if paths.refuse_network_folder(data_dir) is None:  # else open_app refuses it before any key is touched
        store = open_secret_store(data_dir, mode, passphrase)
    from handover.services.app import open_app

    return open_app(data_dir, secret_store=store, passphrase=passphrase)


class Opened:
    """An open context, the role, and the list loading for it (on the database thread)."""

    def __init__(self, runner: Any, ctx: Any) -> None:
        self.ctx = ctx
        self.gemeente = role_of(ctx) == "gemeente"
        gemeente = self.gemeente
        self.preload = Pending(runner, lambda: _preload(ctx, gemeente=gemeente))


class Startup:
    """Chooses how the app starts and returns an open context (or None when the user cancelled)."""

    def __init__(self, app: QApplication, runner: Any) -> None:
        self.app = app
        self.runner = runner
        self.temp_dir: Path | None = None
        self.demo_folder: Any = None  # a services.demo_folder.DemoFolder while the demo runs
        self.data_dir: Path | None = None
        self.opening: Pending | None = None  # the database opening ahead of the window (start_opening)
        self.opened: Opened | None = None

    def start_opening(self, data_dir: Path, passphrase: str | None) -> None:
        """Start opening an existing folder on the database thread at once, the list load chained to it,
        while the GUI thread imports the window. Not for a new folder (the wizard) or a passphrase still
        to be asked (the unlock dialog): open_existing does those as before."""
        info = folder_info(data_dir)
        if info is None:
            return
        mode = str(info.get("secret_store"))
        if mode == "passphrase" and passphrase is None:
            return
        runner = self.runner

        def work() -> Opened:
            ctx = open_folder(data_dir, mode, passphrase)
            try:
                return Opened(runner, ctx)
            except BaseException:
                ctx.close()
                raise

        self.opening = Pending(runner, work)

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
        opening, self.opening = self.opening, None  # started by start_opening (not for the unlock dialog)
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
            if opening is None:
                return run_in_background(self.runner, lambda: open_app(data_dir, passphrase=passphrase))
            self.opened = opening.result()
            return self.opened.ctx
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
    """``handover`` without a subcommand. Returns the process exit code.

    The order is for a quick start: the database thread starts opening an existing folder (and then
    loading the list) right after the QApplication exists; meanwhile this thread imports the dialogs
    and the window, builds the window and shows it; the list fills it when it arrives.
    """
    from handover.ui.i18n import install_translators
    from handover.ui.tasks import TaskRunner
    from handover.ui.warmup import import_heavier_layers

    app = application()
    runner = TaskRunner(app)
    startup = Startup(app, runner)
    folder = None if demo else (data_dir or remembered_data_dir() or paths.default_data_dir())
    if folder is not None:
        startup.start_opening(folder, passphrase)
    from handover.ui.dialogs import save_language, saved_language

    translators = install_translators(app, saved_language())
    ctx = None
    try:
        if startup.opening is not None:
            main_window_class(role_hint() == "gemeente")  # its modules import while the database opens
        if demo:
            ctx = startup.demo()
        else:
            assert folder is not None
            initialised = folder_info(folder) is not None
            ctx = startup.open_existing(folder, passphrase) if initialised else startup.first_run(folder)
            if ctx is not None and data_dir is None and startup.data_dir is not None:
                remember_data_dir(startup.data_dir)
        if ctx is None:
            return 0
        if startup.data_dir is not None:
            from handover.frozen import start_log_file

            start_log_file(startup.data_dir)  # Overstap.exe has no console: faults must leave a trace
        # The settings and the list load on the database thread while this thread builds the window.
        opened = startup.opened if startup.opened is not None and startup.opened.ctx is ctx else Opened(runner, ctx)
        remember_role("gemeente" if opened.gemeente else "school")
        window = main_window_class(opened.gemeente)(ctx, runner, data_dir=startup.data_dir, demo=demo)
        exit_when_ready = bool(os.environ.get(EXIT_WHEN_READY_ENV))
        app.setQuitOnLastWindowClosed(not exit_when_ready)
        shown_early = not opened.preload.outcome
        if shown_early:
            window.show()  # paint the window now; the list fills it when it arrives
        settings, prepared = opened.preload.result()
        if shown_early and not window.isVisible():
            return 0  # closed before the list arrived
        if settings.get("language") and settings["language"] != saved_language():
            save_language(settings["language"])  # takes effect at the next start
        window.set_settings(settings)
        # The heavier layers import on a read thread once the window has painted (ui/warmup.py).
        window.ready.connect(lambda: QTimer.singleShot(0, window, lambda: runner.run(import_heavier_layers)))
        if exit_when_ready:
            _exit_when_ready(window)
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


ROLE_KEY = "rol"  # the role seen at the last start: which window's modules to import while the database opens


def role_hint() -> str:
    return str(QSettings().value(ROLE_KEY, "school"))


def remember_role(role: str) -> None:
    if role_hint() != role:
        QSettings().setValue(ROLE_KEY, role)


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
        # Ready means painted with the list, usable: let the window handle its paint events first, as the
        # empty-window baseline of the benchmark does after show().
        QCoreApplication.processEvents()
        print(f"{READY_MARKER} {time.time():.6f} {time.process_time():.3f}", flush=True)  # wall clock, CPU s
        # One timer for both, so no quit() is left pending once the main loop has returned.
        QTimer.singleShot(0, lambda: (window.close(), QCoreApplication.quit()))

    window.ready.connect(ready)  # type: ignore[attr-defined]
