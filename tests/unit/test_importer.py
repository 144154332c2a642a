"""CSV import: bad rows reported with line and reason, good rows in, nothing twice, nothing half-written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from handover.services import queries
from handover.services.dossiers import DossierService
from handover.services.importer import ImportFileError, import_csv
from handover.store.models import Youth
from tests.conftest import youth_values

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
    assert len(report.imported) == 3  # a BSN that fails the 11-proef is left empty, not a reason to reject
    assert [line for line, _ in report.rejected] == [4]
    assert "toekomst" in report.rejected[0][1]
    assert report.warnings == [(3, "BSN leeg gelaten: Dit BSN klopt niet: controleer de negen cijfers (11-proef).")]
    names = sorted(r.name for r in queries.youth_rows(ctx))
    assert names == ["Jan Jansen", "Zoë Çelik", "Ĳsbrand van der Özdemir"]
    jansen = next(r for r in queries.youth_rows(ctx) if r.name == "Jan Jansen")
    assert DossierService(ctx).get(jansen.id).bsn is None
    again = import_csv(ctx, path)  # the same file twice adds nothing
    assert again.imported == [] and len(again.skipped) == 3
    assert len(queries.youth_rows(ctx)) == 3


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


# -- exports of the student administrations ------------------------------------------------------

MAGISTER = (
    "Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Straat;Huisnummer;Toevoeging;Postcode;"
    "Woonplaats;Stamgroep;Telefoonnummer;E-mailadres;Verwachte uitstroomdatum\n"
    "10234;Ĳsbrand;van der;Özdemir;14-3-2008;Lange Nieuwstraat;12;bis;3512 PH;Utrecht;5A;"
    "0612345678 (moeder);ijsbrand@example.nl;10-07-2026\n"
    "10235;Zoë;;Çelik;02-09-2008;Biltstraat;7;;3572 AB;Utrecht;5B;06-12345678;geen e-mail;10-07-2026\n"
    "10236;;;Bakker;01-02-2008;;;;;;5B;;;\n"
    "10237;Piet;;Bakker;;;;;;;5B;;;\n"
)
PARNASSYS = (
    "Leerlingnummer,Voornamen,Roepnaam,Voorvoegsel,Achternaam,Geb. datum,Adres,Plaats,Groep,Datum uitschrijving\n"
    '20001,Mohammed Amin,Amin,,El Amrani,05-06-2008,"Kerkstraat 4",Zeist,6A,10-07-2026\n'
)


def test_export_with_magister_column_names(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = import_csv(ctx, _write(tmp_path, MAGISTER))
    assert report.ignored_columns == []
    assert len(report.imported) == 2
    # Only a missing name or birth date rejects a row.
    assert [line for line, _ in report.rejected] == [4, 5]
    assert "Voornamen of Roepnaam ontbreekt" in report.rejected[0][1]
    assert "Geboortedatum ontbreekt" in report.rejected[1][1]
    service = DossierService(ctx)
    by_name = {r.name: service.get(r.id) for r in queries.youth_rows(ctx)}
    ijsbrand = by_name["Ĳsbrand van der Özdemir"]
    assert ijsbrand.first_names == "Ĳsbrand"  # Roepnaam without Voornamen
    assert ijsbrand.infix == "van der"  # Voorvoegsel
    assert ijsbrand.address == "Lange Nieuwstraat 12 bis"  # Straat + Huisnummer + Toevoeging
    assert ijsbrand.school_class == "5A"
    assert str(ijsbrand.leaving_date) == "2026-07-10"  # Verwachte uitstroomdatum
    assert ijsbrand.phone is None and ijsbrand.email == "ijsbrand@example.nl"
    assert by_name["Zoë Çelik"].email is None
    with ctx.session() as session:
        numbers = set(session.scalars(select(Youth.student_number)))
    assert numbers == {"10234", "10235"}


def test_bad_phone_number_is_a_warning_not_a_rejection(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = import_csv(ctx, _write(tmp_path, MAGISTER), dry_run=True)
    assert [(v.line, v.verdict) for v in report.rows] == [
        (2, "importeren"),
        (3, "importeren"),
        (4, "afgewezen"),
        (5, "afgewezen"),
    ]
    assert report.rows[0].messages == ("Telefoon leeg gelaten: Telefoon: geen geldig telefoonnummer.",)
    assert report.rows[1].messages == ("E-mail leeg gelaten: E-mail: geen geldig e-mailadres.",)
    assert report.warnings == [(2, report.rows[0].messages[0]), (3, report.rows[1].messages[0])]
    assert queries.youth_rows(ctx) == []  # a dry run saves nothing


def test_parnassys_comma_export_and_leerlingnummer_is_the_duplicate_key(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, PARNASSYS)
    first = import_csv(ctx, path)
    assert len(first.imported) == 1 and first.warnings == []
    (row,) = queries.youth_rows(ctx)
    assert row.name == "Amin El Amrani" and row.school_class == "6A"
    # The same Leerlingnummer again, even with a corrected spelling: already there.
    again = import_csv(ctx, _write(tmp_path, PARNASSYS.replace("El Amrani", "el-Amrani")))
    assert again.imported == [] and again.skipped == [(2, "Leerlingnummer 20001 staat er al in.")]


def test_same_name_and_birth_date_with_another_leerlingnummer_is_imported_with_a_warning(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_csv(ctx, _write(tmp_path, PARNASSYS))
    other = PARNASSYS.replace("20001", "20999")
    report = import_csv(ctx, _write(tmp_path, other))
    assert len(report.imported) == 1
    ((line, warning),) = report.warnings
    assert line == 2
    assert "Mogelijk dubbel: Amin El Amrani" in warning and "20001" in warning
    assert len(queries.youth_rows(ctx)) == 2


def test_same_name_and_birth_date_without_leerlingnummer_is_skipped(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    DossierService(ctx).create_youth(youth_values())  # typed in by hand: no Leerlingnummer
    path = _write(tmp_path, "Leerlingnummer;Voornamen;Achternaam;Geboortedatum\n30001;ĳsbrand jan;ÖZDEMIR;14-03-2008\n")
    report = import_csv(ctx, path)
    assert report.imported == []
    assert report.skipped == [(2, "Deze jongere staat er al in (zelfde naam en geboortedatum).")]


def test_find_duplicates_matches_name_and_birth_date(ctx) -> None:  # type: ignore[no-untyped-def]
    youth_id = DossierService(ctx).create_youth(youth_values())  # Ĳsbrand Jan (roepnaam Ĳsbrand) van der Özdemir
    birth = youth_values()["birth_date"]
    for first in ("Ĳsbrand", "ĳsbrand jan", "IJSBRAND", ""):
        found = queries.find_duplicates(ctx, first, "özdemir", birth)  # type: ignore[arg-type]
        assert [m.id for m in found] == [youth_id], first
    assert queries.find_duplicates(ctx, "Jan", "Özdemir", birth)[0].name == "Ĳsbrand van der Özdemir"  # type: ignore[arg-type]
    assert queries.find_duplicates(ctx, "Ĳsbrand", "Özdemir", dt.date(2008, 3, 15)) == []
    assert queries.find_duplicates(ctx, "Piet", "Özdemir", birth) == []  # type: ignore[arg-type]
    assert queries.find_duplicates(ctx, "Ĳsbrand", "Özdemir", birth, exclude_id=youth_id) == []  # type: ignore[arg-type]
    with ctx.session() as session:  # a session works too (inside a service's transaction)
        assert len(queries.find_duplicates(session, "Ĳsbrand", "Özdemir", birth)) == 1  # type: ignore[arg-type]


def test_a_missing_or_unreadable_file_is_named(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "bestaat-niet.csv"
    with pytest.raises(ImportFileError, match="bestaat-niet.csv bestaat niet"):
        import_csv(ctx, missing)
    with pytest.raises(ImportFileError, match="is een map"):
        import_csv(ctx, tmp_path)


def test_an_import_writes_what_a_save_would(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bulk inserted, yet as if made one by one: revision 1, the planned contactmomenten, the next one on the
    row, one "import" audit event per young person, and the audit chain intact."""
    from handover.domain import rules
    from handover.services.settings import checkin_plan
    from handover.store import audit
    from handover.store.models import AuditEvent

    rows = "".join(f"Jan{n};;;Jansen{n};01-02-2008;;5B;10-07-2026;werken\n" for n in range(30))
    report = import_csv(ctx, _write(tmp_path, HEADER + rows))
    assert len(report.imported) == 30
    with ctx.session() as session:
        plan = checkin_plan(session)
        assert audit.verify(session).ok
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "import")))
        assert sorted(e.entity_id for e in events) == sorted(report.imported)
        assert all(e.detail == {"youth": e.entity_id} for e in events)
    for youth_id in report.imported:
        dossier = DossierService(ctx).get(youth_id)
        assert dossier.revision == 1 and dossier.status == "concept"
        assert len(dossier.checkins) == len(plan)
        with ctx.session() as session:
            row = session.get(Youth, youth_id)
            assert row is not None
            assert row.next_checkin_due == rules.next_open_due((c.due_date, c.held_on) for c in dossier.checkins)
