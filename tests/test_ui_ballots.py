"""A secret ballot in the run console, on paper (R7): the ballots printed, issued, keyed in one
by one and counted; the count forms printed for the scrutineers; then the record, and a search
of everything stored or exported for any link between a member and a ballot. And the tally
typed in directly where the unit's rules allow it, refused by the rules' invariants.

The round of opinions is recorded through the services (逐一表态 is another page's concern);
everything from the vote on is driven through the console's real widgets.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QFileDialog, QLabel, QLineEdit, QListWidget,
                               QMessageBox, QSpinBox, QTableWidget, QWidget)

from meetingdesk.demo import DEMO_PASSPHRASE
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from meetingdesk.ui.console import ConsoleWindow
from test_export_cli import cli
from test_record_pdf import squeeze
from test_ui_console import (APPOINT, CHIEF, click, close_meeting, find, prepare, press, report,
                             roll_call, text, tool, type_text)

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")]

MARKS = {"agree": "1", "disagree": "2", "abstain": "3", None: "0"}


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def opinions(desk: Desk, meeting: int) -> None:
    """Everyone states on each candidate (逐一表态), the chief last."""
    state = desk.meeting(meeting)
    n = state.open_item
    stances = [{"candidate": k, "stance": "agree", "reason": ""}
               for k in range(1, len(state.items[n].spec.candidates) + 1)]
    for m in state.pending_opinions(n):
        desk.record_opinion(meeting, n, m, None, "同意两位人选。", per_candidate=stances)


def to_the_vote(w: ConsoleWindow, desk: Desk, meeting: int,
                absent: dict[str, str] | None = None) -> None:
    roll_call(w, absent=absent)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w)
    opinions(desk, meeting)
    w.refresh()


def key(widget: QWidget, keys: str) -> None:
    """Keys as the clerk presses them: digits and letters, "\n" for Enter."""
    for k in keys:
        QTest.keyClick(widget, Qt.Key.Key_Return if k == "\n" else k)


def check(view: QListWidget, name: str) -> None:
    """Tick a member in a list with the keyboard: select the row, press Space."""
    row = next(i for i in range(view.count()) if view.item(i).text().startswith(name))
    view.setFocus()
    view.setCurrentRow(row)
    QTest.keyClick(view, Qt.Key.Key_Space)


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The file dialog answers `target`; returns the default paths it was offered."""
    offered: list[str] = []

    def answer(parent: Any, title: str, default: str, filters: str) -> tuple[str, str]:
        offered.append(default)
        return str(target), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def close_box(w: ConsoleWindow, name: str, button: str = "关闭") -> QMessageBox:
    box = w.findChild(QMessageBox, name)
    assert box is not None and box.isVisible()
    click(next(b for b in box.buttons() if b.text() == button))
    return box


# ---- fixtures (as in test_ui_console) ---------------------------------------------------------

from test_ui_console import desk, open_console  # noqa: E402,F401  (pytest fixtures)


def test_a_paper_ballot_end_to_end(desk: Desk, open_console: Any, qtbot: Any,
                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    meeting = prepare(desk, [APPOINT])
    w = open_console(meeting)
    to_the_vote(w, desk, meeting, absent={"吴敏": "出差"})
    assert w.step.code == "issue_ballots"
    assert w.findChild(QWidget, "issueBallotsPage").isVisible()
    assert "可投票 8 人" in text(w, "issueInfoLabel")
    assert "1. 林玥（现任：村委委员，拟任：村党支部书记）" in text(w, "issueInfoLabel")
    assert find(w, QSpinBox, "issuedSpin").value() == 8

    # Printing checks the issue with the rules first: the scrutineers and counters are missing.
    ballots_pdf = tmp_path / "ballots.pdf"
    offered = save_to(monkeypatch, ballots_pdf)
    press(w, "printBallotsButton")
    assert text(w, "messageLabel") == "无记名投票须填写监票人和计票人。"
    assert find(w, QListWidget, "scrutineerList").hasFocus()
    assert not offered and not ballots_pdf.exists()  # refused before asking where to save
    check(find(w, QListWidget, "scrutineerList"), "陈玥")
    check(find(w, QListWidget, "counterList"), "刘珺")
    spin = find(w, QSpinBox, "firstSerialSpin")
    spin.selectAll()
    type_text(spin, "101")
    assert text(w, "serialRangeLabel") == "选票编号 101—108"
    press(w, "printBallotsButton")
    assert offered[-1].endswith("2026年第1次党委会第1项选票.pdf")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(offered[-1]).parent == Path(documents)
    close_box(w, "savedPdfBox")
    printed = pdf_text(ballots_pdf)
    assert printed.count("无记名投票表决票") == 8
    assert [int(s) for s in re.findall(r"编号：(\d+)", printed)] == list(range(101, 109))
    for words in ("晓塘乡党委", "2026年第1次党委会", "第 1 项：推荐村党组织书记人选", "林玥",
                  "村委委员", "村党支部书记", "何犇", "村党支部副书记", "按弃权计算"):
        assert words in printed
    assert len(re.findall(r"同意\s+不同意\s+弃权", printed)) == 8  # the boxes' heads
    assert not desk.meeting(meeting).items[1].ballots_issued  # printing records nothing

    press(w, "issueButton")
    assert w.step.code == "count_ballots"
    assert w.findChild(QWidget, "countBallotsPage").isVisible()
    assert "已发放选票 8 张（编号 101—108）；监票人：陈玥；计票人：刘珺" in text(w, "countInfoLabel")

    # 7 ballots came back. Keyed in: for each candidate 1/2/3/0, V for void, Enter for next.
    returned = find(w, QSpinBox, "returnedSpin")
    assert returned.hasFocus()
    returned.selectAll()
    key(returned, "7\n")
    table = find(w, QTableWidget, "entryTable")
    assert table.hasFocus()
    key(table, "12\n")   # 林玥 agree, 何犇 disagree
    key(table, "11\n")
    key(table, "13\n")
    assert text(w, "progressLabel") == "已录入 3 / 收回 7 张"
    assert text(w, "runningLabel") == "有效票 3 张，废票 0 张"
    key(table, "2\n")    # 林玥 disagree, 何犇 not marked: abstains
    assert text(w, "lastBallotLabel") == "第 4 张：林玥 不同意，何犇 未划"
    key(table, "V\n")    # void
    assert text(w, "runningLabel") == "有效票 4 张，废票 1 张"
    key(table, "33\n")   # a mistake...
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # ...undone
    qtbot.waitUntil(lambda: text(w, "progressLabel") == "已录入 5 / 收回 7 张")
    assert text(w, "lastBallotLabel") == "已撤销第 6 张，请重新录入。"
    key(table, "11\n")
    key(table, "1")
    assert not find(w, QAbstractButton, "confirmCountButton").isEnabled()
    key(table, "1\n")
    assert text(w, "progressLabel") == "已录入 7 / 收回 7 张"
    subtotals = find(w, QTableWidget, "subtotalTable")
    assert [subtotals.item(0, c).text() for c in range(4)] == ["林玥", "5", "1", "0"]
    assert [subtotals.item(1, c).text() for c in range(4)] == ["何犇", "3", "1", "2"]
    key(table, "1\n")  # one more than returned: refused, nothing kept
    assert "等于收回票数" in text(w, "messageLabel")
    assert desk.drafts(meeting) == {}  # the ballots are never a draft

    press(w, "confirmCountButton")
    assert w.step.code == "decide"
    box = w.findChild(QMessageBox, "countResultBox")
    assert "林玥：同意 5 票，不同意 1 票，弃权 0 票；同意票超过应到会 9 人的半数，通过" in box.text()
    forms_pdf = tmp_path / "count.pdf"
    save_to(monkeypatch, forms_pdf)
    close_box(w, "countResultBox", "打印计票单和表决结果报告单…")
    close_box(w, "savedPdfBox")
    forms = squeeze(pdf_text(forms_pdf))
    for words in ("计票单", "表决结果报告单", "发出选票8张（编号101—108），收回7张，其中有效票6张，废票1张。",
                  "林玥：同意5票，不同意1票，弃权0票；同意票超过应到会9人的半数，通过",
                  "何犇：同意3票，不同意1票，弃权2票；同意票未超过应到会9人的半数，未通过",
                  "监票人陈玥", "计票人刘珺", "2026年11月26日"):
        assert words in forms, words
    assert text(w, "decideResultLabel").startswith("林玥：同意 5 票")

    # Decided, closed and signed: the record holds the tallies and the paper trail.
    decide_and_close(w)
    desk.add_signature(meeting, "recorder", "郑小玲")
    desk.add_signature(meeting, "chair", CHIEF)
    state = desk.meeting(meeting)
    item = state.items[1]
    assert state.phase == "closed" and len(state.signatures) == 2
    assert (item.tallies[1].agree, item.tallies[1].disagree, item.tallies[1].abstain) == (5, 1, 0)
    assert (item.tallies[2].agree, item.tallies[2].disagree, item.tallies[2].abstain) == (3, 1, 2)
    assert item.tallies[1].scrutineers == ("陈玥",) and item.tallies[1].counters == ("刘珺",)
    count = item.ballot_count
    assert (count.issued, count.returned, count.valid, count.void, count.first_serial) == (
        8, 7, 6, 1, 101)
    assert [r.passed for r in item.results.values()] == [True, False]
    assert not item.votes


def issue_and_count(w: ConsoleWindow, ballots: list[str]) -> None:
    """From the issue page: 陈玥 scrutinises, 刘珺 counts, a ballot to every voter; `ballots`
    come back and are keyed in in that order; the count confirmed and its result box closed."""
    check(find(w, QListWidget, "scrutineerList"), "陈玥")
    check(find(w, QListWidget, "counterList"), "刘珺")
    press(w, "issueButton")
    returned = find(w, QSpinBox, "returnedSpin")
    returned.selectAll()
    key(returned, f"{len(ballots)}\n")
    for keys in ballots:
        key(find(w, QTableWidget, "entryTable"), keys + "\n")
    press(w, "confirmCountButton")
    close_box(w, "countResultBox")


def decide_and_close(w: ConsoleWindow) -> None:
    type_text(find(w, QWidget, "decisionEdit"), "推荐林玥为村党支部书记人选。")
    press(w, "decideButton")
    close_meeting(w)


def test_nothing_stored_or_filed_links_a_member_to_a_ballot(
        desk: Desk, open_console: Any, tmp_path: Path, sqlite_url: str) -> None:
    meeting = prepare(desk, [APPOINT])
    w = open_console(meeting)
    to_the_vote(w, desk, meeting)
    entered = ["21", "V", "12", "11", "3", "22", "13", "1", "11"]  # the order keyed in
    issue_and_count(w, entered)
    decide_and_close(w)

    events = desk.events(meeting)
    counted = [e for e in events if e.type == "ballots_counted"]
    assert len(counted) == 1
    event = counted[0]
    assert event.member_id is None and set(event.payload) == {"item_no", "returned", "ballots"}
    ballots = event.payload["ballots"]
    assert all(set(b) in ({"void"}, {"marks"}) for b in ballots)  # no time, no voter
    stored = [json.dumps(b, sort_keys=True, ensure_ascii=False) for b in ballots]
    assert stored == sorted(stored)  # the order of the entries is not kept...
    keyed = [json.dumps({"void": True} if k == "V" else {"marks": {
        str(n): {"1": "agree", "2": "disagree", "3": "abstain"}[c] for n, c in
        enumerate(k, 1)}}, sort_keys=True, ensure_ascii=False) for k in entered]
    assert stored == sorted(keyed) and stored != keyed  # ...only what each ballot said
    issued = next(e for e in events if e.type == "ballots_issued")
    assert issued.member_id is None and "marks" not in json.dumps(issued.payload)
    assert desk.drafts(meeting) == {}

    # The raw bytes: every mark stored is inside the one ballots_counted entry, in the database
    # file and its WAL alike (no draft, no other row holds one).
    with sqlite3.connect(tmp_path / "test.sqlite3") as db:
        payload = db.execute("SELECT payload FROM events WHERE type = 'ballots_counted'"
                             ).fetchone()[0].encode()
    found = 0
    for part in (tmp_path / "test.sqlite3", tmp_path / "test.sqlite3-wal"):
        raw = part.read_bytes() if part.exists() else b""
        marks = [m.start() for m in re.finditer(rb'"marks"', raw)]
        copies = [(m.start(), m.end()) for m in re.finditer(re.escape(payload), raw)]
        assert all(any(a <= at < b for a, b in copies) for at in marks), part
        found += len(copies)
    assert found

    # The filing package: the same one entry, nothing else with a mark in it.
    package = tmp_path / "record.mdpkg"
    done = cli(tmp_path / "data", "export", meeting, "--db", tmp_path / "test.sqlite3",
               "--package", package)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(package) as z:
        filed = json.loads(z.read("events.json"))
    with_marks = [e for e in filed if "marks" in json.dumps(e)]
    assert [e["type"] for e in with_marks] == ["ballots_counted"]
    assert with_marks[0]["member_id"] is None
    assert with_marks[0]["payload"]["ballots"] == ballots


def test_a_tally_typed_in_is_refused_by_the_rules_invariants(
        desk: Desk, open_console: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A unit whose rules allow typing in the tally (secret_ballot_direct_tally): issued,
    returned and void with the votes; each refusal in the rules' words, the focus on its field."""
    meeting = prepare(desk, [APPOINT], start=False)
    desk.update_rule_set(desk.meeting_info(meeting).unit_id, {"secret_ballot_direct_tally": True})
    desk.start_meeting(meeting)
    w = open_console(meeting)
    to_the_vote(w, desk, meeting, absent={"吴敏": "出差"})
    assert w.step.code == "vote" and w.findChild(QWidget, "tallyPage").isVisible()
    assert text(w, "tallyBallotLabel") == "第 1 位人选：林玥　现任：村委委员　拟任：村党支部书记"
    assert find(w, QSpinBox, "tallyIssuedSpin").value() == 8  # one per voter

    def tally(**counts: int) -> None:
        for name, value in counts.items():
            spin = find(w, QSpinBox, f"tally{name.capitalize()}Spin")
            spin.selectAll()
            type_text(spin, str(value))
        press(w, "tallyButton")

    type_text(find(w, QLineEdit, "scrutineersEdit"), "陈玥")
    type_text(find(w, QLineEdit, "countersEdit"), "刘珺")
    tally(issued=9, returned=8, void=0, agree=6, disagree=1, abstain=1)
    assert text(w, "messageLabel") == "发出选票 9 张无效：应为 1 至 8 张（在场且未回避的成员人数）。"
    assert find(w, QSpinBox, "tallyIssuedSpin").hasFocus()
    tally(issued=7, returned=8)
    assert text(w, "messageLabel") == "收回选票 8 张，多于发出的 7 张。"
    assert find(w, QSpinBox, "tallyReturnedSpin").hasFocus()
    tally(issued=8, returned=8, void=1)
    assert text(w, "messageLabel") == "有效票 8 张加废票 1 张不等于收回的 8 张。"
    assert find(w, QSpinBox, "tallyAgreeSpin").hasFocus()
    tally(agree=5)
    assert text(w, "tallyBallotLabel").startswith("第 2 位人选：何犇")
    assert text(w, "tallyResultLabel").startswith("林玥：同意 5 票，不同意 1 票，弃权 1 票")
    assert find(w, QSpinBox, "tallyVoidSpin").value() == 1  # as recorded for the first
    tally(void=0, agree=4, disagree=3, abstain=1)
    assert text(w, "messageLabel").startswith("各人选的发出、收回和废票数须一致")
    tally(void=1, agree=4, disagree=2, abstain=1)
    assert w.step.code == "decide"
    item = desk.meeting(meeting).items[1]
    assert not item.votes and item.tallies[2].counters == ("刘珺",)
    count = item.ballot_count
    assert (count.issued, count.returned, count.valid, count.void) == (8, 8, 7, 1)

    # The count forms, from the toolbar: no serial numbers, since no ballot was printed here.
    assert w.findChild(QAction, "countFormsAction").isEnabled()
    target = tmp_path / "tally.pdf"
    save_to(monkeypatch, target)
    tool(w, "countFormsAction")
    close_box(w, "savedPdfBox")
    forms = squeeze(pdf_text(target))
    assert "发出选票8张，收回8张，其中有效票7张，废票1张。" in forms
    assert "何犇：同意4票，不同意2票，弃权1票；同意票未超过应到会9人的半数，未通过" in forms
