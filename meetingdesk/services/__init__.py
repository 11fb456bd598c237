"""The application API used by the GUI, the CLI and the tests alike."""

from meetingdesk.meeting_list import Cancellation, MeetingRow

from .desk import Desk
from .errors import ServiceError
from .preparation import AgendaRow, DeferredItem
from .setup import MeetingTypeInfo, UnitInfo

__all__ = ["AgendaRow", "Cancellation", "DeferredItem", "Desk", "MeetingRow", "MeetingTypeInfo",
           "ServiceError", "UnitInfo"]
