"""The modules of the newsdoc package import each other in layers, without a cycle.

The import graph is read from the source with ``ast``: every ``import`` and
``from ... import`` of a newsdoc module, at module level or inside a
function, counts. Imports under ``if TYPE_CHECKING:`` are left out: they
never run and name types for annotations only. docs/architecture.md ("The
Python package") draws the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "newsdoc"

#: The layers, lowest first: a module imports only from its own layer or the ones below.
LAYERS: List[Set[str]] = [
    {"_core", "_errors"},  # the binding and the exceptions
    {"_display", "_pandas", "_train"},  # renderers and tables: they import no model class
    {"_views"},  # paragraphs, quotes, attributions, entities, mentions
    {"_transform", "_annotate"},  # operations on an Article or a Corpus (Transformable)
    {"_model"},  # Article
    {"_query"},  # query results, over views of articles
    {"_corpus"},  # Corpus, concat
    {"_io"},  # load, loads, parse_text, read_text
    {"__init__", "__main__", "cli", "dask"},  # the package, the command line, Dask
]


def _module_name(path: Path) -> str:
    return path.stem


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.Module, modules: Set[str]) -> Set[str]:
    """The newsdoc modules ``tree`` imports, anywhere but under ``if TYPE_CHECKING:``."""
    found: Set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module is None:  # from . import _core, _query
                found.update(alias.name for alias in node.names if alias.name in modules)
            elif node.level == 1:  # from ._model import Article
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.split(".")[0] == "newsdoc":
                parts = node.module.split(".")
                if len(parts) == 1:  # from newsdoc import X: X a module, else the package
                    names = [alias.name for alias in node.names if alias.name in modules]
                    found.update(names or ["__init__"])
                else:
                    found.add(parts[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "newsdoc":
                    found.add(parts[1] if len(parts) > 1 else "__init__")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _graph() -> Dict[str, Set[str]]:
    paths = sorted(PACKAGE.glob("*.py"))
    modules = {_module_name(p) for p in paths} | {"_core"}
    graph = {}
    for path in paths:
        name = _module_name(path)
        graph[name] = _imports(ast.parse(path.read_text(encoding="utf-8"), str(path)), modules) - {name}
    graph["_core"] = set()
    return graph


def _cycle(graph: Dict[str, Set[str]]) -> List[str]:
    """One cycle of ``graph`` as a list of modules (first repeated at the end), or []."""
    state: Dict[str, int] = {}  # 1 on the stack, 2 done
    stack: List[str] = []

    def visit(module: str) -> List[str]:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state:
            found = visit(module)
            if found:
                return found
    return []


def test_the_reader_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from . import _query\n    import newsdoc.dask\n"
                     "if TYPE_CHECKING:\n    from ._corpus import Corpus\n")
    assert _imports(tree, {"_query", "dask", "_corpus"}) == {"_query", "dask"}


def test_no_import_cycle():
    cycle = _cycle(_graph())
    assert not cycle, "newsdoc modules import each other in a circle: " + " -> ".join(cycle)


def test_every_module_has_a_layer():
    layered = set().union(*LAYERS)
    assert set(_graph()) == layered, "add the module to LAYERS (and to docs/architecture.md)"


def test_imports_go_down_the_layers():
    layer_of = {module: i for i, layer in enumerate(LAYERS) for module in layer}
    upward = sorted(f"{module} imports {target}" for module, targets in _graph().items() for target in targets
                    if layer_of[target] > layer_of[module])
    assert not upward, "imports up the layers: " + "; ".join(upward)
