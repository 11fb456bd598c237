"""The application API used by the GUI, the CLI and the tests alike."""

from .desk import Desk
from .preparation import AgendaRow, DeferredItem, MeetingRow
from .setup import MeetingTypeInfo, UnitInfo

__all__ = ["AgendaRow", "DeferredItem", "Desk", "MeetingRow", "MeetingTypeInfo", "UnitInfo"]
