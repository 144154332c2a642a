"""The import graph of a package, read from its source with ``ast`` (nothing is imported or run).

Every import counts: module-level ones, those inside functions and under ``if TYPE_CHECKING:``, and
modules loaded by name (``importlib.import_module``, ``importlib.util.find_spec``, ``__import__``)
when the name is a string the source spells out: a literal, a module-level constant, or a ``+`` or
f-string of those (``EDITOR_MODULE + ".page"``). A load whose name the source does not spell out is
listed in ``ImportGraph.unresolved``, so a test can refuse it instead of missing an edge.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOADERS = {"import_module", "find_spec", "__import__"}


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    line: int
    how: str  # "import", "in a function", "for type checking" or "by name"

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (l.{self.line}, {self.how})"


@dataclass
class ImportGraph:
    modules: dict[str, Path]
    edges: dict[str, dict[str, Edge]] = field(default_factory=dict)  # importer -> imported -> edge
    unresolved: list[str] = field(default_factory=list)  # "module l.N: call" for loads by an unknown name

    def imports_of(self, module: str) -> dict[str, Edge]:
        return self.edges.get(module, {})

    def cycles(self) -> list[list[Edge]]:
        """One shortest cycle for every group of modules that import each other (and every self-import)."""
        found = []
        for component in _strongly_connected(self):
            if len(component) == 1:
                (only,) = component
                if only in self.imports_of(only):
                    found.append([self.edges[only][only]])
                continue
            shortest = min(
                (path for start in sorted(component) if (path := self._shortest_cycle(start, component))),
                key=len,
            )
            found.append(shortest)
        return sorted(found, key=lambda cycle: cycle[0].importer)

    def _shortest_cycle(self, start: str, within: set[str]) -> list[Edge] | None:
        came_by: dict[str, Edge] = {}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            for there, edge in sorted(self.imports_of(here).items()):
                if there not in within or there in came_by:
                    continue
                came_by[there] = edge
                if there == start:
                    path = [edge]
                    while path[0].importer != start:
                        path.insert(0, came_by[path[0].importer])
                    return path
                queue.append(there)
        return None


def format_cycle(cycle: list[Edge]) -> str:
    names = " -> ".join([cycle[0].importer, *(edge.imported for edge in cycle)])
    return names + "\n" + "\n".join(f"    {edge}" for edge in cycle)


def build_graph(package_dir: Path, package_name: str | None = None) -> ImportGraph:
    """The graph between the modules of the package in ``package_dir`` (imports of other packages are left out)."""
    package_name = package_name or package_dir.name
    modules = dict(_modules(package_dir, package_name))
    graph = ImportGraph(modules)
    for module, path in sorted(modules.items()):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        is_package = path.name == "__init__.py"
        constants = _string_constants(tree)
        for node, how in _walk(tree):
            for name, line, by_name in _imported_names(node, module, is_package, constants, graph):
                target = _known_module(name, modules)
                if target is None or target == module:
                    continue
                edge = Edge(module, target, line, "by name" if by_name else how)
                known = graph.edges.setdefault(module, {})
                if target not in known or line < known[target].line:  # report the first line
                    known[target] = edge
    return graph


def _modules(package_dir: Path, package_name: str) -> Iterator[tuple[str, Path]]:
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join([package_name, *parts]), path


def _walk(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """Every node, and where it sits: "import" (runs on import), "in a function" (runs when called) or
    "for type checking" (under ``if TYPE_CHECKING:``, which still makes a dependency)."""
    stack: list[tuple[ast.AST, str]] = [(tree, "import")]
    while stack:
        node, how = stack.pop()
        yield node, how
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            how = "in a function"
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend((child, "for type checking") for child in node.body)
            stack.extend((child, how) for child in [node.test, *node.orelse])
        else:
            stack.extend((child, how) for child in ast.iter_child_nodes(node))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "..."`` (also built from earlier constants), as a by-name load may use them."""
    constants: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        text = _string_value(value, constants)
        if isinstance(target, ast.Name) and text is not None:
            constants[target.id] = text
    return constants


def _string_value(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_value(node.left, constants), _string_value(node.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            inner = value.value if isinstance(value, ast.FormattedValue) else value
            text = _string_value(inner, constants)
            if text is None:
                return None
            parts.append(text)
        return "".join(parts)
    return None


def _imported_names(
    node: ast.AST, module: str, is_package: bool, constants: dict[str, str], graph: ImportGraph
) -> Iterator[tuple[str, int, bool]]:
    """(dotted name, line, loaded by name) for each module this node imports."""
    here = module if is_package else module.rpartition(".")[0]
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, node.lineno, False
    elif isinstance(node, ast.ImportFrom):
        base = _absolute(node.module or "", node.level, here)
        for alias in node.names:
            # `from pkg import sub` imports the submodule pkg.sub when there is one, else a name from pkg.
            submodule = f"{base}.{alias.name}"
            yield (submodule if submodule in graph.modules else base), node.lineno, False
    elif isinstance(node, ast.Call) and _loader_name(node.func) in LOADERS and node.args:
        name = _string_value(node.args[0], constants)
        if name is None:
            graph.unresolved.append(f"{module} l.{node.lineno}: {ast.unparse(node)}")
            return
        if name.startswith("."):
            package = next((k.value for k in node.keywords if k.arg == "package"), None)
            if isinstance(package, ast.Name) and package.id in ("__package__", "__name__"):
                name = _absolute(name.lstrip("."), len(name) - len(name.lstrip(".")), here)
            else:
                graph.unresolved.append(f"{module} l.{node.lineno}: {ast.unparse(node)}")
                return
        yield name, node.lineno, True


def _loader_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _absolute(name: str, level: int, here: str) -> str:
    if level == 0:
        return name
    base = here.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _known_module(name: str, modules: dict[str, Path]) -> str | None:
    """The module a dotted name loads, or None for another package. ``a.b.c`` with no module c is a.b."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _strongly_connected(graph: ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm, iterative (a deep package must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.imports_of(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.imports_of(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components
