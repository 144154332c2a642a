"""The lines of a replica message: unpacking and checking the states another PC of the school sent.

A module of its own, light to import, so a worker process can unpack and plan a message
(:func:`prepare_message`) while the sync writes the one before (:mod:`handover.sync.replica`).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from typing import Any

from handover.services.merge_apply import Prepared, prepare_new
from handover.services.merge_bulk import no_gc
from handover.services.merge_capture import ENTITY_MODELS, IncomingState
from handover.sync.errors import Reject

KIND = "replica"  # the message kind (handover.sync.replica)
LINES = 2  # body version from which the states come one per line (version 1: one JSON array)


def _unreadable() -> Reject:
    return Reject("malformed", "Dit bericht van een andere pc is onleesbaar.")


# One JSON value from a position (json.loads without its checks around it).
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def unpack(version: int, count: int, z: str) -> list[IncomingState]:
    """The states of a replica body (its ``version``, ``count`` and ``z``), each checked; raises
    :class:`~handover.sync.errors.Reject` when anything about them is off."""
    try:
        raw = zlib.decompressobj().decompress(base64.b64decode(z, validate=True), 256 * 1024 * 1024)
        if version >= LINES:
            lines = raw.decode("utf-8").split("\n")
            if lines.pop() != "":
                raise _unreadable()
            items = [_line(parts) for parts in (line.split("\t", 3) for line in lines)]
        else:  # version 1 (a PC not updated yet): one JSON array [[entity, id, youth id, state], ...]
            items = [_item(e, i, y, state, None) for e, i, y, state in json.loads(raw)]
    except (ValueError, zlib.error, IndexError, TypeError, StopIteration):
        raise _unreadable() from None
    if len(items) != count:
        raise _unreadable()
    return items


def _line(parts: list[str]) -> IncomingState:
    """One line ``entity TAB id TAB youth id TAB state``: exactly one JSON object after the third tab."""
    entity, entity_id, youth_id, text = parts
    state, end = _SCAN(text, 0)
    if end != len(text):
        raise ValueError("more than one value")
    return _item(entity, entity_id, youth_id, state, text)


def _item(entity: Any, entity_id: Any, youth_id: Any, state: Any, text: str | None) -> IncomingState:
    if not (
        entity in ENTITY_MODELS
        and type(entity_id) is str
        and type(youth_id) is str
        and 0 < len(entity_id) <= 36
        and 0 < len(youth_id) <= 36
        and _valid_state(state)
    ):
        raise ValueError("not a state")
    return IncomingState(entity, entity_id, youth_id, state, text)


def _valid_state(state: Any) -> bool:
    """The shape the merge algebra needs: a context of counters, fields of [device, counter, value]
    siblings, each inside the context and with its write known in ``m``. (One write sets many fields:
    the few distinct dots are collected first, then checked once each.)"""
    if type(state) is not dict:
        return False
    context, meta = state.get("c"), state.get("m")
    if type(context) is not dict or type(meta) is not dict or any(type(v) is not int for v in context.values()):
        return False
    dots: set[tuple[Any, Any]] = set()
    if "v" in state:  # the compact form: one write, one value per field
        write, values = state.get("w"), state["v"]
        if "f" in state or type(write) is not list or len(write) != 2 or type(values) is not dict or not values:
            return False
        dots.add((write[0], write[1]))
    else:
        fields = state.get("f")
        if type(fields) is not dict:
            return False
        add = dots.add
        try:
            for sibs in fields.values():
                if type(sibs) is not list:
                    return False
                for device, counter, _value in sibs:  # (a sibling that is not three values raises)
                    add((device, counter))  # (an unhashable device raises)
        except (TypeError, ValueError):
            return False
    for device, counter in dots:
        if type(device) is not str or type(counter) is not int:
            return False
        known = meta.get(device)
        if type(known) is not dict or str(counter) not in known or counter > context.get(device, 0):
            return False
    return True


def worker_ready() -> bool:
    """The worker's first task: by the time it answers, it has imported what it plans with."""
    return True


def prepare_message(version: int, count: int, z: str) -> Prepared | None:
    """A worker process's part of receiving one replica message on a PC new to its young people: unpack
    and check the states, and plan every row (:func:`handover.services.merge_apply.prepare_new`). None
    when the states are not in order: the sync opens the message itself then, and refuses it."""
    with no_gc():
        try:
            return prepare_new(unpack(version, count, z))
        except Reject:
            return None
