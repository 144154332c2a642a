"""No import cycle anywhere in handover/, counting function-level imports and modules loaded by name.

import-linter (CI's `lint-imports`) checks the layers but cannot see a module loaded by name; this
graph can. The tests on small made-up packages show that the check can fail, and how it says why.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import handover
from tests.unit.import_graph import build_graph, format_cycle

PACKAGE = Path(handover.__file__).parent


def test_handover_has_no_import_cycle() -> None:
    graph = build_graph(PACKAGE)
    cycles = graph.cycles()
    assert not cycles, "import cycles (a module in each must stop importing the next):\n\n" + "\n\n".join(
        format_cycle(cycle) for cycle in cycles
    )


def test_every_module_handover_loads_by_name_is_spelled_out() -> None:
    """A name the source does not spell out would hide an edge (and with it maybe a cycle)."""
    assert build_graph(PACKAGE).unresolved == []


def test_the_graph_of_handover_is_complete_enough_to_mean_something() -> None:
    graph = build_graph(PACKAGE)
    assert {"handover.domain", "handover.services.context", "handover.ui.app"} <= set(graph.modules)
    assert "handover.store.workspace" in graph.imports_of("handover.services.context")
    hows = {edge.how for edges in graph.edges.values() for edge in edges.values()}
    assert {"import", "in a function", "for type checking"} <= hows


def make_package(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), "utf-8")
    return root / "pkg"


def cycle_names(package: Path) -> list[str]:
    return [format_cycle(cycle).splitlines()[0] for cycle in build_graph(package).cycles()]


def test_a_cycle_through_a_function_level_import_is_reported(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg import b\n",
            "b.py": "def late():\n    from pkg.a import thing\n    return thing\n",
        },
    )
    (cycle,) = build_graph(package).cycles()
    text = format_cycle(cycle)
    assert text.splitlines()[0] == "pkg.a -> pkg.b -> pkg.a"
    assert "pkg.b -> pkg.a (l.2, in a function)" in text
    assert "pkg.a -> pkg.b (l.1, import)" in text


@pytest.mark.parametrize(
    "loader",
    [
        'importlib.import_module("pkg.a")',
        "importlib.import_module(TARGET)",
        'importlib.import_module(PACKAGE + ".a")',
        'importlib.import_module(f"{PACKAGE}.a")',
        'importlib.import_module(".a", package=__package__)',
        "importlib.util.find_spec(TARGET)",
        "__import__(TARGET)",
    ],
)
def test_a_cycle_through_a_module_loaded_by_name_is_reported(tmp_path: Path, loader: str) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import run\n",
            "b.py": f"""\
                import importlib
                import importlib.util

                PACKAGE = "pkg"
                TARGET = PACKAGE + ".a"


                def run():
                    return {loader}
                """,
        },
    )
    (cycle,) = build_graph(package).cycles()
    assert format_cycle(cycle).splitlines()[0] == "pkg.a -> pkg.b -> pkg.a"
    assert "pkg.b -> pkg.a (l.9, by name)" in format_cycle(cycle)


def test_a_cycle_through_a_type_checking_import_is_reported(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import B\n",
            "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import A\nclass B: ...\n",
        },
    )
    (cycle,) = build_graph(package).cycles()
    assert "pkg.b -> pkg.a (l.3, for type checking)" in format_cycle(cycle)


def test_a_package_init_and_its_module_importing_each_other_is_a_cycle(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {"__init__.py": "from pkg.a import A\nHELPER = 1\n", "a.py": "from pkg import HELPER\nclass A: ...\n"},
    )
    assert cycle_names(package) == ["pkg -> pkg.a -> pkg"]


def test_relative_imports_and_longer_cycles_are_followed(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "from .sub.c import x\n",
            "sub/__init__.py": "",
            "sub/c.py": "from ..a import y\nx = 1\n",
        },
    )
    assert cycle_names(package) == ["pkg.a -> pkg.b -> pkg.sub.c -> pkg.a"]


def test_imports_in_one_direction_are_no_cycle(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "import pkg.b\nimport json\n",
            "b.py": "def f():\n    from pkg import c\n",
            "c.py": "import importlib\nimportlib.import_module('json')\n",
        },
    )
    graph = build_graph(package)
    assert graph.cycles() == []
    assert set(graph.imports_of("pkg.a")) == {"pkg.b"}  # json is another package's business
    assert set(graph.imports_of("pkg.b")) == {"pkg.c"}


def test_a_module_loaded_by_a_name_the_source_does_not_spell_out_is_listed(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {"__init__.py": "", "a.py": "import importlib\ndef load(name):\n    return importlib.import_module(name)\n"},
    )
    assert build_graph(package).unresolved == ["pkg.a l.3: importlib.import_module(name)"]
