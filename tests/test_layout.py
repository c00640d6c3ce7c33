"""The engine's folders follow its pipeline, and every import points down it.

A module may import from its own layer or a lower one, never a higher one: reading
knows nothing of rules, rules nothing of the site, the site nothing of the command
line. An import against the order is how a design starts to fold back on itself,
so it fails here with the two modules named.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "hooks" / "curriculum"

# Lowest first. A name is a package (a folder) or a module at the top of the engine.
LAYERS = [
    ("problems", "repository"),  # ground floor: used by everything
    ("read",),  # files and front-matter into typed entities
    ("plan",),  # where each page lives and what it is called
    ("rules",),  # the checks and the content policy
    ("loader",),  # reading and rules together
    ("exports",),  # data made from the model: JSON, BibTeX, the feed, the fields reference
    ("site",),  # pages rendered and finished for a builder
    ("cli",),  # the command line
    ("__init__", "__main__"),  # the package's face
]
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}

# Imports allowed against the order, each with its reason; none today. An entry that is
# no longer needed fails the test too, so an exception cannot outlive its reason.
FOLDS_BACK: set[tuple[str, str]] = set()


def unit_of(module: str) -> str:
    """'curriculum.rules.links' -> 'rules'; 'curriculum.loader' -> 'loader'."""
    return module.split(".")[1] if module.count(".") else "__init__"


def module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every engine module `path` imports, with the line, resolved to dotted names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "curriculum" or target.startswith("curriculum."):
                # `from . import x` names modules: each is its own target.
                targets = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
                found += [(node.lineno, t) for t in targets]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("curriculum.")]
    return found


def test_every_module_belongs_to_a_layer():
    strays = [str(p.relative_to(ENGINE)) for p in ENGINE.rglob("*.py") if unit_of(module_name(p)) not in LEVEL]
    assert not strays, f"modules outside the pipeline's folders (add them to a package, or a layer to LAYERS): {strays}"


def test_every_import_points_down_the_pipeline():
    against, seen = [], set()
    for path in sorted(ENGINE.rglob("*.py")):
        here = unit_of(module_name(path))
        if here in ("__init__", "__main__") and path.parent == ENGINE:
            continue
        for line, target in imports_of(path):
            there = unit_of(target)
            if LEVEL.get(there, -1) > LEVEL[here]:
                if (str(path.relative_to(ENGINE)), target) in FOLDS_BACK:
                    seen.add((str(path.relative_to(ENGINE)), target))
                    continue
                against.append(f"{path.relative_to(ENGINE)}:{line} imports {target} ({there} is above {here})")
    assert not against, "imports against the pipeline:\n" + "\n".join(against)
    assert seen == FOLDS_BACK, f"no longer folds back, remove from FOLDS_BACK: {FOLDS_BACK - seen}"
