"""Every refusal of the rules core: a stable code, a Chinese message, an English one."""

from __future__ import annotations

from typing import Any

# code -> (Chinese, English); {name} fields are filled from the error's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    "CHIEF_NOT_LAST": (
        "{name}须在其他成员全部表态后最后表态（末位表态），待其他 {pending} 位成员表态后方可表态。",
        "{name} must state a position last: {pending} other member(s) have yet to speak."),
    "QUORUM_NOT_MET": (
        "到会人数不足：应到会 {expected} 人，实到 {present} 人，需 {needed} 人以上方可{action}。",
        "Quorum not met: {present} of {expected} expected present, {needed} needed to {action_en}."),
    "PORTFOLIO_FORBIDDEN": (
        "“一把手”{name}不得直接分管“{area}”（五不直接分管）。",
        "The chief {name} may not directly hold the portfolio '{area}'."),
    "MEMBER_RECUSED": (
        "{name}已就本议题回避，不能发言或表决。",
        "{name} has recused from this item and may neither speak nor vote on it."),
    "REASON_REQUIRED": ("请填写{what}。", "A reason is required: {what_en}."),
    "TEXT_REQUIRED": ("请填写{what}。", "{what_en} is required."),
    "RECORD_CLOSED": (
        "会议记录已闭合，只能添加更正、签名或备案。",
        "The record is closed: only corrections, signatures or filing can be added."),
    "NO_TEAM": (
        "本单位还没有班子成员。请先录入班子成员（菜单“单位 → 单位设置 → 班子成员”），"
        "并指定一位主要负责人（一把手），再新建会议。",
        "The unit has no team members yet. Enter the team first (menu Unit → Unit settings → "
        "Members), with one chief, then create a meeting."),
    "CHIEF_COUNT": (
        "每个单位必须有且只有一位主要负责人（一把手），现有 {count} 位。",
        "A unit must have exactly one chief; it has {count}."),
    "UNKNOWN_MEMBER": ("找不到成员（编号 {member_id}）。", "Unknown member (id {member_id})."),
    "UNKNOWN_ITEM": ("找不到第 {item_no} 项议题。", "Unknown agenda item {item_no}."),
    "NOT_EXPECTED": ("{name}不在本次会议应到会名单中。", "{name} is not expected at this meeting."),
    "NOT_PRESENT": ("{name}当前不在会场。", "{name} is not present now."),
    "ALREADY_MARKED": ("{name}的出席情况已登记。", "{name}'s attendance is already recorded."),
    "ALREADY_PRESENT": ("{name}已在会场。", "{name} is already present."),
    "ROLL_CALL_INCOMPLETE": (
        "还有 {count} 位成员未点名：{names}。",
        "{count} member(s) not yet on the roll: {names}."),
    "BAD_STANCE": ("无效的表态“{value}”：应为 同意、不同意、缓议 或 弃权。",
                   "Invalid stance '{value}': expected agree, disagree, defer or abstain."),
    "BAD_CHOICE": ("无效的表决意见“{value}”：应为 同意、不同意 或 弃权。",
                   "Invalid vote '{value}': expected agree, disagree or abstain."),
    "BAD_VALUE": ("{field}的值无效：{value}。", "Invalid value for {field_en}: {value}."),
    "UNIT_NAME_INVISIBLE": (
        "单位名称“{name}”的第 {place} 个字符是看不见的字符或控制字符（方括号中所示），"
        "印出来与另一个名称无法区分，请删去后重新输入。",
        "The unit name '{name}' holds an invisible or control character at position {place} "
        "(shown in brackets): printed, it cannot be told from another name. Remove it and "
        "enter the name again."),
    "UNIT_NAME_TAKEN": (
        "单位名称“{name}”与已有的单位“{other}”看起来相同（仅全角半角或字形写法不同），"
        "不能作为另一个单位。",
        "The unit name '{name}' looks the same as the existing unit '{other}' (it differs only "
        "in full- or half-width forms or character variants); it cannot be another unit."),
    "TEXT_TOO_LONG": ("{what}过长：{length} 字，最多 {limit} 字。",
                      "{what_en} is too long: {length} characters, at most {limit}."),
    "AMOUNT_NEGATIVE": ("金额不能为负数：{value}。", "The amount cannot be negative: {value}."),
    "BAD_AMOUNT": ("金额格式不正确：{value}。", "The amount is not a number: {value}."),
    "AMOUNT_DECIMALS": ("金额以元为单位，最多两位小数（到分）：{value}。",
                        "The amount is in yuan with at most two decimals (fen): {value}."),
    "NUMBER_TOO_HIGH": (
        "会议编号 {number} 超出上限：同一单位同一类会议一年最多编到第 {limit} 次。",
        "Meeting number {number} is too high: a unit's meetings of one type are numbered up to "
        "{limit} a year."),
    "ALREADY_SPOKEN": ("{name}已就本议题表态。", "{name} has already stated a position on this item."),
    "VOTING_STARTED": ("本议题已开始表决，不能再表态。",
                       "Voting on this item has begun: no more stances."),
    "ALREADY_VOTED": ("{name}已就本议题投票。", "{name} has already voted on this item."),
    "REPORT_FIRST": ("请先由汇报人汇报本议题。", "The presenter must report on the item first."),
    "REPORT_ALREADY_GIVEN": ("本议题已汇报。", "The item has already been reported on."),
    "OPINIONS_PENDING": ("还有 {pending} 位成员未表态：{names}。",
                         "{pending} member(s) have not yet stated a position: {names}."),
    "VOTES_PENDING": ("表决尚未完成：{detail}。", "Voting is not complete: {detail_en}."),
    "ITEM_NOT_OPEN": ("第 {item_no} 项议题当前未在审议中。", "Item {item_no} is not open now."),
    "ANOTHER_ITEM_OPEN": ("第 {item_no} 项议题尚未结束，议题须逐项审议。",
                          "Item {item_no} is still open: items are taken one at a time."),
    "ITEM_FINISHED": ("第 {item_no} 项议题已结束。", "Item {item_no} is already finished."),
    "SESSION_NOT_OPEN": ("会议尚未宣布开始。", "The meeting has not been opened yet."),
    "SESSION_ALREADY_OPEN": ("会议已宣布开始。", "The meeting is already open."),
    "NOT_STARTED": ("会议尚未开始记录。", "The meeting record has not been started."),
    "ALREADY_STARTED": ("会议记录已开始。", "The meeting record has already started."),
    "WRONG_VOTE_MODE": ("本议题的表决方式为“{mode}”，不能这样记录。",
                        "This item is voted by {mode_en}; that entry does not fit."),
    "SECRET_BALLOT_NO_NAMES": ("无记名投票只记录票数，不记录个人投票。",
                               "A secret ballot records only the tally, never who voted what."),
    "TALLY_EXCEEDS": ("票数合计 {total} 超过可投票人数 {voters}。",
                      "The tally {total} exceeds the {voters} members entitled to vote."),
    "SCRUTINEERS_REQUIRED": ("无记名投票须填写监票人和计票人。",
                             "A secret ballot needs the names of scrutineers and counters."),
    "UNKNOWN_CANDIDATE": ("找不到第 {candidate} 位人选。", "Unknown candidate {candidate}."),
    "CANDIDATES_REQUIRED": ("干部任免议题须列出拟任免人选。",
                            "An appointment item must list its candidates."),
    "DIVISION_UNRESOLVED": (
        "意见分歧较大（{detail}），建议暂缓表决；如继续表决，须由主持人说明理由。",
        "Opinions are sharply divided ({detail_en}); deferral is proposed. "
        "To vote anyway the chair must give a reason."),
    "NOT_DIVIDED": ("意见并无明显分歧，无需说明继续表决的理由。",
                    "Opinions are not sharply divided; no reason to override is needed."),
    "NOT_HEAD_MODE": ("本会议为集体表决会议，由表决决定。",
                      "This meeting decides by vote, not by the head."),
    "HEAD_MODE": ("本会议实行行政首长负责制，由主要负责人最后决定。",
                  "In this meeting the head decides after hearing everyone."),
    "NOT_HEAD": ("只有{name}可作出决定。", "Only {name} can decide."),
    "NOT_DECISION_ITEM": ("第 {item_no} 项为{kind}议题，不作表态或表决。",
                          "Item {item_no} is a {kind_en} item: no stances or votes."),
    "IS_DECISION_ITEM": ("第 {item_no} 项为审议议题，须作出决定或缓议。",
                         "Item {item_no} needs a decision or a deferral."),
    "MAJOR_NEEDS_TEAM_VOTE": (
        "“{title}”属“三重一大”事项（{why}），须经班子会议集体讨论并表决，不能{how}。",
        "'{title}' is a major matter ({why}); it must be decided by the team meeting's vote, "
        "not by {how_en}."),
    "ITEMS_UNFINISHED": ("还有议题未结束：{items}。须逐项作出决定或缓议后再闭会。",
                         "Items not finished: {items}. Decide or defer each before closing."),
    "RECUSAL_TOO_LATE": ("{name}已就本议题发言或投票，不能再回避。",
                         "{name} has already spoken or voted on this item and cannot recuse now."),
    "ALREADY_RECUSED": ("{name}已就本议题回避。", "{name} has already recused from this item."),
    "NOT_CLOSED": ("会议尚未闭会，不能{action}。", "The meeting is not closed yet: cannot {action_en}."),
    "ALREADY_FILED": ("会议记录已备案。", "The record has already been filed."),
    "TIME_ORDER": ("时间早于上一条记录（{previous}）。", "The time is before the previous entry ({previous})."),
    "TIME_NAIVE": ("时间缺少时区。", "The time has no time zone."),
    "BAD_ORDER": ("发言顺序须包含且仅包含本议题的全部其他表态成员。",
                  "The speaking order must list exactly the other members who state positions."),
    "UNKNOWN_EVENT": ("未知的记录类型“{type}”。", "Unknown entry type '{type}'."),
    "RULES_INVALID": ("规则设置“{field}”无效：{detail}。", "Rule setting '{field}' is invalid: {detail}."),
    "SIGNATURES_MISSING": ("尚缺签名：{names}。", "Signatures missing: {names}."),
    "ITEM_QUORUM_NOT_MET": (
        "到会人数不足：本议题应到 {base} 人（应到会 {expected} 人，回避 {recused} 人），在场且未回避"
        " {present} 人，需 {needed} 人方可{action}。",
        "Quorum not met for this item: {present} present and not recused of a base of {base} "
        "({expected} expected, {recused} recused); {needed} needed to {action_en}."),
    "PRESENCE_BEFORE_ENTRY": (
        "{name}的到会或离会时间不能早于 {time}（第 {seq} 条记录“{entry}”）：该记录依据当时的在场情况作出。"
        "请填写 {time} 以后的时间；如确有出入，闭会后以更正说明。",
        "{name}'s arrival or leave cannot be dated before {time} (entry {seq}, {entry_en}), "
        "which rests on who was present then. Give a later time, or add a correction after "
        "closing."),
    "ROUND_CLOSED": (
        "本议题已由{last}末位表态，表态已经结束；{name}此后到会，不再表态，可参加表决。",
        "{last} has stated the last position on this item: the round is over. {name} came "
        "after it and may vote but not state a position."),
    "WRITTEN_ONLY_ABSENT": (
        "{name}曾在会场参加本议题，书面意见只适用于整个议题缺席的成员。",
        "{name} was present for this item; written opinions are only for members absent "
        "for the whole item."),
    "CHIEF_WRITTEN_NOT_LAST": (
        "{name}的书面意见须在到会成员全部表态后录入（末位表态），还有 {pending} 位成员未表态。",
        "{name}'s written opinion can be entered only after every member present has stated "
        "({pending} still to state)."),
    "CHIEF_WRITTEN_LAST": (
        "{name}的书面意见已作为最后意见录入，不能再录入其他书面意见。",
        "{name}'s written opinion is the last word on this item: no more written opinions."),
    "STANCE_PER_CANDIDATE": (
        "请对人选{name}逐一表态（同意、不同意或缓议）。",
        "State a position on each candidate: {name} has none."),
    "AMEND_AFTER_VOTE": (
        "本议题已开始表决，不能再修改发言记录；闭会后可添加更正。",
        "Voting on this item has begun: entries can no longer be amended; add a correction "
        "after closing."),
    "ALREADY_AMENDED": (
        "第 {seq} 条记录已被第 {later} 条修改，请修改最新的一条。",
        "Entry {seq} was already amended by entry {later}: amend the latest."),
    "AMEND_MOVES_LAST": (
        "{name}的末位表态不能改记到其他成员名下。",
        "The last position stated by {name} cannot be moved to another member."),
    "AMEND_WRITTEN_MEMBER": (
        "书面意见只能修改表态和内容，不能改为其他成员的意见。",
        "A written opinion's stance and words can be amended, not its member."),
    "AMEND_WORDS_ONLY": (
        "汇报和程序性发言只能修改发言内容。",
        "Only the words of a report or a procedural remark can be amended."),
    "AGENDA_EMPTY": (
        "{title}的议程中还没有议题，不能开始。请先在“筹备会议”中添加议题。",
        "{title} has no agenda item and cannot start. Add items under 筹备会议 (prepare) first."),
    "PAPER_BALLOT_REQUIRED": (
        "本单位规则要求无记名投票使用纸质选票：请打印并发放选票，收回后逐张录入。",
        "The unit's rules require paper ballots: print and issue them, then enter each returned "
        "ballot."),
    "BALLOTS_ALREADY_ISSUED": ("本议题的选票已发放。", "Ballots for this item were already issued."),
    "BALLOTS_NOT_ISSUED": ("请先登记发放选票。", "Record the ballots issued first."),
    "BALLOTS_ISSUED_RANGE": (
        "发出选票 {issued} 张无效：应为 1 至 {voters} 张（在场且未回避的成员人数）。",
        "{issued} ballots issued is invalid: 1 to {voters} (members present and not recused)."),
    "BALLOTS_RETURNED_EXCEED": ("收回选票 {returned} 张，多于发出的 {issued} 张。",
                                "{returned} ballots returned, more than the {issued} issued."),
    "BALLOTS_MISMATCH": (
        "收回选票 {returned} 张，已录入 {entered} 张：有效票与废票之和须等于收回票数。",
        "{returned} ballots returned but {entered} entered: valid plus void must equal returned."),
    "TALLY_MISMATCH": (
        "有效票 {valid} 张加废票 {void} 张不等于收回的 {returned} 张。",
        "{valid} valid plus {void} void does not equal the {returned} returned."),
    "TALLY_COUNTS_DIFFER": (
        "各人选的发出、收回和废票数须一致（已登记：发出 {issued}，收回 {returned}，废票 {void}）。",
        "Issued, returned and void must be the same for every candidate ({issued}, {returned}, "
        "{void} recorded)."),
    "SCRUTINEER_IS_CANDIDATE": ("{name}是本议题的人选，不能担任监票人或计票人。",
                                "{name} is a candidate and cannot be a scrutineer or counter."),
    "CLOCK_DOUBT": (
        "{why}（系统时间 {system}）：为免记录时间有误，请先核对并确认或更正当前时间，本操作未记录。",
        "{why_en} (system time {system}): check the time and confirm or correct it first; "
        "nothing was recorded."),
    "START_OTHER_DAY": (
        "本次会议计划于 {planned} 召开，今天是 {today}。确认今天召开并开始记录吗？"
        "会议记录将载明实际召开的日期。",
        "This meeting was planned for {planned}; today is {today}. Hold it today and start the "
        "record? The record will state the day it was actually held."),
    "CLOCK_CHECK": (
        "{why}（系统时间 {system}，计划 {scheduled}）：请核对当前时间，无误请直接确认。",
        "{why_en} (system time {system}, scheduled {scheduled}): check the time, and confirm it "
        "if it is right."),
    "NOT_RECONSIDERABLE": (
        "第 {item_no} 项不是已表决通过或未通过的干部任免议题，不能复议。",
        "Item {item_no} is not a decided appointment: it cannot be reconsidered."),
    "UNKNOWN_SUBMISSION": ("找不到第 {no} 号议题申报。", "Unknown submission {no}."),
    "SUBMISSION_STATE": ("第 {no} 号议题申报当前为“{status}”，不能{action}。",
                         "Submission {no} is {status_en}: it cannot {action_en}."),
    "NOT_PORTFOLIO_HOLDER": (
        "“{area}”由{holder}分管，议题应由分管领导申报，{name}不能申报。",
        "'{area}' is held by {holder}: the portfolio holder submits its items, not {name}."),
    "NOT_SUBMITTER": ("第 {no} 号议题申报只能由原申报人{name}重新申报。",
                      "Only {name}, who submitted it, can resubmit submission {no}."),
    "NOT_SUBMITTER_WITHDRAW": ("第 {no} 号议题申报只能由申报人{name}撤回。",
                               "Only {name}, who submitted it, can withdraw submission {no}."),
    "WITHDRAW_STARTED": (
        "第 {no} 号议题申报“{title}”已列入{meeting}，该会议已开始，不能撤回。",
        "Submission {no} ('{title}') is on the agenda of {meeting}, which has started: it "
        "can no longer be withdrawn."),
    "NOT_CHIEF_APPROVAL": ("议题申报由主要负责人{name}审定。",
                           "Submissions are approved or returned by the chief, {name}."),
    "CHECKS_PENDING": ("“{title}”尚未完成前置程序：{checks}，不能同意上会。",
                       "'{title}' still lacks its preparatory checks: {checks}."),
    "CHECK_NOT_REQUIRED": ("“{check}”不是本议题要求的前置程序（要求：{required}）。",
                           "'{check}' is not a check this item requires (required: {required})."),
    "MATERIALS_NOT_GIVEN": (
        "“{title}”的会议材料尚未送达参会成员：须在会前 {days} 天送达后方可列入议程（不准临时动议）。",
        "The materials of '{title}' have not been given to members: they must be given {days} "
        "day(s) before the meeting for it to go on the agenda."),
    "MATERIALS_LATE": (
        "“{title}”的会议材料须在会前 {days} 天送达，实际于 {given} 送达，会议日期为 {date}。",
        "The materials of '{title}' must be given {days} day(s) ahead; they were given on "
        "{given} for a meeting on {date}."),
    "AD_HOC_FORBIDDEN": (
        "“{title}”属{category}，须经议题申报、审定并提前送达材料后列入议程，不能直接录入（不准临时动议）。",
        "'{title}' is {category_en}: it goes on an agenda only through an approved submission "
        "with its materials given ahead, never typed in directly."),
    "NOT_DECIDED": ("{title}第 {item_no} 项未作出决定（须表决通过或行政首长决定同意），不能交办督办事项。",
                    "Item {item_no} of {title} was not decided for (passed, or agreed by the "
                    "head): no follow-up task can be assigned to it."),
    "MATERIALS_FUTURE": ("送达时间 {on} 晚于当前时间。", "The time given, {on}, is in the future."),
    "UNKNOWN_TASK": ("找不到第 {no} 号督办事项。", "Unknown follow-up task {no}."),
    "TASK_CLOSED": ("第 {no} 号督办事项{status}，不能再登记。",
                    "Task {no} is {status_en}: nothing more can be entered."),
    "TASK_OWNER": ("请指定一位责任领导或一个责任部门。",
                   "Name one responsible member or one department."),
    "DEADLINE_PAST": ("办结时限 {deadline} 已过，请填写今天或以后的日期。",
                      "The deadline {deadline} has passed: give today or a later date."),
    "REPORT_NOT_IN_LEDGER": (
        "所选决定事项（第 {item_no} 项）不在本单位的督办台账中，不能作为督办情况汇报列入议程。",
        "The decision chosen (item {item_no}) is not in the unit's follow-up log: no progress "
        "report can be put on the agenda for it."),
    "REPORT_NO_TASKS": ("请至少选择一项督办事项作为汇报内容。",
                        "Choose at least one follow-up task to report on."),
    "REPORT_TASK_ELSEWHERE": (
        "第 {no} 号督办事项不属于{title}第 {item_no} 项决定事项。",
        "Task {no} does not carry out item {item_no} of {title}."),
    "REPORT_TASK_CANCELLED": (
        "第 {no} 号督办事项已撤销（{reason}），不能听取其督办情况汇报。",
        "Task {no} was cancelled ({reason}): there is no progress to report on."),
    "REPORT_KIND": (
        "“{title}”是督办情况汇报，应作为通报议题听取，或由本单位决定作为审议议题表决，不能作为学习议题。",
        "'{title}' is a progress report: it is heard as a briefing, or voted on as a decision "
        "item if the unit wants one, not taken as a study item."),
    "PROGRESS_DATE": ("进展日期 {on} 应在交办日 {since} 至今天之间。",
                      "The progress date {on} must lie between {since} and today."),
}


class CodedError(Exception):
    """A refusal with a stable code and a message in Chinese and in English, both filled from
    the same parameters. Subclasses name their catalogue of messages."""

    MESSAGES: dict[str, tuple[str, str]] = {}

    def __init__(self, code: str, **params: Any) -> None:
        if code not in self.MESSAGES:
            raise KeyError(f"unknown {type(self).__name__} code {code}")
        self.code = code
        self.params = params
        zh, en = self.MESSAGES[code]
        self.message_zh = zh.format_map(_Lenient(params))
        self.message_en = en.format_map(_Lenient(params))
        super().__init__(f"[{code}] {self.message_zh} / {self.message_en}")

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


class DomainError(CodedError):
    """A rule refused an action. Nothing was recorded."""

    MESSAGES = MESSAGES


class _Lenient(dict):
    """Leaves a placeholder as it is when a parameter is missing, rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
