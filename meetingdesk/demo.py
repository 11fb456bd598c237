"""`meetingdesk demo`: a realistic township party committee, recorded through the services.

晓塘乡党委 with 9 members, a division of work, the default rule set, one closed meeting (a
三重一大 fund item, an appointment by secret ballot with a recusal, submitted, checked, approved
and its materials given days ahead (R13), a deferred item; signed on screen by the recorder and
the chair), follow-up tasks on its decisions (R14: one overdue, one completed), submissions in
each state (one withdrawn), and one meeting in progress that hears how a decision is being
carried out. The unit has a signing certificate protected by DEMO_PASSPHRASE, so the closed
meeting exports as a signed record.
Everything goes through Desk, so the demo obeys the same rules as a user.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from typing import Callable

from meetingdesk.services import Desk
from meetingdesk.services.records import Records

TZ = timezone(timedelta(hours=8))
UNIT_NAME = "晓塘乡党委"
DEMO_PASSPHRASE = "xiaotang-demo"  # the demo unit certificate's passphrase (see the README)

MEMBERS = [  # name, position, is_chief
    ("徐颖峰", "党委书记", True),
    ("李犇", "党委副书记、乡长", False),
    ("张喆", "党委副书记", False),
    ("陈玥", "党委委员、纪委书记", False),
    ("刘珺", "党委委员、组织委员", False),
    ("赵燊", "党委委员、宣传委员", False),
    ("孙昇", "党委委员、副乡长", False),
    ("周海堃", "党委委员、副乡长", False),
    ("吴敏", "党委委员、人武部长", False),
]
PORTFOLIOS = {  # area -> member index
    "党建": 0, "人事": 4, "财务": 1, "行政审批": 6, "工程建设": 7, "物资采购": 7,
    "纪检监察": 3, "宣传": 5, "农业农村": 6, "水利": 7, "安全生产": 8, "综合治理": 2,
}


class DemoClock:
    """A clock the demo moves forward by hand, so that the record reads like a real morning."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def build_demo(desk: Desk, clock: DemoClock | None = None) -> int:
    """Create the demo unit in `desk` and return its id. Refuses if it exists already."""
    clock = clock or DemoClock(datetime(2026, 11, 10, 8, 55, tzinfo=TZ))
    desk.simulate_clock(clock)
    unit = desk.create_unit(UNIT_NAME)
    ids = [desk.add_member(unit, name, position, rank, chief)
           for rank, (name, position, chief) in enumerate(MEMBERS, 1)]
    for area, index in PORTFOLIOS.items():
        desk.assign_portfolio(unit, ids[index], area)
    Records(desk).create_certificate(unit, DEMO_PASSPHRASE)
    start = clock.now
    clock.now = start - timedelta(days=5)
    appointment = _appointment_submitted(desk, clock, unit, ids)
    clock.now = start
    closed = _closed_meeting(desk, clock, unit, ids, appointment)
    _follow_up(desk, clock, unit, closed, ids)
    clock.now = start + timedelta(days=9)
    _submissions_in_each_state(desk, clock, unit, ids)
    clock.now = datetime(2026, 11, 24, 8, 55, tzinfo=TZ)
    _meeting_in_progress(desk, clock, unit, ids)
    return unit


def _appointment_submitted(desk: Desk, clock: DemoClock, unit: int, ids: list[int]) -> int:
    """The closed meeting's appointment, as R13 wants it: submitted by the organisation member,
    its checks done, approved by the chief, its materials given to members days ahead."""
    chief, organisation, discipline = ids[0], ids[4], ids[3]
    no = desk.submit(unit, organisation, title="推荐晓塘村党支部书记人选", kind="decision",
                     category="appointment", area="人事", presenter_id=organisation,
                     vote_mode="secret", materials=["林玥同志考察材料.pdf"],
                     candidates=[{"name": "林玥", "current_post": "晓塘村村委委员",
                                  "proposed_post": "晓塘村党支部书记"}])
    clock.advance(60 * 24)
    desk.mark_check_done(unit, no, "考察材料", organisation, "考察组已完成考察，形成考察材料。")
    clock.advance(60)
    desk.mark_check_done(unit, no, "纪委廉政意见", discipline, "经核查，未发现廉政方面问题。")
    clock.advance(60)
    desk.approve_submission(unit, no, chief)
    clock.advance(60 * 24)
    desk.record_materials_given(unit, no, organisation, clock.now)
    return no


def _follow_up(desk: Desk, clock: DemoClock, unit: int, meeting: int, ids: list[int]) -> None:
    """Tasks on the closed meeting's two decisions: one completed, one overdue, one open."""
    chief, organisation, agri = ids[0], ids[4], ids[6]
    clock.advance(30)
    funds = desk.assign_task(meeting, 1, "按分配方案将补助资金拨付至4个合作社并公示名单",
                             "2026-11-20", member_id=agri, by=chief)
    desk.assign_task(meeting, 1, "监督补助资金发放，防止优亲厚友", "2026-12-31",
                     department="乡纪委", by=chief)
    report = desk.assign_task(meeting, 2, "按程序将推荐人选报县委组织部审批", "2026-11-17",
                              member_id=organisation, by=chief)
    clock.now += timedelta(days=5)
    desk.note_progress(unit, funds, clock.now.date(), "已向2个合作社拨付补助资金共18万元。")
    clock.now += timedelta(days=1)
    desk.complete_task(unit, report, "已于11月16日将推荐人选材料报送县委组织部。")


def _submissions_in_each_state(desk: Desk, clock: DemoClock, unit: int,
                               ids: list[int]) -> None:
    """Awaiting approval with a check still to do, returned with a reason, approved, and
    withdrawn by its submitter with a reason."""
    chief, deputy, agri, works = ids[0], ids[2], ids[6], ids[7]
    waiting = desk.submit(unit, agri, title="村级公益事业一事一议财政奖补项目", kind="decision",
                          category="project", amount="450000", fund_type="project",
                          area="农业农村", presenter_id=agri)
    clock.advance(60)
    desk.mark_check_done(unit, waiting, "可行性论证", agri, "已组织实地踏勘和可行性论证。")
    clock.advance(60)
    returned = desk.submit(unit, works, title="乡机关食堂外包服务采购", kind="decision",
                           amount="60000", fund_type="regular", area="物资采购",
                           presenter_id=works)
    clock.advance(60)
    desk.return_submission(unit, returned, chief, "预算测算依据不足，请补充询价材料后重新申报。")
    clock.advance(60)
    approved = desk.submit(unit, deputy, title="乡综治中心视频监控设备更新", kind="decision",
                           amount="28000", fund_type="regular", area="综合治理",
                           presenter_id=deputy)
    clock.advance(60)
    desk.approve_submission(unit, approved, chief)
    clock.advance(60)
    withdrawn = desk.submit(unit, deputy, title="乡综治中心值班室改造", kind="decision",
                            amount="16000", fund_type="regular", area="综合治理",
                            presenter_id=deputy)
    clock.advance(60 * 3)
    desk.withdraw_submission(unit, withdrawn, deputy, "县综治中心将统一改造各乡值班室，本乡不再单独实施。")


def _closed_meeting(desk: Desk, clock: DemoClock, unit: int, ids: list[int],
                    appointment: int) -> int:
    chief, mayor, deputy, discipline, organisation, publicity, agri, works, militia = ids
    meeting = desk.create_meeting(
        unit, "party_committee", "2026-11-10T09:00:00+08:00", "乡政府三楼会议室", chief,
        "郑小玲", observers=[{"name": "钱立", "position": "县纪委监委派驻纪检组组长"}])
    desk.add_item(meeting, title="拨付台风灾后农业合作社恢复生产补助资金", kind="decision",
                  category="funds", amount="360000", fund_type="project", area="农业农村",
                  presenter_id=agri, vote_mode="hands", materials=["补助资金分配方案.docx"])
    desk.schedule_submission(meeting, appointment)
    desk.add_item(meeting, title="乡文化礼堂改造工程追加投资", kind="decision",
                  category="project", amount="850000", fund_type="project", area="工程建设",
                  presenter_id=works, vote_mode="hands")
    step: Callable[[float], None] = clock.advance
    desk.start_meeting(meeting)
    for member in ids:
        step(0.2)
        if member == militia:
            desk.mark_absent(meeting, member, "参加县人武部集训")
        else:
            desk.mark_present(meeting, member)
    desk.record_written_opinion(meeting, 1, militia, "agree",
                                "同意补助方案，建议资金尽快拨付到位。")
    step(1)
    desk.open_session(meeting)

    # Item 1: a 三重一大 fund item, every member in turn, the chief last, hands vote.
    step(1)
    desk.open_item(meeting, 1)
    step(1)
    desk.report(meeting, 1, agri, "受今年台风影响，全乡4个龙头农业合作社损失较大。经实地走访，"
                "拟安排项目资金36万元用于恢复生产补助，按受灾面积分配。")
    words = {
        works: ("agree", "同意。水利设施修复要同步安排。"),
        agri: ("agree", "同意，农业农村办负责按方案发放。"),
        publicity: ("agree", "同意，补助名单要公示。"),
        organisation: ("agree", "同意。"),
        discipline: ("agree", "同意，纪委全程监督资金发放，防止优亲厚友。"),
        deputy: ("agree", "同意，要与合作社签订资金使用承诺。"),
        mayor: ("agree", "同意，财政所做好资金保障。"),
    }
    for member in desk.meeting(meeting).speaking_queue(1):
        step(2)
        stance, text = words[member]
        desk.record_opinion(meeting, 1, member, stance, text)
    step(2)
    desk.record_opinion(meeting, 1, chief, "agree",
                        "同意。各位意见都很好，资金要专款专用，发放结果报县农业农村局备案。")
    for member in desk.meeting(meeting).eligible(1):
        step(0.1)
        desk.cast_vote(meeting, 1, member, "agree")
    step(1)
    desk.decide(meeting, 1, "同意安排项目资金36万元，用于4个农业合作社恢复生产补助，"
                "由农业农村办牵头发放，纪委监督，结果公示。")

    # Item 2: an appointment by secret ballot; the publicity member recuses (a relative).
    step(2)
    desk.open_item(meeting, 2)
    desk.recuse(meeting, 2, publicity, "拟推荐人选系本人配偶的表妹")
    step(1)
    desk.report(meeting, 2, organisation, "经民主推荐、组织考察，拟推荐林玥同志为晓塘村党支部书记人选。")
    agree_on_each = [{"candidate": 1, "stance": "agree", "reason": ""}]  # 逐一表态
    for member in desk.meeting(meeting).speaking_queue(2):
        step(1.5)
        desk.record_opinion(meeting, 2, member, None, "同意推荐。", per_candidate=agree_on_each)
    step(1.5)
    desk.record_opinion(meeting, 2, chief, None, "同意。要加强对新任村书记的培养和监督。",
                        per_candidate=agree_on_each)
    step(3)
    voters = desk.meeting(meeting).eligible(2)
    desk.issue_ballots(meeting, 2, len(voters), scrutineers=[discipline], counters=[deputy])
    step(5)
    marks = ["agree"] * (len(voters) - 1) + ["disagree"]
    desk.count_ballots(meeting, 2, len(marks), [{"marks": {"1": m}} for m in marks])
    step(1)
    desk.decide(meeting, 2, "同意推荐林玥同志为晓塘村党支部书记人选，按程序报批。")

    # Item 3: sharply divided, deferred for further study.
    step(2)
    desk.open_item(meeting, 3)
    step(1)
    desk.report(meeting, 3, works, "文化礼堂改造因设计变更需追加投资85万元。")
    split = {mayor: "disagree", deputy: "defer", discipline: "defer"}
    for member in desk.meeting(meeting).speaking_queue(3):
        step(2)
        stance = split.get(member, "agree")
        reason = "追加金额较大，设计变更依据不充分，需进一步调研、会商。" if stance != "agree" else ""
        desk.record_opinion(meeting, 3, member, stance,
                            "同意追加。" if stance == "agree" else "建议暂缓。", reason)
    step(2)
    desk.record_opinion(meeting, 3, chief, "defer", "大家分歧较大，建议暂缓表决。",
                        "请工程建设办会同财政所进一步核实设计变更和预算。")
    step(1)
    desk.defer(meeting, 3, "意见分歧较大，暂缓表决，进一步调研、会商后提交下次会议复议。")
    step(2)
    desk.close_meeting(meeting)
    step(5)
    desk.add_signature(meeting, "recorder", "郑小玲", _scribble(1))
    step(1)
    desk.add_signature(meeting, "chair", "徐颖峰", _scribble(2), member_id=chief)
    return meeting


def _scribble(seed: int) -> list[list[list[float]]]:
    """Made-up handwriting as a signature pad stores it: strokes of points in a 0..1 box."""
    strokes = [[[round(0.05 + 0.3 * k + 0.006 * t, 4),
                 round(0.15 + 0.1 * math.sin(t / (3 + seed + k)), 4)] for t in range(40)]
               for k in range(3)]
    strokes.append([[0.08, 0.3], [0.92, 0.28]])
    return strokes


def _meeting_in_progress(desk: Desk, clock: DemoClock, unit: int, ids: list[int]) -> int:
    chief, mayor, deputy, discipline, organisation, publicity, agri, works, militia = ids
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-24T09:00:00+08:00",
                                  "乡政府三楼会议室", chief, "郑小玲")
    desk.add_item(meeting, title="学习县委关于加强对“一把手”监督的若干规定", kind="study",
                  presenter_id=deputy)
    for deferred in desk.deferred_items(unit):
        desk.carry_over(meeting, deferred.item_id)
    desk.add_item(meeting, title="采购乡机关办公设备", kind="decision", category="general",
                  amount="38000", fund_type="regular", area="物资采购", presenter_id=works,
                  vote_mode="hands")
    # R14: the team hears how the relief funds decision of the earlier meeting is carried out
    funds, tasks = next((ref, tasks) for ref, tasks in desk.reportable(unit).items()
                        if ref.item_no == 1)
    desk.add_progress_report(meeting, funds.meeting_uid, funds.item_no,
                             [t.no for t in tasks], presenter_id=agri)
    desk.start_meeting(meeting)
    for member in ids:
        clock.advance(0.2)
        if member == discipline:
            desk.mark_absent(meeting, member, "赴县纪委汇报工作")
        else:
            desk.mark_present(meeting, member)
    clock.advance(1)
    desk.open_session(meeting)
    clock.advance(1)
    desk.open_item(meeting, 1)
    clock.advance(1)
    desk.report(meeting, 1, deputy, "领学县委文件全文。")
    clock.advance(10)
    desk.conclude_item(meeting, 1, "会议认真学习了有关规定，要求班子成员严格执行。")
    clock.advance(1)
    desk.open_item(meeting, 2)
    clock.advance(1)
    desk.report(meeting, 2, works, "经进一步核实，设计变更系消防规范调整所致，追加预算核减为62万元。")
    for member in desk.meeting(meeting).speaking_queue(2)[:3]:
        clock.advance(2)
        desk.record_opinion(meeting, 2, member, "agree", "同意核减后的方案。")
    return meeting
