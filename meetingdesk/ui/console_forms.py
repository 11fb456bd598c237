"""Finding the named widgets of the console's Qt Designer forms (forms/console*.ui, built by
meetingdesk.ui.loader), and clearing their choices."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QButtonGroup

T = TypeVar("T", bound=QObject)


def child(root: QObject, kind: type[T], name: str) -> T:
    """The named widget of a loaded form; a missing one is a broken form, not a user error."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"the form has no {kind.__name__} named {name!r}")
    return found


def uncheck(group: QButtonGroup) -> None:
    """No choice made (yet): no stance or decision is ever assumed."""
    group.setExclusive(False)  # an exclusive group will not let its last button go
    for button in group.buttons():
        button.setChecked(False)
    group.setExclusive(True)
