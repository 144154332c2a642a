"""The gemeente's window on a demo folder filled through the real sync (a server on 127.0.0.1 while it is
built), with the real sync engine behind the buttons: intake, status message, an agreement ticked off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from handover.gemeente import queries as q
from handover.gemeente.demo import DEMO_GEMEENTE, DEMO_STAFF, build_gemeente_demo
from handover.secrets import MemorySecretStore
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.store.models import AuditEvent
from handover.sync.models import AgreementVersion, OutboxOp, ReceivedDossier
from handover.ui.dialogs import load_settings
from handover.ui.gemeente.window import PAGE_DOSSIER, GemeenteWindow
from tests.conftest import FIXED_TODAY

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    folder = tmp_path_factory.mktemp("gemeente-demo")
    ctx, _code = initialise(folder / "gegevens", role="gemeente", secret_store=MemorySecretStore(), **DEMO_GEMEENTE)
    ctx.clock = lambda: FIXED_TODAY
    outcome = build_gemeente_demo(ctx, per_school=6, schools=2, work_dir=folder)
    assert outcome.received >= 8 and len(outcome.schools) == 2
    yield ctx
    ctx.close()


def test_demo_is_real_and_coherent(demo: AppContext) -> None:
    with demo.session() as session:
        rows = q.received_rows(session, today=FIXED_TODAY)
        cards = q.gemeente_today(session, today=FIXED_TODAY)
        receipts = session.scalars(select(OutboxOp).where(OutboxOp.kind == "receipt")).all()
    assert {r.school for r in rows} == {"Praktijkschool De Brug", "Vso De Horizon"}
    assert any(r.withdrawn for r in rows) and any(r.status == "intake gepland" for r in rows)
    assert receipts and all(op.status == "acked" for op in receipts)  # the schools got their receipts
    assert cards[q.CARD_NEW] and cards[q.CARD_WITHDRAWN] and cards[q.CARD_NEW_VERSION]
    assert any(t.prominent for t in cards[q.CARD_SITUATION])


def test_klantmanager_works_a_dossier_with_the_real_engine(qtbot, runner, demo: AppContext) -> None:
    window = GemeenteWindow(demo, runner, settings=load_settings(demo))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignals([window.ready, window.vandaag.loaded], timeout=30_000):
        window.load()
    with demo.session() as session:
        rows = [r for r in q.received_rows(session, today=FIXED_TODAY) if not r.withdrawn and r.intake_date is None]
    row = rows[0]
    with qtbot.waitSignal(window.dossier_opened, timeout=20_000):
        window.open_dossier(row.sender_org, row.record_id)
    assert window.navigation.currentRow() == PAGE_DOSSIER
    page = window.dossier
    assert "Sleutel van de school bevestigd" in page.trust.text()
    with demo.session() as session:
        opened = session.get(ReceivedDossier, row.key)
        assert opened is not None and opened.picked_up_at is not None
        assert session.scalars(
            select(AuditEvent).where(AuditEvent.action == "view", AuditEvent.entity_id == row.record_id)
        ).all()

    page.plan_intake()
    dialog = page.last_dialog
    assert dialog.klantmanager.itemText(0) == DEMO_STAFF[0]
    dialog.klantmanager.setCurrentIndex(2)
    with qtbot.waitSignal(page.opened, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible(), dialog.message.text()
    with demo.session() as session:
        done = session.get(ReceivedDossier, row.key)
        assert done is not None
        assert (done.case_status, done.klantmanager) == ("intake gepland", DEMO_STAFF[2])
        assert done.intake_date is not None and done.intake_date > FIXED_TODAY
    assert DEMO_STAFF[2] in page.case.text()
    assert f"Intake gepland op {done.intake_date:%d-%m-%Y} met {DEMO_STAFF[2]}" in page.timeline.toPlainText()

    # An agreement for Werk en Inkomen: ticked off with a note, as a new version for the school.
    page.show_agreements()
    agreements = page.last_dialog
    open_rows = [i for i, a in enumerate(agreements.agreements) if a.status == "open" and not a.conflict]
    assert open_rows, "the demo dossier has open agreements"
    agreements.select_row(open_rows[0])
    chosen = agreements.agreements[open_rows[0]]
    agreements.note.setText("Besproken bij de intake")
    with qtbot.waitSignal(agreements.changed, timeout=20_000):
        agreements.done_button.click()
    with demo.session() as session:
        (head,) = session.scalars(
            select(AgreementVersion).where(
                AgreementVersion.agreement_id == chosen.agreement_id, AgreementVersion.head.is_(True)
            )
        ).all()
    assert (head.status, head.note, head.origin) == ("gedaan", "Besproken bij de intake", "gemeente")
    qtbot.waitUntil(lambda: any(a.status == "gedaan" for a in agreements.agreements), timeout=10_000)
    agreements.close()


def test_withdrawn_dossier_is_refused_by_the_engine_too(demo: AppContext) -> None:
    from handover.sync.errors import SyncUsageError
    from handover.sync.service import SyncService

    with demo.session() as session:
        row = next(r for r in q.received_rows(session, today=FIXED_TODAY) if r.withdrawn)
    service = SyncService(demo)
    try:
        with pytest.raises(SyncUsageError):
            service.plan_intake(row.sender_org, row.record_id, FIXED_TODAY + dt.timedelta(days=3), "Anouk Visser")
    finally:
        service.close()


def test_demo_folder_path(tmp_path: Path) -> None:
    """``demo --rol gemeente`` refuses a school's folder (and never mixes roles)."""
    from handover.cli.entry import run

    school, _code = initialise(
        tmp_path / "school",
        org_name="School",
        user_name="M",
        role="school",
        passphrase="een lang wachtwoord voor tests",
    )
    school.close()
    import os

    os.environ["HANDOVER_PASSPHRASE"] = "een lang wachtwoord voor tests"
    try:
        assert run(["--data-dir", str(tmp_path / "school"), "demo", "--rol", "gemeente", "--youths", "3"]) == 2
    finally:
        del os.environ["HANDOVER_PASSPHRASE"]
