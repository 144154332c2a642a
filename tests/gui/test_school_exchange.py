"""What the school sees of the exchange with Werk en Inkomen: section K, section I, the Afspraken page and
the printed block "Overdracht". The data comes in as plain values here; the end-to-end test
(tests/sync/test_gemeente_end_to_end_gui.py) drives the same widgets with a real exchange."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from handover.domain.fields import SECTION_BY_CODE
from handover.reports.dossier import DossierOptions, DossierStory, when_text
from handover.services.dossiers import DossierService
from handover.ui.editor.exchange import (
    AgreementChanges,
    AgreementMark,
    ExchangeLine,
    ExchangePanel,
    VersionChoice,
)
from handover.ui.models.agreements import AgreementTableModel, ExchangeMark
from tests.conftest import youth_values
from tests.gui.test_consent_scope import flowable_text

pytestmark = pytest.mark.timeout(60)


@dataclass(frozen=True)
class Entry:
    at: dt.datetime | str
    kind: str
    text: str
    signer: str


ENTRIES = (
    Entry(dt.datetime(2027, 1, 4, 9, 30), "sent", "Verstuurd (versie 3)", "Marieke de Jong"),
    Entry("2027-01-05T10:15:00", "receipt", "Ontvangen door Werk en Inkomen", "A. de Vries"),
    Entry(dt.datetime(2027, 1, 6, 14, 3), "intake", "Intake gepland op 12-01-2027 met A. de Vries", "A. de Vries"),
)


def test_printed_school_dossier_has_the_block_overdracht(ctx) -> None:
    youth = DossierService(ctx).get(DossierService(ctx).create_youth(youth_values()))
    story = DossierStory(youth, DossierOptions(today=ctx.today(), exchange=ENTRIES)).section_k(SECTION_BY_CODE["K"])
    text = flowable_text(story)
    assert "Overdracht aan Werk en Inkomen" in text
    assert "Ontvangen door Werk en Inkomen" in text and "05-01-2027 10:15" in text
    assert "Intake gepland op 12-01-2027 met A. de Vries" in text
    # Not on the copy for the gemeente, and nothing when nothing was exchanged.
    for opts in (
        DossierOptions(today=ctx.today(), exchange=ENTRIES, audience="gemeente", recipient="X"),
        DossierOptions(today=ctx.today()),
    ):
        assert "Overdracht aan" not in flowable_text(DossierStory(youth, opts).section_k(SECTION_BY_CODE["K"]))


def test_report_service_passes_the_entries_to_the_pdf(ctx) -> None:
    from handover.reports.service import ReportService

    youth_id = DossierService(ctx).create_youth(youth_values())
    plain = ReportService(ctx).dossier_pdf(youth_id)
    with_block = ReportService(ctx).dossier_pdf(youth_id, exchange=ENTRIES)
    assert with_block.startswith(b"%PDF") and len(with_block) > len(plain)


def test_when_text_reads_dates_datetimes_and_iso_text() -> None:
    local = dt.datetime(2027, 1, 6, 14, 3, tzinfo=dt.UTC).astimezone().strftime("%d-%m-%Y %H:%M")
    assert when_text(dt.datetime(2027, 1, 6, 14, 3)) == local  # the database keeps naive UTC
    assert when_text(dt.date(2027, 1, 6)) == "06-01-2027"
    assert when_text("2027-01-06T14:03:00Z") == local
    assert when_text("") == "" and when_text(None) == ""


def test_section_k_lists_each_entry_with_time_and_signer(qtbot) -> None:
    panel = ExchangePanel()
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty.isVisible() and not panel.view.isVisible()
    panel.show_lines([ExchangeLine(when_text(e.at), e.text, e.signer) for e in ENTRIES])
    assert not panel.empty.isVisible() and panel.view.isVisible()
    assert panel.texts()[2] == "06-01-2027 14:03 · Intake gepland op 12-01-2027 met A. de Vries · A. de Vries"
    assert panel.model.rowCount() == 3 and panel.model.index(1, 2).data() == "A. de Vries"


def test_section_i_shows_the_change_and_the_conflict_chooser(qtbot) -> None:
    changes = AgreementChanges()
    qtbot.addWidget(changes)
    changes.show()
    marks = [
        AgreementMark("a1", "Inschrijven bij het UWV", "A. de Vries", "06-01-2027 14:03", False),
        AgreementMark(
            "a2",
            "Intake plannen",
            "",
            "07-01-2027 09:00",
            True,
            (
                VersionChoice("v-g", "Intake plannen · gedaan", "A. de Vries", "Werk en Inkomen", "07-01", "gemeente"),
                VersionChoice("v-s", "Intake plannen · vervallen", "M. de Jong", "De Brug", "07-01", "school"),
            ),
        ),
    ]
    changes.show_marks(marks)
    assert changes.isVisible()
    text = " ".join(w.text() for w in changes.findChildren(QLabel))
    assert "“Inschrijven bij het UWV”: gewijzigd door A. de Vries (Werk en Inkomen) op 06-01-2027 14:03" in text
    assert "Gewijzigd door Werk en Inkomen en op school: kies welke blijft." in text
    assert not changes.keep_buttons["a2"].isEnabled()  # nothing chosen yet
    with qtbot.waitSignal(changes.resolve_requested) as signal:
        changes.choose("a2", "school")
    assert signal.args == ["a2", "v-s"]
    changes.show_marks([])
    assert not changes.isVisible()


def test_afspraken_model_shows_who_changed_and_the_conflict() -> None:
    from handover.services.queries import AgreementRow

    rows = [AgreementRow(i, "y", "Ĳsbrand", "Intake", "werk_en_inkomen", "", None, "open") for i in ("a1", "a2")]
    model = AgreementTableModel()
    model.set_rows(rows, {"a1": ExchangeMark("A. de Vries", "06-01-2027 14:03"), "a2": ExchangeMark(conflict=True)})
    col = AgreementTableModel.COL_CHANGED
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Gewijzigd door"
    assert model.index(0, col).data() == "A. de Vries (Werk en Inkomen), 06-01-2027 14:03"
    assert model.index(1, col).data() == "Gewijzigd door Werk en Inkomen en op school: kies welke blijft"


def test_afspraken_page_shows_who_changed_and_a_conflict_blocks_marking_done(qtbot, ctx, runner) -> None:
    """Versions as the sync leaves them: one agreement last changed by Werk en Inkomen, one with two heads."""
    from handover.sync.models import AgreementVersion
    from handover.ui.pages.afspraken import AfsprakenPage

    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth(youth_values())
    ids = [
        dossiers.add_item(youth_id, "agreements", {"action": a, "organisation": "werk_en_inkomen", "status": "open"})
        for a in ("Inschrijven", "Intake plannen")
    ]
    at = dt.datetime(2026, 11, 28, 13, 5)

    def version(vid: str, agreement_id: str, origin: str, by: str, status: str) -> AgreementVersion:
        return AgreementVersion(
            version_id=vid,
            agreement_id=agreement_id,
            dossier_id=youth_id,
            school_org="school",
            parent_ids=["root"],
            action="x",
            organisation="werk_en_inkomen",
            status=status,
            changed_by=by,
            changed_by_org="Werk en Inkomen" if origin == "gemeente" else "De Brug",
            changed_at=at,
            origin=origin,
            head=True,
        )

    with ctx.session() as session:
        session.add(version("v1", ids[0], "gemeente", "A. de Vries", "gedaan"))
        session.add(version("v2", ids[1], "gemeente", "A. de Vries", "vervallen"))
        session.add(version("v3", ids[1], "school", "Marieke de Jong", "open"))
    page = AfsprakenPage(ctx, runner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert not page.table.isColumnHidden(page.model.COL_CHANGED)
    model = page.model
    changed = {model.agreement_at(r).action: model.index(r, model.COL_CHANGED).data() for r in range(model.rowCount())}
    assert changed["Inschrijven"] == "A. de Vries (Werk en Inkomen), " + when_text(at)
    assert changed["Intake plannen"] == "Gewijzigd door Werk en Inkomen en op school: kies welke blijft"
    assert page.conflicts.isVisible() and page.conflicts.text().startswith(
        "1 afspraak is gewijzigd door Werk en Inkomen en op school: "
    )
    for r in range(page.proxy.rowCount()):
        page.table.setCurrentIndex(page.proxy.index(r, 0))
        conflict = page.proxy.agreement_at(r).action == "Intake plannen"
        assert page.done_button.isEnabled() == (not conflict)


def test_afspraken_page_has_no_changed_by_column_before_any_exchange(qtbot, ctx, runner) -> None:
    from handover.ui.pages.afspraken import AfsprakenPage

    youth_id = DossierService(ctx).create_youth(youth_values())
    DossierService(ctx).add_item(youth_id, "agreements", {"action": "Cv maken", "organisation": "school"})
    page = AfsprakenPage(ctx, runner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert page.model.rowCount() == 1
    assert page.table.isColumnHidden(page.model.COL_CHANGED) and not page.conflicts.isVisible()
