"""Reading a received dossier body: the school's ``dossier`` dict as texts, views and differences.

A received body is what the school's consent let travel (``sync.messages.DossierBody`` as stored):
``dossier`` holds the fields of the covered sections only, ``consent.sections`` names them. These
helpers never add what is not there: a field of a section the consent did not cover stays absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from handover.domain.fields import LISTS, SECTIONS, FieldSpec, full_name, sort_name
from handover.domain.validation import mask_bsn
from handover.services.views import LIST_SOURCES, ConsentView, DossierView

ALWAYS_SHARED = ("A", "J", "K")
WITHDRAWN_NAME = "Toestemming ingetrokken"


def dossier_of(body: Mapping[str, Any] | None) -> dict[str, Any]:
    """The dossier part of a stored body ({} for a withdrawn or unreadable one)."""
    if not isinstance(body, Mapping):
        return {}
    dossier = body.get("dossier")
    return dict(dossier) if isinstance(dossier, Mapping) else {}


def covered_sections(body: Mapping[str, Any] | None) -> frozenset[str]:
    """The sections the school's consent covered for this version (A, J and K always travel)."""
    if not isinstance(body, Mapping):
        return frozenset()
    consent = body.get("consent")
    sections = consent.get("sections") if isinstance(consent, Mapping) else None
    if not isinstance(sections, list):
        # An older sender without the consent reference: what is in the dossier is what was covered.
        dossier = dossier_of(body)
        found = {s.code for s in SECTIONS if any(f.name in dossier for f in s.fields)}
        found |= {s.code for s in SECTIONS if any(lst.name in dossier for lst in s.lists)}
        return frozenset(found | set(ALWAYS_SHARED))
    return frozenset(str(s) for s in sections)


def consent_date(body: Mapping[str, Any] | None) -> dt.date | None:
    consent = body.get("consent") if isinstance(body, Mapping) else None
    return parse_date(consent.get("given_on")) if isinstance(consent, Mapping) else None


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo is None else parsed.astimezone(dt.UTC).replace(tzinfo=None)


def name_of(dossier: Mapping[str, Any]) -> str:
    return full_name(
        _text(dossier.get("first_names")),
        _text(dossier.get("infix")),
        _text(dossier.get("last_name")),
        _text(dossier.get("called_name")),
    )


def sort_name_of(dossier: Mapping[str, Any]) -> str:
    return sort_name(_text(dossier.get("last_name")), _text(dossier.get("infix")), _text(dossier.get("first_names")))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def value_text(spec: FieldSpec, value: Any) -> str:
    """A field's value as the reader sees it: dates as dd-mm-jjjj, Ja/Nee, vocabulary labels, BSN masked."""
    if value is None or value == "":
        return ""
    if spec.kind == "bsn":
        return mask_bsn(str(value))
    if spec.kind == "date":
        day = parse_date(value)
        return day.strftime("%d-%m-%Y") if day else str(value)
    if spec.kind == "bool":
        return "Ja" if value else "Nee"
    if spec.kind == "choice" and spec.vocabulary is not None:
        return spec.vocabulary.label_of(str(value))
    return str(value)


# ------------------------------------------------------------------------------------------------
# What changed between two versions


def changed_names(previous: Mapping[str, Any] | None, current: Mapping[str, Any]) -> frozenset[str]:
    """Field and list names whose value differs from the previous version ({} without one)."""
    if previous is None:
        return frozenset()
    names: set[str] = set()
    for section in SECTIONS:
        for spec in section.fields:
            if previous.get(spec.name) != current.get(spec.name):
                names.add(spec.name)
        for lst in section.lists:
            if _items(previous.get(lst.name)) != _items(current.get(lst.name)):
                names.add(lst.name)
    for name in ("consents", "inspections"):
        if _items(previous.get(name)) != _items(current.get(name)):
            names.add(name)
    return frozenset(names)


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


# ------------------------------------------------------------------------------------------------
# A DossierView for the printed layout (reports.dossier reads views)

_VIEW_FIELDS = {f.name: f for f in fields(DossierView)}
_BOOL_FIELDS = frozenset(
    name for name, f in _VIEW_FIELDS.items() if f.type in ("bool", bool) and name not in ("anonymised",)
)


def _convert(name: str, value: Any) -> Any:
    spec = next((f for s in SECTIONS for f in s.fields if f.name == name), None)
    if spec is not None and spec.kind == "date":
        return parse_date(value)
    if spec is not None and spec.kind == "int":
        return value if isinstance(value, int) else None
    return value


def dossier_view_of(dossier: Mapping[str, Any], *, received_at: dt.datetime) -> DossierView:
    """The received dossier as a :class:`DossierView` (absent fields empty), for the A4 layout."""
    values: dict[str, Any] = {}
    for name in _VIEW_FIELDS:
        if name in LISTS or name in ("consents", "inspections", "checkins"):
            continue
        values[name] = _convert(name, dossier.get(name))
    values["id"] = str(dossier.get("id") or "")
    values["revision"] = int(dossier.get("revision") or 0)
    values["status"] = str(dossier.get("status") or "verstuurd")
    values["status_changed_at"] = None
    values["anonymised"] = False
    values["updated_at"] = parse_datetime(dossier.get("updated_at")) or received_at
    values["first_names"] = str(dossier.get("first_names") or "")
    values["last_name"] = str(dossier.get("last_name") or "")
    values["birth_date"] = parse_date(dossier.get("birth_date")) or dt.date(1900, 1, 1)
    for name in ("secret_address", "interpreter", "travels_alone"):
        values[name] = bool(dossier.get(name))
    lists: dict[str, Any] = {}
    for source in LIST_SOURCES:
        items = _items(dossier.get(source.name))
        if source.view is ConsentView:
            lists[source.name] = tuple(_consent_view(item) for item in items if isinstance(item, Mapping))
            continue
        rows = []
        for item in items:
            if not isinstance(item, Mapping):
                continue
            rows.append(source.view._make([_list_value(source.name, c, item.get(c)) for c in source.columns]))
        lists[source.name] = tuple(rows)
    return DossierView(**values, **lists)


def _list_value(list_name: str, column: str, value: Any) -> Any:
    spec = LISTS[list_name].fields if list_name in LISTS else ()
    kind = next((f.kind for f in spec if f.name == column), None)
    if kind == "date" or column in ("seen_on", "due_date", "held_on", "next_contact"):
        return parse_date(value)
    if kind == "bool" or column in ("agrees", "reached"):
        return bool(value)
    if column == "id":
        return str(value or "")
    return value


def _consent_view(item: Mapping[str, Any]) -> ConsentView:
    return ConsentView(
        id=str(item.get("id") or ""),
        given_by=str(item.get("given_by") or ""),
        given_by_name=str(item.get("given_by_name") or ""),
        age_at_consent=item.get("age_at_consent") if isinstance(item.get("age_at_consent"), int) else None,
        recipient=str(item.get("recipient") or ""),
        purpose=str(item.get("purpose") or ""),
        given_on=parse_date(item.get("given_on")) or dt.date(1900, 1, 1),
        form=str(item.get("form") or ""),
        includes_health=bool(item.get("includes_health")),
        withdrawn_on=parse_date(item.get("withdrawn_on")),
        representative_reason=_text(item.get("representative_reason")),
        recipient_org_id=_text(item.get("recipient_org_id")),
        sections=tuple(str(s) for s in _items(item.get("sections"))),
    )
