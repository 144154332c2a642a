"""Instellingen → "Verbinden met de gemeente": the comparison screen, "Nee" registers nothing, "Ja" enrolls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from handover.secrets import MemorySecretStore
from handover.server.settings import ServerSettings
from handover.server.testing import LiveServer, run_live_server
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.sync.service import SyncService
from handover.ui.enroll_dialog import PAGE_COMPARE, PAGE_DONE, PAGE_FORM, EnrollDialog
from handover.ui.tasks import TaskRunner

RECIPIENT = "Werk en Inkomen gemeente Utrecht"


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_live_server(ServerSettings(db_url=f"sqlite:///{tmp_path / 'server.db'}")) as live:
        yield live


@pytest.fixture
def gemeente(tmp_path: Path, live_server: LiveServer) -> Iterator[SyncService]:
    gemeente_ctx, _ = initialise(
        tmp_path / "gemeente", org_name=RECIPIENT, user_name="Kees", role="gemeente", secret_store=MemorySecretStore()
    )
    service = SyncService(gemeente_ctx)
    service.enroll(live_server.url, live_server.add_org(RECIPIENT, "gemeente")[1], confirm=lambda peer: True)
    yield service
    service.close()
    gemeente_ctx.close()


def _dialog(qtbot, ctx: AppContext, runner: TaskRunner) -> EnrollDialog:
    dialog = EnrollDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _to_comparison(qtbot, dialog: EnrollDialog, url: str, code: str) -> None:
    qtbot.keyClicks(dialog.server, url)
    qtbot.keyClicks(dialog.code, code)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PAGE_COMPARE, timeout=10_000)


def test_the_comparison_screen_and_nee_registers_nothing(
    qtbot, ctx: AppContext, runner: TaskRunner, live_server: LiveServer, gemeente: SyncService, tmp_path: Path
) -> None:
    school_org, code = live_server.add_org("Praktijkschool De Brug", "school")
    dialog = _dialog(qtbot, ctx, runner)
    _to_comparison(qtbot, dialog, live_server.url, code)
    page = dialog.pages.currentWidget()
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Lees deze 6 groepen voor aan de beheerder van de gemeente, die ze op zijn eigen scherm ziet" in texts
    shown = [label.text() for label in page.findChildren(QLabel, "fingerprint")]
    # The six groups on the school's screen are the ones the gemeente's own installation shows.
    assert shown == [gemeente.own_fingerprint()] and len(shown[0].split("-")) == 6
    assert RECIPIENT in texts
    # resources/screenshots/verbinden.png is this grab (the fingerprint differs every run).
    assert dialog.grab().save(str(tmp_path / "verbinden.png"))

    qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == PAGE_DONE
    assert "Er is niets geregistreerd" in dialog.done_text.text()
    runner.wait_idle()
    assert not SyncService(ctx).is_enrolled()
    assert next(o for o in live_server.store.list_orgs() if o.org_id == school_org).status == "pending"
    assert live_server.store.check_code(code).org_id == school_org  # the code still works


def test_ja_enrolls_and_shows_the_schools_own_fingerprint(
    qtbot, ctx: AppContext, runner: TaskRunner, live_server: LiveServer, gemeente: SyncService
) -> None:
    school_org, code = live_server.add_org("Praktijkschool De Brug", "school")
    dialog = _dialog(qtbot, ctx, runner)
    _to_comparison(qtbot, dialog, live_server.url, code)
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == PAGE_DONE
    service = SyncService(ctx)
    assert service.is_enrolled() and dialog.own_fingerprint.text() == service.own_fingerprint()
    (peer,) = service.peer_entries("gemeente")
    assert peer.fingerprint == gemeente.own_fingerprint() and peer.confirmed
    assert next(o for o in live_server.store.list_orgs() if o.org_id == school_org).status == "active"
    service.close()


def test_http_to_another_computer_is_refused_before_anything_is_sent(
    qtbot, ctx: AppContext, runner: TaskRunner
) -> None:
    dialog = _dialog(qtbot, ctx, runner)
    qtbot.keyClicks(dialog.server, "http://overstap.gemeente.example")
    qtbot.keyClicks(dialog.code, "AAAAA-BBBBB-CCCCC-DDDDD")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == PAGE_FORM
    assert dialog.form_error.isVisibleTo(dialog) and "https://" in dialog.form_error.text()


def test_instellingen_opens_verbinden_and_about_shows_the_own_fingerprint(
    qtbot, ctx: AppContext, make_window, live_server: LiveServer, gemeente: SyncService
) -> None:
    from handover.ui.dialogs import SettingsDialog, about_text

    window = make_window(ctx)
    assert window.own_fingerprint() is None
    assert "Nog niet verbonden" in about_text(window.data_dir, window.own_fingerprint())
    window.show_settings()
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None, timeout=5000)
    settings = window.findChild(SettingsDialog)
    qtbot.mouseClick(settings.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(EnrollDialog) is not None, timeout=5000)
    dialog = window.findChild(EnrollDialog)
    settings.reject()
    _, code = live_server.add_org("Praktijkschool De Brug", "school")
    _to_comparison(qtbot, dialog, live_server.url, code)
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync is not None, timeout=5000)  # connected: the background sync starts
    own = window.own_fingerprint()
    assert own is not None and own == dialog.own_fingerprint.text()
    assert own in about_text(window.data_dir, own)
