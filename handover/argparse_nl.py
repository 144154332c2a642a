"""An argparse parser that speaks Dutch: usage, help, and every usage error.

argparse builds its texts through the module's ``_`` and ``ngettext`` (gettext hooks). This parser
swaps in a Dutch table while it builds, parses and formats, and puts the English back afterwards, so
nothing else in the process that uses argparse (pytest, uvicorn) changes language. It also gives each
option a Dutch placeholder (``--youth ID`` rather than ``--youth YOUTH``).

Used by both ``handover`` (handover.cli) and ``handover-server`` (handover.server.cli); a foundation
module, so it imports nothing else of handover.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

# argparse's message ids (Python 3.11 to 3.13) -> Dutch. Developer-only errors (conflicting option
# strings, bad add_argument calls) stay English: no user ever sees them.
DUTCH: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "mag niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde (%r)",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "one of the arguments %s is required": "een van deze argumenten is verplicht: %s",
    "expected one argument": "hier hoort één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "option '%(option)s' is deprecated": "optie '%(option)s' verdwijnt binnenkort",
    "command '%(parser_name)s' is deprecated": "opdracht '%(parser_name)s' verdwijnt binnenkort",
    "argument '%(argument_name)s' is deprecated": "argument '%(argument_name)s' verdwijnt binnenkort",
}
DUTCH_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("hier hoort %s waarde achter", "hier horen %s waarden achter"),
    "conflicting option string: %s": ("conflicting option string: %s", "conflicting option strings: %s"),
}

# Placeholders by destination name; an option not listed keeps its own (uppercase) name.
METAVARS: dict[str, str] = {
    "data_dir": "MAP",
    "passphrase_file": "BESTAND",
    "code_file": "BESTAND",
    "csv": "BESTAND",
    "out": "PAD",
    "single": "BESTAND",
    "youth": "ID",
    "dossier": "ID",
    "org": "NAAM",
    "user": "NAAM",
    "name": "NAAM",
    "school": "SCHOOL",
    "gemeente": "GEMEENTE",
    "recipient": "ONTVANGER",
    "brin": "CODE",
    "code": "CODE",
    "youths": "AANTAL",
    "seed": "GETAL",
    "cohort": "JAAR",
    "server": "URL",
    "db": "URL",
    "host": "ADRES",
    "port": "POORT",
    "tls_cert": "BESTAND",
    "tls_key": "BESTAND",
    "detail": "TEKST",
    "older_than": "DAGEN",
    "days": "DAGEN",
    "limit": "AANTAL",
    "command": "OPDRACHT",
}


def _dutch(message: str) -> str:
    return DUTCH.get(message, message)


def _dutch_n(singular: str, plural: str, n: int) -> str:
    one, many = DUTCH_PLURAL.get(singular, (singular, plural))
    return one if n == 1 else many


_swap_lock = threading.Lock()
_swap_depth = 0
_english: tuple[Any, Any] | None = None


@contextlib.contextmanager
def dutch_messages() -> Iterator[None]:
    """argparse's gettext hooks point at the Dutch table inside this block (re-entrant, and safe when
    two threads parse at once: the English hooks come back when the last block ends, never a Dutch
    one saved by a block that began while another was open)."""
    global _swap_depth, _english
    with _swap_lock:
        if _swap_depth == 0:
            _english = argparse._, argparse.ngettext  # type: ignore[attr-defined]
            argparse._, argparse.ngettext = _dutch, _dutch_n  # type: ignore[attr-defined]
        _swap_depth += 1
    try:
        yield
    finally:
        with _swap_lock:
            _swap_depth -= 1
            if _swap_depth == 0 and _english is not None:
                argparse._, argparse.ngettext = _english  # type: ignore[attr-defined]
                _english = None


class DutchArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with Dutch usage, help and errors (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with dutch_messages():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("metavar", METAVARS["command"])
        kwargs.setdefault("title", "opdrachten")
        with dutch_messages():
            return super().add_subparsers(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with dutch_messages():  # "unrecognized arguments" is raised here, after parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._dutch_placeholders()
        with dutch_messages():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._dutch_placeholders()
        with dutch_messages():
            return super().format_usage()

    def format_help(self) -> str:
        self._dutch_placeholders()
        with dutch_messages():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with dutch_messages():
            super().error(message)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # "invalid int value: 'x'" names a Python type; say what was expected instead.
        if action.type is int:
            try:
                return int(arg_string)
            except ValueError:
                raise argparse.ArgumentError(action, f"{arg_string!r} is geen heel getal") from None
        return super()._get_value(action, arg_string)

    def _dutch_placeholders(self) -> None:
        for action in self._actions:
            if isinstance(action, argparse._VersionAction) and action.help == "show program's version number and exit":
                action.help = DUTCH[action.help]
            if action.metavar is not None or action.nargs == 0 or isinstance(action, argparse._SubParsersAction):
                continue
            if action.choices is None and action.dest in METAVARS:
                action.metavar = METAVARS[action.dest]
            elif action.choices is not None and not action.option_strings:
                # A positional is named by its (English) dest in errors; its choices say it better.
                action.metavar = "{" + ",".join(map(str, action.choices)) + "}"
