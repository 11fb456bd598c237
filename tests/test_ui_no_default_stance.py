"""A stance or a decision is never assumed in the console (issue 8, finding 9): the opinion
page's stance and the head's decision start unmade, and the console refuses to record, saying so
and putting the focus on the choice, until one is made. (The written opinion's stance: see
test_a_written_opinion_of_an_absent_member in test_ui_console.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QRadioButton

from meetingdesk.services import Desk
from test_ui_console import (FUNDS, PURCHASE, desk, everyone_speaks, find, open_console, press,
                             prepare, report, roll_call, text, type_into)

pytestmark = pytest.mark.gui
__all__ = ["desk", "open_console"]  # fixtures


def to_the_opinions(w: Any) -> None:
    roll_call(w)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w)


def test_an_opinion_without_a_stance_is_refused_with_the_focus_on_the_stances(
        desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    to_the_opinions(w)
    radios = [find(w, QRadioButton, f"{c}Radio") for c in ("agree", "disagree", "defer",
                                                           "abstain")]
    assert not any(r.isChecked() for r in radios)
    type_into(w, "wordsEdit", "我的意见。")
    press(w, "opinionButton")
    assert text(w, "messageLabel") == "请选择表态。"
    assert w.focusWidget() is radios[0]
    assert desk.meeting(meeting).items[1].stances == {}


def test_the_head_decision_starts_unmade_on_each_item(desk: Desk, open_console: Any) -> None:
    second = dict(PURCHASE, title="采购乡机关会议桌椅")
    meeting = prepare(desk, [PURCHASE, second], type_code="head_office")
    w = open_console(meeting)
    to_the_opinions(w)
    everyone_speaks(w)
    radios = [r for r in w.findChildren(QRadioButton) if r.objectName().startswith("head")]
    assert radios and not any(r.isChecked() for r in radios)
    type_into(w, "headTextEdit", "同意采购。")
    press(w, "headButton")
    assert text(w, "messageLabel") == "请选择决定。"
    assert w.focusWidget() is find(w, QRadioButton, "headAgreeRadio")
    press(w, "headAgreeRadio")
    press(w, "headButton")
    press(w, "openItemButton")
    report(w)
    everyone_speaks(w)
    assert w.step.code == "head_decision" and w.step.item_no == 2
    assert not any(r.isChecked() for r in radios)
