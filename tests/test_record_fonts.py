"""Choosing the record's Chinese font: preference order, rare name characters, and a clear
error (never boxes) when there is no usable font."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from meetingdesk.record.fonts import (RARE_NAME_CHARS, FontNotFoundError, FontPlaces,
                                      find_cjk_font)
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.sample import sample_minutes

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
MICROHEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

needs_fonts = pytest.mark.skipif(not (UMING.exists() and MICROHEI.exists() and DEJAVU.exists()),
                                 reason="needs fonts-arphic-uming, fonts-wqy-microhei, DejaVu")


def places(*dirs: Path) -> FontPlaces:
    return FontPlaces(system_dirs=dirs, use_fontconfig=False, bundled_dirs=dirs)


def link(folder: Path, name: str, target: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).symlink_to(target)


def test_this_computer_has_a_font_with_the_rare_name_characters():
    font = find_cjk_font()
    face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    assert "glyf" in face  # TrueType outlines, which ReportLab can embed
    cmap = face.getBestCmap()
    assert [ch for ch in RARE_NAME_CHARS if ord(ch) not in cmap] == []


def test_no_font_is_a_clear_error_in_chinese_and_english(tmp_path):
    with pytest.raises(FontNotFoundError) as err:
        find_cjk_font(places(tmp_path))
    message = str(err.value)
    assert "找不到可用的中文 TrueType 字体" in message
    assert "No usable Chinese TrueType font" in message
    assert str(tmp_path) in message


def test_no_font_means_no_pdf(tmp_path):
    with pytest.raises(FontNotFoundError):
        render_minutes(sample_minutes(), font=find_cjk_font(places(tmp_path)))


@needs_fonts
def test_song_or_fangsong_is_preferred_over_the_fallbacks(tmp_path):
    # Stand-ins: the file names decide the preference, the outlines only need to be usable.
    link(tmp_path / "arphic", "uming.ttc", UMING)
    link(tmp_path / "windows", "SimSun.ttc", MICROHEI)
    assert find_cjk_font(places(tmp_path)).path.name == "SimSun.ttc"


@needs_fonts
def test_uming_comes_before_wenquanyi(tmp_path):
    link(tmp_path, "wqy-microhei.ttc", MICROHEI)
    link(tmp_path, "uming.ttc", UMING)
    font = find_cjk_font(places(tmp_path))
    assert (font.path.name, font.index) == ("uming.ttc", 0)
    assert font.family.startswith("AR PL UMing")


@needs_fonts
def test_a_font_without_chinese_glyphs_is_passed_over(tmp_path):
    link(tmp_path, "simfang.ttf", DEJAVU)  # named like 仿宋, but Latin only
    link(tmp_path, "wqy-microhei.ttc", MICROHEI)
    assert find_cjk_font(places(tmp_path)).path.name == "wqy-microhei.ttc"


@needs_fonts
def test_a_bundled_font_is_the_last_resort(tmp_path):
    system, bundled = tmp_path / "system", tmp_path / "bundled"
    link(system, "simfang.ttf", DEJAVU)
    link(bundled, "SomeBundledSong.ttf", UMING)
    font = find_cjk_font(FontPlaces((system,), False, (bundled,)))
    assert font.path.name == "SomeBundledSong.ttf"


@needs_fonts
def test_latin_only_font_everywhere_is_an_error_naming_the_reason(tmp_path):
    link(tmp_path, "simfang.ttf", DEJAVU)
    with pytest.raises(FontNotFoundError, match="no glyphs for"):
        find_cjk_font(places(tmp_path))


def test_a_character_the_font_lacks_is_refused_not_boxed():
    m = sample_minutes()
    rare = "𪚥"  # U+2A6A5, outside the fonts this test environment has
    odd = dataclasses.replace(m, recorder=f"王{rare}")
    with pytest.raises(FontNotFoundError, match=rare):
        render_minutes(odd)


@needs_fonts
def test_a_usable_face_is_checked_once_until_its_file_changes(tmp_path: Path,
                                                              _isolated_data_dir: Path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    font_file = folder / MICROHEI.name
    shutil.copy(MICROHEI, font_file)
    first = find_cjk_font(places(folder))
    cache = _isolated_data_dir / "checked-fonts.json"
    remembered = json.loads(cache.read_text("utf-8"))
    assert list(remembered.values()) == [first.family]
    # What is remembered stands without reading the font again ...
    cache.write_text(json.dumps({key: "remembered" for key in remembered}), "utf-8")
    assert find_cjk_font(places(folder)).family == "remembered"
    os.utime(font_file, ns=(0, 0))  # ... until the file changes
    assert find_cjk_font(places(folder)).family == first.family
