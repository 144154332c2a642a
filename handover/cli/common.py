"""What every command group of ``handover`` shares: exit codes, usage errors, the data folder and passphrase.

Exit codes: 0 success, 2 bad usage or input, 1 other errors. Messages go to stderr in plain Dutch.
Kept light: the services, the store and the crypto stack are imported when a command runs.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from handover import frozen, paths
from handover.argparse_nl import DutchArgumentParser
from handover.secrets import passphrase_from_environment, passphrase_problem, secure_keyring_backend

if TYPE_CHECKING:
    from handover.services.context import AppContext

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: exit code 2."""


class UsageParser(DutchArgumentParser):
    """A Dutch argument parser whose errors become a :class:`UsageError` (exit code 2, one Dutch line)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[UsageParser]


def say(message: str) -> None:
    print(message, file=sys.stderr)


def describe_os_error(exc: OSError, path: Path | None = None) -> str:
    """A Dutch sentence for a file problem that names the file, instead of "[Errno 13] Permission denied".

    ``path`` names the file when the error itself does not (a failed rename, a full disk)."""
    name = str(exc.filename or path or "het bestand")
    if name.endswith(".tmp"):  # files are written to a temporary name and then renamed: name the file the user chose
        hidden = re.fullmatch(r"\.(.+)\.\d+\.[0-9a-f]+\.tmp", Path(name).name)  # paths.private_write
        name = str(path) if path is not None else str(Path(name).with_name(hidden.group(1))) if hidden else name[:-4]
    if isinstance(exc, FileNotFoundError):
        parent = Path(name).parent if (exc.filename or path) else None
        if parent is not None and str(parent) not in ("", ".") and not parent.exists():
            return f"De map {parent} bestaat niet (voor {name})."
        return f"Het bestand {name} bestaat niet."
    if isinstance(exc, PermissionError):
        return f"U hebt geen toestemming voor {name}. Kies een andere map, of vraag de beheerder om rechten."
    if isinstance(exc, IsADirectoryError):
        return f"{name} is een map; geef een bestandsnaam op."
    if isinstance(exc, NotADirectoryError):
        return f"Een deel van {name} is geen map."
    if isinstance(exc, FileExistsError):
        return f"{name} bestaat al."
    if exc.errno == errno.ENOSPC:
        return f"De schijf is vol: {name} kon niet worden opgeslagen."
    return f"Met {name} ging iets mis (systeemfoutcode {exc.errno}). Controleer de schijf of de netwerkmap."


def data_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else paths.default_data_dir()


def passphrase_of(args: argparse.Namespace) -> str | None:
    return passphrase_from_environment(Path(args.passphrase_file) if args.passphrase_file else None)


def checked_new_passphrase(passphrase: str | None) -> str | None:
    """A passphrase for a new secrets file must follow the one rule the GUI uses too."""
    if passphrase:
        problem = passphrase_problem(passphrase)
        if problem is not None:
            raise UsageError(problem)
    return passphrase


def new_passphrase(args: argparse.Namespace) -> str | None:
    """For a new data folder. None means: use the OS keychain. Without one, a passphrase is required."""
    passphrase = passphrase_of(args)
    if frozen.requires_passphrase():
        if passphrase:
            return checked_new_passphrase(passphrase)
        raise UsageError(f"{frozen.PORTABLE_NEEDS_PASSPHRASE} Geef het met HANDOVER_PASSPHRASE of --passphrase-file.")
    if passphrase or secure_keyring_backend() is not None:
        return checked_new_passphrase(passphrase)
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Er is geen veilige sleutelopslag. Kies een wachtwoord: ")
        checked_new_passphrase(first)
        if first and first == getpass.getpass("Herhaal het wachtwoord: "):
            return first
        raise UsageError("De wachtwoorden zijn leeg of niet gelijk.")
    raise UsageError(
        "Er is geen veilige sleutelopslag op deze computer. Geef een wachtwoord op met "
        "HANDOVER_PASSPHRASE of --passphrase-file."
    )


def add_code_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """``--code`` (for scripts) or ``--code-file``; without either the code is asked at a prompt.

    A code on the command line ends up in the shell history and the process list; a file or the
    prompt keeps it out of both.
    """
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--code", help=f"de {what} (voor scripts; anders --code-file of de vraag)")
    group.add_argument("--code-file", help=f"bestand met de {what} op de eerste regel")


def code_of(args: argparse.Namespace, what: str) -> str:
    """The code from ``--code``, the first line of ``--code-file``, or typed at a hidden prompt."""
    if args.code:
        return str(args.code).strip()
    if args.code_file:
        path = Path(args.code_file).expanduser()
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(
                f"Het bestand {path} kan niet worden gelezen ({getattr(exc, 'strerror', None) or 'geen tekst'})."
            ) from None
        code = lines[0].strip() if lines else ""
        if not code:
            raise UsageError(f"Het bestand {path} bevat geen {what}.")
        return code
    if sys.stdin is not None and sys.stdin.isatty():
        code = getpass.getpass(f"Typ de {what}: ").strip()
        if code:
            return code
    raise UsageError(f"Geef de {what} op: typ hem bij de vraag, of gebruik --code-file BESTAND of --code.")


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
