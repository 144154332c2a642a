"""``handover afronden``: close a young person's case at the end of the two years, reopen it, or hand
it over to the Doorstroompunt.

    handover afronden --youth ID --situatie werk                  (the final situation; closes the case)
    handover afronden --youth ID --situatie geen --reden zoekend
    handover afronden --youth ID --heropenen [--waarom "tekst"]
    handover afronden --youth ID --doorstroompunt [--out OVERDRACHT.pdf]

``--situatie`` takes a code or a label of the situation list; a wrong value gets a Dutch error that
lists the valid ones. Exit codes as the rest of the CLI: 0 done, 2 bad input, 1 anything else.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from handover.cli.common import EXIT_OK, UsageError, open_context, say, youth_id_of

if TYPE_CHECKING:
    from handover.cli.common import Subcommands


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser(
        "afronden", help="begeleiding afronden (na 2 jaar), heropenen, of overdragen aan het Doorstroompunt"
    )
    p.add_argument("--youth", required=True, help="id (of de eerste 6+ tekens) van de jongere")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--situatie", metavar="CODE", help="de situatie aan het eind (code of omschrijving, zie de foutmelding)"
    )
    what.add_argument("--heropenen", action="store_true", help="een afgeronde begeleiding weer openen")
    what.add_argument(
        "--doorstroompunt",
        action="store_true",
        help="overdragen aan het Doorstroompunt (alleen met toestemming): afspraak en overdrachtspagina",
    )
    p.add_argument(
        "--reden", metavar="CODE", help="bij --situatie geen: de reden (zoekend, ziek_zorg, motivatie, ontslag, …)"
    )
    p.add_argument("--waarom", metavar="TEKST", default="", help="bij --heropenen: waarom")
    p.add_argument("--out", help="bij --doorstroompunt: de overdrachtspagina als PDF-bestand")
    p.set_defaults(func=cmd_afronden)


def _choose(raw: str, entries: list[tuple[str, str]], what: str) -> str:
    """A code, or a label typed in any case ("Werk (regulier)"); otherwise a list of the valid ones."""
    wanted = " ".join(raw.split()).casefold()
    for code, label in entries:
        if wanted in (code.casefold(), label.casefold()):
            return code
    valid = "\n".join(f"  {code:<24} {label}" for code, label in entries)
    raise UsageError(f"Onbekende {what} '{raw}'. Kies een van deze:\n{valid}")


def situation_code(raw: str) -> str:
    from handover.domain.vocab import SITUATION

    return _choose(raw, list(SITUATION), "situatie")


def reason_code(raw: str) -> str:
    from handover.domain.vocab import SITUATION_REASON

    return _choose(raw, list(SITUATION_REASON), "reden")


def _check_out(raw: str | None) -> Path | None:
    if raw is None:
        return None
    path = Path(raw).expanduser()
    if path.is_dir():
        raise UsageError(f"{path} is een map; geef een bestandsnaam op, bijvoorbeeld doorstroompunt.pdf.")
    if not path.parent.is_dir():
        raise UsageError(f"De map {path.parent} bestaat niet.")
    return path


def cmd_afronden(args: argparse.Namespace) -> int:
    # Arguments first, before the (encrypted) database is opened.
    situation = situation_code(args.situatie) if args.situatie else None
    reason = reason_code(args.reden) if args.reden else None
    if args.reden and situation != "geen":
        raise UsageError("--reden hoort bij --situatie geen (nog geen werk, school of dagbesteding).")
    if situation == "geen" and reason is None:
        raise UsageError("Geef bij --situatie geen ook de reden op met --reden (bijvoorbeeld --reden zoekend).")
    if args.waarom and not args.heropenen:
        raise UsageError("--waarom hoort bij --heropenen.")
    if args.out and not args.doorstroompunt:
        raise UsageError("--out hoort bij --doorstroompunt.")
    out = _check_out(args.out)

    from handover.domain.vocab import SITUATION
    from handover.services.closing import ClosingRefused, ClosingService

    ctx = open_context(args)
    try:
        youth_id = youth_id_of(ctx, args.youth)
        service = ClosingService(ctx)
        try:
            if situation is not None:
                closure = service.close(youth_id, situation, reason)
                say(f"Begeleiding afgerond op {closure.closed_on:%d-%m-%Y}: {closure.situation_text}.")
                if service.state(youth_id).offers_doorstroompunt:
                    say(
                        "Nog geen werk, school of dagbesteding: draag de jongere over aan het Doorstroompunt "
                        f"met: handover afronden --youth {youth_id[:8]} --doorstroompunt --out overdracht.pdf"
                    )
            elif args.heropenen:
                service.reopen(youth_id, args.waarom or "Heropend door de mentor")
                say("De begeleiding is weer geopend: de contactmomenten en afspraken staan weer op Vandaag.")
            else:
                from handover.reports.doorstroompunt import save_doorstroompunt

                state = service.state(youth_id)
                service.hand_over_to_doorstroompunt(youth_id)
                say(
                    "Afspraak 'Overdracht aan het Doorstroompunt' staat in het dossier (situatie: "
                    f"{SITUATION.label_of(state.final_situation)})."
                )
                if out is not None:
                    save_doorstroompunt(ctx, youth_id, out)
                    say(f"De overdrachtspagina staat in {out}.")
        except ClosingRefused as exc:
            raise UsageError(str(exc)) from None
    finally:
        ctx.close()
    return EXIT_OK
