"""Preparing a meeting: header, expected members, observers, agenda, materials, carried-over
items; and finding meetings. A meeting is editable until its record starts; from then on the
log holds a snapshot of all of it."""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from sqlalchemy import String, cast, func, or_, select

from meetingdesk import paths
from meetingdesk.domain import (Classification, DomainError, ItemSpec, RuleSet, check_item,
                                check_team, classify, meeting_title, next_number, parse_time)
from meetingdesk.domain.followup import FollowUp
from meetingdesk.domain.numbering import gaps
from meetingdesk.domain.submissions import check_direct_entry, check_notice
from meetingdesk.domain.text import clean_text
from meetingdesk.domain.words import HEAD_DECISIONS_CARRY_OVER
from meetingdesk.meeting_list import HELD_EVENTS, MeetingRow, held_times, meeting_row
from meetingdesk.store import models as m
from meetingdesk.store.models import now_iso

from .errors import ServiceError, meeting_cancelled
from .setup import to_member

if TYPE_CHECKING:
    from meetingdesk.store import Database

ITEM_FIELDS = ("title", "kind", "category", "amount", "fund_type", "area", "presenter_id",
               "vote_mode", "candidates", "materials", "posts")


@dataclass(frozen=True)
class AgendaRow:
    id: int
    spec: ItemSpec
    classification: Classification
    carried_from_item_id: int | None
    problem: DomainError | None = None  # why the item no longer passes, e.g. after a rule change


@dataclass(frozen=True)
class DeferredItem:
    """An item deferred at an earlier meeting and not yet put on a later agenda (复议)."""

    item_id: int
    meeting_id: int
    meeting_title: str
    item_no: int
    title: str
    reason: str


class PreparationActions:
    db: "Database"
    _rules: Callable[[Any, int], RuleSet]  # from SetupActions
    _ledger: Callable[..., Any]  # a unit log folded (UnitLogs)

    # ---- the meeting header -------------------------------------------------------------------

    def create_meeting(self, unit_id: int, type_code: str, scheduled_at: datetime | str,
                       place: str, chair_id: int | None, recorder: str,
                       expected: list[int] | None = None,
                       observers: list[dict[str, str]] | None = None,
                       deputy_chair_id: int | None = None) -> int:
        """A new meeting in preparation, numbered per unit, type and year (R11); `expected`
        defaults to every active member."""
        when = parse_time(scheduled_at)
        with self.db.session(write=True) as session:
            mtype = session.scalar(select(m.MeetingType).where(
                m.MeetingType.unit_id == unit_id, m.MeetingType.code == type_code))
            if mtype is None:
                raise DomainError("BAD_VALUE", field="会议类型", field_en="meeting type",
                                  value=type_code)
            members = self._active_rows(session, unit_id)
            check_team(to_member(r) for r in members.values())  # e.g. the set-up left half-way
            numbers = session.scalars(select(m.Meeting.number).where(
                m.Meeting.unit_id == unit_id, m.Meeting.type_id == mtype.id,
                m.Meeting.year == when.year))
            number = next_number(numbers)
            row = m.Meeting(uid=str(uuid.uuid4()), unit_id=unit_id, type_id=mtype.id,
                            year=when.year, number=number,
                            title=meeting_title(when.year, number, mtype.name),
                            status="preparing")
            self._set_header(row, members, when, place, chair_id, deputy_chair_id, recorder,
                             list(members) if expected is None else expected, observers or [])
            session.add(row)
            session.flush()
            return row.id

    def update_meeting(self, meeting_id: int, scheduled_at: datetime | str, place: str,
                       chair_id: int | None, recorder: str, expected: list[int],
                       observers: list[dict[str, str]] | None = None,
                       deputy_chair_id: int | None = None) -> None:
        """Replace the header of a meeting still in preparation; its number stays (R11)."""
        when = parse_time(scheduled_at)
        with self.db.session(write=True) as session:
            row = self._preparing(session, meeting_id)
            if when.year != row.year:
                raise DomainError("BAD_VALUE", field="会议日期", field_en="date",
                                  value=f"{when.year}（编号按 {row.year} 年 / numbered in {row.year}）")
            self._set_header(row, self._active_rows(session, row.unit_id), when, place,
                             chair_id, deputy_chair_id, recorder, expected, observers or [])
            rules = self._rules(session, row.unit_id)
            for item in row.agenda_items:  # R13: the notice still holds on the new date
                if item.submission_no is not None:
                    spec = ItemSpec.from_dict({"no": item.position, **_item_fields(item)})
                    check_notice(item.title, classify(spec, rules).category,
                                 parse_time(item.materials_given) if item.materials_given
                                 else None, when.date(), rules)

    def cancel_meeting(self, meeting_id: int, reason: str, by: str) -> None:
        """R11: a prepared meeting that will not take place is cancelled with a reason, never
        deleted; it keeps its number, and it can no longer be edited or started."""
        reason = clean_text(reason, "取消会议的原因", "the reason for cancelling", 500)
        by = clean_text(by, "经办人", "who cancels", 50)
        with self.db.session() as session:
            # Locked (PostgreSQL) so that a start in another window either comes first and is
            # seen below, or waits and sees the cancellation (see Desk._append); SQLite refuses
            # whichever of the two read a snapshot the other has since changed.
            row = self._meeting_row(session, meeting_id, lock=True)
            self._refuse_cancelled(row, "再次取消", "cancel it again")
            has_log = session.scalar(select(m.EventRecord.id).where(
                m.EventRecord.meeting_id == meeting_id).limit(1)) is not None
            if row.status != "preparing" or has_log:
                raise ServiceError("CANCEL_AFTER_START", title=row.title)
            row.cancelled_at, row.cancelled_by, row.cancel_reason = now_iso(), by, reason

    def meeting_info(self, meeting_id: int) -> MeetingRow:
        with self.db.session() as session:
            return self._row_info(self._meeting_row(session, meeting_id),
                                  self._held(session, [meeting_id]).get(meeting_id))

    def expected_members(self, meeting_id: int) -> list[int]:
        with self.db.session() as session:
            return [x.id for x in self._meeting_row(session, meeting_id).expected]

    def observers(self, meeting_id: int) -> list[dict[str, str]]:
        with self.db.session() as session:
            return [{"name": o.name, "position": o.position}
                    for o in self._meeting_row(session, meeting_id).observers]

    # ---- agenda ----------------------------------------------------------------------------

    def add_item(self, meeting_id: int, **fields: Any) -> int:
        """Append an agenda item; R1 (a major matter goes to a team vote) and R2 (the chief
        does not present items in the forbidden areas) are checked as it is typed."""
        with self.db.session(write=True) as session:
            return self._add_agenda_item(session, meeting_id, fields).id

    def _add_agenda_item(self, session: Any, meeting_id: int, fields: dict[str, Any],
                         submission_no: int | None = None, materials_given: str | None = None,
                         reports_on: dict[str, Any] | None = None) -> m.AgendaItem:
        """An item typed in, carried over (R9), taken from an approved submission (R13) or
        reporting on follow-up tasks (R14, `reports_on` as the follow-up log linked it); only
        a submission's may be of a category that needs notice (不准临时动议)."""
        row = self._preparing(session, meeting_id)
        position = len(row.agenda_items) + 1
        direct = submission_no is None and fields.get("carried_from_item_id") is None
        spec = self._checked_spec(session, row, position, fields, direct, reports_on)
        item = m.AgendaItem(meeting_id=meeting_id, position=position,
                            carried_from_item_id=fields.get("carried_from_item_id"),
                            submission_no=submission_no, materials_given=materials_given,
                            **_item_columns(spec))
        session.add(item)
        session.flush()
        return item

    def update_item(self, item_id: int, **changes: Any) -> None:
        with self.db.session(write=True) as session:
            item = self._item_row(session, item_id)
            row = self._preparing(session, item.meeting_id)
            fields = _item_fields(item) | changes
            direct = item.submission_no is None and item.carried_from_item_id is None
            spec = self._checked_spec(session, row, item.position, fields, direct,
                                      _report_link(item))
            for key, value in _item_columns(spec).items():
                setattr(item, key, value)

    def remove_item(self, item_id: int) -> None:
        with self.db.session(write=True) as session:
            item = self._item_row(session, item_id)
            remove_agenda_item(self._preparing(session, item.meeting_id), item)

    def move_item(self, item_id: int, position: int) -> None:
        """Put an item at `position` (1-based) in its agenda."""
        with self.db.session(write=True) as session:
            item = self._item_row(session, item_id)
            row = self._preparing(session, item.meeting_id)
            items = sorted(row.agenda_items, key=lambda x: x.position)
            items.remove(item)
            items.insert(max(0, min(position - 1, len(items))), item)
            for i, other in enumerate(items, 1):
                other.position = i

    def agenda(self, meeting_id: int) -> list[AgendaRow]:
        with self.db.session() as session:
            row = self._meeting_row(session, meeting_id)
            rules = self._rules(session, row.unit_id)
            members = {r.id: to_member(r) for r in session.scalars(
                select(m.Member).where(m.Member.unit_id == row.unit_id))}
            followup: FollowUp = self._ledger(session, row.unit_id, "followup")  # type: ignore[assignment]
            out = []
            for item in sorted(row.agenda_items, key=lambda x: x.position):
                spec = ItemSpec.from_dict({"no": item.position, **_item_fields(item),
                                           "reports_on": _report_link(item)})
                try:
                    verdict, problem = check_item(spec, members, rules,
                                                  row.meeting_type.decision_mode), None
                    check_report_link(followup, spec)
                except DomainError as error:  # shown on the item, so that it can be put right
                    verdict, problem = classify(spec, rules), error
                out.append(AgendaRow(item.id, spec, verdict, item.carried_from_item_id, problem))
            return out

    def attach_material(self, item_id: int, source: str | Path) -> str:
        """Copy a file into the program's storage and list it among the item's materials."""
        kept = store_file(source)
        with self.db.session(write=True) as session:
            item = self._item_row(session, item_id)
            self._preparing(session, item.meeting_id)
            name = kept.name
            session.add(m.Attachment(item_id=item_id, filename=name, sha256=kept.sha256,
                                     stored_path=str(kept.path), size=kept.size))
            materials = json.loads(item.materials or "[]")
            if name not in materials:
                item.materials = json.dumps(materials + [name], ensure_ascii=False)
        return kept.sha256

    def attachments(self, meeting_id: int) -> list[m.Attachment]:
        with self.db.session() as session:
            rows = session.scalars(select(m.Attachment).join(m.AgendaItem).where(
                m.AgendaItem.meeting_id == meeting_id).order_by(m.Attachment.id))
            return list(rows)

    # ---- carried-over items (R9) ------------------------------------------------------------

    def deferred_items(self, unit_id: int) -> list[DeferredItem]:
        """Items deferred at earlier meetings of the unit and not yet carried over."""
        with self.db.session() as session:
            carried = set(session.scalars(select(m.AgendaItem.carried_from_item_id).where(
                m.AgendaItem.carried_from_item_id.is_not(None))))
            rows = session.execute(
                select(m.EventRecord.meeting_id, m.EventRecord.type, m.EventRecord.payload,
                       m.Meeting.title)
                .join(m.Meeting, m.Meeting.id == m.EventRecord.meeting_id)
                .where(m.Meeting.unit_id == unit_id,
                       m.EventRecord.type.in_(("deferral", "head_decision")))
                .order_by(m.Meeting.scheduled_at, m.EventRecord.seq))
            out = []
            for meeting_id, type_, payload_text, title in rows:
                payload = json.loads(payload_text)
                if type_ == "head_decision" and payload["decision"] not in HEAD_DECISIONS_CARRY_OVER:
                    continue
                item = session.scalar(select(m.AgendaItem).where(
                    m.AgendaItem.meeting_id == meeting_id,
                    m.AgendaItem.position == payload["item_no"]))
                if item is None or item.id in carried:
                    continue
                out.append(DeferredItem(item.id, meeting_id, title, payload["item_no"],
                                        item.title, payload.get("reason") or payload.get("text", "")))
            return out

    def carry_over(self, meeting_id: int, source_item_id: int) -> int:
        """Put a deferred item on this meeting's agenda, linked to where it was deferred."""
        with self.db.session(write=True) as session:
            source = self._item_row(session, source_item_id)
            return self._add_agenda_item(session, meeting_id,
                                         {"carried_from_item_id": source.id,
                                          **_item_fields(source)},
                                         reports_on=_report_link(source)).id

    # ---- finding meetings -----------------------------------------------------------------

    def list_meetings(self, unit_id: int | None = None, status: str | None = None,
                      search: str = "", limit: int = 500, offset: int = 0) -> list[MeetingRow]:
        """Meetings newest first, filtered by unit, status and a search of title, number
        and date (e.g. "党委会", "12", "2026-11")."""
        with self.db.session() as session:
            query = self._meeting_query(unit_id, status, search)
            query = query.order_by(m.Meeting.scheduled_at.desc(), m.Meeting.id.desc())
            rows = list(session.scalars(query.limit(limit).offset(offset)))
            held = self._held(session, [r.id for r in rows])
            return [self._row_info(r, held.get(r.id)) for r in rows]

    def count_meetings(self, unit_id: int | None = None, status: str | None = None,
                       search: str = "") -> int:
        with self.db.session() as session:
            query = self._meeting_query(unit_id, status, search).with_only_columns(func.count())
            return session.scalar(query.order_by(None))

    def next_meeting_number(self, unit_id: int, type_code: str, year: int) -> int:
        """R11: the number a new meeting of this type and year would get now."""
        with self.db.session() as session:
            return next_number(self._numbers(session, unit_id, type_code, year))

    def numbering_gaps(self, unit_id: int, type_code: str, year: int) -> list[int]:
        """R11: numbers skipped in a year's series of a meeting type."""
        with self.db.session() as session:
            return gaps(self._numbers(session, unit_id, type_code, year))

    # ---- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _meeting_query(unit_id: int | None, status: str | None, search: str) -> Any:
        query = select(m.Meeting)
        if unit_id is not None:
            query = query.where(m.Meeting.unit_id == unit_id)
        cancelled = m.Meeting.cancelled_at.is_not(None)
        if status == "cancelled":
            query = query.where(cancelled)
        elif status:
            query = query.where(m.Meeting.status == status, ~cancelled)
        search = (search or "").strip()
        if search:
            like = f"%{search}%"
            query = query.where(or_(m.Meeting.title.like(like),
                                    cast(m.Meeting.number, String) == search,
                                    m.Meeting.scheduled_at.like(f"{search}%")))
        return query

    @staticmethod
    def _numbers(session: Any, unit_id: int, type_code: str, year: int) -> list[int]:
        """Every number taken: a cancelled meeting keeps its row, so its number counts as
        accounted for and is neither a gap nor given again (R11)."""
        return list(session.scalars(select(m.Meeting.number).join(m.MeetingType).where(
            m.Meeting.unit_id == unit_id, m.MeetingType.code == type_code,
            m.Meeting.year == year)))

    @staticmethod
    def _row_info(r: m.Meeting, held: tuple[str | None, str | None] | None = None
                  ) -> MeetingRow:
        return meeting_row((r.id, r.uid, r.unit_id, r.unit.name, r.meeting_type.code,
                            r.meeting_type.name, r.meeting_type.decision_mode, r.year, r.number,
                            r.title, r.scheduled_at, r.place, r.chair_member_id,
                            r.deputy_chair_member_id, r.recorder_name, r.status, r.cancelled_at,
                            r.cancelled_by, r.cancel_reason), held)

    @staticmethod
    def _held(session: Any, meeting_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
        return held_times(session.execute(
            select(m.EventRecord.meeting_id, m.EventRecord.type, m.EventRecord.at).where(
                m.EventRecord.meeting_id.in_(meeting_ids),
                m.EventRecord.type.in_(HELD_EVENTS))))

    @staticmethod
    def _active_rows(session: Any, unit_id: int) -> dict[int, m.Member]:
        return {r.id: r for r in session.scalars(select(m.Member).where(
            m.Member.unit_id == unit_id, m.Member.active.is_(True)))}

    @staticmethod
    def _set_header(row: m.Meeting, members: dict[int, m.Member], when: datetime, place: str,
                    chair: int | None, deputy: int | None, recorder: str, expected: list[int],
                    observers: list[dict[str, str]]) -> None:
        if not expected or len(set(expected)) != len(expected):
            raise DomainError("BAD_VALUE", field="应到会成员", field_en="expected members",
                              value=len(expected))
        for member_id in [*expected, *(x for x in (chair, deputy) if x is not None)]:
            if member_id not in members:
                raise DomainError("UNKNOWN_MEMBER", member_id=member_id)
        row.scheduled_at = when.isoformat()
        row.place = clean_text(place, "地点", "place", 200, required=False)
        row.recorder_name = clean_text(recorder, "记录人", "recorder", 50)
        row.chair_member_id, row.deputy_chair_member_id = chair, deputy
        row.expected = [members[i] for i in expected]
        row.observers = [m.MeetingObserver(
            name=clean_text(o.get("name"), "列席人员姓名", "observer name", 50),
            position=clean_text(o.get("position", ""), "列席人员职务", "observer position", 100,
                                required=False)) for o in observers]

    @staticmethod
    def _meeting_row(session: Any, meeting_id: int, lock: bool = False) -> m.Meeting:
        row = session.get(m.Meeting, meeting_id, with_for_update=lock)
        if row is None:
            raise DomainError("BAD_VALUE", field="会议", field_en="meeting", value=meeting_id)
        return row

    def _preparing(self, session: Any, meeting_id: int) -> m.Meeting:
        row = self._meeting_row(session, meeting_id)
        self._refuse_cancelled(row, "修改", "change it")
        if row.status != "preparing":
            raise DomainError("ALREADY_STARTED")
        return row

    @staticmethod
    def _refuse_cancelled(row: Any, action: str, action_en: str) -> None:
        """`row`: a Meeting, or a row with its title, cancelled_at and cancel_reason."""
        if row.cancelled_at is not None:
            raise meeting_cancelled(row.title, row.cancelled_at, row.cancel_reason or "", action,
                                    action_en)

    def _startable(self, session: Any, meeting_id: int) -> m.Meeting:
        """A prepared meeting may start only if it was not cancelled (an empty agenda the
        rules refuse, with the start's first entry)."""
        row = self._meeting_row(session, meeting_id)
        self._refuse_cancelled(row, "开始", "start it")
        return row

    @staticmethod
    def _item_row(session: Any, item_id: int) -> m.AgendaItem:
        item = session.get(m.AgendaItem, item_id)
        if item is None:
            raise DomainError("UNKNOWN_ITEM", item_no=f"#{item_id}")
        return item

    def _checked_spec(self, session: Any, row: m.Meeting, position: int,
                      fields: dict[str, Any], direct: bool,
                      reports_on: dict[str, Any] | None = None) -> ItemSpec:
        """The item as it may stand on the agenda (R1, R2); typed in `direct`ly, not of a
        category that must come through a submission (R13). `reports_on` is never typed: the
        follow-up log links it (FollowUpActions.add_progress_report)."""
        unknown = set(fields) - set(ITEM_FIELDS) - {"carried_from_item_id"}
        if unknown:
            raise DomainError("BAD_VALUE", field="议题字段", field_en="item field",
                              value=", ".join(sorted(unknown)))
        spec = ItemSpec.from_dict({"no": position, "reports_on": reports_on,
                                   **{k: v for k, v in fields.items() if k in ITEM_FIELDS}})
        members = {r.id: to_member(r) for r in session.scalars(
            select(m.Member).where(m.Member.unit_id == row.unit_id))}
        rules = self._rules(session, row.unit_id)
        check_item(spec, members, rules, row.meeting_type.decision_mode)
        if direct:
            check_direct_entry(spec, rules)
        return spec


@dataclass(frozen=True)
class StoredFile:
    name: str
    sha256: str
    path: Path
    size: int


def store_file(source: str | Path) -> StoredFile:
    """Copy a file handed in (an item's material, a check's evidence) into the program's
    storage, named by its SHA-256 so that the same file is kept once."""
    source = Path(source)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise DomainError("BAD_VALUE", field="材料文件", field_en="material file",
                          value=f"{source.name}: {error.strerror}") from error
    name = clean_text(source.name, "材料名称", "material name", 200)
    digest = hashlib.sha256(data).hexdigest()
    folder = paths.user_data_dir() / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{digest}{source.suffix.lower()}"
    if not stored.exists():
        tmp = stored.with_suffix(stored.suffix + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(stored)
    return StoredFile(name, digest, stored, len(data))


def _item_columns(spec: ItemSpec) -> dict[str, Any]:
    d = spec.to_dict()
    return {"title": d["title"], "kind": d["kind"], "category": d["category"],
            "amount": d["amount"], "fund_type": d["fund_type"], "area": d["area"],
            "presenter_member_id": d["presenter_id"], "vote_mode": d["vote_mode"],
            "candidates": json.dumps(d["candidates"], ensure_ascii=False),
            "materials": json.dumps(d["materials"], ensure_ascii=False),
            "posts": spec.posts,
            "reports_on": (json.dumps(d["reports_on"], ensure_ascii=False)
                           if spec.reports_on else None)}


def _item_fields(item: m.AgendaItem) -> dict[str, Any]:
    return {"title": item.title, "kind": item.kind, "category": item.category or "general",
            "amount": item.amount, "fund_type": item.fund_type, "area": item.area or "",
            "presenter_id": item.presenter_member_id, "vote_mode": item.vote_mode or "hands",
            "candidates": json.loads(item.candidates or "[]"),
            "materials": json.loads(item.materials or "[]"), "posts": item.posts}


def remove_agenda_item(row: m.Meeting, item: m.AgendaItem) -> None:
    """Take an item off a meeting in preparation; the items after it move up."""
    row.agenda_items.remove(item)  # an orphan now: deleted with the flush (delete-orphan)
    for i, other in enumerate(sorted(row.agenda_items, key=lambda x: x.position), 1):
        other.position = i


def _report_link(item: m.AgendaItem) -> dict[str, Any] | None:
    """The decision and tasks a progress-report item reports on, as stored (R14)."""
    return json.loads(item.reports_on) if item.reports_on else None


def check_report_link(followup: FollowUp, spec: ItemSpec) -> None:
    """A progress-report item's link still holds in the unit's follow-up log (R14): checked
    when the agenda is shown and again when the meeting starts (a task may since have been
    cancelled)."""
    link = spec.reports_on
    if link is not None:
        followup.report_link(link.meeting_uid, link.item_no, [no for no, _ in link.tasks])
