"""The command line in the gemeente role: ``list`` and ``print --youth`` for received dossiers, and the demo.

``list`` and ``print`` are the school's commands; :mod:`handover.cli.core` and :mod:`handover.cli.reports`
hand over to this module when the data folder belongs to Werk en Inkomen.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from handover.cli.common import EXIT_OK, UsageError, say

if TYPE_CHECKING:
    from handover.gemeente.queries import ReceivedRow
    from handover.services.context import AppContext

MIN_ID = 6


def is_gemeente(ctx: AppContext) -> bool:
    from handover.services.settings import get_setting

    with ctx.session() as session:
        return str(get_setting(session, "role")) == "gemeente"


def _rows(ctx: AppContext) -> list[ReceivedRow]:
    from handover.gemeente.queries import received_rows

    with ctx.session() as session:
        return received_rows(session, today=ctx.today())


def cmd_list(ctx: AppContext) -> int:
    """One line per received dossier: 8-character id, name, school, status."""
    rows = _rows(ctx)
    for r in rows:
        status = "toestemming ingetrokken" if r.withdrawn else r.status
        extra = f"  klantmanager: {r.klantmanager}" if r.klantmanager else ""
        print(f"{r.short_id}  {r.name:<32.32}  {r.school:<30.30}  {status}{extra}")
    if not rows:
        say("Nog geen dossiers ontvangen. Haal ze op met 'handover sync'.")
    return EXIT_OK


def received_of(ctx: AppContext, ident: str) -> ReceivedRow:
    """The received dossier an id (or its first 6+ characters) names; a clear Dutch error otherwise."""
    ident = ident.strip().lower()
    if len(ident) < MIN_ID:
        raise UsageError(f"Geef minstens {MIN_ID} tekens van het id (zie 'handover list').")
    found = [r for r in _rows(ctx) if r.record_id.lower().startswith(ident)]
    if not found:
        raise UsageError(f"Geen ontvangen dossier met id {ident} (zie 'handover list').")
    if len(found) > 1:
        raise UsageError(f"Meer dan één ontvangen dossier begint met {ident}; geef meer tekens.")
    return found[0]


def cmd_print(ctx: AppContext, args: argparse.Namespace, target: Path) -> int:
    """``print --youth ID --out F.pdf`` for a received dossier (other print options are the school's)."""
    from handover.gemeente.printing import print_received
    from handover.gemeente.view import NotReadable

    if not args.youth:
        raise UsageError("Werk en Inkomen drukt één ontvangen dossier af: print --youth ID --out BESTAND.pdf.")
    if args.audience != "school" or args.recipient:
        raise UsageError("--for en --recipient horen bij een school; een ontvangen dossier bevat al alleen wat mocht.")
    row = received_of(ctx, args.youth)
    try:
        print_received(ctx, row.sender_org, row.record_id, target)
    except NotReadable as exc:
        raise UsageError(str(exc)) from None
    say(f"Het ontvangen overstapdossier staat in {target}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, print_recovery: Callable[[str], None]) -> int:
    """``demo --rol gemeente``: a gemeente data folder with dossiers received from demo schools.

    ``print_recovery`` shows a new folder's recovery code (the school's demo's own function)."""
    import math
    import time

    from handover.cli.common import data_dir_of, new_passphrase, open_context
    from handover.gemeente.demo import DEMO_GEMEENTE, DEMO_SCHOOLS, build_gemeente_demo
    from handover.services.app import initialise
    from handover.store.workspace import is_initialised

    if args.youths < 1 or args.youths > 2_000:
        raise UsageError("--youths moet bij --rol gemeente tussen 1 en 2000 liggen.")
    data_dir = data_dir_of(args)
    started = time.perf_counter()
    if is_initialised(data_dir):
        ctx = open_context(args)
        if not is_gemeente(ctx):
            ctx.close()
            raise UsageError("Deze gegevensmap is van een school; kies een nieuwe map voor de demo van de gemeente.")
    else:
        ctx, code = initialise(data_dir, passphrase=new_passphrase(args), role="gemeente", **DEMO_GEMEENTE)
        print_recovery(code)
    try:
        schools = min(3, len(DEMO_SCHOOLS))

        def progress(text: str) -> None:
            if sys.stderr.isatty():
                print(text, file=sys.stderr, flush=True)

        outcome = build_gemeente_demo(
            ctx, per_school=math.ceil(args.youths / schools), schools=schools, seed=args.seed, progress=progress
        )
    finally:
        ctx.close()
    print(
        f"{outcome.received} dossiers ontvangen van {len(outcome.schools)} demoscholen "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return EXIT_OK
