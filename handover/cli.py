"""The ``handover`` command. With no subcommand it starts the desktop app.

Exit codes: 0 success, 2 bad usage or input, 1 other errors. Messages go to stderr in plain Dutch.
Other packages add subcommands through a ``register(subparsers)`` function in the modules named
in EXTENSIONS, so this file stays the single entry point without knowing every feature.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from handover import __version__, paths
from handover.domain.validation import ValidationFailed
from handover.secrets import SecretStoreError, passphrase_from_environment, secure_keyring_backend
from handover.store.database import StoreError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXTENSIONS = ("handover.reports.cli", "handover.sync.cli")
DEMO_SCHOOL = {
    "org_name": "Praktijkschool De Brug",
    "brin": "12AB",
    "user_name": "Marieke de Jong",
    "recipient": "Werk en Inkomen gemeente Utrecht",
}


class UsageError(Exception):
    """Bad input from the user: exit code 2."""


def say(message: str) -> None:
    print(message, file=sys.stderr)


def data_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else paths.default_data_dir()


def passphrase_of(args: argparse.Namespace) -> str | None:
    return passphrase_from_environment(Path(args.passphrase_file) if args.passphrase_file else None)


def open_context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from handover.services.app import open_app

    return open_app(data_dir_of(args), passphrase=passphrase_of(args))


def resolve_youth(ctx, ident: str) -> str:  # type: ignore[no-untyped-def]
    """A full id, or a unique prefix of at least 6 characters as printed by ``list``."""
    from sqlalchemy import select

    from handover.store.models import Youth

    ident = ident.strip().lower()
    with ctx.session() as session:
        if len(ident) < 6:
            raise UsageError("Geef minstens de eerste 6 tekens van het id (zie 'handover list').")
        found = session.scalars(select(Youth.id).where(Youth.id.like(ident + "%"))).all()
    if len(found) != 1:
        raise UsageError(f"Geen jongere gevonden met id {ident}." if not found else f"Id {ident} is niet uniek.")
    return found[0]


# -- commands ----------------------------------------------------------------------------------


def _ask(value: str | None, prompt: str, name: str) -> str:
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        answer = input(prompt).strip()
        if answer:
            return answer
    raise UsageError(f"{name} ontbreekt.")


def _new_passphrase(args: argparse.Namespace) -> str | None:
    """None means: use the OS keychain. Without one, a passphrase is required."""
    from handover import frozen

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


def cmd_init(args: argparse.Namespace) -> int:
    from handover.services.app import initialise

    org = _ask(args.org, "Naam van de school (of gemeente): ", "De naam van de organisatie (--org)")
    user = _ask(args.user, "Uw naam: ", "Uw naam (--user)")
    ctx, code = initialise(
        data_dir_of(args),
        org_name=org,
        user_name=user,
        role=args.role,
        brin=args.brin or "",
        recipient=args.recipient or "",
        passphrase=_new_passphrase(args),
    )
    ctx.close()
    print_recovery(code)
    return EXIT_OK


def print_recovery(code: str) -> None:
    print("Gegevensmap aangemaakt.")
    print("HERSTELCODE (bewaar deze op papier, op een veilige plek; hij wordt maar één keer getoond):")
    print(f"  {code}")


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from handover.services.app import initialise
    from handover.services.demo import build_demo
    from handover.store.workspace import is_initialised

    if args.youths < 1 or args.youths > 100_000:
        raise UsageError("--youths moet tussen 1 en 100000 liggen.")
    data_dir = data_dir_of(args)
    started = time.perf_counter()
    if is_initialised(data_dir):
        ctx = open_context(args)
    else:
        ctx, code = initialise(data_dir, passphrase=_new_passphrase(args), **DEMO_SCHOOL)
        print_recovery(code)
    try:

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total} jongeren", end="", file=sys.stderr, flush=True)

        ids = build_demo(ctx, args.youths, args.seed, progress=progress)
    finally:
        ctx.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{len(ids)} demojongeren aangemaakt in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def _fmt_date(day: Any) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def cmd_list(args: argparse.Namespace) -> int:
    from handover.domain.vocab import HANDOVER_STATUS, ROUTE
    from handover.services import queries

    ctx = open_context(args)
    try:
        rows = queries.youth_rows(ctx)
        label = ""
        if args.due or args.overdue:
            checkins = queries.due_this_week(ctx) if args.due else queries.overdue_checkins(ctx)
            first: dict[str, Any] = {}
            for c in checkins:
                first.setdefault(c.youth_id, c)
            rows = [r for r in rows if r.id in first]
            rows.sort(key=lambda r: first[r.id].due_date)
            label = "te laat sinds" if args.overdue else "deze week"
        for r in rows:
            extra = ""
            if label:
                c = first[r.id]
                extra = f"  [{c.label}, {label} {_fmt_date(c.due_date)}]"
            print(
                f"{r.id[:8]}  {r.name:<32.32}  {ROUTE.label_of(r.route) or '-':<14}  "
                f"{HANDOVER_STATUS.label_of(r.status):<18.18}  volgende: {_fmt_date(r.next_checkin)}{extra}"
            )
        if not rows:
            say("Geen jongeren gevonden.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from handover.services.records import RecordsService

    ctx = open_context(args)
    try:
        out = RecordsService(ctx).export_subject_access(resolve_youth(ctx, args.youth), Path(args.out))
    finally:
        ctx.close()
    say(f"Alle gegevens van deze jongere staan in {out}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from handover.services.importer import ImportFileError, import_csv

    ctx = open_context(args)
    try:
        try:
            report = import_csv(ctx, Path(args.csv), dry_run=args.dry_run)
        except (ImportFileError, OSError) as exc:
            raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    for line, reason in report.rejected:
        say(f"regel {line}: niet ingelezen: {reason}")
    for line, reason in report.skipped:
        say(f"regel {line}: overgeslagen: {reason}")
    verb = "zouden worden ingelezen" if args.dry_run else "ingelezen"
    print(
        f"{len(report.imported)} jongeren {verb}, {len(report.skipped)} overgeslagen, "
        f"{len(report.rejected)} met fouten."
    )
    return EXIT_USAGE if report.rejected else EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from handover.store.audit import verify

    ctx = open_context(args)
    try:
        with ctx.session() as session:
            report = verify(session)
    finally:
        ctx.close()
    if report.ok:
        print(f"Het auditlog is in orde: {report.events} gebeurtenissen, keten ongeschonden.")
        return EXIT_OK
    say(f"Het auditlog is NIET in orde: {report.problem}.")
    return EXIT_ERROR


def cmd_recover(args: argparse.Namespace) -> int:
    from handover.services.app import recover

    ctx = recover(data_dir_of(args), args.code, passphrase=passphrase_of(args))
    ctx.close()
    say("De toegang tot de gegevens is hersteld.")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from handover.ui.app import run_gui

    return run_gui(
        data_dir=Path(args.data_dir).expanduser() if args.data_dir else None,
        demo=args.demo,
        passphrase=passphrase_of(args),
    )


# -- parser ------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="handover", description="Overstap: overstapdossiers en begeleiding na school.")
    parser.add_argument("--version", action="version", version=f"Overstap {__version__}")
    parser.add_argument("--data-dir", help=f"gegevensmap (of {paths.DATA_DIR_ENV})")
    parser.add_argument("--passphrase-file", help="bestand met het wachtwoord (wachtwoordmodus)")
    parser.add_argument("--demo", action="store_true", help="open de app met demogegevens in een tijdelijke map")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    sub.add_parser("gui", help="start de app (standaard)").set_defaults(func=cmd_gui)

    p = sub.add_parser("init", help="maak een nieuwe gegevensmap")
    p.add_argument("--org", help="naam van de school (of gemeente)")
    p.add_argument("--brin", help="BRIN-code van de school")
    p.add_argument("--user", help="uw naam")
    p.add_argument("--role", choices=["school", "gemeente"], default="school")
    p.add_argument("--recipient", help="naam van Werk en Inkomen van uw gemeente")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="maak demogegevens (verzonnen jongeren)")
    p.add_argument("--youths", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", help="lijst van jongeren")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--due", action="store_true", help="alleen met een contactmoment deze week")
    group.add_argument("--overdue", action="store_true", help="alleen met een contactmoment dat te laat is")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("export", help="alle gegevens van één jongere (inzageverzoek) als JSON")
    p.add_argument("--youth", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="jongeren inlezen uit een CSV-bestand van de leerlingadministratie")
    p.add_argument("--csv", required=True)
    p.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("audit", help="auditlog")
    p.add_argument("action", choices=["verify"])
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("recover", help="toegang herstellen met de herstelcode")
    p.add_argument("--code", required=True)
    p.set_defaults(func=cmd_recover)

    for module_name in EXTENSIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_gui)
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints no data, only the kind
        say(f"Er ging iets mis ({type(exc).__name__}). Er is niets half opgeslagen.")
        if "--debug" in sys.argv or __import__("os").environ.get("HANDOVER_DEBUG"):
            raise
        return EXIT_ERROR


def main() -> None:
    # The sync's encryption worker (multiprocessing, 'spawn') re-runs a frozen executable; this
    # makes such a run do the worker's job and exit. A no-op when not frozen.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run())


if __name__ == "__main__":
    main()
