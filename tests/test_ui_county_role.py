"""The county's role in the same program: `meetingdesk --db` an archive file opens the county
window, the main window's 会议 menu opens one, and a township database is never taken for an
archive (nor the other way round)."""

from __future__ import annotations

from pathlib import Path

import pytest

from county_packages import new_archive
from meetingdesk.county.sniff import is_archive_file
from meetingdesk.store.db import open_database
from meetingdesk.ui.county.window import CountyWindow, open_county_window, run_county_gui
from meetingdesk.ui.main_window import MainWindow
from test_ui_helpers import answer_message_boxes, exit_after

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
    qtbot.waitUntil(lambda: county.archive is not None, timeout=30_000)
    assert county.windowTitle() == "县级备案台 — 青山县"
    county.close()


def test_the_county_window_is_on_screen_before_its_archive_is_open(qtbot, archive_file: Path):
    county = open_county_window(str(archive_file))
    assert county.isVisible() and county.archive is None  # shown while the archive opens
    assert county.tabs.count() == 5
    assert [county.tabs.widget(i).text() for i in range(5)] == ["正在打开备案库…"] * 5
    county.tabs.setCurrentIndex(1)  # a tab asked for meanwhile is made once the archive is open
    with qtbot.waitSignal(county.archiveOpened, timeout=30_000):
        pass
    assert county.windowTitle() == "县级备案台 — 青山县"
    assert county.tabs.widget(0) is county.receipt and county.receipt.importButton.isEnabled()
    assert county.tabs.widget(1) is county.completeness
    assert county.completeness.groupsTable.model().rowCount() == 0
    county.close()


def test_a_township_database_is_refused_as_an_archive_in_words(qtbot, tmp_path: Path):
    township = tmp_path / "乡镇.sqlite"
    open_database(township).close()
    before = township.read_bytes()
    seen: list[str] = []
    answer_message_boxes(seen)
    with exit_after(20_000):  # never hang the suite
        assert run_county_gui(str(township), "zh") == 2  # `meetingdesk county gui --db` its exit
    assert "不是县级备案库" in seen[0]
    assert township.read_bytes() == before
