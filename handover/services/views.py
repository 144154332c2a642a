"""The dossier as frozen view objects: what services hand to the editor, the PDF and the sync envelope.

Nothing outside ``handover.services`` holds an ORM row: a :class:`DossierView` is a plain, immutable
copy of one young person's dossier (the youth fields, the lists, consents, inspections and check-ins)
with the same attribute names as the models, so the domain rules and ``records.dossier_dict`` read
it as they read a row. A change goes through a service and the caller reads a new view.

Two ways to get one: :func:`dossier_view` copies an already loaded ``Youth``, and
:func:`load_dossier_views` reads many dossiers with one lean Core query per table (only the columns
a view holds), which is several times cheaper than building ORM objects with nine relationships.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from handover.services.view_types import (
    AgreementView,
    CertificateView,
    CheckInView,
    ConsentView,
    ContactView,
    DossierView,
    ExperienceView,
    InspectionView,
    SchemeView,
    SupportNeedView,
)
from handover.store.models import (
    Agreement,
    Certificate,
    CheckIn,
    Consent,
    Contact,
    Experience,
    Inspection,
    Scheme,
    SupportNeed,
    Youth,
)

__all__ = [
    "AgreementView",
    "CertificateView",
    "CheckInView",
    "ConsentView",
    "ContactView",
    "DossierView",
    "ExperienceView",
    "InspectionView",
    "LIST_SOURCES",
    "SchemeView",
    "SupportNeedView",
    "YOUTH_COLUMNS",
    "dossier_view",
    "load_dossier_view",
    "load_dossier_views",
]


@dataclass(frozen=True)
class _ListSource:
    """Where one list of the view comes from: attribute, model, sort column and item view type."""

    name: str
    model: type[Any]
    order: str
    view: type[Any]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.view._fields)


LIST_SOURCES: tuple[_ListSource, ...] = (
    _ListSource("contacts", Contact, "position", ContactView),
    _ListSource("certificates", Certificate, "position", CertificateView),
    _ListSource("experiences", Experience, "position", ExperienceView),
    _ListSource("support_needs", SupportNeed, "position", SupportNeedView),
    _ListSource("schemes", Scheme, "position", SchemeView),
    _ListSource("agreements", Agreement, "position", AgreementView),
    _ListSource("consents", Consent, "given_on", ConsentView),
    _ListSource("inspections", Inspection, "seen_on", InspectionView),
    _ListSource("checkins", CheckIn, "due_date", CheckInView),
)
_LIST_NAMES = frozenset(s.name for s in LIST_SOURCES)
YOUTH_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DossierView) if f.name not in _LIST_NAMES)


def _consent(values: Sequence[Any]) -> ConsentView:
    """Consent sections are stored as a JSON list; the view holds a tuple (the last field)."""
    return ConsentView._make((*values[:-1], tuple(values[-1] or ())))


def dossier_view(youth: Youth) -> DossierView:
    """A view of an ORM ``Youth`` whose lists are loaded (``services.dossiers.load_youth``)."""
    lists: dict[str, Any] = {}
    for source in LIST_SOURCES:
        make = _consent if source.view is ConsentView else source.view._make
        columns = source.columns
        lists[source.name] = tuple(make([getattr(item, c) for c in columns]) for item in getattr(youth, source.name))
    return DossierView(**{c: getattr(youth, c) for c in YOUTH_COLUMNS}, **lists)


def load_dossier_views(session: Session, ids: Sequence[str], *, checkins: bool = True) -> list[DossierView]:
    """Views of many dossiers, in the order of ``ids`` (ids that do not exist are left out).

    One Core query per table with only the columns a view holds: the sync scan reads thousands of
    dossiers only to serialise them. ``checkins=False`` skips the check-ins (the sync envelope never
    carries them); those views then have ``checkins == ()``.
    """
    wanted = list(ids)
    if not wanted:
        return []
    youths: Table = Youth.__table__  # type: ignore[assignment]
    rows = session.execute(select(*(youths.c[c] for c in YOUTH_COLUMNS)).where(youths.c.id.in_(wanted))).all()
    found = {row[0]: row for row in rows}  # "id" is the first column of a view
    items: dict[str, dict[str, Any]] = {youth_id: {} for youth_id in found}
    for source in LIST_SOURCES:
        if source.name == "checkins" and not checkins:
            continue
        table: Table = source.model.__table__
        query = (
            select(table.c.youth_id, *(table.c[c] for c in source.columns))
            .where(table.c.youth_id.in_(wanted))
            .order_by(table.c.youth_id, table.c[source.order])
        )
        name = source.name
        make = _consent if source.view is ConsentView else source.view._make
        for youth_id, group in groupby(session.execute(query).all(), key=itemgetter(0)):  # ordered by youth
            items[youth_id][name] = tuple(make(row[1:]) for row in group)
    return [DossierView(*found[i], **items[i]) for i in wanted if i in found]


def load_dossier_view(session: Session, youth_id: str) -> DossierView | None:
    """The view of one dossier, or None when this young person does not exist (any more)."""
    found = load_dossier_views(session, [youth_id])
    return found[0] if found else None
