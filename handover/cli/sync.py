"""Sync subcommands of ``handover``: enroll, sync, inbox, receive, status, berichten, quarantaine, export-key.

Suitable for Windows Task Scheduler: ``handover --data-dir DIR sync`` exits 0 only when everything
is sent and the inbox is applied, and otherwise prints the reason in plain Dutch and exits non-zero.
The commands call the :class:`~handover.sync.service.SyncService` facade, imported (with the crypto
stack behind it) when a sync command runs, not at every start.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handover.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    add_code_arguments,
    code_of,
    open_context,
    say,
    youth_id_of,
)

if TYPE_CHECKING:
    from handover.cli.common import Subcommands
    from handover.services.context import AppContext
    from handover.sync.enrollment import TrustedPeer
    from handover.sync.service import SyncReport, SyncService

# Same keys as service.STATUS_MESSAGES; repeated here so building the parser stays cheap.
STATUS_CHOICES = ("intake_gepland", "route", "klantmanager", "afgerond")


def _service(args: argparse.Namespace) -> tuple[AppContext, SyncService]:
    from handover.sync.service import SyncService

    ctx = open_context(args)
    service = SyncService(ctx)
    service.install_hooks()
    return ctx, service


def cmd_enroll(args: argparse.Namespace) -> int:
    from handover.sync.client import SyncError
    from handover.sync.service import EnrollAborted, SyncUsageError

    def confirm(peer: TrustedPeer) -> bool:
        print(f"Gemeente: {peer.name}")
        print(f"Vingerafdruk van de sleutel: {peer.fingerprint}")
        print("Vergelijk deze vingerafdruk telefonisch met de ICT-beheerder van de gemeente.")
        if args.yes:
            return True
        if sys.stdin is None or not sys.stdin.isatty():
            say("Geen bevestiging mogelijk zonder toetsenbord; gebruik --yes na telefonische controle.")
            return False
        return input("Klopt de vingerafdruk? [j/N] ").strip().lower() in ("j", "ja", "y", "yes")

    from handover.sync.client import require_secure_url

    try:
        require_secure_url(args.server)  # before a code is asked for, let alone sent
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    code = code_of(args, "inschrijfcode")
    ctx, service = _service(args)
    try:
        outcome = service.enroll(
            args.server, code, confirm=confirm, gemeente=args.gemeente, recipient_label=args.recipient
        )
    except EnrollAborted as exc:
        say(str(exc))
        return EXIT_ERROR
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    except SyncError as exc:
        say(f"Fout: {exc}")
        return EXIT_ERROR
    finally:
        ctx.close()
    print(f"Ingeschreven als {outcome.org_name} ({outcome.kind}).")
    print(f"Vingerafdruk van deze organisatie: {outcome.own_fingerprint}")
    return EXIT_OK


def _print_report(report: SyncReport) -> None:
    parts = []
    if report.stored or report.duplicates:
        parts.append(f"{report.stored + report.duplicates} verstuurd")
    if report.applied:
        parts.append(f"{report.applied} ontvangen")
    if report.epoch_changed:
        parts.append(f"server teruggezet: {report.resent_after_epoch_change} opnieuw verstuurd")
    if parts:
        print("Synchronisatie: " + ", ".join(parts) + ".")
    if report.held:
        print(
            f"{report.held} bericht(en) van een school wachten ongeopend op bevestiging van de school "
            "(zie 'handover scholen')."
        )


def _when(iso: str) -> str:
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%d-%m-%Y %H:%M")


def _reply_line(youth_id: str, kind: str, status: str | None, detail: str, signer: str, at: str) -> str:
    from handover.sync.service import STATUS_MESSAGES

    if kind == "receipt" and status == "intrekking ontvangen":
        what = "Intrekking ontvangen door Werk en Inkomen"
    elif kind == "receipt":
        what = "Ontvangen door Werk en Inkomen"
    elif status == "versie_ontbreekt":
        what = "Werk en Inkomen meldt: versie ontbreekt; de huidige versie wordt opnieuw verstuurd"
    else:
        what = f"Status van Werk en Inkomen: {STATUS_MESSAGES.get(status or '', status or '')}"
        what += f" ({detail})" if detail else ""
    return f"{youth_id[:8]}  {what} op {_when(at)}, ondertekend door {signer}"


def _print_replies(report: SyncReport) -> None:
    """What Werk en Inkomen sent back in this run: signed receipts and status messages."""
    for reply in report.replies:
        print(_reply_line(*reply))


def cmd_replies(args: argparse.Namespace) -> int:
    """School: every receipt and status message received so far (optionally for one young person)."""
    ctx, service = _service(args)
    try:
        youth_id = youth_id_of(ctx, args.youth) if args.youth else None
        rows = service.all_replies(youth_id)
        withdrawals = [w for w in service.withdrawal_states() if youth_id is None or w.youth_id == youth_id]
    finally:
        ctx.close()
    if not rows:
        print("Nog geen berichten van Werk en Inkomen.")
    for row in rows:
        print(_reply_line(row.youth_id, row.kind, row.status, row.detail or "", row.signer_name, row.at))
    for state in withdrawals:
        if state.code == "missing":
            say(f"Let op: {state.youth_id[:8]}  {state.label}; bel Werk en Inkomen of de intrekking is aangekomen.")
        elif state.code != "received":
            print(f"{state.youth_id[:8]}  {state.label}")
    return EXIT_OK


def _run_sync(service: SyncService) -> int:
    report = service.sync_and_count()
    _print_report(report)
    _print_replies(report)
    if report.ok:
        print(report.summary())
        return EXIT_OK
    for problem in report.problems():
        say(f"Fout: {problem}")
    return EXIT_ERROR


def cmd_sync(args: argparse.Namespace) -> int:
    from handover.sync.service import SyncUsageError

    ctx, service = _service(args)
    try:
        return _run_sync(service)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def cmd_inbox(args: argparse.Namespace) -> int:
    from handover.domain.fields import full_name
    from handover.sync.service import SyncUsageError, fingerprint_of

    ctx, service = _service(args)
    try:
        if not args.offline:
            report = service.sync()
            for problem in report.problems():
                say(f"Let op: {problem}")
        rows = service.received()
        peers = {peer.org_id: peer for peer in service.peers()}
        gaps = {(gap.sender_org, gap.record_id) for gap in service.version_gaps()}
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    if not rows:
        say("Nog geen dossiers ontvangen.")
    for row in rows:
        dossier = (row.body or {}).get("dossier", {}) if row.body else {}
        name = (
            full_name(
                dossier.get("first_names"), dossier.get("infix"), dossier.get("last_name"), dossier.get("called_name")
            )
            if dossier
            else "(ingetrokken)"
        )
        state = "ingetrokken" if row.withdrawn_at else "bevestigd" if row.receipt_op_id else "nieuw"
        if (row.sender_org, row.record_id) in gaps:
            state = "versie ontbreekt"
        peer = peers.get(row.sender_org)
        school = peer.name if peer else row.school_name  # the pinned name, never the message's own claim
        print(
            f"{row.record_id[:8]}  {name:<30.30}  {school:<28.28}  versie {row.revision:<3}  "
            f"{row.received_at:%d-%m-%Y %H:%M}  {state:<11}  controlecode school "
            f"{fingerprint_of(peer) if peer else '-'}"
        )
    return EXIT_OK


def cmd_receive(args: argparse.Namespace) -> int:
    from handover.sync.service import SyncUsageError

    ctx, service = _service(args)
    try:
        report = service.sync()  # pull, verify, store decrypted
        if args.ack and not report.errors:
            count = service.acknowledge_received()
            if count:
                print(f"{count} ontvangstbevestiging(en) ondertekend.")
            second = service.sync()  # send the receipts
            second.pulled += report.pulled
            second.applied += report.applied
            second.quarantined += report.quarantined
            report = second
        _print_report(report)
        if report.ok:
            print("Alles ontvangen" + (" en bevestigd." if args.ack else "."))
            return EXIT_OK
        for problem in report.problems():
            say(f"Fout: {problem}")
        return EXIT_ERROR
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def cmd_status(args: argparse.Namespace) -> int:
    from handover.sync.service import SyncUsageError

    ctx, service = _service(args)
    try:
        matches = [r for r in service.received() if r.record_id.startswith(args.dossier.lower())]
        if len(matches) != 1:
            raise UsageError("Geen of meer dan één ontvangen dossier met dit id (zie 'handover inbox').")
        service.send_status(matches[0].sender_org, matches[0].record_id, args.status, args.detail or "")
        return _run_sync(service)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()


def cmd_fingerprint(args: argparse.Namespace) -> int:
    """This organisation's own fingerprint, from its own keys: what its administrator reads aloud."""
    ctx, service = _service(args)
    try:
        own = service.own_fingerprint()
        state = service.current_state()
    finally:
        ctx.close()
    if own is None:
        raise UsageError("Deze installatie heeft nog geen sleutels; schrijf eerst in (handover enroll).")
    name = state.enrollment.org_name if state.enrollment else ""
    print(f"Vingerafdruk van {name or 'deze organisatie'}: {own}")
    print(
        "Lees deze 6 groepen voor aan de beheerder van de andere organisatie; die vergelijkt ze met zijn eigen scherm."
    )
    return EXIT_OK


def cmd_schools(args: argparse.Namespace) -> int:
    """Gemeente: the schools it pinned, with their fingerprint and whether they are confirmed."""
    from handover.sync.service import SyncUsageError

    ctx, service = _service(args)
    try:
        if not args.offline:
            for problem in service.sync().problems():
                say(f"Let op: {problem}")
        entries = service.peer_entries("school")
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    if not entries:
        print("Nog geen scholen gezien.")
    for e in entries:
        waiting = f", {e.held} bericht(en) wachten" if e.held else ""
        print(f"{e.org_id[:8]}  {e.name:<32.32}  {e.proposed_fingerprint or e.fingerprint}  {e.state}{waiting}")
    return EXIT_OK


def cmd_confirm(args: argparse.Namespace) -> int:
    """After the other organisation read its own fingerprint aloud: confirm its key."""
    from handover.sync.service import SyncUsageError

    ident, kind = (args.school, "school") if args.school else (args.gemeente, "gemeente")
    ctx, service = _service(args)
    try:
        entry = service.find_peer(ident, kind)
        shown = entry.proposed_fingerprint or entry.fingerprint
        if entry.confirmed and not entry.proposed_fingerprint:
            print(f"{entry.name} is al bevestigd (vingerafdruk {shown}).")
            return EXIT_OK
        print(f"{entry.name}" + (" heeft een nieuwe sleutel." if entry.proposed_fingerprint else ""))
        print(f"Vingerafdruk volgens deze installatie: {shown}")
        print(
            "Laat de beheerder van die organisatie de vingerafdruk voorlezen van zijn eigen scherm "
            "(handover fingerprint)."
        )
        if not args.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                say("Geen bevestiging mogelijk zonder toetsenbord; gebruik --yes na telefonische controle.")
                return EXIT_ERROR
            if input("Klopt de vingerafdruk? [j/N] ").strip().lower() not in ("j", "ja", "y", "yes"):
                say("Niet bevestigd. Er is niets veranderd.")
                return EXIT_ERROR
        report = service.confirm_peer(entry.org_id)
    except SyncUsageError as exc:
        raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    print(f"{entry.name} is bevestigd.")
    if report.applied:
        print(f"{report.applied} wachtend(e) bericht(en) geopend en verwerkt.")
    if report.quarantined:
        say(f"Let op: {report.quarantined} wachtend(e) bericht(en) afgekeurd (zie 'handover quarantaine').")
    return EXIT_OK


def cmd_quarantine(args: argparse.Namespace) -> int:
    ctx, service = _service(args)
    try:
        rows = service.quarantine()
    finally:
        ctx.close()
    if not rows:
        print("Geen berichten in quarantaine.")
    for row in rows:
        print(f"{row.received_at:%d-%m-%Y %H:%M}  {row.kind:<10}  {row.reason:<18}  {row.message}")
    return EXIT_OK


def cmd_export_key(args: argparse.Namespace) -> int:
    ctx, service = _service(args)
    try:
        service.export_identity(Path(args.out))
    finally:
        ctx.close()
    say(
        f"De sleutel staat in {args.out}. Bewaar dit bestand als een wachtwoord; "
        "ermee opent 'age -d -i BESTAND' elk bericht aan deze organisatie."
    )
    return EXIT_OK


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("enroll", help="inschrijven bij de synchronisatieserver van de gemeente")
    p.add_argument("--server", required=True, help="adres van de server, bijv. https://overstap.gemeente.nl")
    add_code_arguments(p, "inschrijfcode")
    p.add_argument("--gemeente", help="naam of id van de gemeente (als de server er meer kent)")
    p.add_argument("--recipient", help="ontvanger zoals in de toestemming (standaard de instelling)")
    p.add_argument("--yes", action="store_true", help="vingerafdruk al telefonisch gecontroleerd")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("sync", help="versturen en ontvangen (geschikt voor Taakplanner)")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("inbox", help="gemeente: ontvangen dossiers tonen (haalt eerst nieuwe op)")
    p.add_argument("--offline", action="store_true", help="niet eerst synchroniseren")
    p.set_defaults(func=cmd_inbox)

    p = sub.add_parser("receive", help="gemeente: dossiers ophalen, controleren en opslaan")
    p.add_argument("--ack", action="store_true", help="ontvangst ondertekend bevestigen aan de school")
    p.set_defaults(func=cmd_receive)

    p = sub.add_parser("status", help="gemeente: statusbericht sturen over een ontvangen dossier")
    p.add_argument("--dossier", required=True, help="id (of begin daarvan) uit 'handover inbox'")
    p.add_argument("--status", required=True, choices=STATUS_CHOICES)
    p.add_argument("--detail", help="toelichting, bijv. datum of naam klantmanager")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("berichten", help="school: ontvangstbevestigingen en statusberichten van Werk en Inkomen")
    p.add_argument("--youth", help="alleen voor deze jongere (id of begin daarvan)")
    p.set_defaults(func=cmd_replies)

    p = sub.add_parser("fingerprint", help="de vingerafdruk van deze organisatie, om telefonisch voor te lezen")
    p.set_defaults(func=cmd_fingerprint)

    p = sub.add_parser("scholen", help="gemeente: scholen met hun vingerafdruk en of ze bevestigd zijn")
    p.add_argument("--offline", action="store_true", help="niet eerst synchroniseren")
    p.set_defaults(func=cmd_schools)

    p = sub.add_parser("bevestig", help="de sleutel van een school (of een nieuwe van de gemeente) bevestigen")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--school", help="naam van de school (of het begin van het id, zie 'handover scholen')")
    which.add_argument("--gemeente", help="naam van de gemeente, na een nieuwe sleutel")
    p.add_argument("--yes", action="store_true", help="vingerafdruk al telefonisch vergeleken")
    p.set_defaults(func=cmd_confirm)

    p = sub.add_parser("quarantaine", help="afgekeurde berichten tonen")
    p.set_defaults(func=cmd_quarantine)

    p = sub.add_parser("export-key", help="organisatiesleutel exporteren voor het age-programma")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export_key)
