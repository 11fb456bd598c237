"""Issue 13: one whole meeting with the keyboard alone, in the real program on a real screen
(Xvfb with openbox) at 1366x768, 1280x720 and 1366x768 at 150 %, then its record checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from real_screen import SCREENS, run_on_screen

CHILD = Path(__file__).with_name("screen_keyboard.py")


@pytest.mark.slow
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_whole_meeting_with_the_keyboard_alone_on_a_real_screen(screen: str) -> None:
    report = run_on_screen(CHILD, SCREENS[screen], timeout=240)
    assert report["errors"] == [], report.get("traceback", "")
    assert report["phase"] == "closed"
    console, record = report["windows"]
    assert console["fits"] and record["fits"], (console["frame"], record["frame"])
    text = "".join(report["record_text"].split())
    assert "缺席：周海（参加县里会议）" in text
    assert "孙昇：拨付农业合作社补助资金：汇报要点。" in text
    assert "（四）决定同意拨付农业合作社补助资金。" in text
