"""The components of `src/rondom/` form layers: each imports only from itself and from the
layers below it, and the modules import one another without a circle. Imports inside
functions count too: a late import hides a dependency, it does not remove it."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# From the bottom up. Components in one layer do not import each other.
LAYERS = [
    {"core"},  # dates, limits, the text rule, versioning: nothing of the app
    {"accounts"},
    {"audit"},
    {"cases"},
    {"career", "networks"},
    {"timeline"},
    {"help"},  # questions for help and satisfaction: beside the timeline's help cards
    {"meetings"},
    {"caseload", "privacy", "documents", "exchange", "live", "api"},
    {"insights", "scan"},  # figures across cases, and the samenwerkingsscan
    {"monitor"},  # joint agreements and signals: on the figures and the scan
    {"demo"},
    {"project"},  # settings, urls, asgi, wsgi, manage
]
LAYER_OF = {component: n for n, layer in enumerate(LAYERS) for component in layer}


def module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def component(module: str, src: Path = SRC) -> str:
    parts = module.split(".")
    is_package = len(parts) > 2 or (src / "rondom" / parts[-1]).is_dir()
    return parts[1] if len(parts) > 1 and is_package else "project"


def imports_of(path: Path, src: Path = SRC) -> set[str]:
    """The rondom modules (or packages) this file imports, relative imports resolved."""
    module = module_name(path, src)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from rondom.x import y` may name a module y as well as a name in x.
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "rondom" or name.startswith("rondom.")}


def source_files(src: Path = SRC) -> list[Path]:
    return sorted((src / "rondom").rglob("*.py"))


def graph(src: Path = SRC) -> dict[str, set[str]]:
    modules = {module_name(path, src): path for path in source_files(src)}
    return {
        module: {name for name in imports_of(path, src) if name in modules and name != module}
        for module, path in modules.items()
    }


def test_every_component_has_a_place_in_the_layers():
    components = {component(module_name(path)) for path in source_files()}
    assert components - set(LAYER_OF) == set(), "add the new component to LAYERS"
    assert set(LAYER_OF) - components == set(), "a component in LAYERS no longer exists"


def test_no_module_imports_from_its_own_layer_or_above_but_within_its_component():
    wrong = []
    for module, imported in graph().items():
        mine = component(module)
        for name in imported:
            theirs = component(name)
            if theirs != mine and LAYER_OF[theirs] >= LAYER_OF[mine]:
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_modules_import_each_other_without_a_circle():
    edges = graph()
    state: dict[str, str] = {}
    circles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for name in sorted(edges[module]):
            if state.get(name) == "open":
                circles.append(" → ".join(path[path.index(name) :] + [name]))
            elif name not in state:
                visit(name, [*path, name])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from rondom.timeline.models import Card", {"rondom.timeline.models"}),
        ("from ..timeline import access", {"rondom.timeline", "rondom.timeline.access"}),
        ("def f():\n    import rondom.meetings.models", {"rondom.meetings.models"}),
    ],
)
def test_the_walk_sees_absolute_relative_and_late_imports(source, expected, tmp_path):
    """The checks above are only as good as this reading of the imports."""
    package = tmp_path / "rondom" / "cases"
    package.mkdir(parents=True)
    path = package / "example.py"
    path.write_text(source)
    assert expected <= imports_of(path, tmp_path)
