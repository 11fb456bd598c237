"""Issue 13, point 5 (R1): the item's category never contradicts its 三重一大 badge. An item typed
as 一般事项 with 60,000 yuan and no fund type is a major matter (regular spending, the lower
threshold), so every screen and the filed PDF show it as 大额资金使用: the item dialog, the
console and the record, all from the domain's settled category."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from meetingdesk.ui.prepare import ItemDialog
from test_ui_console import (desk, open_console, prepare, press, report,  # noqa: F401
                             start_meeting)

pytestmark = pytest.mark.gui
CAR = {"title": "购置乡政府公务用车", "kind": "decision", "category": "general", "amount": "60000",
       "area": "物资采购", "presenter": "周海", "vote_mode": "hands"}


def test_the_category_agrees_with_the_badge_everywhere(qtbot: Any, desk: Desk,
                                                        open_console: Any, tmp_path: Path) -> None:
    meeting = prepare(desk, [CAR], start=False)
    (row,) = desk.agenda(meeting)
    assert row.classification.major
    dialog = ItemDialog(desk, desk.meeting_info(meeting).unit_id, meeting, "vote", row)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.categoryCombo.currentText() == "大额资金使用"
    assert dialog.ui.badgeLabel.isVisible() and "60,000" in dialog.ui.badgeLabel.text()
    dialog.close()

    w = open_console(meeting)
    start_meeting(w)
    while w.step.code == "roll_call":
        press(w, "presentButton")
    press(w, "openSessionButton")
    press(w, "openItemButton")
    meta = w.find(QLabel, "itemMetaLabel").text()
    assert "大额资金使用" in meta and "一般事项" not in meta
    assert w.find(QLabel, "majorLabel").isVisible()
    report(w)

    state = desk.meeting(meeting)  # the rest of the item through the services, then closed
    for member in state.speaking_queue(1) + [state.last_speaker(1)]:
        desk.record_opinion(meeting, 1, member, "agree", "同意。")
    for member in desk.meeting(meeting).eligible(1):
        desk.cast_vote(meeting, 1, member, "agree")
    desk.decide(meeting, 1, "同意购置。")
    desk.close_meeting(meeting)
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(Records(desk).preview_pdf(meeting))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "大额资金使用" in text and "一般事项" not in text
    assert "三重一大" in text
