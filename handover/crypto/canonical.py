"""Canonical JSON: the exact bytes that get signed, so signer and verifier agree byte for byte."""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    # Sorted keys, no whitespace, ASCII only: one object has exactly one encoding, and the result
    # never contains a raw newline (the envelope uses newlines as separators).
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")
