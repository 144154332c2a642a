"""A new PC receives the caseload on two cores (issue 13), against the real server on 127.0.0.1.

While a replica message is written, the next ones are opened here and planned on a worker process
(handover.sync.replica_ahead). Checked: with a real 'spawn' worker the new PC ends with exactly the
caseload of the PC it came from and the worker's plans were used; a later edit of a young person it
knows merges the usual way; a worker that dies after two answers, or one that never answers, costs
time only: every message is merged here instead, nothing is lost, quarantined or applied twice.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from handover.server.testing import LiveServer
from handover.services.demo import build_demo
from handover.services.dossiers import DossierService
from handover.store.models import Youth
from handover.sync import replica
from handover.sync.models import InboxApplied
from handover.sync.tuning import SyncTuning
from tests.sync.conftest import Installation, make_installation
from tests.sync.test_replica import digest, pair, sync


class DyingWorker(Executor):
    """Answers the first ``answers`` tasks like the worker process (the first: it is up), then is gone
    (a killed process)."""

    def __init__(self, answers: int) -> None:
        self.answers = answers
        self.asked = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.asked += 1
        future: Future[Any] = Future()
        if self.asked <= self.answers:
            future.set_result(fn(*args, **kwargs))
        else:
            future.set_exception(BrokenProcessPool("the worker process was killed"))
        return future


class SilentWorker(Executor):
    """A worker that never gets up: it does not even answer that it is."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.futures.append(Future())
        return self.futures[-1]


def _new_pc(tmp_path: Path, live: LiveServer, school: Installation, states: int = 1, **tuning: Any) -> Installation:
    """The school's second PC, joined; the worker plans messages of ``states`` states or more."""
    new = make_installation(
        tmp_path,
        "school-pc2",
        role="school",
        org="Praktijkschool De Brug",
        user="Ahmed Bakker",
        tuning=SyncTuning(replica_ahead_min=1, replica_ahead_states=states, **tuning),
    )
    pair(live, school, new)
    return new


def _youths(inst: Installation) -> int:
    with inst.ctx.session() as session:
        return int(session.scalar(select(func.count()).select_from(Youth)) or 0)


def _applied(inst: Installation) -> int:
    with inst.ctx.session() as session:
        return int(session.scalar(select(func.count()).select_from(InboxApplied)) or 0)


@pytest.fixture
def caseload(school: Installation, monkeypatch: pytest.MonkeyPatch) -> int:
    """Eight demo young people on the school's only PC, one young person per replica message."""
    monkeypatch.setattr(replica, "GROUP", 1)
    build_demo(school.ctx, 8, seed=4)
    sync(school)
    return _youths(school)


def test_a_new_pc_writes_what_the_worker_process_planned_and_ends_the_same(
    tmp_path: Path, live_server: LiveServer, school: Installation, caseload: int
) -> None:
    new = _new_pc(tmp_path, live_server, school, replica_wait_for_worker=True)  # a real 'spawn' process
    try:
        sync(school, new)
        ahead = new.sync._replication.ahead
        assert _youths(new) == caseload
        assert digest(new) == digest(school)
        # Every message but the page's first (written while the worker was handed the next ones).
        assert ahead.worker_used == caseload - 1
        # Later: edits of three young people the new PC knows, one per message. The worker plans the two
        # opened ahead; those plans are set aside (the edits merge with what is there).
        service = DossierService(school.ctx)
        with school.ctx.session() as session:
            known = list(session.scalars(select(Youth.id).order_by(Youth.id).limit(3)))
        for youth_id in known:
            service.update_fields(youth_id, {"first_names": "Romy-Lee"})
        used = ahead.worker_used
        sync(school, new)
        assert digest(new) == digest(school)
        assert {DossierService(new.ctx).get(y).first_names for y in known} == {"Romy-Lee"}
        assert (ahead.worker_used, ahead.set_aside) == (used, 2)
    finally:
        new.sync.close()
        new.ctx.close()


@pytest.mark.parametrize("worker", [lambda: DyingWorker(answers=3), SilentWorker], ids=["dies", "silent"])
def test_a_worker_that_dies_or_never_answers_costs_only_time(
    tmp_path: Path, live_server: LiveServer, school: Installation, caseload: int, worker: Callable[[], Executor]
) -> None:
    pool = worker()
    new = _new_pc(tmp_path, live_server, school, replica_pool=lambda: pool)
    try:
        sync(school, new)
        report = new.sync.sync()
        assert not report.errors and report.quarantined == 0
        assert _youths(new) == caseload
        assert digest(new) == digest(school)
        ahead = new.sync._replication.ahead
        if isinstance(pool, DyingWorker):  # up, two plans, then gone: the rest merged here
            assert pool.asked > 3 and ahead.worker_used == 2
        else:  # asked only whether it is up: every message merged here, none waited for it
            assert len(pool.futures) == 1 and ahead.worker_used == 0
        applied = _applied(new)
        sync(new)  # nothing again: every message was applied once
        assert _applied(new) == applied
    finally:
        new.sync.close()
        new.ctx.close()


def test_a_page_of_small_messages_starts_no_worker(
    tmp_path: Path, live_server: LiveServer, school: Installation, caseload: int
) -> None:
    """Eight messages of one young person each (a few dozen states, below replica_ahead_states): merged
    here, without starting a process for them."""
    started: list[Executor] = []

    def pool() -> Executor:
        started.append(DyingWorker(answers=100))
        return started[-1]

    new = _new_pc(tmp_path, live_server, school, states=SyncTuning().replica_ahead_states, replica_pool=pool)
    try:
        sync(school, new)
        assert _youths(new) == caseload and digest(new) == digest(school)
        assert started == []
    finally:
        new.sync.close()
        new.ctx.close()
