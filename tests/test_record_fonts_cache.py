"""The body's font is looked for once a process (it took up to a second before each 回执 and
other PDFs), and again where the places to look change (another Windows folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingdesk.record import fonts


def test_the_default_font_is_looked_for_once_a_process():
    assert fonts.find_cjk_font() is fonts.find_cjk_font()


def test_another_windows_font_folder_is_looked_through_anew(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    before = fonts.find_cjk_font()
    if before.index != 0:
        pytest.skip("the stand-in for 仿宋 must be a font's first face")
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    (folder / "simfang.ttf").symlink_to(before.path)  # a stand-in named like Windows' 仿宋
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    assert fonts.find_cjk_font().path == folder / "simfang.ttf"
    monkeypatch.undo()
    assert fonts.find_cjk_font() is before
