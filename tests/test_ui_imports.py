"""The console's modules import one way: console.py builds the pages, ballot pages and revision
dialogs, and they see the window only through ConsoleContext, never by importing console.py
(not even for type checking)."""

from __future__ import annotations

import ast
from pathlib import Path

import meetingdesk.ui

UI = Path(meetingdesk.ui.__file__).parent


def imports_of(path: Path) -> set[str]:
    """The meetingdesk.ui modules a module imports (relative imports, at any depth)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_nothing_the_console_builds_imports_the_console() -> None:
    importers = sorted(p.stem for p in UI.glob("*.py") if "console" in imports_of(p))
    assert importers == ["main_window"]  # which opens the console window


def test_the_ui_modules_import_without_a_cycle() -> None:
    graph = {p.stem: {m for m in imports_of(p) if (UI / f"{m}.py").exists()}
             for p in UI.glob("*.py")}

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        for imported in graph.get(module, ()):
            visit(imported, (*path, module))

    for module in graph:
        visit(module, ())
