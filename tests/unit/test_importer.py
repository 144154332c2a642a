"""CSV import: bad rows reported with line and reason, good rows in, nothing twice, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handover.services import queries
from handover.services.importer import ImportFileError, import_csv

HEADER = "Voornamen;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;BSN;Klas;Einddatum;Route\n"
GOOD = "Ĳsbrand;Ĳsbrand;van der;Özdemir;14-03-2008;999999990;5A;10-07-2026;werken\n"
BAD_BSN = "Jan;;;Jansen;01-02-2008;123456789;5B;10-07-2026;werken\n"
FUTURE = "Piet;;;Bakker;01-02-2030;;5B;10-07-2026;werken\n"
GOOD2 = "Zoë;;;Çelik;02-09-2008;;6C;10-07-2026;dagbesteding\n"


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "leerlingen.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_rows_checked_one_by_one(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, HEADER + GOOD + BAD_BSN + FUTURE + "\n" + GOOD2)
    report = import_csv(ctx, path)
    assert len(report.imported) == 2
    assert [line for line, _ in report.rejected] == [3, 4]
    assert "11-proef" in report.rejected[0][1]
    assert "toekomst" in report.rejected[1][1]
    names = sorted(r.name for r in queries.youth_rows(ctx))
    assert names == ["Zoë Çelik", "Ĳsbrand van der Özdemir"]
    again = import_csv(ctx, path)  # the same file twice adds nothing
    assert again.imported == [] and len(again.skipped) == 2
    assert len(queries.youth_rows(ctx)) == 2


def test_dry_run_saves_nothing_and_windows_encoding(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, (HEADER + GOOD2).replace("Çelik", "Celik").replace("Zoë", "Zoë"), "cp1252")
    report = import_csv(ctx, path, dry_run=True)
    assert len(report.imported) == 1
    assert queries.youth_rows(ctx) == []
    import_csv(ctx, path)
    assert [r.name for r in queries.youth_rows(ctx)] == ["Zoë Celik"]


def test_whole_file_problems(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportFileError, match="leeg"):
        import_csv(ctx, _write(tmp_path, ""))
    with pytest.raises(ImportFileError, match="Achternaam"):
        import_csv(ctx, _write(tmp_path, "Voornamen;Geboortedatum\nJan;01-01-2008\n"))
    with pytest.raises(ImportFileError, match="tekstbestand|Kolommen"):
        import_csv(ctx, _write(tmp_path, "\x00\xff\xfe garbage", "latin-1"))


def test_failure_while_writing_imports_nothing(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def fail_on_second(session, youth, action):  # type: ignore[no-untyped-def]
        calls.append(action)
        if len(calls) == 2:
            raise OSError("stroom uitgevallen")

    ctx.change_hooks.append(fail_on_second)
    with pytest.raises(OSError):
        import_csv(ctx, _write(tmp_path, HEADER + GOOD + GOOD2))
    ctx.change_hooks.clear()
    assert queries.youth_rows(ctx) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30), max_size=9))
def test_arbitrary_cells_never_crash(ctx, tmp_path: Path, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
    line = ";".join(c.replace("\n", " ").replace("\r", " ").replace(";", ",").replace('"', "") for c in cells)
    before = len(queries.youth_rows(ctx))
    try:
        report = import_csv(ctx, _write(tmp_path, HEADER + line + "\n"))
    except ImportFileError:
        return
    assert len(report.imported) + len(report.rejected) + len(report.skipped) <= 1
    assert len(queries.youth_rows(ctx)) == before + len(report.imported)
