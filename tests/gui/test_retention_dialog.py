"""The Bewaartermijn screen: dossiers past the retention period, anonymised or erased after a confirmation,
reached from the Bestand menu. Same service as `handover retention`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.store.models import AuditEvent, Youth
from handover.ui.retention_dialog import RetentionDialog
from tests.conftest import youth_values


def _youths(ctx: AppContext) -> tuple[str, str, str]:
    dossiers = DossierService(ctx)
    old = dossiers.create_youth(youth_values(leaving_date=dt.date(2023, 7, 10), school_class="4B"))
    older = dossiers.create_youth(
        youth_values(first_names="Anna", last_name="Jansen", leaving_date=dt.date(2022, 7, 1))
    )
    recent = dossiers.create_youth(youth_values(first_names="Bram", last_name="de Vries"))
    return old, older, recent


def _open(qtbot, ctx: AppContext, runner) -> RetentionDialog:  # type: ignore[no-untyped-def]
    dialog = RetentionDialog(ctx, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def test_lists_the_dossiers_past_the_period_and_asks_before_erasing(qtbot, ctx: AppContext, runner) -> None:  # type: ignore[no-untyped-def]
    old, older, recent = _youths(ctx)
    dialog = _open(qtbot, ctx, runner)
    model = dialog.model
    assert [model.object_at(r).youth_id for r in range(model.rowCount())] == [older, old]
    assert model.index(1, model.COL_CLASS).data() == "4B"
    assert model.index(1, model.COL_ENDED).data() == "31-07-2025"
    assert "2 dossiers" in dialog.summary.text() and dialog.apply_button.isEnabled()

    asked: list[tuple[int, str]] = []
    dialog.confirm = lambda count, mode: asked.append((count, mode)) is not None  # "Nee"
    dialog.erase.click()
    dialog.apply_button.click()
    assert asked == [(2, "wissen")]
    with ctx.session() as session:
        assert session.get(Youth, old) is not None  # nothing happened

    dialog.confirm = lambda count, mode: True
    with qtbot.waitSignal(dialog.applied, timeout=10_000), qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.apply_button.click()
    assert model.rowCount() == 0 and not dialog.apply_button.isEnabled()
    assert dialog.summary.text() == "2 dossiers gewist. Geen dossiers voorbij de bewaartermijn."
    with ctx.session() as session:
        assert session.get(Youth, old) is None and session.get(Youth, older) is None
        assert session.get(Youth, recent) is not None
        reasons = [e.detail.get("reason") for e in session.scalars(select(AuditEvent)) if e.action == "erase"]
        assert reasons == ["bewaartermijn", "bewaartermijn"]


def test_anonymise_is_the_default(qtbot, ctx: AppContext, runner) -> None:  # type: ignore[no-untyped-def]
    old, _older, _recent = _youths(ctx)
    dialog = _open(qtbot, ctx, runner)
    assert dialog.anonymise.isChecked() and dialog.mode == "anonimiseren"
    dialog.confirm = lambda count, mode: True
    with qtbot.waitSignal(dialog.applied, timeout=10_000):
        dialog.apply_button.click()
    with ctx.session() as session:
        youth = session.get(Youth, old)
        assert youth is not None and youth.anonymised and youth.bsn is None


def test_the_bestand_menu_opens_it_and_applying_reloads_the_list(qtbot, ctx: AppContext, make_window) -> None:  # type: ignore[no-untyped-def]
    _youths(ctx)
    window = make_window(ctx)
    actions = window.menuBar().actions()[0].menu().actions()
    assert actions[actions.index(window.settings_action) - 1] is window.retention_action
    assert window.retention_action.text() == "&Bewaartermijn…"
    window.retention_action.trigger()
    dialog = window.findChild(RetentionDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    dialog.confirm = lambda count, mode: True
    with qtbot.waitSignals([dialog.applied, window.youth_list_loaded], timeout=20_000):
        dialog.apply_button.click()
    assert window.youth_model.rowCount() == 1  # the two anonymised young people left the list
