"""The overstapdossier as flowables: cover block, sections A–K with content, consent, signatures.

Works on a frozen ``DossierView`` (services.views); reading the database, settings and consent is the
service's job. Field labels and vocabularies come from ``domain.fields``, so a field is declared
once and printed from its spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from handover.domain import rules
from handover.domain.fields import (
    AGREEMENTS,
    CERTIFICATES,
    CONTACTS,
    SCHEMES,
    SECTION_BY_CODE,
    SECTIONS,
    FieldSpec,
    SectionSpec,
    full_name,
)
from handover.domain.text import moment_text
from handover.domain.validation import mask_bsn
from handover.domain.vocab import (
    AGREEMENT_ORG,
    AGREEMENT_STATUS,
    CERTIFICATE,
    CHANNEL,
    CONSENT_BY,
    CONSENT_FORM,
    CONSENT_PURPOSE,
    CONTACT_ROLE,
    EXPERIENCE,
    HANDOVER_STATUS,
    ROUTE,
    SITUATION,
    SUPPORT_AREA,
)
from handover.reports.layout import (
    ACCENT,
    ACCENT_LIGHT,
    CONTENT_WIDTH,
    WARNING_HEX,
    data_table,
    field_grid,
    fit_cell,
    fmt_date,
    font_commands,
    section_heading,
    styles,
    text_blocks,
    text_markup,
    yes_no,
)
from handover.reports.signatures import signature_block
from handover.services.view_types import ContactView, DossierView

AUDIENCES = ("school", "gemeente")


class ExchangeItem(Protocol):
    """One entry of the exchange with Werk en Inkomen (``sync.exchange.ExchangeEntry`` fits): plain data
    the caller reads, since reports never import the sync client."""

    @property
    def at(self) -> dt.datetime | str: ...

    @property
    def text(self) -> str: ...

    @property
    def signer(self) -> str: ...


when_text = moment_text  # a time as the school reads it: 12-01-2027 14:03 (a date alone without the time)


@dataclass(frozen=True)
class DossierOptions:
    """How to print: for the school itself (everything) or for the recipient (what consent covers)."""

    today: dt.date
    org_name: str = ""
    print_full_bsn: bool = False
    audience: str = "school"
    recipient: str = ""
    # Filled in by the service for audience "gemeente": the sections the consent covers.
    allowed_sections: frozenset[str] = field(default_factory=lambda: frozenset(s.code for s in SECTIONS))
    consent_date: dt.date | None = None
    include_health: bool = True
    # The school's own print: the exchange with Werk en Inkomen for the block "Overdracht" in K.
    exchange: tuple[ExchangeItem, ...] = ()


def youth_name(youth: DossierView) -> str:
    return full_name(youth.first_names, youth.infix, youth.last_name, youth.called_name)


def fixed_contact(youth: DossierView) -> ContactView | None:
    return next((c for c in youth.contacts if c.is_fixed_contact), None)


def _value_text(spec: FieldSpec, value: Any, opts: DossierOptions) -> str:
    if value is None or value == "":
        return ""
    if spec.kind == "bsn":
        return value if opts.print_full_bsn else mask_bsn(value)
    if spec.kind == "date":
        return fmt_date(value)
    if spec.kind == "bool":
        return yes_no(value)
    if spec.kind == "choice" and spec.vocabulary is not None:
        return spec.vocabulary.label_of(value)
    if spec.kind == "int":
        return str(value)
    return str(value)


def _has(value: Any) -> bool:
    return value not in (None, "", False)


class DossierStory:
    """Builds the flowables of one dossier. Cheap to create; styles are shared per process."""

    def __init__(self, youth: DossierView, opts: DossierOptions) -> None:
        self.youth = youth
        self.opts = opts
        self.st = styles()

    # -- helpers --------------------------------------------------------------------------------
    def _field_pairs(self, specs: Sequence[FieldSpec]) -> list[tuple[str, str]]:
        pairs = []
        for spec in specs:
            if spec.kind == "longtext":
                continue
            value = getattr(self.youth, spec.name)
            if spec.kind != "bool" and not _has(value):
                continue
            if spec.name in ("address", "postcode") and self.youth.secret_address:
                pairs.append((spec.label, "Geheim adres: niet afgedrukt"))
                continue
            pairs.append((spec.label, _value_text(spec, value, self.opts)))
        return pairs

    def _long_texts(self, specs: Sequence[FieldSpec]) -> list[Flowable]:
        out: list[Flowable] = []
        for spec in specs:
            if spec.kind != "longtext":
                continue
            if spec.special_category and not self.opts.include_health:
                continue
            value = getattr(self.youth, spec.name)
            if not _has(value):
                continue
            out.append(Paragraph(text_markup(spec.label.replace(" (alleen met toestemming)", "")), self.st.subheading))
            out += [Paragraph(block, self.st.body) for block in text_blocks(value)]
        return out

    def _section_has_content(self, section: SectionSpec) -> bool:
        youth = self.youth
        if section.code in ("A", "J", "K"):
            return True
        if any(getattr(youth, lst.name) for lst in section.lists):
            return True
        return any(
            _has(getattr(youth, f.name))
            for f in section.fields
            if f.kind != "bool" and not (f.special_category and not self.opts.include_health)
        )

    # -- the document ---------------------------------------------------------------------------
    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = self.cover()
        for section in SECTIONS:
            if not self._section_has_content(section):
                continue
            if section.code not in self.opts.allowed_sections:
                story.append(self.left_out(section))
                continue
            story += getattr(self, f"section_{section.code.lower()}")(section)
        story += self.signatures()
        return story

    def cover(self) -> list[Flowable]:
        youth, st = self.youth, self.st
        contact = fixed_contact(youth)
        contact_text = "Nog niet vastgelegd"
        if contact is not None:
            contact_text = contact.name + (f" ({CONTACT_ROLE.label_of(contact.role)})" if contact.role else "")
            if contact.phone:
                contact_text += f", {contact.phone}"
        school = youth.school or self.opts.org_name
        if youth.school_class:
            school += f", klas {youth.school_class}"
        pairs = [
            ("Geboortedatum", fmt_date(youth.birth_date)),
            ("School", school),
            ("Vaste contactpersoon", contact_text),
            ("Route na school", ROUTE.label_of(youth.route) or "Nog onbekend"),
            ("Vertrek van school", fmt_date(youth.leaving_date) or "Nog niet bekend"),
            ("Overdrachtstatus", HANDOVER_STATUS.label_of(youth.status)),
        ]
        value_room = CONTENT_WIDTH - 42 * mm - 12
        rows = [
            [fit_cell(label, st.label, 42 * mm), fit_cell(value, st.cell_bold, value_room)] for label, value in pairs
        ]
        box = Table(rows, colWidths=[42 * mm, CONTENT_WIDTH - 42 * mm], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    *font_commands(((0, 0), (0, -1)), st.label),
                    *font_commands(((1, 0), (1, -1)), st.cell_bold),
                    ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                    ("TOPPADDING", (0, 0), (-1, 0), 8),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        story: list[Flowable] = [
            Paragraph("OVERSTAPDOSSIER", st.title),
            Paragraph(text_markup(youth_name(youth)), st.name),
            Paragraph("Van school naar werk: afspraken en begeleiding na school", st.subtitle),
            box,
            Spacer(1, 6),
        ]
        if self.opts.audience == "gemeente":
            left_out = [
                f"{s.code}. {s.title}"
                for s in SECTIONS
                if s.code not in self.opts.allowed_sections and self._section_has_content(s)
            ]
            text = (
                f"Afschrift voor {self.opts.recipient}, op grond van de toestemming van "
                f"{fmt_date(self.opts.consent_date)}. Alleen de onderdelen waarvoor toestemming is "
                "gegeven staan erin."
            )
            if left_out:
                text += " Niet opgenomen: " + ", ".join(left_out) + "."
            if not self.opts.include_health and _has(youth.health_notes):
                text += " Gezondheidsgegevens zijn niet opgenomen."
            story.append(Paragraph(text_markup(text), self.st.note))
        else:
            story.append(
                Paragraph(
                    "Volledig dossier voor gebruik binnen de school en in het driegesprek. "
                    "Geef het alleen door met toestemming van de jongere.",
                    self.st.note,
                )
            )
        return story

    def left_out(self, section: SectionSpec) -> Flowable:
        return Paragraph(
            text_markup(f"{section.code}. {section.title}: niet opgenomen, valt buiten de toestemming."), self.st.note
        )

    def section_a(self, section: SectionSpec) -> list[Flowable]:
        pairs = self._field_pairs(section.fields)
        return [section_heading(section.code, section.title), field_grid(pairs)]

    def section_b(self, section: SectionSpec) -> list[Flowable]:
        rows = []
        for c in self.youth.contacts:
            name: Any = c.name
            if c.is_fixed_contact:
                name = Paragraph(
                    f"<b>{text_markup(c.name)}</b><br/><font color='#1F4E79' size='7.5'>vaste contactpersoon</font>",
                    self.st.cell,
                )
            rows.append([CONTACT_ROLE.label_of(c.role), name, c.organisation or "", c.phone or "", c.email or ""])
        header = [CONTACTS.field(n).label for n in ("role", "name", "organisation", "phone", "email")]
        return [section_heading(section.code, section.title), data_table(header, rows, [79, 92, 105, 68, 138])]

    def section_c(self, section: SectionSpec) -> list[Flowable]:
        return [section_heading(section.code, section.title), field_grid(self._field_pairs(section.fields))]

    def section_d(self, section: SectionSpec) -> list[Flowable]:
        rows = [
            [CERTIFICATE.label_of(c.kind), c.name, c.issued_by or "", fmt_date(c.issued_on), fmt_date(c.valid_until)]
            for c in self.youth.certificates
        ]
        header = [CERTIFICATES.field(n).label for n in ("kind", "name", "issued_by", "issued_on", "valid_until")]
        return [section_heading(section.code, section.title), data_table(header, rows, [2.3, 3.6, 3, 1.5, 1.5])]

    def section_e(self, section: SectionSpec) -> list[Flowable]:
        st = self.st
        story: list[Flowable] = [section_heading(section.code, section.title)]
        for e in self.youth.experiences:
            period = " – ".join(p for p in (fmt_date(e.start), fmt_date(e.end)) if p)
            facts = [
                p
                for p in (
                    period,
                    f"{e.hours_per_week} uur per week" if e.hours_per_week else "",
                    f"kan hier blijven: {yes_no(e.can_stay).lower()}",
                )
                if p
            ]
            block: list[Flowable] = [
                Paragraph(f"{text_markup(EXPERIENCE.label_of(e.kind))} · {text_markup(e.employer)}", st.subheading),
                Paragraph(text_markup(" · ".join(facts)), st.item_muted),
            ]
            for label, value in (("Taken", e.tasks), ("Begeleiding", e.guidance), ("Beoordeling", e.assessment)):
                if value:
                    block.append(Paragraph(f"<b>{label}:</b> {text_markup(value)}", st.item))
            story += block
        return story

    def section_f(self, section: SectionSpec) -> list[Flowable]:
        st = self.st
        story: list[Flowable] = [section_heading(section.code, section.title)]
        pairs = self._field_pairs(section.fields)
        if pairs:
            story.append(field_grid(pairs))
        story += self._long_texts(section.fields)
        if self.youth.support_needs:
            story.append(Paragraph("Ondersteuning per gebied", st.subheading))
            for s in self.youth.support_needs:
                story.append(
                    Paragraph(
                        f"<b>{text_markup(SUPPORT_AREA.label_of(s.area))}:</b> {text_markup(s.description)}", st.item
                    )
                )
        return story

    def section_g(self, section: SectionSpec) -> list[Flowable]:
        vocab_scheme = SCHEMES.field("scheme").vocabulary
        vocab_status = SCHEMES.field("status").vocabulary
        assert vocab_scheme is not None and vocab_status is not None
        rows = [
            [vocab_scheme.label_of(s.scheme), vocab_status.label_of(s.status), fmt_date(s.date), s.requested_by or ""]
            for s in self.youth.schemes
        ]
        header = [SCHEMES.field(n).label for n in ("scheme", "status", "date", "requested_by")]
        return [section_heading(section.code, section.title), data_table(header, rows, [4, 2, 1.6, 3])]

    def section_h(self, section: SectionSpec) -> list[Flowable]:
        story: list[Flowable] = [section_heading(section.code, section.title)]
        pairs = self._field_pairs(section.fields)
        if pairs:
            story.append(field_grid(pairs))
        story += self._long_texts(section.fields)
        if self.opts.audience == "school":
            held = sorted((c for c in self.youth.checkins if c.held_on), key=lambda c: c.held_on or dt.date.min)
            if held:
                story.append(Paragraph("Contactmomenten", self.st.subheading))
                rows = [
                    [
                        fmt_date(c.held_on),
                        c.label,
                        CHANNEL.label_of(c.channel),
                        yes_no(c.reached),
                        SITUATION.label_of(c.situation),
                    ]
                    for c in held
                ]
                story.append(
                    data_table(
                        ["Datum", "Contactmoment", "Kanaal", "Bereikt", "Situatie"], rows, [1.5, 2.8, 2.2, 1.1, 4.4]
                    )
                )
        return story

    def section_i(self, section: SectionSpec) -> list[Flowable]:
        st = self.st
        story: list[Flowable] = [section_heading(section.code, section.title)]
        if self.youth.meeting_date:
            story.append(Paragraph(f"Datum driegesprek: <b>{fmt_date(self.youth.meeting_date)}</b>", st.body))
        if self.youth.agreements:
            rows = []
            for a in self.youth.agreements:
                state = rules.agreement_state(a.status, a.deadline, self.opts.today)
                label = AGREEMENT_STATUS.label_of(state)
                status: Any = label
                if state == "verlopen":
                    status = Paragraph(f"<font color='{WARNING_HEX}'><b>{label}</b></font>", st.cell)
                who = AGREEMENT_ORG.label_of(a.organisation) + (f": {a.person}" if a.person else "")
                rows.append([a.action, who, fmt_date(a.deadline), status])
            header = [AGREEMENTS.field(n).label for n in ("action", "organisation", "deadline", "status")]
            header[1] = "Wie"
            story.append(data_table(header, rows, [5.2, 3.2, 1.5, 1.3]))
        else:
            story.append(Paragraph("Er zijn nog geen afspraken vastgelegd.", st.note))
        return story

    def section_j(self, section: SectionSpec) -> list[Flowable]:
        st, youth = self.st, self.youth
        story: list[Flowable] = [section_heading(section.code, section.title)]
        if not youth.consents:
            story.append(
                Paragraph(
                    "Er is nog geen toestemming vastgelegd. Zonder geldige toestemming gaat het "
                    "dossier niet naar de gemeente.",
                    st.note,
                )
            )
        consents = list(youth.consents)
        if self.opts.audience == "gemeente":  # the recipient sees its own consent, not those for others
            recipient = self.opts.recipient.strip().casefold()
            consents = [c for c in consents if c.recipient.strip().casefold() == recipient]
        rows = []
        for c in consents:
            problem = rules.consent_problem(c, youth.birth_date, self.opts.today)
            covered = ", ".join(
                f"{code} {SECTION_BY_CODE[code].title}" for code in sorted(c.sections) if code in SECTION_BY_CODE
            )
            if c.includes_health:
                covered += "; ook gezondheidsgegevens"
            if c.includes_checkins:  # the scope "contactmomenten na school" (issue 10)
                covered += "; ook contactmomenten na school"
                covered += " met notities" if c.includes_checkin_notes else " (zonder notities)"
            who = f"{c.given_by_name} ({CONSENT_BY.label_of(c.given_by).lower()}"
            who += f", {c.age_at_consent} jaar)" if c.age_at_consent is not None else ")"
            if c.representative_reason:  # a wettelijk vertegenwoordiger from 16: why, as recorded
                who += f"; reden: {c.representative_reason}"
            when = f"{fmt_date(c.given_on)}, {CONSENT_FORM.label_of(c.form).lower()}"
            state = "Geldig" if problem is None else problem.rstrip(".")
            if c.withdrawn_on:
                state = f"Ingetrokken op {fmt_date(c.withdrawn_on)}"
            rows.append([who, f"{c.recipient}: {CONSENT_PURPOSE.label_of(c.purpose).lower()}", covered, when, state])
        if rows:
            story.append(
                data_table(
                    ["Wie", "Aan wie en waarvoor", "Welke onderdelen", "Wanneer", "Stand"],
                    rows,
                    [2.4, 3, 3.6, 1.7, 1.6],
                )
            )
        story.append(Paragraph("Inzage door de jongere", st.subheading))
        if youth.inspections:
            for i in youth.inspections:
                text = f"Gezien op {fmt_date(i.seen_on)}: " + (
                    "eens met de inhoud." if i.agrees else "niet eens met de inhoud."
                )
                if i.reason:
                    text += f" Toelichting: {i.reason}"
                story.append(Paragraph(text_markup(text), st.body))
        else:
            story.append(Paragraph("De jongere heeft het dossier nog niet ingezien.", st.note))
        return story

    def section_k(self, section: SectionSpec) -> list[Flowable]:
        youth = self.youth
        pairs = [("Status", HANDOVER_STATUS.label_of(youth.status))]
        if youth.status_changed_at:
            pairs.append(("Sinds", fmt_date(youth.status_changed_at.date())))
        if youth.mentor:
            pairs.append(("Mentor", youth.mentor))
        # A reader knows a date, not a revision number: "Versie van 12-03-2026".
        pairs.append(("Versie van", fmt_date(youth.updated_at.date()) if youth.updated_at else "-"))
        story: list[Flowable] = [section_heading(section.code, section.title), field_grid(pairs)]
        if self.opts.audience == "school" and self.opts.exchange:
            story += self.overdracht()
        return story

    def overdracht(self) -> list[Flowable]:
        """Block "Overdracht": sent, the receipt, the intake, status messages, with signer and time."""
        rows = [[when_text(e.at), e.text, e.signer or "-"] for e in self.opts.exchange]
        return [
            Paragraph("Overdracht aan Werk en Inkomen", self.st.subheading),
            data_table(["Wanneer", "Wat", "Door"], rows, [2.2, 6.3, 3]),
        ]

    def signatures(self) -> list[Flowable]:
        return signature_block(self.youth, self.st)
