"""Import young people from the student administration's CSV export.

Magister, Somtoday, ParnasSys and Eduarte each name their columns their own way; all of those names
are accepted (``COLUMNS``). Every row is checked on its own and gets a verdict:

- *importeren*: it goes in. An optional field that does not check out (a phone number such as
  "0612345678 (moeder)", a BSN that fails the 11-proef) is left empty and listed as a warning;
- *overslaan*: this young person is already there (same Leerlingnummer, same BSN, or, for a row
  without a Leerlingnummer, the same name and birth date), so importing the same file twice adds nothing;
- *afgewezen*: only a missing or impossible name or birth date rejects a row.

Someone with the same name and birth date as a person already there, but another Leerlingnummer, is
imported with a warning that it may be the same young person. Good rows are imported together in one
transaction (a crash imports none), as plain rows with one executemany per table (services.bulk).
A dry run gives the same verdicts and saves nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from handover.domain.fields import YOUTH_FIELDS, full_name
from handover.domain.validation import FieldError, check_youth, clean_value
from handover.services.bulk import Draft, add_youths, run_hooks
from handover.services.context import AppContext
from handover.services.queries import DuplicateIndex, name_key
from handover.services.settings import checkin_plan
from handover.store.models import Youth, utcnow

# Column headers -> field names. A header is compared without case, spaces, dots, dashes and
# underscores ("E-mailadres", "Geb. datum", "Verwachte uitstroomdatum").
_ALIASES: dict[str, tuple[str, ...]] = {
    "first_names": ("voornamen", "voornaam", "officielevoornamen", "volledigevoornamen"),
    "called_name": ("roepnaam",),
    "infix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "last_name": ("achternaam", "geslachtsnaam", "officieleachternaam"),
    "birth_date": ("geboortedatum", "gebdatum", "geboortedag"),
    "bsn": ("bsn", "burgerservicenummer", "sofinummer", "bsnsofinummer"),
    "address": ("adres", "straatnaam", "straat", "straatenhuisnummer"),
    "house_number": ("huisnummer", "huisnr", "nummer"),
    "house_number_suffix": ("huisnummertoevoeging", "toevoeging", "huisnrtoevoeging", "huisletter"),
    "postcode": ("postcode",),
    "city": ("woonplaats", "plaats", "woonplaatsnaam"),
    "municipality": ("gemeente", "woongemeente"),
    "phone": ("telefoon", "telefoonnummer", "mobiel", "mobielnummer", "telefoonmobiel", "mobieletelefoon"),
    "email": ("email", "emailadres", "emailleerling", "emailprive"),
    "school_class": ("klas", "groep", "stamgroep", "basisgroep", "klasgroep"),
    "school_type": ("schoolsoort",),
    "school_start": ("startdatum", "inschrijfdatum", "datuminschrijving", "datumvan"),
    "leaving_date": (
        "einddatum",
        "uitstroomdatum",
        "verwachteuitstroomdatum",
        "verwachtedatumuitstroom",
        "uitschrijfdatum",
        "datumuitschrijving",
        "geplandeuitstroomdatum",
    ),
    "route": ("route", "routenaschool"),
    "brin": ("brin", "brinnummer", "brincode"),
    "school": ("school", "schoolnaam", "vestiging"),
    "mentor": ("mentor", "mentoren"),
    "student_number": ("leerlingnummer", "studentnummer", "deelnemernummer", "stamnummer", "llnr", "leerlingnr"),
}
COLUMNS: dict[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# Not dossier fields: combined into the address, or kept on the young person outside the dossier.
_EXTRA = ("house_number", "house_number_suffix", "mentor", "student_number")
REQUIRED_LABELS = {"last_name": "Achternaam", "birth_date": "Geboortedatum", "first_names": "Voornamen of Roepnaam"}
MAX_BYTES = 20 * 1024 * 1024
IMPORT_CHUNK = 1000  # rows per executemany (all in the one transaction)

IMPORT, SKIP, REJECT = "importeren", "overslaan", "afgewezen"


def header_key(header: str) -> str:
    return re.sub(r"[\s._\-/()]+", "", header.strip().casefold())


class ImportFileError(Exception):
    """The file as a whole cannot be read (the message says why, in Dutch, and names the file)."""


@dataclass(frozen=True)
class RowVerdict:
    """What happens (or happened) to one row: ``verdict`` is importeren, overslaan or afgewezen."""

    line: int
    name: str
    verdict: str
    messages: tuple[str, ...] = ()


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)  # ids (empty strings in a dry run)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # line, reason
    rejected: list[tuple[int, str]] = field(default_factory=list)  # line, reason
    warnings: list[tuple[int, str]] = field(default_factory=list)  # line, what was left empty or looks doubled
    rows: list[RowVerdict] = field(default_factory=list)  # every row in file order
    ignored_columns: list[str] = field(default_factory=list)


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"{path.name} is geen tekstbestand (CSV).")


class _SemicolonExcel(csv.excel):
    """What Dutch Excel writes when the sniffer cannot tell (a subclass: csv.excel itself stays untouched)."""

    delimiter = ";"


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError(f"{path.name} is groter dan 20 MB.")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Het bestand {path} bestaat niet.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is een map, geen CSV-bestand.") from None
    except PermissionError:
        raise ImportFileError(f"U hebt geen toestemming om {path} te lezen.") from None
    except OSError as exc:
        reason = exc.strerror or "onbekende fout"
        raise ImportFileError(f"Het bestand {path} kan niet worden gelezen ({reason}).") from None


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The ignored column headers, and per row its line number and its non-empty values by field name."""
    path = Path(path)
    text = _decode(_read_bytes(path), path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _SemicolonExcel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(f"{path.name} is leeg.") from None
    except csv.Error:
        raise ImportFileError(f"{path.name} is geen leesbaar CSV-bestand.") from None
    names = [COLUMNS.get(header_key(h), "") for h in header]
    missing = [
        label
        for name, label in REQUIRED_LABELS.items()
        if name not in names and not (name == "first_names" and "called_name" in names)  # Roepnaam will do
    ]
    if missing:
        raise ImportFileError(f"Kolommen ontbreken in {path.name}: {', '.join(missing)}.")
    rows = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = {name: cell.strip() for name, cell in zip(names, row, strict=False) if name and cell.strip()}
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportFileError(f"{path.name} is op regel {reader.line_num} geen geldig CSV ({exc}).") from None
    return [h for h, n in zip(header, names, strict=True) if not n], rows


def _combine_address(values: dict[str, str]) -> None:
    """Straat + Huisnummer (+ toevoeging), as ParnasSys and Eduarte export them, into one address."""
    number = " ".join(values.pop(k) for k in ("house_number", "house_number_suffix") if k in values)
    if number:
        values["address"] = f"{values.get('address', '')} {number}".strip()


@dataclass
class _Row:
    line: int
    cleaned: dict[str, Any]
    extra: dict[str, str]
    warnings: list[str]
    problems: list[str]

    @property
    def name(self) -> str:
        c = self.cleaned
        return full_name(c.get("first_names"), c.get("infix"), c.get("last_name"), c.get("called_name"))


def check_row(line: int, values: dict[str, str], today: Any) -> _Row:
    """Clean one row: required fields that fail are problems, optional ones are dropped with a warning."""
    values = dict(values)
    _combine_address(values)
    extra = {k: values.pop(k) for k in _EXTRA if k in values}
    if "first_names" not in values and "called_name" in values:
        values["first_names"] = values["called_name"]  # Roepnaam without Voornamen
    cleaned: dict[str, Any] = {}
    warnings: list[str] = []
    problems: list[str] = []
    for name, raw in values.items():
        spec = YOUTH_FIELDS[name]
        try:
            cleaned[name] = clean_value(spec, raw, today=today)
        except FieldError as err:
            if name in REQUIRED_LABELS:
                problems.append(err.message)
            else:
                warnings.append(f"{spec.label} leeg gelaten: {err.message}")
    problems += [f"{label} ontbreekt." for name, label in REQUIRED_LABELS.items() if name not in values]
    if not problems:
        for rule in check_youth(cleaned, today=today):
            if rule.field in REQUIRED_LABELS:
                problems.append(rule.message)
            elif cleaned.pop(rule.field, None) is not None:
                warnings.append(f"{YOUTH_FIELDS[rule.field].label} leeg gelaten: {rule.message}")
    return _Row(line, cleaned, extra, warnings, problems)


class _Known:
    """Who is already there (and who came earlier in this file): Leerlingnummer, BSN, name and birth date."""

    def __init__(self, session: Any) -> None:
        self.people = DuplicateIndex(session)
        self.student_numbers = set(
            session.scalars(select(Youth.student_number).where(Youth.student_number.is_not(None)))
        )
        self.bsns = set(session.scalars(select(Youth.bsn).where(Youth.bsn.is_not(None))))
        # Earlier rows of this file by birth date: (first, last, student number); a dict keeps 10,000 rows linear.
        self.in_file: dict[Any, list[tuple[str, str, str]]] = {}

    def verdict(self, row: _Row) -> tuple[str, str]:
        """(SKIP, reason) or (IMPORT, a duplicate warning or "")."""
        c = row.cleaned
        number = row.extra.get("student_number", "")
        if number and number in self.student_numbers:
            return SKIP, f"Leerlingnummer {number} staat er al in."
        if c.get("bsn") and c["bsn"] in self.bsns:
            return SKIP, "Deze jongere staat er al in (zelfde BSN)."
        first, last, birth = c["first_names"], c["last_name"], c["birth_date"]
        same = [(m.name, m.student_number) for m in self.people.find(first, last, birth)]
        same += [
            (full_name(f, None, la), n)
            for f, la, n in self.in_file.get(birth, ())
            if name_key(la) == name_key(last) and name_key(f) == name_key(first)
        ]
        if not same:
            return IMPORT, ""
        if not number or any(not other for _, other in same):
            # Without a Leerlingnummer on both sides there is no telling them apart: the one there stays.
            return SKIP, "Deze jongere staat er al in (zelfde naam en geboortedatum)."
        return IMPORT, (
            f"Mogelijk dubbel: {same[0][0]} met dezelfde geboortedatum staat er al in "
            f"(leerlingnummer {same[0][1]}). Controleer of het dezelfde jongere is."
        )

    def add(self, row: _Row) -> None:
        c = row.cleaned
        if row.extra.get("student_number"):
            self.student_numbers.add(row.extra["student_number"])
        if c.get("bsn"):
            self.bsns.add(c["bsn"])
        entry = (c["first_names"], c["last_name"], row.extra.get("student_number", ""))
        self.in_file.setdefault(c["birth_date"], []).append(entry)


def import_csv(
    ctx: AppContext, path: Path, *, dry_run: bool = False, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    ignored, rows = read_rows(path)
    report = ImportReport(ignored_columns=ignored)
    today = ctx.today()
    with ctx.session() as session:
        known = _Known(session)
        plan = checkin_plan(session)
        good: list[Draft] = []
        for index, (line, values) in enumerate(rows):
            if progress is not None and index % 500 == 0:
                progress(index, len(rows))
            row = check_row(line, values, today)
            if row.problems:
                reason = " ".join(row.problems)
                report.rejected.append((line, reason))
                report.rows.append(RowVerdict(line, row.name, REJECT, tuple(row.problems)))
                continue
            verdict, message = known.verdict(row)
            if verdict == SKIP:
                report.skipped.append((line, message))
                report.rows.append(RowVerdict(line, row.name, SKIP, (message,)))
                continue
            warnings = [*row.warnings, *([message] if message else [])]
            report.warnings += [(line, w) for w in warnings]
            report.rows.append(RowVerdict(line, row.name, IMPORT, tuple(warnings)))
            known.add(row)
            good.append(
                Draft(
                    Youth,
                    **row.cleaned,
                    student_number=row.extra.get("student_number") or None,
                    mentor=row.extra.get("mentor") or ctx.actor,
                    status="concept",
                    revision=0,
                )
            )
        if dry_run:
            report.imported = ["" for _ in good]
            session.rollback()
            return report
        # Plain rows and one executemany per table, in this one transaction; the audit events in bulk.
        # The same as touch() per young person: revision 1, planned contactmomenten, one "import" event.
        for start in range(0, len(good), IMPORT_CHUNK):
            report.imported += add_youths(
                session, good[start : start + IMPORT_CHUNK], actor=ctx.actor, action="import", plan=plan, now=utcnow()
            )
        run_hooks(ctx, session, report.imported, "import")
    return report
