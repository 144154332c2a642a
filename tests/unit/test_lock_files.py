"""Dependencies come from lock files with hashes (installer build and server); the workflow pins its actions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENT = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def _locked(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text("utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2] if text.startswith("#") else text)
    locked: dict[str, str] = {}
    for block in blocks:
        match = REQUIREMENT.match(block.strip())
        if match is None:
            continue
        assert "--hash=sha256:" in block, f"{match.group(1)} in {name} has no hash"
        locked[match.group(1).lower().replace("_", "-")] = match.group(2)
    return locked


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


@pytest.mark.parametrize(("lock", "extras"), [("build.txt", ("test", "dev")), ("server.txt", ("postgres",))])
def test_lock_file_pins_every_dependency_with_a_hash(lock: str, extras: tuple[str, ...]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = _names(project["dependencies"])
    for extra in extras:
        wanted |= _names([r for r in project["optional-dependencies"][extra] if not r.startswith("overstap")])
    locked = _locked(lock)
    assert wanted <= set(locked), sorted(wanted - set(locked))
    # Windows-only dependencies are locked too (the lock is made for every platform).
    assert "pywin32-ctypes" in locked


def test_builds_install_from_the_lock_file_and_the_workflow_pins_actions_by_commit() -> None:
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    uses = re.findall(r"uses:\s*(\S+)", workflow)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    assert "pip install --require-hashes -r requirements/build.txt" in workflow
    script = (ROOT / "packaging" / "build_windows.ps1").read_text("utf-8")
    assert '"--require-hashes", "-r", "requirements\\build.txt"' in script
    assert "requirements/server.txt" in (ROOT / "README.md").read_text("utf-8")
