"""The demo's temporary folder: marked, locked while its app runs, and removed at the next start
when its app was killed; a folder in use, or one that is not a demo folder, is never touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handover.services.demo_folder import LOCK, MARKER, PREFIX, DemoFolder, remove_stale

HOLDER = (
    "import sys; from pathlib import Path; from handover.services.demo_folder import DemoFolder\n"
    "made = DemoFolder.create(Path(sys.argv[1])); print(made.path, flush=True); sys.stdin.read()\n"
)


def _start_demo_process(base: Path) -> tuple[subprocess.Popen[str], Path]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(base)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_a_demo_folder_is_marked_and_locked_and_removed_on_a_normal_exit(tmp_path: Path) -> None:
    folder = DemoFolder.create(tmp_path)
    assert folder.path.parent == tmp_path and folder.path.name.startswith(PREFIX)
    assert (folder.path / MARKER).is_file() and (folder.path / LOCK).is_file()
    assert folder.data_dir == folder.path / "gegevens"
    assert remove_stale(tmp_path) == []  # in use by this process
    assert folder.path.is_dir()
    folder.remove()
    assert not folder.path.exists()


def test_the_folder_of_a_killed_demo_is_removed_at_the_next_start_but_not_while_it_runs(tmp_path: Path) -> None:
    process, path = _start_demo_process(tmp_path)
    try:
        assert (path / MARKER).is_file()
        assert remove_stale(tmp_path) == []  # the demo still runs: its folder stays
        assert path.is_dir()
    finally:
        process.kill()  # no cleanup of its own: like Task Manager's "End task"
        process.wait(timeout=30)
    assert path.is_dir()  # left behind
    assert remove_stale(tmp_path) == [path]
    assert not path.exists()


def test_folders_that_are_not_demo_folders_are_left_alone(tmp_path: Path) -> None:
    unmarked = tmp_path / f"{PREFIX}van-iemand-anders"
    unmarked.mkdir()
    (unmarked / "belangrijk.txt").write_text("niet weggooien")
    other = tmp_path / "overstap-gegevens"
    other.mkdir()
    (other / MARKER).write_text("lijkt op een demomap, maar heet anders")
    a_file = tmp_path / f"{PREFIX}bestand"
    a_file.write_text("geen map")
    marked_without_lock = tmp_path / f"{PREFIX}zonder-slot"
    marked_without_lock.mkdir()
    (marked_without_lock / MARKER).write_text("x")

    assert remove_stale(tmp_path) == [marked_without_lock]
    assert (unmarked / "belangrijk.txt").is_file() and other.is_dir() and a_file.is_file()
