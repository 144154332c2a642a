"""The school's pc's in the GUI (issue 13), against the real server on 127.0.0.1: "Pc toevoegen" shows the
one-time code and waits; the new pc's first-run wizard ("Deze school gebruikt Overstap al") shows the
school's name and fingerprint and joins; "Pc's van deze school" lists both and revokes the new one after a
plain question; the revoked pc says so in its status bar and keeps its data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWizard

from handover.crypto.keys import load_keys
from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.services.dossiers import DossierService
from handover.sync.client import REVOKED_TEXT
from handover.ui.devices_dialog import DevicesDialog
from handover.ui.devices_join import AddDeviceDialog
from handover.ui.tasks import TaskRunner
from handover.ui.wizard import PAGE_FOLDER, PAGE_KEYS, PAGE_RECOVERY, FirstRunWizard
from handover.ui.wizard.first_run import PAGE_JOIN
from tests.conftest import youth_values
from tests.sync.conftest import RECIPIENT, Installation, make_installation

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")) as live:
        yield live


@pytest.fixture
def school(tmp_path: Path, server: LiveServer) -> Iterator[Installation]:
    """An enrolled school (with a gemeente on the server, as in tests/sync/conftest.py)."""
    from handover.sync.testing import confirm_schools

    gemeente = make_installation(tmp_path, "gemeente", role="gemeente", org=RECIPIENT, user="Kees Klantmanager")
    gemeente.sync.enroll(server.url, server.add_org(RECIPIENT, "gemeente")[1], confirm=lambda peer: True)
    inst = make_installation(tmp_path, "school", role="school", org="Praktijkschool De Brug", user="Marieke de Jong")
    inst.sync.enroll(server.url, server.add_org("Praktijkschool De Brug", "school")[1], confirm=lambda peer: True)
    confirm_schools(gemeente.sync)
    yield inst
    for one in (inst, gemeente):
        one.sync.close()
        one.ctx.close()


def _next(qtbot, wizard: FirstRunWizard, which=QWizard.WizardButton.NextButton) -> None:
    button = wizard.button(which)
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _join_through_the_wizard(qtbot, tmp_path: Path, url: str, code: str, other_runner: TaskRunner) -> FirstRunWizard:
    wizard = FirstRunWizard(other_runner, default_dir=tmp_path / "nieuwe-pc", secret_store=MemorySecretStore())
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    _tick(qtbot, wizard.join_flow.choice)
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_JOIN
    page = wizard.join_flow.page
    qtbot.keyClicks(page.server, url)
    qtbot.keyClicks(page.code, code)
    qtbot.keyClicks(page.user, "Jan de Vries")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # not before the school is confirmed
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.fingerprint.isVisible, timeout=20_000)
    return wizard


def test_pairing_a_new_pc_through_both_screens_then_revoking_it(
    qtbot,
    runner,
    tmp_path: Path,
    server: LiveServer,
    school: Installation,
) -> None:
    DossierService(school.ctx).create_youth(youth_values())
    other_runner = TaskRunner()
    try:
        # On the enrolled pc: Pc toevoegen.
        add = AddDeviceDialog(school.ctx, runner, service=school.sync)
        qtbot.addWidget(add)
        add.show()
        add.start()
        qtbot.waitUntil(add.code.isVisible, timeout=20_000)
        code = add.code.text()
        assert re.fullmatch(r"[A-Z0-9-]{12,}", code), code
        assert add.code.font().pointSizeF() > add.font().pointSizeF() * 1.5  # large, to read aloud
        assert "Eén keer te gebruiken, geldig tot " in add.expiry.text() and "(24 uur)" in add.expiry.text()
        steps = add.steps.text()
        assert server.url in steps and "Deze school gebruikt Overstap al" in steps

        # On the new pc: the wizard's third choice, the school's name and fingerprint, then the join.
        wizard = _join_through_the_wizard(qtbot, tmp_path, server.url, code, other_runner)
        page = wizard.join_flow.page
        assert "Praktijkschool De Brug" in page.school.text()
        own = load_keys(school.secrets)
        assert own is not None and page.fingerprint.text() == own.root_fingerprint
        _tick(qtbot, page.confirm)
        _next(qtbot, wizard)
        assert wizard.currentId() == PAGE_FOLDER
        _next(qtbot, wizard)
        assert wizard.currentId() == PAGE_KEYS
        _next(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert wizard.currentId() == PAGE_RECOVERY
        qtbot.waitUntil(lambda: wizard.context is not None, timeout=30_000)
        recovery = wizard.recovery_page
        assert not recovery.saved.isEnabled()  # Klaar waits for the join
        qtbot.waitUntil(lambda: wizard.join_flow.outcome is not None, timeout=60_000)
        assert wizard.join_flow.status.text().startswith("Deze pc hoort nu bij Praktijkschool De Brug.")
        qtbot.waitUntil(lambda: "Jan de Vries is toegevoegd" in add.status.text(), timeout=20_000)
        _tick(qtbot, recovery.saved)
        _next(qtbot, wizard, QWizard.WizardButton.FinishButton)
        new_ctx = wizard.context
        from handover.ui.dialogs import load_settings

        settings = load_settings(new_ctx)  # a mentor's pc by default: Jongeren opens on "Alleen mijn jongeren"
        assert (settings["pc_role"], settings["user_name"], settings["org_name"]) == (
            "mentor",
            "Jan de Vries",
            "Praktijkschool De Brug",
        )
        theirs = load_keys(new_ctx.workspace.secrets)
        assert theirs is not None and theirs.root_fingerprint == own.root_fingerprint
        assert theirs.device_id != own.device_id
        add.accept()

        # Pc's van deze school: both; this pc cannot revoke itself.
        listing = DevicesDialog(school.ctx, runner, service=school.sync)
        qtbot.addWidget(listing)
        listing.show()
        listing.refresh()
        qtbot.waitUntil(lambda: listing.table.rowCount() == 2, timeout=20_000)
        rows = {
            listing.table.item(r, 1).text(): [listing.table.item(r, c).text() for c in range(4)]
            for r in range(listing.table.rowCount())
        }
        assert rows["Jan de Vries"][3] == "actief" and rows["Marieke de Jong"][3] == "actief · deze pc"
        assert all(len(row[0]) == 8 for row in rows.values())
        this_pc = next(d for d in listing.devices if d.is_this_pc)
        listing.select_device(this_pc.device_id)
        assert not listing.revoke_button.isEnabled()

        jan = next(d for d in listing.devices if d.user == "Jan de Vries")
        listing.select_device(jan.device_id)
        assert listing.revoke_button.isEnabled()
        qtbot.mouseClick(listing.revoke_button, Qt.MouseButton.LeftButton)
        box = listing.confirm_box
        qtbot.waitUntil(box.isVisible, timeout=5000)
        assert box.text() == f"Pc {jan.short_id} van Jan de Vries intrekken?"
        info = box.informativeText()
        for words in ("niets meer versturen of ophalen", "sleutel van de school wordt vernieuwd", "blijven daar staan"):
            assert words in info
        with qtbot.waitSignal(listing.revoked, timeout=60_000):
            box.findChild(QPushButton, "confirmRevokeButton").click()
        qtbot.waitUntil(lambda: "is ingetrokken" in listing.status.text(), timeout=20_000)
        assert listing.status.text().startswith(
            f"Pc {jan.short_id} is ingetrokken. De sleutel van de school is vernieuwd."
        )
        states = {d.user: d.state for d in listing.devices}
        assert states == {"Jan de Vries": "revoked", "Marieke de Jong": "active"}
        row = next(r for r in range(2) if listing.table.item(r, 1).text() == "Jan de Vries")
        assert listing.table.item(row, 3).text() == "ingetrokken"
        listing.accept()

        # The revoked pc: its next sync says so in plain Dutch, and its data stays.
        from handover.ui.sync_status import SyncController

        controller = SyncController(new_ctx, other_runner)
        said: list[str] = []
        controller.state_changed.connect(said.append)
        controller.start()
        qtbot.waitUntil(lambda: any("ingetrokken" in t for t in said), timeout=30_000)
        assert said[-1].endswith(REVOKED_TEXT)  # "Deze pc is ingetrokken: … De gegevens op deze pc blijven bewaard"
        controller.stop()
        other_runner.wait_network(30_000)
        assert controller.service.is_revoked()
        assert load_keys(new_ctx.workspace.secrets) is not None  # its keys (and data) stay where they are
        new_ctx.close()
    finally:
        other_runner.wait_idle()
        other_runner.wait_network(30_000)


def test_a_wrong_code_is_said_plainly_and_nothing_is_registered(
    qtbot,
    tmp_path: Path,
    server: LiveServer,
    school: Installation,
) -> None:
    other_runner = TaskRunner()
    try:
        wizard = FirstRunWizard(other_runner, default_dir=tmp_path / "nieuwe-pc", secret_store=MemorySecretStore())
        qtbot.addWidget(wizard)
        wizard.show()
        _tick(qtbot, wizard.join_flow.choice)
        _next(qtbot, wizard)
        page = wizard.join_flow.page
        qtbot.keyClicks(page.server, server.url)
        qtbot.keyClicks(page.code, "ABCD-EFGH-IJKL-MNOP")
        qtbot.keyClicks(page.user, "Jan de Vries")
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.message.isVisible, timeout=20_000)
        assert page.message.text().startswith("De code kon niet worden gecontroleerd. ")
        assert "Traceback" not in page.message.text() and "Error" not in page.message.text()
        assert not page.fingerprint.isVisible()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert len(school.sync.devices()) == 1
    finally:
        other_runner.wait_network(30_000)


def test_instellingen_opens_pc_toevoegen_which_says_plainly_when_this_pc_is_not_connected(qtbot, ctx, runner) -> None:
    from PySide6.QtWidgets import QWidget

    from handover.ui.dialogs import SettingsDialog, load_settings

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = SettingsDialog(ctx, runner, load_settings(ctx), parent)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.add_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: parent.findChild(AddDeviceDialog) is not None, timeout=5000)
    add = parent.findChild(AddDeviceDialog)
    qtbot.waitUntil(add.message.isVisible, timeout=20_000)
    assert add.status.text() == "Er is geen code gemaakt."
    assert add.message.text() == (
        "Pc toevoegen lukt nu niet. Deze pc is nog niet verbonden met de server. "
        "Verbind eerst met de gemeente (Instellingen, 'Verbinden met de gemeente…')."
    )
    assert not add.code.isVisible() and not add.copy_button.isEnabled()
    add.reject()
    qtbot.mouseClick(dialog.devices_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: parent.findChild(DevicesDialog) is not None, timeout=5000)
    listing = parent.findChild(DevicesDialog)
    qtbot.waitUntil(listing.message.isVisible, timeout=20_000)
    assert listing.message.text().startswith("De lijst van pc's kon niet worden opgehaald. ")
    assert not listing.revoke_button.isEnabled()
    listing.reject()
    runner.wait_network(10_000)


def test_the_bestand_menu_has_the_pcs_of_the_school_after_instellingen(qtbot, ctx, make_window) -> None:
    window = make_window(ctx)
    actions = window.menuBar().actions()[0].menu().actions()
    at = actions.index(window.settings_action)
    assert actions[at + 1 : at + 3] == [window.mentor_handover.add_device_action, window.mentor_handover.devices_action]
    assert [a.text() for a in actions[at + 1 : at + 3]] == ["Pc &toevoegen…", "Pc's van deze &school…"]
    window.mentor_handover.devices_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(DevicesDialog) is not None, timeout=5000)
    listing = window.findChild(DevicesDialog)
    qtbot.waitUntil(listing.message.isVisible, timeout=20_000)
    assert "Verbind eerst met de gemeente" in listing.message.text()
    listing.reject()
    window.runner.wait_network(10_000)
