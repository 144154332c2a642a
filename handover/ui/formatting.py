"""How the shell shows dates and numbers: Dutch conventions (29-11-2026, 10.000)."""

from __future__ import annotations

import datetime as dt


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def fmt_count(number: int) -> str:
    """Thousands separated with a dot, as Dutch readers expect."""
    return f"{number:,}".replace(",", ".")


def lower_first(label: str) -> str:
    """A label in the middle of a sentence: only its first letter lowered, so a name in it keeps its
    capitals ("ontvangen door Werk en Inkomen", not "ontvangen door werk en inkomen")."""
    return label[:1].lower() + label[1:]
