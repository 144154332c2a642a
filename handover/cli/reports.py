"""``handover print``: dossiers and lists as PDF from the command line (and Windows Task Scheduler).

    handover --data-dir DIR print --youth ID --out FILE.pdf [--for gemeente]
    handover --data-dir DIR print --cohort YEAR --out DIR            (one file per young person)
    handover --data-dir DIR print --cohort YEAR --single FILE.pdf    (everything in one PDF)
    handover --data-dir DIR print --list due|overdue-agreements --out FILE.pdf
    handover --data-dir DIR print --report cijfers --peildatum 2026-11-01 --out FILE.pdf [--voor-gemeente]
    handover --data-dir DIR print --report peildatum --peildatum 2026-11-01 --out FILE.pdf  (the frozen snapshot)
    handover --data-dir DIR print --youth ID --mijn-overstap --out FILE.pdf  (one page for the young person)

Exit codes as the rest of the CLI: 0 done, 2 bad input, 1 anything else. Messages in Dutch on stderr.
ReportLab is imported when the command runs, not when the parser is built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handover.cli.common import EXIT_ERROR, EXIT_OK, UsageError, describe_os_error, open_context, say, youth_id_of

if TYPE_CHECKING:
    from handover.cli.common import Subcommands
    from handover.services.context import AppContext


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("print", help="overstapdossiers en lijsten afdrukken als PDF")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--youth", help="id (of de eerste 6+ tekens) van één jongere")
    what.add_argument("--cohort", type=int, metavar="JAAR", help="alle jongeren met dit vertrekjaar")
    what.add_argument(
        "--list",
        choices=["due", "overdue-agreements"],
        dest="list_kind",
        help="due: contactmomenten deze maand; overdue-agreements: verlopen afspraken",
    )
    what.add_argument(
        "--report",
        choices=["cijfers", "peildatum"],
        help="cijfers: resultaten per vertrekjaar (met grafieken); peildatum: de vastgelegde peildatum",
    )
    p.add_argument("--peildatum", metavar="jjjj-mm-dd", help="bij --report: de peildatum (standaard de laatste)")
    p.add_argument(
        "--voor-gemeente",
        action="store_true",
        dest="for_gemeente",
        help="bij --report cijfers: de kopie voor de gemeente (aantallen onder 5 als <5)",
    )
    p.add_argument("--out", help="PDF-bestand (bij --cohort: een map, één bestand per jongere)")
    p.add_argument("--single", metavar="BESTAND", help="bij --cohort: alle dossiers in één PDF-bestand")
    p.add_argument(
        "--for",
        dest="audience",
        choices=["school", "gemeente"],
        default="school",
        help="gemeente: alleen de onderdelen waarvoor toestemming is gegeven",
    )
    p.add_argument("--recipient", help="ontvanger bij --for gemeente (standaard uit de instellingen)")
    p.add_argument(
        "--mijn-overstap",
        action="store_true",
        dest="mijn_overstap",
        help="bij --youth: 'Mijn overstap', één pagina in gewone taal voor de jongere zelf",
    )
    p.set_defaults(func=cmd_print)


def _check_file_target(raw: str | None, option: str) -> Path:
    if not raw:
        raise UsageError(f"Geef met {option} aan waar het PDF-bestand moet komen.")
    path = Path(raw).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is een map; geef een bestandsnaam op, bijvoorbeeld dossier.pdf.")
    if not path.parent.is_dir():
        raise UsageError(f"De map {path.parent} bestaat niet.")
    return path


def _print_mijn_overstap(args: argparse.Namespace, target: Path) -> int:
    from handover.reports.mijn_overstap import save_mijn_overstap
    from handover.services.dossiers import NotFound

    ctx = open_context(args)
    try:
        save_mijn_overstap(ctx, youth_id_of(ctx, args.youth), target)
    except NotFound as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        say(f"Fout: het PDF-bestand is niet opgeslagen. {describe_os_error(exc, target)}")
        return EXIT_ERROR
    finally:
        ctx.close()
    say(f"'Mijn overstap' staat in {target}.")
    return EXIT_OK


NO_RECIPIENT = (
    "Er is geen ontvanger ingesteld (Werk en Inkomen van de gemeente). Geef die hier op met "
    '--recipient "Werk en Inkomen gemeente ...", of stel hem vast in: in de app onder Instellingen, '
    '"Werk en Inkomen van de gemeente".'
)


def _require_default_recipient(ctx: AppContext) -> None:
    from handover.services.settings import get_setting

    with ctx.session() as session:
        if not str(get_setting(session, "default_recipient") or "").strip():
            raise UsageError(NO_RECIPIENT)


def _print_figures(args: argparse.Namespace) -> int:
    """``--report cijfers|peildatum`` (issue 12): the results report or the frozen snapshot."""
    from handover.cli.cijfers import parse_peildatum
    from handover.reports.figures import save_figures_pdf, save_snapshot_pdf
    from handover.services.outcomes import latest_reference_date

    target = _check_file_target(args.out, "--out")
    asked = parse_peildatum(args.peildatum) if args.peildatum else None
    if args.for_gemeente and args.report != "cijfers":
        raise UsageError("--voor-gemeente hoort bij --report cijfers.")
    ctx = open_context(args)
    try:
        peildatum = asked or latest_reference_date(ctx.today())
        if peildatum > ctx.today():
            raise UsageError(f"De peildatum {peildatum:%d-%m-%Y} ligt in de toekomst.")
        if args.report == "peildatum":
            try:
                save_snapshot_pdf(ctx, target, peildatum)
            except ValueError as exc:
                raise UsageError(f"{exc} Leg hem vast met 'handover cijfers --peildatum ... --vastleggen'.") from None
        else:
            save_figures_pdf(ctx, target, asked, for_gemeente=args.for_gemeente)
    except OSError as exc:
        say(f"Fout: het PDF-bestand is niet opgeslagen. {describe_os_error(exc, target)}")
        return EXIT_ERROR
    finally:
        ctx.close()
    say(f"Het rapport staat in {target}.")
    return EXIT_OK


def _exchange_entries(ctx: AppContext, youth_id: str) -> list[Any]:
    """The school's print: the exchange with Werk en Inkomen for the block "Overdracht" in section K."""
    from handover.sync.exchange import exchange_entries

    with ctx.session() as session:
        return list(exchange_entries(session, youth_id))


def cmd_print(args: argparse.Namespace) -> int:
    from handover.reports.service import BatchCancelled, NoValidConsent, ReportService

    if getattr(args, "report", None):
        return _print_figures(args)
    if args.peildatum or args.for_gemeente:
        raise UsageError("--peildatum en --voor-gemeente horen bij --report.")

    # Check the arguments before opening the (encrypted) database.
    if args.cohort is not None:
        if args.single and args.out:
            raise UsageError("Gebruik --out MAP of --single BESTAND, niet allebei.")
        if args.single:
            target = _check_file_target(args.single, "--single")
        else:
            if not args.out:
                raise UsageError("Geef met --out een map op (of --single BESTAND voor één PDF).")
            target = Path(args.out).expanduser()
            if target.exists() and not target.is_dir():
                raise UsageError(f"{target} is geen map.")
            if not target.parent.is_dir():
                raise UsageError(f"De map {target.parent} bestaat niet.")
        if not 2000 <= args.cohort <= 2100:
            raise UsageError("Het vertrekjaar moet tussen 2000 en 2100 liggen.")
    else:
        if args.single:
            raise UsageError("--single hoort bij --cohort.")
        target = _check_file_target(args.out, "--out")
    if args.audience != "gemeente" and args.recipient:
        raise UsageError("--recipient hoort bij --for gemeente.")
    if getattr(args, "mijn_overstap", False):
        if not args.youth:
            raise UsageError("--mijn-overstap hoort bij --youth.")
        if args.audience != "school":
            raise UsageError("--mijn-overstap is voor de jongere zelf; --for gemeente hoort daar niet bij.")
        return _print_mijn_overstap(args, target)

    ctx = open_context(args)
    try:
        from handover.cli import gemeente

        if gemeente.is_gemeente(ctx):  # Werk en Inkomen prints a dossier it received
            return gemeente.cmd_print(ctx, args, target)
        if args.audience == "gemeente" and not args.recipient:
            _require_default_recipient(ctx)
        service = ReportService(ctx)
        if args.list_kind:
            service.save_list(args.list_kind, target)
            say(f"De lijst staat in {target}.")
            return EXIT_OK
        if args.youth:
            youth_id = youth_id_of(ctx, args.youth)
            try:
                exchange = _exchange_entries(ctx, youth_id) if args.audience == "school" else []
                service.save_dossier(
                    youth_id,
                    target,
                    audience=args.audience,
                    recipient=args.recipient,
                    action="print",
                    exchange=exchange,
                )
            except NoValidConsent as exc:
                raise UsageError(str(exc)) from None
            say(f"Het overstapdossier staat in {target}.")
            return EXIT_OK
        ids = service.cohort_ids(args.cohort)
        if not ids:
            raise UsageError(f"Geen jongeren met vertrekjaar {args.cohort}.")

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total} dossiers", end="", file=sys.stderr, flush=True)

        from handover.ui.printing.overdracht import exchange_reader  # Qt-free: the block "Overdracht"

        exchange = exchange_reader(ctx)
        try:
            if args.single:
                result = service.batch_single(
                    ids, target, audience=args.audience, recipient=args.recipient, progress=progress, exchange=exchange
                )
            else:
                result = service.batch_files(
                    ids, target, audience=args.audience, recipient=args.recipient, progress=progress, exchange=exchange
                )
        except KeyboardInterrupt:
            raise BatchCancelled("Afgebroken: er zijn geen bestanden gemaakt.") from None
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)
        skipped = len(ids) - result.count
        if not result.count:
            raise UsageError("Niets afgedrukt: geen van deze jongeren heeft geldige toestemming voor de ontvanger.")
        where = target if args.single else f"{target} ({result.count} bestanden)"
        say(f"{result.count} overstapdossiers afgedrukt naar {where}.")
        if skipped:
            say(f"{skipped} jongeren overgeslagen: geen geldige toestemming voor de ontvanger.")
        return EXIT_OK
    except BatchCancelled as exc:
        say(str(exc))
        return EXIT_ERROR
    except OSError as exc:
        say(f"Fout: het PDF-bestand is niet opgeslagen. {describe_os_error(exc, target)}")
        return EXIT_ERROR
    finally:
        ctx.close()
