"""Text from elsewhere (received messages, the server's directory) made safe to print or show.

A control character in a name or text from another organisation could move the cursor, recolour
or clear a terminal (ANSI escape sequences), overwrite a line (carriage return), or reverse what
a reader sees (Unicode bidirectional overrides). They are removed before anything is stored,
printed or shown; newlines and tabs stay in multi-line texts, and names become one line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n\u2028\u2029]+")


def strip_control(text: str) -> str:
    """``text`` without control characters; newlines and tabs stay (a carriage return goes)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """For names: no control characters and no line breaks (a break becomes one space)."""
    return _LINE_BREAKS.sub(" ", strip_control(text)).strip()


def clean_received(value: Any) -> Any:
    """Every string in a received JSON value (keys included) through :func:`strip_control`."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, dict):
        return {clean_received(k): clean_received(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_received(v) for v in value]
    return value


def moment_text(value: Any) -> str:
    """A moment as people read it: 12-01-2027 14:03 in local time (stored as naive UTC, ISO text or Unix
    time), a date alone without the time, "" for nothing; text that is not a time as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # naive: UTC, as stored
        return str(moment.astimezone().strftime("%d-%m-%Y %H:%M"))
    if isinstance(value, dt.date):
        return str(value.strftime("%d-%m-%Y"))
    return str(value)
