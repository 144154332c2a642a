"""The section pages of the dossier editor (A–K): the form, the lists and each section's own parts.

Split from ``editor/page.py``, which hosts them; the controls are kept on the page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from handover.domain.fields import SectionSpec
from handover.ui import labels, theme
from handover.ui.editor.consent import ConsentPanel
from handover.ui.editor.exchange import AgreementChanges, ExchangePanel
from handover.ui.editor.fields import build_form, form_layout
from handover.ui.editor.header import StatusSection
from handover.ui.editor.lists import ListEditor
from handover.ui.editor.section_page import section_page


def build_section(page: Any, section: SectionSpec) -> QWidget:
    """One section's page: its form, its lists and what belongs to it (health hint, I, J, K parts).

    ``page``: the :class:`~handover.ui.editor.page.DossierEditorPage` (untyped here: it imports this
    module). The controls are kept on it (``page.editors``, ``page.lists``, ``page.consent_panel``, …)."""
    content = QWidget()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(14)
    if section.fields:
        form_box = QWidget(content)
        form_box.setMaximumWidth(760)
        form = form_layout()
        form_box.setLayout(form)
        editors = build_form(section.fields, form_box, form, today=page.ctx.today, extra_check=page.session.extra_check)
        for name, editor in editors.items():
            editor.defer_undo_keys = True
            editor.edited.connect(lambda name=name: page.session.field_edited(name))
            editor.committed.connect(lambda name=name: page.field_committed(name))
        page.editors.update(editors)
        layout.addWidget(form_box)
        if "health_notes" in editors:
            page.health_hint = QLabel(
                QCoreApplication.translate(
                    "DossierEditor",
                    "Gezondheid kan alleen worden ingevuld als er geldige toestemming is "
                    "die ook gezondheidsgegevens omvat (onderdeel J, Toestemming).",
                ),
                content,
            )
            page.health_hint.setObjectName("gezondheid_uitleg")
            page.health_hint.setWordWrap(True)
            page.health_hint.setStyleSheet(f"color: {theme.WARNING};")
            form.addRow("", page.health_hint)
    for spec in section.lists:
        editor = ListEditor(spec, content, today=page.ctx.today)
        editor.add_requested.connect(page.session.add_item)
        editor.remove_requested.connect(page.session.remove_item)
        editor.model.edit_requested.connect(
            lambda item_id, field, old, new, name=spec.name: page.session.edit_item(name, item_id, field, old, new)
        )
        page.lists[spec.name] = editor
        layout.addWidget(editor)
    if section.code == "B":
        page.fixed_contact_label = QLabel(content)
        page.fixed_contact_label.setObjectName("vaste_contactpersoon")
        page.fixed_contact_label.setStyleSheet(theme.ERROR_TEXT_STYLE)
        page.fixed_contact_label.setWordWrap(True)
        layout.addWidget(page.fixed_contact_label)
    if section.code == "I":  # who at Werk en Inkomen changed what, and conflicts to resolve
        page.agreement_changes = AgreementChanges(content)
        layout.addWidget(page.agreement_changes)
    if section.code == "J":
        page.consent_panel = ConsentPanel(page.session, page.ctx.today, content)
        layout.addWidget(page.consent_panel)
    if section.code == "K":
        page.status_section = StatusSection(content)
        layout.addWidget(page.status_section)
        page.exchange_panel = ExchangePanel(content)
        layout.addWidget(page.exchange_panel)
    return section_page(f"{section.code}. {labels.section_title(section)}", content, page)
