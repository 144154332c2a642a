"""The core commands of ``handover``: gui (the default), init, demo, list, export, import, audit, recover."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handover.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_code_arguments,
    checked_new_passphrase,
    code_of,
    data_dir_of,
    new_passphrase,
    open_context,
    passphrase_of,
    say,
    youth_id_of,
)

if TYPE_CHECKING:
    import datetime as dt

    from handover.cli.common import Subcommands
    from handover.services.context import AppContext
    from handover.sync.send_state import SendState


def _ask(value: str | None, prompt: str, name: str) -> str:
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        answer = input(prompt).strip()
        if answer:
            return answer
    raise UsageError(f"{name} ontbreekt.")


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
        passphrase=new_passphrase(args),
    )
    ctx.close()
    print_recovery(code)
    return EXIT_OK


def print_recovery(code: str) -> None:
    print("Gegevensmap aangemaakt.")
    print("HERSTELCODE (bewaar deze op papier, op een veilige plek; hij wordt maar één keer getoond):")
    print(f"  {code}")


def _enrolled_gemeenten(ctx: AppContext) -> list[tuple[str, str]]:
    """The gemeenten this school enrolled with: demo consents name them and demo youths live there."""
    from handover.sync.sending import gemeenten

    with ctx.workspace.session() as session:
        return [(g.org_id, g.name) for g in gemeenten(session)]


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from handover.services.app import initialise
    from handover.services.demo import DEMO_SCHOOL, build_demo
    from handover.store.workspace import is_initialised

    if args.rol == "gemeente":
        from handover.cli.gemeente import cmd_demo as gemeente_demo

        return gemeente_demo(args, print_recovery)
    if args.youths < 1 or args.youths > 100_000:
        raise UsageError("--youths moet tussen 1 en 100000 liggen.")
    data_dir = data_dir_of(args)
    started = time.perf_counter()
    if is_initialised(data_dir):
        ctx = open_context(args)
    else:
        ctx, code = initialise(data_dir, passphrase=new_passphrase(args), **DEMO_SCHOOL)
        print_recovery(code)
    try:

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\r{done}/{total} jongeren", end="", file=sys.stderr, flush=True)

        ids = build_demo(ctx, args.youths, args.seed, progress=progress, gemeenten=_enrolled_gemeenten(ctx))
    finally:
        ctx.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{len(ids)} demojongeren aangemaakt in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def _fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def _send_states(ctx: AppContext) -> dict[str, SendState]:
    """Per young person the send state (wacht op toestemming … ontvangen op …); empty for a gemeente."""
    from handover.sync.send_state import load_send_states

    with ctx.workspace.session() as session:
        return load_send_states(session, ctx.today())


def cmd_list(args: argparse.Namespace) -> int:
    from handover.domain.vocab import HANDOVER_STATUS, ROUTE
    from handover.services import queries

    ctx = open_context(args)
    try:
        from handover.cli import gemeente

        if gemeente.is_gemeente(ctx):  # Werk en Inkomen lists the dossiers it received
            if args.due or args.overdue:
                raise UsageError("--due en --overdue horen bij een school.")
            return gemeente.cmd_list(ctx)
        rows = queries.youth_rows(ctx)
        sending = _send_states(ctx)
        label = ""
        if args.due or args.overdue:
            checkins = queries.due_this_week(ctx) if args.due else queries.overdue_checkins(ctx)
            first: dict[str, queries.CheckInRow] = {}
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
                f"{HANDOVER_STATUS.label_of(r.status):<18.18}  volgende: {_fmt_date(r.next_checkin)}"
                f"  {sending[r.id].label if r.id in sending else '-'}{extra}"
            )
        if not rows:
            say("Geen jongeren gevonden.")
    finally:
        ctx.close()
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from handover.services.records import RecordsService

    out_path = Path(args.out).expanduser()
    if out_path.is_dir():
        raise UsageError(f"{out_path} is een map; geef een bestandsnaam op, bijvoorbeeld inzage.json.")
    if not out_path.parent.is_dir():
        raise UsageError(f"De map {out_path.parent} bestaat niet.")
    ctx = open_context(args)
    try:
        out = RecordsService(ctx).export_subject_access(youth_id_of(ctx, args.youth), out_path)
    finally:
        ctx.close()
    say(f"Alle gegevens van deze jongere staan in {out}.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from handover.services.importer import ImportFileError, import_csv

    ctx = open_context(args)
    try:
        try:
            report = import_csv(ctx, Path(args.csv).expanduser(), dry_run=args.dry_run)
        except ImportFileError as exc:
            raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    if report.ignored_columns:
        say(f"Niet gebruikte kolommen: {', '.join(report.ignored_columns)}")
    for row in report.rows:  # in file order: what happened to each row, with its line number
        if row.verdict == "afgewezen":
            say(f"regel {row.line}: niet ingelezen: {' '.join(row.messages)}")
        elif row.verdict == "overslaan":
            say(f"regel {row.line}: overgeslagen: {' '.join(row.messages)}")
        else:
            for message in row.messages:
                say(f"regel {row.line}: waarschuwing: {message}")
    verb = "zouden worden ingelezen" if args.dry_run else "ingelezen"
    print(
        f"{len(report.imported)} jongeren {verb} ({len(report.warnings)} waarschuwingen), "
        f"{len(report.skipped)} overgeslagen, {len(report.rejected)} met fouten."
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
        if report.devices:
            # Issue 13: each PC of the school keeps its own chain; this PC holds the heads the others sent.
            pcs = "1 andere pc" if report.devices == 1 else f"{report.devices} andere pc's"
            print(
                f"Ook de logboeken van {pcs} van deze school nagekeken, tot de laatste gebeurtenis die hier "
                "binnenkwam: niets herschreven of teruggezet."
            )
        return EXIT_OK
    say(f"Het auditlog is NIET in orde: {report.problem}.")
    return EXIT_ERROR


def cmd_recover(args: argparse.Namespace) -> int:
    from handover.services.app import recover

    passphrase = checked_new_passphrase(passphrase_of(args))  # a new secrets file: the same rule as init
    ctx = recover(data_dir_of(args), code_of(args, "herstelcode"), passphrase=passphrase)
    ctx.close()
    say("De toegang tot de gegevens is hersteld.")
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    """List the dossiers past the retention period; with --apply anonymise or erase them (after confirming)."""
    from handover.services.retention import RetentionError, RetentionService
    from handover.sync.erasure import purge_sealed_for_youth

    ctx = open_context(args)
    try:
        service = RetentionService(ctx, purge=purge_sealed_for_youth)
        due = service.due()
        if args.youth:
            wanted = {youth_id_of(ctx, y) for y in args.youth}
            due = [item for item in due if item.youth_id in wanted]
            if len(due) != len(wanted):
                raise UsageError("Niet elke opgegeven jongere is voorbij de bewaartermijn; er is niets gewist.")
        if not due:
            say("Geen dossiers voorbij de bewaartermijn.")
            return EXIT_OK
        for item in due:
            klas = f"  klas {item.school_class}" if item.school_class else ""
            print(
                f"{item.youth_id}  {item.name}{klas}  vertrokken {item.leaving_date:%d-%m-%Y}  "
                f"bewaartermijn voorbij sinds {item.retention_ended:%d-%m-%Y}"
            )
        if not args.apply:
            say(
                f"{len(due)} dossiers voorbij de bewaartermijn. Anonimiseren of wissen: "
                "handover retention --apply [--mode wissen]."
            )
            return EXIT_OK
        if not args.yes:
            if not (sys.stdin is not None and sys.stdin.isatty()):
                raise UsageError(f"Bevestig met --yes dat u {len(due)} dossiers wilt {args.mode}.")
            answer = input(f"Typ '{args.mode}' om deze {len(due)} dossiers te {args.mode}: ").strip().lower()
            if answer != args.mode:
                say("Niets gewijzigd.")
                return EXIT_USAGE
        envelopes = 0
        for item in due:
            try:
                outcome = service.apply(item.youth_id, args.mode)
            except RetentionError as exc:
                say(f"{item.youth_id}: {exc}")
                continue
            envelopes += outcome.envelopes_removed
        done = "geanonimiseerd" if args.mode == "anonimiseren" else "gewist"
        say(f"{len(due)} dossiers {done}; {envelopes} versleutelde kopieën uit de verzendwachtrij verwijderd.")
        return EXIT_OK
    finally:
        ctx.close()


def cmd_gui(args: argparse.Namespace) -> int:
    from handover.ui.app import run_gui

    return run_gui(
        data_dir=Path(args.data_dir).expanduser() if args.data_dir else None,
        demo=args.demo,
        passphrase=passphrase_of(args),
    )


def add_commands(sub: Subcommands) -> None:
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
    p.add_argument(
        "--rol", choices=["school", "gemeente"], default="school", help="gemeente: dossiers ontvangen van demoscholen"
    )
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
    add_code_arguments(p, "herstelcode")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("retention", help="dossiers voorbij de bewaartermijn: tonen, anonimiseren of wissen")
    p.add_argument("--apply", action="store_true", help="anonimiseer of wis de getoonde dossiers (na bevestiging)")
    p.add_argument("--mode", choices=["anonimiseren", "wissen"], default="anonimiseren", help="wat --apply doet")
    p.add_argument("--youth", action="append", help="alleen deze jongere (mag vaker)")
    p.add_argument("--yes", action="store_true", help="niet vragen om bevestiging (voor scripts)")
    p.set_defaults(func=cmd_retention)
