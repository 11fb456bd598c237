"""Loading the console's Qt Designer forms (forms/console*.ui) at run time."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from meetingdesk import paths

T = TypeVar("T", bound=QObject)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget described by forms/<name>.ui."""
    path = paths.forms_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot read the form {path}: {file.errorString()}")
    loader = QUiLoader()
    try:
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot build the form {path}: {loader.errorString()}")
    return widget


def child(root: QObject, kind: type[T], name: str) -> T:
    """The named widget of a loaded form; a missing one is a broken form, not a user error."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form has no {kind.__name__} named {name!r}")
    return found
