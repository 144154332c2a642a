"""Names and texts from received messages lose control characters before they are stored, printed or shown."""

from __future__ import annotations

import json

from handover import wire
from handover.domain.text import clean_received, one_line, strip_control
from handover.sync.messages import DossierBody, StatusBody, decode_body

ESCAPES = "\x1b[2J\x1b[31m"  # clear the screen, then red
BIDI = "\u202e"  # right-to-left override: "fdp.exe" reads as "exe.pdf"


def test_strip_control_keeps_newlines_and_tabs_only() -> None:
    assert strip_control(f"Intake{ESCAPES} op\r\n15 december\t10:00{BIDI}\x00\x7f\x9b") == (
        "Intake[2J[31m op\n15 december\t10:00"
    )
    assert one_line("Kees\nKlantmanager\x1b") == "Kees Klantmanager"
    assert clean_received({"a\x1b": ["b\x07", 1, None, {"c": "d\u2066"}]}) == {"a": ["b", 1, None, {"c": "d"}]}


def test_a_received_status_message_is_cleaned() -> None:
    raw = {
        "type": "statusbericht",
        "dossier_id": "d1",
        "status": "intake_gepland",
        "detail": f"Intake{ESCAPES}\r\n15 december{BIDI}",
        "signer": {"name": f"Kees\n{ESCAPES}Klantmanager", "org_name": "Werk en Inkomen\x1b]0;titel\x07"},
    }
    body = decode_body(json.dumps(raw).encode())
    assert isinstance(body, StatusBody)
    assert body.detail == "Intake[2J[31m\n15 december"
    assert body.signer is not None and body.signer.name == "Kees [2J[31mKlantmanager"
    assert body.signer.org_name == "Werk en Inkomen]0;titel"
    for text in (body.detail, body.signer.name, body.signer.org_name):
        assert "\x1b" not in text and "\r" not in text and BIDI not in text


def test_a_received_dossier_is_cleaned_everywhere() -> None:
    raw = {
        "type": "overstapdossier",
        "school": {"name": "De Brug\x1b[0m\n", "brin": "12AB"},
        "dossier": {
            "last_name": f"Özdemir{BIDI}",
            "strengths": ["sterk\x1b[1m", "punctueel"],
            "notes": "regel 1\nregel 2",
        },
    }
    body = decode_body(json.dumps(raw).encode())
    assert isinstance(body, DossierBody)
    assert body.school is not None and body.school.name == "De Brug[0m"
    assert body.dossier == {"last_name": "Özdemir", "strengths": ["sterk[1m", "punctueel"], "notes": "regel 1\nregel 2"}


def test_names_from_the_server_directory_are_one_line() -> None:
    entry = wire.DirectoryEntry(
        org_id="g",
        name="Gemeente\x1b[2J\nUtrecht",
        kind="gemeente",
        root_public_key="",
        manifest="",
        manifest_signature="",
        fingerprint="",
    )
    assert entry.name == "Gemeente[2J Utrecht"
