"""The kinds of entry in a meeting's log, with the label the record prints for each."""

from __future__ import annotations

EVENT_TYPES: dict[str, tuple[str, str]] = {
    "meeting_started": ("会议开始记录", "record started"),
    "attendance": ("点名", "roll call"),
    "written_opinion": ("书面意见", "written opinion"),
    "arrived": ("迟到到会", "late arrival"),
    "left": ("中途离会", "early leave"),
    "session_opened": ("宣布开会", "meeting opened"),
    "item_opened": ("开始审议议题", "item opened"),
    "recusal": ("回避", "recusal"),
    "report": ("汇报", "report"),
    "speaking_order": ("确定发言顺序", "speaking order set"),
    "opinion": ("表态发言", "opinion"),
    "amendment": ("修改记录", "amendment"),
    "remark": ("程序性发言", "procedural remark"),
    "division_override": ("分歧较大仍付表决", "vote despite division"),
    "vote": ("表决", "vote"),
    "tally": ("计票结果", "tally"),
    "ballots_issued": ("发放选票", "ballots issued"),
    "ballots_counted": ("计票", "ballots counted"),
    "reconsideration": ("复议表决", "reconsideration"),
    "decision": ("形成决定", "decision"),
    "head_decision": ("主要负责人决定", "head's decision"),
    "deferral": ("缓议", "deferral"),
    "item_concluded": ("议题结束", "item concluded"),
    "meeting_closed": ("闭会", "meeting closed"),
    "signature": ("签名", "signature"),
    "correction": ("更正", "correction"),
    "filed": ("备案", "filed"),
    "clock_set": ("时间核对", "time checked"),
}

# What a closed record still accepts (R12).
AFTER_CLOSE = ("signature", "correction", "filed", "clock_set")
