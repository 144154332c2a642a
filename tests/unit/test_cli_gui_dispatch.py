"""Starting the desktop app is recognised before the parser is built: no command group (and no SQLAlchemy)
is imported on that path, and it gets the same arguments the full parser would give."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handover.cli import build_parser, entry

ROOT = Path(__file__).resolve().parents[2]

GUI_ARGV = [
    [],
    ["gui"],
    ["--demo"],
    ["--data-dir", "C:/map met spatie"],
    ["--data-dir=/tmp/x", "--passphrase-file", "/tmp/ww.txt"],
    ["--passphrase-file=/tmp/ww.txt", "--demo", "--data-dir", "d", "gui"],
    ["--data-dir", "a", "--data-dir", "b"],  # the last one wins, as in argparse
]


@pytest.mark.parametrize("argv", GUI_ARGV)
def test_gui_arguments_equal_the_parsers(argv: list[str]) -> None:
    fast = entry.gui_arguments(argv)
    assert fast is not None
    full = build_parser().parse_args(argv)
    assert {k: getattr(full, k) for k in ("data_dir", "passphrase_file", "demo", "command")} == vars(fast)


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--help"],
        ["--version"],
        ["--data-dir"],  # a value is missing: the parser says so
        ["--data-dir", "--demo"],
        ["--demo=ja"],
        ["--data", "x"],  # an abbreviation: left to argparse
        ["gui", "--demo"],
        ["--data-dir", "x", "gui", "gui"],
        ["demo", "--youths", "5"],
    ],
)
def test_anything_else_goes_through_the_full_parser(argv: list[str]) -> None:
    assert entry.gui_arguments(argv) is None


def test_gui_start_imports_no_command_group(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Up to run_gui, the default command imports neither the other command groups nor the store."""
    script = (
        "import sys\n"
        "import handover.ui.app as app\n"
        "def fake(data_dir, demo, passphrase):\n"
        "    mods = [m for m in ('sqlalchemy', 'handover.cli.sync', 'handover.cli.reports', 'handover.cli.devices',\n"
        "                        'handover.store.database', 'handover.services') if m in sys.modules]\n"
        "    print('GUI', data_dir, demo, mods)\n"
        "    return 0\n"
        "app.run_gui = fake\n"
        "from handover.cli import run\n"
        "sys.exit(run(['--data-dir', sys.argv[1], '--demo']))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"GUI {tmp_path} True []"


def test_errors_of_the_store_and_validation_keep_their_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from handover.domain.validation import FieldError, ValidationFailed
    from handover.secrets import WrongPassphrase
    from handover.store.database import NewerDatabase

    for exc, code in (
        (NewerDatabase("nieuwer"), 2),
        (WrongPassphrase("fout wachtwoord"), 2),
        (ValidationFailed([FieldError("bsn", "klopt niet")]), 2),
        (BrokenPipeError(), 0),
        (RuntimeError("x"), 1),
    ):

        def boom(_args: object, exc: Exception = exc) -> int:
            raise exc

        monkeypatch.setattr("handover.cli.core.cmd_gui", boom)
        assert entry.run([]) == code
