"""Completeness of the filings: per unit, meeting type and year, the numbers on file, the
numbers missing (R11: meetings are numbered without reuse, so a gap is a meeting the county has
not received), the meetings cancelled with their reason, and how long records took to arrive."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from meetingdesk.county.models import FiledMeeting, Unit
from meetingdesk.domain import gaps, number_ranges
from meetingdesk.store.database import Database

LATE_AFTER_DAYS = 30  # a record received later than this after its meeting is a late filing


@dataclass
class Filed:
    """One number on file: a held meeting's record, or a cancelled meeting's notice."""

    number: int
    package_id: int
    title: str
    held_on: str | None
    days_to_receipt: int | None
    cancelled: bool = False
    cancel_reason: str = ""


@dataclass
class Completeness:
    unit: str
    meeting_type: str
    type_name: str
    year: int
    filed: list[Filed] = field(default_factory=list)

    @property
    def numbers(self) -> list[int]:
        return sorted(f.number for f in self.filed if not f.cancelled)

    @property
    def cancelled(self) -> list[Filed]:
        return [f for f in self.filed if f.cancelled]

    @property
    def missing(self) -> list[int]:
        return gaps(f.number for f in self.filed)

    @property
    def late(self) -> list[Filed]:
        return [f for f in self.filed if not f.cancelled and f.days_to_receipt is not None
                and f.days_to_receipt > LATE_AFTER_DAYS]

    @property
    def days(self) -> list[int]:
        return [f.days_to_receipt for f in self.filed
                if not f.cancelled and f.days_to_receipt is not None]

    def line(self, lang: str = "zh") -> str:
        w = LINE_WORDS[lang == "en"]
        out = w["head"].format(unit=self.unit, type=self.type_name, year=self.year,
                               numbers=number_ranges(self.numbers, w["list"]) or "—")
        missing = self.missing
        out += w["missing"].format(number_ranges(missing, w["list"]), len(missing)) \
            if missing else w["none"]
        if self.cancelled:
            out += w["cancelled"].format(w["sep"].join(
                w["one_cancelled"].format(n=f.number, why=f.cancel_reason) for f in self.cancelled))
        if self.days:
            out += w["days"].format(min(self.days), max(self.days))
        if self.late:
            out += w["late"].format(len(self.late), w["list"].join(
                w["one_late"].format(n=f.number, days=f.days_to_receipt) for f in self.late))
        return out


LINE_WORDS = (  # Chinese, English
    {"head": "{unit} {type} {year}年：已备案 {numbers}", "missing": "；缺号 {}（{} 个）",
     "none": "；无缺号",
     "cancelled": "；已取消 {}", "one_cancelled": "第{n}次（{why}）", "sep": "；", "list": "、",
     "days": "；会后 {}–{} 天送达", "late": "；逾期送达 {} 次：{}", "one_late": "第{n}次（{days} 天）"},
    {"head": "{unit} {type} {year}: on file {numbers}", "missing": "; MISSING {} ({})",
     "none": "; none missing", "cancelled": "; cancelled {}", "one_cancelled": "{n} ({why})",
     "sep": "; ", "list": ", ", "days": "; days to receipt {}–{}", "late": "; late ({}): {}",
     "one_late": "{n} ({days} days)"},
)


def completeness(archive: Database, year: int | None = None, unit_id: int | None = None
                 ) -> list[Completeness]:
    """Per unit, meeting type and year (in that order), what the current filings show."""
    query = (select(FiledMeeting, Unit.name).join(Unit, Unit.id == FiledMeeting.unit_id)
             .where(FiledMeeting.current.is_(True), FiledMeeting.number.is_not(None))
             .order_by(Unit.name, FiledMeeting.meeting_type, FiledMeeting.year,
                       FiledMeeting.number))
    if year is not None:
        query = query.where(FiledMeeting.year == year)
    if unit_id is not None:
        query = query.where(FiledMeeting.unit_id == unit_id)
    groups: dict[tuple[Any, ...], Completeness] = {}
    with archive.session() as session:
        for meeting, unit_name in session.execute(query):
            key = (unit_name, meeting.meeting_type, meeting.year)
            group = groups.setdefault(key, Completeness(unit_name, meeting.meeting_type,
                                                        meeting.meeting_type_name, meeting.year))
            group.filed.append(Filed(meeting.number, meeting.package_id, meeting.title,
                                     meeting.held_on, meeting.days_to_receipt,
                                     meeting.cancelled, meeting.cancel_reason or ""))
    return list(groups.values())
