"""The archive's index: what an accepted package records, parsed into rows for queries.

Every row comes from the meeting the rules core replays from the package's own log (the same
replay verify does), so the index says nothing the signed record does not. It can be dropped
and rebuilt from the stored package bytes at any time (``rebuild_index``).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from meetingdesk.county.models import (FiledAttendance, FiledCorrection, FiledItem, FiledMeeting,
                                       FiledOpinion, FiledPackage, FiledSignature, FiledVote,
                                       SearchText)
from meetingdesk.domain import ItemState, Meeting
from meetingdesk.domain.words import HEAD_DECISIONS_FOR
from meetingdesk.record.build import attended, chair_of
from meetingdesk.store.database import Database

INDEX_TABLES = (SearchText, FiledVote, FiledOpinion, FiledItem, FiledAttendance, FiledCorrection,
                FiledSignature, FiledMeeting)  # children first, for deleting


class Filing(NamedTuple):
    """What the index rows of a package take from its filed_packages row."""

    id: int
    unit_id: int
    received_at: str
    current: bool  # not superseded

    @classmethod
    def of(cls, package: FiledPackage) -> Filing:
        return cls(package.id, package.unit_id, package.received_at,
                   package.superseded_by_id is None)


def index_meeting(conn: Connection, package: Filing, state: Meeting) -> int:
    """The index rows of ``package`` (accepted, inserted), whose log replays to ``state``;
    returns the meeting's id. One statement for the meeting, one for its items (whose ids the
    other rows take), then one a table for the rest: a package's rows are written in about
    eight round trips, without the ORM's unit of work."""
    header = state.header
    opened = state.opened_at or state.started_at
    held_on = opened.date() if opened else None
    chair = chair_of(state)
    meeting_id = conn.execute(insert(FiledMeeting).returning(FiledMeeting.id), dict(
        package_id=package.id, unit_id=package.unit_id, meeting_uid=state.uid,
        meeting_type=header["meeting_type"]["code"],
        meeting_type_name=header["meeting_type"]["name"],
        year=header["year"], number=header["number"], title=header["title"],
        held_on=held_on.isoformat() if held_on else None,
        started_at=_iso(opened), ended_at=_iso(state.closed_at),
        place=header.get("place") or None,
        chair=state.name(chair) if chair is not None else None,
        recorder=header.get("recorder"),
        chief=state.name(state.chief_id) if state.chief_id is not None else None,
        expected=len(state.expected), present=len(attended(state)),
        current=package.current, cancelled=False, received_at=package.received_at,
        days_to_receipt=days_between(held_on, package.received_at))).scalar_one()
    rows = Rows()
    texts = [("title", None, header["title"])]
    texts += [("name", None, name) for name in {m.name for m in state.members.values()}
              | {header.get("recorder") or ""} if name]
    rows.add(FiledAttendance, *(dict(
        meeting_id=meeting_id, member=state.name(m), is_chief=m == state.chief_id,
        status=_attendance(state, m), reason=_absence_reason(state, m)) for m in state.expected))
    items = list(state.items.values())
    values = [_item(meeting_id, state, item) for item in items]
    item_ids = conn.execute(insert(FiledItem).returning(
        FiledItem.id, sort_by_parameter_order=True), values).scalars().all() if values else []
    for item, row, item_id in zip(items, values, item_ids):
        _item_rows(rows, state, item, item_id)
        texts += [("title", item_id, row["title"])]
        texts += [("decision", item_id, row[k]) for k in ("decision", "deferral_reason",
                                                          "head_reason") if row[k]]
        texts += [("words", item_id, s.words) for s in item.speeches
                  if s.kind != "head_decision" and s.words]
    texts += [("words", None, s.words) for s in state.remarks if s.words]
    for c in state.corrections:
        rows.add(FiledCorrection, dict(
            meeting_id=meeting_id, at=c.at.isoformat(), author=c.author, reason=c.reason,
            text=c.text, after_closing=state.closed_at is not None and c.at >= state.closed_at))
        texts.append(("words", None, c.text))
    rows.add(FiledSignature, *(dict(meeting_id=meeting_id, role=s.role, name=s.name)
                               for s in state.signatures))
    rows.add(SearchText, *(dict(meeting_id=meeting_id, item_id=item_id, field=field, text=text)
                           for field, item_id, text in texts))
    rows.write(conn)
    return meeting_id


class Rows:
    """Index rows gathered per table, written with one multi-row INSERT a table."""

    def __init__(self) -> None:
        self.tables: dict[type, list[dict[str, Any]]] = {}

    def add(self, model: type, *rows: dict[str, Any]) -> None:
        self.tables.setdefault(model, []).extend(rows)

    def write(self, conn: Connection) -> None:
        for model, rows in self.tables.items():
            if rows:
                # with RETURNING, SQLAlchemy sends the rows as one INSERT of many VALUES
                # (insertmanyvalues) where psycopg's executemany sends a message a row
                conn.execute(insert(model).returning(model.id), rows)


def _item(meeting_id: int, state: Meeting, item: ItemState) -> dict[str, Any]:
    spec = item.spec
    head = state.decision_mode == "head"
    carried = spec.carried_from or {}
    counts = _counts(state, item, head)
    return dict(
        meeting_id=meeting_id, no=spec.no, title=spec.title, kind=spec.kind,
        category=spec.category, major=item.classification.major, amount=spec.amount,
        fund_type=spec.fund_type, area=spec.area or None, mode="head" if head else "vote",
        outcome=_outcome(item, head), decision=item.decision_text or None,
        deferral_reason=item.deferral_reason or None,
        head_decision=item.head_decision or None, head_reason=item.head_reason or None,
        against_majority=bool(item.head_decision)
        and state.against_majority(spec.no, item.head_decision),
        carried_from_uid=carried.get("meeting_uid"), carried_from_no=carried.get("item_no"),
        agree=counts[0], disagree=counts[1], abstain=counts[2])


def _item_rows(rows: Rows, state: Meeting, item: ItemState, item_id: int) -> None:
    """An item's opinions and votes, once the item has its id."""
    rows.add(FiledOpinion, *(dict(
        item_id=item_id, seq=s.seq, at=s.at.isoformat(), member=s.speaker,
        is_chief=s.member_id is not None and s.member_id == state.chief_id, kind=s.kind,
        stance=s.stance, words=s.words) for s in item.speeches))
    for ballot, cast in item.votes.items():
        candidate = item.spec.candidates[ballot - 1].name if ballot else None
        rows.add(FiledVote, *(dict(item_id=item_id, member=state.name(m), choice=choice,
                                   candidate=candidate) for m, choice in cast.items()))


def _outcome(item: ItemState, head: bool) -> str | None:
    if item.status in ("deferred", "concluded"):
        return item.status
    if item.status != "decided":
        return None
    if head:
        return "passed" if item.head_decision in HEAD_DECISIONS_FOR else "rejected"
    return "passed" if item.results and all(r.passed for r in item.results.values()) \
        else "rejected"


def _counts(state: Meeting, item: ItemState, head: bool
            ) -> tuple[int | None, int | None, int | None]:
    """The vote (the first ballot's) or, in head mode, the members' stances: agree, disagree
    (with defer), abstain."""
    if not head:
        result = next(iter(item.results.values()), None)
        return (result.agree, result.disagree, result.abstain) if result else (None, None, None)
    stances = [st for said in item.stances.values() for st in said.values()]
    if not stances:
        return None, None, None
    return (stances.count("agree"), stances.count("disagree") + stances.count("defer"),
            stances.count("abstain"))


def _attendance(state: Meeting, member_id: int) -> str:
    status = state.attendance.get(member_id, "absent")
    if status == "left":
        return "left_early"
    if status == "present" and any(p.member_id == member_id and p.kind == "arrived"
                                   for p in state.presence_log):
        return "late"
    return status


def _absence_reason(state: Meeting, member_id: int) -> str | None:
    if state.attendance.get(member_id) == "left":
        return next((p.reason for p in reversed(state.presence_log)
                     if p.member_id == member_id and p.kind == "left"), None) or None
    return state.absence_reasons.get(member_id) or None


def days_between(held_on: date | None, received_at: str) -> int | None:
    if held_on is None:
        return None
    return (datetime.fromisoformat(received_at).date() - held_on).days


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def clear_index(session: Session, meeting_ids: Iterable[int] | None = None) -> None:
    """Delete the index rows (of ``meeting_ids``, or all of them)."""
    if meeting_ids is None:
        for table in INDEX_TABLES:
            session.execute(delete(table))
        return
    ids = list(meeting_ids)
    items = select(FiledItem.id).where(FiledItem.meeting_id.in_(ids))
    session.execute(delete(SearchText).where(SearchText.meeting_id.in_(ids)))
    session.execute(delete(FiledVote).where(FiledVote.item_id.in_(items)))
    session.execute(delete(FiledOpinion).where(FiledOpinion.item_id.in_(items)))
    for table in (FiledItem, FiledAttendance, FiledCorrection, FiledSignature):
        session.execute(delete(table).where(table.meeting_id.in_(ids)))
    session.execute(delete(FiledMeeting).where(FiledMeeting.id.in_(ids)))


def filed_pdf(archive: Database, package_id: int) -> tuple[str, bytes]:
    """A filed package's PDF (the record, or a cancellation notice) and a file name for it."""
    from meetingdesk.record.package import PDF_PATH, read_package

    with archive.session() as session:
        package = session.get(FiledPackage, package_id)
        assert package is not None, f"no filed package {package_id}"
        data, name = package.data, package.file_name
    return f"{Path(name).stem}.pdf", read_package(io.BytesIO(data)).data(PDF_PATH)


def rebuild_index(archive: Database) -> int:
    """Rebuild every index row from the stored package bytes, in one transaction; returns the
    number of packages indexed."""
    from meetingdesk.county.notice import index_notice, read_notice
    from meetingdesk.county.withdrawals import WithdrawnFiling
    from meetingdesk.record.verify import check_package

    with archive.session(write=True) as session:
        clear_index(session)
        withdrawn = set(session.scalars(select(WithdrawnFiling.package_id)))
        packages = session.scalars(select(FiledPackage).order_by(FiledPackage.id)).all()
        for package in packages:
            filing = Filing.of(package)
            if package.id in withdrawn:  # kept, but no longer counting
                filing = filing._replace(current=False)
            if package.kind == "cancellation":
                index_notice(session.connection(), filing, read_notice(package.data))
                continue
            state = check_package(io.BytesIO(package.data)).state
            assert state is not None, f"filed package {package.id} no longer replays"
            index_meeting(session.connection(), filing, state)
    return len(packages)
