"""The consent scope "contactmomenten na school" (issue 10): off by default, explained in the dialog,
recorded with the consent, shown in section J and printed in the dossier."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.ui.editor import DossierEditorPage
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def page(qtbot, ctx, runner) -> DossierEditorPage:
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    page.autosave_delay_ms = 30
    page.resize(1200, 850)
    page.show()
    return page


def _open(qtbot, page: DossierEditorPage, youth_id: str) -> None:
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)


def _record(qtbot, page: DossierEditorPage, *, checkins: bool, notes: bool) -> None:
    dialog = page.consent_panel.open_consent_dialog()
    assert not dialog.checkins_box.isChecked() and not dialog.checkin_notes_box.isChecked()  # off by default
    assert not dialog.checkin_notes_box.isEnabled()  # notes only on top of the check-ins
    assert "Ook contactmomenten na school" in dialog.checkins_box.text()
    dialog.editors["form"].widget.setCurrentIndex(dialog.editors["form"].widget.findData("papier"))
    dialog.checkins_box.setChecked(checkins)
    assert dialog.checkin_notes_box.isEnabled() == checkins
    if checkins:
        dialog.checkin_notes_box.setChecked(notes)
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.is_idle() and page.consent_panel.model.rowCount() >= 1, timeout=5000)


def test_scope_is_off_by_default_and_recorded_only_when_chosen(qtbot, ctx, page) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    _open(qtbot, page, youth_id)
    page.show_section("J")
    _record(qtbot, page, checkins=False, notes=False)
    consent = DossierService(ctx).get(youth_id).consents[0]
    assert not consent.includes_checkins and not consent.includes_checkin_notes
    assert "contactmomenten" not in page.consent_panel.model.index(0, 7).data()


def test_scope_with_notes_shows_in_section_j_and_in_print(qtbot, ctx, page) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values())
    _open(qtbot, page, youth_id)
    page.show_section("J")
    _record(qtbot, page, checkins=True, notes=True)
    consent = DossierService(ctx).get(youth_id).consents[0]
    assert consent.includes_checkins and consent.includes_checkin_notes
    qtbot.waitUntil(
        lambda: "ook contactmomenten na school, met notities" in page.consent_panel.model.index(0, 7).data(),
        timeout=5000,
    )

    from handover.domain.fields import SECTION_BY_CODE
    from handover.reports.dossier import DossierOptions, DossierStory

    view = DossierService(ctx).get(youth_id)
    story = DossierStory(view, DossierOptions(today=ctx.today())).section_j(SECTION_BY_CODE["J"])
    assert "ook contactmomenten na school met notities" in flowable_text(story)


def flowable_text(flowables) -> str:
    """The plain text of paragraphs and table cells, for asserting what a printed block says."""
    out: list[str] = []

    def walk(item) -> None:
        if isinstance(item, (list, tuple)):
            for part in item:
                walk(part)
        elif hasattr(item, "getPlainText"):
            out.append(item.getPlainText())
        elif hasattr(item, "_cellvalues"):
            walk(item._cellvalues)
        elif isinstance(item, str):
            out.append(item)

    walk(flowables)
    return " ".join(out)


def test_notes_never_without_checkins(ctx) -> None:
    """The service keeps what it is given; the dialog never sends notes without the check-ins."""
    youth_id = DossierService(ctx).create_youth(youth_values())
    consent_id = ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Ĳsbrand",
            "recipient": "Werk en Inkomen gemeente Utrecht",
            "purpose": "overstap",
            "given_on": ctx.today(),
            "form": "papier",
        },
        ["B", "C"],
    )
    consent = next(c for c in DossierService(ctx).get(youth_id).consents if c.id == consent_id)
    assert consent.includes_checkins is False and consent.includes_checkin_notes is False
