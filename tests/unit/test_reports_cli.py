"""``handover print`` from the command line: files, exit codes and Dutch messages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover.cli import run
from handover.services.app import initialise
from handover.services.demo import build_demo

PASSPHRASE = "correct paard batterij niet"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], int]:
    data_dir = tmp_path_factory.mktemp("cli") / "gegevens"
    ctx, _ = initialise(
        data_dir,
        org_name="Praktijkschool De Brug",
        user_name="Marieke de Jong",
        recipient="Werk en Inkomen gemeente Utrecht",
        passphrase=PASSPHRASE,
    )
    try:
        ids = build_demo(ctx, 12, seed=3)
        from handover.reports import ReportService

        years = {}
        for year in range(ctx.today().year - 2, ctx.today().year + 2):
            years[year] = len(ReportService(ctx).cohort_ids(year))
    finally:
        ctx.close()
    cohort = max(years, key=lambda y: years[y])
    return data_dir, ids, cohort


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASSPHRASE)


def test_print_one_dossier_by_id_prefix(
    demo_dir: tuple[Path, list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, ids, _ = demo_dir
    out = tmp_path / "dossier.pdf"
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[0][:8], "--out", str(out)]) == 0
    assert "Het overstapdossier staat in" in capsys.readouterr().err
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "OVERSTAPDOSSIER" in text and "pagina 1 van" in text


def test_print_cohort_one_file_each_and_one_single_file(demo_dir: tuple[Path, list[str], int], tmp_path: Path) -> None:
    data_dir, _, cohort = demo_dir
    out = tmp_path / "cohort"
    assert run(["--data-dir", str(data_dir), "print", "--cohort", str(cohort), "--out", str(out)]) == 0
    files = sorted(out.iterdir())
    assert files and all(f.name.startswith("overstapdossier-") and f.suffix == ".pdf" for f in files)
    single = tmp_path / "alle.pdf"
    assert run(["--data-dir", str(data_dir), "print", "--cohort", str(cohort), "--single", str(single)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(single.read_bytes())).pages)
    assert text.count("OVERSTAPDOSSIER") == len(files)


@pytest.mark.parametrize(
    "kind,title", [("due", "Contactmomenten deze maand"), ("overdue-agreements", "Verlopen afspraken")]
)
def test_print_lists(demo_dir: tuple[Path, list[str], int], tmp_path: Path, kind: str, title: str) -> None:
    data_dir, _, _ = demo_dir
    out = tmp_path / "lijst.pdf"
    assert run(["--data-dir", str(data_dir), "print", "--list", kind, "--out", str(out)]) == 0
    assert title in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--youth", "nietbestaand", "--out", "{tmp}/x.pdf"], "Geen jongere gevonden"),
        (["--youth", "abc", "--out", "{tmp}/x.pdf"], "minstens de eerste 6 tekens"),
        (["--youth", "{id}"], "Geef met --out aan"),
        (["--youth", "{id}", "--out", "{tmp}/geen/map/x.pdf"], "bestaat niet"),
        (["--cohort", "1990", "--out", "{tmp}/c"], "tussen 2000 en 2100"),
        (["--cohort", "2099", "--out", "{tmp}/c"], "Geen jongeren met vertrekjaar 2099"),
        (["--cohort", "2026", "--out", "{tmp}/c", "--single", "{tmp}/a.pdf"], "niet allebei"),
        (["--list", "due", "--single", "{tmp}/a.pdf"], "hoort bij --cohort"),
        (["--list", "weekly", "--out", "{tmp}/a.pdf"], "ongeldige keuze"),
        ([], "een van deze argumenten is verplicht"),
    ],
)
def test_bad_input_exits_2_with_a_dutch_message(
    demo_dir: tuple[Path, list[str], int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    data_dir, ids, _ = demo_dir
    argv = [a.format(tmp=tmp_path, id=ids[0]) for a in args]
    assert run(["--data-dir", str(data_dir), "print", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout:") and message in err
    assert not list(tmp_path.iterdir())


def test_wrong_passphrase_exits_2(
    demo_dir: tuple[Path, list[str], int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, ids, _ = demo_dir
    monkeypatch.setenv("HANDOVER_PASSPHRASE", "fout")
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[0], "--out", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_failed_write_exits_1_and_leaves_nothing(
    demo_dir: tuple[Path, list[str], int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir, ids, _ = demo_dir
    target = tmp_path / "dossier.pdf"
    target.mkdir()  # a folder where the file should go: bad input
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[0], "--out", str(target)]) == 2
    target.rmdir()

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Toegang geweigerd")

    monkeypatch.setattr("handover.paths.os.replace", refuse)
    assert run(["--data-dir", str(data_dir), "print", "--youth", ids[0], "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"U hebt geen toestemming voor {target}." in err  # names the file, in Dutch
    assert "Toegang geweigerd" not in err and "Errno" not in err
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too
