"""File names from a stick, and arguments from a terminal, that are not UTF-8 become readable
text."""

from __future__ import annotations

import os
from pathlib import Path

from meetingdesk.paths import readable


def test_a_gbk_name_from_a_windows_stick_reads_as_chinese(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), "东湖镇.mdpkg".encode("gbk"))
    open(raw, "wb").close()
    (found,) = tmp_path.iterdir()
    assert readable(found.name) == "东湖镇.mdpkg"


def test_a_utf8_name_is_unchanged_and_junk_bytes_become_replacement_marks() -> None:
    assert readable("第3次.mdpkg") == "第3次.mdpkg"
    junk = readable(os.fsdecode(b"\xff\xfe.mdpkg"))
    assert junk.endswith(".mdpkg") and "\ufffd" in junk
    junk.encode("utf-8")  # a database driver takes it


def test_a_needle_typed_on_a_gbk_terminal_reads_as_chinese() -> None:
    assert readable(os.fsdecode("村道".encode("gbk"))) == "村道"
