"""The Qt-free core: nothing outside handover/ui imports PySide6 (checked on the source, not by running)."""

from __future__ import annotations

import ast
from pathlib import Path

import handover

PACKAGE = Path(handover.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and {"PySide6", "shiboken6"} & _imports(path)
    ]
    assert offenders == []
    assert any("PySide6" in _imports(p) for p in (PACKAGE / "ui").rglob("*.py"))  # the check can see imports


def test_core_does_not_import_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("domain", "store", "crypto", "sync", "server", "reports", "services"):
            source = path.read_text("utf-8")
            if "handover.ui" in source:
                offenders.append(str(rel))
    assert offenders == []


def test_domain_imports_no_database_or_qt() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert not {"sqlalchemy", "PySide6", "httpx"} & _imports(path), path
