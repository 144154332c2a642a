"""'Overdracht aan het Doorstroompunt': a printable one-page handover for a young person who is still
without work, school or day activity at the end of the two years.

As for Werk en Inkomen, nothing is printed without a valid consent whose recipient names the
Doorstroompunt (``services.closing.check_doorstroompunt``): without one the refusal says so in
Dutch. Only the sections that consent covers are on the page (A and K always, as for a dossier sent).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer

from handover.domain import rules
from handover.domain.fields import full_name
from handover.domain.validation import mask_bsn
from handover.domain.vocab import (
    AGREEMENT_ORG,
    CONSENT_BY,
    CONTACT_ROLE,
    ROUTE,
    SCHEME,
    SCHEME_STATUS,
    SCHOOL_TYPE,
    SITUATION,
    SITUATION_REASON,
)
from handover.paths import private_write
from handover.reports.dossier import fixed_contact
from handover.reports.layout import (
    GroupStart,
    PageDecor,
    build_pdf,
    data_table,
    field_grid,
    fmt_date,
    load_logo,
    styles,
)
from handover.reports.mijn_overstap import record_print
from handover.services.closing import ClosingService, check_doorstroompunt
from handover.services.context import AppContext
from handover.services.dossiers import NotFound
from handover.services.settings import all_settings
from handover.services.views import DossierView, load_dossier_view
from handover.store import audit

TITLE = "Overdracht aan het Doorstroompunt"
MAX_ROWS = 6  # per list: the page stays one page


def _heading(text: str) -> Paragraph:
    return Paragraph(escape(text), styles().title)


def doorstroompunt_story(
    youth: DossierView,
    *,
    sections: set[str],
    situation: str | None,
    situation_reason: str | None,
    consent: rules.ConsentLike,
    school: str,
    mentor: str,
    print_full_bsn: bool,
    today_text: str,
) -> list[Flowable]:
    st = styles()
    name = full_name(youth.first_names, youth.infix, youth.last_name, youth.called_name)
    story: list[Flowable] = [
        Paragraph(escape(TITLE), st.list_title),
        Paragraph(
            escape(
                f"{name} heeft aan het eind van de begeleiding na school nog geen werk, school of dagbesteding. "
                f"{school or 'De school'} draagt de begeleiding met toestemming over aan het Doorstroompunt."
            ),
            st.subtitle,
        ),
        _heading("Jongere"),
        field_grid(
            [
                ("Naam", name),
                ("Geboortedatum", fmt_date(youth.birth_date)),
                ("Adres", " ".join(p for p in (youth.address or "", youth.postcode or "") if p)),
                ("Woonplaats", youth.city or ""),
                ("Telefoon", youth.phone or ""),
                ("E-mail", youth.email or ""),
                ("BSN", (youth.bsn if print_full_bsn else mask_bsn(youth.bsn)) if youth.bsn else ""),
                ("Tolk nodig", "Ja" if youth.interpreter else "Nee"),
            ]
        ),
    ]
    if youth.secret_address:
        story.append(Paragraph("Geheim adres: het adres niet doorgeven aan anderen.", st.note))
    story += [Spacer(1, 4), _heading("Situatie aan het eind van de begeleiding")]
    stable = rules.stable_since(youth.checkins)
    held = [c.held_on for c in youth.checkins if c.held_on is not None and c.reached]
    story.append(
        field_grid(
            [
                ("Situatie", SITUATION.label_of(situation)),
                ("Reden", SITUATION_REASON.label_of(situation_reason)),
                ("Zo sinds", fmt_date(stable[1]) if stable else ""),
                ("Laatst bereikt", fmt_date(max(held)) if held else "nog niet bereikt"),
                ("Vertrek van school", fmt_date(youth.leaving_date)),
                ("Einde begeleiding", fmt_date(rules.support_ends(youth.leaving_date)) if youth.leaving_date else ""),
            ]
        )
    )
    if "C" in sections:
        story += [
            Spacer(1, 4),
            _heading("School"),
            field_grid(
                [
                    ("School", youth.school or school),
                    ("Schoolsoort", SCHOOL_TYPE.label_of(youth.school_type)),
                    ("Route na school", ROUTE.label_of(youth.route)),
                    ("Verwacht niveau", youth.expected_level or ""),
                ]
            ),
        ]
    if "B" in sections:
        contacts = [c for c in youth.contacts if c.role != "mentor"][:MAX_ROWS]
        if contacts:
            story += [
                Spacer(1, 4),
                _heading("Betrokkenen"),
                data_table(
                    ("Rol", "Naam", "Organisatie", "Telefoon"),
                    [[CONTACT_ROLE.label_of(c.role), c.name, c.organisation or "", c.phone or ""] for c in contacts],
                    (2.2, 2.4, 2.4, 1.6),
                ),
            ]
    if "G" in sections:
        schemes = [s for s in youth.schemes if s.status != "niet_nodig"][:MAX_ROWS]
        if schemes:
            story += [
                Spacer(1, 4),
                _heading("Regelingen en indicaties"),
                data_table(
                    ("Regeling", "Status", "Datum"),
                    [[SCHEME.label_of(s.scheme), SCHEME_STATUS.label_of(s.status), fmt_date(s.date)] for s in schemes],
                    (4, 2, 1.5),
                ),
            ]
    if "I" in sections:
        todo = [a for a in youth.agreements if a.status == "open"][:MAX_ROWS]
        if todo:
            story += [
                Spacer(1, 4),
                _heading("Open afspraken"),
                data_table(
                    ("Actie", "Wie", "Tot wanneer"),
                    [
                        [
                            a.action,
                            AGREEMENT_ORG.label_of(a.organisation) + (f": {a.person}" if a.person else ""),
                            fmt_date(a.deadline),
                        ]
                        for a in todo
                    ],  # fmt: skip
                    (5, 2.6, 1.4),
                ),
            ]
    contact = fixed_contact(youth)
    story += [
        Spacer(1, 4),
        _heading("Contact bij de school"),
        field_grid(
            [
                ("Mentor", mentor),
                ("Vaste contactpersoon", contact.name if contact else ""),
                ("Telefoon", (contact.phone or "") if contact else ""),
                ("E-mail", (contact.email or "") if contact else ""),
            ]
        ),
        Spacer(1, 4),
        _heading("Toestemming"),
        Paragraph(
            escape(
                f"Gegeven door {CONSENT_BY.label_of(consent.given_by).lower()} op {fmt_date(consent.given_on)}, "
                f"voor: {consent.recipient}. Op deze pagina staan alleen de onderdelen waarvoor toestemming is "
                f"gegeven. Afgedrukt op {today_text}."
            ),
            st.small,
        ),
    ]
    return story


def doorstroompunt_pdf(ctx: AppContext, youth_id: str) -> bytes:
    """The one-page handover in memory. Raises ClosingRefused (Dutch) without a consent that covers it."""
    today = ctx.today()
    state = ClosingService(ctx).state(youth_id)
    with ctx.session() as session:
        youth = load_dossier_view(session, youth_id)
        settings = all_settings(session)
        seq, digest = audit.head(session)
    if youth is None or youth.anonymised:
        raise NotFound("Deze jongere bestaat niet (meer).")
    consent = check_doorstroompunt(youth, state.final_situation, today)
    reason = state.closure.situation_reason if state.closure else _latest_reason(youth)
    school = str(settings.get("org_name") or "")
    decor = PageDecor(
        org_name=school,
        printed_on=today,
        logo=load_logo(str(settings.get("logo_path") or "")),
        audit_head=f"nr. {seq} · {digest[:16]}",
    )
    story = [
        GroupStart(0, TITLE),
        *doorstroompunt_story(
            youth,
            sections=set(rules.shared_sections(consent)),
            situation=state.final_situation,
            situation_reason=reason,
            consent=consent,
            school=school,
            mentor=youth.mentor or "",
            print_full_bsn=bool(settings.get("print_full_bsn")),
            today_text=fmt_date(today),
        ),
    ]
    return build_pdf(story, decor, title=TITLE, author=school or "Overstap", subject=TITLE)


def _latest_reason(youth: DossierView) -> str | None:
    held = sorted((c for c in youth.checkins if c.held_on and c.reached), key=lambda c: c.held_on or c.due_date)
    return held[-1].situation_reason if held else None


def save_doorstroompunt(ctx: AppContext, youth_id: str, path: Path, *, action: str = "print") -> Path:
    data = doorstroompunt_pdf(ctx, youth_id)
    record_print(ctx, youth_id, "doorstroompunt", action=action, write=lambda: private_write(Path(path), data))
    return Path(path)
