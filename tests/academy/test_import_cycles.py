"""No two modules of an app import each other, directly or round a loop.

An import inside a function counts: it only hides the loop from Python's import machinery.
Services import the models they use from the module that defines them, so a page model
may ask a service (the page's context) without the service importing the page.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["academy", "accounts", "certificates", "courses", "learners", "quizzes", "reports"]
KNOWN_LOOPS = []  # none left: a new loop is a failure


def app_modules(app):
    """{dotted module name: path} of the app's source, without its migrations."""
    modules = {}
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imported_modules(path, module, modules):
    """The modules of `modules` that the file at `path` imports, at any depth of its code.

    `from a.b import c` reaches the module a.b.c if there is one, else a.b.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in modules and name != module)
    return found


def import_graph(app):
    modules = app_modules(app)
    return {module: imported_modules(path, module, modules) for module, path in modules.items()}


def loops(graph):
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_import_loop_among_the_modules_of(app):
    assert [sorted(loop) for loop in loops(import_graph(app)) if loop not in KNOWN_LOOPS] == []


def test_the_check_sees_a_loop_made_by_an_import_inside_a_function(tmp_path):
    models = tmp_path / "models.py"
    models.write_text("def page_context():\n    from app.services import overview\n")
    services = tmp_path / "services.py"
    services.write_text("from app.models import Page\n")
    modules = {"app.models": models, "app.services": services}
    graph = {name: imported_modules(path, name, modules) for name, path in modules.items()}
    assert loops(graph) == [{"app.models", "app.services"}]
