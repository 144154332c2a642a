"""The catch-up scan in a running app reads only the young people the audit log names since the last
scan (issue 14), and still finds every change: without the hook, after a setting was switched back on,
and after a change it cannot tie to one young person (then it reads them all)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from handover.services.dossiers import DossierService
from handover.services.settings import set_setting
from handover.store import audit

from .conftest import Installation, ready_dossier


@contextmanager
def scan_queries(inst: Installation) -> Iterator[list[str]]:
    """The statements of the scan's query for uncovered dossiers, while the block runs."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "JOIN sync_send_choices" in statement and statement.lstrip().startswith("SELECT youths.id"):
            seen.append(statement)

    engine = inst.ctx.workspace.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_a_sync_after_a_sync_reads_only_the_changed_young_people(school: Installation) -> None:
    first = ready_dossier(school)
    ready_dossier(school, first_names="Noor", last_name="Bakker", bsn=None)
    assert school.sync.sync().stored == 2
    school.sync.remove_hooks()  # as a change by another process: only the scan can find it
    DossierService(school.ctx).update_fields(first, {"phone": "0612345678"})
    with scan_queries(school) as seen:
        report = school.sync.sync()
    assert report.ok and report.stored == 1
    assert seen and all(" IN (" in statement for statement in seen)  # not a read of the whole caseload
    with scan_queries(school) as seen:
        assert school.sync.sync().stored == 0
    assert seen == [] or all(" IN (" in statement for statement in seen)


def test_a_change_held_back_goes_when_the_setting_is_switched_on_again(school: Installation) -> None:
    youth_id = ready_dossier(school)
    assert school.sync.sync().stored == 1
    with school.ctx.session() as session:
        set_setting(session, "send_updates_automatically", False)
    DossierService(school.ctx).update_fields(youth_id, {"phone": "0612345678"})
    assert school.sync.sync().stored == 0
    assert school.sync.sync().stored == 0
    with school.ctx.session() as session:  # no audit event: the scan still looks again
        set_setting(session, "send_updates_automatically", True)
    assert school.sync.sync().stored == 1


def test_an_event_not_about_one_young_person_makes_the_scan_read_them_all(school: Installation) -> None:
    ready_dossier(school)
    assert school.sync.sync().stored == 1
    with school.ctx.session() as session:
        audit.record(session, school.ctx.actor, "export", "sync_key", None)
    with scan_queries(school) as seen:
        assert school.sync.sync().ok
    assert seen and not any(" IN (" in statement for statement in seen)
