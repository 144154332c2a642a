"""In the dossier (contactmomenten): 'Gemist met reden', 'Begeleiding afronden' / 'Heropenen', the
Doorstroompunt refusal without consent, and 'Mijn overstap' as a one-page preview. From there to Vandaag."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from handover.services import queries
from handover.services.closing import closure_history
from handover.services.dossiers import DossierService
from handover.ui.editor.page import DossierEditorPage
from tests.conftest import youth_values


@pytest.fixture
def youth_id(ctx) -> str:  # type: ignore[no-untyped-def]
    return DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2024, 7, 12)))  # T+24: 12-07-2026


@pytest.fixture
def page(qtbot, ctx, runner, youth_id) -> DossierEditorPage:  # type: ignore[no-untyped-def]
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)
    page.show_section("M")
    return page


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_gemist_met_reden_through_the_panel(qtbot, ctx, page, youth_id) -> None:  # type: ignore[no-untyped-def]
    panel = page.checkins_panel
    rows = {e.checkin.plan_months: r for r, e in enumerate(panel.entries())}
    panel.view.selectRow(rows[24])
    assert panel.missed_button.isEnabled()
    panel.missed_button.click()
    dialog = panel.dialog
    assert dialog.objectName() == "contactmoment_gemist"
    _ok(dialog)
    assert dialog.isVisible() and dialog.editors["missed_reason"].error_label.text() == "Reden is verplicht."
    qtbot.keyClicks(dialog.editors["missed_reason"].widget, "Jongere is verhuisd naar Spanje")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        _ok(dialog)
    qtbot.waitUntil(lambda: {e.checkin.plan_months: e.state for e in panel.entries()}[24] == "gemist", timeout=5000)
    panel.view.selectRow({e.checkin.plan_months: r for r, e in enumerate(panel.entries())}[24])
    assert "Reden: Jongere is verhuisd naar Spanje" in panel.details.text()
    assert not panel.missed_button.isEnabled()
    plan24 = next(e.checkin.id for e in panel.entries() if e.checkin.plan_months == 24)
    assert plan24 not in {r.checkin_id for r in queries.overdue_checkins(ctx)}


def test_close_and_reopen_from_the_dossier(qtbot, ctx, page, youth_id) -> None:  # type: ignore[no-untyped-def]
    box = page.checkins_panel.case_box
    assert "De twee jaar begeleiding na school zijn om (sinds 12-07-2026)" in box.state_label.text()
    assert box.close_button.isVisibleTo(box) and not box.reopen_button.isVisibleTo(box)
    dialog = box.open_close_dialog()
    dialog.situation.setCurrentIndex(dialog.situation.findData("geen"))
    assert dialog.reason.isEnabled()
    _ok(dialog)
    assert dialog.message.text() == "Kies een reden bij 'Nog geen werk, school of dagbesteding'."
    dialog.reason.setCurrentIndex(dialog.reason.findData("zoekend"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        _ok(dialog)
    qtbot.waitUntil(lambda: box.closure is not None, timeout=5000)
    assert box.state_label.text().startswith("Begeleiding afgerond op 29-11-2026 door Marieke de Jong.")
    assert box.reopen_button.isVisibleTo(box) and box.doorstroompunt_button.isVisibleTo(box)
    assert youth_id not in {r.youth_id for r in queries.overdue_checkins(ctx)}

    # The Doorstroompunt without a consent that names it: a clear refusal in the preview, no agreement.
    preview = box.open_doorstroompunt_dialog()
    qtbot.waitUntil(lambda: "geen geldige toestemming" in preview.status.text(), timeout=10_000)
    assert not preview.print_button.isEnabled()
    preview.reject()
    assert not DossierService(ctx).get(youth_id).agreements

    reopen = box.open_reopen_dialog()
    qtbot.keyClicks(reopen.why, "Jongere belde zelf: wil toch hulp")
    with qtbot.waitSignal(reopen.saved, timeout=5000):
        _ok(reopen)
    qtbot.waitUntil(lambda: box.closure is None, timeout=5000)
    assert "Heropend op 29-11-2026: Jongere belde zelf: wil toch hulp" in box.state_label.text()
    with ctx.session() as session:
        assert [h.closed for h in closure_history(session, youth_id)] == [False]


def test_mijn_overstap_preview_is_one_page(qtbot, ctx, page, youth_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    box = page.checkins_panel.case_box
    preview = box.open_mijn_overstap()
    with qtbot.waitSignal(preview.loaded, timeout=10_000) as loaded:
        pass
    assert loaded.args == [1] and preview.status.text() == "1 pagina"
    with qtbot.waitSignal(preview.pdf_saved, timeout=10_000):
        preview.save_to(tmp_path / "mijn")
    assert (tmp_path / "mijn.pdf").read_bytes().startswith(b"%PDF")
