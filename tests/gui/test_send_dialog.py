"""Section K's "Versturen naar Werk en Inkomen" in the real window, against the real server on 127.0.0.1:
the dialog lists the sections per consent before anything leaves, and the status bar names what waits."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from handover.services.consent import ConsentService
from handover.services.dossiers import DossierService
from handover.sync.service import SyncService
from handover.ui.send_dialog import SendDialog
from tests.gui.test_sync_status import RECIPIENT, Enrolled, enrolled, live_server  # noqa: F401 - fixtures

SCREENSHOT = Path(__file__).resolve().parents[2] / "resources" / "screenshots" / "versturen.png"


def _ready(ctx, first: str, *, consent: bool = True) -> str:  # type: ignore[no-untyped-def]
    dossiers = DossierService(ctx)
    youth_id = dossiers.create_youth({"first_names": first, "last_name": "Jansen", "birth_date": dt.date(2008, 1, 5)})
    if consent:
        ConsentService(ctx).record(
            youth_id,
            {
                "given_by": "jongere",
                "given_by_name": first,
                "recipient": RECIPIENT,
                "purpose": "overstap",
                "given_on": dt.date(2026, 6, 1),
                "form": "papier",
            },
            ["C", "F"],
        )
    dossiers.set_status(youth_id, "klaar")
    return youth_id


def test_send_dialog_lists_the_sections_per_consent_and_sends_only_after_versturen(  # type: ignore[no-untyped-def]
    qtbot,
    ctx,
    runner,
    make_window,
    enrolled: Enrolled,  # noqa: F811 - the fixture imported above
) -> None:
    youth_id = _ready(ctx, "Sem")
    window = make_window(ctx)
    assert window.start_sync(SyncService(ctx))
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Verstuurd;"), timeout=30_000)
    # After enrolling nothing went out by itself.
    assert enrolled.gemeente.sync().ok and enrolled.gemeente.received() == []

    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000) as shown:
        window.open_youth(youth_id)
    assert shown.args == [youth_id, "klaar om te versturen"]
    section_k = window.editor.status_section
    assert "klaar om te versturen" in section_k.send_state.text()

    with qtbot.waitSignal(window.send_flow.dialog_opened, timeout=30_000) as opened:
        section_k.send_button.click()
    dialog = opened.args[0]
    assert isinstance(dialog, SendDialog) and dialog.isVisible()
    assert dialog.lines() == [
        f"Sem Jansen → {RECIPIENT}",
        "    A  Persoonsgegevens",
        "    C  Schoolloopbaan",
        "    F  Talenten en ondersteuning",
        "    J  Toestemming",
        "    K  Overdrachtstatus",
    ]
    if os.environ.get("HANDOVER_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENSHOT))
    # Still nothing on its way: the dialog only shows.
    assert enrolled.gemeente.sync().ok and enrolled.gemeente.received() == []

    with qtbot.waitSignal(window.sync.sync_finished, timeout=30_000) as finished:
        dialog.send_button.click()
    assert finished.args[0].stored == 1
    qtbot.waitUntil(lambda: "verstuurd op" in section_k.send_state.text(), timeout=30_000)
    assert enrolled.gemeente.sync().ok
    assert [row.record_id for row in enrolled.gemeente.received()] == [youth_id]


def test_cancel_sends_nothing(qtbot, ctx, runner, make_window, enrolled: Enrolled) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    youth_id = _ready(ctx, "Noor")
    window = make_window(ctx)
    window.start_sync(SyncService(ctx))
    qtbot.waitUntil(lambda: window.sync is not None and not window.sync.running, timeout=30_000)
    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000):
        window.open_youth(youth_id)
    with qtbot.waitSignal(window.send_flow.dialog_opened, timeout=30_000) as opened:
        window.editor.status_section.send_button.click()
    opened.args[0].reject()
    window.sync_now()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=30_000)
    assert enrolled.gemeente.sync().ok and enrolled.gemeente.received() == []


def test_status_bar_names_the_reasons_for_what_waits(qtbot, ctx, runner, make_window, enrolled: Enrolled) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _ready(ctx, "Sem")  # could go, not chosen yet
    _ready(ctx, "Lot", consent=False)  # ready, but no consent
    window = make_window(ctx)
    window.start_sync(SyncService(ctx))
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Verstuurd;"), timeout=30_000)
    text = window.sync_state.text()
    assert text == "Verstuurd; 2 wachten: 1 klaar om te versturen, nog niet gekozen, 1 wacht op toestemming"
    assert "Alles verstuurd" not in text


def test_the_consent_names_an_enrolled_gemeente_chosen_from_a_list(  # type: ignore[no-untyped-def]
    qtbot,
    ctx,
    runner,
    make_window,
    enrolled: Enrolled,  # noqa: F811 - the fixture imported above
) -> None:
    youth_id = _ready(ctx, "Lot", consent=False)
    window = make_window(ctx)
    window.start_sync(SyncService(ctx))
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Verstuurd;"), timeout=30_000)
    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000) as shown:
        window.open_youth(youth_id)
    assert shown.args == [youth_id, "wacht op toestemming"]
    panel = window.editor.consent_panel
    qtbot.waitUntil(lambda: bool(panel.gemeenten), timeout=30_000)
    dialog = panel.open_consent_dialog()
    choice = dialog.gemeente_choice
    assert choice is not None and [choice.itemText(i) for i in range(choice.count())] == [RECIPIENT]
    assert not dialog.editors["recipient"].widget.isEnabled()  # never typed
    dialog.editors["form"].set_value("papier")
    with qtbot.waitSignal(dialog.recorded, timeout=30_000):
        dialog.submit()
    gemeente_id = enrolled.gemeente.state_value("org_id")
    (consent,) = DossierService(ctx).get(youth_id).consents
    assert consent.recipient_org_id == gemeente_id and consent.recipient == RECIPIENT


def test_vandaag_asks_to_choose_the_recipient_of_an_older_consent(  # type: ignore[no-untyped-def]
    qtbot,
    ctx,
    runner,
    make_window,
    enrolled: Enrolled,  # noqa: F811 - the fixture imported above
) -> None:
    """A consent from before enrolling names "gemeente Utrecht": not exactly an enrolled gemeente."""
    youth_id = _ready(ctx, "Lot", consent=False)
    ConsentService(ctx).record(
        youth_id,
        {
            "given_by": "jongere",
            "given_by_name": "Lot",
            "recipient": "gemeente Utrecht",
            "purpose": "overstap",
            "given_on": dt.date(2026, 6, 1),
            "form": "papier",
        },
        ["C"],
    )
    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["toestemming"]
    rows = [(card.model.index(r, 0).data(), card.model.index(r, 1).data()) for r in range(card.model.rowCount())]
    assert rows == [("Lot Jansen", "Kies de ontvanger")]

    window.start_sync(SyncService(ctx))
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Verstuurd;"), timeout=30_000)
    assert "1 wacht op keuze ontvanger" in window.sync_state.text()
    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000) as shown:
        window.open_youth(youth_id)
    assert shown.args == [youth_id, "wacht op keuze ontvanger"]
    panel = window.editor.consent_panel
    qtbot.waitUntil(lambda: bool(panel.gemeenten), timeout=30_000)
    panel.view.selectRow(0)
    assert panel.recipient_button.isEnabled()
    dialog = panel.ask_recipient()
    assert dialog is not None and dialog.comboBoxItems() == [RECIPIENT]
    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000) as shown:
        dialog.setTextValue(RECIPIENT)
        dialog.accept()
    assert shown.args == [youth_id, "klaar om te versturen"]
    (consent,) = DossierService(ctx).get(youth_id).consents
    assert consent.recipient_org_id == enrolled.gemeente.state_value("org_id")


def test_the_jongeren_list_shows_each_send_state_beside_the_status(  # type: ignore[no-untyped-def]
    qtbot,
    ctx,
    runner,
    make_window,
    enrolled: Enrolled,  # noqa: F811 - the fixture imported above
) -> None:
    ready = _ready(ctx, "Sem")
    waiting = _ready(ctx, "Lot", consent=False)
    window = make_window(ctx)
    model = window.youth_model

    def status_of(youth_id: str) -> str:
        return str(model.index(model.row_of_id(youth_id), model.COL_STATUS).data())

    qtbot.waitUntil(lambda: "·" in status_of(ready), timeout=30_000)
    assert status_of(ready) == "Klaar voor gesprek · klaar om te versturen"
    assert status_of(waiting) == "Klaar voor gesprek · wacht op toestemming"

    window.start_sync(SyncService(ctx))
    with qtbot.waitSignal(window.send_flow.send_state_shown, timeout=30_000):
        window.open_youth(ready)
    with qtbot.waitSignal(window.send_flow.dialog_opened, timeout=30_000) as opened:
        window.editor.status_section.send_button.click()
    opened.args[0].send_button.click()
    qtbot.waitUntil(lambda: "verstuurd op" in status_of(ready), timeout=30_000)
    assert status_of(ready).startswith("Verstuurd · verstuurd op ")
