"""The English interface: every string reaches the .ts, every entry is translated, and it shows.

The .ts is the source of truth (compiled at build or on first run); these tests read it and switch a
running app to English, so a string added without a translation, or shown through a path lupdate
cannot see, fails CI rather than showing Dutch in the English interface.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from handover.domain import vocab
from handover.domain.fields import SECTIONS, YOUTH_FIELDS
from handover.services.dossiers import DossierService
from handover.ui import labels
from handover.ui.i18n import install_translators, ts_path
from tests.conftest import youth_values

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts_path("en")).getroot()
    return [
        (ctx.findtext("name") or "", msg.findtext("source") or "", msg)
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def test_the_ts_has_no_unfinished_or_empty_translations() -> None:
    text = ts_path("en").read_text(encoding="utf-8")
    assert text.count('type="unfinished"') == 0
    assert text.count('type="vanished"') == 0 and text.count('type="obsolete"') == 0
    empty = [(c, s) for c, s, msg in _messages() if not (msg.findtext("translation") or "").strip()]
    assert empty == []


def test_placeholders_survive_translation() -> None:
    wrong = []
    for context, source, msg in _messages():
        translation = msg.findtext("translation") or ""
        for pattern in (r"%\d|%n", r"\{\w+\}"):
            if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, translation)):
                wrong.append((context, source, translation))
    assert wrong == []


def test_no_strings_in_the_empty_context() -> None:
    # A bare tr("...") wrapper lands there; translate("Context", "...") gives each string a stable home.
    assert [s for c, s, _ in _messages() if c == ""] == []


def test_domain_string_list_is_up_to_date() -> None:
    assert labels.source_module_path().read_text(encoding="utf-8") == labels.render_source_module(), (
        "run: python -m handover.ui.labels"
    )
    domain = {s for c, s, _ in _messages() if c == labels.CONTEXT}
    assert set(labels.source_strings()) <= domain


LUPDATE_NAMES = ("lupdate", "pyside6-lupdate")


def find_lupdate(folders: list[Path] | None = None, windows: bool | None = None) -> str | None:
    """lupdate from the PySide6 package, then beside the interpreter, then on PATH.

    The Windows wheel ships ``lupdate.exe`` in the PySide6 folder and ``pyside6-lupdate.exe`` in the
    venv's Scripts folder; neither is on PATH when the build script runs ``.venv\\Scripts\\python.exe``.
    """
    import shutil
    import sys

    import PySide6

    if folders is None:
        folders = [Path(PySide6.__file__).resolve().parent, Path(sys.executable).parent]
    suffixes = (".exe", "") if (sys.platform == "win32" if windows is None else windows) else ("",)
    for folder in folders:
        for name in LUPDATE_NAMES:
            for suffix in suffixes:
                candidate = folder / (name + suffix)
                if candidate.is_file():
                    return str(candidate)
    return next((found for name in LUPDATE_NAMES if (found := shutil.which(name))), None)


def test_lupdate_is_found_where_the_windows_wheel_puts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package, scripts = tmp_path / "PySide6", tmp_path / "Scripts"
    package.mkdir()
    scripts.mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))  # not on PATH, as on the Windows runner
    assert find_lupdate([package, scripts], windows=True) is None
    (scripts / "pyside6-lupdate.exe").write_bytes(b"MZ")
    assert find_lupdate([package, scripts], windows=True) == str(scripts / "pyside6-lupdate.exe")
    (package / "lupdate.exe").write_bytes(b"MZ")
    assert find_lupdate([package, scripts], windows=True) == str(package / "lupdate.exe")


def test_lupdate_finds_nothing_new(tmp_path: Path) -> None:
    """Running lupdate over the UI adds no entry: every string in the code is in the committed .ts."""
    import shutil

    exe = find_lupdate()
    if exe is None:
        pytest.fail("lupdate is missing from the PySide6 installation")
    copy = tmp_path / "overstap_en.ts"
    shutil.copy(ts_path("en"), copy)
    sources = sorted(str(p) for p in (ROOT / "handover" / "ui").rglob("*.py"))
    subprocess.run([exe, *sources, "-no-obsolete", "-ts", str(copy)], check=True, capture_output=True, timeout=120)
    assert copy.read_text(encoding="utf-8").count('type="unfinished"') == 0


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    assert len(translators) >= 1
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        install_translators(qapp, "nl")


def test_domain_labels_in_english(english) -> None:
    assert labels.vocabulary_label(vocab.ROUTE, "werken") == "Work"
    assert labels.vocabulary_label(vocab.AGREEMENT_ORG, "werk_en_inkomen") == "Work and Income"
    assert labels.field_label(YOUTH_FIELDS["last_name"]) == "Surname"
    assert labels.checkin_state_label("te_laat") == "Overdue"
    assert labels.plan_label("Na 3 maanden") == "After 3 months"
    assert labels.plan_label("Na 9 maanden") == "After 9 months"  # generated by plan_from_months
    assert labels.plan_label("4 maanden voor vertrek") == "4 months before leaving"
    assert labels.plan_label("Gesprek met de oom") == "Gesprek met de oom"  # typed by the school: as it is
    assert labels.vocabulary_label(vocab.ROUTE, "eigen_code") == "eigen_code"


def test_editor_and_printing_show_english(qtbot, english, ctx, runner) -> None:
    from handover.ui.editor import DossierEditorPage
    from handover.ui.printing import BatchPrintDialog

    youth_id = DossierService(ctx).create_youth(youth_values())
    page = DossierEditorPage(ctx, runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.dossier_opened, timeout=5000):
        page.open_youth(youth_id)
    titles = [page.nav_items[s.code].text(0) for s in SECTIONS]
    assert titles[0] == "A  Personal details"
    assert titles[1] == "B  People involved"
    assert titles[7] == "H  Destination"
    assert titles[8] == "I  Agreements: who does what, by when"
    assert titles[9] == "J  Consent"
    assert page.editors["last_name"].label.text().startswith("Surname")
    route = page.editors["route"].widget
    assert "Work" in [route.itemText(i) for i in range(route.count())]
    assert "Werken" not in [route.itemText(i) for i in range(route.count())]
    assert page.nav_hint.text().startswith("Shortcut: Alt")

    dialog = BatchPrintDialog(None, ctx, runner, [youth_id])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Print handover files"
    assert dialog.start_button.text() == "Print"
    assert dialog.cancel_button.text() == "Cancel"
    assert dialog.single_radio.text() == "One PDF file with all files"


def test_youth_list_shows_route_and_status_in_english(qtbot, english) -> None:
    import datetime as dt

    from handover.services.queries import YouthRow
    from handover.ui.models import YouthTableModel
    from handover.ui.pages.jongeren import JongerenPage

    model = YouthTableModel()
    model.set_rows(
        [
            YouthRow(
                "a", "Sem de Vries", "vries, sem de", "5A", "werken", dt.date(2026, 7, 10), "klaar", None, "", "", None
            )
        ]
    )
    assert model.index(0, YouthTableModel.COL_ROUTE).data() == "Work"
    assert model.index(0, YouthTableModel.COL_STATUS).data() == "Ready for meeting"
    page = JongerenPage(model)
    qtbot.addWidget(page)
    assert [page.route.itemText(i) for i in range(1, page.route.count())] == [
        "Further education",
        "Work",
        "Day activities",
        "Not known yet",
    ]


def test_the_words_of_issue_15_in_english(english) -> None:
    """Overstapdossier is a handover file, Doorstroompunt a youth transition office, Begeleiding support."""
    from handover.domain.fields import AGREEMENTS

    assert QApplication.translate("MainWindow", "Overstapdossier") == "Handover file"
    assert labels.vocabulary_label(vocab.AGREEMENT_ORG, "doorstroompunt") == "Youth transition office"
    assert labels.vocabulary_label(vocab.CONTACT_ROLE, "doorstroompunt") == "Youth transition office adviser"
    assert labels.domain("Begeleiding") == "Support"
    assert labels.field_label(AGREEMENTS.field("deadline")) == "By when"
    english_text = " ".join((msg.findtext("translation") or "") for _c, _s, msg in _messages()).casefold()
    assert "transition file" not in english_text and "supervision" not in english_text
    assert "deadline" not in " ".join(s for _c, s, _m in _messages()).casefold()  # not in Dutch sources either


def test_stored_dutch_texts_are_translated_on_english_screens(english) -> None:
    assert labels.stored_text("Situatie veranderd: Nog geen werk, school of dagbesteding") == (
        "Situation changed: No work, school or day activity yet"
    )
    assert labels.stored_text("Zorgsignaal bij laatste contactmoment") == "Care signal at the last check-in"
    assert labels.stored_text("Bellen met de jobcoach") == "Bellen met de jobcoach"  # typed by a person: as it is
    assert labels.stored_text(None) == ""
