"""The closed vocabularies of a meeting, code -> (Chinese label, English label)."""

from __future__ import annotations

KINDS = {"study": ("学习", "study"), "briefing": ("通报", "briefing"),
         "decision": ("审议", "decision")}

# 三重一大 categories, plus the plain and the discipline kinds of matter.
CATEGORIES = {
    "general": ("一般事项", "general matter"),
    "decision": ("重大事项决策", "major decision"),
    "appointment": ("重要干部任免", "important appointment"),
    "project": ("重大项目安排", "major project"),
    "funds": ("大额资金使用", "large use of funds"),
    "discipline": ("干部纪律处分", "disciplinary matter"),
}

FUND_TYPES = {
    "regular": ("经常性经费", "regular spending"),
    "project": ("项目资金", "project funds"),
    "lending": ("资金出借", "lending"),
    "guarantee": ("担保", "guarantee"),
    "financing": ("融资", "financing"),
}

STANCES = {"agree": ("同意", "agree"), "disagree": ("不同意", "disagree"),
           "defer": ("缓议", "defer"), "abstain": ("弃权", "abstain")}
STANCES_NEEDING_REASON = ("disagree", "defer")

VOTE_CHOICES = {"agree": ("同意", "in favour"), "disagree": ("不同意", "against"),
                "abstain": ("弃权", "abstain")}

VOTE_MODES = {
    "spoken": ("口头表决", "spoken vote"),
    "hands": ("举手表决", "show of hands"),
    "named": ("记名投票", "named ballot"),
    "secret": ("无记名投票", "secret ballot"),
}
PER_MEMBER_VOTE_MODES = ("spoken", "hands", "named")

DECISION_MODES = {"vote": ("集体表决", "team vote"),
                  "head": ("行政首长负责制", "head decides")}

HEAD_DECISIONS = {
    "agree": ("同意", "agree"), "disagree": ("不同意", "disagree"), "amend": ("修改", "amend"),
    "defer": ("暂缓", "defer"), "rediscuss": ("再次讨论", "discuss again"),
}
HEAD_DECISIONS_FOR = ("agree", "amend")
HEAD_DECISIONS_CARRY_OVER = ("defer", "rediscuss")

SIGNER_ROLES = {"recorder": ("记录人", "recorder"), "chair": ("主持人", "chair"),
                "attendee": ("参会人员", "attendee")}


def zh(vocabulary: dict[str, tuple[str, str]], code: str) -> str:
    return vocabulary[code][0]


def en(vocabulary: dict[str, tuple[str, str]], code: str) -> str:
    return vocabulary[code][1]
