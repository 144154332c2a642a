"""Retention (Bewaartermijn): the list of dossiers past the period, `handover retention [--apply]`,
and acknowledged envelopes pruned after the number of days in the settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from handover.cli import run
from handover.services.app import initialise, open_app
from handover.services.context import AppContext
from handover.services.dossiers import DossierService
from handover.services.retention import ANONYMISE, ERASE, RetentionError, RetentionService
from handover.services.settings import get_setting, set_setting
from handover.store import audit
from handover.store.models import AuditEvent, Youth, utcnow
from handover.sync.erasure import prune_acknowledged
from handover.sync.models import OutboxEnvelope, OutboxOp
from tests.conftest import youth_values

PASS = "een zin van vier woorden"


def test_due_lists_only_those_past_the_retention_period(ctx: AppContext) -> None:
    dossiers = DossierService(ctx)
    # FIXED_TODAY is 29-11-2026. Left 10-07-2023: retention ended 31-07-2025. Left 2025: not yet.
    old = dossiers.create_youth(youth_values(leaving_date=dt.date(2023, 7, 10), school_class="4B"))
    older = dossiers.create_youth(youth_values(first_names="Anna", leaving_date=dt.date(2022, 7, 10)))
    dossiers.create_youth(youth_values(first_names="Bram", leaving_date=dt.date(2025, 7, 10)))
    dossiers.create_youth(youth_values(first_names="Cas", leaving_date=None))
    due = RetentionService(ctx).due()
    assert [i.youth_id for i in due] == [older, old]  # longest past first
    assert due[1].school_class == "4B" and due[1].retention_ended == dt.date(2025, 7, 31)
    assert "Özdemir" in due[1].name


def test_apply_refuses_what_is_not_due_and_an_unknown_mode(ctx: AppContext) -> None:
    dossiers = DossierService(ctx)
    recent = dossiers.create_youth(youth_values())
    old = dossiers.create_youth(youth_values(leaving_date=dt.date(2023, 7, 10)))
    service = RetentionService(ctx)
    with pytest.raises(RetentionError, match="nog niet voorbij"):
        service.apply(recent, ANONYMISE)
    with pytest.raises(RetentionError, match="anonimiseren"):
        service.apply(old, "weggooien")
    service.apply(old, ERASE)
    with ctx.session() as session:
        assert session.get(Youth, old) is None and session.get(Youth, recent) is not None
        assert audit.verify(session).ok


def test_the_purge_runs_in_the_same_transaction(ctx: AppContext) -> None:
    """A purge that fails leaves the dossier as it was: nothing half-done."""
    old = DossierService(ctx).create_youth(youth_values(leaving_date=dt.date(2023, 7, 10)))

    def failing(session: object, youth_id: str) -> int:
        raise OSError("schijf vol")

    with pytest.raises(OSError):
        RetentionService(ctx, purge=failing).apply(old, ANONYMISE)
    with ctx.session() as session:
        youth = session.get(Youth, old)
        assert youth is not None and not youth.anonymised and youth.last_name == "Özdemir"


def _folder(tmp_path: Path) -> tuple[Path, str, str]:
    folder = tmp_path / "d"
    ctx, _ = initialise(folder, org_name="School", user_name="Jan", passphrase=PASS)
    try:
        dossiers = DossierService(ctx)
        old = dossiers.create_youth(youth_values(leaving_date=dt.date(2020, 7, 10)))
        recent = dossiers.create_youth(youth_values(first_names="Bram", leaving_date=dt.date.today()))
    finally:
        ctx.close()
    return folder, old, recent


def test_command_lists_then_applies_after_confirmation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASS)
    folder, old, recent = _folder(tmp_path)
    base = ["--data-dir", str(folder), "retention"]

    assert run(base) == 0
    out, err = capsys.readouterr()
    assert old in out and recent not in out and "vertrokken 10-07-2020" in out
    assert "--apply" in err

    assert run([*base, "--apply"]) == 2  # no terminal to ask: --yes is required, nothing changes
    assert "--yes" in capsys.readouterr().err
    assert run([*base, "--apply", "--mode", "weg"]) == 2  # a mode that does not exist

    assert run([*base, "--apply", "--yes"]) == 0
    assert "1 dossiers geanonimiseerd" in capsys.readouterr().err
    ctx = open_app(folder, passphrase=PASS)
    try:
        with ctx.session() as session:
            youth = session.get(Youth, old)
            assert youth is not None and youth.anonymised and youth.bsn is None
            assert not session.get(Youth, recent).anonymised  # type: ignore[union-attr]
            actions = [e.detail.get("reason") for e in session.scalars(select(AuditEvent)) if e.action == "erase"]
            assert actions == ["bewaartermijn"]
    finally:
        ctx.close()
    assert run(base) == 0
    assert "Geen dossiers" in capsys.readouterr().err


def test_command_asks_on_a_terminal_and_a_wrong_answer_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASS)
    folder, old, _recent = _folder(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")
    assert run(["--data-dir", str(folder), "retention", "--apply", "--mode", "wissen"]) == 2
    assert "Niets gewijzigd" in capsys.readouterr().err
    monkeypatch.setattr("builtins.input", lambda prompt: "wissen")
    assert run(["--data-dir", str(folder), "retention", "--apply", "--mode", "wissen", "--youth", old]) == 0
    ctx = open_app(folder, passphrase=PASS)
    try:
        with ctx.session() as session:
            assert session.get(Youth, old) is None
    finally:
        ctx.close()


def _outbox(ctx: AppContext, op_id: str, status: str, acked_days_ago: int | None) -> None:
    with ctx.session() as session:
        op = OutboxOp(
            op_id=op_id,
            kind="dossier",
            record_id="r-" + op_id,
            revision=1,
            base_revision=0,
            recipient_org="g",
            youth_id=None,
            status=status,
            acked_at=None if acked_days_ago is None else utcnow() - dt.timedelta(days=acked_days_ago),
        )
        op.body = OutboxEnvelope(envelope=b"sealed")
        session.add(op)


def test_acknowledged_envelopes_are_pruned_after_the_setting(ctx: AppContext) -> None:
    with ctx.session() as session:
        assert get_setting(session, "acked_envelope_days") == 30
    _outbox(ctx, "old", "acked", 31)
    _outbox(ctx, "new", "acked", 29)
    _outbox(ctx, "pending", "pending", None)
    with ctx.session() as session:
        assert prune_acknowledged(session, get_setting(session, "acked_envelope_days")) == 1
    with ctx.session() as session:
        assert sorted(session.scalars(select(OutboxOp.op_id))) == ["new", "pending"]
        assert session.scalar(select(func.count()).select_from(OutboxEnvelope)) == 2
        set_setting(session, "acked_envelope_days", 7)
    with ctx.session() as session:
        assert prune_acknowledged(session, get_setting(session, "acked_envelope_days")) == 1
        assert list(session.scalars(select(OutboxOp.op_id))) == ["pending"]
