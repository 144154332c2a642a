"""What every command group of ``handover`` shares: exit codes, usage errors, the data folder and passphrase.

Exit codes: 0 success, 2 bad usage or input, 1 other errors. Messages go to stderr in plain Dutch.
Kept light: the services, the store and the crypto stack are imported when a command runs.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from handover import frozen, paths
from handover.secrets import passphrase_from_environment, secure_keyring_backend

if TYPE_CHECKING:
    from handover.services.context import AppContext

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: exit code 2."""


class UsageParser(argparse.ArgumentParser):
    """An argument parser whose errors become a :class:`UsageError` (exit code 2, one Dutch line)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[UsageParser]


def say(message: str) -> None:
    print(message, file=sys.stderr)


def data_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else paths.default_data_dir()


def passphrase_of(args: argparse.Namespace) -> str | None:
    return passphrase_from_environment(Path(args.passphrase_file) if args.passphrase_file else None)


def new_passphrase(args: argparse.Namespace) -> str | None:
    """For a new data folder. None means: use the OS keychain. Without one, a passphrase is required."""
    passphrase = passphrase_of(args)
    if frozen.requires_passphrase():
        if passphrase:
            return passphrase
        raise UsageError(f"{frozen.PORTABLE_NEEDS_PASSPHRASE} Geef het met HANDOVER_PASSPHRASE of --passphrase-file.")
    if passphrase or secure_keyring_backend() is not None:
        return passphrase
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Er is geen veilige sleutelopslag. Kies een wachtwoord: ")
        if first and first == getpass.getpass("Herhaal het wachtwoord: "):
            return first
        raise UsageError("De wachtwoorden zijn leeg of niet gelijk.")
    raise UsageError(
        "Er is geen veilige sleutelopslag op deze computer. Geef een wachtwoord op met "
        "HANDOVER_PASSPHRASE of --passphrase-file."
    )


def open_context(args: argparse.Namespace) -> AppContext:
    from handover.services.app import open_app

    return open_app(data_dir_of(args), passphrase=passphrase_of(args))


def youth_id_of(ctx: AppContext, ident: str) -> str:
    """The full id of the young person named by ``--youth`` (a full id or a unique prefix of 6+ characters)."""
    from handover.services.queries import UnknownYouth, resolve_youth

    try:
        return resolve_youth(ctx, ident)
    except UnknownYouth as exc:
        raise UsageError(str(exc)) from None
