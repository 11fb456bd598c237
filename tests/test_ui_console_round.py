"""The round of opinions under the rules as the regulations write them, in the run console driven
offscreen through its real widgets: 逐一表态 on each candidate (R5), the quorum before the last
speaker's stance (R3), amending a mistaken entry before the vote (R6a), reconsidering a decided
appointment (R7a), a written opinion spoken over in person."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QSpinBox, QTableView, QTabWidget, QWidget)

from meetingdesk.services import Desk
from test_ui_console import (APPOINT, CHIEF, FUNDS, PURCHASE, candidate_rows, cell, choose,
                             desk, dialog, dialog_ok, everyone_speaks, everyone_votes, find,
                             open_console, pick, press, prepare, report, roll_call, rows,
                             show_the_items_record, speak, state_on_candidates, text, tool,
                             type_into, type_text)

pytestmark = pytest.mark.gui
__all__ = ["desk", "open_console"]  # fixtures

APPOINT_HANDS = dict(APPOINT, vote_mode="hands")


def to_the_opinions(w: Any, absent: dict[str, str] | None = None) -> None:
    roll_call(w, absent)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w)


def dialog_for(w: Any, action: str, name: str) -> Any:
    """The toolbar action's dialog, open on the member `name`."""
    tool(w, action)
    d = dialog(w)
    choose(d.findChild(QComboBox, "personCombo"), name)
    return d


def member_id(w: Any, name: str) -> int:
    return next(m for m in w.state.expected if w.state.name(m) == name)


def test_each_candidate_gets_a_stance_of_its_own(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [APPOINT_HANDS])
    w = open_console(meeting)
    to_the_opinions(w)
    speaker = w.state.name(w.step.pending[0])
    rows_shown = candidate_rows(w)
    assert [r.findChild(QLabel, "candidateLabel").text() for r in rows_shown] == [
        "1. 林玥（现任村委委员，拟任村党支部书记）", "2. 何犇（现任村文书，拟任村党支部副书记）"]
    assert not find(w, QRadioButton, "agreeRadio").isVisible()  # no stance on the whole item
    assert not any(r.isChecked() for row in rows_shown for r in row.findChildren(QRadioButton))

    type_into(w, "wordsEdit", "林玥同志群众基础好，何犇同志还需历练。")
    state_on_candidates(rows_shown[:1], ["agree"])
    press(w, "opinionButton")  # no stance on 何犇: the domain says so, the focus goes there
    assert text(w, "messageLabel") == "请对人选何犇逐一表态（同意、不同意或缓议）。"
    assert w.focusWidget() is rows_shown[1].findChild(QRadioButton, "agreeRadio")
    state_on_candidates(rows_shown[1:], ["disagree"])
    press(w, "opinionButton")
    assert text(w, "messageLabel") == "请填写对何犇“不同意”的依据和理由。"
    assert w.focusWidget() is rows_shown[1].findChild(QLineEdit, "reasonEdit")
    assert desk.meeting(meeting).items[1].stances == {}
    type_text(rows_shown[1].findChild(QLineEdit, "reasonEdit"), "任职经历不足一年。")
    QTest.keyClick(w.focusWidget(), Qt.Key.Key_Tab)  # the keyboard goes on to the button
    assert w.focusWidget() is find(w, QAbstractButton, "opinionButton")
    press(w, "opinionButton")

    item = desk.meeting(meeting).items[1]
    assert item.stances == {member_id(w, speaker): {1: "agree", 2: "disagree"}}
    assert cell(w, "queueView", speaker, 3) == "林玥 同意；何犇 不同意"
    assert cell(w, "queueView", speaker, 4) == (
        "林玥同志群众基础好，何犇同志还需历练。（对何犇的理由：任职经历不足一年。）")
    # The next member's rows start unmade and empty.
    assert not any(r.isChecked() for row in candidate_rows(w)
                   for r in row.findChildren(QRadioButton))
    assert all(row.findChild(QLineEdit, "reasonEdit").text() == "" for row in candidate_rows(w))


def test_a_written_opinion_on_each_candidate(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [APPOINT_HANDS])
    w = open_console(meeting)
    roll_call(w, absent={"吴敏": "参加集训"})
    d = dialog_for(w, "writtenAction", "吴敏")
    assert not d.findChild(QComboBox, "stanceCombo").isVisible()
    shown = candidate_rows(d)
    assert len(shown) == 2 and not any(
        r.isChecked() for row in shown for r in row.findChildren(QRadioButton))
    type_text(d.findChild(QPlainTextEdit, "textEdit"), "同意两位人选。")
    dialog_ok(d)
    assert d.isVisible()
    assert d.findChild(QLabel, "messageLabel").text() == "请对人选林玥逐一表态（同意、不同意或缓议）。"
    state_on_candidates(shown, ["agree", "abstain"])
    dialog_ok(d)
    assert not d.isVisible()
    state = desk.meeting(meeting)
    assert state.items[1].written == {member_id(w, "吴敏"): {1: "agree", 2: "abstain"}}
    assert text(w, "messageLabel") == "已记录吴敏对第 1 项的书面意见。"


def test_the_chief_waits_for_the_quorum_before_the_last_stance(desk: Desk,
                                                               open_console: Any) -> None:
    meeting = prepare(desk, [APPOINT_HANDS])
    w = open_console(meeting)
    roll_call(w)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    press(w, "reportRecuseButton")
    d = dialog(w)
    choose(d.findChild(QComboBox, "personCombo"), "赵燊")
    type_text(d.findChild(QLineEdit, "reasonEdit"), "人选系本人亲属")
    dialog_ok(d)
    report(w)
    chief = member_id(w, CHIEF)
    while w.step.pending != (chief,):
        speak(w)
    for name in ("孙昇", "周海", "吴敏"):  # they have stated, and leave
        dialog_ok(dialog_for(w, "leaveAction", name))
    assert w.step.code == "quorum"
    assert find(w, QWidget, "quorumPage").isVisible()
    assert text(w, "quorumPageLabel") == (
        "王建堃末位表态前，到会人数须符合规定：本议题应到 8 人（回避 1 人），在场且未回避 5 人，"
        "需 6 人。请等待成员到会并登记，或暂缓表决本议题。")
    assert find(w, QAbstractButton, "quorumDeferButton").isVisible()
    press(w, "quorumArrivalButton")
    d = dialog(w)
    choose(d.findChild(QComboBox, "personCombo"), "孙昇")
    dialog_ok(d)
    assert w.step.code == "opinions" and w.step.pending == (chief,)


def test_the_head_waits_for_the_quorum_before_deciding(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [PURCHASE], type_code="head_office")
    w = open_console(meeting)
    to_the_opinions(w)
    everyone_speaks(w)
    assert w.step.code == "head_decision"
    for name in ("孙昇", "周海", "吴敏", "赵燊", "刘珺"):
        dialog_ok(dialog_for(w, "leaveAction", name))
    assert w.step.code == "quorum"
    assert text(w, "quorumPageLabel") == (
        "王建堃作出决定前，到会人数须符合规定：本议题应到 9 人，在场且未回避 4 人，需 5 人。"
        "请等待成员到会并登记，或暂缓表决本议题。")


def test_a_mistaken_opinion_is_amended_before_the_vote(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    to_the_opinions(w)
    first = speak(w, "agree", "同意。")
    queue = find(w, QTableView, "queueView")  # 修改… from the speaking queue, too
    assert "amendAction" in [a.objectName() for a in queue.actions()]
    pick(w, "queueView", first)
    QTest.keyClick(queue, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    d = dialog(w)
    assert d.findChild(QPlainTextEdit, "textEdit").toPlainText() == "同意。"
    d.reject()
    entries = show_the_items_record(w)
    assert [r[1:5] for r in rows(entries)] == [
        ["汇报", "孙昇", "", "汇报：情况如下。"], ["表态发言", first, "同意", "同意。"]]

    entries.setCurrentIndex(entries.model().index(1, 0))
    assert "amendAction" in [a.objectName() for a in entries.actions()]
    QTest.keyClick(entries, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    d = dialog(w)
    assert d.findChild(QComboBox, "personCombo").currentText().startswith(first)
    stance = d.findChild(QComboBox, "stanceCombo")
    assert stance.currentText() == "同意"
    words = d.findChild(QPlainTextEdit, "textEdit")
    assert words.toPlainText() == "同意。"
    choose(stance, "不同意")
    words.selectAll()
    type_text(words, "不同意，补助标准不明确。")
    dialog_ok(d)  # no grounds for 不同意: refused inside the dialog, nothing lost
    assert d.isVisible()
    assert d.findChild(QLabel, "messageLabel").text() == "请填写“不同意”的依据和理由。"
    assert words.toPlainText() == "不同意，补助标准不明确。"
    type_text(d.findChild(QLineEdit, "reasonEdit"), "标准未经测算。")
    dialog_ok(d)
    assert not d.isVisible()

    item = desk.meeting(meeting).items[1]
    original, amendment = item.speeches[1], item.speeches[2]
    assert item.amended == {original.seq: amendment.seq}
    assert item.stances == {original.member_id: {None: "disagree"}}
    shown = rows(entries)
    assert shown[1][5] == f"已修改，见 {amendment.at:%H:%M}"
    assert entries.model().index(1, 4).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert shown[2][2:6] == [first, "不同意", "不同意，补助标准不明确。（理由：标准未经测算。）",
                             f"修改 {original.at:%H:%M} 的记录"]

    # The chief's last word cannot be moved to another member; once voting has begun nothing
    # can be amended. Both refusals are the domain's, shown in the dialog.
    everyone_speaks(w)
    assert w.step.code == "vote"
    entries = show_the_items_record(w)
    chief_row = next(i for i, r in enumerate(rows(entries)) if r[2] == CHIEF)
    entries.setCurrentIndex(entries.model().index(chief_row, 0))
    press(w, "amendButton")
    d = dialog(w)
    choose(d.findChild(QComboBox, "personCombo"), "李犇")
    dialog_ok(d)
    assert d.findChild(QLabel, "messageLabel").text() == "王建堃的末位表态不能改记到其他成员名下。"
    d.reject()
    find(w, QWidget, "workTabs").setCurrentIndex(0)
    press(w, "voteAgreeButton")
    entries = show_the_items_record(w)
    entries.setCurrentIndex(entries.model().index(chief_row, 0))
    press(w, "amendButton")
    d = dialog(w)
    dialog_ok(d)
    assert d.findChild(QLabel, "messageLabel").text() == (
        "本议题已开始表决，不能再修改发言记录；闭会后可添加更正。")


def test_a_decided_appointment_is_reconsidered_when_more_than_half_agree(
        desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [APPOINT_HANDS, FUNDS])
    w = open_console(meeting)
    to_the_opinions(w)
    everyone_speaks(w)
    everyone_votes(w)
    everyone_votes(w)  # the second candidate
    type_into(w, "decisionEdit", "同意推荐林玥、何犇。")
    press(w, "decideButton")
    assert w.step.code == "open_item" and w.step.item_no == 2
    assert not find(w, QTabWidget, "workTabs").tabBar().isVisible()  # no item open, no record

    def reconsider(agree: int, disagree: int, abstain: int) -> None:
        tool(w, "reconsiderAction")
        d = dialog(w)
        assert d.findChild(QComboBox, "itemCombo").currentText() == "第 1 项　推荐村党组织书记人选"
        type_text(d.findChild(QPlainTextEdit, "textEdit"), "何犇同志的任职年限有误，需重新表决。")
        for name, value in (("agreeSpin", agree), ("disagreeSpin", disagree),
                            ("abstainSpin", abstain)):
            d.findChild(QSpinBox, name).setValue(value)
        dialog_ok(d)
        assert not d.isVisible()

    reconsider(4, 3, 1)
    assert text(w, "messageLabel") == (
        "第 1 项复议表决：同意 4 票，不同意 3 票，弃权 1 票；同意票未超过应到会 9 人的半数，未通过。"
        "不予复议，原表决结果有效。")
    assert w.step.code == "open_item" and desk.meeting(meeting).items[1].status == "decided"
    reconsider(5, 2, 1)
    assert text(w, "messageLabel") == (
        "第 1 项复议表决：同意 5 票，不同意 2 票，弃权 1 票；同意票超过应到会 9 人的半数，通过。"
        "同意复议，重新表决。")
    assert find(w, QLabel, "messageLabel").isVisible()
    assert w.step.code == "vote" and w.step.item_no == 1
    assert find(w, QWidget, "votePage").isVisible()
    assert text(w, "ballotLabel").startswith("第 1 位人选：林玥")


def test_a_written_opinion_spoken_over_in_person_is_superseded(desk: Desk,
                                                              open_console: Any) -> None:
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    roll_call(w, absent={"吴敏": "参加集训"})
    d = dialog_for(w, "writtenAction", "吴敏")
    choose(d.findChild(QComboBox, "stanceCombo"), "同意")
    type_text(d.findChild(QPlainTextEdit, "textEdit"), "同意补助方案。")
    dialog_ok(d)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w)
    dialog_ok(dialog_for(w, "arrivalAction", "吴敏"))
    assert member_id(w, "吴敏") in w.step.pending  # here now: states in person
    entries = show_the_items_record(w)
    written = next(i for i, r in enumerate(rows(entries)) if r[1] == "书面意见")
    assert rows(entries)[written][2:] == ["吴敏", "同意", "同意补助方案。",
                                          "本人到会后当面表态，书面意见不再有效"]
    assert entries.model().index(written, 4).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert desk.meeting(meeting).items[1].superseded
