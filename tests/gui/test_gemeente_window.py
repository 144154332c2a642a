"""Werk en Inkomen's window driven like a klantmanager: Vandaag, Jongeren, the received dossier, its actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from handover.gemeente import queries as q
from handover.gemeente.staff import set_staff
from handover.secrets import MemorySecretStore
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.sync.models import ReceivedDossier, ReceivedUpdate
from handover.ui.app import main_window_class, role_of
from handover.ui.dialogs import load_settings
from handover.ui.gemeente.agreements import ConflictDialog, NewAgreementDialog
from handover.ui.gemeente.models import ReceivedTableModel
from handover.ui.gemeente.window import PAGE_DOSSIER, PAGE_JONGEREN, GemeenteWindow
from tests.conftest import FIXED_TODAY
from tests.unit.test_gemeente_queries import GEMEENTE, SCHOOL, SCHOOL_ORG, receive, sealed_body, withdraw
from tests.unit.test_reports import full_youth

pytestmark = pytest.mark.timeout(120)


class FakeEngine:
    """Stands in for the sync engine where these tests need no server: records what the window asks."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def mark_opened(self, sender_org: str, record_id: str) -> None:
        self.calls.append(("mark_opened", (sender_org, record_id)))
        with self.ctx.session() as session:
            row = session.get(ReceivedDossier, (sender_org, record_id))
            assert row is not None
            row.picked_up_at = row.picked_up_at or dt.datetime(2026, 11, 29, 9)
            row.last_opened_revision = row.revision

    def plan_intake(self, sender_org: str, record_id: str, date: dt.date, klantmanager: str, detail: str = "") -> None:
        self.calls.append(("plan_intake", (sender_org, record_id, date, klantmanager)))
        with self.ctx.session() as session:
            row = session.get(ReceivedDossier, (sender_org, record_id))
            assert row is not None
            row.intake_date, row.klantmanager, row.case_status = date, klantmanager, "intake gepland"

    def send_status(self, sender_org: str, record_id: str, status: str, detail: str = "") -> str:
        self.calls.append(("send_status", (sender_org, record_id, status, detail)))
        return "op"

    def close(self) -> None:
        pass


@pytest.fixture
def gemeente(ctx: AppContext, tmp_path: Path) -> Iterator[tuple[AppContext, list[str]]]:
    g, _code = initialise(
        tmp_path / "gemeente",
        org_name=GEMEENTE,
        user_name="Anouk Visser",
        role="gemeente",
        secret_store=MemorySecretStore(),
    )
    g.clock = lambda: FIXED_TODAY
    ids = [full_youth(ctx, sections=("B", "C", "I")), full_youth(ctx, sections=("C",))]
    for youth_id in ids:
        receive(g, sealed_body(ctx, youth_id), revision=1, record_id=youth_id)
    withdraw(g, ids[1])
    with g.session() as session:
        set_staff(session, ["Anouk Visser", "Bram de Graaf"])
        session.add(
            ReceivedUpdate(
                sender_org=SCHOOL_ORG,
                record_id=ids[0],
                op_id="u1",
                held_on=FIXED_TODAY - dt.timedelta(days=2),
                situation="geen",
                situation_reason="ontslag",
                job_loss=True,
            )
        )
    yield g, ids
    g.close()


def make(qtbot, runner, ctx: AppContext) -> tuple[GemeenteWindow, FakeEngine]:
    window = GemeenteWindow(ctx, runner, settings=load_settings(ctx))
    engine = FakeEngine(ctx)
    window._service = engine  # type: ignore[assignment]
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignals([window.ready, window.vandaag.loaded], timeout=30_000):
        window.load()
    return window, engine


def test_app_chooses_the_gemeente_window(gemeente) -> None:
    ctx, _ids = gemeente
    assert role_of(ctx) == "gemeente"
    assert main_window_class(True) is GemeenteWindow
    assert main_window_class(False).__name__ == "MainWindow"


def test_vandaag_and_jongeren_show_the_received_dossiers(qtbot, runner, gemeente) -> None:
    ctx, ids = gemeente
    window, _engine = make(qtbot, runner, ctx)
    cards = window.vandaag.cards
    assert cards[q.CARD_NEW].model.rowCount() == 1
    new = cards[q.CARD_NEW].model.item_at(0)
    assert (new.youth_id, new.target, new.what) == (ids[0], SCHOOL_ORG, SCHOOL)
    situation = cards[q.CARD_SITUATION].model
    assert situation.rowCount() == 1
    index = situation.index(0, situation.COL_WHAT)
    assert situation.data(index).startswith(q.JOB_LOSS_TEXT)
    assert situation.data(index, Qt.ItemDataRole.FontRole).bold()
    assert cards[q.CARD_AGREEMENTS].model.item_at(0).what == "Intakegesprek plannen"
    assert cards[q.CARD_WITHDRAWN].model.rowCount() == 1
    assert cards[q.CARD_INTAKE].model.rowCount() == 0  # received today: ten working days to go

    window.show_page(PAGE_JONGEREN)
    page = window.jongeren
    assert page.proxy.rowCount() == 2
    model = page.model
    names = [page.proxy.index(r, ReceivedTableModel.COL_NAME).data() for r in range(2)]
    assert names == ["Ĳsbrand van der Özdemir", "Toestemming ingetrokken"]
    assert page.proxy.index(0, ReceivedTableModel.COL_SCHOOL).data() == SCHOOL
    assert page.proxy.index(0, ReceivedTableModel.COL_CITY).data() == "Utrecht"
    assert page.proxy.index(0, ReceivedTableModel.COL_ID).data() == ids[0][:8]
    qtbot.keyClicks(page.find_field, "ozdem")
    assert page.proxy.rowCount() == 1
    page.find_field.clear()
    assert page.proxy.rowCount() == 2
    page.school.setCurrentIndex(page.school.findData(SCHOOL))
    assert page.proxy.rowCount() == 2
    page.cohort.setCurrentIndex(page.cohort.findData(2026))
    assert page.proxy.rowCount() == 1  # the withdrawn one has no leaving date any more
    page.only_mine.setChecked(True)
    assert page.proxy.rowCount() == 0
    assert "0 van 2" in page.count.text()
    page.only_mine.setChecked(False)
    page.cohort.setCurrentIndex(0)
    page.table.sortByColumn(ReceivedTableModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, ReceivedTableModel.COL_NAME).data() == "Toestemming ingetrokken"
    assert model.rowCount() == 2


def test_open_plan_intake_and_status(qtbot, runner, gemeente, tmp_path: Path) -> None:
    ctx, ids = gemeente
    window, engine = make(qtbot, runner, ctx)
    card = window.vandaag.cards[q.CARD_NEW]
    card.table.setCurrentIndex(card.model.index(0, 0))
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000):
        card.table.activated.emit(card.model.index(0, 0))
    assert window.navigation.currentRow() == PAGE_DOSSIER
    page = window.dossier
    assert engine.calls[0] == ("mark_opened", (SCHOOL_ORG, ids[0]))
    assert page.name.text() == "Ĳsbrand van der Özdemir"
    assert SCHOOL in page.source.text() and "versie 1" in page.source.text()
    assert "nog niet bevestigd" in page.trust.text()
    assert "Geen toestemming om dit onderdeel te delen" in page.sections["D"]
    assert "Heftruckcertificaat" not in page.sections["D"]
    assert "Intakegesprek plannen" in page.sections["I"]
    assert "Nieuws van school" in page.timeline.toPlainText()
    # The dossier was picked up: Vandaag no longer lists it as new, and the news is seen.
    with qtbot.waitSignal(window.vandaag.loaded, timeout=10_000):
        window.reload()
    assert window.vandaag.cards[q.CARD_NEW].model.rowCount() == 0
    assert window.vandaag.cards[q.CARD_SITUATION].model.rowCount() == 0

    page.plan_intake()
    dialog = page.last_dialog
    assert [dialog.klantmanager.itemText(i) for i in range(dialog.klantmanager.count())] == [
        "Anouk Visser",
        "Bram de Graaf",
    ]
    dialog.klantmanager.setCurrentIndex(1)
    with qtbot.waitSignal(page.opened, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert engine.calls[-1][0] == "plan_intake" and engine.calls[-1][1][3] == "Bram de Graaf"
    assert "intake gepland" in page.case.text() and "Bram de Graaf" in page.case.text()

    page.send_status()
    dialog = page.last_dialog
    dialog.status.setCurrentIndex(dialog.status.findData("route"))
    qtbot.keyClicks(dialog.detail, "route werk")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert engine.calls[-1] == ("send_status", (SCHOOL_ORG, ids[0], "route", "route werk"))

    out = tmp_path / "dossier.pdf"
    page.save_pdf_to(out)
    qtbot.waitUntil(lambda: "Afgedrukt" in page.timeline.toPlainText(), timeout=20_000)
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in page.message.text()


def test_a_withdrawn_dossier_does_not_open(qtbot, runner, gemeente) -> None:
    ctx, ids = gemeente
    window, engine = make(qtbot, runner, ctx)
    with qtbot.waitSignal(window.dossier.open_failed, timeout=10_000) as blocker:
        window.open_dossier(SCHOOL_ORG, ids[1])
    assert "ingetrokken" in blocker.args[0]
    assert not window.dossier.intake_button.isEnabled()
    assert "Özdemir" not in window.dossier.name.text()
    assert engine.calls == []


def test_regio_is_the_regional_page(qtbot, runner, gemeente) -> None:
    from handover.ui.gemeente.window import PAGE_REGIO

    ctx, _ids = gemeente
    window, _engine = make(qtbot, runner, ctx)
    assert type(window.regio).__name__ == "RegioPage"
    window.show_page(PAGE_REGIO)
    assert window.stack.currentWidget() is window.regio


def test_settings_keep_the_staff_list(qtbot, runner, gemeente) -> None:
    from handover.gemeente.staff import staff

    ctx, _ids = gemeente
    window, _engine = make(qtbot, runner, ctx)
    window.show_settings()
    dialog = window.settings_dialog
    dialog.staff.setPlainText("Anouk Visser\nSamira El Idrissi\n\n")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    with ctx.session() as session:
        assert staff(session) == ["Anouk Visser", "Samira El Idrissi"]
    qtbot.waitUntil(lambda: window.staff == ["Anouk Visser", "Samira El Idrissi"], timeout=5000)


class AgreementEngine(FakeEngine):
    """Agreement changes stored as versions, the way the sync engine keeps them (heads, never overwritten)."""

    def _version(self, agreement_id: str, dossier_id: str, status: str, action: str, **extra: object) -> str:
        import uuid

        from handover.sync.models import AgreementVersion

        version_id = str(uuid.uuid4())
        with self.ctx.session() as session:
            for head in session.query(AgreementVersion).filter_by(agreement_id=agreement_id, head=True):
                head.head = False
            session.add(
                AgreementVersion(
                    version_id=version_id,
                    agreement_id=agreement_id,
                    dossier_id=dossier_id,
                    school_org=SCHOOL_ORG,
                    parent_ids=[],
                    action=action,
                    organisation=str(extra.get("organisation", "werk_en_inkomen")),
                    person=None,
                    deadline=extra.get("deadline"),  # type: ignore[arg-type]
                    status=status,
                    note=extra.get("note"),  # type: ignore[arg-type]
                    changed_by="Anouk Visser",
                    changed_by_org=GEMEENTE,
                    changed_at=dt.datetime(2026, 11, 29, 10),
                    origin="gemeente",
                    head=True,
                )
            )
        return version_id

    def change_agreement(self, agreement_id: str, *, dossier_id: str, status=None, note=None, **fields) -> str:  # type: ignore[no-untyped-def]
        self.calls.append(("change_agreement", (agreement_id, status, note)))
        return self._version(agreement_id, dossier_id, status, "Intakegesprek plannen", note=note)

    def add_agreement(self, sender_org, record_id, *, action, organisation, person=None, deadline=None) -> str:  # type: ignore[no-untyped-def]
        self.calls.append(("add_agreement", (record_id, action, organisation, deadline)))
        self._version("new-agreement", record_id, "open", action, organisation=organisation, deadline=deadline)
        return "new-agreement"

    def resolve_agreement(self, agreement_id: str, chosen_version_id: str) -> str:
        self.calls.append(("resolve_agreement", (agreement_id, chosen_version_id)))
        return self._version(agreement_id, "", "gedaan", "Intakegesprek plannen")


def test_agreements_tick_off_add_and_choose_in_a_conflict(qtbot, runner, gemeente) -> None:
    from handover.sync.models import AgreementVersion

    ctx, ids = gemeente
    window = GemeenteWindow(ctx, runner, settings=load_settings(ctx))
    engine = AgreementEngine(ctx)
    window._service = engine  # type: ignore[assignment]
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.ready, window.vandaag.loaded], timeout=30_000):
        window.load()
    with qtbot.waitSignal(window.dossier_opened, timeout=10_000):
        window.open_dossier(SCHOOL_ORG, ids[0])
    page = window.dossier
    page.show_agreements()
    dialog = page.last_dialog
    # Werk en Inkomen's own agreement is on top, overdue; the young person's below it.
    assert dialog.agreements[0].organisation == "werk_en_inkomen"
    assert dialog.table.item(0, 3).text() == "Verlopen"
    dialog.select_row(0)
    assert dialog.done_button.isEnabled() and not dialog.conflict_button.isEnabled()
    dialog.note.setText("Intake gehouden")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.done_button.click()
    agreement_id = engine.calls[-1][1][0]
    assert engine.calls[-1] == ("change_agreement", (agreement_id, "gedaan", "Intake gehouden"))
    qtbot.waitUntil(lambda: dialog.agreements[0].status == "gedaan", timeout=10_000)
    assert "Anouk Visser" in dialog.table.item(0, 4).text()

    # A new agreement for the school.
    dialog._add()
    new = dialog.findChild(NewAgreementDialog)
    assert new is not None
    qtbot.keyClicks(new.action, "Stagebegeleider bellen")
    new.organisation.setCurrentIndex(new.organisation.findData("school"))
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        new.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert engine.calls[-1][0] == "add_agreement" and engine.calls[-1][1][1:3] == ("Stagebegeleider bellen", "school")
    qtbot.waitUntil(lambda: any(a.action == "Stagebegeleider bellen" for a in dialog.agreements), timeout=10_000)

    # The school changed the same agreement before the sync: two heads, both shown, a chooser.
    with ctx.session() as session:
        school_head = AgreementVersion(
            version_id="school-version",
            agreement_id=agreement_id,
            dossier_id=ids[0],
            school_org=SCHOOL_ORG,
            parent_ids=[],
            action="Intakegesprek plannen",
            organisation="werk_en_inkomen",
            person=None,
            deadline=dt.date(2026, 12, 15),
            status="open",
            note="Nieuwe datum afgesproken",
            changed_by="Marieke de Jong",
            changed_by_org=SCHOOL,
            changed_at=dt.datetime(2026, 11, 29, 11),
            origin="school",
            head=True,
        )
        session.add(school_head)
    dialog._reload(dialog.set_agreements)
    qtbot.waitUntil(lambda: any(a.conflict for a in dialog.agreements), timeout=10_000)
    row = next(i for i, a in enumerate(dialog.agreements) if a.conflict)
    assert dialog.table.item(row, 3).text() == "Conflict: kies een versie"
    dialog.select_row(row)
    assert dialog.conflict_button.isEnabled() and not dialog.done_button.isEnabled()
    dialog._resolve()
    chooser = dialog.findChild(ConflictDialog)
    assert chooser is not None and len(chooser.choices) == 2
    texts = [c.text() for c in chooser.choices]
    assert any("Marieke de Jong" in t and "Nieuwe datum afgesproken" in t for t in texts)
    assert any("Anouk Visser" in t and "Intake gehouden" in t for t in texts)
    chooser.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Kies eerst een versie" in chooser.message.text()  # nothing chosen: nothing sent
    school_choice = next(c for c in chooser.choices if "Marieke de Jong" in c.text())
    school_choice.setChecked(True)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        chooser.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert engine.calls[-1] == ("resolve_agreement", (agreement_id, "school-version"))
