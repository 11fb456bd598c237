"""Items submitted for the agenda (议题申报, R13): submitted by the portfolio holder, checked,
approved or returned by the chief, materials given to members, taken onto a meeting's agenda.

Every action is one entry of the unit's submissions log (UnitLogs._record_unit); the rules are
the domain's (domain/submissions.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetingdesk.domain import DomainError, Event, parse_time
from meetingdesk.domain.ledger import Ledger
from meetingdesk.domain.submissions import Submission, Submissions, check_withdrawal
from meetingdesk.store import models as m

from .preparation import ITEM_FIELDS, remove_agenda_item, store_file

if TYPE_CHECKING:
    from meetingdesk.store import Database

KIND = "submissions"


class SubmissionActions:
    db: "Database"
    _ledger: Callable[..., Ledger]
    _record_unit: Callable[..., Event]
    _preparing: Callable[[Any, int], m.Meeting]
    _add_agenda_item: Callable[..., m.AgendaItem]

    # ---- reading -----------------------------------------------------------------------------

    def submissions(self, unit_id: int) -> list[Submission]:
        """The unit's submissions in the order filed, with their status (domain STATUSES)."""
        return list(self._submissions(unit_id).submissions.values())

    def submission(self, unit_id: int, no: int) -> Submission:
        found = self._submissions(unit_id).submissions.get(no)
        if found is None:
            raise DomainError("UNKNOWN_SUBMISSION", no=no)
        return found

    def approved_submissions(self, unit_id: int) -> list[Submission]:
        """What preparing a meeting of the unit may take onto its agenda."""
        return self._submissions(unit_id).approved()

    def submission_files(self, unit_id: int) -> list[m.UnitLogFile]:
        """The files handed in with the unit's checks, by the entry (seq) that names them."""
        with self.db.session() as session:
            return list(session.scalars(
                select(m.UnitLogFile).join(m.UnitLog)
                .where(m.UnitLog.unit_id == unit_id, m.UnitLog.kind == KIND)
                .order_by(m.UnitLogFile.id)))

    # ---- the portfolio holder ----------------------------------------------------------------

    def submit(self, unit_id: int, member_id: int, **item: Any) -> int:
        """File a submission (the item's fields as for add_item); returns its number."""
        filed: list[int] = []

        def number(_session: Session, _ev: Event, ledger: Ledger) -> None:
            filed.append(len(ledger.submissions) + 1)  # type: ignore[attr-defined]

        self._record_unit(unit_id, KIND, "submission_filed", member_id, {"item": _item(item)},
                          number)
        return filed[0]

    def resubmit(self, unit_id: int, no: int, member_id: int, **item: Any) -> Event:
        """File a returned submission again, as corrected, by whoever submitted it."""
        return self._record_unit(unit_id, KIND, "submission_resubmitted", member_id,
                                 {"submission": no, "item": _item(item)})

    def mark_check_done(self, unit_id: int, no: int, check: str, member_id: int, note: str,
                        file: str | Path | None = None) -> Event:
        """A preparatory check the item's category requires, done: what was done, and
        optionally the file that shows it (copied into the program's storage)."""
        kept = store_file(file) if file is not None else None
        payload = {"submission": no, "check": check, "note": note,
                   "file": kept.name if kept else ""}

        def keep(session: Session, ev: Event, _ledger: Ledger) -> None:
            if kept is not None:
                log_id = session.scalar(select(m.UnitLog.id).where(
                    m.UnitLog.unit_id == unit_id, m.UnitLog.kind == KIND))
                session.add(m.UnitLogFile(log_id=log_id, seq=ev.seq, filename=kept.name,
                                          sha256=kept.sha256, stored_path=str(kept.path),
                                          size=kept.size))

        return self._record_unit(unit_id, KIND, "check_done", member_id, payload, keep)

    # ---- the chief ---------------------------------------------------------------------------

    def approve_submission(self, unit_id: int, no: int, member_id: int) -> Event:
        return self._record_unit(unit_id, KIND, "submission_approved", member_id,
                                 {"submission": no})

    def return_submission(self, unit_id: int, no: int, member_id: int, reason: str) -> Event:
        return self._record_unit(unit_id, KIND, "submission_returned", member_id,
                                 {"submission": no, "reason": reason})

    # ---- before the meeting ------------------------------------------------------------------

    def record_materials_given(self, unit_id: int, no: int, member_id: int,
                               on: datetime | str) -> Event:
        """The approved item's materials were given to members at `on` (R13: notice)."""
        return self._record_unit(unit_id, KIND, "materials_given", member_id,
                                 {"submission": no, "on": parse_time(on).isoformat()})

    def schedule_submission(self, meeting_id: int, no: int) -> int:
        """Take an approved submission onto a meeting in preparation: the agenda item gets the
        submission's fields and when its materials were given, and the submissions log says
        where it went; both in one transaction. The notice rule (R13) is checked against the
        meeting's date. Returns the agenda item's id."""
        with self.db.session() as session:
            row = self._preparing(session, meeting_id)
            unit_id, uid, day = row.unit_id, row.uid, parse_time(row.scheduled_at).date()
        added: list[int] = []

        def add(session: Session, _ev: Event, ledger: Ledger) -> None:
            sub = ledger.submissions[no]  # type: ignore[attr-defined]
            fields = {k: v for k, v in sub.item.to_dict().items() if k in ITEM_FIELDS}
            given = sub.materials_given.isoformat() if sub.materials_given else None
            added.append(self._add_agenda_item(session, meeting_id, fields, submission_no=no,
                                               materials_given=given).id)

        self._record_unit(unit_id, KIND, "submission_scheduled", None,
                          {"submission": no, "meeting_uid": uid, "meeting_date": day.isoformat()},
                          add)
        return added[0]

    # ---- the portfolio holder changes their mind ----------------------------------------------

    def withdraw_submission(self, unit_id: int, no: int, member_id: int, reason: str) -> Event:
        """The submitter withdraws a submission (撤回) with a reason. One on a meeting's agenda
        comes off it in the same transaction while that meeting is being prepared; once the
        meeting has started it cannot be withdrawn (check_withdrawal)."""

        def off_agenda(session: Session, _ev: Event, ledger: Ledger) -> None:
            sub = ledger.submissions[no]  # type: ignore[attr-defined]
            if sub.status != "scheduled":
                return
            row = session.scalar(select(m.Meeting).where(m.Meeting.uid == sub.meeting_uid))
            status = "cancelled" if row.cancelled_at is not None else row.status
            check_withdrawal(sub, row.title, status)
            if status == "preparing":  # a cancelled meeting's agenda stays as it was
                for item in [i for i in row.agenda_items if i.submission_no == no]:
                    remove_agenda_item(row, item)

        return self._record_unit(unit_id, KIND, "submission_withdrawn", member_id,
                                 {"submission": no, "reason": reason}, off_agenda)

    def _submissions(self, unit_id: int) -> Submissions:
        with self.db.session() as session:
            return self._ledger(session, unit_id, KIND)  # type: ignore[return-value]


def _item(fields: dict[str, Any]) -> dict[str, Any]:
    """The item as typed (the rules check it); a field an agenda item lacks is refused."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError("BAD_VALUE", field="议题字段", field_en="item field",
                          value=", ".join(sorted(unknown)))
    return dict(fields)
