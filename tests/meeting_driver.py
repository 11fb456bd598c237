"""Chooses entries for a meeting from its own next step, the way a recorder would, with a
source of randomness for stances, absences and noise. Used by the property tests (with
hypothesis's choices) and by the crash test (a child process that keeps recording)."""

from __future__ import annotations

from typing import Any, Callable

from meetingdesk.domain import Meeting

Action = tuple[str, "int | None", dict[str, Any]]
Pick = Callable[[int], int]  # pick(n) -> a number in range(n)

STANCES = ("agree", "agree", "agree", "disagree", "defer", "abstain")
CHOICES = ("agree", "agree", "disagree", "abstain")


def sensible(meeting: Meeting, pick: Pick) -> Action | None:
    """The entry the console would offer next; None when the record is complete."""
    step = meeting.next_step()
    n = step.item_no
    if step.code == "roll_call":
        member = step.pending[0]
        if pick(5) == 0:
            return "attendance", member, {"status": "absent", "reason": "出差"}
        return "attendance", member, {"status": "present"}
    if step.code == "open_session":
        if meeting.quorum().met:
            return "session_opened", None, {}
        late = next(m for m in meeting.expected if meeting.attendance.get(m) != "present")
        return "arrived", late, {}
    if step.code == "open_item":
        return "item_opened", None, {"item_no": n}
    if step.code == "report":
        eligible = meeting.eligible(n)
        if not eligible:
            return "deferral", None, {"item_no": n, "reason": "回避人数过多"}
        presenter = meeting.items[n].spec.presenter_id
        speaker = presenter if presenter in eligible else eligible[pick(len(eligible))]
        return "report", speaker, {"item_no": n, "words": "汇报"}
    if step.code == "conclude":
        return "item_concluded", None, {"item_no": n, "text": "小结"}
    if step.code == "opinions":
        return "opinion", step.pending[0], stance_payload(meeting, n, pick)
    if step.code == "division":
        if pick(2):
            return "deferral", None, {"item_no": n, "reason": "分歧较大"}
        return "division_override", None, {"item_no": n, "reason": "时间紧迫"}
    if step.code == "quorum":
        recused = meeting.items[n].recusals
        away = [m for m in meeting.expected
                if meeting.attendance.get(m) != "present" and m not in recused]
        if pick(3) == 0 or not away:
            return "deferral", None, {"item_no": n, "reason": "到会人数不足"}
        return "arrived", away[pick(len(away))], {}
    if step.code == "vote":
        item = meeting.items[n]
        pending = meeting.pending_votes(n)
        ballot = next(iter(pending))
        if item.spec.vote_mode == "secret":  # a unit whose rules allow a direct tally
            voters = len(meeting.eligible(n))
            agree = pick(voters + 1)
            disagree = pick(voters - agree + 1)
            return "tally", None, {"item_no": n, "candidate": ballot, "agree": agree,
                                   "disagree": disagree, "abstain": voters - agree - disagree,
                                   "issued": voters, "returned": voters, "void": 0,
                                   "scrutineers": ["监票人"], "counters": ["计票人"]}
        return "vote", pending[ballot][0], {"item_no": n, "candidate": ballot,
                                            "choice": CHOICES[pick(len(CHOICES))]}
    if step.code == "issue_ballots":
        eligible = meeting.eligible(n)
        names = {c.name for c in meeting.items[n].spec.candidates}
        helpers = [m for m in eligible if meeting.name(m) not in names] or eligible
        return "ballots_issued", None, {"item_no": n, "issued": len(eligible),
                                        "first_serial": 1, "scrutineers": [helpers[0]],
                                        "counters": [helpers[-1]]}
    if step.code == "count_ballots":
        spec = meeting.items[n].spec
        issued = meeting.items[n].ballots_issued["issued"]
        ballots = [{"void": True} if pick(8) == 0 else
                   {"marks": {str(b): CHOICES[pick(len(CHOICES))] for b in spec.ballots()}}
                   for _ in range(issued - pick(2))]
        return "ballots_counted", None, {"item_no": n, "returned": len(ballots),
                                         "ballots": ballots}
    if step.code == "decide":
        return "decision", None, {"item_no": n, "text": "决定"}
    if step.code == "head_decision":
        head = step.pending[0] if step.pending else None
        if head is None:
            return "deferral", None, {"item_no": n, "reason": "主持人缺席"}
        decisions = ("agree", "disagree", "amend", "defer", "rediscuss")
        return "head_decision", head, {"item_no": n, "decision": decisions[pick(5)],
                                       "text": "决定", "reason": "理由"}
    if step.code == "close":
        return "meeting_closed", None, {}
    if step.code == "sign":
        if len(meeting.signatures) < 2:
            role = ("recorder", "chair")[len(meeting.signatures)]
            return "signature", None, {"role": role, "name": "签名人",
                                       "strokes": [[[0.1, 0.2], [0.4, 0.5]]]}
        return "filed", None, {}
    return None


def stance_payload(meeting: Meeting, n: int, pick: Pick) -> dict[str, Any]:
    """An opinion's stance: one on the item, or one on each candidate (逐一表态)."""
    def one() -> tuple[str, str]:
        stance = STANCES[pick(len(STANCES))]
        return stance, "理由" if stance in ("disagree", "defer") else ""

    candidates = meeting.items[n].spec.candidates
    if not candidates:
        stance, reason = one()
        return {"item_no": n, "stance": stance, "words": "发言", "reason": reason}
    stances = []
    for k in range(1, len(candidates) + 1):
        stance, reason = one()
        stances.append({"candidate": k, "stance": stance, "reason": reason})
    return {"item_no": n, "stances": stances, "words": "发言"}


def noise(meeting: Meeting, pick: Pick) -> Action:
    """An entry a hurried or careless recorder (or a forger) might try at any moment."""
    members = list(meeting.members) or [1]
    member = members[pick(len(members))]
    items = list(meeting.items) or [1]
    n = meeting.open_item or items[pick(len(items))]
    options: list[Action] = [
        ("arrived", member, {}),
        ("left", member, {"reason": "公务"}),
        ("recusal", member, {"item_no": n, "reason": "亲属"}),
        ("opinion", meeting.chief_id, {"item_no": n, "stance": "agree", "words": "我先说"}),
        ("opinion", member, {"item_no": n, "stance": STANCES[pick(len(STANCES))],
                             "words": "发言", "reason": ""}),
        ("written_opinion", meeting.chief_id, {"item_no": n, "stance": "agree", "words": "书面"}),
        ("written_opinion", member, {"item_no": n, "stance": "agree", "words": "书面"}),
        ("amendment", member, {"item_no": n, "refers_to_seq": pick(meeting.seq + 1),
                               "stance": "agree", "words": "更改"}),
        ("remark", member, {"item_no": n, "words": "程序性意见"}),
        ("remark", meeting.chief_id, {"item_no": n, "words": "请大家发言"}),
        ("vote", member, {"item_no": n, "candidate": None, "choice": "agree"}),
        ("vote", member, {"item_no": n, "candidate": 1, "choice": "disagree"}),
        ("tally", None, {"item_no": n, "candidate": None, "agree": 9, "disagree": 0,
                         "abstain": 0, "scrutineers": ["甲"], "counters": ["乙"]}),
        ("decision", None, {"item_no": n, "text": "通过"}),
        ("deferral", None, {"item_no": n, "reason": "再议"}),
        ("meeting_closed", None, {}),
        ("correction", None, {"author": "记录人", "reason": "笔误", "text": "更正"}),
    ]
    return options[pick(len(options))]
