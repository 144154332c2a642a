"""Conflicts between the school's pc's in the GUI (issue 13): the editor saves with the revision it
started from, so a change from another pc that arrives while the dossier is open is not overwritten;
the field shows "Gewijzigd op een andere pc door … om …: kies welke blijft" with both values; the
choice resolves it (and travels), and the Vandaag card "Conflicten tussen pc's" empties.

Two real workspaces; their replicated states are handed over directly (the sync carries exactly these)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from handover.secrets import MemorySecretStore
from handover.services import merge
from handover.services.app import initialise
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.ui.editor.conflict import ConflictChooser, when_text
from handover.ui.main_window import PAGE_VANDAAG
from tests.conftest import FIXED_TODAY, youth_values

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def other_pc(tmp_path: Path) -> Iterator[AppContext]:
    context, _code = initialise(
        tmp_path / "pc-b",
        org_name="Praktijkschool De Brug",
        user_name="Ahmed Bakker",
        brin="12AB",
        recipient="Werk en Inkomen gemeente Utrecht",
        secret_store=MemorySecretStore(),
    )
    context.clock = lambda: FIXED_TODAY
    yield context
    context.close()


def _send(source: AppContext, target: AppContext) -> None:
    with source.session() as session:
        merge.capture(session, source.actor)
        states = [merge.IncomingState(r.entity, r.entity_id, r.youth_id, r.state) for r in merge.take_dirty(session)]
    with target.session() as session:
        merge.apply_states(session, target.actor, states)


def _sync(a: AppContext, b: AppContext) -> None:
    _send(a, b)
    _send(b, a)


def _conflicts(ctx: AppContext) -> list[merge.FieldConflict]:
    with ctx.session() as session:
        return merge.conflicts(session)


def _open(qtbot, window, youth_id: str):
    window.open_youth(youth_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    return editor


def _chooser(qtbot, editor) -> ConflictChooser:
    qtbot.waitUntil(lambda: bool(editor.findChildren(ConflictChooser)), timeout=10_000)
    (chooser,) = editor.findChildren(ConflictChooser)
    return chooser


def test_choosing_in_the_field_resolves_it_everywhere_and_the_card_empties(qtbot, ctx, other_pc, make_window) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values(city="Utrecht"))
    _sync(ctx, other_pc)
    DossierService(ctx).update_fields(youth_id, {"city": "Amersfoort"})
    DossierService(other_pc).update_fields(youth_id, {"city": "Zeist"})
    _sync(ctx, other_pc)
    assert len(_conflicts(ctx)) == 1

    window = make_window(ctx, wait_vandaag=True)
    card = window.vandaag.cards["conflicten"]
    assert card.model.rowCount() == 1
    item = card.model.item_at(0)
    assert item.youth_id == youth_id and item.name == "Ĳsbrand van der Özdemir"
    assert item.what.startswith("Woonplaats · gewijzigd door ")
    assert "Ahmed Bakker" in item.what and "Marieke de Jong" in item.what

    window.vandaag.item_activated.emit(item)  # as a double click on the line does
    editor = window.editor
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    chooser = _chooser(qtbot, editor)
    city = editor.editors["city"]
    assert chooser.parentWidget() is city.row  # right under the field
    (conflict,) = _conflicts(ctx)
    theirs = next(a for a in conflict.alternatives if a.user == "Ahmed Bakker")
    assert (
        chooser.heading.text()
        == f"Gewijzigd op een andere pc door Ahmed Bakker om {when_text(theirs.at)}: kies welke blijft"
    )
    lines = [radio.text() for radio in chooser.radios]
    assert any(line.startswith("“Zeist” — Ahmed Bakker, pc ") for line in lines)
    assert any(line.startswith("“Amersfoort” — Marieke de Jong, deze pc, ") for line in lines)
    banner = window.mentor_handover.conflicts.banner
    assert (
        banner.isVisible() and banner.text.text() == "1 wijziging botst met die van een andere pc: kies welke blijft."
    )

    # "Deze houden" stays off until a value is picked; then Zeist (the other pc's) is kept.
    assert not chooser.keep.isEnabled()
    zeist = next(i for i, line in enumerate(lines) if "Zeist" in line)
    qtbot.mouseClick(chooser.radios[zeist], Qt.MouseButton.LeftButton)
    assert chooser.keep.isEnabled()
    with qtbot.waitSignal(window.mentor_handover.conflicts.resolved, timeout=10_000):
        qtbot.mouseClick(chooser.keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.findChildren(ConflictChooser) and city.widget.text() == "Zeist", timeout=10_000)
    assert not banner.isVisible()
    assert _conflicts(ctx) == [] and DossierService(ctx).get(youth_id).city == "Zeist"

    # The card empties; and the choice travels to the other pc.
    window.show_page(PAGE_VANDAAG)
    qtbot.waitUntil(lambda: card.model.rowCount() == 0 and card.empty.isVisible(), timeout=10_000)
    assert card.empty.text() == "Geen conflicten tussen de pc's van de school."
    _sync(ctx, other_pc)
    assert _conflicts(other_pc) == [] and DossierService(other_pc).get(youth_id).city == "Zeist"


def test_a_change_arriving_while_the_dossier_is_open_is_not_overwritten(qtbot, ctx, other_pc, make_window) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values(city="Utrecht", phone=None))
    _sync(ctx, other_pc)
    window = make_window(ctx)
    editor = _open(qtbot, window, youth_id)
    editor.autosave_delay_ms = 10

    # Meanwhile on the other pc: the city changes, and the sync brings it here while the dossier is open.
    DossierService(other_pc).update_fields(youth_id, {"city": "Zeist"})
    _sync(ctx, other_pc)
    assert DossierService(ctx).get(youth_id).city == "Zeist"

    # The mentor here, still looking at "Utrecht", types another city: kept beside Zeist, not over it.
    city = editor.editors["city"].widget
    city.selectAll()
    qtbot.keyClicks(city, "Amersfoort")
    editor.flush()
    chooser = _chooser(qtbot, editor)
    assert chooser.heading.text().startswith("Gewijzigd op een andere pc door Ahmed Bakker om ")
    qtbot.waitUntil(lambda: editor.editors["city"].widget.text() == "Zeist", timeout=10_000)  # shown: the other's
    (conflict,) = _conflicts(ctx)
    assert {a.value for a in conflict.alternatives} == {"Zeist", "Amersfoort"}
    assert DossierService(ctx).get(youth_id).city == "Zeist"

    # Another field saves as usual, with no conflict.
    phone = editor.editors["phone"].widget
    qtbot.keyClicks(phone, "0612345678")
    editor.flush()
    qtbot.waitUntil(lambda: DossierService(ctx).get(youth_id).phone not in (None, ""), timeout=10_000)
    assert len(_conflicts(ctx)) == 1

    # Keep "Amersfoort" (this pc's): the field shows it, the other pc gets it.
    amersfoort = next(i for i, r in enumerate(chooser.radios) if "Amersfoort" in r.text())
    chooser.choose(amersfoort)
    qtbot.waitUntil(lambda: editor.editors["city"].widget.text() == "Amersfoort", timeout=10_000)
    qtbot.waitUntil(lambda: not editor.findChildren(ConflictChooser), timeout=10_000)
    _sync(ctx, other_pc)
    assert DossierService(other_pc).get(youth_id).city == "Amersfoort" and _conflicts(other_pc) == []


def test_a_conflict_brought_by_a_sync_shows_in_the_open_dossier(qtbot, ctx, other_pc, make_window) -> None:
    youth_id = DossierService(ctx).create_youth(youth_values(city="Utrecht"))
    _sync(ctx, other_pc)
    window = make_window(ctx)
    editor = _open(qtbot, window, youth_id)
    qtbot.wait(200)
    assert not editor.findChildren(ConflictChooser)
    # Both pc's changed it (here through the service, as a sync engine's own write would), then they synced.
    DossierService(ctx).update_fields(youth_id, {"city": "Amersfoort"})
    DossierService(other_pc).update_fields(youth_id, {"city": "Zeist"})
    _sync(ctx, other_pc)
    window._data_changed()  # what the window does when a sync finished: the lists load again
    chooser = _chooser(qtbot, editor)
    assert chooser.parentWidget() is editor.editors["city"].row
    assert {r.text().split("”")[0].lstrip("“") for r in chooser.radios} == {"Amersfoort", "Zeist"}


def test_a_contact_changed_on_both_pcs_is_chosen_above_the_list(qtbot, ctx, other_pc, make_window) -> None:
    here = DossierService(ctx)
    youth_id = here.create_youth(youth_values())
    contact = here.add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos", "is_fixed_contact": True})
    _sync(ctx, other_pc)
    here.update_item(youth_id, "contacts", contact, {"phone": "0612345678"})
    DossierService(other_pc).update_item(youth_id, "contacts", contact, {"phone": "0687654321"})
    _sync(ctx, other_pc)
    window = make_window(ctx)
    editor = _open(qtbot, window, youth_id)
    chooser = _chooser(qtbot, editor)
    contacts = editor.lists["contacts"]
    layout = contacts.parentWidget().layout()
    assert chooser.parentWidget() is contacts.parentWidget()
    assert layout.indexOf(chooser) == layout.indexOf(contacts) - 1  # right above the list
    assert chooser.heading.text().startswith("Betrokkene “Els Bos”: Telefoon: gewijzigd op een andere pc door ")
    theirs = next(i for i, r in enumerate(chooser.radios) if "Ahmed Bakker" in r.text())
    chooser.choose(theirs)
    qtbot.waitUntil(lambda: not editor.findChildren(ConflictChooser), timeout=10_000)
    assert DossierService(ctx).get(youth_id).contacts[0].phone == "06 87654321"
