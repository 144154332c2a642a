"""The layers hold: the Qt-free core, nothing below the GUI importing it, the contracts in pyproject.toml.

Checked on the source (ast and import-linter), never by importing: a function-level import that runs
only on a rare path counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import handover
from tests.unit.import_graph import build_graph

PACKAGE = Path(handover.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"
# The entry points: the command line may start the GUI; nothing else may import either.
ENTRY_POINTS = ("handover.__main__", "handover.cli")


def _top_level_imports(path: Path) -> set[str]:
    """First part of every imported name, at any depth in the module (functions included)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and {"PySide6", "shiboken6"} & _top_level_imports(path)
    ]
    assert offenders == []
    assert any("PySide6" in _top_level_imports(p) for p in (PACKAGE / "ui").rglob("*.py"))  # the check can see


def test_nothing_below_the_gui_imports_it() -> None:
    """Counting function-level, type-checking and by-name imports, which import-linter partly cannot see."""
    graph = build_graph(PACKAGE)
    offenders = [
        str(edge)
        for module, edges in graph.edges.items()
        if not _inside(module, "handover.ui") and not any(_inside(module, entry) for entry in ENTRY_POINTS)
        for target, edge in edges.items()
        if _inside(target, "handover.ui")
    ]
    assert offenders == []
    # The check can see such an import: the command line's function-level one that starts the GUI.
    assert any(
        _inside(module, "handover.cli") and _inside(target, "handover.ui")
        for module, edges in graph.edges.items()
        for target in edges
    )


def test_nothing_imports_the_command_line_back() -> None:
    graph = build_graph(PACKAGE)
    offenders = [
        str(edge)
        for module, edges in graph.edges.items()
        if not any(_inside(module, entry) for entry in ENTRY_POINTS)
        for target, edge in edges.items()
        if _inside(target, "handover.cli")
    ]
    assert offenders == []


def test_domain_imports_no_database_or_qt() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert not {"sqlalchemy", "PySide6", "httpx"} & _top_level_imports(path), path


def test_the_layer_contracts_in_pyproject_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """The same check as CI's `lint-imports`, so a plain `pytest` run catches a broken layer too."""
    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out
