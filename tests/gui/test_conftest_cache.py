"""The GUI fixtures work with and without pytest's cache plugin (``-p no:cacheprovider``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TINY_TEST = """
def test_where_the_big_set_is_built(big_demo_cache):
    assert big_demo_cache.is_dir()
    print("BUILD-FOLDER=" + str(big_demo_cache))
"""


def _run_tiny_session(tmp_path: Path, *extra: str) -> str:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_tiny.py").write_text(TINY_TEST)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-c", str(tmp_path / "pytest.ini")]
    command += ["--rootdir", str(tmp_path), "-p", "tests.gui.conftest", "--basetemp", str(tmp_path / "basetemp")]
    done = subprocess.run(
        [*command, *extra, str(tmp_path / "test_tiny.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return next(line for line in done.stdout.splitlines() if "BUILD-FOLDER=" in line).split("=", 1)[1]


@pytest.mark.parametrize("with_cache", [True, False], ids=["cacheprovider", "no-cacheprovider"])
def test_big_set_folder_with_and_without_the_cache_plugin(tmp_path: Path, with_cache: bool) -> None:
    folder = _run_tiny_session(tmp_path, *([] if with_cache else ["-p", "no:cacheprovider"]))
    if with_cache:
        assert ".pytest_cache" in folder
    else:
        assert ".pytest_cache" not in folder
        assert folder.startswith(str(tmp_path / "basetemp"))
