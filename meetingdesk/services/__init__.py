"""The application API used by the GUI, the CLI and the tests alike."""

from .desk import Desk
from .errors import ServiceError
from .preparation import AgendaRow, Cancellation, DeferredItem, MeetingRow
from .setup import MeetingTypeInfo, UnitInfo

__all__ = ["AgendaRow", "Cancellation", "DeferredItem", "Desk", "MeetingRow", "MeetingTypeInfo",
           "ServiceError", "UnitInfo"]
