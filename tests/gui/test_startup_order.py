"""The quick start (issue 14): the database opens on its own thread from the start, the window is built
meanwhile, and the page shown loads its data after the window has painted with the list. The dialogs of
the slow paths (wrong passphrase, a folder on the network, a gemeente installation) still come."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from handover import paths
from handover.services.app import initialise
from handover.store import workspace
from handover.ui import app as gui_app

pytestmark = pytest.mark.timeout(120)

PASSPHRASE = "wachtwoord-123"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    from handover.services.demo import build_demo

    folder = tmp_path / "gegevens"
    ctx, _code = initialise(folder, org_name="School", user_name="Mentor", passphrase=PASSPHRASE)
    build_demo(ctx, 5)
    ctx.close()
    return folder


def test_the_light_folder_check_agrees_with_the_store(folder: Path, tmp_path: Path) -> None:
    assert gui_app.INFO_FILENAME == workspace.INFO_FILENAME
    assert gui_app.folder_info(folder) == workspace.read_info(folder)
    for other in (tmp_path / "leeg", tmp_path / "alleen-info"):
        other.mkdir()
    (tmp_path / "alleen-info" / workspace.INFO_FILENAME).write_text("{}", "utf-8")
    for other in (tmp_path / "leeg", tmp_path / "alleen-info", tmp_path / "bestaat-niet"):
        assert gui_app.folder_info(other) is None
        assert not workspace.is_initialised(other)


def test_the_database_opens_and_the_list_loads_on_the_database_thread_from_the_start(
    qtbot, folder: Path, monkeypatch, capsys
) -> None:
    """start_opening hands back an open context with its role and list: run_gui does not open it again."""
    import threading

    import handover.services.app as services_app

    calls: list[tuple[str, str]] = []
    real_open_folder, real_open_app = gui_app.open_folder, services_app.open_app

    def open_folder(*args):  # type: ignore[no-untyped-def]
        calls.append(("open_folder", threading.current_thread().name))
        return real_open_folder(*args)

    def open_app(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(("open_app", threading.current_thread().name))
        return real_open_app(*args, **kwargs)

    monkeypatch.setattr(gui_app, "open_folder", open_folder)
    monkeypatch.setattr(services_app, "open_app", open_app)
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    QSettings().setValue(gui_app.ROLE_KEY, "gemeente")  # a wrong guess only costs an import
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase=PASSPHRASE) == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out
    assert [name for name, _thread in calls] == ["open_folder", "open_app"]
    assert all(thread != threading.main_thread().name for _name, thread in calls)
    assert gui_app.role_hint() == "school"  # the next start guesses right
    QSettings().remove(gui_app.ROLE_KEY)


def test_a_wrong_passphrase_given_at_start_still_asks_again(qtbot, folder: Path, monkeypatch) -> None:
    from handover.ui.dialogs import UnlockDialog

    asked: list[str] = []

    def exec_(dialog: UnlockDialog) -> int:
        asked.append(dialog.message.text())
        return 0  # the user cancels

    monkeypatch.setattr(UnlockDialog, "exec", exec_)
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase="niet het wachtwoord") == 0
    assert len(asked) == 1 and "klopt niet" in asked[0]


def test_a_folder_on_the_network_is_refused_before_any_key_is_touched(qtbot, folder: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(paths, "refuse_network_folder", lambda _folder: "Deze map staat op een netwerkschijf.")
    monkeypatch.setattr(
        "handover.secrets.PassphraseSecretStore.__init__", lambda *a, **k: pytest.fail("the key store was opened")
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase=PASSPHRASE) == 0
    assert len(shown) == 1 and "netwerkschijf" in shown[0]


def test_the_page_shown_loads_after_the_window_painted_with_the_list(qtbot, ctx, runner, monkeypatch) -> None:
    from handover.services import queries
    from handover.ui.dialogs import load_settings
    from handover.ui.main_window import MainWindow
    from handover.ui.models import YouthTableModel

    window = MainWindow(ctx, runner, settings=load_settings(ctx))
    qtbot.addWidget(window)
    asked: list[str] = []
    monkeypatch.setattr(window.vandaag, "refresh", lambda: asked.append("vandaag"))
    monkeypatch.setattr(window.send_flow, "refresh_list", lambda: asked.append("verzendstatus"))
    window.show()
    ready: list[bool] = []
    window.ready.connect(lambda: ready.append(True))
    window.load(YouthTableModel.prepare(queries.youth_rows(ctx), "Mentor"))
    assert ready and asked == []  # usable with the list; Vandaag's queries not yet started
    qtbot.waitUntil(lambda: sorted(asked) == ["vandaag", "verzendstatus"], timeout=5_000)
    QApplication.processEvents()
    assert sorted(asked) == ["vandaag", "verzendstatus"]  # once each


def test_the_heavier_layers_import_on_a_read_thread_once_the_window_is_up(qtbot, folder: Path, monkeypatch) -> None:
    import threading

    from handover.ui import warmup

    imported: list[str] = []
    monkeypatch.setattr(warmup, "import_heavier_layers", lambda: imported.append(threading.current_thread().name))
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase=PASSPHRASE) == 0
    assert len(imported) == 1 and imported[0] != threading.main_thread().name


def test_the_heavier_layers_have_no_qt() -> None:
    """They import on a read thread: only modules without widgets (those stay on the GUI thread)."""
    import subprocess
    import sys

    script = (
        "import sys; from handover.ui.warmup import import_heavier_layers as f; f(); print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
