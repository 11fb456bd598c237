"""A specimen record (样张): a realistic township party-committee meeting.

Used to check a new installation's font and printer, by the tests and by the benchmark. The
people are invented; their names use rare characters (堃 犇 喆 玥 珺 燊 昇) on purpose.
``sample_minutes(items=40, members=15)`` pads the four real items with generated ones.
"""

from __future__ import annotations

import hashlib
import math

from meetingdesk.record.layout import chinese_number
from meetingdesk.record.minutes import (Absence, BallotPapers, Candidate, CandidateStance,
                                        Correction, Handwriting, ItemMinutes, MemberVote, Minutes,
                                        Recusal, Report, Signer, Speech, StanceRow, Tally,
                                        TimedPresence, Vote)

# (name, post), from the chief down; the most junior speak first.
MEMBERS = (
    ("林堃", "党委书记"), ("赵犇", "党委副书记、乡长"), ("陈喆", "党委副书记"),
    ("周玥", "纪委书记"), ("吴珺", "组织委员"), ("郑燊", "宣传委员"), ("孙昇", "副乡长"),
    ("李建国", "人武部长"), ("黄海燕", "党委委员、副乡长"), ("欧阳文华", "统战委员"),
    ("钱立新", "政法委员"), ("冯晓东", "副乡长"), ("蒋春梅", "党委委员"),
    ("韩卫东", "党委委员"), ("杨光明", "副乡长"),
)
RECORDER = "刘晓岚"
ABSENT = "黄海燕"
LATE = "李建国"

OPINION_WORDS = (
    "该事项前期调研比较充分，方案总体可行。建议在实施中严格执行招投标和资金管理规定，"
    "加强过程监管，确保工程质量和资金安全；同时做好群众解释工作，及时公开相关信息。"
)
DISAGREE_REASON = (
    "方案对后续管护资金来源没有明确安排，按乡财政当前状况，"
    "每年约3万元的管护费用难以保障，建议补充管护方案后再上会。"
)


def _fingerprint(seed: str) -> str:
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def _scribble(seed: int) -> Handwriting:
    """A made-up handwritten signature: a few wavy strokes in a 300 x 100 box."""
    strokes = []
    for k in range(3):
        x0 = 20 + 90 * k
        strokes.append(tuple(
            (x0 + 2.2 * t, 50 + 28 * math.sin(t / (5 + seed % 3 + k)) - 0.3 * t)
            for t in range(0, 40, 2)))
    strokes.append(((40.0, 85.0), (260.0, 80.0)))
    return Handwriting(strokes=tuple(strokes), width=300, height=100)


def _time(minutes_after_nine: int) -> str:
    h, m = divmod(9 * 60 + minutes_after_nine, 60)
    return f"{h:02d}:{m:02d}"


def sample_minutes(items: int = 4, members: int = 9) -> Minutes:
    """The specimen meeting with ``members`` members (9..15) and ``items`` items (4 or more)."""
    team = MEMBERS[:members]
    names = tuple(n for n, _ in team)
    chief = names[0]
    present = tuple(n for n in names if n != ABSENT)
    expected_base = len(names)

    road = _road_item(present, chief, expected_base)
    appointment = _appointment_item(present, chief, expected_base)
    market = _market_item(present, chief)
    study = ItemMinutes(
        number=4, title="学习《中国共产党农村基层组织工作条例》第五章", kind_label="学习",
        presenter="陈喆",
        report=Report("陈喆", _time(150), "领学条例第五章关于乡镇党委决策程序的规定，"
                      "重点讲解“三重一大”事项集体决策、一把手末位表态和回避制度。"),
        speeches=tuple(Speech(_time(158 + i), n, "结合分管工作谈了学习体会，表示要在工作中"
                              "严格执行集体决策程序。") for i, n in enumerate(present[1:4])))
    extra = tuple(_generated_item(k, present, chief, expected_base) for k in range(5, items + 1))
    agenda = (road, appointment, market, study) + extra

    return Minutes(
        unit_name="中共青石乡委员会", meeting_title="2026年第12次党委会", meeting_type="党委会",
        date="2026年3月12日", start="09:00", end="11:45", place="乡政府三楼会议室",
        chair=chief, recorder=f"{RECORDER}（党政办主任）",
        expected=tuple(f"{n}（{post}）" for n, post in team), present=present,
        absent=(Absence(ABSENT, "参加县委党校中青年干部培训班",
                        "同意议题一；对议题二无意见；议题三建议充分听取商户意见。"),),
        late=(TimedPresence(LATE, "09:15"),),
        observers=("马超（乡财政所所长）", "宋佳（县纪委监委第三派驻纪检监察组干部）"),
        rule_set_label="青石乡党委议事规则（2025年修订）第3版",
        fingerprint=_fingerprint(f"青石乡-2026-12-{items}-{members}"),
        agenda=tuple(f"{chinese_number(i.number)}、{i.title}" for i in agenda),
        quorum_text=f"应到 {len(names)} 人，实到 {len(present)} 人，符合规定人数",
        items=agenda,
        corrections=(Correction("2026年3月13日 10:20", RECORDER, "议题一中一处发言时间记录有误",
                                "议题一中郑燊同志的发言时间应为09:31，原记录为09:13。"),),
        signers=(Signer("记录人", RECORDER, _scribble(1), "2026年3月12日 11:50"),
                 Signer("主持人", chief, _scribble(2), "2026年3月12日 11:52"))
        + tuple(Signer("参会人员", n) for n in present[1:]),
    )


def _opinions(speakers: tuple[str, ...], start: int, *, disagree: str | None = None
              ) -> tuple[Speech, ...]:
    """Opinions from the most junior up, each two minutes after the last."""
    out = []
    for i, name in enumerate(reversed(speakers)):
        if name == disagree:
            out.append(Speech(_time(start + 2 * i), name, "我对这个方案有不同意见。",
                              "不同意", DISAGREE_REASON))
        else:
            out.append(Speech(_time(start + 2 * i), name, OPINION_WORDS, "同意"))
    return tuple(out)


def _road_item(present: tuple[str, ...], chief: str, base: int) -> ItemMinutes:
    speakers = tuple(n for n in present if n not in (chief, "孙昇"))
    opinions = _opinions(speakers, 25, disagree="郑燊")
    end = 25 + 2 * len(opinions)
    votes = tuple(MemberVote(n, "不同意" if n == "郑燊" else "同意") for n in present)
    agree = sum(v.choice_label == "同意" for v in votes)
    return ItemMinutes(
        number=1, title="关于青石村至下湾村道路硬化工程资金安排的议题", kind_label="审议",
        category_label="重大项目安排", presenter="孙昇（副乡长，分管工程建设）",
        major_matter=True, major_reasons=("类别：重大项目安排",
                                          "项目资金 350,000 元，达到 200,000 元标准"),
        amount_label="350,000 元", fund_type_label="项目资金",
        materials=("《青石村至下湾村道路硬化工程实施方案》", "《工程预算审核意见书》"),
        report=Report("孙昇", _time(12), "道路全长2.3公里，宽4.5米，采用C25混凝土硬化，"
                      "预算35万元，资金来源为县交通局“四好农村路”补助资金，拟公开招标确定施工单位。"),
        speeches=(Speech(_time(20), chief, "请大家重点就资金来源和招标方式发表意见。",
                         procedural=True),) + opinions
        + (Speech(_time(end), chief, "同意大家的意见，郑燊同志提出的管护资金问题请乡财政所"
                  "在实施方案中补充。", "同意"),),
        written=(Speech("08:40", ABSENT, "同意该工程资金安排，建议加强施工安全管理。", "同意",
                        written=True),),
        votes=(Vote("举手表决", f"同意 {agree} 票，超过应到会 {base} 人的半数，通过",
                    member_votes=votes),),
        decision_text="会议同意青石村至下湾村道路硬化工程实施方案，安排项目资金35万元，"
                      "由孙昇同志牵头组织公开招标，乡财政所补充后续管护资金安排，纪委全程监督。",
    )


def _appointment_item(present: tuple[str, ...], chief: str, base: int) -> ItemMinutes:
    speakers = tuple(n for n in present if n not in (chief, "吴珺", "陈喆"))
    voters = len(present) - 1
    candidates = (Candidate("何志远", "乡党政办副主任", "乡党政办主任"),
                  Candidate("张一鸣", "青石村党支部书记", "乡农业农村办主任"))
    tallies = (Tally(voters - 1, 1, 0), Tally(voters - 2, 1, 1))
    said = [(name, _time(70 + 2 * i), "同意两位同志的任职安排。") for i, name in
            enumerate(reversed(speakers))] + [
        (chief, _time(70 + 2 * len(speakers)), "同意两位同志的任职安排，任前公示要规范。")]
    each = tuple(CandidateStance(c.name, "同意") for c in candidates)  # 逐一表态
    return ItemMinutes(
        number=2, title="关于何志远、张一鸣同志职务调整的议题", kind_label="审议",
        category_label="重要干部任免", presenter="陈喆（党委副书记，分管组织）",
        major_matter=True, major_reasons=("类别：重要干部任免",),
        materials=("《干部考察材料》", "《民主推荐情况汇总》"),
        recusals=(Recusal("吴珺", "拟任人选何志远系其配偶之兄"),),
        report=Report("陈喆", _time(60), "经民主推荐、组织考察，拟提名何志远同志任乡党政办主任，"
                      "张一鸣同志任乡农业农村办主任，考察期间未收到反映问题。"),
        speeches=tuple(Speech(t, n, w, per_candidate=each) for n, t, w in said),
        candidate_names=tuple(c.name for c in candidates),
        stance_table=tuple(StanceRow(n, t, each) for n, t, _ in said),
        quorum_text=(f"本议题应到 {base - 1} 人（应到会 {base} 人，回避 1 人），实到 {voters} 人，"
                     f"符合规定人数"),
        votes=tuple(Vote("无记名投票", f"同意 {t.agree} 票，超过应到会 {base - 1} 人的半数，通过",
                         candidate=c, tally=t, scrutineers=("周玥", "李建国"))
                    for c, t in zip(candidates, tallies)),
        ballot_papers=BallotPapers(voters, voters, voters, 0),
        decision_text="会议同意何志远同志任乡党政办主任、张一鸣同志任乡农业农村办主任，"
                      "按程序进行任前公示。",
    )


def _market_item(present: tuple[str, ...], chief: str) -> ItemMinutes:
    speakers = tuple(n for n in present if n != chief)
    stances = ("同意", "缓议", "同意", "缓议", "不同意", "同意", "同意")
    speeches = tuple(
        Speech(_time(110 + 3 * i), n,
               "租金调整幅度偏大，商户反映较多，建议进一步调研。" if s != "同意"
               else "调整方案有利于市场规范管理，同意。", s,
               "部分商户经营困难，一次性上调30%可能引发矛盾（见商户联名信）。"
               if s != "同意" else None)
        for i, (n, s) in enumerate(zip(reversed(speakers), stances * 3)))
    return ItemMinutes(
        number=3, title="关于青石乡农贸市场摊位租金调整方案的议题", kind_label="审议",
        category_label="一般事项", presenter="赵犇（乡长）",
        materials=("《农贸市场摊位租金调整方案（征求意见稿）》",),
        report=Report("赵犇", _time(105), "农贸市场摊位租金自2018年以来未作调整，"
                      "拟平均上调30%，所得用于市场改造。"),
        speeches=speeches,
        deferral_reason="意见分歧较大（缓议、不同意意见达到表态人数的三分之一），"
                        "会议决定暂缓表决，由赵犇同志牵头进一步调研、听取商户意见后提交下次党委会复议。",
    )


def _generated_item(number: int, present: tuple[str, ...], chief: str, base: int
                    ) -> ItemMinutes:
    """A routine decision item for padding large specimens."""
    presenter = present[1 + number % (len(present) - 1)]
    speakers = tuple(n for n in present if n not in (chief, presenter))
    opinions = _opinions(speakers, number)
    votes = tuple(MemberVote(n, "同意") for n in present)
    return ItemMinutes(
        number=number, title=f"关于第{number}批村级公益事业建设项目资金安排的议题",
        kind_label="审议", category_label="大额资金使用", presenter=presenter,
        major_matter=True, major_reasons=("类别：大额资金使用",
                                          f"经常性经费 {60 + number},000 元，达到 50,000 元标准"),
        amount_label=f"{60 + number},000 元", fund_type_label="经常性经费",
        report=Report(presenter, _time(number), "项目已经村民代表会议讨论通过，"
                      "资金使用计划经乡财政所审核。"),
        speeches=opinions + (Speech(_time(number + 40), chief, "同意。", "同意"),),
        votes=(Vote("举手表决", f"同意 {len(votes)} 票，超过应到会 {base} 人的半数，通过",
                    member_votes=votes),),
        decision_text="会议同意该项目资金安排，按规定程序实施。",
    )
