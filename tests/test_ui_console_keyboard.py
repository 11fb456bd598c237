"""A whole meeting driven with the keyboard alone (tests/console_keyboard.py), from the start
page to the record page opened for signature; then the filed record, as pdftotext reads the
PDF the record services make, says what the keys entered."""

from __future__ import annotations

import shutil
import re
import subprocess
from typing import Any

import pytest

from console_keyboard import AGENDA, drive_meeting
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from test_ui_console import desk, open_console, prepare

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")]
__all__ = ["desk", "open_console"]  # fixtures


def test_a_whole_meeting_with_the_keyboard_alone(desk: Desk, open_console: Any,
                                                 qtbot: Any) -> None:
    meeting = prepare(desk, AGENDA, start=False)
    w = open_console(meeting)
    drive_meeting(w)
    qtbot.addWidget(w.record_window)
    assert w.record_window.isVisible() and w.record_window.meeting_id == meeting

    state = desk.meeting(meeting)
    assert state.phase == "closed"
    assert all(item.finished for item in state.items.values())
    pdf = Records(desk).preview_pdf(meeting)
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                                  check=True).stdout.decode().split())
    # read across page breaks: without each page's foot and the next page's head
    text = re.sub(r"—\d+—记录指纹（SHA-256）：[0-9a-f]{64}本纪实共\d+页(晓塘乡党委\S+?会议纪实"
                  r"\d{4}年\d+月\d+日)?", "", text)
    assert "缺席：周海（参加县里会议）" in text  # away all meeting, with the reason typed
    (arrival,) = [p for p in state.presence_log if p.kind == "arrived"]
    # not here at the roll call, came during item 1
    assert state.name(arrival.member_id) == "吴敏"
    assert f"迟到：吴敏（{arrival.time:%H:%M}到会）" in text
    # each report by the item's own presenter, as the keys left the presenter box
    assert "孙昇：拨付农业合作社补助资金：汇报要点。" in text
    assert "刘珺：推荐村党组织书记人选：汇报要点。" in text
    assert "赵燊（不同意）：赵燊：我的意见。理由：补助标准需进一步明确。" in text
    assert "（四）决定同意拨付农业合作社补助资金。" in text
