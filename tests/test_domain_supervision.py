"""The county's supervision signals on crafted records with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from meetingdesk.domain import supervision as s
from meetingdesk.domain.rules import RuleSet
from meetingdesk.services.setup import default_settings

YEAR = s.Period.year(2026)
DEFAULT = s.Thresholds.of(RuleSet.from_dict(default_settings()["rule_set"]))
THRESHOLDS = {1: DEFAULT, 2: DEFAULT}
UNITS = {1: "东陈乡", 2: "西周镇"}


class Records:
    """Meetings and items typed in a line each; ids given in order."""

    def __init__(self) -> None:
        self.filed = s.Filed({})

    def meeting(self, day: date, unit_id: int = 1, chief: str = "王书记") -> s.FiledMeeting:
        n = len(self.filed.meetings) + 1
        m = s.FiledMeeting(n, unit_id, UNITS[unit_id], f"uid-{n}", "党委会", n,
                           f"2026年第{n}次党委会", day, chief)
        self.filed.meetings[n] = m
        return m

    def item(self, meeting: s.FiledMeeting, **fields: object) -> s.FiledItem:
        no = sum(1 for i in self.filed.items if i.meeting_id == meeting.id) + 1
        fields.setdefault("title", f"议题{no}")
        item = s.FiledItem(len(self.filed.items) + 1, meeting.id, no, **fields)  # type: ignore[arg-type]
        self.filed.items.append(item)
        return item


def money(n: int | str) -> Decimal:
    return Decimal(str(n))


def test_default_thresholds_come_from_the_rule_set() -> None:
    assert (DEFAULT.regular, DEFAULT.project) == (money(50000), money(200000))
    assert DEFAULT.for_fund(None) == money(50000)  # no fund type: regular spending (R1)
    assert DEFAULT.for_fund("lending") is None


def test_just_under_is_the_band_below_the_threshold_never_at_it() -> None:
    r = Records()
    m = r.meeting(date(2026, 5, 6))
    for amount, fund in (("44999.99", None), ("45000", None), ("49999.99", "regular"),
                         ("50000", None), ("185000", "project"), ("179999", "project"),
                         ("199999", "project"), ("46000", "lending")):
        r.item(m, amount=money(amount), fund_type=fund)
    rows = s.just_under(r.filed, YEAR, THRESHOLDS)
    assert [(x.amount, x.threshold) for x in rows] == [
        (money(45000), 50000), (money("49999.99"), 50000), (money(185000), 200000),
        (money(199999), 200000)]
    assert rows[1].gap == money("0.01") and rows[0].behind == (s.Ref(m.id, 2),)
    wider = s.just_under(r.filed, YEAR, THRESHOLDS, band=Decimal("0.2"))
    assert money("44999.99") in [x.amount for x in wider]


def test_a_series_of_same_area_items_within_30_days_crossing_the_threshold() -> None:
    r = Records()
    day = date(2026, 6, 1)
    m1, m2, m3 = r.meeting(day), r.meeting(day + timedelta(10)), r.meeting(day + timedelta(30))
    a = r.item(m1, amount=money(20000), area="工程建设")
    b = r.item(m2, amount=money(18000), area="工程建设")
    c = r.item(m3, amount=money(15000), area="工程建设")  # 30 days after a: same series
    r.item(m2, amount=money(40000), area="水利")  # another area
    rows = s.split_series(r.filed, YEAR, THRESHOLDS)
    assert [(x.area, x.items, x.total, x.first, x.last) for x in rows] == [
        ("工程建设", 3, money(53000), day, day + timedelta(30))]
    assert rows[0].behind == (s.Ref(m1.id, a.id), s.Ref(m2.id, b.id), s.Ref(m3.id, c.id))


def test_31_days_apart_is_no_series_and_units_do_not_mix() -> None:
    r = Records()
    day = date(2026, 6, 1)
    m1, m2 = r.meeting(day), r.meeting(day + timedelta(31))
    r.item(m1, amount=money(30000), area="工程建设")
    r.item(m2, amount=money(30000), area="工程建设")
    other = r.meeting(day + timedelta(5), unit_id=2)
    r.item(other, amount=money(30000), area="工程建设")
    assert s.split_series(r.filed, YEAR, THRESHOLDS) == []


def test_a_series_needs_each_item_below_and_the_sum_at_the_threshold() -> None:
    r = Records()
    day = date(2026, 7, 1)
    m1, m2 = r.meeting(day), r.meeting(day + timedelta(3))
    r.item(m1, amount=money(25000), area="物资采购")
    r.item(m2, amount=money(24999), area="物资采购")  # 49,999: short by a yuan
    r.item(m2, amount=money(60000), area="物资采购")  # major on its own: not a split
    r.item(m2, amount=money(30000), area="物资采购", outcome="rejected")  # not spent
    assert s.split_series(r.filed, YEAR, THRESHOLDS) == []
    r.item(m2, amount=money(1), area="物资采购")  # now exactly 50,000
    rows = s.split_series(r.filed, YEAR, THRESHOLDS)
    assert [(x.items, x.total) for x in rows] == [(3, money(50000))]


def test_a_long_run_is_reported_once_per_longest_window() -> None:
    r = Records()
    day = date(2026, 8, 1)
    for offset in (0, 10, 20, 40, 50):
        r.item(r.meeting(day + timedelta(offset)), amount=money(20000), area="农业农村")
    rows = s.split_series(r.filed, YEAR, THRESHOLDS)
    # 0-20 (60,000), 10-40 (60,000), 20-50 (60,000): each a longest run from its first item
    assert [(x.first, x.last, x.items) for x in rows] == [
        (day, day + timedelta(20), 3), (day + timedelta(10), day + timedelta(40), 3),
        (day + timedelta(20), day + timedelta(50), 3)]


def test_project_funds_series_are_judged_by_the_project_threshold() -> None:
    r = Records()
    m1, m2 = r.meeting(date(2026, 9, 1)), r.meeting(date(2026, 9, 20))
    r.item(m1, amount=money(120000), area="水利", fund_type="project")
    r.item(m2, amount=money(90000), area="水利", fund_type="project")
    rows = s.split_series(r.filed, YEAR, THRESHOLDS)
    assert [(x.fund_type, x.total, x.threshold) for x in rows] == [
        ("project", money(210000), money(200000))]


def test_head_decisions_against_the_majority_with_reasons() -> None:
    r = Records()
    m = r.meeting(date(2026, 2, 2))
    r.item(m, mode="head", head_decision="agree")
    x = r.item(m, mode="head", head_decision="disagree", against_majority=True,
               head_reason="资金来源未落实", agree=5, disagree=1)
    r.item(m, mode="vote", against_majority=True)  # not head mode
    rows = s.against_majority(r.filed, YEAR)
    assert [(row.title, row.head_decision, row.reason, row.agree) for row in rows] == [
        (x.title, "disagree", "资金来源未落实", 5)]
    assert rows[0].behind == (s.Ref(m.id, x.id),)


def test_deferrals_that_returned_and_one_that_never_did() -> None:
    r = Records()
    m1 = r.meeting(date(2026, 3, 10))
    back = r.item(m1, outcome="deferred", deferral_reason="需进一步调研")
    never = r.item(m1, outcome="deferred", deferral_reason="意见分歧较大")
    m2 = r.meeting(date(2026, 4, 9))
    returned = r.item(m2, carried_from_uid=m1.uid, carried_from_no=back.no, outcome="passed")
    elsewhere = r.meeting(date(2026, 4, 1), unit_id=2)  # another unit's item with the same link
    r.item(elsewhere, carried_from_uid=m1.uid, carried_from_no=never.no)
    rows = s.deferrals(r.filed, YEAR, as_of=date(2026, 11, 29))
    assert [(x.item_no, x.returned, x.days, x.returned_outcome) for x in rows] == [
        (1, True, 30, "passed"), (2, False, 264, "")]
    assert rows[0].behind == (s.Ref(m1.id, back.id), s.Ref(m2.id, returned.id))
    assert rows[1].reason == "意见分歧较大" and rows[1].returned_in == ""


def stance(item: s.FiledItem, member: str, stance: str, chief: bool = False,
           kind: str = "opinion") -> s.FiledOpinion:
    return s.FiledOpinion(item.id, member, chief, kind, stance)


def test_unanimity_and_dissent_per_member_without_the_chiefs_last_word() -> None:
    r = Records()
    m = r.meeting(date(2026, 5, 1))
    items = [r.item(m) for _ in range(12)]
    opinions = []
    for n, item in enumerate(items):
        opinions.append(stance(item, "张委员", "agree"))  # never against: 附和
        opinions.append(stance(item, "李委员", "disagree" if n < 3 else "agree"))
        # the chief disagreeing alone leaves an item unanimous among the others
        opinions.append(stance(item, "王书记", "disagree" if n == 11 else "agree", chief=True))
        opinions.append(s.FiledOpinion(item.id, "王书记", True, "remark", None))  # procedural
    tallies, dissents, rounds = s.tally_stances(r.filed, opinions, YEAR)
    [row] = s.unanimity(dissents, rounds, UNITS)
    assert (row.items, row.unanimous) == (12, 9)
    assert row.behind == tuple(s.Ref(m.id, i.id) for i in items[:3])
    members = {x.member: x for x in s.member_stances(tallies, dissents, UNITS)}
    assert members["张委员"].echo and members["张委员"].dissent == 0
    assert (members["李委员"].dissent, members["李委员"].echo) == (3, False)
    assert abs(members["李委员"].dissent_rate - 0.25) < 1e-9
    assert members["王书记"].is_chief and not members["王书记"].echo
    assert members["张委员"].behind == row.behind  # how the yes-man stood on contested items
    assert list(members)[0] == "王书记"  # the chief's row first


def test_too_few_stances_are_not_called_echoing() -> None:
    r = Records()
    item = r.item(r.meeting(date(2026, 5, 1)))
    tallies, dissents, _ = s.tally_stances(r.filed, [stance(item, "张委员", "agree")], YEAR)
    assert not s.member_stances(tallies, dissents, UNITS)[0].echo
    assert s.member_stances(tallies, dissents, UNITS, min_stances=1)[0].echo


def test_attendance_and_the_chiefs_absences() -> None:
    r = Records()
    ms = [r.meeting(date(2026, month, 1)) for month in (1, 2, 3, 4)]
    rows_in = []
    for n, m in enumerate(ms):
        rows_in.append(s.FiledAttendance(m.id, "王书记", True, "absent" if n < 2 else "present",
                                         "出差" if n < 2 else ""))
        rows_in.append(s.FiledAttendance(m.id, "张委员", False, "late" if n == 3 else "present"))
    outside = r.meeting(date(2027, 1, 5))
    rows_in.append(s.FiledAttendance(outside.id, "王书记", True, "absent"))
    rows = s.attendance(*s.tally_attendance(r.filed, rows_in, YEAR), UNITS)
    chief, member = rows
    assert (chief.member, chief.is_chief, chief.meetings, chief.absent) == ("王书记", True, 4, 2)
    assert chief.attendance_rate == 0.5
    assert chief.behind == (s.Ref(ms[0].id), s.Ref(ms[1].id))
    assert (member.absent, member.late, member.behind) == (0, 1, (s.Ref(ms[3].id),))


def test_corrections_after_closing_only() -> None:
    r = Records()
    m = r.meeting(date(2026, 10, 8))
    at = datetime(2026, 10, 20, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    found = [s.FiledCorrection(1, m.id, at, "李记录", "记录有误", "第2项金额应为 4.5 万元"),
             s.FiledCorrection(2, m.id, at, "李记录", "笔误", "……", after_closing=False)]
    [row] = s.corrections(r.filed, found, YEAR)
    assert (row.author, row.reason, row.days_after, row.behind) == (
        "李记录", "记录有误", 12, (s.Ref(m.id),))


def test_period_label() -> None:
    assert YEAR.label == "2026年"
    assert s.Period(date(2026, 1, 1), date(2026, 3, 31)).label == "2026年1月1日至2026年3月31日"
