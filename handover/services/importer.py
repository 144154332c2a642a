"""Import young people from the student administration's CSV export.

Every row is checked on its own; bad rows are reported with their line number and reason, good
rows are imported together in one transaction (a crash imports none), and a row that is already
there (same BSN, or same name and birth date) is skipped, so importing the same file twice adds
nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from handover.domain.fields import YOUTH_FIELDS
from handover.domain.validation import FieldError, check_youth, clean_fields
from handover.services.checkins import ensure_plan
from handover.services.context import AppContext
from handover.services.dossiers import touch
from handover.services.settings import checkin_plan
from handover.store.models import Youth

# Column headers as Dutch school administrations write them -> field names.
COLUMNS = {
    "voornamen": "first_names",
    "roepnaam": "called_name",
    "tussenvoegsel": "infix",
    "achternaam": "last_name",
    "geboortedatum": "birth_date",
    "bsn": "bsn",
    "adres": "address",
    "postcode": "postcode",
    "woonplaats": "city",
    "gemeente": "municipality",
    "telefoon": "phone",
    "e-mail": "email",
    "email": "email",
    "klas": "school_class",
    "groep": "school_class",
    "schoolsoort": "school_type",
    "startdatum": "school_start",
    "einddatum": "leaving_date",
    "uitstroomdatum": "leaving_date",
    "route": "route",
    "brin": "brin",
    "school": "school",
    "mentor": "mentor",
}
REQUIRED = ("first_names", "last_name", "birth_date")
MAX_BYTES = 20 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (the message says why, in Dutch)."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # line, reason
    rejected: list[tuple[int, str]] = field(default_factory=list)  # line, reason


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("Het bestand is geen tekstbestand (CSV).")


class _SemicolonExcel(csv.excel):
    """What Dutch Excel writes when the sniffer cannot tell (a subclass: csv.excel itself stays untouched)."""

    delimiter = ";"


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    raw = Path(path).read_bytes()
    if len(raw) > MAX_BYTES:
        raise ImportFileError("Het bestand is groter dan 20 MB.")
    text = _decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _SemicolonExcel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("Het bestand is leeg.") from None
    names = [COLUMNS.get(h.strip().lower(), "") for h in header]
    missing = [YOUTH_FIELDS[r].label for r in REQUIRED if r not in names]
    if missing:
        raise ImportFileError(f"Kolommen ontbreken: {', '.join(missing)}.")
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        values = {name: cell.strip() for name, cell in zip(names, row, strict=False) if name and cell.strip()}
        rows.append((reader.line_num, values))
    return [h for h, n in zip(header, names, strict=True) if not n], rows


def import_csv(ctx: AppContext, path: Path, *, dry_run: bool = False) -> ImportReport:
    ignored, rows = read_rows(path)
    report = ImportReport()
    today = ctx.today()
    with ctx.session() as session:
        known_bsn = set(session.scalars(select(Youth.bsn).where(Youth.bsn.is_not(None))))
        known_people = {
            (y.last_name.casefold(), y.first_names.casefold(), y.birth_date)
            for y in session.execute(select(Youth.last_name, Youth.first_names, Youth.birth_date))
        }
        plan = checkin_plan(session)
        good: list[Youth] = []
        for line, values in rows:
            mentor = values.pop("mentor", None)
            cleaned, errors = clean_fields(YOUTH_FIELDS, values, today=today)
            errors += [FieldError(r, f"{YOUTH_FIELDS[r].label} is verplicht.") for r in REQUIRED if r not in values]
            if not errors:
                errors += check_youth(cleaned, today=today)
            if errors:
                report.rejected.append((line, "; ".join(e.message for e in errors)))
                continue
            person = (cleaned["last_name"].casefold(), cleaned["first_names"].casefold(), cleaned["birth_date"])
            if (cleaned.get("bsn") and cleaned["bsn"] in known_bsn) or person in known_people:
                report.skipped.append((line, "Deze jongere staat er al in."))
                continue
            if cleaned.get("bsn"):
                known_bsn.add(cleaned["bsn"])
            known_people.add(person)
            good.append(Youth(**cleaned, mentor=mentor or ctx.actor, status="concept", revision=0))
        if dry_run:
            report.imported = ["" for _ in good]
            session.rollback()
            return report
        for youth in good:
            session.add(youth)
            session.flush()
            ensure_plan(session, youth, plan)
            touch(ctx, session, youth, "import")
            report.imported.append(youth.id)
    return report
