"""Printable lists for the mentor: "Contactmomenten deze maand" and "Verlopen afspraken"."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy import and_, or_, select

from handover.domain import rules
from handover.domain.fields import full_name
from handover.domain.vocab import AGREEMENT_ORG
from handover.reports.layout import data_table, fmt_date, styles, text_markup
from handover.services import queries
from handover.services.context import AppContext
from handover.store.models import CheckIn, Youth

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


@dataclass(frozen=True)
class PrintableList:
    title: str
    subtitle: str
    header: tuple[str, ...]
    widths: tuple[float, ...]
    rows: list[list[str]]
    empty_text: str

    def flowables(self) -> list[Flowable]:
        st = styles()
        story: list[Flowable] = [
            Paragraph(text_markup(self.title), st.list_title),
            Paragraph(text_markup(self.subtitle), st.subtitle),
        ]
        if self.rows:
            story.append(data_table(self.header, self.rows, self.widths))
            story += [Spacer(1, 6), Paragraph(f"Totaal: {len(self.rows)}", st.muted)]
        else:
            story.append(Paragraph(text_markup(self.empty_text), st.note))
        return story


def month_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    return today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1])


def checkins_this_month(ctx: AppContext) -> PrintableList:
    """Every check-in due or held this calendar month. An open one of a closed case (Begeleiding afronden)
    is left out; one marked gemist met reden says so instead of "te laat"."""
    today = ctx.today()
    first, last = month_bounds(today)
    with ctx.session() as session:
        rows = session.execute(
            select(
                CheckIn.youth_id,
                CheckIn.label,
                CheckIn.due_date,
                CheckIn.held_on,
                CheckIn.missed_on,
                Youth.first_names,
                Youth.called_name,
                Youth.infix,
                Youth.last_name,
                Youth.school_class,
                Youth.mentor,
            )
            .join(Youth, Youth.id == CheckIn.youth_id)
            .where(
                Youth.anonymised.is_(False),
                or_(
                    and_(CheckIn.due_date >= first, CheckIn.due_date <= last),
                    and_(CheckIn.held_on >= first, CheckIn.held_on <= last),
                ),
                or_(CheckIn.held_on.is_not(None), queries.case_open()),
            )
            .order_by(CheckIn.due_date, Youth.last_name)
        ).all()
    table = []
    for r in rows:
        state = rules.checkin_state(r.due_date, r.held_on, today)
        label = rules.CHECKIN_STATE_LABELS[state]
        if r.held_on is None and r.missed_on is not None:
            label = f"Gemist met reden ({fmt_date(r.missed_on)})"
        if r.held_on:
            label += f" ({fmt_date(r.held_on)})"
        table.append(
            [
                fmt_date(r.due_date),
                full_name(r.first_names, r.infix, r.last_name, r.called_name),
                r.school_class or "",
                r.label,
                label,
                r.mentor or "",
            ]
        )
    return PrintableList(
        title="Contactmomenten deze maand",
        subtitle=f"{MONTHS[today.month - 1].capitalize()} {today.year} · peildatum {fmt_date(today)}",
        header=("Datum", "Jongere", "Klas", "Contactmoment", "Stand", "Mentor"),
        widths=(2.0, 3.4, 0.9, 3.2, 2.2, 2.5),
        rows=table,
        empty_text="Deze maand staan er geen contactmomenten gepland.",
    )


def overdue_agreements(ctx: AppContext) -> PrintableList:
    """Open agreements whose deadline has passed, oldest deadline first."""
    today = ctx.today()
    table = []
    for a in queries.agreement_rows(ctx, only_overdue=True):
        days = (today - a.deadline).days if a.deadline else 0
        table.append(
            [
                fmt_date(a.deadline),
                str(days),
                a.name,
                a.action,
                AGREEMENT_ORG.label_of(a.organisation) + (f": {a.person}" if a.person else ""),
            ]
        )
    return PrintableList(
        title="Verlopen afspraken",
        subtitle=f"Open afspraken waarvan de datum bij 'Tot wanneer' voorbij is · peildatum {fmt_date(today)}",
        header=("Tot wanneer", "Dagen over", "Jongere", "Actie", "Wie"),
        widths=(2.0, 1.3, 3.2, 4.6, 3.2),
        rows=table,
        empty_text="Er zijn geen verlopen afspraken.",
    )
