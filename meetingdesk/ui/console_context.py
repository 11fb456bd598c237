"""What the console's pages, ballot pages and revision dialogs may use of the console window.

The pages are built by the window (console.py) and act through it; they see it only through
this protocol, so that the imports run one way: console.py imports the pages, never the
reverse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol, TypeVar

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget

    from meetingdesk.domain import Meeting, Step
    from meetingdesk.services import Desk

    from .console_dialogs import EntryDialog, OrderDialog
    from .console_drafts import Draft, Drafts
    from .console_models import PresenceModel
    from .console_words import Words

T = TypeVar("T", bound=QObject)


class ConsoleContext(Protocol):
    """The run console as its pages see it."""

    desk: "Desk"
    meeting_id: int
    words: "Words"
    drafts: "Drafts"
    state: "Meeting"
    step: "Step"
    presence_model: "PresenceModel"
    amend_action: "QAction"
    stack: "QStackedWidget"

    def window(self) -> "QWidget":
        """The console's window, the parent of what a page opens."""

    def find(self, kind: type[T], name: str) -> T:
        """A named widget of the console's form."""

    def act(self, action: Callable[[], Any], *confirmed: "Draft",
            about: "dict[str, QWidget] | None" = None) -> bool:
        """Record an entry; on a refusal show why, next to the field it is about."""

    def refuse_at(self, field: "QWidget", text: str) -> None:
        """A refusal said next to the field it is about, the cursor put into it."""

    def show_message(self, text: str, note: bool = False) -> None:
        """A refusal, or with `note` a confirmation."""

    def people(self, members: list[int]) -> list[tuple[str, Any]]:
        """Members as the dialogs offer them: name (post), id."""

    def entry_dialog(self, title: str, intro: str, rows: dict[str, str],
                     submit: Callable[["EntryDialog"], Any],
                     draft_keys: dict[str, str] | None = None) -> "EntryDialog":
        """One of the console's small entry dialogs."""

    def arrival_dialog(self) -> "EntryDialog":
        """A late arrival."""

    def written_dialog(self, member: int | None) -> "EntryDialog":
        """An absent member's written opinion."""

    def remark_dialog(self, speaker: int | None) -> "EntryDialog":
        """A procedural remark."""

    def recusal_dialog(self, item_no: int | None,
                       member: int | None = None) -> "EntryDialog | None":
        """A recusal from the item."""

    def defer_dialog(self, item_no: int | None) -> "EntryDialog | None":
        """Deferring the item."""

    def order_dialog(self, item_no: int) -> "OrderDialog":
        """The chair's speaking order."""

    def confirm_close(self) -> "QMessageBox":
        """Closing the meeting, after a second look."""

    def confirm_start(self) -> "QMessageBox":
        """Starting the meeting (the agenda is then fixed), after a second look."""

    def cancel_meeting(self) -> None:
        """Cancelling the prepared meeting (R11)."""

    def open_record(self) -> None:
        """The closed meeting's record, for signature."""

    def tell_reconsideration(self, item_no: int) -> None:
        """Say how the vote on reconsidering the item came out."""
