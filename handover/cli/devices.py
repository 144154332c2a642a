"""The school's PCs on the command line (issue 13): ``add-device``, ``join``, ``devices``, ``revoke-device``.

``add-device`` prints a one-time code (24 hours) and waits for the new PC; without waiting
(``--no-wait``) the school's keys go over at this PC's next ``handover sync``. On the new PC,
``handover --data-dir D join --server URL --code CODE --user NAAM`` shows the school's name and the
fingerprint of its key to compare with what ``add-device`` printed, unless ``--yes``; a new data
folder is made for it when there is none.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from handover.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    add_code_arguments,
    code_of,
    data_dir_of,
    new_passphrase,
    open_context,
    say,
)

if TYPE_CHECKING:
    import datetime as dt

    from handover.cli.common import Subcommands
    from handover.services.context import AppContext
    from handover.sync.pairing import JoinPreview
    from handover.sync.service import SyncService

DEFAULT_WAIT_MINUTES = 15


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M") if moment is not None else "nooit"


def _service(args: argparse.Namespace) -> tuple[AppContext, SyncService]:
    from handover.sync.service import SyncService

    ctx = open_context(args)
    service = SyncService(ctx)
    service.install_hooks()
    return ctx, service


def _ask(question: str) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        say("Geen bevestiging mogelijk zonder toetsenbord; gebruik --yes.")
        return False
    return input(f"{question} [j/N] ").strip().lower() in ("j", "ja", "y", "yes")


def cmd_add_device(args: argparse.Namespace) -> int:
    from handover.sync.errors import SyncUsageError

    ctx, service = _service(args)
    try:
        code = service.add_device()
        print(f"Koppelcode: {code.code}")
        print(f"Geldig tot {_when(code.expires_at)} (24 uur), één keer te gebruiken.")
        print(f"Vingerafdruk van de school: {service.own_fingerprint()}")
        print("Typ op de nieuwe pc: handover join --server ADRES --code CODE --user NAAM")
        if args.no_wait:
            print("De sleutels van de school gaan naar de nieuwe pc bij de volgende 'handover sync' op deze pc.")
            return EXIT_OK
        print(f"Wacht op de nieuwe pc (hoogstens {args.wait_minutes} minuten; Ctrl+C stopt het wachten) …")
        joined = service.wait_for_device(code, timeout=args.wait_minutes * 60.0, progress=print)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    if joined is None:
        say(
            "De nieuwe pc heeft zich nog niet gemeld. De code blijft geldig tot "
            f"{_when(code.expires_at)}; de sleutels gaan over bij de volgende 'handover sync' op deze pc."
        )
        return EXIT_ERROR
    print("De nieuwe pc hoort nu bij de school.")
    return EXIT_OK


def _confirm(args: argparse.Namespace, preview: JoinPreview) -> bool:
    print(f"School: {preview.org_name}")
    print(f"Vingerafdruk van de school: {preview.fingerprint}")
    print("Vergelijk deze vingerafdruk met wat 'handover add-device' op de andere pc liet zien.")
    if args.yes:
        return True
    return _ask("Klopt de naam en de vingerafdruk?")


def cmd_join(args: argparse.Namespace) -> int:
    from handover.store.workspace import is_initialised
    from handover.sync.client import SyncClient, SyncError, require_secure_url
    from handover.sync.errors import EnrollAborted, SyncUsageError
    from handover.sync.pairing import preview_join

    try:
        require_secure_url(args.server)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    code = code_of(args, "koppelcode")
    user = " ".join(str(args.user or "").split())
    if not user:
        raise UsageError("Geef de naam van wie deze pc gebruikt (--user NAAM).")
    data_dir = data_dir_of(args)
    preview = None
    if not is_initialised(data_dir):
        # A new data folder, named after the school: ask the server which school the code is for first.
        client = SyncClient(args.server)
        try:
            preview = preview_join(client, code)
        except SyncUsageError as exc:
            raise UsageError(str(exc)) from None
        except SyncError as exc:
            raise UsageError(str(exc)) from None
        finally:
            client.close()
        if not _confirm(args, preview):
            say("Koppelen afgebroken. Er is niets geregistreerd; de code blijft geldig.")
            return EXIT_ERROR
        from handover.cli.core import print_recovery
        from handover.services.app import initialise

        ctx, recovery = initialise(
            data_dir, org_name=preview.org_name, user_name=user, role="school", passphrase=new_passphrase(args)
        )
        ctx.close()
        print_recovery(recovery)
    ctx, service = _service(args)
    seen = preview
    try:
        outcome = service.join(
            args.server,
            code,
            user,
            # Confirmed above for a new folder: the same key must come back; else ask now.
            confirm=(lambda p: p.fingerprint == seen.fingerprint)
            if seen is not None
            else (lambda p: _confirm(args, p)),
            timeout=args.wait_minutes * 60.0,
            progress=print,
        )
    except EnrollAborted as exc:
        say(str(exc))
        return EXIT_ERROR
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    print(f"Deze pc hoort nu bij {outcome.org_name}. Vingerafdruk: {outcome.fingerprint}")
    print("Synchroniseer om de gegevens van de school op te halen: handover sync")
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    from handover.sync.errors import SyncUsageError

    ctx, service = _service(args)
    try:
        rows = service.devices()
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    print(f"{'ID':<10}{'Gebruiker':<28}{'Laatst gezien':<18}Status")
    for d in rows:
        state = "actief" if d.state == "active" else "ingetrokken"
        mark = " (deze pc)" if d.is_this_pc else ""
        print(f"{d.short_id:<10}{(d.user or 'onbekend')[:26]:<28}{_when(d.last_seen):<18}{state}{mark}")
    return EXIT_OK


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from handover.sync.errors import SyncUsageError

    ctx, service = _service(args)
    try:
        if not args.yes:
            from handover.sync.devices import find_device

            target = find_device(service.devices(), args.device)
            print(f"Pc {target.short_id} van {target.user or 'onbekend'} intrekken.")
            print("De server weigert deze pc daarna meteen en de sleutel van de school wordt vervangen.")
            if not _ask("Doorgaan?"):
                say("Niets ingetrokken.")
                return EXIT_ERROR
        revoked = service.revoke_device(args.device)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    print(f"Pc {revoked.short_id} ({revoked.user or 'onbekend'}) is ingetrokken.")
    print(
        "De sleutel van de school is vervangen: nieuwe berichten zijn alleen met de nieuwe sleutel te openen. "
        "Werk en Inkomen krijgt de nieuwe sleutellijst bij de volgende synchronisatie."
    )
    return EXIT_OK


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("add-device", help="school: een pc toevoegen (toont een eenmalige koppelcode)")
    p.add_argument("--no-wait", action="store_true", help="niet wachten; de sleutels gaan bij de volgende sync")
    p.add_argument(
        "--wait-minutes",
        type=int,
        default=DEFAULT_WAIT_MINUTES,
        metavar="AANTAL",
        help=f"minuten wachten op de nieuwe pc (standaard {DEFAULT_WAIT_MINUTES})",
    )
    p.set_defaults(func=cmd_add_device)

    p = sub.add_parser("join", help="deze pc toevoegen aan een school die Overstap al gebruikt")
    p.add_argument(
        "--server", required=True, metavar="ADRES", help="adres van de server, bijv. https://overstap.gemeente.nl"
    )
    add_code_arguments(p, "koppelcode")
    p.add_argument("--user", metavar="NAAM", help="wie deze pc gebruikt")
    p.add_argument("--yes", action="store_true", help="naam en vingerafdruk van de school al vergeleken")
    p.add_argument(
        "--wait-minutes",
        type=int,
        default=DEFAULT_WAIT_MINUTES,
        metavar="AANTAL",
        help=f"minuten wachten tot de andere pc deze pc toelaat (standaard {DEFAULT_WAIT_MINUTES})",
    )
    p.set_defaults(func=cmd_join)

    p = sub.add_parser("devices", help="school: de pc's van deze school")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("revoke-device", help="school: een pc intrekken (verloren of ingeleverd)")
    p.add_argument("--device", required=True, metavar="ID", help="id van de pc (de 8 tekens uit 'handover devices')")
    p.add_argument("--yes", action="store_true", help="niet vragen om bevestiging")
    p.set_defaults(func=cmd_revoke_device)
