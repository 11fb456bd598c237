"""`--db` and `--lang` before or after the command name (issue 8, finding 8): every command acts
on the file given, in the language given, wherever the option stands; two different values are
refused, never one of them silently ignored."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk.paths import DB_FILENAME
from test_cli_check import meetingdesk, sqlite

COMMANDS = {  # each command with what it needs besides --db and --lang
    "demo": [], "list": [], "check": [], "submissions": [], "tasks": ["--overdue"],
    "export": ["1", "--pdf", "out.pdf"], "verify": ["record.pdf"],
}


def placed(where: str, command: str, option: str, value: str) -> list[str]:
    extra = COMMANDS[command]
    if where == "before":
        return [option, value, command, *extra]
    return [command, *extra, option, value]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert meetingdesk("--db", str(db), "demo").returncode == 0
    return db


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_opens_the_file_given(command: str, where: str, tmp_path: Path,
                                            _isolated_data_dir: Path):
    """A file that is not a database is refused by name: the command tried to open it."""
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n" * 10, encoding="utf-8")
    (tmp_path / "record.pdf").write_bytes(b"%PDF-1.7\n")
    done = meetingdesk(*[a if a not in ("out.pdf", "record.pdf") else str(tmp_path / a)
                         for a in placed(where, command, "--db", str(junk))])
    assert done.returncode == 2, done.stdout + done.stderr
    assert "notes.txt" in done.stderr and "不是 SQLite 数据库" in done.stderr
    assert not (_isolated_data_dir / DB_FILENAME).exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_demo_and_list_use_the_file_not_the_data_folder(where: str, tmp_path: Path,
                                                        _isolated_data_dir: Path):
    db = tmp_path / "elsewhere.sqlite3"
    made = meetingdesk(*placed(where, "demo", "--db", str(db)))
    assert made.returncode == 0, made.stderr
    assert str(db) in made.stdout
    listed = meetingdesk(*placed(where, "list", "--db", str(db)))
    assert "2026年第1次党委会" in listed.stdout and "2026年第2次党委会" in listed.stdout
    assert db.exists() and not (_isolated_data_dir / DB_FILENAME).exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_check_fails_on_the_tampered_file(where: str, demo_db: Path, tmp_path: Path):
    db = tmp_path / "tampered.sqlite3"
    shutil.copy(demo_db, db)
    sqlite(db, "DROP TRIGGER events_no_update;")
    checked = meetingdesk(*placed(where, "check", "--db", str(db)))
    assert checked.returncode == 1, checked.stdout
    assert "events_no_update" in checked.stdout and str(db) in checked.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_en_in_either_place(where: str, demo_db: Path):
    checked = meetingdesk(*placed(where, "check", "--lang", "en"), "--db", str(demo_db))
    assert checked.returncode == 0
    assert checked.stdout.startswith("All checks passed")
    listed = meetingdesk(*placed(where, "list", "--lang", "en"), "--db", str(demo_db))
    assert "closed" in listed.stdout and "已闭会" not in listed.stdout


def test_the_same_value_twice_is_accepted(demo_db: Path):
    done = meetingdesk("--db", str(demo_db), "--lang", "en", "check", "--db", str(demo_db),
                       "--lang", "en")
    assert done.returncode == 0 and done.stdout.startswith("All checks passed")


@pytest.mark.parametrize("option, first, second", [("--db", "a.sqlite3", "b.sqlite3"),
                                                   ("--lang", "zh", "en")])
def test_two_different_values_are_refused(option: str, first: str, second: str,
                                          tmp_path: Path, _isolated_data_dir: Path):
    done = meetingdesk(option, first, "list", option, second)
    assert done.returncode == 2
    assert f"{option} 在命令名前后给出了不同的值（{first} 与 {second}）" in done.stderr
    assert "different values before and after the command" in done.stderr
    assert not (_isolated_data_dir / DB_FILENAME).exists()


def gui(*args: str) -> subprocess.CompletedProcess[str]:
    """The program with no command: the main window, quitting once it shows (the smoke test)."""
    env = dict(os.environ, MEETINGDESK_QUIT_AFTER_START="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "meetingdesk.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_the_gui_opens_the_file_and_language_given(demo_db: Path, tmp_path: Path,
                                                   _isolated_data_dir: Path):
    shown = gui("--db", str(demo_db), "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert "main window ready (MeetingDesk — 晓塘乡党委)" in shown.stdout
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n" * 10, encoding="utf-8")
    refused = gui("--db", str(junk))
    assert refused.returncode == 2 and "the database cannot be opened" in refused.stdout
    assert not (_isolated_data_dir / DB_FILENAME).exists()
