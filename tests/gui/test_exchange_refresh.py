"""Issue 10: the school's open dossier keeps up with the exchange, without reopening it.

Section K's send state follows a consent recorded in J at once; sections K and I show what a background
sync brought from Werk en Inkomen (the intake, an agreement marked gedaan); what the mentor is typing
meanwhile stays. Real server on 127.0.0.1, both windows (the fixtures of the end-to-end test).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from handover.sync.exchange import agreement_lines
from tests.gui.test_checkins_ui import choose
from tests.gui.test_gemeente_end_to_end_gui import (
    ACTION,
    CONSENTED,
    KLANTMANAGER,
    consent_and_send,
    new_dossier,
    open_school_dossier,
    sync,
    windows,  # noqa: F401 - fixture
)
from tests.sync.conftest import Installation, gemeente, live_server, school  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(240)


def _opened_count(editor: Any) -> list[str]:
    """Every time the dossier is opened (read again with an audit event) from now on."""
    seen: list[str] = []
    editor.dossier_opened.connect(seen.append)
    return seen


class Sent(NamedTuple):
    school_window: Any
    gemeente_window: Any
    youth_id: str
    school_org: str
    editor: Any  # the school's dossier, still open


def _send_new_dossier(qtbot, windows: tuple[Any, Any], school: Installation, *, checkins: bool) -> Sent:  # noqa: F811
    """A new dossier on the school's PC, with consent, sent to Werk en Inkomen."""
    school_window, gemeente_window = windows
    youth_id = new_dossier(school)
    school_org = str(school.sync.state_value("org_id"))
    editor = consent_and_send(qtbot, school_window, youth_id, checkins=checkins)
    return Sent(school_window, gemeente_window, youth_id, school_org, editor)


def _gemeente_acts(qtbot, sent: Sent, gemeente: Installation) -> None:  # noqa: F811
    """The klantmanager plans the intake and marks the agreement gedaan; the gemeente syncs."""
    gemeente_window, youth_id = sent.gemeente_window, sent.youth_id
    sync(qtbot, gemeente_window)  # receives the dossier
    qtbot.waitUntil(lambda: not gemeente_window.sync.running, timeout=60_000)
    gemeente.sync.plan_intake(sent.school_org, youth_id, dt.date(2026, 12, 10), KLANTMANAGER)
    with gemeente.ctx.session() as session:
        (line,) = [a for a in agreement_lines(session, youth_id) if a.action == ACTION]
    gemeente.sync.change_agreement(line.id, dossier_id=youth_id, status="gedaan", note="Ingeschreven")
    sync(qtbot, gemeente_window)


def test_section_k_says_ready_to_send_as_soon_as_the_consent_is_recorded(qtbot, windows, school: Installation) -> None:  # noqa: F811
    school_window, _ = windows
    youth_id = new_dossier(school)
    editor = open_school_dossier(qtbot, school_window, youth_id, "K")
    section_k = editor.status_section
    qtbot.waitUntil(lambda: "wacht op toestemming" in section_k.send_state.text(), timeout=30_000)
    opened = _opened_count(editor)
    editor.show_section("J")
    panel = editor.consent_panel
    qtbot.waitUntil(lambda: bool(panel.gemeenten), timeout=30_000)
    dialog = panel.open_consent_dialog()
    for code, box in dialog.section_boxes.items():
        box.setChecked(code in CONSENTED)
    choose(dialog.editors["form"], "papier")
    with qtbot.waitSignal(dialog.recorded, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "klaar om te versturen" in section_k.send_state.text(), timeout=30_000)
    assert opened == []  # not by reopening the dossier


def test_a_background_sync_shows_the_intake_and_the_agreement_in_the_open_dossier(
    qtbot,
    windows,  # noqa: F811
    school: Installation,  # noqa: F811
    gemeente: Installation,  # noqa: F811
) -> None:
    sent = _send_new_dossier(qtbot, windows, school, checkins=False)
    editor, school_window = sent.editor, sent.school_window
    editor.show_section("I")
    opened = _opened_count(editor)
    _gemeente_acts(qtbot, sent, gemeente)

    with qtbot.waitSignal(editor.news.dossier_taken, timeout=60_000):
        sync(qtbot, school_window)  # a finished sync loads the list; the open dossier reads what it brought
    intake = f"Intake gepland op 10-12-2026 met {KLANTMANAGER}"
    assert any(intake in t for t in editor.exchange_panel.texts()), editor.exchange_panel.texts()
    assert any("Ontvangen door Werk en Inkomen" in t for t in editor.exchange_panel.texts())
    rows = editor.lists["agreements"].model.rows()
    assert [(r["action"], r["status"]) for r in rows] == [(ACTION, "gedaan")]
    shown = editor.agreement_changes.findChild(QLabel, "afspraken_door_gemeente").text()
    assert f"“{ACTION}”: gewijzigd door " in shown and "(Werk en Inkomen)" in shown
    assert editor.status_label.text() and "ontvangen" in editor.status_section.k_status.text().lower()
    assert opened == []  # shown without reopening the dossier (no new view in the audit log)

    # A list load that brings nothing new takes nothing over (the lists are not reset each time).
    taken: list[str] = []
    editor.news.dossier_taken.connect(taken.append)
    with qtbot.waitSignal(editor.news.news_shown, timeout=30_000):
        school_window._load_list()
    assert taken == []


def test_what_the_mentor_is_typing_stays_while_a_sync_brings_news(
    qtbot,
    windows,  # noqa: F811
    school: Installation,  # noqa: F811
    gemeente: Installation,  # noqa: F811
) -> None:
    sent = _send_new_dossier(qtbot, windows, school, checkins=False)
    editor = sent.editor
    editor.show_section("A")
    editor.autosave_delay_ms = 600_000  # what is typed waits to be saved while the sync comes in
    city = editor.editors["city"].widget
    city.setFocus()
    city.selectAll()
    qtbot.keyClicks(city, "Amersfoort")
    assert not editor.is_idle()
    _gemeente_acts(qtbot, sent, gemeente)

    sync(qtbot, sent.school_window)
    # Section K shows the news at once; the typed text is untouched and still waits to be saved.
    qtbot.waitUntil(
        lambda: any("Intake gepland op 10-12-2026" in t for t in editor.exchange_panel.texts()), timeout=30_000
    )
    assert city.text() == "Amersfoort" and not editor.is_idle()
    # The agreement list waits until nothing is pending (no list is reset under the mentor's hands).
    assert [r["status"] for r in editor.lists["agreements"].model.rows()] == ["open"]

    # The mentor's save loads the list again: now the agreement follows, and the city is saved as typed.
    with qtbot.waitSignal(editor.news.dossier_taken, timeout=60_000):
        editor.flush()
    assert [r["status"] for r in editor.lists["agreements"].model.rows()] == ["gedaan"]
    qtbot.waitUntil(editor.is_idle, timeout=30_000)
    assert city.text() == "Amersfoort" and editor.field_value("city") == "Amersfoort"


# --- Werk en Inkomen's open dossier ----------------------------------------------------------------------


def test_the_gemeentes_open_dossier_says_when_a_sync_brought_something_new(
    qtbot,
    windows,  # noqa: F811
    school: Installation,  # noqa: F811
    gemeente: Installation,  # noqa: F811
) -> None:
    from handover.services.consent import ConsentService
    from handover.services.dossiers import DossierService
    from tests.gui.test_gemeente_end_to_end_gui import open_gemeente_dossier, section_text
    from tests.sync.test_gemeente_support import record_checkin

    school_window, gemeente_window, youth_id, school_org, _editor = _send_new_dossier(
        qtbot, windows, school, checkins=True
    )
    sync(qtbot, gemeente_window)
    page = open_gemeente_dossier(qtbot, gemeente_window, youth_id, school_org)
    assert not page.news_bar.isVisibleTo(page) and "Utrecht" in section_text(page, "A")

    # A new version (the mentor moved the young person to Amersfoort): the page says so, it does not swap it.
    DossierService(school.ctx).update_fields(youth_id, {"city": "Amersfoort"})
    sync(qtbot, school_window)
    with qtbot.waitSignal(page.news_checked, check_params_cb=lambda a: a.revision is not None, timeout=60_000):
        sync(qtbot, gemeente_window)
    assert page.news_bar.isVisibleTo(page)
    assert "Nieuwe versie ontvangen (versie 2)" in page.news_text.text()
    assert "Utrecht" in section_text(page, "A")  # what was read, until the klantmanager reloads
    with qtbot.waitSignal(page.opened, timeout=30_000):
        page.news_button.click()
    assert not page.news_bar.isVisibleTo(page) and "Amersfoort" in section_text(page, "A")
    assert "Woonplaats" in page.change_note.text()

    # News after school (a check-in, which also makes a new version: the situation follows it): said too.
    record_checkin(school, youth_id, situation="geen", situation_reason="ontslag")
    sync(qtbot, school_window)
    with qtbot.waitSignal(page.news_checked, check_params_cb=lambda a: a.news > 0, timeout=60_000):
        sync(qtbot, gemeente_window)
    assert page.news_bar.isVisibleTo(page)
    assert "Nieuwe versie ontvangen (versie 3), met nieuws van school." in page.news_text.text()
    with qtbot.waitSignal(page.opened, timeout=30_000):
        page.news_button.click()
    assert not page.news_bar.isVisibleTo(page)
    assert any(e.kind == "nieuws" for e in page.view.timeline)

    # The consent withdrawn: the content leaves the screen at once, without a click.
    youth = DossierService(school.ctx).get(youth_id)
    ConsentService(school.ctx).withdraw(youth_id, youth.consents[0].id)
    sync(qtbot, school_window)
    with qtbot.waitSignal(page.open_failed, timeout=60_000) as refused:
        sync(qtbot, gemeente_window)
    assert "ingetrokken" in refused.args[0]
    assert all(not section_text(page, code) for code in "ABCDEFGHIJK") and not page.news_bar.isVisibleTo(page)
