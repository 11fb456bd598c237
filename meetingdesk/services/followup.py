"""Decisions followed to completion (督办, R14): tasks on the decided items of closed meetings,
their progress, completion or cancelling; overdue tasks.

Every action is one entry of the unit's follow-up log (UnitLogs._record_unit), never an entry
of the closed meeting's: its record stays as it was filed. The rules are the domain's
(domain/followup.py).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetingdesk.domain import DomainError, Event, Meeting
from meetingdesk.domain.followup import DecisionRef, FollowUp, Task, decision, decisions
from meetingdesk.domain.hearings import Hearing
from meetingdesk.domain.ledger import Ledger
from meetingdesk.store import models as m

if TYPE_CHECKING:
    from meetingdesk.record.followup_report import FollowUpReport
    from meetingdesk.store import Database

KIND = "followup"


class FollowUpActions:
    db: "Database"
    clock: Callable[[], datetime]
    meeting: Callable[[int], Meeting]
    _ledger: Callable[..., Ledger]
    _record_unit: Callable[..., Event]
    _preparing: Callable[[Any, int], m.Meeting]  # from PreparationActions
    _add_agenda_item: Callable[..., m.AgendaItem]
    _held: Callable[[Any, list[int]], dict[int, tuple[str | None, str | None]]]

    # ---- reading -----------------------------------------------------------------------------

    def decisions(self, unit_id: int) -> list[DecisionRef]:
        """The decided items of the unit's closed meetings, oldest meeting first: what tasks
        can be assigned to."""
        with self.db.session() as session:
            ids = list(session.scalars(select(m.Meeting.id).where(
                m.Meeting.unit_id == unit_id, m.Meeting.status.in_(("closed", "filed")))
                .order_by(m.Meeting.scheduled_at, m.Meeting.id)))
        return [d for meeting_id in ids for d in decisions(self.meeting(meeting_id))]

    def tasks(self, unit_id: int) -> list[Task]:
        """The unit's follow-up tasks in the order assigned, with their progress."""
        return list(self._follow_up(unit_id).tasks.values())

    def task(self, unit_id: int, no: int) -> Task:
        found = self._follow_up(unit_id).tasks.get(no)
        if found is None:
            raise DomainError("UNKNOWN_TASK", no=no)
        return found

    def followup_report(self, unit_id: int, start: date | str, end: date | str
                        ) -> FollowUpReport:
        """The 督办 report of a period: render it with record.followup_report's render_pdf
        and render_xlsx."""
        # imported here: ReportLab and the fonts are not needed to open the desk
        from meetingdesk.record.followup_report import followup_report
        start, end = _day(start), _day(end)
        with self.db.session() as session:
            unit = session.get(m.Unit, unit_id)
            if unit is None:
                raise DomainError("BAD_VALUE", field="单位", field_en="unit", value=unit_id)
            names = {r.id: r.name for r in session.scalars(
                select(m.Member).where(m.Member.unit_id == unit_id))}
            unit_name = unit.name
        return followup_report(unit_name, self.tasks(unit_id), names, start, end,
                               self.clock().date(), self.hearings(unit_id))

    def reportable(self, unit_id: int) -> dict[DecisionRef, list[Task]]:
        """The decisions a meeting of the unit can hear a progress report on, with the tasks
        it can report on (never a cancelled one), oldest decision first."""
        return self._follow_up(unit_id).reportable()

    def hearings(self, unit_id: int) -> dict[int, list[Hearing]]:
        """Per task, the meetings of the unit that heard a progress report on it: meetings
        held (started), not ones still in preparation or cancelled, in the order held."""
        with self.db.session() as session:
            rows = list(session.execute(
                select(m.AgendaItem.position, m.AgendaItem.reports_on, m.Meeting.id,
                       m.Meeting.title)
                .join(m.Meeting, m.Meeting.id == m.AgendaItem.meeting_id)
                .where(m.Meeting.unit_id == unit_id, m.AgendaItem.reports_on.is_not(None),
                       m.Meeting.status != "preparing", m.Meeting.cancelled_at.is_(None))))
            held = self._held(session, [r.id for r in rows])
        out: dict[int, list[Hearing]] = {}
        for position, link, meeting_id, title in rows:
            on = date.fromisoformat(held[meeting_id][0][:10])
            for task in json.loads(link)["tasks"]:
                out.setdefault(task["no"], []).append(Hearing(title, position, on))
        for heard in out.values():
            heard.sort(key=lambda h: (h.on, h.meeting_title, h.item_no))
        return out

    def overdue_tasks(self, unit_id: int, today: date | None = None) -> list[Task]:
        """Open tasks past their deadline (today: the desk's clock)."""
        return self._follow_up(unit_id).overdue(today or self.clock().date())

    # ---- entries -----------------------------------------------------------------------------

    def assign_task(self, meeting_id: int, item_no: int, what: str, deadline: date | str,
                    member_id: int | None = None, department: str = "",
                    by: int | None = None) -> int:
        """A task carrying out a decided item of a closed meeting: what, one responsible
        member or department, the deadline. Returns the task's number."""
        ref = decision(self.meeting(meeting_id), item_no)
        with self.db.session() as session:
            unit_id = session.get(m.Meeting, meeting_id).unit_id
        assigned: list[int] = []

        def number(_session: Session, _ev: Event, ledger: Ledger) -> None:
            assigned.append(len(ledger.tasks) + 1)  # type: ignore[attr-defined]

        self._record_unit(unit_id, KIND, "task_assigned", by, {
            "decision": ref.to_dict(), "what": what, "member_id": member_id,
            "department": department, "deadline": _iso(deadline)}, number)
        return assigned[0]

    def add_progress_report(self, meeting_id: int, meeting_uid: str, item_no: int,
                            tasks: list[int], title: str = "", kind: str = "briefing",
                            presenter_id: int | None = None) -> int:
        """Put on a meeting in preparation an item hearing how a decision of an earlier
        meeting is being carried out (督办情况汇报): the follow-up log links the decision
        and the tasks (domain FollowUp.report_link). A briefing unless the unit wants a
        decision (`kind`); the title defaults to the link's. Returns the agenda item's id."""
        with self.db.session(write=True) as session:
            row = self._preparing(session, meeting_id)
            followup: FollowUp = self._ledger(session, row.unit_id, KIND)  # type: ignore[assignment]
            link = followup.report_link(meeting_uid, item_no, tasks)
            fields = {"title": title.strip() or link.title, "kind": kind,
                      "presenter_id": presenter_id}
            return self._add_agenda_item(session, meeting_id, fields,
                                         reports_on=link.to_dict()).id

    def note_progress(self, unit_id: int, task_no: int, on: date | str, note: str,
                      by: int | None = None) -> Event:
        return self._record_unit(unit_id, KIND, "progress_noted", by,
                                 {"task": task_no, "on": _iso(on), "note": note})

    def complete_task(self, unit_id: int, task_no: int, summary: str,
                      by: int | None = None) -> Event:
        return self._record_unit(unit_id, KIND, "task_completed", by,
                                 {"task": task_no, "summary": summary})

    def cancel_task(self, unit_id: int, task_no: int, reason: str,
                    by: int | None = None) -> Event:
        return self._record_unit(unit_id, KIND, "task_cancelled", by,
                                 {"task": task_no, "reason": reason})

    def _follow_up(self, unit_id: int) -> FollowUp:
        with self.db.session() as session:
            return self._ledger(session, unit_id, KIND)  # type: ignore[return-value]


def _day(day: date | str) -> date:
    try:
        return date.fromisoformat(_iso(day))
    except (TypeError, ValueError):
        raise DomainError("BAD_VALUE", field="日期", field_en="date", value=str(day)[:20]) from None


def _iso(day: date | str | Any) -> Any:
    if isinstance(day, datetime):
        day = day.date()
    return day.isoformat() if isinstance(day, date) else day
