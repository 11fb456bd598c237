"""What the run console says: the next step, statuses, results and the closing summary.

The domain's vocabularies, refusals and computed results are bilingual already (zh/en); the
console's own phrases go through tr() in the context "Console", with Chinese as the source text.
Nothing here decides anything: every fact comes from the meeting state.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from meetingdesk.domain import DomainError, ItemState, Meeting, Quorum, Step
from meetingdesk.domain.agenda import yuan
from meetingdesk.domain.events import EVENT_TYPES
from meetingdesk.domain.outcome import ballot_result
from meetingdesk.domain.state import Reconsideration, Speech
from meetingdesk.domain.words import (CATEGORIES, FUND_TYPES, HEAD_DECISIONS, KINDS, STANCES,
                                      VOTE_MODES, en, zh)
from meetingdesk.store import StoreError


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class Words:
    """The console's phrases in the language the program runs in."""

    def __init__(self, lang: str = "zh") -> None:
        self.english = lang.startswith("en")

    # ---- from the domain ------------------------------------------------------------------

    def label(self, vocabulary: dict[str, tuple[str, str]], code: str) -> str:
        return en(vocabulary, code) if self.english else zh(vocabulary, code)

    def error(self, error: DomainError | StoreError) -> str:
        return error.message("en" if self.english else "zh")

    @staticmethod
    def time(when: datetime) -> str:
        return when.strftime("%H:%M")

    # ---- the header ----------------------------------------------------------------------

    def quorum(self, quorum: Quorum, personnel: bool = False) -> str:
        text = translate("Console", "应到 {expected} 人，实到 {present} 人，需 {needed} 人以上").format(
            expected=quorum.expected, present=quorum.present, needed=quorum.needed)
        if personnel:
            text = translate("Console", "干部任免表决：") + text
        if not quorum.met:
            text += translate("Console", "（人数不足）")
        return text

    def step(self, state: Meeting, step: Step) -> str:
        no = step.item_no
        count = len(step.pending)
        if step.code == "start":
            return translate("Console", "会议尚未开始：核对会议信息后，点击“开始会议”开始记录")
        if step.code == "roll_call":
            return translate("Console", "点名：还有 {count} 位成员未登记出席情况").format(count=count)
        if step.code == "open_session":
            return translate("Console", "点名完毕：请主持人宣布开会")
        if step.code == "open_item":
            return translate("Console", "下一项：开始审议第 {no} 项议题").format(no=no)
        if step.code == "report":
            return translate("Console", "第 {no} 项：请汇报人汇报").format(no=no)
        if step.code == "conclude":
            return translate("Console", "第 {no} 项：记录小结后结束本议题").format(no=no)
        if step.code == "opinions":
            if state.decision_mode == "head":
                return translate("Console", "第 {no} 项：成员依次发表意见，还有 {count} 位；"
                                 "主要负责人最后决定").format(no=no, count=count)
            return translate("Console", "第 {no} 项：成员依次表态，还有 {count} 位；"
                             "主要负责人最后表态").format(no=no, count=count)
        if step.code == "head_decision":
            return translate("Console", "第 {no} 项：请{name}作出决定").format(
                no=no, name=state.name(step.pending[0] if step.pending else None))
        if step.code == "division":
            return translate("Console", "第 {no} 项：意见分歧较大，建议暂缓表决").format(no=no)
        if step.code == "quorum":
            return translate("Console", "第 {no} 项：到会人数不足，暂不能表决").format(no=no)
        if step.code == "vote":
            assert no is not None
            if state.items[no].spec.vote_mode == "secret":
                return translate("Console", "第 {no} 项：无记名投票，请录入计票结果").format(no=no)
            return translate("Console", "第 {no} 项：{mode}，还有 {count} 人未表决").format(
                no=no, mode=self.label(VOTE_MODES, state.items[no].spec.vote_mode), count=count)
        if step.code == "issue_ballots":
            return translate("Console", "第 {no} 项：无记名投票，请确定监票人、计票人，"
                             "打印并发放选票").format(no=no)
        if step.code == "count_ballots":
            return translate("Console", "第 {no} 项：收回选票，逐张录入后确认计票").format(no=no)
        if step.code == "decide":
            return translate("Console", "第 {no} 项：表决完毕，请记录决定").format(no=no)
        if step.code == "close":
            return translate("Console", "全部议题已结束：请主持人宣布闭会")
        if step.code == "sign":
            return translate("Console", "会议已闭会，记录待签名")
        return translate("Console", "会议记录已备案")

    # ---- an agenda item --------------------------------------------------------------------

    def item_title(self, item: ItemState) -> str:
        return translate("Console", "第 {no} 项　{title}").format(no=item.spec.no,
                                                                 title=item.spec.title)

    def item_meta(self, state: Meeting, item: ItemState) -> str:
        spec = item.spec
        parts = [translate("Console", "{kind}议题").format(kind=self.label(KINDS, spec.kind))]
        if spec.category != "general":
            parts.append(self.label(CATEGORIES, spec.category))
        if spec.amount is not None:
            fund = f"（{self.label(FUND_TYPES, spec.fund_type)}）" if spec.fund_type else ""
            parts.append(translate("Console", "金额 {amount} 元").format(amount=yuan(spec.amount))
                         + fund)
        if spec.presenter_id is not None:
            parts.append(translate("Console", "汇报人：{name}").format(
                name=state.name(spec.presenter_id)))
        if spec.is_decision:
            parts.append(self.label(VOTE_MODES, spec.vote_mode))
        if spec.materials:
            parts.append(translate("Console", "材料：{names}").format(names="、".join(spec.materials)))
        if spec.carried_from:
            parts.append(translate("Console", "复议（{meeting}第 {no} 项）").format(
                meeting=spec.carried_from.get("meeting_title", ""),
                no=spec.carried_from.get("item_no", "")))
        if spec.reports_on:  # R14: which decision and tasks the meeting hears about
            link = spec.reports_on
            parts.append(translate("Console", "督办汇报（{meeting}第 {no} 项，督办事项 {tasks}）")
                         .format(meeting=link.meeting_title, no=link.item_no,
                                 tasks="、".join(str(no) for no, _ in link.tasks)))
        return " · ".join(parts)

    def major(self, item: ItemState) -> str:
        verdict = item.classification
        if not verdict.major:
            return ""
        reasons = verdict.reasons_en if self.english else verdict.reasons_zh
        return translate("Console", "三重一大：{why}").format(why="；".join(reasons))

    def recusals(self, state: Meeting, item: ItemState) -> str:
        if not item.recusals:
            return ""
        return translate("Console", "回避：") + "；".join(
            f"{state.name(m)}（{reason}）" for m, reason in item.recusals.items())

    def ballot(self, item: ItemState, ballot: int | None) -> str:
        if ballot is None:
            return translate("Console", "表决本议题：{title}").format(title=item.spec.title)
        candidate = item.spec.candidates[ballot - 1]
        return translate("Console", "第 {no} 位人选：{name}　现任：{current}　拟任：{proposed}").format(
            no=ballot, name=candidate.name, current=candidate.current_post or "—",
            proposed=candidate.proposed_post or "—")

    def result(self, state: Meeting, item: ItemState, ballot: int | None) -> str:
        outcome = item.results.get(ballot) or state.outcome(item.spec.no, ballot)
        text = outcome.text_en if self.english else outcome.text_zh
        if ballot is None:
            return text
        return f"{item.spec.candidates[ballot - 1].name}：{text}"

    def outcome(self, state: Meeting, item: ItemState) -> str:
        """How an item ended, in one or two sentences."""
        if item.status == "pending":
            return translate("Console", "未审议")
        if item.status == "open":
            return translate("Console", "审议中")
        if item.status == "concluded":
            done = translate("Console", "{kind}完毕").format(kind=self.label(KINDS, item.spec.kind))
            return f"{done}：{item.decision_text}" if item.decision_text else done
        if item.head_decision:
            head = next(s.speaker for s in item.speeches if s.kind == "head_decision")
            text = translate("Console", "{name}决定{decision}：{text}").format(
                name=head, decision=self.label(HEAD_DECISIONS, item.head_decision),
                text=item.decision_text)
            if item.head_reason:
                text += translate("Console", "（理由：{reason}）").format(reason=item.head_reason)
            return text
        if item.status == "deferred":
            return translate("Console", "暂缓表决：{reason}").format(reason=item.deferral_reason)
        results = "；".join(self.result(state, item, b) for b in item.spec.ballots())
        return translate("Console", "{results}。决定：{text}").format(results=results,
                                                                   text=item.decision_text)

    def stances(self, item: ItemState, speech: Speech) -> str:
        """'同意', or on an appointment item '林玥 同意；何犇 不同意' (逐一表态)."""
        if not speech.per_candidate:
            return self.label(STANCES, speech.stance) if speech.stance else ""
        return "；".join(f"{item.spec.candidates[c.candidate - 1].name} "
                        f"{self.label(STANCES, c.stance)}" for c in speech.per_candidate)

    def reasons(self, item: ItemState, speech: Speech) -> str:
        """The grounds given for a 不同意 or 缓议, per candidate where there are candidates."""
        if not speech.per_candidate:
            return (translate("Console", "（理由：{reason}）").format(reason=speech.reason)
                    if speech.reason else "")
        return "".join(translate("Console", "（对{name}的理由：{reason}）").format(
            name=item.spec.candidates[c.candidate - 1].name, reason=c.reason)
            for c in speech.per_candidate if c.reason)

    def entry_kind(self, speech: Speech) -> str:
        kind = "written_opinion" if speech.kind == "written" else speech.kind
        return self.label(EVENT_TYPES, kind)

    def opinions_html(self, state: Meeting, item: ItemState) -> str:
        """What stands of each member's opinion on the item, in order: stances, words, reasons."""
        rows = []
        for s in state.standing_speeches(item.spec.no):
            if s.kind not in ("opinion", "written") or not s.stances():
                continue
            who = s.speaker + (translate("Console", "（书面）") if s.kind == "written" else "")
            text = (f"<b>{html.escape(who)}</b>　{html.escape(self.stances(item, s))}："
                    f"{html.escape(s.words)}{html.escape(self.reasons(item, s))}")
            rows.append(f"<p>{text}</p>")
        return "".join(rows)

    def after_round(self, state: Meeting, item: ItemState) -> str:
        if not item.after_round:
            return ""
        return translate("Console", "表态结束后到会（未参加表态，可参加表决）：{names}").format(
            names="、".join(state.name(m) for m in item.after_round))

    def item_quorum(self, quorum: Quorum) -> str:
        """'本议题应到 8 人（回避 1 人），在场且未回避 5 人，需 6 人' (R3 with R4)."""
        recused = translate("Console", "（回避 {count} 人）").format(
            count=quorum.recused) if quorum.recused else ""
        return translate("Console", "本议题应到 {base} 人{recused}，在场且未回避 {present} 人，"
                         "需 {needed} 人").format(base=quorum.expected, recused=recused,
                                                 present=quorum.present, needed=quorum.needed)

    def reconsideration(self, state: Meeting, item: ItemState, rec: Reconsideration) -> str:
        """The show of hands on reconsidering, against the same rule as a vote (R7a, R8)."""
        assert state.rules is not None
        counted = ballot_result(rec.agree, rec.disagree, rec.abstain, expected=rec.base,
                                recused=0, rules=state.rules)
        tally = counted.text_en if self.english else counted.text_zh
        if rec.granted:
            return translate("Console", "第 {no} 项复议表决：{tally}。同意复议，重新表决。").format(
                no=item.spec.no, tally=tally)
        return translate("Console", "第 {no} 项复议表决：{tally}。不予复议，原表决结果有效。").format(
            no=item.spec.no, tally=tally)

    def summary_html(self, state: Meeting) -> str:
        rows = "".join(
            f"<p><b>{html.escape(self.item_title(item))}</b><br>"
            f"{html.escape(self.outcome(state, item))}</p>" for item in state.items.values())
        return rows or html.escape(translate("Console", "本次会议没有议题。"))

    # ---- presence ------------------------------------------------------------------------

    def presence(self, state: Meeting, member_id: int) -> str:
        if member_id not in state.attendance:
            return translate("Console", "未点名")
        change = [c for c in state.presence_log if c.member_id == member_id][-1]
        if change.kind == "present":
            return translate("Console", "到会")
        if change.kind == "absent":
            if any(member_id in item.written for item in state.items.values()):
                # in view once recorded, before a reason a narrow column may cut short
                return translate("Console", "缺席（已交书面意见）：{reason}").format(
                    reason=change.reason)
            return translate("Console", "缺席：{reason}").format(reason=change.reason)
        if change.kind == "arrived":
            return translate("Console", "{time} 到会（迟到）").format(time=self.time(change.time))
        text = translate("Console", "{time} 离会").format(time=self.time(change.time))
        return f"{text}：{change.reason}" if change.reason else text
