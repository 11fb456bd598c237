"""Going back over what was recorded on an item: amending a mistaken entry before the item's
vote (R6a) and reconsidering a decided appointment (R7a). Both open the console's entry dialog;
what may be amended or reconsidered is the domain's call, and its refusal shows in the dialog."""

from __future__ import annotations

from meetingdesk.domain.words import STANCES

from .console_context import ConsoleContext
from .console_dialogs import EntryDialog
from .console_words import translate



def amend_dialog(console: ConsoleContext, seq: int) -> EntryDialog:
    """The entry `seq` of the open item, prefilled: member (an opinion may be moved to the member
    who really spoke), stance or stances, words and reason. Saving appends the amendment."""
    state, words = console.state, console.words
    n = state.open_item
    assert n is not None
    item = state.items[n]
    entry = next(s for s in item.speeches if s.seq == seq)
    stated = entry.kind in ("opinion", "written")
    candidates = stated and bool(item.spec.candidates)
    rows = {"text": translate("Console", "内容：")}
    if entry.kind == "opinion":
        rows["person"] = translate("Console", "发言人：")
    if stated and candidates:
        rows["candidates"] = translate("Console", "逐一表态：")
    elif stated:
        rows |= {"stance": translate("Console", "表态："),
                 "reason": translate("Console", "依据和理由：")}

    def submit(d: EntryDialog) -> None:
        member = d.person.currentData() if entry.kind == "opinion" else None
        text = d.text_edit.toPlainText()
        if candidates:
            console.desk.amend_entry(console.meeting_id, n, seq, text, member_id=member,
                                     per_candidate=d.candidates.per_candidate())
        elif stated:
            console.desk.amend_entry(console.meeting_id, n, seq, text, d.stance.currentData(),
                                     d.reason_edit.text(), member_id=member)
        else:
            console.desk.amend_entry(console.meeting_id, n, seq, text)

    dialog = console.entry_dialog(
        translate("Console", "修改记录"),
        translate("Console", "修改 {time} {speaker}的{kind}。原记录保留不变，修改作为新的一条附后，"
                  "会议记录同时列出原记录和修改。").format(
            time=words.time(entry.at), speaker=entry.speaker, kind=words.entry_kind(entry)),
        rows, submit)
    if entry.kind == "opinion":
        # the speaker as recorded is offered even if gone since: never moved by default
        speakers = state.eligible(n)
        if entry.member_id is not None and entry.member_id not in speakers:
            speakers.append(entry.member_id)
        dialog.fill(dialog.person, console.people(speakers), entry.member_id)
    if candidates:
        dialog.candidates.show_candidates(item.spec.candidates, dialog.tab_span)
        dialog.candidates.fill({c.candidate: (c.stance, c.reason) for c in entry.per_candidate})
    elif stated:
        dialog.fill(dialog.stance, [(words.label(STANCES, code), code) for code in STANCES],
                    entry.stance)
        dialog.reason_edit.setText(entry.reason)
    dialog.text_edit.setPlainText(entry.words)
    dialog.open()
    return dialog


def reconsider_dialog(console: ConsoleContext) -> EntryDialog:
    """R7a: the reason and the show of hands on whether to vote again on a decided appointment;
    the result is said in the console, and if granted the console is back at the item's vote."""
    state = console.state
    decided = [state.items[n] for n in state.reconsiderable()]

    def submit(d: EntryDialog) -> None:
        agree, disagree, abstain = (spin.value() for spin in d.counts.values())
        console.desk.reconsider(console.meeting_id, d.item.currentData(),
                                d.text_edit.toPlainText(), agree, disagree, abstain)

    dialog = console.entry_dialog(
        translate("Console", "复议"),
        translate("Console", "对已表决的干部任免事项重新表决（复议），须经超过应到会人数半数的成员同意。"
                  "请填写复议理由和举手表决是否复议的票数。"),
        {"item": translate("Console", "议题："), "text": translate("Console", "复议理由："),
         "counts": translate("Console", "是否复议：")}, submit)
    dialog.fill(dialog.item, [(console.words.item_title(it), it.spec.no) for it in decided])
    dialog.recorded.connect(lambda: console.tell_reconsideration(dialog.item.currentData()))
    dialog.open()
    return dialog
