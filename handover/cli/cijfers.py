"""``handover cijfers``: the situation of everyone in follow-up on a peildatum, per vertrekjaar and situatie.

    handover cijfers --peildatum 2026-11-01                          (table on the screen)
    handover cijfers --peildatum 2026-11-01 --csv cijfers.csv        (CSV: ; and UTF-8 with BOM, column aantal)
    handover cijfers --peildatum 2026-11-01 --csv F --voor-gemeente  (the copy that leaves the school: <5)
    handover cijfers --peildatum 2026-11-01 --volledig --csv F       (every figure: T+6/12/24, percentages)
    handover cijfers --peildatum 2025-11-01 --vastleggen             (freeze it; an earlier year: achteraf berekend)
    handover cijfers --peildatum 2026-11-01 --verstuur [--yes]       (anonymised, to the enrolled gemeente)

The counts come from the frozen snapshot when that peildatum was taken, otherwise from the check-in
history (the first line on stderr says which). In the gemeente role the same command shows Regio: the
figures the schools sent for that peildatum side by side with the total (``--csv F`` to export).
Exit codes as the rest of the CLI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handover.cli.common import EXIT_ERROR, EXIT_OK, UsageError, describe_os_error, open_context, say

if TYPE_CHECKING:
    from handover.cli.common import Subcommands


def parse_peildatum(raw: str) -> dt.date:
    """JJJJ-MM-DD (also DD-MM-JJJJ, as the rest of the app writes dates)."""
    text = raw.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UsageError(f"'{raw}' is geen datum; schrijf de peildatum als JJJJ-MM-DD, bijvoorbeeld 2026-11-01.")


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("cijfers", help="resultaten op een peildatum: per vertrekjaar en situatie het aantal")
    p.add_argument("--peildatum", required=True, metavar="jjjj-mm-dd", help="meestal 1 november")
    p.add_argument("--csv", metavar="BESTAND", help="schrijf de cijfers als CSV (voor Excel)")
    p.add_argument(
        "--voor-gemeente",
        action="store_true",
        dest="for_gemeente",
        help="de kopie die de school verlaat: geen namen of nummers, aantallen onder 5 als <5",
    )
    p.add_argument(
        "--volledig", action="store_true", help="alle cijfers: na 6, 12 en 24 maanden, peildata en percentages"
    )
    p.add_argument("--vastleggen", action="store_true", help="leg deze peildatum vast (daarna verandert hij niet meer)")
    p.add_argument("--verstuur", action="store_true", help="verstuur de geanonimiseerde cijfers naar de gemeente")
    p.add_argument("--gemeente", metavar="GEMEENTE", help="bij --verstuur: alleen naar deze gemeente (id)")
    p.add_argument("--yes", action="store_true", help="bij --verstuur: niet vragen (voor scripts)")
    p.set_defaults(func=cmd_cijfers)


def _target(raw: str) -> Path:
    path = Path(raw).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is een map; geef een bestandsnaam op, bijvoorbeeld cijfers.csv.")
    if not path.parent.is_dir():
        raise UsageError(f"De map {path.parent} bestaat niet.")
    return path


def _print_table(rows: list[list[object]]) -> None:
    header = ["vertrekjaar", "schoolsoort", "situatie", "aantal"]
    table = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) if i < 3 else cell.rjust(widths[i]) for i, cell in enumerate(row)))


def cmd_cijfers(args: argparse.Namespace) -> int:
    from handover.services.outcomes import cohort_figures, latest_reference_date
    from handover.services.outcomes_export import (
        figures_csv,
        figures_for_gemeente,
        peildatum_counts,
        peildatum_csv,
        peildatum_rows,
    )
    from handover.services.outcomes_snapshots import SnapshotRefused, take_snapshot
    from handover.services.settings import get_setting
    from handover.store import audit

    peildatum = parse_peildatum(args.peildatum)
    target = _target(args.csv) if args.csv else None
    if args.volledig and target is None:
        raise UsageError("--volledig hoort bij --csv BESTAND.")
    if args.gemeente and not args.verstuur:
        raise UsageError("--gemeente hoort bij --verstuur.")
    ctx = open_context(args)
    try:
        today = ctx.today()
        with ctx.session() as session:
            role = get_setting(session, "role") or "school"
        if role == "gemeente":
            return _regio(args, ctx, peildatum, target)
        if peildatum > today:
            raise UsageError(f"De peildatum {peildatum:%d-%m-%Y} ligt in de toekomst.")
        if args.vastleggen:
            try:
                with ctx.session() as session:
                    info = take_snapshot(
                        session,
                        peildatum,
                        today=today,
                        actor=ctx.actor,
                        retroactive=peildatum != latest_reference_date(today),
                    )
            except SnapshotRefused as exc:
                raise UsageError(str(exc)) from None
            say(f"Peildatum {peildatum:%d-%m-%Y} vastgelegd: {info.count} jongeren ({info.how.lower()}).")
        with ctx.session() as session:
            counts = peildatum_counts(session, peildatum, today=today)
        say(f"Peildatum {peildatum:%d-%m-%Y}: {counts.source}. {counts.total()} jongeren in de nazorg.")
        if args.for_gemeente:
            say(
                "Geanonimiseerd: geen namen of nummers, aantallen onder 5 staan er als <5; waar een <5 anders uit "
                "een totaal terug te rekenen is, staat ook een groter aantal er als x."
            )
        if target is not None:
            if args.volledig:
                with ctx.session() as session:
                    figs = cohort_figures(session, today=min(peildatum, today))
                write = lambda: figures_csv(figs, target, for_gemeente=args.for_gemeente)  # noqa: E731
            else:
                write = lambda: peildatum_csv(counts, target, for_gemeente=args.for_gemeente)  # noqa: E731
            try:
                with ctx.session() as session:
                    audit.record(
                        session,
                        ctx.actor,
                        "export",
                        "cijfers",
                        peildatum.isoformat(),
                        output="csv",
                        anonymised=args.for_gemeente,
                        full=args.volledig,
                    )
                    write()
            except OSError as exc:
                say(f"Fout: het CSV-bestand is niet opgeslagen. {describe_os_error(exc, target)}")
                return EXIT_ERROR
            say(f"De cijfers staan in {target}.")
        elif not args.verstuur:
            _print_table(list(peildatum_rows(counts, for_gemeente=args.for_gemeente)))
        if args.verstuur:
            return _send(args, ctx, peildatum, figures_for_gemeente)
        return EXIT_OK
    finally:
        ctx.close()


def _regio(args: argparse.Namespace, ctx, peildatum: dt.date, target: Path | None) -> int:  # type: ignore[no-untyped-def]
    """The gemeente: the schools' figures side by side and the total (Regio), on screen or as CSV."""
    from handover.gemeente.regio import regional_csv, regional_table
    from handover.store import audit

    if args.for_gemeente or args.vastleggen or args.verstuur or args.volledig:
        raise UsageError("Bij de gemeente horen alleen --peildatum en --csv: het overzicht van de regio.")
    with ctx.session() as session:
        region = regional_table(session, peildatum)
    if not region.peildata:
        raise UsageError("Er zijn nog geen cijfers van scholen ontvangen.")
    if region.peildatum not in region.peildata:
        raise UsageError(
            f"Geen cijfers ontvangen op {peildatum:%d-%m-%Y}; wel op: "
            + ", ".join(f"{dt.date.fromisoformat(d):%d-%m-%Y}" for d in region.peildata)
            + "."
        )
    say(region.note)
    if target is not None:
        try:
            with ctx.session() as session:
                audit.record(session, ctx.actor, "export", "regio", peildatum.isoformat(), output="csv")
                regional_csv(region, target)
        except OSError as exc:
            say(f"Fout: het CSV-bestand is niet opgeslagen. {describe_os_error(exc, target)}")
            return EXIT_ERROR
        say(f"Het overzicht van de regio staat in {target}.")
        return EXIT_OK
    header = ["vertrekjaar", "schoolsoort", "onderdeel", "situatie", *[s.name for s in region.schools], "totaal"]
    rows = [[str(r.cohort), r.school_type or "onbekend", r.part, r.situation, *r.cells, r.total] for r in region.rows]
    print(";".join(header))
    for row in rows:
        print(";".join(row))
    return EXIT_OK


def _send(args: argparse.Namespace, ctx, peildatum: dt.date, build) -> int:  # type: ignore[no-untyped-def]
    from handover.cli.sync import _run_sync
    from handover.sync.service import SyncService, SyncUsageError

    with ctx.session() as session:
        body = build(session, peildatum, today=ctx.today())
    cohorts = sorted({row["vertrekjaar"] for row in body.get("rows", [])})
    print(
        f"Naar de gemeente gaan de geanonimiseerde cijfers op {peildatum:%d-%m-%Y} "
        f"(vertrekjaren {', '.join(map(str, cohorts)) or 'geen'}): geen namen, geen nummers, aantallen onder 5 als <5."
    )
    if not args.yes:
        if sys.stdin is None or not sys.stdin.isatty():
            say("Er is niets verstuurd: bevestigen kan alleen met een toetsenbord, of met --yes.")
            return EXIT_ERROR
        if input("Versturen? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
            say("Er is niets verstuurd.")
            return EXIT_ERROR
    service = SyncService(ctx)
    service.install_hooks()
    try:
        service.send_figures(args.gemeente, body)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    print("De cijfers gaan nu naar de gemeente.")
    return _run_sync(service)
