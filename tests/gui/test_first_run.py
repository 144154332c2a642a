"""First run, unlocking and the start-up paths: the wizard typed through, the passphrase dialog, --demo."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWizard

from handover.secrets import PASSPHRASE_RULE, MemorySecretStore, WrongPassphrase
from handover.services.app import initialise, open_app
from handover.services.settings import all_settings
from handover.store.workspace import is_initialised, read_info
from handover.ui import app as gui_app
from handover.ui.dialogs import UnlockDialog
from handover.ui.wizard import PAGE_FOLDER, PAGE_KEYS, PAGE_ORGANISATION, PAGE_RECOVERY, FirstRunWizard

pytestmark = pytest.mark.timeout(120)

CODE_PATTERN = re.compile(r"^[A-Z0-9]{1,6}(-[A-Z0-9]{1,6})+$")


def click_next(qtbot, wizard: QWizard) -> None:
    button = wizard.button(
        QWizard.WizardButton.CommitButton if wizard.currentPage().isCommitPage() else QWizard.WizardButton.NextButton
    )
    assert button.isEnabled(), f"Volgende is uitgeschakeld op pagina {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_box(qtbot, box) -> None:
    """Click on the box of a check box or radio button (its middle may lie beyond the label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_wizard_typed_through_with_a_passphrase_creates_the_data_folder(qtbot, runner, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "Overstap gegevens"
    wizard = FirstRunWizard(runner, default_dir=folder, keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)

    click_next(qtbot, wizard)  # role: school is the default
    assert wizard.currentId() == PAGE_ORGANISATION
    page = wizard.org_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(page.org_name, "Praktijkschool De Brug")
    qtbot.keyClicks(page.brin, "AB12")  # not a BRIN code
    qtbot.keyClicks(page.user_name, "Marieke de Jong")
    assert not next_button.isEnabled()
    assert "BRIN" in page.brin_error.text()
    page.brin.clear()
    qtbot.keyClicks(page.brin, "12ab")
    assert page.brin_error.isHidden()
    click_next(qtbot, wizard)

    assert wizard.currentId() == PAGE_FOLDER
    assert wizard.folder_page.folder.text() == str(folder)
    click_next(qtbot, wizard)

    assert wizard.currentId() == PAGE_KEYS
    keys = wizard.keys_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(keys.passphrase, "kort")
    qtbot.keyClicks(keys.passphrase_again, "kort")
    assert not commit.isEnabled() and keys.message.text() == PASSPHRASE_RULE  # the rule the CLI uses too
    keys.passphrase.clear()
    keys.passphrase_again.clear()
    qtbot.keyClicks(keys.passphrase, "fiets paraplu molen")
    qtbot.keyClicks(keys.passphrase_again, "fiets paraplu molem")
    assert not commit.isEnabled() and "niet gelijk" in keys.message.text()
    keys.passphrase_again.clear()
    qtbot.keyClicks(keys.passphrase_again, "fiets paraplu molen")
    click_next(qtbot, wizard)

    assert wizard.currentId() == PAGE_RECOVERY
    recovery = wizard.recovery_page
    qtbot.waitUntil(lambda: wizard.context is not None, timeout=20_000)
    code = recovery.code.text()
    assert recovery.code.isVisible() and CODE_PATTERN.match(code), code
    assert wizard.recovery_code_shown
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # the code must be saved first
    assert wizard.focusWidget() is recovery.saved  # the next thing to do has the focus

    pdf = tmp_path / "herstelcode.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF"))
    qtbot.mouseClick(recovery.pdf_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")

    click_box(qtbot, recovery.saved)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted

    ctx = wizard.context
    with ctx.session() as session:
        settings = all_settings(session)
    assert (settings["role"], settings["org_name"], settings["brin"], settings["user_name"]) == (
        "school",
        "Praktijkschool De Brug",
        "12AB",
        "Marieke de Jong",
    )
    ctx.close()
    assert is_initialised(folder)
    assert read_info(folder)["secret_store"] == "passphrase"
    open_app(folder, passphrase="fiets paraplu molen").close()
    with pytest.raises(WrongPassphrase):
        open_app(folder, passphrase="verkeerd wachtwoord")


def test_wizard_for_a_municipality_with_secure_key_storage(qtbot, runner, tmp_path) -> None:
    store = MemorySecretStore()  # stands in for the OS keychain
    wizard = FirstRunWizard(runner, default_dir=tmp_path / "gemeente", secret_store=store)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    click_box(qtbot, wizard.role_page.gemeente)
    assert wizard.role_page.gemeente.isChecked()
    click_next(qtbot, wizard)
    assert wizard.org_page.org_label.text() == "Naam van de gemeente"
    assert wizard.org_page.brin.isHidden()
    qtbot.keyClicks(wizard.org_page.org_name, "Gemeente Utrecht")
    qtbot.keyClicks(wizard.org_page.user_name, "Sanne Hofman")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.keys_page.passphrase.isHidden()  # no passphrase needed with a keychain
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.context is not None, timeout=20_000)
    wizard.reject()  # leaving without confirming the code is refused
    assert wizard.isVisible()
    click_box(qtbot, wizard.recovery_page.saved)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    with wizard.context.session() as session:
        assert all_settings(session)["role"] == "gemeente"
    wizard.context.close()
    open_app(tmp_path / "gemeente", secret_store=store).close()


def test_wizard_refuses_a_folder_that_already_holds_data(qtbot, runner, data_dir, ctx) -> None:
    wizard = FirstRunWizard(runner, default_dir=data_dir, keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.folder_page.initializePage()
    assert not wizard.folder_page.isComplete()
    assert "al gegevens" in wizard.folder_page.message.text()


def test_unlock_dialog_says_when_the_passphrase_is_wrong_and_lets_you_retry(qtbot, runner, tmp_path) -> None:
    folder = tmp_path / "gegevens"
    ctx, _code = initialise(folder, org_name="School", user_name="Mentor", passphrase="het goede wachtwoord")
    ctx.close()
    dialog = UnlockDialog(folder, runner, lambda p: open_app(folder, passphrase=p))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "fout")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "klopt niet" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.context is None
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "het goede wachtwoord")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.context is not None
    dialog.context.close()


def test_handover_demo_opens_the_main_window_on_fresh_demo_data(qtbot, monkeypatch, capsys) -> None:
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    monkeypatch.setattr(gui_app, "DEMO_YOUTHS", 40)
    made: list[Path] = []
    from handover.services import demo_folder

    real_mkdtemp = demo_folder.tempfile.mkdtemp
    monkeypatch.setattr(demo_folder.tempfile, "mkdtemp", lambda **kw: made.append(Path(real_mkdtemp(**kw))) or made[-1])
    assert gui_app.run_gui(data_dir=None, demo=True, passphrase=None) == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out
    assert made and not made[0].exists()  # the demo folder is gone after closing


def test_handover_opens_an_existing_folder_with_the_passphrase_given(qtbot, monkeypatch, capsys, tmp_path) -> None:
    from handover.services.demo import build_demo

    folder = tmp_path / "gegevens"
    ctx, _code = initialise(folder, org_name="School", user_name="Mentor", passphrase="wachtwoord-123")
    build_demo(ctx, 5)
    ctx.close()
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase="wachtwoord-123") == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out


def test_missing_key_is_recovered_with_the_herstelcode(qtbot, runner, tmp_path) -> None:
    from handover.services.app import recover
    from handover.store.workspace import MissingKey
    from handover.ui.dialogs import RecoveryDialog

    folder = tmp_path / "gegevens"
    ctx, code = initialise(folder, org_name="School", user_name="Mentor", secret_store=MemorySecretStore())
    ctx.close()
    new_keychain = MemorySecretStore()  # a reinstalled computer: the key is gone
    with pytest.raises(MissingKey):
        open_app(folder, secret_store=new_keychain)
    dialog = RecoveryDialog(
        folder,
        runner,
        lambda c, p: recover(folder, c, secret_store=new_keychain),
        ask_passphrase=False,
        reason="De sleutel staat niet op deze computer.",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.code, "ABCDEF-GHIJKL")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ok.isEnabled() and bool(dialog.message.text()), timeout=10_000)
    assert "herstelcode" in dialog.message.text().lower()
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, code.lower())  # typed in lower case: still accepted
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    dialog.context.close()
    open_app(folder, secret_store=new_keychain).close()


def test_without_data_dir_the_folder_chosen_at_first_run_is_opened(qtbot, monkeypatch, capsys, tmp_path) -> None:
    folder = tmp_path / "elders"
    ctx, _code = initialise(folder, org_name="School", user_name="Mentor", passphrase="wachtwoord-123")
    ctx.close()
    gui_app.remember_data_dir(folder)
    assert gui_app.remembered_data_dir() == folder
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    assert gui_app.run_gui(data_dir=None, demo=False, passphrase="wachtwoord-123") == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out
    QSettings().remove(gui_app.DATA_DIR_KEY)


def drive_modal(step: Callable[[], bool]) -> list[BaseException]:
    """Run ``step`` on the event loop until it returns True; a failing step closes every modal dialog.

    A test that fills in a modal dialog does so from a timer, because the dialog's own event loop
    blocks the test. If the step raised and left the dialog open, that loop would wait forever
    (and pytest-timeout on Windows ends the whole run). The failure is kept and re-raised by the test.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    failures: list[BaseException] = []

    def tick() -> None:
        try:
            done = step()
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test after the dialog closed
            failures.append(exc)
            while isinstance(modal := QApplication.activeModalWidget(), QDialog):
                modal.reject()
            return
        if not done:
            QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)
    return failures


@pytest.mark.parametrize("secure_store", [False, True], ids=["passphrase", "keychain"])
def test_handover_on_a_new_folder_runs_the_wizard_then_opens_the_app(
    qtbot, monkeypatch, capsys, tmp_path, session_keyring, secure_store: bool
) -> None:
    """`handover --data-dir NEW`: the wizard (modal, inside run_gui) is filled in, then the main window opens.

    Both key-store paths are taken on every machine: without a secure store (passphrase) and with one
    (the session's in-memory keyring standing in for Credential Manager), so the host never decides.
    """
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr("handover.secrets.secure_keyring_backend", lambda: session_keyring if secure_store else None)
    folder = tmp_path / "nieuw"
    steps: list[str] = []

    def step() -> bool:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, FirstRunWizard):
            return False
        if not steps:
            steps.append("start")
            click_next(qtbot, wizard)
            qtbot.keyClicks(wizard.org_page.org_name, "Praktijkschool De Brug")
            qtbot.keyClicks(wizard.org_page.user_name, "Marieke de Jong")
            click_next(qtbot, wizard)
            assert wizard.folder_page.path() == folder
            click_next(qtbot, wizard)
            assert wizard.keys_page.keyring_available is secure_store
            if not secure_store:
                qtbot.keyClicks(wizard.keys_page.passphrase, "fiets paraplu molen")
                qtbot.keyClicks(wizard.keys_page.passphrase_again, "fiets paraplu molen")
            click_next(qtbot, wizard)
        if wizard.context is None:
            return False  # the folder is being created in the background
        steps.append("code shown: " + wizard.recovery_page.code.text())
        click_box(qtbot, wizard.recovery_page.saved)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        return True

    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    failures = drive_modal(step)
    result = gui_app.run_gui(data_dir=folder, demo=False, passphrase=None)
    if failures:
        raise failures[0]
    assert result == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out
    assert steps[0] == "start" and CODE_PATTERN.match(steps[-1].split(": ")[1])
    assert is_initialised(folder)
    assert read_info(folder)["secret_store"] == ("keyring" if secure_store else "passphrase")
    if secure_store:
        assert any(service.startswith("Overstap-") for service, _name in session_keyring.passwords)
        open_app(folder).close()
    else:
        open_app(folder, passphrase="fiets paraplu molen").close()


def test_a_failing_step_closes_the_modal_dialog_instead_of_hanging(qtbot) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)

    def step() -> bool:
        raise AssertionError("stap mislukt")

    failures = drive_modal(step)
    assert dialog.exec() == QDialog.DialogCode.Rejected  # returns: the failed step closed it
    assert [str(f) for f in failures] == ["stap mislukt"]


def test_a_gui_start_writes_the_log_file_and_failures_name_no_one(qtbot, monkeypatch, capsys, tmp_path) -> None:
    """Overstap.exe has no console: the log file in the data folder is what IT reads after a fault."""
    from handover import frozen
    from handover.services.demo import build_demo
    from handover.services.queries import youth_rows
    from handover.ui.failures import failure_text

    folder = tmp_path / "gegevens"
    ctx, _code = initialise(folder, org_name="School", user_name="Marieke de Jong", passphrase="wachtwoord-123")
    build_demo(ctx, 5, seed=3)
    names = [row.name for row in youth_rows(ctx)]
    ctx.close()
    monkeypatch.setenv(gui_app.EXIT_WHEN_READY_ENV, "1")
    assert gui_app.run_gui(data_dir=folder, demo=False, passphrase="wachtwoord-123") == 0
    assert gui_app.READY_MARKER in capsys.readouterr().out
    log_file = frozen.log_path(folder)
    assert log_file == folder / "logs" / "overstap.log"
    assert "gestart" in log_file.read_text("utf-8")

    # A failure shown on screen after start: the log gets what failed and where, not who.
    try:
        raise OSError(f"kan {names[0]} niet schrijven")
    except OSError as exc:
        failure_text("De lijst kon niet worden geladen.", exc)
    text = log_file.read_text("utf-8")
    assert "ERROR handover.ui: De lijst kon niet worden geladen.\nbuiltins.OSError (melding weggelaten)" in text
    assert not [name for name in names if name in text]
    assert "Marieke" not in text


def test_the_wizard_refuses_a_folder_on_a_network_drive(qtbot, runner, tmp_path, monkeypatch) -> None:
    """Windows simulated: sys.platform reads win32 and H: is a mapped network drive (GetDriveTypeW)."""
    from handover import paths

    wizard = FirstRunWizard(runner, default_dir=tmp_path / "lokaal", keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    click_next(qtbot, wizard)
    qtbot.keyClicks(wizard.org_page.org_name, "Praktijkschool De Brug")
    qtbot.keyClicks(wizard.org_page.user_name, "Marieke de Jong")
    click_next(qtbot, wizard)
    assert wizard.currentId() == PAGE_FOLDER
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr(paths, "_drive_type", lambda root: 4 if root.upper() == "H:\\" else 3)
    page = wizard.folder_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for folder, location in (
        ("\\\\fileserver\\mentoren\\Overstap", "\\\\fileserver\\mentoren"),
        ("H:\\Overstap", "H:"),
    ):
        page.folder.clear()
        qtbot.keyClicks(page.folder, folder)
        assert page.message.text() == (
            f"Deze map staat op een netwerkschijf ({location}). Daar kan de database beschadigd raken. "
            "Kies een map op deze computer."
        )
        assert not next_button.isEnabled()
    page.folder.clear()
    qtbot.keyClicks(page.folder, "C:\\Users\\mentor\\Overstap")
    assert page.message.isHidden()
    assert next_button.isEnabled()
    assert not [p for p in tmp_path.iterdir() if "Overstap" in p.name]  # nothing was made on the way
