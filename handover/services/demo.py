"""A realistic synthetic data set for newcomers, screenshots and benchmarks.

Every name is invented; every BSN starts with 9999 and passes the 11-proef (the range of the
national registry's test persons), so none can belong to a real person. The data goes through
the same field validation as typed data (each distinct value checked once), in one transaction per
chunk with plain rows and the audit events in bulk (services.bulk), so thousands take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypedDict

from handover.domain import rules
from handover.domain.fields import CHECKIN_FIELDS, LISTS, YOUTH_FIELDS, FieldSpec
from handover.domain.validation import ValidationFailed, add_years, age_on, check_youth, clean_fields
from handover.services import demo_story as tale
from handover.services.bulk import Draft, add_youths, plan_checkins
from handover.services.checkins import CHANGED_LABEL
from handover.services.context import AppContext
from handover.services.demo_data import (
    ACTIONS,
    AVOID,
    CITIES,
    EMPLOYERS,
    FIRST,
    INTERESTS,
    JOBCOACHES,
    KLANTMANAGERS,
    LAST,
    LEVEL_BY_ROUTE,
    MENTORS,
    SITUATION_BY_ROUTE,
    STREETS,
    STRENGTHS,
    UWV_STAFF,
    WORK_SUPERVISORS,
    WORKS,
    _test_bsns,
    agreement_outcome,
    demo_status,
    school_type_of,
)
from handover.services.settings import checkin_plan, get_setting
from handover.store.models import LIST_MODELS, CheckIn, Consent, Inspection, Youth, new_id, utcnow


class DemoSchool(TypedDict):
    """The organisation and user of a demo data folder, as keyword arguments of ``services.app.initialise``."""

    org_name: str
    brin: str
    user_name: str
    recipient: str


# The invented school the demo data folder belongs to: `handover demo`, the app's demo mode and the screenshots.
DEMO_SCHOOL: Final[DemoSchool] = {
    "org_name": "Praktijkschool De Brug",
    "brin": "12AB",
    "user_name": "Marieke de Jong",
    "recipient": "Werk en Inkomen gemeente Utrecht",
}


def _phone(rng: random.Random) -> str:
    return f"06 {rng.randrange(10000000, 58999999)}"


LEAVING_YEARS = (-1, 0, -2, 1, -1)  # in turn, so even a small set has every cohort


def _leaving_date(rng: random.Random, today: dt.date, index: int) -> dt.date:
    """Mostly at the end of a school year, some mid-year (31 January), from two years ago to next summer."""
    year = today.year + LEAVING_YEARS[index % len(LEAVING_YEARS)]
    if rng.random() < 0.12:
        return dt.date(year, 1, 31)
    return dt.date(year, 7, rng.choice([10, 11, 14, 17]))


def build_demo(
    ctx: AppContext,
    youths: int,
    seed: int = 1,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 2000,
    gemeenten: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """``gemeenten``: the enrolled gemeenten (organisation id, name). Given, the young people live in
    those municipalities and their consents name them, so what a newcomer sends goes where expected."""
    rng = random.Random(seed)
    story = tale.story_rng(seed)  # Romy's case, contacts in between, closed cases (services/demo_story.py)
    today = ctx.today()
    bsn = _test_bsns(rng)
    ids: list[str] = []
    with ctx.session() as session:
        school = get_setting(session, "org_name") or DEMO_SCHOOL["org_name"]
        brin = get_setting(session, "brin") or None
        recipient = get_setting(session, "default_recipient") or DEMO_SCHOOL["recipient"]
        user = get_setting(session, "user_name") or MENTORS[0]
        plan = checkin_plan(session)
    mentors = [user, *MENTORS[1:]]
    _CLEANED.clear()
    done = 0
    while done < youths:
        drafts: list[Draft] = []
        for _ in range(min(batch, youths - done)):
            youth = _one_youth(rng, today, bsn, school, brin, recipient, mentors, done)
            plan_checkins(youth, plan)
            _history(rng, youth, today)
            if done == 0 and not gemeenten:  # Romy El Amrani (issue 12), once; the main generator moves on as before
                youth = tale.romy(
                    lambda leaving, person: _one_youth(
                        story, today, lambda: "", school, brin, recipient, mentors, 0, leaving_on=leaving, person=person
                    ),
                    lambda draft: plan_checkins(draft, plan),
                    *(today, youth.bsn, _clean_checkin),
                )
            else:
                tale.keep_in_touch(story, youth, today, _clean_checkin)
            if gemeenten:
                _live_in(youth, gemeenten[done % len(gemeenten)], done)
            drafts.append(youth)
            done += 1
        # One transaction per chunk: plain rows, one executemany per table, the audit events in bulk.
        with ctx.session() as session:
            ids += add_youths(session, drafts, actor=ctx.actor, action="create", now=utcnow(), source="demo")
            tale.close_cases(session, tale.closures(story, drafts, today), ctx.actor)
            if not gemeenten:  # a real exchange brings its own messages
                tale.record_intakes(session, tale.intake_replies(story, drafts, today, recipient))
        if progress:
            progress(done, youths)
    _CLEANED.clear()
    return ids


# Validation results per (field, value) during one build: the same checks as typed input, done once per
# distinct value (roles, organisations and dates repeat thousands of times in a large set).
_CLEANED: dict[tuple[int, type, object], object] = {}


_MISS = object()


def _clean(specs: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    rest: dict[str, Any] | None = None
    known = _CLEANED.get
    for name, raw in values.items():
        spec = specs.get(name)
        hit = _MISS if spec is None else known((id(spec), type(raw), raw), _MISS)
        if hit is _MISS:
            if rest is None:
                rest = {}
            rest[name] = raw
        else:
            cleaned[name] = hit
    if rest is None:  # every value seen before (most calls): already in the order given
        return cleaned
    fresh, errors = clean_fields(specs, rest)
    if errors:
        raise ValidationFailed(errors)
    for name, value in fresh.items():
        _CLEANED[(id(specs[name]), type(rest[name]), rest[name])] = value
    cleaned.update(fresh)
    return {name: cleaned[name] for name in values}


def place_of(gemeente_name: str) -> str:
    """ "Werk en Inkomen gemeente Houten" → "Houten": the municipality an enrolled gemeente serves."""
    marker = "gemeente "
    at = gemeente_name.casefold().rfind(marker)
    return gemeente_name[at + len(marker) :].strip() if at >= 0 else gemeente_name.strip()


def _live_in(youth: Draft, gemeente: tuple[str, str], index: int) -> None:
    """Move a demo young person to this gemeente's municipality; the consent names it (by id)."""
    org_id, name = gemeente
    place = place_of(name)
    towns = [city for city, municipality in CITIES if municipality.casefold() == place.casefold()]
    youth.municipality = place
    youth.city = towns[index % len(towns)] if towns else place
    for consent in youth.consents:
        consent.recipient, consent.recipient_org_id = name, org_id


def _one_youth(
    rng: random.Random,
    today: dt.date,
    bsn: Callable[[], str],
    school: str,
    brin: str | None,
    recipient: str,
    mentors: list[str],
    index: int,
    *,
    leaving_on: dt.date | None = None,
    person: tuple[str, str, str] | None = None,
) -> Draft:
    leaving = _leaving_date(rng, today, index)
    if leaving_on is not None:
        leaving = leaving_on
    birth = add_years(leaving, -rng.choice([17, 18, 18, 19, 20])) - dt.timedelta(days=rng.randrange(365))
    first = rng.choice(FIRST)
    infix, last = rng.choice(LAST)
    if person is not None:  # a story case (services/demo_story.py): first name, infix, last name
        first, infix, last = person
    city, municipality = rng.choice(CITIES)
    route = rng.choices(["werken", "verder_leren", "dagbesteding", "onbekend"], [50, 25, 15, 10])[0]
    values = {
        "first_names": first + (f" {rng.choice(FIRST)}" if rng.random() < 0.3 else ""),
        "called_name": first,
        "infix": infix or None,
        "last_name": last,
        "birth_date": birth,
        "address": f"{rng.choice(STREETS)} {rng.randrange(1, 180)}",
        "postcode": f"{rng.randrange(3400, 3999)} {rng.choice('ABCDEGHJKLMNPRT')}{rng.choice('ABCDEGHJKLMNPRT')}",
        "city": city,
        "municipality": municipality,
        "phone": _phone(rng),
        "email": f"{first.lower().encode('ascii', 'ignore').decode() or 'jongere'}{rng.randrange(100, 999)}@example.nl",
        "contact_channel": rng.choice(["telefoon", "whatsapp", "whatsapp", "email", "via_ouder"]),
        "bsn": bsn() if rng.random() < 0.8 else None,
        "secret_address": rng.random() < 0.02,
        "interpreter": rng.random() < 0.05,
        "school": school,
        "brin": brin,
        "school_type": school_type_of(rng, school),
        "school_class": f"{rng.choice(['4', '5', '6'])}{rng.choice('ABCD')}",
        "school_start": add_years(leaving, -rng.choice([4, 5, 6])).replace(month=8, day=20),
        "leaving_date": leaving,
        "leaving_reason": "Einde schoolloopbaan" if leaving.month == 7 else "Overstap naar werk",
        "development_plan_date": add_years(leaving, -1),
        "expected_level": rng.choice(LEVEL_BY_ROUTE[route]),
        "route": route,
        "strengths": " ".join(rng.sample(STRENGTHS, 2)),
        "interests": ", ".join(rng.sample(INTERESTS, 2)),
        "work_skills": "Volgt werkinstructies op, werkt samen in een klein team.",
        "hours_per_day": rng.choice([4, 6, 8]),
        "hours_per_week": rng.choice([16, 24, 32, 36]),
        "travels_alone": rng.random() < 0.7,
        "what_works": rng.choice(WORKS),
        "what_to_avoid": rng.choice(AVOID),
        "planned_situation": rng.choice(SITUATION_BY_ROUTE[route]),
        "meeting_date": rules.add_months(leaving, -3),
    }
    cleaned = _clean(YOUTH_FIELDS, values)
    errors = check_youth(cleaned, today=today)
    if errors:
        raise ValidationFailed(errors)
    youth = Draft(Youth, id=new_id(), **cleaned, mentor=rng.choice(mentors), status="concept", revision=1)
    _lists(rng, youth, leaving, recipient, birth, today)
    if index % 20 == 1 and youth.agreements:  # now and then a follow-up slips a few weeks (Vandaag shows it)
        late = rng.choice(youth.agreements)
        late.deadline, late.status, late.done_on = today - dt.timedelta(days=rng.randrange(3, 40)), "open", None
    youth.status = demo_status(rng, leaving, today, consented=bool(youth.consents))
    return youth


_LIST_SPECS = {name: {f.name: f for f in spec.fields} for name, spec in LISTS.items()}


def _item(list_name: str, values: dict[str, Any]) -> Draft:
    """A list row (contact, certificate, ...) of the model for ``list_name``, its values cleaned like typed input."""
    return Draft(LIST_MODELS[list_name], **_clean(_LIST_SPECS[list_name], values))


def _lists(rng: random.Random, youth: Draft, leaving: dt.date, recipient: str, birth: dt.date, today: dt.date) -> None:
    school = youth.school or "School"
    route = youth.route or "onbekend"
    # The places of work experience suit the route; the most recent one first.
    fits = [employer for employer in EMPLOYERS if route in employer[2]]
    places = rng.sample(fits, min(len(fits), rng.randrange(1, 4)))
    parent = f"{rng.choice(['Mevr.', 'Dhr.'])} {' '.join(p for p in (youth.infix, youth.last_name) if p)}"
    klantmanager = rng.choice(KLANTMANAGERS)
    supervisor = rng.choice(WORK_SUPERVISORS)
    with_employer = leaving <= today and route == "werken" and rng.random() < 0.6
    # Werk en Inkomen is involved from the three-way meeting (T−3) on.
    with_werk_en_inkomen = rules.add_months(leaving, -3) <= today or rng.random() < 0.2
    youth.contacts = [
        _item(
            "contacts",
            {
                "role": "mentor",
                "name": youth.mentor,
                "organisation": school,
                "phone": "030 2345678",
                "is_fixed_contact": True,
            },
        ),
        _item("contacts", {"role": "ouder", "name": parent, "phone": _phone(rng)}),
    ]
    if with_werk_en_inkomen:
        youth.contacts.append(
            _item(
                "contacts",
                {
                    "role": "klantmanager",
                    "name": klantmanager,
                    "organisation": recipient,
                    "email": "werkeninkomen@example.nl",
                },
            )
        )
    if rng.random() < 0.3:
        coach, agency = rng.choice(JOBCOACHES)
        youth.contacts.append(_item("contacts", {"role": "jobcoach", "name": coach, "organisation": agency}))
    if with_employer:
        youth.contacts.append(
            _item("contacts", {"role": "werkgever", "name": supervisor, "organisation": places[0][0]})
        )
    diploma = (
        ("getuigschrift_pro", "Getuigschrift praktijkonderwijs", school)
        if youth.school_type == "pro"
        else ("diploma_vso", "Schooldiploma vso", school)
    )
    youth.certificates = [
        _item(
            "certificates",
            {
                "kind": kind,
                "name": name,
                "issued_by": issuer,
                "issued_on": leaving - dt.timedelta(days=rng.randrange(10, 400)),
            },
        )
        for kind, name, issuer in rng.sample(
            [
                ("branchecertificaat", "Heftruck (VCA-basis)", "Stichting Vakcentrum"),
                ("branchecertificaat", "Medewerker schoonmaak", "SVS"),
                ("praktijkverklaring", "Praktijkverklaring groen", school),
                diploma,
                ("entreediploma", "Entree assistent logistiek", "ROC Midden Nederland"),
                ("portfolio", "Portfolio stages", school),
            ],
            rng.randrange(1, 4),
        )
    ]
    youth.experiences = []
    for i, (employer, tasks, _routes) in enumerate(places):
        start = leaving - dt.timedelta(days=120 * (i + 1) + rng.randrange(60))
        youth.experiences.append(
            _item(
                "experiences",
                {
                    "kind": rng.choice(["stage", "stage", "leerwerkplek", "bijbaan"]),
                    "employer": employer,
                    "tasks": tasks,
                    "start": start,
                    "end": start + dt.timedelta(days=100),
                    "hours_per_week": rng.choice([8, 12, 16, 24]),
                    "guidance": "Werkbegeleider ter plekke",
                    "assessment": rng.choice(["Goed", "Voldoende", "Groeit"]),
                    "can_stay": (i == 0 and with_employer) or rng.random() < 0.2,
                },
            )
        )
    youth.support_needs = [
        _item("support_needs", {"area": area, "description": text})
        for area, text in rng.sample(
            [
                ("reizen", "Oefent de busroute naar de werkplek met de jobcoach."),
                ("geld", "Hulp bij budgetteren; bewindvoering wordt besproken."),
                ("werk", "Vaste begeleider op de werkvloer nodig."),
                ("wonen", "Woont bij ouders; wil op termijn begeleid wonen."),
                ("sociaal_netwerk", "Weinig contacten buiten de familie."),
            ],
            rng.randrange(1, 3),
        )
    ]
    youth.schemes = [
        _item(
            "schemes",
            {
                "scheme": scheme,
                "status": rng.choice(["uitzoeken", "aangevraagd", "toegekend"]),
                "date": leaving - dt.timedelta(days=rng.randrange(10, 200)),
                "requested_by": "School",
            },
        )
        for scheme in rng.sample(
            [
                "banenafspraak",
                "beoordeling_arbeidsvermogen",
                "loonkostensubsidie",
                "jobcoach",
                "praktijkroute",
                "wmo_dagbesteding",
            ],
            rng.randrange(1, 3),
        )
    ]
    person = {
        "school": youth.mentor,
        "werk_en_inkomen": klantmanager if with_werk_en_inkomen else None,
        "jongere": youth.called_name,
        "ouder": parent,
        "uwv": rng.choice(UWV_STAFF),
        "werkgever": supervisor if with_employer else None,
    }
    # Agreements are made at the three-way meeting (T−3): before it only what school and jongere do.
    actions = [
        (action, org)
        for action, org in ACTIONS
        if person.get(org) and (with_werk_en_inkomen or org in ("school", "jongere"))
    ]
    youth.agreements = []
    for action, org in rng.sample(actions, min(len(actions), rng.randrange(2, 5))):
        deadline = leaving + dt.timedelta(days=rng.randrange(-150, 120))
        status, done_on = agreement_outcome(rng, deadline, today)
        item = _item(
            "agreements",
            {"action": action, "organisation": org, "person": person[org], "deadline": deadline, "status": status},
        )
        item.done_on = done_on
        youth.agreements.append(item)
    consent_day = rules.add_months(leaving, -9)
    if consent_day <= today and rng.random() < 0.9:
        age = age_on(birth, consent_day)
        youth.consents = [
            Draft(
                Consent,
                given_by="jongere" if age >= rules.CONSENT_AGE else "ouder",
                given_by_name=youth.called_name if age >= rules.CONSENT_AGE else f"Ouder van {youth.called_name}",
                age_at_consent=age,
                recipient=recipient,
                purpose="overstap",
                sections=["B", "C", "D", "E", "F", "G", "H", "I"],
                given_on=consent_day,
                form=rng.choice(["papier", "digitaal"]),
                includes_health=False,
            )
        ]
        if rng.random() < 0.7:
            youth.inspections = [
                Draft(Inspection, seen_on=consent_day + dt.timedelta(days=14), agrees=rng.random() < 0.95, reason=None)
            ]
            if not youth.inspections[0].agrees:
                youth.inspections[0].reason = "Wil dat de tekst over thuis wordt aangepast."


CHECKIN_SPECS = {f.name: f for f in CHECKIN_FIELDS}


def _clean_checkin(values: Mapping[str, Any]) -> dict[str, Any]:
    return _clean(CHECKIN_SPECS, values)


def _history(rng: random.Random, youth: Draft, today: dt.date) -> None:
    """Hold most past check-ins: mostly stable situations, some not reached, some job loss."""
    route = youth.route or "onbekend"
    situation = rng.choice(SITUATION_BY_ROUTE[route])
    lost_job_at = rng.randrange(4, 9) if rng.random() < 0.12 else None
    for index, checkin in enumerate(sorted(youth.checkins, key=lambda c: c.due_date)):
        if checkin.due_date >= today:
            break
        if checkin.due_date >= today - dt.timedelta(days=45) and rng.random() < 0.45:
            continue  # recent ones not yet done: overdue
        if rng.random() < 0.06:
            continue  # missed
        reached = rng.random() > 0.1
        if lost_job_at is not None and index == lost_job_at:
            situation = "geen"
        held = min(today, checkin.due_date + dt.timedelta(days=rng.randrange(0, 10)))
        values = {
            "held_on": held,
            "channel": rng.choice(
                ["gesprek_school", "telefoon", "telefoon", "bericht", "werkplekbezoek", "huisbezoek", "via_ouder"]
            ),
            "reached": reached,
            "attempts": 1 if reached else rng.randrange(2, 4),
            "situation": situation if reached else "niet_bereikt",
            "situation_reason": "ontslag" if reached and situation == "geen" else None,
            "income": rng.choice(["geen_uitkering", "geen_uitkering", "wajong", "bijstand"]) if reached else None,
            "care_signal": rng.choices(["geen", "let_op", "zorg"], [85, 12, 3])[0] if reached else None,
            "satisfaction": rng.choice(["2", "3", "3"]) if reached else None,
            "notes": "Gaat goed op het werk, wil meer uren." if reached else "Niet bereikt, bericht gestuurd.",
        }
        for name, value in _clean(CHECKIN_SPECS, values).items():
            setattr(checkin, name, value)
    if lost_job_at is not None and any(c.situation == "geen" for c in youth.checkins):
        youth.actual_situation = "geen"
        youth.attention = "Situatie veranderd: Nog geen werk, school of dagbesteding"
        youth.checkins.append(
            Draft(
                CheckIn,
                plan_months=None,
                label=CHANGED_LABEL,
                due_date=today + dt.timedelta(days=rng.randrange(-5, 14)),
            )
        )
    else:
        last = [c for c in youth.checkins if c.held_on and c.reached]
        if last:
            youth.actual_situation = last[-1].situation
