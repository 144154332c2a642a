"""The block "Overdracht" for a batch print: the exchange with Werk en Inkomen, read in this process.

Qt-free. The batch print reads a few dossiers at a time (:meth:`ReportService.printable`) and asks
:func:`exchange_reader` for their exchange in the same step; the entries travel to a print worker as
plain data inside the print options (``reports.service.ExchangeLine``), never a session or a key.
Only young people with anything exchanged are read entry by entry; for the rest one query says "none".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from handover.reports.dossier import ExchangeItem
from handover.reports.service import ExchangeReader
from handover.services.context import AppContext


def _with_exchange(session: Session, youth_ids: Sequence[str]) -> set[str]:
    """Which of these young people have anything sent to or received from Werk en Inkomen."""
    from handover.sync.models import AgreementVersion, OutboxOp, SentUpdate, SyncReply

    ids = list(youth_ids)
    query = union(
        select(OutboxOp.youth_id).where(
            OutboxOp.youth_id.in_(ids), OutboxOp.kind.in_(("dossier", "withdrawal", "update"))
        ),
        select(SentUpdate.youth_id).where(SentUpdate.youth_id.in_(ids)),
        select(SyncReply.youth_id).where(SyncReply.youth_id.in_(ids)),
        select(AgreementVersion.dossier_id).where(
            AgreementVersion.dossier_id.in_(ids), AgreementVersion.origin == "gemeente"
        ),
    )
    return {str(youth_id) for youth_id in session.scalars(query) if youth_id}


def exchange_reader(ctx: AppContext) -> ExchangeReader:
    """For :meth:`ReportService.batch_files` / ``batch_single``: the entries of the block "Overdracht"
    (sent, the receipt, the intake, status messages, agreements) of a few young people, by id."""

    def read(youth_ids: Sequence[str]) -> Mapping[str, Sequence[ExchangeItem]]:
        from handover.sync.exchange import exchange_entries

        with ctx.session() as session:
            found = _with_exchange(session, youth_ids)
            return {youth_id: exchange_entries(session, youth_id) for youth_id in youth_ids if youth_id in found}

    return read
