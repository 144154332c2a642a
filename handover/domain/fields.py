"""The overstapdossier as data: sections A–K, their fields and the lists inside them.

The GUI builds its forms from these specs, the PDF prints from them, the export names them,
and validation checks them, so a field is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass

from handover.domain import vocab
from handover.domain.vocab import Vocabulary


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # text, longtext, date, bool, choice, int, bsn, phone, email, postcode, brin
    vocabulary: Vocabulary | None = None
    required: bool = False
    sensitive: bool = False  # never in lists, logs or file names
    special_category: bool = False  # health data: only with explicit consent for it
    max_length: int = 200


@dataclass(frozen=True)
class ListSpec:
    """A list of items inside a section (contacts, certificates, ...), one table in the store."""

    name: str
    label: str
    item_label: str
    fields: tuple[FieldSpec, ...]
    title_field: str

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    fields: tuple[FieldSpec, ...] = ()
    lists: tuple[ListSpec, ...] = ()


F = FieldSpec
LONG = 20_000

CONTACTS = ListSpec(
    "contacts",
    "Betrokkenen",
    "betrokkene",
    (
        F("role", "Rol", "choice", vocab.CONTACT_ROLE, required=True),
        F("name", "Naam", "text", required=True),
        F("organisation", "Organisatie", "text"),
        F("phone", "Telefoon", "phone"),
        F("email", "E-mail", "email"),
        F("is_fixed_contact", "Vaste contactpersoon", "bool"),
    ),
    "name",
)
CERTIFICATES = ListSpec(
    "certificates",
    "Diploma's en certificaten",
    "diploma of certificaat",
    (
        F("kind", "Soort", "choice", vocab.CERTIFICATE, required=True),
        F("name", "Naam", "text", required=True),
        F("issued_by", "Uitgegeven door", "text"),
        F("issued_on", "Datum", "date"),
        F("valid_until", "Geldig tot", "date"),
    ),
    "name",
)
EXPERIENCES = ListSpec(
    "experiences",
    "Werk- en stage-ervaring",
    "ervaring",
    (
        F("kind", "Soort", "choice", vocab.EXPERIENCE, required=True),
        F("employer", "Werkgever", "text", required=True),
        F("tasks", "Taken", "longtext", max_length=4000),
        F("start", "Van", "date"),
        F("end", "Tot", "date"),
        F("hours_per_week", "Uren per week", "int"),
        F("guidance", "Begeleiding", "text"),
        F("assessment", "Beoordeling", "longtext", max_length=4000),
        F("can_stay", "Kan hier blijven", "bool"),
    ),
    "employer",
)
SUPPORT = ListSpec(
    "support_needs",
    "Ondersteuning per gebied",
    "ondersteuning",
    (
        F("area", "Gebied", "choice", vocab.SUPPORT_AREA, required=True),
        F("description", "Welke ondersteuning", "longtext", required=True, max_length=4000),
    ),
    "area",
)
SCHEMES = ListSpec(
    "schemes",
    "Regelingen en indicaties",
    "regeling",
    (
        F("scheme", "Regeling", "choice", vocab.SCHEME, required=True),
        F("status", "Status", "choice", vocab.SCHEME_STATUS, required=True),
        F("date", "Datum", "date"),
        F("requested_by", "Aangevraagd door", "text"),
    ),
    "scheme",
)
AGREEMENTS = ListSpec(
    "agreements",
    "Afspraken: wie doet wat, tot wanneer",
    "afspraak",
    (
        F("action", "Actie", "text", required=True, max_length=500),
        F("organisation", "Organisatie", "choice", vocab.AGREEMENT_ORG, required=True),
        F("person", "Persoon", "text"),
        F("deadline", "Tot wanneer", "date"),
        F("status", "Status", "choice", vocab.AGREEMENT_STATUS, required=True),
    ),
    "action",
)

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "A",
        "Persoonsgegevens",
        (
            F("first_names", "Voornamen", "text", required=True),
            F("called_name", "Roepnaam", "text"),
            F("infix", "Tussenvoegsel", "text", max_length=20),
            F("last_name", "Achternaam", "text", required=True),
            F("birth_date", "Geboortedatum", "date", required=True),
            F("address", "Adres", "text", sensitive=True),
            F("postcode", "Postcode", "postcode", sensitive=True),
            F("city", "Woonplaats", "text"),
            F("municipality", "Gemeente", "text"),
            F("phone", "Telefoon", "phone", sensitive=True),
            F("email", "E-mail", "email", sensitive=True),
            F("contact_channel", "Voorkeur contactkanaal", "choice", vocab.CONTACT_CHANNEL),
            F("bsn", "BSN", "bsn", sensitive=True),
            F("secret_address", "Geheim adres", "bool"),
            F("interpreter", "Tolk nodig", "bool"),
        ),
    ),
    SectionSpec("B", "Betrokkenen", lists=(CONTACTS,)),
    SectionSpec(
        "C",
        "Schoolloopbaan",
        (
            F("school", "School", "text"),
            F("brin", "BRIN", "brin"),
            F("school_type", "Schoolsoort", "choice", vocab.SCHOOL_TYPE),
            F("school_class", "Klas", "text", max_length=20),
            F("school_start", "Startdatum", "date"),
            F("leaving_date", "Einddatum (vertrek)", "date"),
            F("leaving_reason", "Reden vertrek", "text"),
            F("development_plan_date", "Datum ontwikkelingsperspectief", "date"),
            F("expected_level", "Verwacht uitstroomniveau", "text"),
            F("route", "Route na school", "choice", vocab.ROUTE),
        ),
    ),
    SectionSpec("D", "Diploma's en certificaten", lists=(CERTIFICATES,)),
    SectionSpec("E", "Werk- en stage-ervaring", lists=(EXPERIENCES,)),
    SectionSpec(
        "F",
        "Talenten en ondersteuning",
        (
            F("strengths", "Sterke punten", "longtext", max_length=LONG),
            F("interests", "Interesses", "longtext", max_length=LONG),
            F("work_skills", "Werkvaardigheden", "longtext", max_length=LONG),
            F("hours_per_day", "Belastbaarheid (uren per dag)", "int"),
            F("hours_per_week", "Belastbaarheid (uren per week)", "int"),
            F("travels_alone", "Reist zelfstandig", "bool"),
            F("what_works", "Wat werkt", "longtext", max_length=LONG),
            F("what_to_avoid", "Wat te vermijden", "longtext", max_length=LONG),
            F(
                "health_notes",
                "Gezondheid (alleen met toestemming)",
                "longtext",
                special_category=True,
                max_length=LONG,
            ),
        ),
        lists=(SUPPORT,),
    ),
    SectionSpec("G", "Regelingen en indicaties", lists=(SCHEMES,)),
    SectionSpec(
        "H",
        "Bestemming",
        (
            F("planned_situation", "Geplande situatie", "choice", vocab.SITUATION),
            F("actual_situation", "Werkelijke situatie", "choice", vocab.SITUATION),
            F("notes", "Toelichting", "longtext", max_length=LONG),
        ),
    ),
    SectionSpec(
        "I",
        "Afspraken: wie doet wat, tot wanneer",
        (F("meeting_date", "Datum driegesprek", "date"),),
        lists=(AGREEMENTS,),
    ),
    SectionSpec("J", "Toestemming"),
    SectionSpec("K", "Overdrachtstatus"),
)

SECTION_BY_CODE = {s.code: s for s in SECTIONS}
YOUTH_FIELDS: dict[str, FieldSpec] = {f.name: f for s in SECTIONS for f in s.fields}
FIELD_SECTION: dict[str, str] = {f.name: s.code for s in SECTIONS for f in s.fields}
LISTS: dict[str, ListSpec] = {lst.name: lst for s in SECTIONS for lst in s.lists}
LIST_SECTION: dict[str, str] = {lst.name: s.code for s in SECTIONS for lst in s.lists}

CONSENT_FIELDS: tuple[FieldSpec, ...] = (
    F("given_by", "Gegeven door", "choice", vocab.CONSENT_BY, required=True),
    F("given_by_name", "Naam", "text", required=True),
    F("age_at_consent", "Leeftijd bij toestemming", "int"),
    F("recipient", "Ontvanger", "text", required=True),
    F("purpose", "Doel", "choice", vocab.CONSENT_PURPOSE, required=True),
    F("given_on", "Datum", "date", required=True),
    F("form", "Vorm", "choice", vocab.CONSENT_FORM, required=True),
    F("includes_health", "Ook gezondheidsgegevens", "bool"),
    F("withdrawn_on", "Ingetrokken op", "date"),
    # Needed when a wettelijk vertegenwoordiger consents for someone of 16 or older (rules.consent_problem).
    F("representative_reason", "Reden vertegenwoordiging (curatele, mentorschap)", "text", max_length=300),
    # Consent scope "contactmomenten na school" (issue 10): news after school goes to Werk en Inkomen;
    # the free notes of a check-in only with the second one as well. Both off unless chosen.
    F("includes_checkins", "Ook contactmomenten na school", "bool"),
    F("includes_checkin_notes", "Ook notities van contactmomenten", "bool"),
)
CHECKIN_FIELDS: tuple[FieldSpec, ...] = (
    F("held_on", "Datum", "date", required=True),
    F("channel", "Kanaal", "choice", vocab.CHANNEL, required=True),
    F("reached", "Bereikt", "bool"),
    F("attempts", "Pogingen", "int"),
    F("situation", "Situatie", "choice", vocab.SITUATION),
    F("situation_reason", "Reden", "choice", vocab.SITUATION_REASON),
    F("income", "Inkomen", "choice", vocab.INCOME),
    F("care_signal", "Zorgsignaal", "choice", vocab.CARE_SIGNAL),
    F("satisfaction", "Tevredenheid jongere", "choice", vocab.SATISFACTION),
    F("notes", "Notities", "longtext", max_length=LONG),
    F("next_contact", "Volgende contact", "date"),
)

# Sections that a consent can cover. Sections A and K always travel (who it is about and its state).
SHAREABLE_SECTIONS = ("B", "C", "D", "E", "F", "G", "H", "I")


def full_name(first: str | None, infix: str | None, last: str | None, called: str | None = None) -> str:
    parts = [called or first or "", infix or "", last or ""]
    return " ".join(p for p in parts if p).strip()


def sort_name(last: str | None, infix: str | None, first: str | None) -> str:
    """Dutch alphabetical order: by last name, the tussenvoegsel follows ("Vries, Jan de")."""
    tail = " ".join(p for p in (first or "", infix or "") if p)
    return f"{last or ''}, {tail}".strip(", ")
