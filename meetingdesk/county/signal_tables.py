"""How each supervision signal is shown: its name, its columns and the cells of a row, in
Chinese and English, for the window, the command line and the exports alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterable

from meetingdesk.domain import supervision as s
from meetingdesk.domain.words import CATEGORIES, FUND_TYPES, HEAD_DECISIONS

# Kinds of cell: how an export formats a column
TEXT, COUNT, MONEY, RATE, DAY, TIME, FLAG = "text", "count", "money", "rate", "day", "time", "flag"


@dataclass(frozen=True)
class Column:
    zh: str
    en: str
    kind: str = TEXT


@dataclass(frozen=True)
class SignalSpec:
    code: str
    zh: str
    en: str
    about_zh: str  # one line: what the rows are
    about_en: str
    columns: tuple[Column, ...]
    cells: Callable[[Any, str], list[Any]]  # a row, the language -> one value a column
    # where a month-by-month count reads better than the table alone: the records of a row
    # that count (None: no chart)
    trend: Callable[[Any], Iterable[s.Ref]] | None

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def headers(self, lang: str) -> list[str]:
        return [c.en if lang == "en" else c.zh for c in self.columns]


def _w(vocabulary: dict[str, tuple[str, str]], code: str | None, lang: str) -> str:
    if not code or code not in vocabulary:
        return code or ""
    return vocabulary[code][1 if lang == "en" else 0]


def _yes(flag: bool, lang: str) -> str:
    return ("yes" if flag else "") if lang == "en" else ("是" if flag else "")


def _fund(code: str | None, lang: str) -> str:
    return _w(FUND_TYPES, code or "regular", lang)


UNIT = Column("单位", "Unit")
DAY_HELD = Column("会议日期", "Held on", DAY)
MEETING = Column("会议", "Meeting")
ITEM_NO = Column("议题序号", "Item", COUNT)
ITEM = Column("议题", "Item title")


def _behind(row: Any) -> Iterable[s.Ref]:
    return row.behind


def _deferral_itself(row: s.DeferralRow) -> Iterable[s.Ref]:
    return row.behind[:1]  # not the later item that brought it back


def _major(r: s.MajorRow, lang: str) -> list[Any]:
    # no amount stated (an appointment): "—", not a total of 0.00
    total = r.total if r.largest is not None else None
    return [r.unit, _w(CATEGORIES, r.category, lang), r.items, total, r.largest]


def _just_under(r: s.JustUnderRow, lang: str) -> list[Any]:
    return [r.unit, r.held_on, r.meeting, r.item_no, r.title, r.amount,
            _fund(r.fund_type, lang), r.threshold, r.gap]


def _series(r: s.SeriesRow, lang: str) -> list[Any]:
    return [r.unit, r.area, _fund(r.fund_type, lang), r.first, r.last, r.items, r.total,
            r.threshold]


def _against(r: s.AgainstRow, lang: str) -> list[Any]:
    return [r.unit, r.held_on, r.meeting, r.item_no, r.title,
            _w(HEAD_DECISIONS, r.head_decision, lang), r.reason, r.agree, r.disagree]


def _deferral(r: s.DeferralRow, lang: str) -> list[Any]:
    state = (("returned", "open") if lang == "en" else ("已复议", "未复议"))[not r.returned]
    return [r.unit, r.held_on, r.meeting, r.item_no, r.title, r.reason, state, r.returned_on,
            r.returned_in, _w(s.OUTCOMES, r.returned_outcome, lang), r.days]


def _unanimity(r: s.UnanimityRow, lang: str) -> list[Any]:
    return [r.unit, r.items, r.unanimous, r.rate, r.items - r.unanimous]


def _member(r: s.MemberRow, lang: str) -> list[Any]:
    return [r.unit, r.member, _yes(r.is_chief, lang), r.stances, r.agree, r.dissent, r.abstain,
            r.dissent_rate, _yes(r.echo, lang)]


def _attendance(r: s.AttendanceRow, lang: str) -> list[Any]:
    return [r.unit, r.member, _yes(r.is_chief, lang), r.meetings, r.absent, r.late,
            r.left_early, r.attendance_rate]


def _correction(r: s.CorrectionRow, lang: str) -> list[Any]:
    return [r.unit, r.held_on, r.meeting, r.at, r.author, r.reason, r.text, r.days_after]


SPECS: tuple[SignalSpec, ...] = (
    SignalSpec("major", "三重一大事项", "Major matters (三重一大)",
               "按单位和类别统计的三重一大事项及金额",
               "major matters by unit and category, with their amounts",
               (UNIT, Column("类别", "Category"), Column("事项数", "Items", COUNT),
                Column("金额合计（元）", "Total (yuan)", MONEY),
                Column("最大金额（元）", "Largest (yuan)", MONEY)), _major, _behind),
    SignalSpec("just_under", "金额接近限额", "Amounts just under a threshold",
               "金额在三重一大限额以下 10% 以内的议题（如经常性经费 45,000 至 49,999 元）",
               "items within 10% under a 三重一大 threshold (e.g. 45,000-49,999 yuan)",
               (UNIT, DAY_HELD, MEETING, ITEM_NO, ITEM, Column("金额（元）", "Amount (yuan)", MONEY),
                Column("资金类型", "Fund type"), Column("限额（元）", "Threshold (yuan)", MONEY),
                Column("差额（元）", "Under by (yuan)", MONEY)), _just_under, _behind),
    SignalSpec("series", "同领域拆分", "Same-area series (splitting)",
               "同一单位同一领域 30 日内多项议题，单项未达限额而合计达到限额（拆分规避）",
               "items of one unit and area within 30 days, each under the threshold, "
               "together at or over it",
               (UNIT, Column("领域", "Area"), Column("资金类型", "Fund type"),
                Column("首项日期", "First", DAY), Column("末项日期", "Last", DAY),
                Column("事项数", "Items", COUNT), Column("合计（元）", "Total (yuan)", MONEY),
                Column("限额（元）", "Threshold (yuan)", MONEY)), _series, _behind),
    SignalSpec("against", "首长决定与多数意见相左", "Head decisions against the majority",
               "行政首长负责制会议中与多数意见相左的决定及理由（R10）",
               "head decisions against the majority of opinions, with the reasons (R10)",
               (UNIT, DAY_HELD, MEETING, ITEM_NO, ITEM, Column("首长决定", "Decision"),
                Column("理由", "Reason"), Column("同意", "Agree", COUNT),
                Column("不同意或缓议", "Against", COUNT)), _against, _behind),
    SignalSpec("deferrals", "缓议事项", "Deferrals",
               "暂缓表决的议题是否再次上会、相隔多少天，未再上会的已搁置多少天（R9）",
               "deferred items: whether they came back and after how long, or how long open",
               (UNIT, DAY_HELD, MEETING, ITEM_NO, ITEM, Column("缓议理由", "Reason"),
                Column("状态", "State"), Column("再次上会日期", "Returned on", DAY),
                Column("再次上会会议", "Returned in"), Column("结果", "Outcome"),
                Column("天数", "Days", COUNT)), _deferral, _deferral_itself),
    SignalSpec("unanimity", "意见一致率", "Unanimity",
               "各单位表态议题中除一把手外全体同意的比例；有分歧的议题可查看",
               "share of items every member but the chief agreed to; the contested ones "
               "behind",
               (UNIT, Column("表态议题数", "Items", COUNT), Column("全体同意", "Unanimous", COUNT),
                Column("一致率", "Rate", RATE), Column("有分歧", "Contested", COUNT)),
               _unanimity, None),
    SignalSpec("members", "成员表态与附和", "Member stances (echoing)",
               "每位成员的表态和异议率；从未提出异议者标为附和（一把手除外）",
               "each member's stances and dissent rate; never against marks echoing "
               "(not said of the chief)",
               (UNIT, Column("成员", "Member"), Column("一把手", "Chief"),
                Column("表态次数", "Stances", COUNT), Column("同意", "Agree", COUNT),
                Column("不同意或缓议", "Against", COUNT), Column("弃权", "Abstain", COUNT),
                Column("异议率", "Dissent rate", RATE), Column("附和", "Echoing")),
               _member, None),
    SignalSpec("attendance", "出席情况", "Attendance",
               "每位成员应出席、缺席、迟到和早退的次数，一把手在前",
               "each member's meetings, absences, late arrivals and early leaving, the chief "
               "first",
               (UNIT, Column("成员", "Member"), Column("一把手", "Chief"),
                Column("应出席", "Meetings", COUNT), Column("缺席", "Absent", COUNT),
                Column("迟到", "Late", COUNT), Column("早退", "Left early", COUNT),
                Column("出席率", "Attendance", RATE)), _attendance, _behind),
    SignalSpec("corrections", "闭会后更正", "Corrections after closing",
               "会议闭会后作出的更正（R12）：何人、何时、为何、改了什么",
               "corrections made after the meeting closed (R12): who, when, why, what",
               (UNIT, DAY_HELD, MEETING, Column("更正时间", "Corrected at", TIME),
                Column("更正人", "By"), Column("理由", "Reason"), Column("内容", "Text"),
                Column("闭会后天数", "Days after", COUNT)), _correction, _behind),
)
BY_CODE = {spec.code: spec for spec in SPECS}


def shown(value: Any, kind: str) -> str:
    """A cell as text (the command line, the PDF, the window's table)."""
    if value is None or value == "":
        return "—" if kind in (MONEY, DAY) else ""
    if kind == MONEY:
        return f"{Decimal(value):,.2f}"
    if kind == RATE:
        return f"{value:.1%}"
    if kind == TIME and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
