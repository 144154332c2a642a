"""Regio against the real server: schools send their anonymised figures, the gemeente adds up exactly that."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from handover.gemeente.regio import NOT_RECEIVED, ON_DATE, Span, regional_csv, regional_table
from handover.server.testing import LiveServer
from handover.services.checkins import CheckInService
from handover.services.dossiers import DossierService
from handover.services.outcomes_export import figures_for_gemeente
from handover.sync.testing import confirm_schools
from tests.sync.conftest import TODAY, Installation, make_installation, youth_values

P2026 = dt.date(2026, 11, 1)
LEFT = dt.date(2025, 7, 1)


def _school(tmp_path: Path, live_server: LiveServer, gemeente: Installation, name: str) -> Installation:
    inst = make_installation(tmp_path, name, role="school", org=name, user="Mentor")
    _, code = live_server.add_org(name, "school")
    inst.sync.enroll(live_server.url, code, confirm=lambda peer: True)
    return inst


def _cohort(inst: Installation, situations: dict[str, int]) -> None:
    """Young people who left on 1 July 2025, found at their one-year check-in (1 July 2026) in a situation."""
    dossiers, checkins = DossierService(inst.ctx), CheckInService(inst.ctx)
    n = 0
    for situation, count in situations.items():
        for _ in range(count):
            n += 1
            youth_id = dossiers.create_youth(
                youth_values(first_names=f"Jongere{n}", birth_date=dt.date(2007, 1, n), leaving_date=LEFT)
            )
            planned = next(c for c in dossiers.get(youth_id).checkins if c.plan_months == 12)
            values: dict[str, object] = {
                "held_on": dt.date(2026, 7, 1),
                "channel": "telefoon",
                "reached": True,
                "situation": situation,
            }
            if situation == "geen":
                values["situation_reason"] = "zoekend"
            checkins.record(youth_id, values, checkin_id=planned.id)


def _send(inst: Installation, peildatum: dt.date = P2026) -> dict[str, object]:
    with inst.ctx.session() as session:
        body = figures_for_gemeente(session, peildatum, today=TODAY)
    inst.sync.send_figures(None, body)
    assert inst.sync.sync().ok
    return body


class _Borrowed:
    """The gemeente's open context lent to the CLI (its secrets live in memory), kept open afterwards."""

    def __init__(self, inst: Installation) -> None:
        self.ctx = inst.ctx
        self.actor = inst.ctx.actor

    def session(self):  # type: ignore[no-untyped-def]
        return self.ctx.session()

    def today(self) -> dt.date:
        return self.ctx.today()

    def close(self) -> None:
        pass


def test_the_regional_view_adds_up_exactly_what_the_schools_sent(
    tmp_path: Path,
    live_server: LiveServer,
    gemeente: Installation,
    school: Installation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    second = _school(tmp_path, live_server, gemeente, "Vso De Horizon")
    silent = _school(tmp_path, live_server, gemeente, "Praktijkschool Het Anker")  # nothing for 1-11-2026
    try:
        _cohort(school, {"werk": 7, "mbo_2": 5, "geen": 2})
        _cohort(second, {"werk": 5, "mbo_2": 1, "dagbesteding_arbeid": 6})
        sent = {"Praktijkschool De Brug": _send(school), "Vso De Horizon": _send(second)}
        _send(silent, dt.date(2025, 11, 1))  # only last year's (empty) figures
        confirm_schools(gemeente.sync)  # the new schools' messages wait until the gemeente confirmed them
        assert gemeente.sync.sync().ok
        with gemeente.ctx.session() as session:
            region = regional_table(session)
        assert region.peildatum == "2026-11-01" and region.peildata == ["2026-11-01", "2025-11-01"]
        names = [s.name for s in region.schools]
        assert sorted(names) == ["Praktijkschool De Brug", "Praktijkschool Het Anker", "Vso De Horizon"]
        assert [s.received for s in region.schools] == [n != "Praktijkschool Het Anker" for n in names]
        assert "Geen cijfers ontvangen van: Praktijkschool Het Anker" in region.note

        on_date = {r.situation: r for r in region.rows if r.part == ON_DATE and r.cohort == 2025}
        silent_col = names.index("Praktijkschool Het Anker")
        for row in on_date.values():
            assert row.cells[silent_col] == NOT_RECEIVED  # never a zero
        # Exactly what was sent, school by school, added up.
        for label, row in on_date.items():
            expected = Span(0, 0)
            for school_name, body in sent.items():
                (cells,) = [r["situaties"] for r in body["rows"] if r["vertrekjaar"] == 2025]  # type: ignore[index, attr-defined]
                code = next(c for c, n in cells.items() if row.situation == _label(c))
                expected = expected + Span.of(cells[code])
                assert row.cells[names.index(school_name)] == str(cells[code])
            assert row.total_span == expected, label
        assert on_date["Werk (regulier)"].total == "12"  # 7 + 5: both known
        assert on_date["Mbo-bol niveau 2"].total == "5–9"  # 5 + "<5": honest range
        assert on_date["Nog geen werk, school of dagbesteding"].total == "0–8"  # "<5" + "<5"
    finally:
        second.sync.close()
        second.ctx.close()
        silent.sync.close()
        silent.ctx.close()
    out = regional_csv(region, tmp_path / "regio.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    assert rows[0][:4] == ["vertrekjaar", "schoolsoort", "onderdeel", "situatie"] and rows[0][-1] == "totaal"
    assert any(NOT_RECEIVED in r for r in rows[1:])

    # The same from the command line, in the gemeente role: 'cijfers --peildatum ... [--csv F]'.
    from handover.cli import cijfers
    from handover.cli.entry import run

    monkeypatch.setattr(cijfers, "open_context", lambda args: _Borrowed(gemeente))
    assert run(["cijfers", "--peildatum", "2026-11-01"]) == 0
    printed = capsys.readouterr()
    assert "Totaal over 2 van de 3 scholen" in printed.err
    assert printed.out.splitlines()[0].endswith(";totaal") and "12" in printed.out
    assert run(["cijfers", "--peildatum", "2026-11-01", "--csv", str(tmp_path / "cli.csv")]) == 0
    assert (tmp_path / "cli.csv").read_bytes() == raw
    assert run(["cijfers", "--peildatum", "2024-11-01"]) == 2
    assert "wel op: 01-11-2026, 01-11-2025" in capsys.readouterr().err


def _label(code: str) -> str:
    from handover.domain.vocab import SITUATION

    return SITUATION.label_of(code)


def test_cijfers_verstuur_from_the_command_line(
    tmp_path: Path,
    gemeente: Installation,
    school: Installation,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from handover.cli import cijfers
    from handover.cli.entry import run

    _cohort(school, {"werk": 6, "geen": 1})
    monkeypatch.setattr(school.ctx, "close", lambda: None)  # the fixture closes it
    monkeypatch.setattr(cijfers, "open_context", lambda args: school.ctx)
    assert run(["cijfers", "--peildatum", "2026-11-01", "--verstuur"]) == 1  # no keyboard, no --yes: nothing sent
    assert "Er is niets verstuurd" in capsys.readouterr().err
    assert run(["cijfers", "--peildatum", "2026-11-01", "--verstuur", "--yes"]) == 0
    assert "geanonimiseerde cijfers op 01-11-2026" in capsys.readouterr().out
    confirm_schools(gemeente.sync)
    assert gemeente.sync.sync().ok
    with gemeente.ctx.session() as session:
        region = regional_table(session)
    (column,) = region.schools
    assert column.received and column.name == "Praktijkschool De Brug"
    cells = {r.situation: r.cells[0] for r in region.rows if r.part == ON_DATE and r.cohort == 2025}
    assert cells["Werk (regulier)"] == "6" and cells["Nog geen werk, school of dagbesteding"] == "<5"
