"""Every setting declared once: key, type, default and Dutch label. Stored in the encrypted DB."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from handover.domain.rules import DEFAULT_PLAN, PlanStep, plan_from_months
from handover.store.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    label: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("role", str, "school", "Rol van deze installatie"),
    SettingSpec("org_name", str, "", "Naam van de school of gemeente"),
    SettingSpec("brin", str, "", "BRIN-code"),
    SettingSpec("user_name", str, "", "Uw naam"),
    # Issue 13 (one school, several PCs): a mentor's list opens on "Alleen mijn jongeren", the
    # coördinator's on everyone; "mentor_name" is the name the mentor has in the dossiers ("" = user_name).
    SettingSpec("pc_role", str, "coordinator", "Rol op deze pc (mentor of coordinator)"),
    SettingSpec("mentor_name", str, "", "Mijn naam als mentor"),
    SettingSpec("default_recipient", str, "", "Werk en Inkomen van de gemeente (ontvanger)"),
    SettingSpec(
        "send_updates_automatically",
        bool,
        True,
        "Na de eerste keer versturen: latere wijzigingen binnen de toestemming automatisch versturen",
    ),
    SettingSpec("checkin_plan", list, [s.months for s in DEFAULT_PLAN], "Plan van contactmomenten (maanden)"),
    SettingSpec("out_of_sight_months", int, 4, "Uit beeld: niet bereikt in meer dan zoveel maanden (kaart op Vandaag)"),
    SettingSpec("print_full_bsn", bool, False, "BSN volledig afdrukken"),
    SettingSpec("logo_path", str, "", "Logo op afdrukken"),
    SettingSpec("language", str, "nl", "Taal"),
    SettingSpec("vocab_extra", dict, {}, "Eigen keuzelijstwaarden"),
    SettingSpec(
        "acked_envelope_days",
        int,
        30,
        "Verstuurde berichten na de ontvangstbevestiging van de server nog zoveel dagen bewaren",
    ),
)
SETTING_BY_KEY = {s.key: s for s in SETTINGS}


def get_setting(session: Session, key: str) -> Any:
    spec = SETTING_BY_KEY[key]
    row = session.get(Setting, key)
    return spec.default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    spec = SETTING_BY_KEY[key]
    if not isinstance(value, spec.type):
        raise TypeError(f"{key} expects {spec.type.__name__}")
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def all_settings(session: Session) -> dict[str, Any]:
    return {s.key: get_setting(session, s.key) for s in SETTINGS}


def checkin_plan(session: Session) -> tuple[PlanStep, ...]:
    return plan_from_months(get_setting(session, "checkin_plan"))
