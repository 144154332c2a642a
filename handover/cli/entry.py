"""The ``handover`` command: one parser over the command groups, and every error mapped to an exit code.

Exit codes: 0 success, 2 bad usage or input, 1 other errors. Messages go to stderr in plain Dutch.
With no subcommand it starts the desktop app. Each command group lives in its own module
(:mod:`~handover.cli.core`, :mod:`~handover.cli.reports`, :mod:`~handover.cli.sync`) and adds its
subcommands here; each imports what its commands need when one of them runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from handover import __version__, paths
from handover.cli import afspraken, cijfers, closing, core, devices, reports, send, sync
from handover.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, UsageParser, say
from handover.domain.validation import ValidationFailed
from handover.secrets import SecretStoreError
from handover.store.database import StoreError


def build_parser() -> argparse.ArgumentParser:
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


def run(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = getattr(args, "func", core.cmd_gui)
        return func(args)
    except UsageError as exc:
        say(f"Fout: {exc}")
        return EXIT_USAGE
    except ValidationFailed as exc:
        say("Niet opgeslagen:")
        for error in exc.errors:
            say(f"  - {error.message}")
        return EXIT_USAGE
    except (SecretStoreError, StoreError) as exc:
        say(f"Fout: {exc}")
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into head or more that closed early
        return EXIT_OK
    except KeyboardInterrupt:
        say("Afgebroken.")
        return EXIT_ERROR
    except OSError as exc:  # a file that is missing, not allowed, or a full disk: name the file, in Dutch
        from handover.cli.common import describe_os_error

        say(f"Fout: {describe_os_error(exc)} Er is niets half opgeslagen.")
        if os.environ.get("HANDOVER_DEBUG"):
            raise
        return EXIT_ERROR
    except Exception:  # noqa: BLE001 - the last line of defence: a sentence, no data and no class name
        say(
            "Er ging iets onverwachts mis. Er is niets half opgeslagen. Probeer het opnieuw; gebeurt het "
            "weer, start dan met HANDOVER_DEBUG=1 en geef de melding aan de beheerder."
        )
        if "--debug" in sys.argv or os.environ.get("HANDOVER_DEBUG"):
            raise
        return EXIT_ERROR


def main() -> None:
    # The sync's encryption worker (multiprocessing, 'spawn') re-runs a frozen executable; this
    # makes such a run do the worker's job and exit. A no-op when not frozen.
    import multiprocessing

    multiprocessing.freeze_support()
    paths.use_utf8_console()
    sys.exit(run())
