"""Batch print over every core: the dossiers are read here and laid out as PDFs in worker processes.

Qt-free on purpose (a worker imports this module, never Qt). The workers are started with "spawn"
(as on Windows and in the frozen build, whose entry point calls ``multiprocessing.freeze_support()``)
and receive plain data only: a dossier view, the print options (for the school's own print with the
exchange with Werk en Inkomen for the block "Overdracht", read here) and the page decoration. They never
see the database, its key or the data folder. Reading, consent, the audit events and the files stay
in this process, as in :meth:`ReportService.batch_files`: the PDFs stay in memory until all are made,
so a cancelled or failed batch writes nothing; progress and cancel are checked as each part comes back.
If worker processes cannot be started at all, the batch prints in this process instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from handover.reports.dossier import DossierOptions
from handover.reports.render import Decor, render_part
from handover.reports.service import (
    BatchCancelled,
    BatchResult,
    Cancel,
    ExchangeReader,
    Progress,
    ReportService,
    dossier_file_name,
)
from handover.services.settings import get_setting
from handover.services.views import DossierView

log = logging.getLogger(__name__)

PART = 4  # dossiers per task: enough to make the hand-over cheap, small enough for smooth progress
MIN_FOR_POOL = 8  # below this, starting processes costs more than it saves


def _cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if hasattr(cancel, "is_set") else bool(cancel())


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def batch_files_parallel(
    service: ReportService,
    youth_ids: Sequence[str],
    out_dir: Path,
    *,
    audience: str = "school",
    recipient: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel = None,
    action: str = "print",
    workers: int | None = None,
    exchange: ExchangeReader | None = None,
) -> BatchResult:
    """:meth:`ReportService.batch_files` (one PDF per young person in ``out_dir``, the same files, audit
    events, progress and cancel) with the layout spread over ``workers`` processes (default: the cores).
    ``exchange``: as for :meth:`ReportService.printable` (read here, passed on as plain data)."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(youth_ids) < MIN_FOR_POOL:
        return service.batch_files(
            youth_ids,
            out_dir,
            audience=audience,
            recipient=recipient,
            progress=progress,
            cancel=cancel,
            action=action,
            exchange=exchange,
        )
    out_dir = Path(out_dir)
    opts, page = service.base_options(audience=audience, recipient=recipient)
    with service.ctx.session() as session:
        logo_path = str(get_setting(session, "logo_path") or "")
    decor = Decor(page.org_name, page.printed_on, logo_path, page.audit_head)
    total = len(youth_ids)
    done = 0
    if progress:
        progress(0, total)

    def stop() -> None:
        raise BatchCancelled("Afgebroken: er zijn geen bestanden gemaakt.")

    # Parts in file order: (ids and names, the work). A part is rendered in a worker, or here when
    # the pool broke (a worker that cannot start); skipped young people count as done at once.
    names: list[list[tuple[str, str]]] = []
    results: dict[int, list[bytes]] = {}
    running: dict[Future[list[bytes]], int] = {}
    pending_parts: dict[int, list[tuple[DossierView, DossierOptions]]] = {}
    pool: ProcessPoolExecutor | None = _pool(workers)
    limit = workers * 3  # parts in flight: keeps the workers busy without holding every dossier in memory

    def collect(block: bool) -> None:
        nonlocal done, pool
        if not running:
            return
        finished, _ = wait(list(running), timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            index = running.pop(future)
            try:
                results[index] = future.result()
            except BrokenProcessPool:
                log.warning("printen zonder hulpprocessen: die konden niet starten")
                pool = None
                results[index] = render_part(pending_parts[index], decor)
            pending_parts.pop(index, None)
            done += len(results[index])
            if progress:
                progress(done, total)

    def submit(part: list[tuple[DossierView, DossierOptions]]) -> None:
        nonlocal done
        index = len(names)
        names.append([(youth.id, dossier_file_name(youth)) for youth, _ in part])
        pending_parts[index] = part
        if pool is not None:
            try:
                running[pool.submit(render_part, part, decor)] = index
                return
            except (BrokenProcessPool, RuntimeError):
                log.warning("printen zonder hulpprocessen: die konden niet starten")
        results[index] = render_part(part, decor)
        pending_parts.pop(index)
        done += len(part)
        if progress:
            progress(done, total)

    try:
        part: list[tuple[DossierView, DossierOptions]] = []
        for youth, youth_opts in service.printable(youth_ids, opts, exchange):
            if _cancelled(cancel):
                stop()
            if youth_opts is not None:
                part.append((youth, youth_opts))
            else:
                done += 1
                if progress:
                    progress(done, total)
            if len(part) == PART:
                submit(part)
                part = []
            collect(block=len(running) >= limit)
        if part:
            submit(part)
        while running:
            if _cancelled(cancel):
                stop()
            collect(block=True)
        if _cancelled(cancel):
            stop()
    finally:
        if pool is not None:
            # On cancel or error: drop what has not started; the workers end after their current part.
            pool.shutdown(wait=not running, cancel_futures=True)
    made = [
        (youth_id, name, data)
        for index, part_names in enumerate(names)
        for (youth_id, name), data in zip(part_names, results[index], strict=True)
    ]
    return service.write_files(made, out_dir, action, audience, progress, total)
