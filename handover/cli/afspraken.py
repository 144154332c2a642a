"""Commands for the shared work on a dossier (issue 10): ``intake``, ``afspraken`` and ``afspraak``.

* ``intake --youth ID --date JJJJ-MM-DD --klantmanager NAAM`` (gemeente): plan the intake; the school
  gets a signed "intake gepland" with the date and the klantmanager.
* ``afspraken --youth ID`` (both roles): one line per agreement, id first, with who changed it and
  when; an agreement both sides changed before they synced is marked CONFLICT, with its versions.
* ``afspraak --id ID (--gedaan | --vervallen) [--notitie TEKST]`` (both roles): a new version that
  travels signed to the other side.

An ID is the full id or its first characters (at least 6, as ``list`` shows 8). Each change is in the
outbox before the sync that follows it; without a connection it goes at the next ``handover sync``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from handover.cli.common import EXIT_ERROR, EXIT_OK, UsageError, open_context, say, youth_id_of

if TYPE_CHECKING:
    from handover.cli.common import Subcommands
    from handover.services.context import AppContext
    from handover.sync.exchange import AgreementLine
    from handover.sync.service import SyncService

MIN_ID = 6


def _service(ctx: AppContext) -> SyncService:
    from handover.sync.service import SyncService

    service = SyncService(ctx)
    service.install_hooks()
    return service


def _is_gemeente(service: SyncService) -> bool:
    return service.state_value("org_kind") == "gemeente"


def _received(service: SyncService, ident: str) -> tuple[str, str]:
    """(school org, record id) of the received dossier an id (or its first characters) names."""
    ident = ident.strip().lower()
    if len(ident) < MIN_ID:
        raise UsageError(f"Geef minstens {MIN_ID} tekens van het id (zie 'handover list').")
    found = [r for r in service.received() if r.record_id.lower().startswith(ident)]
    if not found:
        raise UsageError(f"Geen ontvangen dossier met id {ident} (zie 'handover list').")
    if len(found) > 1:
        raise UsageError(f"Meer dan één ontvangen dossier begint met {ident}; geef meer tekens.")
    return found[0].sender_org, found[0].record_id


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"'{text}' is geen datum; schrijf die als JJJJ-MM-DD, bijvoorbeeld 2027-01-12.") from None


def _after_change(service: SyncService) -> int:
    """Send now; without a connection the change waits in the outbox for the next sync."""
    report = service.sync()
    if report.ok:
        print("Verstuurd.")
        return EXIT_OK
    for problem in report.problems():
        say(f"Fout: {problem}")
    if report.pending:
        say("De wijziging is bewaard en gaat mee bij de volgende synchronisatie (handover sync).")
    return EXIT_ERROR


def cmd_intake(args: argparse.Namespace) -> int:
    from handover.sync.errors import SyncUsageError

    ctx = open_context(args)
    try:
        service = _service(ctx)
        if not _is_gemeente(service):
            raise UsageError("Een intake plant Werk en Inkomen; dit is de installatie van een school.")
        sender, record = _received(service, args.youth)
        service.plan_intake(sender, record, _date(args.date), args.klantmanager)
        print(f"Intake gepland op {_date(args.date).strftime('%d-%m-%Y')} met {' '.join(args.klantmanager.split())}.")
        return _after_change(service)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def _dossier_of(ctx: AppContext, service: SyncService, ident: str) -> str:
    if _is_gemeente(service):
        return _received(service, ident)[1]
    return youth_id_of(ctx, ident)


def agreement_line(line: AgreementLine) -> str:
    """``1a2b3c4d  gedaan     15-12-2026  Werk en Inkomen   Inschrijven  (Kees Klantmanager, 29-11-2026 10:15)``."""
    from handover.domain import vocab

    deadline = line.deadline.strftime("%d-%m-%Y") if line.deadline else "-"
    status = vocab.AGREEMENT_STATUS.label_of(line.status).lower()
    org = vocab.AGREEMENT_ORG.label_of(line.organisation)
    person = f" ({line.person})" if line.person else ""
    who = ""
    if line.changed_by:
        at = f", {line.changed_at.strftime('%d-%m-%Y %H:%M')}" if line.changed_at else ""
        by_org = f" – {line.changed_by_org}" if line.changed_by_org else ""
        who = f"  gewijzigd door {line.changed_by}{by_org}{at}"
    note = f"  notitie: {line.note}" if line.note else ""
    mark = "  CONFLICT" if line.conflict else ""
    return f"{line.short_id}  {status:<9}  {deadline:<10}  {org:<16.16}  {line.action}{person}{who}{note}{mark}"


def cmd_afspraken(args: argparse.Namespace) -> int:
    from handover.domain import vocab
    from handover.sync.exchange import agreement_lines

    ctx = open_context(args)
    try:
        service = _service(ctx)
        dossier_id = _dossier_of(ctx, service, args.youth)
        with ctx.session() as session:
            lines = agreement_lines(session, dossier_id)
            for line in lines:
                print(agreement_line(line))
                if line.conflict:
                    for v in line.versions:
                        if v.head:
                            status = vocab.AGREEMENT_STATUS.label_of(v.status).lower()
                            print(
                                f"    versie {v.version_id[:8]}: {status} – {v.changed_by} ({v.changed_by_org}), "
                                f"{v.changed_at.strftime('%d-%m-%Y %H:%M')}"
                            )
        if not lines:
            say("Geen afspraken bij deze jongere.")
        return EXIT_OK
    finally:
        ctx.close()


def _agreement_of(ctx: AppContext, ident: str) -> tuple[str, str]:
    """(agreement id, dossier id) of the agreement an id (or its first characters) names."""
    from sqlalchemy import select

    from handover.store.models import Agreement
    from handover.sync.models import AgreementVersion

    ident = ident.strip().lower()
    if len(ident) < MIN_ID:
        raise UsageError(f"Geef minstens {MIN_ID} tekens van het id van de afspraak (zie 'handover afspraken').")
    with ctx.session() as session:
        found = dict(
            session.execute(
                select(AgreementVersion.agreement_id, AgreementVersion.dossier_id).where(
                    AgreementVersion.agreement_id.startswith(ident)
                )
            ).all()
        )
        found.update(
            session.execute(select(Agreement.id, Agreement.youth_id).where(Agreement.id.startswith(ident))).all()
        )
    if not found:
        raise UsageError(f"Geen afspraak met id {ident} (zie 'handover afspraken --youth ID').")
    if len(found) > 1:
        raise UsageError(f"Meer dan één afspraak begint met {ident}; geef meer tekens.")
    ((agreement_id, dossier_id),) = found.items()
    return agreement_id, dossier_id


def cmd_afspraak(args: argparse.Namespace) -> int:
    from handover.sync.errors import SyncUsageError

    ctx = open_context(args)
    try:
        service = _service(ctx)
        agreement_id, dossier_id = _agreement_of(ctx, args.id)
        status = "gedaan" if args.gedaan else "vervallen"
        service.change_agreement(agreement_id, dossier_id=dossier_id, status=status, note=args.notitie)
        print(f"Afspraak {agreement_id[:8]}: {status}.")
        return _after_change(service)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("intake", help="gemeente: de intake plannen (datum en klantmanager)")
    p.add_argument("--youth", required=True, help="id van het ontvangen dossier (of begin daarvan, zie 'list')")
    p.add_argument("--date", required=True, metavar="jjjj-mm-dd", help="datum van de intake")
    p.add_argument("--klantmanager", required=True, metavar="NAAM", help="naam van de klantmanager")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("afspraken", help="de afspraken van een jongere, met wie ze wijzigde en conflicten")
    p.add_argument("--youth", required=True, help="id van de jongere of het ontvangen dossier (of begin daarvan)")
    p.set_defaults(func=cmd_afspraken)

    p = sub.add_parser("afspraak", help="een afspraak afvinken: gedaan of vervallen, met een notitie")
    p.add_argument("--id", required=True, help="id van de afspraak (of begin daarvan, zie 'afspraken')")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--gedaan", action="store_true", help="de afspraak is gedaan")
    what.add_argument("--vervallen", action="store_true", help="de afspraak vervalt")
    p.add_argument("--notitie", metavar="TEKST", help="korte toelichting, gaat mee naar de andere kant")
    p.set_defaults(func=cmd_afspraak)
