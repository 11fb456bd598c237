"""A TrueType 宋体 made from a CFF one (Noto Serif CJK SC), for computers without 宋体.

ReportLab embeds only TrueType outlines, and the free 宋体 of Linux (Noto Serif CJK, Debian
fonts-noto-cjk) has PostScript (CFF) outlines. This converts the face's outlines to quadratic
curves (fontTools cu2qu), after subsetting it to the characters of GB 2312, the rare name
characters and the ASCII and Chinese punctuation the record uses, and caches the result in the
user's cache folder: a few seconds once per computer and font version, nothing afterwards.
A character outside the subset falls back to the next face of the role (see fonts.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
from functools import lru_cache
from pathlib import Path

import platformdirs
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

log = logging.getLogger(__name__)

MAX_ERROR = 1.0  # font units (of 1000): the curve conversion's largest deviation
CACHE_VERSION = "1"


@lru_cache(maxsize=1)
def gb2312_chars() -> str:
    """Every character of GB 2312 (its 7,445 hanzi and symbols)."""
    out = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                out.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("MeetingDesk", appauthor=False)) / "fonts"


def truetype_copy(source: Path, index: int, extra_chars: str) -> Path:
    """A TrueType version of face ``index`` of ``source`` (a CFF font), subset to GB 2312,
    ASCII and ``extra_chars``; made once and cached (keyed by the source file and the set)."""
    stat = source.stat()
    key = hashlib.sha256(f"{CACHE_VERSION}|{source}|{stat.st_size}|{stat.st_mtime_ns}|{index}|"
                         f"{extra_chars}".encode()).hexdigest()[:16]
    target = cache_dir() / f"{source.stem}-{index}-{key}.ttf"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(source), fontNumber=index)
    options = subset.Options()
    options.layout_features = []  # the record needs no OpenType layout
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    chars = set(gb2312_chars() + extra_chars) | {chr(c) for c in range(0x20, 0x7F)}
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    _cff_to_glyf(font)
    partial = target.with_suffix(f".{os.getpid()}.part")
    font.save(str(partial))
    partial.replace(target)  # atomic: two processes making it at once both end with a whole file
    log.info("made TrueType %s from %s", target, source)
    return target


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table with glyf/loca (quadratic outlines), as fontTools' otf2ttf does."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(g.components if hasattr(g, "components") else [])
                                    for g in glyphs.values())
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"
