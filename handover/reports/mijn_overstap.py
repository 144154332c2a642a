"""'Mijn overstap': one A4 page in plain language (B1) for the young person to take home.

It says who their fixed contact person is and how to reach them, the agreements (who does what,
until when), the next check-ins, and where to go when things go wrong. Short sentences, "je" and
"jij", no abbreviations, a larger font; long lists are cut to what fits on one page ("en nog 3
afspraken: vraag ernaar"). Printing is audit-logged (kind "mijn_overstap"), like the dossier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from handover.domain.vocab import AGREEMENT_ORG, CONTACT_ROLE
from handover.paths import private_write
from handover.reports.dossier import fixed_contact
from handover.reports.fonts import BOLD, REGULAR
from handover.reports.layout import (
    ACCENT,
    ACCENT_LIGHT,
    CONTENT_WIDTH,
    MUTED,
    RULE,
    GroupStart,
    PageDecor,
    build_pdf,
    fmt_date,
    load_logo,
    styles,
)
from handover.services.context import AppContext
from handover.services.dossiers import NotFound
from handover.services.settings import all_settings
from handover.services.views import AgreementView, CheckInView, DossierView, load_dossier_view
from handover.store import audit

TITLE = "Mijn overstap"
MAX_AGREEMENTS = 8  # at most; fewer when they do not fit on the one page ("en nog N afspraken")
MAX_CHECKINS = 3
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day: dt.date) -> str:
    """ "dinsdag 12 januari 2027": easier to read than 12-01-2027."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    intro: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    big: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    note: ParagraphStyle


def _styles() -> _Styles:
    base = ParagraphStyle("b1", parent=styles().body, fontName=REGULAR, fontSize=11, leading=15, spaceAfter=3)
    return _Styles(
        title=ParagraphStyle("b1title", parent=base, fontName=BOLD, fontSize=22, leading=27, textColor=ACCENT),
        intro=ParagraphStyle("b1intro", parent=base, fontSize=11.5, leading=16, spaceAfter=6),
        heading=ParagraphStyle(
            "b1head", parent=base, fontName=BOLD, fontSize=13.5, leading=18, textColor=ACCENT, spaceBefore=9
        ),
        body=base,
        big=ParagraphStyle("b1big", parent=base, fontName=BOLD, fontSize=13, leading=17),
        cell=ParagraphStyle("b1cell", parent=base, fontSize=10.5, leading=13.5, spaceAfter=0),
        head=ParagraphStyle("b1hcell", parent=base, fontName=BOLD, fontSize=10.5, leading=13.5, spaceAfter=0),
        note=ParagraphStyle("b1note", parent=base, fontSize=10, leading=13.5, textColor=MUTED),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def who_text(agreement: AgreementView, first_name: str) -> str:
    """Who does it, in plain words: "Jij", "School (Marieke de Jong)", "Werk en Inkomen"."""
    if agreement.organisation == "jongere":
        return "Jij"
    org = AGREEMENT_ORG.label_of(agreement.organisation)
    return f"{org} ({agreement.person})" if agreement.person else org


def open_agreements(youth: DossierView) -> list[AgreementView]:
    """The agreements still to do, the nearest deadline first (those without a date last)."""
    todo = [a for a in youth.agreements if a.status == "open"]
    return sorted(todo, key=lambda a: (a.deadline is None, a.deadline or dt.date.max))


def next_checkins(youth: DossierView, today: dt.date) -> list[CheckInView]:
    """The coming check-ins (not held, not marked gemist), the first first."""
    coming = [c for c in youth.checkins if c.held_on is None and c.missed_on is None and c.due_date >= today]
    return sorted(coming, key=lambda c: c.due_date)[:MAX_CHECKINS]


def mijn_overstap_story(
    youth: DossierView, *, today: dt.date, school: str, max_agreements: int = MAX_AGREEMENTS
) -> list[Flowable]:
    st = _styles()
    first = youth.called_name or youth.first_names.split(" ")[0]
    story: list[Flowable] = [
        _p(TITLE, st.title),
        _p(
            f"Voor {first}. Dit papier is van jou. Hierop staat wie jou helpt na school, wat we samen hebben "
            "afgesproken en wanneer we je weer spreken. Bewaar het goed.",
            st.intro,
        ),
    ]

    # 1. The fixed contact person
    story.append(_p("Jouw vaste contactpersoon", st.heading))
    contact = fixed_contact(youth)
    if contact is not None:
        role = CONTACT_ROLE.label_of(contact.role)
        where = ", ".join(p for p in (role, contact.organisation or "") if p)
        lines = [Paragraph(f"<b>{escape(contact.name)}</b>" + (f" · {escape(where)}" if where else ""), st.big)]
        reach = []
        if contact.phone:
            reach.append(f"Bellen of appen: <b>{escape(contact.phone)}</b>")
        if contact.email:
            reach.append(f"Mailen: <b>{escape(contact.email)}</b>")
        if reach:
            lines.append(Paragraph(" · ".join(reach), st.body))
        lines.append(_p(f"Heb je een vraag, of verandert er iets? Neem dan contact op met {contact.name}.", st.body))
        story += lines
    else:
        story.append(
            _p(
                f"Je vaste contactpersoon is nog niet ingevuld. Vraag het aan je mentor van {school or 'school'}.",
                st.body,
            )
        )

    # 2. The agreements
    story.append(_p("Wat we hebben afgesproken", st.heading))
    agreements = open_agreements(youth)
    if agreements:
        rows: list[list[Paragraph]] = [[_p("Wat", st.head), _p("Wie doet het", st.head), _p("Klaar op", st.head)]]
        for a in agreements[:max_agreements]:
            late = a.deadline is not None and a.deadline < today
            when = fmt_date(a.deadline) if a.deadline else "Nog niet bekend"
            rows.append(
                [
                    _p(a.action, st.cell),
                    _p(who_text(a, first), st.cell),
                    _p(when + (" (te laat)" if late else ""), st.cell),
                ]
            )
        table = Table(rows, colWidths=[CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.27, CONTENT_WIDTH * 0.18])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
        rest = len(agreements) - max_agreements
        if rest > 0:
            story.append(_p(f"En nog {rest} afspraken. Vraag je contactpersoon ernaar.", st.note))
    else:
        story.append(_p("Er staan nu geen afspraken open.", st.body))

    # 3. The next check-ins
    story.append(_p("Wanneer we je weer spreken", st.heading))
    coming = next_checkins(youth, today)
    if coming:
        story.append(_p("We nemen contact met je op rond deze dagen:", st.body))
        for c in coming:
            story.append(Paragraph(f"•&nbsp;&nbsp;<b>{escape(long_date(c.due_date))}</b>", st.body))
        story.append(_p("Kan het dan niet? Laat het je contactpersoon weten.", st.body))
    else:
        story.append(_p("Er staat nu geen nieuw contact gepland. Je kunt zelf altijd contact opnemen.", st.body))

    # 4. Where to go when things go wrong
    help_lines = [
        "Bel of app eerst je vaste contactpersoon. Dat mag altijd, ook als je geen afspraak hebt.",
        "Ben je je werk of je opleiding kwijt? Of heb je geen geld? Ga naar Werk en Inkomen van de gemeente"
        + (f" {youth.municipality}." if youth.municipality else "."),
        "Ben je jonger dan 27 en weet je niet wat je wilt gaan doen? Het Doorstroompunt helpt je.",
        "Voel je je niet goed, of heb je het moeilijk? Praat erover met iemand die je vertrouwt, of ga naar je "
        "huisarts.",
        "Is er gevaar of nood? Bel 112.",
    ]
    block: list[Flowable] = [_p("Gaat het niet goed?", st.heading)]
    block += [Paragraph(f"•&nbsp;&nbsp;{escape(line)}", st.body) for line in help_lines]
    story.append(KeepTogether(block))
    story.append(Spacer(1, 4 * mm))
    story.append(_p(f"Gemaakt op {fmt_date(today)} door {school or 'je school'}.", st.note))
    return story


def mijn_overstap_pdf(ctx: AppContext, youth_id: str) -> bytes:
    """The page in memory (for a preview); no audit here: the caller records print or export."""
    today = ctx.today()
    with ctx.session() as session:
        youth = load_dossier_view(session, youth_id)
        settings = all_settings(session)
        seq, digest = audit.head(session)
    if youth is None or youth.anonymised:
        raise NotFound("Deze jongere bestaat niet (meer).")
    school = str(settings.get("org_name") or "")
    decor = PageDecor(
        org_name=school,
        printed_on=today,
        logo=load_logo(str(settings.get("logo_path") or "")),
        audit_head=f"nr. {seq} · {digest[:16]}",
    )
    # One page, always: with long agreements, fewer of them are listed ("en nog N afspraken").
    shown = min(MAX_AGREEMENTS, len(youth.agreements))
    while True:
        story = [GroupStart(0, TITLE), *mijn_overstap_story(youth, today=today, school=school, max_agreements=shown)]
        data = build_pdf(story, decor, title=TITLE, author=school or "Overstap", subject="Mijn overstap na school")
        if shown == 0 or _pages(data) == 1:
            return data
        shown -= 1


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


def record_print(ctx: AppContext, youth_id: str, kind: str, *, action: str, write: Callable[[], object]) -> None:
    """One audit event (ids only) in the same transaction as the file write: a written file is always
    in the log, and a failed write leaves no event."""
    with ctx.session() as session:
        audit.record(session, ctx.actor, action, "youth", youth_id, kind=kind, output="pdf-file", youth=youth_id)
        write()


def save_mijn_overstap(ctx: AppContext, youth_id: str, path: Path, *, action: str = "print") -> Path:
    data = mijn_overstap_pdf(ctx, youth_id)
    record_print(ctx, youth_id, "mijn_overstap", action=action, write=lambda: private_write(Path(path), data))
    return Path(path)
