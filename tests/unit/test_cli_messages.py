"""Every usage message and help text of ``handover`` and ``handover-server`` is Dutch; file errors name the file."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handover import cli
from handover.argparse_nl import METAVARS
from handover.server import cli as server_cli

PASS = "een lang wachtwoord voor tests"
# argparse's English, as it would appear in usage, help and errors.
ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help",
    "show program's version",
    "not allowed with",
    "invalid choice",
    "choose from",
    "the following arguments",
    "are required",
    "is required",
    "expected one argument",
    "expected at",
    "unrecognized arguments",
    "ambiguous option",
    "invalid int value",
    "error:",
    "argument ",
    "subcommands",
    "Errno",
    "No such file",
    "Permission denied",
    "Error",
)
# Placeholders that may appear in usage lines: the Dutch ones, and names that are the same in Dutch.
ALLOWED_CAPS = set(METAVARS.values()) | {"JAAR", "ORGANISATIE", "BSN", "BRIN", "JSON", "CSV", "PDF", "URL", "TLS"}
ALLOWED_CAPS |= {"HANDOVER_DATA_DIR", "HANDOVER_PASSPHRASE", "HANDOVER_SERVER_DB", "PEM", "ID", "OK", "NB"}


def _assert_dutch(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English left: {found}\n{text}"
    caps = set(re.findall(r"\b[A-Z][A-Z_]{1,}\b", text)) - ALLOWED_CAPS
    assert not caps, f"English placeholders: {caps}\n{text}"


def _all_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _all_parsers(sub)
    return found


@pytest.mark.parametrize("build", [cli.build_parser, server_cli.build_parser], ids=["handover", "handover-server"])
def test_every_help_text_is_dutch(build) -> None:  # type: ignore[no-untyped-def]
    parsers = _all_parsers(build())
    assert len(parsers) > 5
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("gebruik: ")
        assert "toon deze hulp en stop" in text
        _assert_dutch(text)


def test_help_option_prints_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.build_parser().parse_args(["import", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "gebruik: handover import [-h] --csv BESTAND [--dry-run]" in out
    _assert_dutch(out)


@pytest.mark.parametrize(
    "argv,dutch",
    [
        (["import"], "deze argumenten zijn verplicht: --csv"),
        (["list", "--due", "--overdue"], "--overdue: mag niet samen met --due"),
        (["audit", "controleer"], "ongeldige keuze: 'controleer' (kies uit 'verify')"),
        (["bestaat-niet"], "ongeldige keuze: 'bestaat-niet'"),
        (["export", "--youth"], "--youth: hier hoort één waarde achter"),
        (["demo", "--youths", "twintig"], "--youths: 'twintig' is geen heel getal"),
        (["list", "--bestaat-niet"], "onbekende argumenten: --bestaat-niet"),
        (["print"], "een van deze argumenten is verplicht: --youth --cohort --list"),
        (["print", "--youth", "abcdef", "--for", "iedereen"], "ongeldige keuze: 'iedereen'"),
    ],
)
def test_usage_errors_are_dutch(argv: list[str], dutch: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and dutch in err
    _assert_dutch(err)


@pytest.mark.parametrize(
    "argv,dutch",
    [
        (["revoke"], "deze argumenten zijn verplicht: ORGANISATIE"),
        (["add-org", "--name", "X", "--kind", "bedrijf"], "ongeldige keuze: 'bedrijf'"),
        (["serve", "--port", "acht"], "'acht' is geen heel getal"),
        (["opruimen"], "ongeldige keuze: 'opruimen'"),
    ],
)
def test_server_usage_errors_are_dutch(argv: list[str], dutch: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert server_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "gebruik: handover-server" in err and "fout:" in err and dutch in err
    _assert_dutch(err.replace("fout:", ""))


def test_argparse_stays_english_outside_our_parsers() -> None:
    """The Dutch table is swapped in only while our parsers work: pytest's own argparse is untouched."""
    cli.build_parser().format_help()
    plain = argparse.ArgumentParser(prog="ander")
    assert "usage: ander" in plain.format_help() and "show this help message and exit" in plain.format_help()


def test_two_parsers_at_once_leave_argparse_english() -> None:
    """Two threads that parse at once (a CLI in a thread beside another) interleave their Dutch blocks:
    A begins, B begins, A ends, B ends. Argparse is English again after, not left Dutch by B."""
    from handover.argparse_nl import dutch_messages

    english = argparse._  # type: ignore[attr-defined]
    first, second = dutch_messages(), dutch_messages()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert argparse._ is not english  # type: ignore[attr-defined]  # B still parses in Dutch
    second.__exit__(None, None, None)
    assert argparse._ is english  # type: ignore[attr-defined]
    assert "usage: ander" in argparse.ArgumentParser(prog="ander").format_help()


# -- file errors: a Dutch sentence that names the file ----------------------------------------------


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-berichten") / "gegevens"
    env = {"HANDOVER_PASSPHRASE": PASS, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "handover", "--data-dir", str(folder), "demo", "--youths", "3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def in_folder(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("HANDOVER_PASSPHRASE", PASS)
    return ["--data-dir", str(data_dir)]


def _a_youth(in_folder: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.run([*in_folder, "list"]) == 0
    return capsys.readouterr().out.split()[0]


def test_import_of_a_missing_file_names_it(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "leerlingen-2026.csv"
    assert cli.run([*in_folder, "import", "--csv", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"Fout: Het bestand {missing} bestaat niet."
    _assert_dutch(err)


def test_export_to_a_missing_folder_names_it(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    youth = _a_youth(in_folder, capsys)
    target = tmp_path / "geen-map" / "inzage.json"
    assert cli.run([*in_folder, "export", "--youth", youth, "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"De map {target.parent} bestaat niet." in err
    _assert_dutch(err)


def test_permission_denied_while_writing_names_the_file(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    youth = _a_youth(in_folder, capsys)
    target = tmp_path / "inzage.json"

    def refuse(self: object, youth_id: str, out: Path) -> Path:
        # paths.private_write writes a hidden temporary file beside the target, then renames it
        raise PermissionError(13, "Permission denied", str(out.with_name(f".{out.name}.4242.9f86d081.tmp")))

    monkeypatch.setattr("handover.services.records.RecordsService.export_subject_access", refuse)
    assert cli.run([*in_folder, "export", "--youth", youth, "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"U hebt geen toestemming voor {target}." in err
    _assert_dutch(err)


def test_an_unexpected_missing_file_is_named_not_its_class(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    youth = _a_youth(in_folder, capsys)
    gone = tmp_path / "sjabloon.json"

    def lose(self: object, youth_id: str, out: Path) -> Path:
        raise FileNotFoundError(2, "No such file or directory", str(gone))

    monkeypatch.setattr("handover.services.records.RecordsService.export_subject_access", lose)
    assert cli.run([*in_folder, "export", "--youth", youth, "--out", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert f"Het bestand {gone} bestaat niet." in err and "FileNotFoundError" not in err
    _assert_dutch(err)


def test_an_unexpected_error_gives_a_sentence_without_a_class_name(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    youth = _a_youth(in_folder, capsys)

    def break_down(self: object, youth_id: str, out: Path) -> Path:
        raise KeyError("interne sleutel")

    monkeypatch.setattr("handover.services.records.RecordsService.export_subject_access", break_down)
    assert cli.run([*in_folder, "export", "--youth", youth, "--out", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "Er ging iets onverwachts mis" in err and "KeyError" not in err and "interne sleutel" not in err


def _set_recipient(data_dir: Path, name: str) -> str:
    from handover.services.app import open_app
    from handover.services.settings import get_setting, set_setting

    ctx = open_app(data_dir, passphrase=PASS)
    try:
        with ctx.session() as session:
            before = str(get_setting(session, "default_recipient") or "")
            set_setting(session, "default_recipient", name)
    finally:
        ctx.close()
    return before


def test_print_for_gemeente_without_a_recipient_says_how_to_set_one(
    data_dir: Path, in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    youth = _a_youth(in_folder, capsys)
    target = tmp_path / "x.pdf"
    before = _set_recipient(data_dir, "")
    try:
        assert cli.run([*in_folder, "print", "--youth", youth, "--out", str(target), "--for", "gemeente"]) == 2
    finally:
        _set_recipient(data_dir, before)
    err = capsys.readouterr().err
    assert "Er is geen ontvanger ingesteld" in err
    assert '--recipient "Werk en Inkomen gemeente ..."' in err and "Instellingen" in err
    assert not target.exists()


def test_import_lists_warnings_with_line_numbers(
    in_folder: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "somtoday.csv"
    csv.write_text(
        "Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Mobiel;Vestiging code\n"
        "777001;Sem;Visser;03-04-2008;0612345678 (moeder);PRO\n"
        "777002;Noor;;04-05-2008;;PRO\n",
        encoding="utf-8",
    )
    assert cli.run([*in_folder, "import", "--csv", str(csv), "--dry-run"]) == 2  # a rejected row: exit 2
    captured = capsys.readouterr()
    assert "Niet gebruikte kolommen: Vestiging code" in captured.err
    assert "regel 2: waarschuwing: Telefoon leeg gelaten: Telefoon: geen geldig telefoonnummer." in captured.err
    assert "regel 3: niet ingelezen: Achternaam ontbreekt." in captured.err
    assert "1 jongeren zouden worden ingelezen (1 waarschuwingen), 0 overgeslagen, 1 met fouten." in captured.out


def test_the_gemeente_words_on_the_command_line() -> None:
    """'controlecode school' instead of 'school-vingerafdruk'; 'Tijdperk (epoch)' only in the admin tool."""
    root = Path(__file__).resolve().parents[2] / "handover"
    client = [p for folder in ("cli", "ui", "sync") for p in (root / folder).rglob("*.py")]
    texts = {p: p.read_text(encoding="utf-8") for p in client}
    assert "controlecode school" in texts[root / "cli" / "sync.py"]
    assert not [p for p, text in texts.items() if "school-vingerafdruk" in text]
    assert not [p for p, text in texts.items() if "Tijdperk" in text or "tijdperk" in text]
    assert "Tijdperk (epoch)" in (root / "server" / "cli.py").read_text(encoding="utf-8")
