"""Domain rules on fixed dates: the check-in plan, states, status machine, consent, validation."""

from __future__ import annotations

import datetime as dt
import doctest
import re
from types import SimpleNamespace

import pytest
import stdnum.nl.bsn
from hypothesis import given
from hypothesis import strategies as st

from handover.domain import rules, vocab
from handover.domain.fields import CONSENT_FIELDS, LISTS, SECTIONS, YOUTH_FIELDS
from handover.domain.validation import FieldError, check_youth, clean_value, mask_bsn

D = dt.date
BSN = YOUTH_FIELDS["bsn"]


# -- check-in plan -----------------------------------------------------------------------------


def test_default_plan_from_a_summer_leaving_date() -> None:
    dates = [d for _, d in rules.planned_dates(D(2026, 7, 10))]
    assert dates == [
        D(2025, 10, 10),
        D(2026, 4, 10),
        D(2026, 7, 10),
        D(2026, 8, 10),
        D(2026, 10, 10),
        D(2027, 1, 10),
        D(2027, 7, 10),
        D(2028, 1, 10),
        D(2028, 7, 10),
    ]


def test_leaving_on_31_january_clamps_to_month_ends() -> None:
    dates = {step.months: d for step, d in rules.planned_dates(D(2027, 1, 31))}
    assert dates[1] == D(2027, 2, 28)  # no 31 February
    assert dates[3] == D(2027, 4, 30)
    assert dates[-3] == D(2026, 10, 31)
    assert dates[-9] == D(2026, 4, 30)
    assert dates[6] == D(2027, 7, 31)
    assert dates[24] == D(2029, 1, 31)


def test_leap_years() -> None:
    assert rules.add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)  # 2028 is a leap year
    assert rules.add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert rules.add_months(D(2028, 2, 29), 24) == D(2030, 2, 28)
    assert rules.add_months(D(2028, 2, 29), 48) == D(2032, 2, 29)
    assert rules.add_months(D(2100, 1, 31), 1) == D(2100, 2, 28)  # 2100 is not


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(-36, 36))
def test_add_months_properties(day: dt.date, months: int) -> None:
    result = rules.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + dt.timedelta(days=1)).day == 1)


def test_custom_plan_and_bounds() -> None:
    plan = rules.plan_from_months([0, 6, -9, 6, 24])
    assert [s.months for s in plan] == [-9, 0, 6, 24]
    with pytest.raises(ValueError):
        rules.plan_from_months([60])


@pytest.mark.parametrize(
    ("due", "held", "today", "later_held", "state"),
    [
        (D(2026, 11, 1), D(2026, 11, 2), D(2026, 11, 29), False, "gehouden"),
        (D(2026, 11, 28), None, D(2026, 11, 29), False, "te_laat"),  # yesterday, Saturday
        (D(2026, 11, 28), None, D(2026, 11, 29), True, "gemist"),
        (D(2026, 11, 29), None, D(2026, 11, 29), False, "deze_week"),  # Sunday is the week's last day
        (D(2026, 11, 30), None, D(2026, 11, 29), False, "gepland"),  # next Monday
        (D(2026, 12, 4), None, D(2026, 12, 1), False, "deze_week"),
        (D(2026, 12, 7), None, D(2026, 12, 1), False, "gepland"),
    ],
)
def test_checkin_states(due, held, today, later_held, state) -> None:  # type: ignore[no-untyped-def]
    assert rules.checkin_state(due, held, today, later_held) == state


def test_week_bounds_monday_to_sunday() -> None:
    assert rules.week_bounds(D(2026, 11, 29)) == (D(2026, 11, 23), D(2026, 11, 29))
    assert rules.week_bounds(D(2026, 11, 30)) == (D(2026, 11, 30), D(2026, 12, 6))


def test_retention_two_years_plus_rest_of_school_year() -> None:
    assert rules.retention_ends(D(2026, 7, 10)) == D(2028, 7, 31)
    assert rules.retention_ends(D(2027, 1, 31)) == D(2029, 7, 31)
    assert rules.retention_ends(D(2026, 9, 1)) == D(2029, 7, 31)


def _ci(day: dt.date, situation: str, reached: bool = True) -> SimpleNamespace:
    return SimpleNamespace(held_on=day, situation=situation, reached=reached)


def test_stable_since_follows_consecutive_same_situation() -> None:
    history = [
        _ci(D(2026, 8, 1), "mbo_entree"),
        _ci(D(2026, 10, 1), "werk"),
        _ci(D(2027, 1, 5), "werk", False),
        _ci(D(2027, 1, 10), "werk"),
        _ci(D(2027, 7, 1), "werk"),
    ]
    assert rules.stable_since(history) == ("werk", D(2026, 10, 1))
    assert rules.stable_since([]) is None
    assert rules.stable_since([_ci(D(2026, 8, 1), "niet_bereikt", False)]) is None


def test_reactivation_when_work_or_school_is_lost() -> None:
    assert rules.needs_reactivation("werk", "geen")
    assert rules.needs_reactivation("mbo_2", "niet_bereikt")
    assert not rules.needs_reactivation("geen", "geen")
    assert not rules.needs_reactivation("werk", "mbo_entree")
    assert rules.needs_reactivation("werk", "werk", care_signal="zorg")


# -- handover status machine -----------------------------------------------------------------

STATUSES = vocab.HANDOVER_STATUS.codes()
MANUAL_ALLOWED = {
    ("concept", "klaar"),
    ("klaar", "concept"),
    ("klaar", "besproken"),
    ("besproken", "klaar"),
    ("ontvangen", "afgerond"),
    ("afgerond", "besproken"),
}
SYNC_ALLOWED = {
    ("klaar", "verstuurd"),
    ("besproken", "verstuurd"),
    ("verstuurd", "verstuurd"),
    ("verstuurd", "ontvangen"),
    ("ontvangen", "ontvangen"),
    ("afgerond", "afgerond"),
}


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("new", STATUSES)
@pytest.mark.parametrize("by_sync", [False, True])
def test_every_status_transition(current: str, new: str, by_sync: bool) -> None:
    allowed = SYNC_ALLOWED if by_sync else MANUAL_ALLOWED
    if (current, new) in allowed:
        rules.check_transition(current, new, by_sync=by_sync)
    else:
        with pytest.raises(rules.TransitionRefused) as info:
            rules.check_transition(current, new, by_sync=by_sync)
        if new in ("verstuurd", "ontvangen") and not by_sync:
            assert "niet met de hand" in str(info.value)


def test_sent_and_received_never_settable_by_hand() -> None:
    for current in STATUSES:
        assert "verstuurd" not in rules.allowed_manual_statuses(current)
        assert "ontvangen" not in rules.allowed_manual_statuses(current)


# -- agreements ------------------------------------------------------------------------------


def test_agreement_overdue_is_derived() -> None:
    today = D(2026, 11, 29)
    assert rules.agreement_state("open", D(2026, 11, 28), today) == "verlopen"
    assert rules.agreement_state("open", D(2026, 11, 29), today) == "open"
    assert rules.agreement_state("open", None, today) == "open"
    assert rules.agreement_state("gedaan", D(2020, 1, 1), today) == "gedaan"
    assert rules.agreement_state("vervallen", D(2020, 1, 1), today) == "vervallen"


# -- consent ---------------------------------------------------------------------------------


def _consent(**kw: object) -> SimpleNamespace:
    base = dict(
        given_by="jongere",
        age_at_consent=17,
        recipient="Werk en Inkomen gemeente Utrecht",
        given_on=D(2026, 1, 10),
        withdrawn_on=None,
        sections=["B", "C"],
        includes_health=False,
    )
    base.update(kw)
    return SimpleNamespace(**base)


def test_consent_valid_then_withdrawn_blocks_sending() -> None:
    birth = D(2008, 5, 1)
    consent = _consent()
    recipient = "Werk en Inkomen gemeente Utrecht"
    assert rules.valid_consent_for([consent], recipient, birth, D(2026, 6, 1)) is consent
    consent.withdrawn_on = D(2026, 6, 1)
    assert rules.valid_consent_for([consent], recipient, birth, D(2026, 6, 1)) is None
    assert rules.valid_consent_for([consent], recipient, birth, D(2026, 5, 31)) is consent


def test_consent_is_per_recipient_and_age_rules() -> None:
    birth = D(2008, 5, 1)
    assert rules.valid_consent_for([_consent()], "Werk en Inkomen gemeente Zeist", birth, D(2026, 6, 1)) is None
    parent_for_adult = _consent(given_by="ouder", age_at_consent=17)
    assert "16 jaar" in (rules.consent_problem(parent_for_adult, birth, D(2026, 6, 1)) or "")
    young_self = _consent(given_by="jongere", age_at_consent=15)
    assert rules.consent_problem(young_self, birth, D(2026, 6, 1)) is not None
    assert rules.consent_problem(_consent(given_on=D(2026, 7, 1)), birth, D(2026, 6, 1)) is not None


def test_shared_sections_follow_consent_scope() -> None:
    assert rules.shared_sections(None) == []
    assert rules.shared_sections(_consent(sections=["C", "I"])) == ["A", "C", "I", "J", "K"]


# -- validation ------------------------------------------------------------------------------


def _stdnum_examples() -> list[tuple[str, bool]]:
    """The accept/reject examples in python-stdnum's own BSN documentation (its doctests)."""
    examples = []
    for example in doctest.DocTestParser().get_examples(stdnum.nl.bsn.__doc__):
        match = re.match(r"validate\('([^']*)'\)", example.source)
        if match:
            examples.append((match.group(1), "Traceback" not in example.want))
    return examples


def test_stdnum_examples_are_found() -> None:
    examples = _stdnum_examples()
    assert ("1112.22.333", True) in examples and any(not ok for _, ok in examples)


@pytest.mark.parametrize(
    ("number", "valid"),
    _stdnum_examples()
    + [
        ("999999990", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("abcdefghi", False),
        ("000000000", False),
    ],
)
def test_bsn_against_stdnum_examples(number: str, valid: bool) -> None:
    if valid:
        assert clean_value(BSN, number) == re.sub(r"\D", "", number).zfill(9)
    else:
        with pytest.raises(FieldError) as info:
            clean_value(BSN, number)
        assert info.value.field == "bsn" and "11-proef" in info.value.message


@given(st.integers(1, 999_999_999))
def test_bsn_eleven_test_property(n: int) -> None:
    digits = f"{n:09d}"
    total = sum((9 - i) * int(d) for i, d in enumerate(digits[:-1])) - int(digits[-1])
    ok = total % 11 == 0
    try:
        clean_value(BSN, digits)
        accepted = True
    except FieldError:
        accepted = False
    assert accepted == ok


def test_mask_bsn_shows_only_last_three() -> None:
    assert mask_bsn("999999990") == "******990"
    assert mask_bsn(None) == ""


TODAY = D(2026, 11, 29)


@pytest.mark.parametrize(
    ("field", "raw", "ok"),
    [
        ("birth_date", "14-03-2008", True),
        ("birth_date", "2008-03-14", True),
        ("birth_date", "31-02-2008", False),
        ("birth_date", "morgen", False),
        ("birth_date", "01-01-1900", False),
        ("phone", "06 12345678", True),
        ("phone", "+31 30 234 5678", True),
        ("phone", "12345", False),
        ("email", "jan@example.nl", True),
        ("email", "jan@", False),
        ("email", "geen mail", False),
        ("postcode", "3511 AB", True),
        ("postcode", "0123 AB", False),
        ("brin", "12AB", True),
        ("brin", "1", False),
        ("route", "werken", True),
        ("route", "thuiszitter", False),
        ("hours_per_week", "24", True),
        ("hours_per_week", "-1", False),
        ("hours_per_week", "veel", False),
        ("interpreter", "ja", True),
        ("interpreter", "misschien", False),
        ("first_names", "", False),
        ("infix", "x" * 21, False),
    ],
)
def test_field_validation_messages_are_dutch(field: str, raw: str, ok: bool) -> None:
    spec = YOUTH_FIELDS[field]
    if ok:
        clean_value(spec, raw, today=TODAY)
    else:
        with pytest.raises(FieldError) as info:
            clean_value(spec, raw, today=TODAY)
        assert info.value.field == field
        assert info.value.message and not info.value.message.startswith("Invalid")


def test_cross_field_rules() -> None:
    future = check_youth({"birth_date": D(2027, 1, 1)}, today=TODAY)
    assert [e.field for e in future] == ["birth_date"] and "toekomst" in future[0].message
    early_leaving = check_youth({"birth_date": D(2008, 1, 1), "leaving_date": D(2019, 12, 31)}, today=TODAY)
    assert [e.field for e in early_leaving] == ["leaving_date"]
    assert check_youth({"birth_date": D(2008, 1, 1), "leaving_date": D(2026, 7, 10)}, today=TODAY) == []
    before_start = check_youth(
        {"birth_date": D(2008, 1, 1), "school_start": D(2022, 8, 20), "leaving_date": D(2021, 7, 1)}, today=TODAY
    )
    assert any("vóór de startdatum" in e.message for e in before_start)


def test_specs_cover_every_section_and_vocabularies_have_dutch_labels() -> None:
    assert [s.code for s in SECTIONS] == list("ABCDEFGHIJK")
    for vocabulary in vocab.ALL.values():
        assert vocabulary.codes(), vocabulary.name
        assert all(label and label[0].isupper() for _, label in vocabulary)
    assert set(LISTS) == {"contacts", "certificates", "experiences", "support_needs", "schemes", "agreements"}
    assert {f.name for f in CONSENT_FIELDS} >= {"given_by", "recipient", "given_on", "withdrawn_on"}


def test_vocabulary_can_be_extended_without_code_change() -> None:
    extended = vocab.CERTIFICATE.extended([("vca", "VCA-basis"), ("portfolio", "dubbel")])
    assert "vca" in extended and extended.label_of("vca") == "VCA-basis"
    assert extended.label_of("portfolio") == "Portfolio"  # an existing code is not overwritten
    assert "vca" not in vocab.CERTIFICATE
