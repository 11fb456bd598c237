"""Completeness of the filings: per unit, meeting type and year, the numbers on file, the
numbers missing (R11: meetings are numbered without reuse, so a gap is a meeting the county has
not received), the meetings cancelled with their reason, and how long records took to arrive."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import func, select

from meetingdesk.county.models import FiledMeeting, Unit
from meetingdesk.domain import gaps, number_ranges
from meetingdesk.store.database import Database

CHUNK = 1000  # rows fetched at a time
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

    @property
    def days_span(self) -> str:
        """Days from meeting to receipt: "3", or "1–5" when they differ, or ""."""
        days = self.days
        if not days:
            return ""
        return str(days[0]) if min(days) == max(days) else f"{min(days)}–{max(days)}"

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
            out += w["days"].format(self.days_span)
        if self.late:
            out += w["late"].format(len(self.late), w["list"].join(
                w["one_late"].format(n=f.number, days=f.days_to_receipt) for f in self.late))
        return out


LINE_WORDS = (  # Chinese, English
    {"head": "{unit} {type} {year}年：已备案 {numbers}", "missing": "；缺号 {}（{} 个）",
     "none": "；无缺号",
     "cancelled": "；已取消 {}", "one_cancelled": "第{n}次（{why}）", "sep": "；", "list": "、",
     "days": "；会后 {} 天送达", "late": "；逾期送达 {} 次：{}", "one_late": "第{n}次（{days} 天）"},
    {"head": "{unit} {type} {year}: on file {numbers}", "missing": "; MISSING {} ({})",
     "none": "; none missing", "cancelled": "; cancelled {}", "one_cancelled": "{n} ({why})",
     "sep": "; ", "list": ", ", "days": "; days to receipt {}", "late": "; late ({}): {}",
     "one_late": "{n} ({days} days)"},
)


Key = tuple[str, str, str, int]  # unit, meeting type, the type's name, year


@dataclass
class Filings:
    """The current filings as shallow tuples of plain values: Python's cyclic garbage collector
    stops tracking those in its first passes, while 100,000 Filed objects (or tuples nested
    deeper) reach its full passes, each of which holds every thread, a window's GUI thread
    too, for 100-300 ms."""

    meetings: list[tuple[Any, ...]]  # Filed's fields; the meetings of a group side by side
    groups: list[tuple[Key, int, int]]  # a group, and where its meetings are in ``meetings``

    def completeness(self, key: Key, start: int, stop: int) -> Completeness:
        return Completeness(*key, [Filed(*f) for f in self.meetings[start:stop]])


def filings(archive: Database, year: int | None = None, unit_id: int | None = None) -> Filings:
    """Per unit, meeting type and year (in that order), the current filings."""
    m = FiledMeeting
    # the columns (the group's three, the type's name, then Filed's fields in order), not
    # mapped objects: making 100,000 ORM objects cost five times the query
    query = (select(Unit.name, m.meeting_type, m.year, m.meeting_type_name, m.number,
                    m.package_id, m.title, m.held_on, m.days_to_receipt, m.cancelled,
                    func.coalesce(m.cancel_reason, ""))
             .join(Unit, Unit.id == m.unit_id)
             .where(m.current.is_(True), m.number.is_not(None))
             .order_by(Unit.name, m.meeting_type, m.year, m.number))
    if year is not None:
        query = query.where(m.year == year)
    if unit_id is not None:
        query = query.where(m.unit_id == unit_id)
    found = Filings([], [])
    with archive.session() as session:
        # fetched a chunk at a time: the driver turns rows into Python values holding the GIL,
        # 100,000 at once stalled every other thread (a window's GUI thread) for 250 ms
        result = session.execute(query.execution_options(yield_per=CHUNK))
        for (unit, meeting_type, year_of), rows in groupby(result, key=lambda r: tuple(r[:3])):
            start = len(found.meetings)
            for row in rows:
                found.meetings.append(tuple(row[4:]))
                name = row[3]  # as the type's records print it (its latest name, if renamed)
            found.groups.append(((unit, meeting_type, name, year_of), start,
                                 len(found.meetings)))
    return found


def completeness(archive: Database, year: int | None = None, unit_id: int | None = None
                 ) -> list[Completeness]:
    """Per unit, meeting type and year (in that order), what the current filings show."""
    found = filings(archive, year, unit_id)
    return [found.completeness(*group) for group in found.groups]
