"""``handover --demo`` start-up: a stale folder of a killed demo is removed, the new one is removed on exit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from handover.services.demo_folder import MARKER, PREFIX, DemoFolder
from handover.ui.app import Startup

pytestmark = pytest.mark.timeout(120)


def test_demo_start_removes_a_stale_demo_folder_and_its_own_on_exit(qtbot, runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the system's temporary folder, for this test
    stale = DemoFolder.create()
    stale._lock.close()  # type: ignore[union-attr]  # its process was killed: the lock is gone
    stale._lock = None
    not_ours = tmp_path / f"{PREFIX}zonder-markering"
    not_ours.mkdir()

    startup = Startup(QApplication.instance(), runner)  # type: ignore[arg-type]
    ctx = startup.demo(youths=3)
    try:
        assert not stale.path.exists()
        assert not_ours.is_dir()
        own = startup.demo_folder.path
        assert own.parent == tmp_path and (own / MARKER).is_file()
        assert startup.data_dir is not None and startup.data_dir.is_dir()
    finally:
        ctx.close()
        startup.cleanup()
    assert not own.exists()
    assert [p.name for p in Path(tmp_path).iterdir()] == [not_ours.name]
