"""The county's role in the same program: `meetingdesk --db` an archive file opens the county
window, the main window's 会议 menu opens one, and a township database is never taken for an
archive (nor the other way round)."""

from __future__ import annotations

from pathlib import Path

import pytest

from county_packages import new_archive
from meetingdesk.county.sniff import is_archive_file
from meetingdesk.store.db import open_database
from meetingdesk.ui.county.window import CountyWindow, open_county_window
from meetingdesk.ui.main_window import MainWindow
from test_ui_helpers import answer_message_boxes

pytestmark = pytest.mark.gui


@pytest.fixture
def archive_file(tmp_path: Path) -> Path:
    path = tmp_path / "备案库.sqlite"
    new_archive(str(path)).close()
    return path


def test_only_an_archive_file_is_sniffed_as_one(archive_file: Path, tmp_path: Path):
    township = tmp_path / "乡镇.sqlite"
    open_database(township).close()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 20)
    before = {p: p.read_bytes() for p in (archive_file, township, junk)}
    assert is_archive_file(str(archive_file))
    assert not is_archive_file(str(township))
    assert not is_archive_file(str(junk))
    assert not is_archive_file(str(tmp_path / "missing.sqlite"))
    assert not is_archive_file("postgresql+psycopg://county@server/archive")
    assert not is_archive_file(None)
    assert {p: p.read_bytes() for p in before} == before  # sniffing writes nothing
    assert not (tmp_path / "missing.sqlite").exists()


def test_the_main_window_opens_the_county_window_on_an_archive(
        qtbot, archive_file: Path, monkeypatch: pytest.MonkeyPatch):
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    assert main.act_county in main.menuBar().actions()[0].menu().actions()
    monkeypatch.setattr("meetingdesk.ui.main_window.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(archive_file), ""))
    main.act_county.trigger()
    county = main.findChild(CountyWindow)
    assert county is not None and county.isVisible() and county.isWindow()
    assert county.tabs.count() == 5
    assert county.windowTitle().startswith("县级备案台")
    county.close()


def test_a_township_database_is_refused_as_an_archive_in_words(qtbot, tmp_path: Path):
    township = tmp_path / "乡镇.sqlite"
    open_database(township).close()
    before = township.read_bytes()
    seen: list[str] = []
    answer_message_boxes(seen)
    assert open_county_window(str(township)) is None
    assert "不是县级备案库" in seen[0]
    assert township.read_bytes() == before
