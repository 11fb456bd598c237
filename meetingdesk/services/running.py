"""Running a meeting: one method per action of the recorder, each one entry in the log.

The rules are all in meetingdesk.domain (Meeting.propose); these methods only name the action
and its words, so the GUI, the CLI and the tests cannot record anything the rules refuse.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import delete, select

from meetingdesk.domain import Event, ItemSpec, RuleSet
from meetingdesk.store import models as m

from .preparation import check_report_link
from .setup import to_member

if TYPE_CHECKING:
    from meetingdesk.store import Database


class RunningActions:
    db: "Database"
    _record: Callable[..., Event]  # Desk's one write path
    _rules: Callable[[Any, int], RuleSet]
    _startable: Callable[[Any, int], m.Meeting]  # from PreparationActions
    _ledger: Callable[..., Any]  # a unit log folded (UnitLogs)

    # ---- start and roll call ---------------------------------------------------------------

    def start_meeting(self, meeting_id: int, time: datetime | None = None,
                      reason: str = "") -> Event:
        """Freeze the prepared meeting into the first entry of its log and begin the roll call.
        With `time`, the recorder has corrected a doubtful clock: the start is dated at it and
        carries the correction (with its reason)."""
        with self.db.session() as session:
            row = self._startable(session, meeting_id)
            rules = self._rules(session, row.unit_id)
            members = session.scalars(select(m.Member).where(
                m.Member.unit_id == row.unit_id, m.Member.active.is_(True))
                .order_by(m.Member.rank, m.Member.id))
            agenda = []
            for item in sorted(row.agenda_items, key=lambda x: x.position):
                carried = None
                if item.carried_from_item_id is not None:
                    source = session.get(m.AgendaItem, item.carried_from_item_id)
                    src_meeting = session.get(m.Meeting, source.meeting_id)
                    carried = {"meeting_uid": src_meeting.uid, "meeting_title": src_meeting.title,
                               "item_no": source.position}
                agenda.append({
                    "no": item.position, "title": item.title, "kind": item.kind,
                    "category": item.category or "general", "amount": item.amount,
                    "fund_type": item.fund_type, "area": item.area or "",
                    "presenter_id": item.presenter_member_id,
                    "vote_mode": item.vote_mode or "hands",
                    "candidates": json.loads(item.candidates or "[]"),
                    "materials": json.loads(item.materials or "[]"), "carried_from": carried,
                    "posts": item.posts,
                    **({"materials_given": item.materials_given} if item.materials_given
                       else {}),
                    **({"reports_on": json.loads(item.reports_on)} if item.reports_on else {})})
            followup = self._ledger(session, row.unit_id, "followup")
            for spec in agenda:  # R14: a task reported on may since have been cancelled
                check_report_link(followup, ItemSpec.from_dict(spec))
            payload = {
                "uid": row.uid,
                "unit": {"id": row.unit_id, "name": row.unit.name},
                "meeting_type": {"code": row.meeting_type.code, "name": row.meeting_type.name,
                                 "decision_mode": row.meeting_type.decision_mode},
                "year": row.year, "number": row.number, "title": row.title,
                "scheduled_at": row.scheduled_at, "place": row.place,
                "chair_id": row.chair_member_id, "deputy_chair_id": row.deputy_chair_member_id,
                "recorder": row.recorder_name,
                "members": [to_member(x).to_dict() for x in members],
                "expected": [x.id for x in sorted(row.expected, key=lambda x: (x.rank, x.id))],
                "observers": [{"name": o.name, "position": o.position} for o in row.observers],
                "rule_set": rules.to_dict(),
                "agenda": agenda,
            }
        if time is not None:
            payload["time"] = _iso(time)
            payload["clock"] = {"system": self.clock().isoformat(), "doubt": "before_build",
                                "reason": reason}
        return self._record(meeting_id, "meeting_started", None, **payload)

    def mark_present(self, meeting_id: int, member_id: int) -> Event:
        return self._record(meeting_id, "attendance", member_id, status="present")

    def mark_absent(self, meeting_id: int, member_id: int, reason: str) -> Event:
        return self._record(meeting_id, "attendance", member_id, status="absent", reason=reason)

    def record_written_opinion(self, meeting_id: int, item_no: int, member_id: int,
                               stance: str | None, words: str, reason: str = "",
                               per_candidate: list[dict[str, Any]] | None = None) -> Event:
        return self._record(meeting_id, "written_opinion", member_id, item_no=item_no,
                            **_stance(stance, reason, per_candidate), words=words)

    def record_arrival(self, meeting_id: int, member_id: int,
                       time: datetime | str | None = None) -> Event:
        return self._record(meeting_id, "arrived", member_id, time=_iso(time))

    def record_leave(self, meeting_id: int, member_id: int, reason: str = "",
                     time: datetime | str | None = None) -> Event:
        return self._record(meeting_id, "left", member_id, time=_iso(time), reason=reason)

    def open_session(self, meeting_id: int) -> Event:
        return self._record(meeting_id, "session_opened")

    # ---- items --------------------------------------------------------------------------------

    def open_item(self, meeting_id: int, item_no: int) -> Event:
        return self._record(meeting_id, "item_opened", item_no=item_no)

    def recuse(self, meeting_id: int, item_no: int, member_id: int, reason: str) -> Event:
        return self._record(meeting_id, "recusal", member_id, item_no=item_no, reason=reason)

    def report(self, meeting_id: int, item_no: int, member_id: int, words: str) -> Event:
        return self._record(meeting_id, "report", member_id, item_no=item_no, words=words)

    def set_speaking_order(self, meeting_id: int, item_no: int, order: list[int]) -> Event:
        return self._record(meeting_id, "speaking_order", item_no=item_no, order=order)

    def record_opinion(self, meeting_id: int, item_no: int, member_id: int, stance: str | None,
                       words: str, reason: str = "",
                       per_candidate: list[dict[str, Any]] | None = None) -> Event:
        """An opinion with its stance, or on an appointment item one stance per candidate
        (per_candidate: [{"candidate": 1, "stance": "agree", "reason": ""}, ...])."""
        return self._record(meeting_id, "opinion", member_id, item_no=item_no,
                            **_stance(stance, reason, per_candidate), words=words)

    def amend_entry(self, meeting_id: int, item_no: int, refers_to_seq: int, words: str,
                    stance: str | None = None, reason: str = "",
                    per_candidate: list[dict[str, Any]] | None = None,
                    member_id: int | None = None) -> Event:
        """R6a: amend a mistaken entry before the item's vote (member, stance or words)."""
        return self._record(meeting_id, "amendment", member_id, item_no=item_no,
                            refers_to_seq=refers_to_seq, words=words,
                            **_stance(stance, reason, per_candidate))

    def record_remark(self, meeting_id: int, words: str, member_id: int | None = None,
                      item_no: int | None = None, observer: str | None = None) -> Event:
        """A procedural remark (the chair's, or anyone's) or an observer's remark: no stance."""
        return self._record(meeting_id, "remark", member_id, item_no=item_no, words=words,
                            observer=observer)

    def override_division(self, meeting_id: int, item_no: int, reason: str) -> Event:
        return self._record(meeting_id, "division_override", item_no=item_no, reason=reason)

    def cast_vote(self, meeting_id: int, item_no: int, member_id: int, choice: str,
                  candidate: int | None = None) -> Event:
        return self._record(meeting_id, "vote", member_id, item_no=item_no, candidate=candidate,
                            choice=choice)

    def enter_tally(self, meeting_id: int, item_no: int, agree: int, disagree: int,
                    abstain: int, scrutineers: list[str], counters: list[str],
                    candidate: int | None = None, *, issued: int, returned: int,
                    void: int = 0) -> Event:
        """A secret ballot's tally typed in directly, where the unit's rules allow it."""
        return self._record(meeting_id, "tally", item_no=item_no, candidate=candidate,
                            agree=agree, disagree=disagree, abstain=abstain, issued=issued,
                            returned=returned, void=void, scrutineers=scrutineers,
                            counters=counters)

    def issue_ballots(self, meeting_id: int, item_no: int, issued: int, scrutineers: list[int],
                      counters: list[int], first_serial: int = 1) -> Event:
        """R7: paper ballots handed out, with the scrutineers and counters (members)."""
        return self._record(meeting_id, "ballots_issued", item_no=item_no, issued=issued,
                            first_serial=first_serial, scrutineers=scrutineers,
                            counters=counters)

    def count_ballots(self, meeting_id: int, item_no: int, returned: int,
                      ballots: list[dict[str, Any]]) -> Event:
        """R7: every returned ballot, {"void": True} or {"marks": {"1": "agree", ...}}."""
        return self._record(meeting_id, "ballots_counted", item_no=item_no, returned=returned,
                            ballots=ballots)

    def reconsider(self, meeting_id: int, item_no: int, reason: str, agree: int, disagree: int,
                   abstain: int) -> Event:
        """R7a: the request to vote again on a decided appointment, and the vote on it."""
        return self._record(meeting_id, "reconsideration", item_no=item_no, reason=reason,
                            agree=agree, disagree=disagree, abstain=abstain)

    def decide(self, meeting_id: int, item_no: int, text: str) -> Event:
        return self._record(meeting_id, "decision", item_no=item_no, text=text)

    def head_decide(self, meeting_id: int, item_no: int, member_id: int, decision: str,
                    text: str, reason: str = "") -> Event:
        return self._record(meeting_id, "head_decision", member_id, item_no=item_no,
                            decision=decision, text=text, reason=reason)

    def defer(self, meeting_id: int, item_no: int, reason: str) -> Event:
        return self._record(meeting_id, "deferral", item_no=item_no, reason=reason)

    def conclude_item(self, meeting_id: int, item_no: int, text: str = "") -> Event:
        return self._record(meeting_id, "item_concluded", item_no=item_no, text=text)

    def set_clock(self, meeting_id: int, time: datetime, reason: str = "",
                  doubt: str = "recorder") -> Event:
        """The recorder confirms or corrects the time; later entries follow it (a correction
        needs its reason, and the record prints both)."""
        return self._record(meeting_id, "clock_set", time=_iso(time),
                            system=self.clock().isoformat(), doubt=doubt, reason=reason)

    def close_meeting(self, meeting_id: int) -> Event:
        """Close the record (R12) and back the database up."""
        return self._record(meeting_id, "meeting_closed")

    # ---- after the meeting -------------------------------------------------------------

    def add_signature(self, meeting_id: int, role: str, name: str,
                      strokes: list[list[list[float]]] | None = None,
                      member_id: int | None = None) -> Event:
        return self._record(meeting_id, "signature", member_id, role=role, name=name,
                            strokes=strokes or [])

    def add_correction(self, meeting_id: int, author: str, reason: str, text: str,
                       refers_to_seq: int | None = None) -> Event:
        return self._record(meeting_id, "correction", author=author, reason=reason, text=text,
                            refers_to_seq=refers_to_seq)

    def mark_filed(self, meeting_id: int, note: str = "") -> Event:
        return self._record(meeting_id, "filed", note=note)

    # ---- drafts: what the recorder is typing, kept until it is confirmed ------------------------

    def save_draft(self, meeting_id: int, key: str, text: str) -> None:
        with self.db.session(write=True) as session:
            draft = session.get(m.Draft, (meeting_id, key))
            if not text:
                if draft is not None:
                    session.delete(draft)
            elif draft is None:
                session.add(m.Draft(meeting_id=meeting_id, key=key, text=text))
            else:
                draft.text = text

    def drafts(self, meeting_id: int) -> dict[str, str]:
        with self.db.session() as session:
            rows = session.scalars(select(m.Draft).where(m.Draft.meeting_id == meeting_id))
            return {d.key: d.text for d in rows}

    def clear_drafts(self, meeting_id: int) -> None:
        with self.db.session(write=True) as session:
            session.execute(delete(m.Draft).where(m.Draft.meeting_id == meeting_id))


def _stance(stance: str | None, reason: str,
            per_candidate: list[dict[str, Any]] | None) -> dict[str, Any]:
    if per_candidate is not None:
        return {"stances": per_candidate}
    return {"stance": stance, "reason": reason}


def _iso(time: datetime | str | None) -> str | None:
    if isinstance(time, datetime):
        return time.isoformat()
    return time

