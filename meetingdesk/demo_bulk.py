"""Many meetings at once, to try the program with a realistic archive (10,000 meetings).

The meetings are written straight to the store in one transaction (the services would take one
transaction, and one fsync, per meeting), but they are the same valid data the services make:
meetings in preparation, numbered per unit, type and year after the existing ones (R11), with
the unit's chief in the chair and the whole team expected. They have no log yet, as any meeting
in preparation.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select

from meetingdesk.domain import DomainError, meeting_title
from meetingdesk.services import Desk
from meetingdesk.store import models as m

TZ = timezone(timedelta(hours=8))
PLACES = ("乡政府三楼会议室", "乡政府一楼会议室", "党群服务中心会议室")
RECORDERS = ("郑小玲", "何晓燕", "王丽")


def make_many_meetings(desk: Desk, unit_id: int, n: int,
                       latest: datetime = datetime(2026, 10, 30, 9, 0, tzinfo=TZ)) -> int:
    """Add `n` meetings in preparation to the unit, one a day going back from `latest`,
    taking the unit's meeting types in turn; returns how many were added."""
    with desk.db.session(write=True) as session:
        types = list(session.scalars(select(m.MeetingType).where(
            m.MeetingType.unit_id == unit_id).order_by(m.MeetingType.id)))
        members = list(session.scalars(select(m.Member).where(
            m.Member.unit_id == unit_id, m.Member.active.is_(True))))
        chief = next((x.id for x in members if x.is_chief), None)
        if not types or chief is None:
            raise DomainError("BAD_VALUE", field="单位", field_en="unit",
                              value=f"{unit_id}（须有会议类型和一把手 / needs meeting types "
                                    "and a chief）")
        last: dict[tuple[int, int], int] = defaultdict(int)
        for type_id, year, number in session.execute(
                select(m.Meeting.type_id, m.Meeting.year, func.max(m.Meeting.number))
                .where(m.Meeting.unit_id == unit_id)
                .group_by(m.Meeting.type_id, m.Meeting.year)):
            last[(type_id, year)] = number
        # Oldest first, so that numbers rise with the date within each year.
        days = [latest - timedelta(days=k) for k in range(n - 1, -1, -1)]
        rows = []
        for k, when in enumerate(days):
            mtype = types[k % len(types)]
            key = (mtype.id, when.year)
            last[key] += 1
            rows.append({
                "uid": str(uuid.uuid4()), "unit_id": unit_id, "type_id": mtype.id,
                "year": when.year, "number": last[key],
                "title": meeting_title(when.year, last[key], mtype.name),
                "scheduled_at": when.isoformat(), "place": PLACES[k % len(PLACES)],
                "chair_member_id": chief, "recorder_name": RECORDERS[k % len(RECORDERS)],
                "status": "preparing",
            })
        ids = list(session.scalars(insert(m.Meeting).returning(
            m.Meeting.id, sort_by_parameter_order=True), rows))
        session.execute(insert(m.meeting_expected),
                        [{"meeting_id": i, "member_id": x.id} for i in ids for x in members])
        return len(ids)
