"""Field validation with a Dutch message tied to a field. Accepts typed values or strings typed by a user."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum.nl import brin as stdnum_brin
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from handover.domain.fields import FieldSpec

EARLIEST_DATE = dt.date(1950, 1, 1)
LATEST_YEARS_AHEAD = 10
TRUE_WORDS = {"1", "ja", "true", "waar", "yes", "j", "x"}
FALSE_WORDS = {"0", "nee", "false", "onwaar", "no", "n", ""}


class FieldError(Exception):
    """One problem with one field, in Dutch. Raised by :func:`clean_value`, collected by the rest."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldError) and (self.field, self.message) == (other.field, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.message))

    def __repr__(self) -> str:
        return f"FieldError({self.field!r}, {self.message!r})"


class ValidationFailed(Exception):
    """Raised when a save is refused; carries every problem found, in Dutch."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.message}" for e in self.errors))

    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def clean_bsn(raw: str) -> str:
    return stdnum_bsn.validate(raw)


def mask_bsn(value: str | None) -> str:
    """Only the last three digits are shown: ``******123``."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    return "*" * max(0, len(digits) - 3) + digits[-3:]


def clean_value(spec: FieldSpec, raw: Any, *, today: dt.date | None = None) -> Any:
    """Convert and check one value. Returns the typed value (None for empty) or raises FieldError."""
    today = today or dt.date.today()
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        if spec.required:
            raise FieldError(spec.name, f"{spec.label} is verplicht.")
        return False if spec.kind == "bool" else None
    kind = spec.kind
    if kind in ("text", "longtext"):
        value = str(raw).strip() if kind == "text" else str(raw)
        if len(value) > spec.max_length:
            raise FieldError(spec.name, f"{spec.label} is te lang (hoogstens {spec.max_length} tekens).")
        return value
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise FieldError(spec.name, f"{spec.label}: kies ja of nee.")
    if kind == "int":
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise FieldError(spec.name, f"{spec.label} moet een heel getal zijn.") from None
        if not 0 <= number <= 168:
            raise FieldError(spec.name, f"{spec.label} moet tussen 0 en 168 liggen.")
        return number
    if kind == "date":
        try:
            day = parse_date(raw)
        except ValueError:
            raise FieldError(spec.name, f"{spec.label}: geen geldige datum (gebruik dd-mm-jjjj).") from None
        if not EARLIEST_DATE <= day <= add_years(today, LATEST_YEARS_AHEAD):
            raise FieldError(spec.name, f"{spec.label} ligt buiten het mogelijke bereik.")
        return day
    if kind == "choice":
        code = str(raw)
        assert spec.vocabulary is not None
        if code not in spec.vocabulary:
            raise FieldError(spec.name, f"{spec.label}: '{code}' is geen keuze uit de lijst.")
        return code
    if kind == "bsn":
        try:
            return clean_bsn(str(raw))
        except Exception:  # noqa: BLE001 - stdnum raises several ValidationError subclasses
            raise FieldError(spec.name, "Dit BSN klopt niet: controleer de negen cijfers (11-proef).") from None
    if kind == "phone":
        try:
            phone = phonenumbers.parse(str(raw), "NL")
        except phonenumbers.NumberParseException:
            raise FieldError(spec.name, f"{spec.label}: geen geldig telefoonnummer.") from None
        if not phonenumbers.is_valid_number(phone):
            raise FieldError(spec.name, f"{spec.label}: geen geldig telefoonnummer.")
        fmt = phonenumbers.PhoneNumberFormat
        return phonenumbers.format_number(phone, fmt.NATIONAL if phone.country_code == 31 else fmt.INTERNATIONAL)
    if kind == "email":
        try:
            return validate_email(str(raw).strip(), check_deliverability=False).normalized
        except EmailNotValidError:
            raise FieldError(spec.name, f"{spec.label}: geen geldig e-mailadres.") from None
    if kind == "postcode":
        try:
            return stdnum_postcode.validate(str(raw))
        except Exception:  # noqa: BLE001
            raise FieldError(spec.name, "Geen geldige postcode (bijvoorbeeld 1234 AB).") from None
    if kind == "brin":
        try:
            return stdnum_brin.validate(str(raw))
        except Exception:  # noqa: BLE001
            raise FieldError(spec.name, "Geen geldige BRIN-code (vier tekens, bijvoorbeeld 12AB).") from None
    raise AssertionError(f"unknown field kind {kind}")


def clean_fields(
    specs: Mapping[str, FieldSpec], values: Mapping[str, Any], *, today: dt.date | None = None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Clean every value given; unknown names are an error too (never silently dropped)."""
    cleaned: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, raw in values.items():
        spec = specs.get(name)
        if spec is None:
            errors.append(FieldError(name, f"Onbekend veld: {name}"))
            continue
        try:
            cleaned[name] = clean_value(spec, raw, today=today)
        except FieldError as err:
            errors.append(err)
    return cleaned, errors


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def check_youth(values: Mapping[str, Any], *, today: dt.date | None = None) -> list[FieldError]:
    """Rules that involve more than one field of a young person (values already cleaned)."""
    today = today or dt.date.today()
    errors: list[FieldError] = []
    birth = values.get("birth_date")
    if birth is not None:
        if birth > today:
            errors.append(FieldError("birth_date", "De geboortedatum ligt in de toekomst."))
        elif birth > add_years(today, -10):
            errors.append(FieldError("birth_date", "Deze geboortedatum is te recent voor een leerling van pro of vso."))
        elif birth < add_years(today, -40):
            errors.append(FieldError("birth_date", "Deze geboortedatum ligt te ver terug."))
    leaving = values.get("leaving_date")
    if birth is not None and leaving is not None and leaving < add_years(birth, 12):
        errors.append(FieldError("leaving_date", "De einddatum moet minstens 12 jaar na de geboortedatum liggen."))
    start = values.get("school_start")
    if start is not None and leaving is not None and leaving < start:
        errors.append(FieldError("leaving_date", "De einddatum ligt vóór de startdatum."))
    return errors


def check_list_item(list_name: str, values: Mapping[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    pairs = {"certificates": ("issued_on", "valid_until"), "experiences": ("start", "end")}
    if list_name in pairs:
        first, second = pairs[list_name]
        if values.get(first) and values.get(second) and values[second] < values[first]:
            errors.append(FieldError(second, "Deze datum ligt vóór de begindatum."))
    return errors


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
