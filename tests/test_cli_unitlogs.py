"""`meetingdesk submissions` and `meetingdesk tasks [--overdue]` on the demo, as a user runs
them (a subprocess) and in-process through cli.main; `check` on a tampered submissions log."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from meetingdesk import cli
from test_cli_check import demo_db, meetingdesk, sqlite  # noqa: F401


def lines(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_the_demo_says_what_it_made(tmp_path: Path):
    done = meetingdesk("demo", "--db", str(tmp_path / "demo.sqlite3"))
    assert "已创建演示单位“晓塘乡党委”及 2 次会议、5 项议题申报、3 项督办任务。" in done.stdout


def test_submissions_one_a_line_in_each_state(demo_db: Path):
    done = meetingdesk("submissions", "--db", str(demo_db))
    assert done.returncode == 0, done.stderr
    assert lines(done.stdout) == [
        ["1", "晓塘乡党委", "推荐晓塘村党支部书记人选", "已列入议程"],
        ["2", "晓塘乡党委", "村级公益事业一事一议财政奖补项目", "待审定"],
        ["3", "晓塘乡党委", "乡机关食堂外包服务采购", "已退回：预算测算依据不足，请补充询价材料后重新申报。"],
        ["4", "晓塘乡党委", "乡综治中心视频监控设备更新", "已同意上会"],
        ["5", "晓塘乡党委", "乡综治中心值班室改造", "已撤回：县综治中心将统一改造各乡值班室，本乡不再单独实施。"],
    ]


def test_tasks_and_the_overdue_ones(demo_db: Path, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["tasks", "--db", str(demo_db)]) == 0
    rows = lines(capsys.readouterr().out)
    later = "办理中（已逾期）" if date.today() > date(2026, 12, 31) else "办理中"
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("1", "孙昇", "2026-11-20", "办理中（已逾期）"),
        ("2", "乡纪委", "2026-12-31", later),
        ("3", "刘珺", "2026-11-17", "已办结"),
    ]
    assert rows[0][1] == "晓塘乡党委2026年第1次党委会第1项 拨付台风灾后农业合作社恢复生产补助资金"
    assert cli.main(["tasks", "--overdue", "--db", str(demo_db)]) == 0
    assert [r[0] for r in lines(capsys.readouterr().out)] == ["1"] + ["2"] * (later != "办理中")
    assert cli.main(["--lang", "en", "tasks", "--overdue", "--db", str(demo_db)]) == 0
    row = lines(capsys.readouterr().out)[0]
    assert row[1].endswith("item 1 拨付台风灾后农业合作社恢复生产补助资金")
    assert row[4] == "in progress (overdue)"


def test_an_empty_database_lists_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "empty.sqlite3")
    assert cli.main(["submissions", "--db", db]) == 0
    assert cli.main(["tasks", "--db", db]) == 0
    assert capsys.readouterr().out == ""


def test_check_names_an_edited_submission(demo_db: Path, tmp_path: Path):
    db = tmp_path / "tampered.sqlite3"
    shutil.copyfile(demo_db, db)
    assert meetingdesk("check", "--db", str(db)).returncode == 0
    sqlite(db, "DROP TRIGGER unit_log_events_no_update; UPDATE unit_log_events SET payload = "
               "replace(payload, '预算测算依据不足', '同意') WHERE seq = (SELECT seq FROM "
               "unit_log_events WHERE type = 'submission_returned');")
    done = meetingdesk("check", "--db", str(db))
    assert done.returncode == 1
    assert "晓塘乡党委议题申报记录 第" in done.stdout and "事件内容与其哈希不符" in done.stdout
    assert "unit_log_events_no_update" in done.stdout
