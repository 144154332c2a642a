"""The ``handover`` command: one parser over the command groups, and every error mapped to an exit code.

Exit codes: 0 success, 2 bad usage or input, 1 other errors. Messages go to stderr in plain Dutch.
With no subcommand it starts the desktop app. Each command group lives in its own module
(:mod:`~handover.cli.core`, :mod:`~handover.cli.reports`, :mod:`~handover.cli.sync`) and adds its
subcommands here; each imports what its commands need when one of them runs.

Starting the desktop app (no subcommand, or ``gui``) is the path a mentor waits on: :func:`gui_arguments`
recognises it without building the parser, so none of the command groups (nor SQLAlchemy, through
them) is imported before the window's own start-up begins.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from handover import __version__, paths
from handover.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, UsageParser, say

# The options before the subcommand, as build_parser declares them: name -> takes a value.
GLOBAL_OPTIONS = {"--data-dir": True, "--passphrase-file": True, "--demo": False}


def build_parser() -> argparse.ArgumentParser:
    from handover.cli import afspraken, cijfers, closing, core, devices, reports, send, sync

    parser = UsageParser(prog="handover", description="Overstap: overstapdossiers en begeleiding na school.")
    parser.add_argument("--version", action="version", version=f"Overstap {__version__}")
    parser.add_argument("--data-dir", help=f"gegevensmap (of {paths.DATA_DIR_ENV})")
    parser.add_argument("--passphrase-file", help="bestand met het wachtwoord (wachtwoordmodus)")
    parser.add_argument("--demo", action="store_true", help="open de app met demogegevens in een tijdelijke map")
    sub = parser.add_subparsers(dest="command", parser_class=UsageParser)
    core.add_commands(sub)
    reports.add_commands(sub)
    sync.add_commands(sub)
    send.add_commands(sub)
    closing.add_commands(sub)  # afronden: Begeleiding afronden, heropenen, Doorstroompunt
    cijfers.add_commands(sub)  # cijfers: resultaten op een peildatum (issue 12)
    afspraken.add_commands(sub)  # intake, afspraken, afspraak: samen met Werk en Inkomen (issue 10)
    devices.add_commands(sub)  # add-device, join, devices, revoke-device: meer pc's per school (issue 13)
    return parser


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when ``argv`` starts the desktop app: only the global options (``--opt value`` or
    ``--opt=value``), optionally followed by ``gui``. Anything else (another command, ``--help``, an
    abbreviation, a mistake) is None and goes through the full parser, which explains it as before."""
    values: dict[str, str | bool | None] = {"data_dir": None, "passphrase_file": None, "demo": False}
    args = list(argv)
    if args and args[-1] == "gui":
        args.pop()
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if name not in GLOBAL_OPTIONS or (eq and not GLOBAL_OPTIONS[name]):
            return None
        if GLOBAL_OPTIONS[name] and not eq:
            i += 1
            if i == len(args) or args[i].startswith("-"):
                return None
            value = args[i]
        values[name[2:].replace("-", "_")] = value if GLOBAL_OPTIONS[name] else True
        i += 1
    return argparse.Namespace(command="gui" if argv and argv[-1] == "gui" else None, **values)


def run(argv: Sequence[str] | None = None) -> int:
    try:
        gui = gui_arguments(sys.argv[1:] if argv is None else argv)
        if gui is not None:
            from handover.cli.core import cmd_gui

            return cmd_gui(gui)
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
        if func is None:
            from handover.cli.core import cmd_gui as func
        return func(args)
    except UsageError as exc:
        say(f"Fout: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say("Afgebroken.")
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - every error becomes a Dutch sentence and an exit code
        refused = _refused(exc)
        if refused is not None:
            return refused
        if isinstance(exc, BrokenPipeError):  # output piped into head or more that closed early
            return EXIT_OK
        if isinstance(exc, OSError):  # a file that is missing, not allowed, or a full disk: name the file
            from handover.cli.common import describe_os_error

            say(f"Fout: {describe_os_error(exc)} Er is niets half opgeslagen.")
            if os.environ.get("HANDOVER_DEBUG"):
                raise
            return EXIT_ERROR
        # The last line of defence: a sentence, no data and no class name.
        say(
            "Er ging iets onverwachts mis. Er is niets half opgeslagen. Probeer het opnieuw; gebeurt het "
            "weer, start dan met HANDOVER_DEBUG=1 en geef de melding aan de beheerder."
        )
        if "--debug" in sys.argv or os.environ.get("HANDOVER_DEBUG"):
            raise
        return EXIT_ERROR


def _loaded_class(module: str, name: str) -> type[BaseException] | None:
    """An exception class of a module that is already imported (one that raised it is): looked up, not imported,
    so the desktop app's start does not import the store or the domain rules just to name their errors."""
    found = getattr(sys.modules.get(module), name, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def _refused(exc: Exception) -> int | None:
    """Invalid input, or data that cannot be opened: what was wrong, exit code 2. None for other errors."""
    invalid = _loaded_class("handover.domain.validation", "ValidationFailed")
    if invalid is not None and isinstance(exc, invalid):
        say("Niet opgeslagen:")
        for error in exc.errors:  # type: ignore[attr-defined]
            say(f"  - {error.message}")
        return EXIT_USAGE
    for module, name in (("handover.secrets", "SecretStoreError"), ("handover.store.database", "StoreError")):
        refused = _loaded_class(module, name)
        if refused is not None and isinstance(exc, refused):
            say(f"Fout: {exc}")
            return EXIT_USAGE
    return None


def main() -> None:
    # The sync's encryption worker (multiprocessing, 'spawn') re-runs a frozen executable; this
    # makes such a run do the worker's job and exit. A no-op when not frozen.
    import multiprocessing

    multiprocessing.freeze_support()
    paths.use_utf8_console()
    sys.exit(run())
