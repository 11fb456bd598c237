"""The paper of a secret ballot (R7) as PDF: the ballots to hand out, once the item's round of
opinions is over and before counting, and the count sheet with the result report, once every
ballot is counted. Nothing here is recorded in the log.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from meetingdesk.domain import Command, DomainError, ItemState, Meeting

if TYPE_CHECKING:
    from meetingdesk.store import Database

MESSAGES: dict[str, tuple[str, str]] = {
    "NOT_SECRET_BALLOT": ("第 {item_no} 项不是无记名投票，没有选票和计票单。",
                          "Item {item_no} is not a secret ballot: it has no ballots to print."),
    "NOT_COUNTED": ("第 {item_no} 项尚未计票完毕，还不能打印计票单和表决结果报告单。",
                    "Item {item_no} is not fully counted yet: no count forms to print."),
}


class BallotPaperError(DomainError):
    """The ballots or the count forms cannot be printed now. Nothing was written."""

    MESSAGES = MESSAGES


class BallotPapers:
    """Desk's printing of a secret ballot's paper."""

    db: "Database"
    meeting: Callable[[int], Meeting]
    _propose: Callable[[int, Meeting, str, int | None, dict[str, Any]],
                       tuple[datetime, Command]]  # Desk's: the rules on an action, unrecorded

    def ballots_pdf(self, meeting_id: int, item_no: int, issued: int | None = None,
                    first_serial: int = 1, scrutineers: list[int] | None = None,
                    counters: list[int] | None = None) -> bytes:
        """The ballots of an item as a PDF: for ballots already issued, as recorded (a
        reprint); else for the issue about to be recorded, which the rules check first as if
        it were recorded now (the same refusals as Desk.issue_ballots)."""
        from meetingdesk.record.ballots import ballots_of, render_ballots
        state = self.meeting(meeting_id)
        item = _secret_item(state, item_no)
        given = item.ballots_issued
        if given is None or item.ballot_count is not None:
            _, cmd = self._propose(meeting_id, state, "ballots_issued", None, {
                "item_no": item_no, "issued": issued, "first_serial": first_serial,
                "scrutineers": scrutineers, "counters": counters})
            given = cmd.payload
        return render_ballots(ballots_of(state, item_no, given["issued"], given["first_serial"]))

    def count_forms_pdf(self, meeting_id: int, item_no: int) -> bytes:
        """The count sheet (计票单) and the result report (表决结果报告单) of an item whose every
        ballot is counted, for the scrutineers and counters to sign, as a PDF."""
        from meetingdesk.record.ballots import count_forms_of, render_count_forms
        state = self.meeting(meeting_id)
        item = _secret_item(state, item_no)
        if state.pending_votes(item_no) or item.ballot_count is None:
            raise BallotPaperError("NOT_COUNTED", item_no=item_no)
        return render_count_forms(count_forms_of(state, item_no))


def _secret_item(state: Meeting, item_no: int) -> ItemState:
    item = state.item(item_no)
    if item.spec.vote_mode != "secret":
        raise BallotPaperError("NOT_SECRET_BALLOT", item_no=item_no)
    return item

