"""The signature block at the end of a printed overstapdossier."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from handover.domain.fields import full_name
from handover.reports.layout import ACCENT, CONTENT_WIDTH, RULE, ZEBRA, Styles, text_markup
from handover.services.view_types import DossierView


def signature_block(youth: DossierView, st: Styles) -> list[Flowable]:
    """'Ondertekening': a box to sign for the young person, a parent, the mentor and the klantmanager."""

    def contact_name(*roles: str) -> str:
        found = next((c for c in youth.contacts if c.role in roles), None)
        return found.name if found else ""

    mentor = contact_name("mentor") or youth.mentor or ""
    signers = [
        ("Jongere", full_name(youth.first_names, youth.infix, youth.last_name, youth.called_name)),
        ("Ouder / wettelijk vertegenwoordiger", contact_name("ouder", "wettelijk_vertegenwoordiger")),
        ("Mentor school", mentor),
        ("Klantmanager Werk en Inkomen", contact_name("klantmanager")),
    ]
    boxes = []
    half = (CONTENT_WIDTH - 6 * mm) / 2
    for role, name in signers:
        line = Table([[""]], colWidths=[half - 14], rowHeights=[16 * mm], hAlign="LEFT")
        line.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        boxes.append(
            [
                Paragraph(text_markup(role), st.cell_bold),
                Paragraph("Naam: " + (text_markup(name) if name else "_" * 34), st.small),
                line,
                Spacer(1, 2),
                Paragraph("Handtekening", st.label),
                Spacer(1, 9),
                Paragraph("Datum: ____ - ____ - ________", st.small),
            ]
        )
    grid = Table(
        [[boxes[0], "", boxes[1]], ["", "", ""], [boxes[2], "", boxes[3]]],
        colWidths=[half, 6 * mm, half],
        rowHeights=[None, 5 * mm, None],
        hAlign="LEFT",
    )
    grid.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("BOX", (2, 0), (2, 0), 0.6, RULE),
                ("BOX", (0, 2), (0, 2), 0.6, RULE),
                ("BOX", (2, 2), (2, 2), 0.6, RULE),
                ("BACKGROUND", (0, 0), (0, 0), ZEBRA),
                ("BACKGROUND", (2, 0), (2, 0), ZEBRA),
                ("BACKGROUND", (0, 2), (0, 2), ZEBRA),
                ("BACKGROUND", (2, 2), (2, 2), ZEBRA),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    heading = Table([[Paragraph("Ondertekening", st.section)]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    heading.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    intro = Paragraph(
        "Wij hebben dit overstapdossier samen besproken. De afspraken onder I gelden tot de "
        "genoemde datum; de jongere kan de toestemming altijd intrekken.",
        st.body,
    )
    return [Spacer(1, 14), KeepTogether([heading, Spacer(1, 6), intro, Spacer(1, 4), grid])]
