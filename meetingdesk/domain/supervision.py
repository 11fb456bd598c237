"""The county's supervision signals (DOMAIN.md, "The county"), per unit and period, each row
with the records behind it.

The inputs mirror the archive's index tables (filed_meetings, filed_items, filed_attendance,
filed_opinions, filed_corrections); the stance and attendance signals take tallies (one row a
member) so that an archive of a thousand units can count in SQL, and ``tally_stances`` /
``tally_attendance`` count the same from the plain records. Nothing here reads a database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Iterable, Sequence

from .rules import RuleSet

STATED = ("opinion", "written")  # speeches that carry a member's stance (R5, R6)
DISSENT = ("disagree", "defer")  # stances against (R6, R9)
SPENT = ("passed", "concluded")  # outcomes that let money be spent
SERIES_DAYS = 30  # 拆分规避: same-area items this many days apart or fewer form a series
BAND = Decimal("0.10")  # "just under": this share below a threshold, up to it
ECHO_MIN_STANCES = 10  # 附和: never against, over at least this many stances
OUTCOMES = {"passed": ("通过", "passed"), "rejected": ("未通过", "rejected"),
            "deferred": ("缓议", "deferred"), "concluded": ("已结束", "concluded")}


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) \
                and self.start.year == self.end.year:
            return f"{self.start.year}年"
        return f"{_day(self.start)}至{_day(self.end)}"


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """R1's two amounts, from the unit's rule set."""

    regular: Decimal
    project: Decimal

    @classmethod
    def of(cls, rules: RuleSet) -> Thresholds:
        return cls(rules.regular_spending_threshold, rules.project_funds_threshold)

    def for_fund(self, fund_type: str | None) -> Decimal | None:
        """The threshold an amount of this fund type is judged by; an amount without a fund
        type is regular spending (R1); lending, guarantee and financing have none."""
        return {"regular": self.regular, "project": self.project}.get(fund_type or "regular")


@dataclass(frozen=True, slots=True)
class FiledMeeting:
    id: int
    unit_id: int
    unit: str
    uid: str
    meeting_type: str
    number: int
    title: str
    held_on: date
    chief: str = ""


@dataclass(frozen=True, slots=True)
class FiledItem:
    id: int
    meeting_id: int
    no: int
    title: str
    category: str = "general"
    major: bool = False
    amount: Decimal | None = None
    fund_type: str | None = None
    area: str = ""
    mode: str = "vote"
    outcome: str = "passed"
    deferral_reason: str = ""
    head_decision: str = ""
    head_reason: str = ""
    against_majority: bool = False
    carried_from_uid: str | None = None
    carried_from_no: int | None = None
    agree: int = 0
    disagree: int = 0
    abstain: int = 0


@dataclass(frozen=True, slots=True)
class FiledAttendance:
    meeting_id: int
    member: str
    is_chief: bool
    status: str  # present | absent | late | left_early
    reason: str = ""


@dataclass(frozen=True, slots=True)
class FiledOpinion:
    item_id: int
    member: str
    is_chief: bool
    kind: str
    stance: str | None


@dataclass(frozen=True, slots=True)
class FiledCorrection:
    id: int
    meeting_id: int
    at: datetime
    author: str
    reason: str
    text: str
    after_closing: bool = True


@dataclass(frozen=True, slots=True)
class Ref:
    """A record behind a signal row: a meeting, or one item of it."""

    meeting_id: int
    item_id: int | None = None


@dataclass(slots=True)
class Filed:
    """The filed records a signal is computed from: the period's current records, and, for
    deferrals, the later items that may have brought them back."""

    meetings: dict[int, FiledMeeting]
    items: list[FiledItem] = field(default_factory=list)

    def meeting_of(self, item: FiledItem) -> FiledMeeting:
        return self.meetings[item.meeting_id]

    def in_period(self, period: Period) -> list[FiledItem]:
        return [i for i in self.items if self.meeting_of(i).held_on in period]


def _ref(item: FiledItem) -> Ref:
    return Ref(item.meeting_id, item.id)


# (a) 三重一大 items by category and amount (counted by the archive in SQL)

@dataclass(frozen=True, slots=True)
class MajorRow:
    unit: str
    category: str
    items: int
    total: Decimal  # of the items that state an amount
    largest: Decimal | None
    behind: tuple[Ref, ...]


# (b) amounts just under a threshold

@dataclass(frozen=True, slots=True)
class JustUnderRow:
    unit: str
    held_on: date
    meeting: str
    item_no: int
    title: str
    amount: Decimal
    fund_type: str | None
    threshold: Decimal
    behind: tuple[Ref, ...]

    @property
    def gap(self) -> Decimal:
        return self.threshold - self.amount


def just_under(filed: Filed, period: Period, thresholds: dict[int, Thresholds],
               band: Decimal = BAND) -> list[JustUnderRow]:
    """Items whose amount is at least ``band`` below their threshold and still under it
    (default 45,000–49,999.99 yuan of regular spending); at the threshold an item is major."""
    rows = []
    for item in filed.in_period(period):
        meeting = filed.meeting_of(item)
        limit = thresholds[meeting.unit_id].for_fund(item.fund_type)
        if item.amount is None or limit is None:
            continue
        if limit * (1 - band) <= item.amount < limit:
            rows.append(JustUnderRow(meeting.unit, meeting.held_on, meeting.title, item.no,
                                     item.title, item.amount, item.fund_type, limit,
                                     (_ref(item),)))
    return sorted(rows, key=lambda r: (r.unit, r.held_on, r.item_no))


# (c) same-area series crossing a threshold within 30 days (拆分规避)

@dataclass(frozen=True, slots=True)
class SeriesRow:
    unit: str
    area: str
    fund_type: str  # regular | project
    first: date
    last: date
    items: int
    total: Decimal
    threshold: Decimal
    behind: tuple[Ref, ...]


def split_series(filed: Filed, period: Period, thresholds: dict[int, Thresholds],
                 days: int = SERIES_DAYS) -> list[SeriesRow]:
    """Items of one unit and area, each below its threshold and spent (passed or concluded),
    held at most ``days`` apart from first to last, whose amounts together reach the threshold.
    Each longest such run is reported once; a run counts for the period if any of its items
    falls in it (``filed`` may hold items from ``days`` before the period)."""
    groups: dict[tuple[int, str, str], list[tuple[date, FiledItem]]] = defaultdict(list)
    for item in filed.items:
        meeting = filed.meeting_of(item)
        limit = thresholds[meeting.unit_id].for_fund(item.fund_type)
        if (item.amount is None or limit is None or item.amount >= limit or not item.area
                or item.outcome not in SPENT):
            continue
        groups[meeting.unit_id, item.area, item.fund_type or "regular"].append(
            (meeting.held_on, item))
    rows = []
    for (unit_id, area, fund), run in sorted(groups.items()):
        run.sort(key=lambda p: (p[0], p[1].meeting_id, p[1].no))
        limit = thresholds[unit_id].for_fund(fund)
        assert limit is not None
        running = [Decimal(0)]  # running[k]: the amounts of the first k items together
        for _, i in run:
            running.append(running[-1] + i.amount)  # type: ignore[operator]
        reported_to = -1
        end = 0
        span = timedelta(days)
        for start in range(len(run)):
            end = max(end, start)
            while end + 1 < len(run) and run[end + 1][0] - run[start][0] <= span:
                end += 1
            total = running[end + 1] - running[start]
            if end <= reported_to or end == start or total < limit:
                continue
            window = run[start:end + 1]
            if not any(d in period for d, _ in window):
                continue
            reported_to = end
            rows.append(SeriesRow(filed.meeting_of(window[0][1]).unit, area, fund,
                                  window[0][0], window[-1][0], len(window), total, limit,
                                  tuple(_ref(i) for _, i in window)))
    return rows


# (d) head decisions against the majority (R10)

@dataclass(frozen=True, slots=True)
class AgainstRow:
    unit: str
    held_on: date
    meeting: str
    item_no: int
    title: str
    head_decision: str
    reason: str
    agree: int
    disagree: int
    behind: tuple[Ref, ...]


def against_majority(filed: Filed, period: Period) -> list[AgainstRow]:
    rows = []
    for item in filed.in_period(period):
        if item.mode == "head" and item.against_majority:
            m = filed.meeting_of(item)
            rows.append(AgainstRow(m.unit, m.held_on, m.title, item.no, item.title,
                                   item.head_decision, item.head_reason, item.agree,
                                   item.disagree, (_ref(item),)))
    return sorted(rows, key=lambda r: (r.unit, r.held_on, r.item_no))


# (e) deferrals (R9) and whether they came back

@dataclass(frozen=True, slots=True)
class DeferralRow:
    unit: str
    held_on: date
    meeting: str
    item_no: int
    title: str
    reason: str
    returned_on: date | None  # the first later meeting that took the item up
    returned_in: str
    returned_outcome: str
    days: int  # to its return, or open until ``as_of``
    behind: tuple[Ref, ...]

    @property
    def returned(self) -> bool:
        return self.returned_on is not None


def deferrals(filed: Filed, period: Period, as_of: date) -> list[DeferralRow]:
    """Every item deferred in the period, with the first later item carried from it (same
    unit); one that never came back counts its days open up to ``as_of``."""
    returns: dict[tuple[int, str, int], list[FiledItem]] = defaultdict(list)
    for item in filed.items:
        if item.carried_from_uid is not None and item.carried_from_no is not None:
            unit_id = filed.meeting_of(item).unit_id
            returns[unit_id, item.carried_from_uid, item.carried_from_no].append(item)
    rows = []
    for item in filed.in_period(period):
        if item.outcome != "deferred":
            continue
        m = filed.meeting_of(item)
        later = sorted(returns.get((m.unit_id, m.uid, item.no), ()),
                       key=lambda i: filed.meeting_of(i).held_on)
        back = later[0] if later else None
        behind = (_ref(item),) + ((_ref(back),) if back else ())
        if back is None:
            rows.append(DeferralRow(m.unit, m.held_on, m.title, item.no, item.title,
                                    item.deferral_reason, None, "", "",
                                    (as_of - m.held_on).days, behind))
        else:
            bm = filed.meeting_of(back)
            rows.append(DeferralRow(m.unit, m.held_on, m.title, item.no, item.title,
                                    item.deferral_reason, bm.held_on, bm.title, back.outcome,
                                    (bm.held_on - m.held_on).days, behind))
    return sorted(rows, key=lambda r: (r.unit, r.held_on, r.item_no))


# (f) unanimity and dissent per member (附和)

@dataclass(frozen=True, slots=True)
class StanceTally:
    """One member's stances in a unit over the period (from filed_opinions)."""

    unit_id: int
    member: str
    is_chief: bool
    agree: int = 0
    disagree: int = 0
    defer: int = 0
    abstain: int = 0

    @property
    def stances(self) -> int:
        return self.agree + self.disagree + self.defer + self.abstain


@dataclass(frozen=True, slots=True)
class Dissent:
    """A stance other than agree: the records behind the dissent counts."""

    unit_id: int
    meeting_id: int
    item_id: int
    member: str
    is_chief: bool
    stance: str


def tally_stances(filed: Filed, opinions: Iterable[FiledOpinion], period: Period
                  ) -> tuple[list[StanceTally], list[Dissent], dict[int, int]]:
    """What the stance signals read, from the plain records (the archive counts the same in
    SQL): each member's tally, the stances other than agree, and per unit the items with a
    round of stances."""
    items = {i.id: i for i in filed.in_period(period)}
    counts: dict[tuple[int, str, bool], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    stated: dict[int, set[int]] = defaultdict(set)
    dissents = []
    for o in opinions:
        if o.item_id not in items or o.kind not in STATED or o.stance is None:
            continue
        item = items[o.item_id]
        unit_id = filed.meeting_of(item).unit_id
        counts[unit_id, o.member, o.is_chief][o.stance] += 1
        stated[unit_id].add(o.item_id)
        if o.stance != "agree":
            dissents.append(Dissent(unit_id, item.meeting_id, o.item_id, o.member, o.is_chief,
                                    o.stance))
    members = [StanceTally(u, name, chief, c["agree"], c["disagree"], c["defer"], c["abstain"])
               for (u, name, chief), c in counts.items()]
    return members, dissents, {u: len(i) for u, i in stated.items()}


def _in_order(refs: Iterable[Ref]) -> tuple[Ref, ...]:
    return tuple(sorted(set(refs), key=lambda r: (r.meeting_id, r.item_id or 0)))


def _contested(dissents: Iterable[Dissent]) -> dict[int, tuple[Ref, ...]]:
    """Per unit, the items where a member other than the chief did not agree: the chief's
    last word does not divide the team (R5: the chief speaks after them)."""
    found: dict[int, list[Ref]] = defaultdict(list)
    for d in dissents:
        if not d.is_chief:
            found[d.unit_id].append(Ref(d.meeting_id, d.item_id))
    return {u: _in_order(refs) for u, refs in found.items()}


@dataclass(frozen=True, slots=True)
class UnanimityRow:
    unit: str
    items: int  # items with stances stated
    unanimous: int  # of them, every member but the chief agreed
    behind: tuple[Ref, ...]  # the contested items

    @property
    def rate(self) -> float:
        return self.unanimous / self.items if self.items else 0.0


def unanimity(dissents: Sequence[Dissent], rounds: dict[int, int], units: dict[int, str]
              ) -> list[UnanimityRow]:
    """Per unit, the share of items with a round of stances (``rounds``) left uncontested."""
    contested = _contested(dissents)
    rows = [UnanimityRow(units[u], n, n - len(contested.get(u, ())), contested.get(u, ()))
            for u, n in rounds.items()]
    return sorted(rows, key=lambda r: r.unit)


@dataclass(frozen=True, slots=True)
class MemberRow:
    unit: str
    member: str
    is_chief: bool
    stances: int
    agree: int
    dissent: int  # disagree + defer
    abstain: int
    echo: bool  # 附和: never against over at least ``min_stances`` (never said of the chief)
    behind: tuple[Ref, ...]  # the member's own dissents; for one echoing, the unit's contested

    @property
    def dissent_rate(self) -> float:
        return self.dissent / self.stances if self.stances else 0.0


def member_stances(tallies: Sequence[StanceTally], dissents: Sequence[Dissent],
                   units: dict[int, str], min_stances: int = ECHO_MIN_STANCES
                   ) -> list[MemberRow]:
    """Each member's stances and dissent rate. Behind a member who never dissents are the
    items the others contested, where the member agreed all the same."""
    own: dict[tuple[int, str], list[Ref]] = defaultdict(list)
    for d in dissents:
        own[d.unit_id, d.member].append(Ref(d.meeting_id, d.item_id))
    contested = _contested(dissents)
    rows = []
    for t in tallies:
        dissent = t.disagree + t.defer
        echo = not t.is_chief and dissent == 0 and t.stances >= min_stances
        behind = contested.get(t.unit_id, ()) if echo else _in_order(own[t.unit_id, t.member])
        rows.append(MemberRow(units[t.unit_id], t.member, t.is_chief, t.stances, t.agree,
                              dissent, t.abstain, echo, behind))
    return sorted(rows, key=lambda r: (r.unit, not r.is_chief, -r.stances, r.member))


# (g) attendance and the chief's absences

@dataclass(frozen=True, slots=True)
class AttendanceTally:
    unit_id: int
    member: str
    is_chief: bool
    meetings: int  # expected at
    absent: int = 0
    late: int = 0
    left_early: int = 0


@dataclass(frozen=True, slots=True)
class Absence:
    """A meeting a member missed all or part of."""

    unit_id: int
    meeting_id: int
    member: str
    status: str


def tally_attendance(filed: Filed, attendance: Iterable[FiledAttendance], period: Period
                     ) -> tuple[list[AttendanceTally], list[Absence]]:
    counts: dict[tuple[int, str, bool], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    absences = []
    for a in attendance:
        m = filed.meetings.get(a.meeting_id)
        if m is None or m.held_on not in period:
            continue
        counts[m.unit_id, a.member, a.is_chief][a.status] += 1
        if a.status != "present":
            absences.append(Absence(m.unit_id, m.id, a.member, a.status))
    tallies = [AttendanceTally(u, name, chief, sum(c.values()), c["absent"], c["late"],
                               c["left_early"]) for (u, name, chief), c in counts.items()]
    return tallies, absences


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    unit: str
    member: str
    is_chief: bool
    meetings: int
    absent: int
    late: int
    left_early: int
    behind: tuple[Ref, ...]  # the meetings missed all or part of

    @property
    def attendance_rate(self) -> float:
        return (self.meetings - self.absent) / self.meetings if self.meetings else 0.0


def attendance(tallies: Sequence[AttendanceTally], absences: Sequence[Absence],
               units: dict[int, str]) -> list[AttendanceRow]:
    """One row a member and unit, the chief first; the chief's absences are the chief's row."""
    behind: dict[tuple[int, str], list[Ref]] = defaultdict(list)
    for a in absences:
        behind[a.unit_id, a.member].append(Ref(a.meeting_id))
    rows = [AttendanceRow(units[t.unit_id], t.member, t.is_chief, t.meetings, t.absent, t.late,
                          t.left_early, _in_order(behind[t.unit_id, t.member]))
            for t in tallies]
    return sorted(rows, key=lambda r: (r.unit, not r.is_chief, -r.absent, r.member))


# (h) corrections after closing (R12)

@dataclass(frozen=True, slots=True)
class CorrectionRow:
    unit: str
    held_on: date
    meeting: str
    at: datetime
    author: str
    reason: str
    text: str
    behind: tuple[Ref, ...]

    @property
    def days_after(self) -> int:
        return (self.at.date() - self.held_on).days


def corrections(filed: Filed, found: Iterable[FiledCorrection], period: Period
                ) -> list[CorrectionRow]:
    rows = []
    for c in found:
        m = filed.meetings.get(c.meeting_id)
        if m is None or m.held_on not in period or not c.after_closing:
            continue
        rows.append(CorrectionRow(m.unit, m.held_on, m.title, c.at, c.author, c.reason, c.text,
                                  (Ref(m.id),)))
    return sorted(rows, key=lambda r: (r.unit, r.held_on, r.at))
