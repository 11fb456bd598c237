"""Choosing the record's Chinese font: preference order, rare name characters, and a clear
error (never boxes) when there is no usable font."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from meetingdesk.record import ttfmake
from meetingdesk.record.fonts import (RARE_NAME_CHARS, REQUIRED_CHARS, FontNotFoundError,
                                      FontPlaces, find_cjk_font, find_record_faces)
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


def primaries(places: FontPlaces) -> dict[str, str]:
    faces = find_record_faces(places)
    return {level: getattr(faces, level).primary for level in
            ("title", "body", "heading", "subheading", "number")}


@needs_fonts
def test_windows_faces_per_level(tmp_path):
    # Stand-ins named as Windows names its faces: the names decide the level each serves.
    for name in ("simfang.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf"):
        link(tmp_path / "Fonts", name, UMING)
    assert primaries(places(tmp_path)) == {
        "title": "MD-simsun-0", "body": "MD-simfang-0", "heading": "MD-simhei-0",
        "subheading": "MD-simkai-0", "number": "MD-simsun-0"}


@needs_fonts
def test_without_the_font_packages_a_hei_still_sets_the_headings(tmp_path):
    # Debian or UOS with only fonts-arphic-uming and fonts-wqy-microhei (the old Recommends).
    link(tmp_path, "uming.ttc", UMING)
    link(tmp_path, "wqy-microhei.ttc", MICROHEI)
    assert primaries(places(tmp_path)) == {
        "title": "MD-uming-0", "body": "MD-uming-0", "heading": "MD-wqy-microhei-0",
        "subheading": "MD-uming-0", "number": "MD-uming-0"}


NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@pytest.mark.skipif(not NOTO_SERIF.exists(), reason="needs fonts-noto-cjk")
def test_noto_serif_is_made_truetype_once_with_the_same_outlines():
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTCollection

    faces = TTCollection(str(NOTO_SERIF), lazy=True).fonts
    index = next(i for i, f in enumerate(faces) if f["name"].getDebugName(1) == "Noto Serif CJK SC")
    made = ttfmake.truetype_copy(NOTO_SERIF, index, REQUIRED_CHARS)  # cached after the first
    assert ttfmake.truetype_copy(NOTO_SERIF, index, REQUIRED_CHARS) == made
    font = TTFont(str(made))
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    assert [c for c in ttfmake.gb2312_chars() + REQUIRED_CHARS if ord(c) not in cmap] == []
    source = faces[index]
    for ch in "会议纪实堃0":
        bounds = []
        for f in (source, font):
            pen = BoundsPen(f.getGlyphSet())
            f.getGlyphSet()[f.getBestCmap()[ord(ch)]].draw(pen)
            bounds.append(pen.bounds)
        assert bounds[1] == pytest.approx(bounds[0], abs=ttfmake.MAX_ERROR + 1), ch


@needs_fonts
def test_typewriter_digits_of_a_chinese_face_give_way_to_a_latin_face(tmp_path):
    # AR PL UMing's Latin letters and digits are monospaced: the body takes them from a Latin
    # face (a stand-in named like DejaVu Serif); the headings keep their own face's.
    link(tmp_path, "uming.ttc", UMING)
    link(tmp_path, "wqy-microhei.ttc", MICROHEI)
    link(tmp_path, "dejavuserif.ttf", DEJAVU)
    faces = find_record_faces(places(tmp_path))
    assert faces.body.latin == faces.number.latin == "MD-dejavuserif-0"
    assert faces.body.face_for("0") == "MD-dejavuserif-0"
    assert faces.body.face_for("会") == faces.body.face_for("，") == "MD-uming-0"
    assert faces.heading.latin is None


def test_a_chinese_face_with_proportional_digits_keeps_them():
    faces = find_record_faces()
    if faces.body.latin is not None:
        pytest.skip("this computer's body face has monospaced Latin letters")
    assert faces.body.face_for("0") == faces.body.primary
