"""What the editor shows of a dossier, read in one go on a worker thread (with the audit of the view)."""

from __future__ import annotations

from dataclasses import dataclass, field

from handover.services.context import AppContext
from handover.services.dossiers import DossierService, health_allowed
from handover.services.records import SectionCompleteness, completeness
from handover.services.settings import get_setting
from handover.services.views import DossierView
from handover.ui.editor.exchange import ExchangeData, load_exchange


@dataclass(frozen=True)
class Snapshot:
    """What the page shows, read in one go on a worker thread."""

    view: DossierView
    completeness: list[SectionCompleteness]
    health_ok: bool
    recipient: str
    drafts: dict[str, str] | None = None
    exchange: ExchangeData = field(default_factory=ExchangeData)  # sections I and K: what Werk en Inkomen did


def load_snapshot(ctx: AppContext, youth_id: str, *, audit_view: bool = False, drafts: bool = False) -> Snapshot:
    service = DossierService(ctx)
    view = service.get(youth_id, audit_view=audit_view)
    today = ctx.today()
    with ctx.session() as session:
        recipient = get_setting(session, "default_recipient") or ""
    return Snapshot(
        view,
        completeness(view, today),
        health_allowed(view, today),
        recipient,
        service.drafts(youth_id) if drafts else None,
        load_exchange(ctx, youth_id),
    )
