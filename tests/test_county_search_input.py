"""Needles no stored text can hold find nothing instead of failing: a NUL pasted into the
window's search box, bytes a GBK terminal typed under a UTF-8 locale (read as the Chinese they
were meant as on the command line)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.receipt import receive
from meetingdesk.county.search import search

CLI = "import sys; from meetingdesk import cli; sys.exit(cli.main(sys.argv[1:]))"


@pytest.mark.parametrize("needle", ["村\x00道修", "\udcb6\udcab村道"], ids=["nul", "surrogates"])
def test_a_needle_the_database_cannot_take_finds_nothing(db_url, stick, needle):
    archive = new_archive(db_url, stick.certificate)
    receive(archive, [stick.first])
    assert search(archive, "村道").hits  # the record is there to be found
    assert not search(archive, needle).hits
    archive.close()


def test_the_search_command_reads_a_gbk_needle_as_chinese(sqlite_url, stick):
    archive = new_archive(sqlite_url, stick.certificate)
    receive(archive, [stick.first])
    archive.close()
    done = subprocess.run([sys.executable, "-c", CLI, "county", "search",
                           os.fsdecode("修缮村道".encode("gbk")), "--db", sqlite_url],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr[-600:]
    assert done.returncode == 0 and "修缮村道" in done.stdout
