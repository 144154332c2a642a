"""Every enumeration of the dossier as data: a code stored in the database and a Dutch label.

A school can be given extra values without a code change: :func:`Vocabulary.extended` returns
a copy with the school's own entries (kept in the school settings), and codes are never
compared as literals outside this module and the rules that need a specific meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    entries: tuple[tuple[str, str], ...]
    _index: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", dict(self.entries))

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.entries)

    def codes(self) -> list[str]:
        return [code for code, _ in self.entries]

    def label_of(self, code: str | None) -> str:
        if code is None or code == "":
            return ""
        return self._index.get(code, code)

    def extended(self, extra: list[tuple[str, str]]) -> Vocabulary:
        known = set(self._index)
        return Vocabulary(self.name, self.label, self.entries + tuple(e for e in extra if e[0] not in known))


def _v(name: str, label: str, *entries: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, label, tuple(entries))


CONTACT_CHANNEL = _v(
    "contactkanaal",
    "Voorkeur contactkanaal",
    ("telefoon", "Telefoon"),
    ("whatsapp", "WhatsApp / bericht"),
    ("email", "E-mail"),
    ("post", "Post"),
    ("via_ouder", "Via ouder/verzorger"),
)
CONTACT_ROLE = _v(
    "rol_betrokkene",
    "Rol",
    ("ouder", "Ouder/verzorger"),
    ("wettelijk_vertegenwoordiger", "Wettelijk vertegenwoordiger"),
    ("mentor", "Mentor school"),
    ("stagebegeleider", "Stagebegeleider"),
    ("stagecoordinator", "Stagecoördinator"),
    ("jobcoach", "Jobcoach"),
    ("klantmanager", "Klantmanager Werk en Inkomen"),
    ("doorstroompunt", "Consulent Doorstroompunt"),
    ("werkgever", "Werkgever"),
    ("zorg", "Zorg/ambulant begeleider"),
    ("bewindvoerder", "Bewindvoerder"),
    ("curator", "Curator/mentor (juridisch)"),
    ("overig", "Overig"),
)
SCHOOL_TYPE = _v("schoolsoort", "Schoolsoort", ("pro", "Praktijkonderwijs"), ("vso", "Voortgezet speciaal onderwijs"))
ROUTE = _v(
    "route",
    "Route na school",
    ("verder_leren", "Verder leren"),
    ("werken", "Werken"),
    ("dagbesteding", "Dagbesteding"),
    ("onbekend", "Nog onbekend"),
)
CERTIFICATE = _v(
    "diploma",
    "Soort",
    ("diploma_pro", "Schooldiploma pro"),
    ("getuigschrift_pro", "Getuigschrift pro"),
    ("diploma_vso", "Schooldiploma vso"),
    ("portfolio", "Portfolio"),
    ("praktijkverklaring", "Praktijkverklaring"),
    ("branchecertificaat", "Branchecertificaat"),
    ("mbo_certificaat", "Mbo-certificaat"),
    ("entreediploma", "Entreediploma"),
    ("mbo2", "Mbo-2 diploma"),
    ("vmbo", "Vmbo-diploma"),
    ("overig", "Overig"),
)
EXPERIENCE = _v(
    "ervaring",
    "Soort",
    ("stage", "Stage"),
    ("leerwerkplek", "Leerwerkplek"),
    ("bijbaan", "Bijbaan"),
    ("bbl", "Bbl"),
    ("betaald_werk", "Betaald werk"),
    ("vrijwilligerswerk", "Vrijwilligerswerk"),
)
SUPPORT_AREA = _v(
    "ondersteuningsgebied",
    "Gebied",
    ("werk", "Werk"),
    ("reizen", "Reizen"),
    ("geld", "Geld"),
    ("wonen", "Wonen"),
    ("gezondheid", "Gezondheid"),
    ("sociaal_netwerk", "Sociaal netwerk"),
)
SCHEME = _v(
    "regeling",
    "Regeling",
    ("banenafspraak", "Banenafspraak (doelgroepregister)"),
    ("beoordeling_arbeidsvermogen", "Beoordeling arbeidsvermogen"),
    ("beschut_werk", "Advies beschut werk"),
    ("loonkostensubsidie", "Loonkostensubsidie"),
    ("jobcoach", "Jobcoach"),
    ("wajong", "Wajong"),
    ("no_riskpolis", "No-riskpolis"),
    ("proefplaatsing", "Proefplaatsing"),
    ("werkvoorziening", "Werkvoorziening"),
    ("bijstand", "Bijstand"),
    ("wmo_dagbesteding", "Wmo-dagbesteding"),
    ("wlz", "Wlz-indicatie"),
    ("praktijkroute", "Praktijkroute"),
)
SCHEME_STATUS = _v(
    "regeling_status",
    "Status",
    ("niet_nodig", "Niet nodig"),
    ("uitzoeken", "Uitzoeken"),
    ("aangevraagd", "Aangevraagd"),
    ("toegekend", "Toegekend"),
    ("afgewezen", "Afgewezen"),
    ("onbekend", "Onbekend"),
)
AGREEMENT_ORG = _v(
    "organisatie",
    "Organisatie",
    ("school", "School"),
    ("werk_en_inkomen", "Werk en Inkomen"),
    ("doorstroompunt", "Doorstroompunt"),
    ("jongere", "Jongere"),
    ("ouder", "Ouder"),
    ("uwv", "UWV"),
    ("werkgever", "Werkgever"),
    ("overig", "Overig"),
)
# "verlopen" is never stored: it is derived from the deadline (see rules.agreement_state).
AGREEMENT_STATUS = _v(
    "afspraak_status",
    "Status",
    ("open", "Open"),
    ("gedaan", "Gedaan"),
    ("verlopen", "Verlopen"),
    ("vervallen", "Vervallen"),
)
CONSENT_BY = _v(
    "toestemming_door",
    "Toestemming gegeven door",
    ("jongere", "Jongere"),
    ("ouder", "Ouder/verzorger"),
    ("vertegenwoordiger", "Wettelijk vertegenwoordiger"),
)
CONSENT_FORM = _v("toestemming_vorm", "Vorm", ("papier", "Op papier"), ("digitaal", "Digitaal"))
HANDOVER_STATUS = _v(
    "overdrachtstatus",
    "Overdrachtstatus",
    ("concept", "Concept"),
    ("klaar", "Klaar voor gesprek"),
    ("besproken", "Besproken"),
    ("verstuurd", "Verstuurd"),
    ("ontvangen", "Ontvangen door Werk en Inkomen"),
    ("afgerond", "Afgerond"),
)
CHANNEL = _v(
    "kanaal",
    "Kanaal",
    ("gesprek_school", "Gesprek op school"),
    ("huisbezoek", "Huisbezoek"),
    ("werkplekbezoek", "Werkplekbezoek"),
    ("telefoon", "Telefoon"),
    ("video", "Video"),
    ("bericht", "Bericht"),
    ("via_ouder", "Via ouder"),
    ("via_werkgever", "Via werkgever"),
    ("via_werk_en_inkomen", "Via Werk en Inkomen"),
)
SITUATION = _v(
    "situatie",
    "Situatie",
    ("werk", "Werk (regulier)"),
    ("werk_lks", "Werk met loonkostensubsidie / banenafspraak"),
    ("beschut_werk", "Beschut werk"),
    ("werk_bbl", "Werk met bbl"),
    ("mbo_entree", "Mbo-bol entree"),
    ("mbo_2", "Mbo-bol niveau 2"),
    ("mbo_hoger", "Mbo-bol hoger"),
    ("ander_onderwijs", "Ander onderwijs"),
    ("dagbesteding_arbeid", "Dagbesteding arbeidsmatig"),
    ("dagbesteding_activiteit", "Dagbesteding activiteitengericht"),
    ("traject", "Traject naar werk"),
    ("geen", "Nog geen werk, school of dagbesteding"),
    ("verhuisd", "Verhuisd/buitenland"),
    ("niet_bereikt", "Nog niet bereikt"),
)
SITUATION_REASON = _v(
    "reden_geen",
    "Reden",
    ("zoekend", "Zoekend"),
    ("ziek_zorg", "Ziek/zorg"),
    ("motivatie", "Motivatie"),
    ("ontslag", "Ontslag"),
    ("voortijdig_gestopt", "Voortijdig gestopt"),
    ("overig", "Overig"),
)
INCOME = _v(
    "inkomen",
    "Inkomen",
    ("geen_uitkering", "Geen uitkering"),
    ("bijstand", "Bijstand"),
    ("wajong", "Wajong"),
    ("ww", "WW"),
    ("anders", "Anders"),
)
CARE_SIGNAL = _v("zorgsignaal", "Zorgsignaal", ("geen", "Geen"), ("let_op", "Let op"), ("zorg", "Zorg"))
SATISFACTION = _v("tevredenheid", "Tevredenheid jongere", ("1", "Niet tevreden"), ("2", "Gaat wel"), ("3", "Tevreden"))
CONSENT_PURPOSE = _v(
    "doel",
    "Doel",
    ("overstap", "Overstap naar werk en begeleiding na school"),
    ("uitkering", "Aanvraag uitkering of regeling"),
)

# Situations that count as "in work, school or day activity": losing one of these re-activates support.
ENGAGED_SITUATIONS = frozenset(
    {
        "werk",
        "werk_lks",
        "beschut_werk",
        "werk_bbl",
        "mbo_entree",
        "mbo_2",
        "mbo_hoger",
        "ander_onderwijs",
        "dagbesteding_arbeid",
        "dagbesteding_activiteit",
        "traject",
    }
)
DISENGAGED_SITUATIONS = frozenset({"geen", "niet_bereikt"})

ALL: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        CONTACT_CHANNEL,
        CONTACT_ROLE,
        SCHOOL_TYPE,
        ROUTE,
        CERTIFICATE,
        EXPERIENCE,
        SUPPORT_AREA,
        SCHEME,
        SCHEME_STATUS,
        AGREEMENT_ORG,
        AGREEMENT_STATUS,
        CONSENT_BY,
        CONSENT_FORM,
        HANDOVER_STATUS,
        CHANNEL,
        SITUATION,
        SITUATION_REASON,
        INCOME,
        CARE_SIGNAL,
        SATISFACTION,
        CONSENT_PURPOSE,
    )
}
