"""Finding the named widgets of the console's Qt Designer forms (forms/console*.ui, built by
meetingdesk.ui.loader)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

T = TypeVar("T", bound=QObject)


def child(root: QObject, kind: type[T], name: str) -> T:
    """The named widget of a loaded form; a missing one is a broken form, not a user error."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form has no {kind.__name__} named {name!r}")
    return found
