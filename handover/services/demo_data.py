"""The invented names, places and phrases the demo data set draws from (see services/demo.py), and the
rules that keep it plausible: the school type, the handover status at each point of the schedule, and
how agreements turn out.

Names and places are common Dutch ones plus names with diacritics and letters outside Latin-1, so
the lists, the PDFs and the filters are exercised on what real data holds. None is a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from handover.domain import rules

FIRST = [
    "Sem",
    "Noah",
    "Daan",
    "Lucas",
    "Levi",
    "Finn",
    "Milan",
    "Jayden",
    "Mohammed",
    "Ayoub",
    "Yusuf",
    "Ömer",
    "Ĳsbrand",
    "Thijs",
    "Luuk",
    "Bram",
    "Mehmet",
    "Kevin",
    "Dylan",
    "Rayan",
    "Emma",
    "Julia",
    "Mila",
    "Tess",
    "Sophie",
    "Zoë",
    "Noor",
    "Fenna",
    "Saar",
    "Lotte",
    "Yasmina",
    "Aïcha",
    "Fatma",
    "Chloë",
    "Romy",
    "Amira",
    "Linh",
    "Hoa",
    "Renée",
    "Anouk",
    "Maaike",
    "Inès",
    "Senna",
    "Jaïr",
    "Dewi",
    "Naomi",
]
LAST = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Özdemir"),
    ("", "Çelik"),
    ("", "Yılmaz"),
    ("", "Nguyễn"),
    ("", "Trần"),
    ("", "El Amrani"),
    ("", "Bouzid"),
    ("", "Sánchez"),
    ("", "Kowalczyk"),
    ("van 't", "Hof"),
    ("ter", "Haar"),
    ("", "Müller"),
    ("", "Doğan"),
    ("", "Hoekstra"),
    ("", "Wijnands"),
    ("van der", "Veen"),
    ("", "Koç"),
    ("", "Ramdin"),
]
CITIES = [
    ("Utrecht", "Utrecht"),
    ("Nieuwegein", "Nieuwegein"),
    ("Houten", "Houten"),
    ("Zeist", "Zeist"),
    ("IJsselstein", "IJsselstein"),
    ("Vleuten", "Utrecht"),
    ("Bunnik", "Bunnik"),
]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Lindenlaan",
    "Molenweg",
    "Vlierstraat",
    "Händelstraat",
    "Beukenlaan",
    "Oranjestraat",
    "Zuidsingel",
    "Rijnkade",
]
STRENGTHS = [
    "Werkt nauwkeurig en houdt van een vaste volgorde.",
    "Is vriendelijk tegen klanten.",
    "Doorzetter: geeft niet snel op.",
    "Handig met gereedschap.",
    "Komt altijd op tijd.",
    "Helpt collega's graag.",
    "Kan goed met dieren omgaan.",
    "Werkt graag buiten.",
]
INTERESTS = [
    "Groen en tuinonderhoud",
    "Logistiek en magazijn",
    "Horeca en keuken",
    "Zorg en welzijn",
    "Techniek en fietsen",
    "Detailhandel",
    "Schoonmaak",
    "Bouw",
]
WORKS = [
    "Duidelijke taken, één ding tegelijk.",
    "Een vaste begeleider op de werkvloer.",
    "Vooraf vertellen wat er gaat veranderen.",
    "Korte instructies met voordoen.",
    "Rustige werkplek zonder veel geluid.",
]
AVOID = [
    "Plotselinge veranderingen in het rooster.",
    "Lange schriftelijke instructies.",
    "Drukke ruimtes.",
    "Werken onder tijdsdruk zonder uitleg.",
]
# Employers with the tasks a pro or vso student does there, and the routes they suit.
EMPLOYERS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Albert Heijn Zuilen", "Vakken vullen, klanten de weg wijzen, statiegeld verwerken.", ("werken", "onbekend")),
    ("Groenbedrijf De Linde", "Onderhoud groen: maaien, snoeien, bladblazen.", ("werken", "verder_leren")),
    ("Fietsenmaker Velo", "Banden plakken, fietsen schoonmaken en afstellen.", ("werken", "verder_leren")),
    ("Hotel De Poort", "Kamers schoonmaken, linnen wisselen, helpen in de ontbijtzaal.", ("werken", "onbekend")),
    ("Magazijn Bol Nieuwegein", "Orderpicken, pakketten inpakken en scannen.", ("werken", "verder_leren")),
    ("Zorgboerderij 't Erf", "Dieren voeren, stallen uitmesten, eieren rapen.", ("dagbesteding", "onbekend")),
    ("Bakkerij Van Vliet", "Deeg afwegen, brood snijden en inpakken.", ("werken", "verder_leren")),
    ("Gemeente Houten Buitendienst", "Straten vegen, prullenbakken legen, groen bijhouden.", ("werken",)),
    ("Kringloop Het Goed", "Spullen sorteren, prijzen en in de winkel zetten.", ("dagbesteding", "werken")),
    ("Schoonmaakbedrijf Glans", "Kantoren schoonmaken volgens een vaste looproute.", ("werken", "onbekend")),
]
# Agreements "wie doet wat, tot wanneer": the action and the organisation that does it.
ACTIONS = [
    ("Aanvraag beoordeling arbeidsvermogen indienen", "werk_en_inkomen"),
    ("Stageplek omzetten naar leerwerkplek", "school"),
    ("Intakegesprek plannen", "werk_en_inkomen"),
    ("Aanmelden bij het Doorstroompunt", "school"),
    ("Bankrekening en DigiD regelen", "jongere"),
    ("Zorgverzekering overzetten", "ouder"),
    ("Jobcoach aanvragen", "uwv"),
    ("Contract bespreken met de jongere en school", "werkgever"),
    ("Reisroute naar werk oefenen", "jongere"),
    ("Toeslagen controleren", "ouder"),
]
# The people behind the other organisations (invented): each works where the role says.
KLANTMANAGERS = ["Sanne Hofman", "Erik Verbeek", "Nadia Aziz"]
UWV_STAFF = ["Karin Smits", "Dennis Ouali"]
JOBCOACHES = [("Rik Smeets", "Jobcoach Midden"), ("Lieke Jacobs", "Werkfit Utrecht")]
WORK_SUPERVISORS = ["Joyce Hermans", "Bart Claassen", "Sevda Kaya", "Henk Willems", "Priya Ramsaran"]
MENTORS = ["Marieke de Jong", "Ahmed Benali", "Petra Kuiper", "Joost van Rijn"]
LEVEL_BY_ROUTE = {  # the expected level (verwacht uitstroomniveau) that goes with each route
    "werken": ["Arbeidsmarkt", "Arbeidsmarkt", "Beschut werk"],
    "verder_leren": ["Entree (mbo-1)", "Entree (mbo-1)", "Mbo-2"],
    "dagbesteding": ["Dagbesteding"],
    "onbekend": ["Arbeidsmarkt", "Entree (mbo-1)", "Dagbesteding"],
}
SITUATION_BY_ROUTE = {
    "werken": ["werk", "werk_lks", "werk_lks", "beschut_werk", "werk_bbl", "traject"],
    "verder_leren": ["mbo_entree", "mbo_entree", "mbo_2", "werk_bbl", "ander_onderwijs"],
    "dagbesteding": ["dagbesteding_arbeid", "dagbesteding_activiteit"],
    "onbekend": ["traject", "geen", "werk", "mbo_entree"],
}


def school_type_of(rng: random.Random, school: str) -> str:
    """A praktijkschool has pro students, a school for vso vso students; an unknown name gets either."""
    name = school.casefold()
    if "praktijk" in name:
        return "pro"
    if "vso" in name or "speciaal" in name:
        return "vso"
    return rng.choice(["pro", "pro", "vso"])


def demo_status(rng: random.Random, leaving: dt.date, today: dt.date, *, consented: bool) -> str:
    """The handover status a dossier has at this point of the schedule (DOMAIN.md: T−9, T−3, T0, T+24)."""
    if today >= rules.add_months(leaving, 24):
        return "afgerond"  # begeleiding afgerond after two years
    if leaving <= today:
        if not consented:
            return "besproken"  # discussed, still waiting for consent
        recent = (today - leaving).days < 60
        return "verstuurd" if recent and rng.random() < 0.5 else "ontvangen"
    if rules.add_months(leaving, -3) <= today:
        return "besproken"  # the three-way meeting (T−3) was held
    if rules.add_months(leaving, -9) <= today and consented:
        return "klaar"
    return "concept"


def agreement_outcome(rng: random.Random, deadline: dt.date, today: dt.date) -> tuple[str, dt.date | None]:
    """Most agreements are done by their date; one past its date stays open for a few weeks at most, and
    seldom (so the overdue ones are a realistic few, not most of them). Returns the status and done-on day."""
    if deadline >= today:
        return "open", None
    overdue_days = (today - deadline).days
    if overdue_days <= 42 and rng.random() < 0.15:
        return "open", None
    if rng.random() < 0.07:
        return "vervallen", None
    return "gedaan", min(
        today, deadline - dt.timedelta(days=rng.randrange(0, 20)) + dt.timedelta(days=rng.randrange(0, 25))
    )


def valid_test_bsns() -> frozenset[str]:
    """Every 9999xxxxx number that passes the 11-proef (the same test as stdnum's bsn.is_valid).

    The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. With the first eight digits
    fixed there is at most one last digit that passes (the weighted sum mod 11, when under 10), so
    10,000 heads are tried instead of 100,000 numbers."""
    prefix = 9 * (9 + 8 + 7 + 6)  # the digits 9999
    valid = []
    for head in range(10000):
        a, b, c, d = head // 1000, head // 100 % 10, head // 10 % 10, head % 10
        last = (prefix + 5 * a + 4 * b + 3 * c + 2 * d) % 11
        if last < 10:
            valid.append(f"9999{head:04d}{last}")
    return frozenset(valid)


def _test_bsns(rng: random.Random) -> Callable[[], str]:
    """Unique 9999xxxxx numbers passing the 11-proef."""
    used: set[str] = set()
    valid = valid_test_bsns()

    def draw() -> str:
        while True:
            candidate = f"9999{rng.randrange(100000):05d}"
            if candidate not in used and candidate in valid:
                used.add(candidate)
                return candidate

    return draw
