"""The main window's first page, read with sqlite3 alone before the desk is open, lists exactly
what the desk lists (the same rows, held times, cancellations and counts), and a file it cannot
simply read is left to the desk untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk.demo import build_demo
from meetingdesk.demo_bulk import make_many_meetings
from meetingdesk.meeting_list import first_page
from meetingdesk.services import Desk

STATUSES = (None, "preparing", "in_progress", "closed", "filed", "cancelled")


@pytest.fixture
def demo(tmp_path: Path) -> tuple[str, int]:
    """The demo unit (closed and held meetings) with 250 more meetings, one of them cancelled,
    and a second unit."""
    path = str(tmp_path / "demo.sqlite3")
    desk = Desk.open(path)
    try:
        unit = build_demo(desk)
        make_many_meetings(desk, unit, 250)
        newest = desk.list_meetings(unit, "preparing", limit=1)[0]
        desk.cancel_meeting(newest.id, "上级临时召开会议", "王敏")
        desk.create_unit("另一个乡党委")
    finally:
        desk.close()
    return path, unit


def test_the_first_page_is_what_the_desk_lists(demo: tuple[str, int]):
    path, unit = demo
    page = first_page(path, unit, 200)
    assert page is not None
    desk = Desk.open(path)
    try:
        assert page.units == [(u.id, u.name) for u in desk.units()]
        assert page.unit_id == unit
        assert page.rows == desk.list_meetings(unit, None, "", limit=200)
        assert {s: page.counts.get(s, 0) for s in STATUSES} == {
            s: desk.count_meetings(unit, s, "") for s in STATUSES}
    finally:
        desk.close()
    assert any(r.held for r in page.rows) and any(r.cancellation for r in page.rows)
    assert page.counts[None] == 252 and page.counts["cancelled"] == 1


def test_an_unknown_unit_shows_the_first(demo: tuple[str, int]):
    path, unit = demo
    page = first_page(path, 9999, 10)
    assert page is not None and page.unit_id == unit and len(page.rows) == 10


def test_what_it_cannot_read_is_left_to_the_desk(tmp_path: Path):
    missing = tmp_path / "new.sqlite3"
    assert first_page(str(missing), None, 10) is None
    assert not missing.exists()  # created by the desk, never by a read-ahead
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"not a database\n" * 10)
    assert first_page(str(notes), None, 10) is None
    assert notes.read_bytes() == b"not a database\n" * 10
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text)")
    assert first_page(str(other), None, 10) is None
    assert first_page("postgresql+psycopg://localhost/meetingdesk", None, 10) is None
    empty = tmp_path / "empty.sqlite3"
    Desk.open(str(empty)).close()
    assert first_page(str(empty), None, 10) is None  # no unit yet: the desk starts the set-up


def test_it_loads_no_database_layer():
    loaded = subprocess.run([sys.executable, "-c", (
        "import sys, meetingdesk.meeting_list\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))")],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
