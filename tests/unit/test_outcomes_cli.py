"""``handover cijfers`` and ``print --report cijfers|peildatum`` as a script runs them (real subprocesses)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover.services.outcomes import latest_reference_date
from tests.unit.test_cli import run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cijfers") / "gegevens"
    result = run("demo", "--youths", "300", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_cijfers_per_cohort_and_situation_with_a_column_aantal(demo_dir: Path, tmp_path: Path) -> None:
    peildatum = latest_reference_date(dt.date.today())  # the demo's dates follow today
    shown = run("cijfers", "--peildatum", peildatum.isoformat(), data_dir=demo_dir)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["vertrekjaar", "schoolsoort", "situatie", "aantal"]
    assert "Vastgelegd op" in shown.stderr  # opening the folder froze the latest 1 November
    own = tmp_path / "eigen.csv"
    out = tmp_path / "gemeente.csv"
    assert run("cijfers", "--peildatum", peildatum.isoformat(), "--csv", str(own), data_dir=demo_dir).returncode == 0
    result = run(
        "cijfers", "--peildatum", peildatum.isoformat(), "--csv", str(out), "--voor-gemeente", data_dir=demo_dir
    )
    assert result.returncode == 0 and "Geanonimiseerd" in result.stderr
    own_rows = [r.split(";") for r in own.read_bytes().decode("utf-8-sig").splitlines()]
    out_rows = [r.split(";") for r in out.read_bytes().decode("utf-8-sig").splitlines()]
    assert own.read_bytes().startswith(b"\xef\xbb\xbf") and own_rows[0] == [
        "vertrekjaar",
        "schoolsoort",
        "situatie",
        "aantal",
    ]
    assert [r[:3] for r in own_rows] == [r[:3] for r in out_rows]
    assert any(r[3] in {"1", "2", "3", "4"} for r in own_rows[1:])  # the school's own copy: real numbers
    for own_row, out_row in zip(own_rows[1:], out_rows[1:], strict=True):
        # under 5: "<5"; 5 or more: the number, or "x" where it would give a "<5" back
        assert out_row[3] == "<5" if int(own_row[3]) < 5 else out_row[3] in (own_row[3], "x")
    total = sum(int(r[3]) for r in own_rows[1:])
    assert f"{total} jongeren in de nazorg" in result.stderr


def test_print_the_report_and_the_snapshot(demo_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "cijfers.pdf"
    result = run("print", "--report", "cijfers", "--out", str(report), data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(report.read_bytes())).pages)
    assert "Resultaten op peildatum" in text and "Werk, school of dagbesteding" in text
    snapshot = tmp_path / "peildatum.pdf"
    assert run("print", "--report", "peildatum", "--out", str(snapshot), data_dir=demo_dir).returncode == 0
    assert "ligt vast en verandert niet meer" in "".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(snapshot.read_bytes())).pages
    )


def test_bad_input_is_refused_in_dutch(demo_dir: Path, tmp_path: Path) -> None:
    bad = run("cijfers", "--peildatum", "1 november", data_dir=demo_dir)
    assert bad.returncode == 2 and "JJJJ-MM-DD" in bad.stderr
    future = run("cijfers", "--peildatum", "2099-11-01", data_dir=demo_dir)
    assert future.returncode == 2 and "toekomst" in future.stderr
    earlier = latest_reference_date(dt.date.today()).replace(year=latest_reference_date(dt.date.today()).year - 5)
    frozen = run("cijfers", "--peildatum", earlier.isoformat(), "--vastleggen", data_dir=demo_dir)
    assert frozen.returncode == 0 and "achteraf berekend" in frozen.stderr
    again = run("cijfers", "--peildatum", earlier.isoformat(), "--vastleggen", data_dir=demo_dir)
    assert again.returncode == 2 and "verandert niet meer" in again.stderr
    missing = run(
        "print",
        "--report",
        "peildatum",
        "--peildatum",
        "2001-11-01",
        "--out",
        str(tmp_path / "x.pdf"),
        data_dir=demo_dir,
    )
    assert missing.returncode == 2 and "nog niet vastgelegd" in missing.stderr and not (tmp_path / "x.pdf").exists()
    not_enrolled = run("cijfers", "--peildatum", "2026-11-01", "--verstuur", "--yes", data_dir=demo_dir)
    assert not_enrolled.returncode == 2 and "ingeschreven" in not_enrolled.stderr
