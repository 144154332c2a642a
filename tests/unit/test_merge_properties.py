"""The register algebra converges: any order and any duplication of the same changes, the same state."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from handover.secrets import MemorySecretStore
from handover.services import merge
from handover.services.app import initialise
from handover.services.dossiers import DossierService
from handover.store import merge as reg
from tests.conftest import FIXED_TODAY, youth_values

DEVICES = ("pc-a", "pc-b", "pc-c")
FIELDS = ("city", "phone", "notes", reg.EXISTS)

# One step: (device index, action, field index, value); action "write", "delete", "send" (to another device).
step = st.tuples(
    st.integers(0, 2),
    st.sampled_from(["write", "write", "delete", "send"]),
    st.integers(0, len(FIELDS) - 2),
    st.integers(0, 3),
)


def _run(steps: list[tuple[int, str, int, int]]) -> tuple[list[reg.State], list[reg.State]]:
    """Play the steps on three replicas of one entity; returns (every state sent, final states)."""
    states: list[reg.State] = [reg.empty_state() for _ in DEVICES]
    counters = [0, 0, 0]
    lamport = [0, 0, 0]
    sent: list[reg.State] = []
    for device, action, field, value in steps:
        if action == "send":
            target = (device + 1 + value % 2) % 3
            sent.append(states[device])
            states[target] = reg.join(states[target], states[device])
            continue
        counters[device] += 1
        lamport[device] = max(lamport[device], reg.max_lamport(states[device])) + 1
        dot = {
            "device": DEVICES[device],
            "counter": counters[device],
            "lamport": lamport[device],
            "at": "t",
            "user": "u",
        }
        values: dict[str, Any] = (
            {reg.EXISTS: False} if action == "delete" else {FIELDS[field]: f"v{value}", reg.EXISTS: True}
        )
        states[device] = reg.write(states[device], values, **dot)
    sent.extend(states)
    return sent, states


def _fold(states: list[reg.State]) -> reg.State:
    result = reg.empty_state()
    for state in states:
        result = reg.join(result, state)
    return result


@settings(max_examples=300)
@given(st.lists(step, max_size=40), st.randoms(use_true_random=False), st.integers(0, 3))
def test_any_order_and_duplication_gives_the_same_state(steps, rnd, extra) -> None:  # type: ignore[no-untyped-def]
    sent, finals = _run(steps)
    expected = _fold(sent)
    shuffled = list(sent) + [rnd.choice(sent) for _ in range(extra)] if sent else []
    rnd.shuffle(shuffled)
    assert _fold(shuffled) == expected
    # Every replica that then receives everything holds exactly that state, whatever it had.
    for final in finals:
        assert reg.join(final, expected) == expected == reg.join(expected, final)
    # Idempotent and commutative pairwise.
    if len(sent) >= 2:
        a, b = rnd.sample(sent, 2)
        assert reg.join(a, b) == reg.join(b, a)
        assert reg.join(a, a) == reg.join(reg.empty_state(), a)
        assert reg.join(reg.join(a, b), b) == reg.join(a, b)
    # The value shown is chosen the same way everywhere: it depends on the state only.
    for name in reg.field_names(expected):
        sibs = reg.siblings(expected, name)
        assert reg.shown(sibs, name) == reg.shown(list(reversed(sibs)), name)


@settings(max_examples=200)
@given(st.lists(step, max_size=30))
def test_a_local_write_after_receiving_everything_replaces_every_sibling(steps) -> None:  # type: ignore[no-untyped-def]
    sent, _finals = _run(steps)
    merged = _fold(sent)
    top = max((int(c) for c in merged["c"].values()), default=0) + 1
    chosen = reg.write(merged, {"city": "gekozen"}, device="pc-a", counter=top, lamport=99, at="", user="")
    for other in sent:
        # The choice dominates everything it saw: no state sent before brings the old values back.
        assert reg.fields_of(reg.join(chosen, other))["city"] == [["pc-a", top, "gekozen"]]


def _pc(path: Path) -> Any:
    context, _code = initialise(
        path,
        org_name="Praktijkschool De Brug",
        user_name="Marieke de Jong",
        brin="12AB",
        recipient="Werk en Inkomen gemeente Utrecht",
        secret_store=MemorySecretStore(),
    )
    context.clock = lambda: FIXED_TODAY
    return context


def _take(ctx: Any) -> list[merge.IncomingState]:
    with ctx.session() as session:
        merge.capture(session, ctx.actor)
        return [merge.IncomingState(r.entity, r.entity_id, r.youth_id, r.state) for r in merge.take_dirty(session)]


def test_the_same_changes_in_any_order_give_the_same_canonical_export(tmp_path: Path) -> None:
    """On real workspaces: the messages of three PCs applied in four orders, with repeats."""
    pcs = [_pc(tmp_path / name) for name in ("a", "b", "c")]
    try:
        youth_id = DossierService(pcs[0]).create_youth(youth_values())
        item = DossierService(pcs[0]).add_item(youth_id, "contacts", {"role": "ouder", "name": "Els Bos"})
        messages = _take(pcs[0])
        for ctx in pcs[1:]:
            with ctx.session() as session:
                merge.apply_states(session, ctx.actor, messages)
        DossierService(pcs[0]).update_fields(youth_id, {"city": "Amersfoort"})
        DossierService(pcs[1]).update_fields(youth_id, {"city": "Zeist", "postcode": "3700AA"})
        DossierService(pcs[2]).update_item(youth_id, "contacts", item, {"organisation": "MEE"})
        DossierService(pcs[1]).delete_item(youth_id, "contacts", item)
        DossierService(pcs[2]).add_item(youth_id, "agreements", {"action": "Intake UWV", "organisation": "school"})
        for ctx in pcs:
            messages += _take(ctx)
        hashes = set()
        for seed in range(4):
            rnd = random.Random(seed)
            order = messages + rnd.sample(messages, len(messages) // 2)
            rnd.shuffle(order)
            ctx = _pc(tmp_path / f"leeg{seed}")
            try:
                for start in range(0, len(order), 3):
                    with ctx.session() as session:
                        merge.apply_states(session, ctx.actor, order[start : start + 3])
                with ctx.session() as session:
                    hashes.add(merge.canonical_export_hash(session))
                    found = merge.conflicts(session)
                assert {(c.entity, c.field) for c in found} == {("youth", "city"), ("contacts", reg.EXISTS)}
            finally:
                ctx.close()
        assert len(hashes) == 1
        # The three PCs themselves converge to it once each has everything.
        for ctx in pcs:
            with ctx.session() as session:
                merge.apply_states(session, ctx.actor, messages)
                hashes.add(merge.canonical_export_hash(session))
        assert len(hashes) == 1
    finally:
        for ctx in pcs:
            ctx.close()


def test_a_one_write_state_is_kept_compact_and_reads_the_same_in_either_form() -> None:
    """Nearly every state is one write: stored and sent without the dot repeated per field. A state
    stored in the full form (by an earlier version) reads the same and joins to the same state."""
    dot = {"device": "pc-a", "counter": 3, "lamport": 7, "at": "2026-12-03T08:00:00", "user": "Els"}
    state = reg.write(reg.empty_state(), {"city": "Utrecht", "phone": "0612345678", reg.EXISTS: True}, **dot)
    assert state == {
        "c": {"pc-a": 3},
        "w": ["pc-a", 3],
        "v": {"__exists__": True, "city": "Utrecht", "phone": "0612345678"},
        "m": {"pc-a": {"3": [7, "2026-12-03T08:00:00", "Els"]}},
    }
    full = {"c": state["c"], "f": reg.fields_of(state), "m": state["m"]}
    assert reg.fields_of(full) == {
        "__exists__": [["pc-a", 3, True]],
        "city": [["pc-a", 3, "Utrecht"]],
        "phone": [["pc-a", 3, "0612345678"]],
    }
    assert reg.shown_values(full) == reg.shown_values(state)
    assert reg.siblings(full, "city") == reg.siblings(state, "city")
    assert reg.join(full, state) == reg.join(state, full) == state
    # A concurrent write on another PC: two siblings, the full form; choosing makes one write again.
    other = reg.write(reg.empty_state(), {"city": "Zeist"}, **{**dot, "device": "pc-b", "counter": 1, "lamport": 8})
    both = reg.join(state, other)
    assert "f" in both and reg.has_conflict(both)
    chosen = reg.write(both, {"city": "Zeist", "phone": "0612345678", reg.EXISTS: True}, **{**dot, "counter": 4})
    assert "v" in chosen and not reg.has_conflict(chosen)
