"""``handover send``: the mentor sends dossiers to Werk en Inkomen deliberately.

It first prints which sections go to which gemeente, per the consent, and asks (``--yes`` for
scripts). ``--all`` offers every dossier that qualifies but was never sent (after enrolling,
nothing from the past goes out by itself). After a first send, later changes within the consent
follow with every sync (a setting, on by default).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from handover.cli.common import EXIT_ERROR, EXIT_OK, UsageError, say, youth_id_of

if TYPE_CHECKING:
    from handover.cli.common import Subcommands
    from handover.sync.sending import SendPreview


def _line(preview: SendPreview) -> str:
    if preview.problem is not None:
        return f"{preview.youth_id[:8]}  {preview.name}: kan niet worden verstuurd ({preview.problem})"
    health = " (met gezondheid)" if preview.includes_health else ""
    return (
        f"{preview.youth_id[:8]}  {preview.name} → {preview.gemeente}: onderdelen {', '.join(preview.sections)}{health}"
    )


def _confirm(args: argparse.Namespace, count: int) -> bool:
    if args.yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        say("Er is niets verstuurd: bevestigen kan alleen met een toetsenbord, of met --yes.")
        return False
    return input(f"{count} dossier(s) versturen? [j/N] ").strip().lower() in ("j", "ja", "y", "yes")


def cmd_send(args: argparse.Namespace) -> int:
    from handover.cli.sync import _run_sync, _service
    from handover.sync.service import SyncUsageError

    ctx, service = _service(args)
    try:
        if args.all:
            previews = service.qualifying()
            if not previews:
                print("Er is niets dat nog verstuurd kan worden.")
                return EXIT_OK
        else:
            previews = service.preview_send([youth_id_of(ctx, args.youth)])
        for preview in previews:
            print(_line(preview))
        ready = [p for p in previews if p.problem is None]
        if not ready:
            say("Er is niets verstuurd.")
            return EXIT_ERROR
        if not _confirm(args, len(ready)):
            return EXIT_ERROR
        service.send([p.youth_id for p in ready])
        print(f"{len(ready)} dossier(s) gaan nu naar Werk en Inkomen; latere wijzigingen gaan automatisch mee.")
        return _run_sync(service)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("send", help="school: dossiers bewust versturen naar Werk en Inkomen")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--youth", help="id (of begin daarvan) van de jongere")
    which.add_argument("--all", action="store_true", help="alles wat kan en nog nooit verstuurd is")
    p.add_argument("--yes", action="store_true", help="niet vragen (voor scripts)")
    p.set_defaults(func=cmd_send)
