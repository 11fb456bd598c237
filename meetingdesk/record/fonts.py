"""The Chinese font of the record: which one, where it is, and registering it with ReportLab.

Preference, first usable wins:

1. the system's 仿宋 or 宋体 (Windows simfang.ttf, simsun.ttc; any FangSong / SimSun / 仿宋 /
   宋体 TrueType font that fontconfig knows),
2. AR PL UMing (Debian fonts-arphic-uming, a 宋体-like face),
3. WenQuanYi Micro Hei / Zen Hei,
4. any TrueType font shipped in resources/fonts/.

A font is usable when it has TrueType outlines (ReportLab can only subset-embed those) and
glyphs for every character in ``REQUIRED_CHARS``, which include rare characters found in names.
No usable font is an error: the record is never rendered with boxes.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from fontTools.ttLib import TTFont as _FontToolsFont
from fontTools.ttLib import TTLibError
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from meetingdesk.paths import resources_dir, user_data_dir

log = logging.getLogger(__name__)

RARE_NAME_CHARS = "堃犇喆玥珺燊昇"
REQUIRED_CHARS = "会议纪实，。（）：" + RARE_NAME_CHARS + "—0123456789abcdef"

# Known file names (lower case) in order of preference, with the face index inside a collection.
PREFERRED_FILES: tuple[tuple[str, int], ...] = (
    ("simfang.ttf", 0), ("simsun.ttc", 0), ("simsun.ttf", 0),
    ("stfangso.ttf", 0), ("stsong.ttf", 0),
)
FALLBACK_FILES: tuple[tuple[str, int], ...] = (
    ("uming.ttc", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0),
)
# Family names (lower case substrings) that fontconfig may report for a 仿宋 or 宋体 face.
PREFERRED_FAMILIES = ("fangsong", "仿宋", "simsun", "宋体", "songti")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


class FontNotFoundError(RuntimeError):
    """No usable Chinese TrueType font: the record cannot be rendered."""


@dataclass(frozen=True)
class CJKFont:
    """One face of a TrueType font file, as chosen for the record."""

    path: Path
    index: int
    family: str

    @property
    def reportlab_name(self) -> str:
        """The name the face is registered under with ReportLab (unique per file and face)."""
        return f"MD-{self.path.stem}-{self.index}"

    def describe(self) -> str:
        return f"{self.family} ({self.path}, face {self.index})"


@dataclass(frozen=True)
class FontPlaces:
    """Where to look: folders searched (recursively) for the known file names, whether to ask
    fontconfig for 仿宋/宋体 families, and folders whose every font file is a last resort."""

    system_dirs: tuple[Path, ...]
    use_fontconfig: bool
    bundled_dirs: tuple[Path, ...]

    @classmethod
    def default(cls) -> FontPlaces:
        home = Path.home()
        windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local_windows = Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft/Windows/Fonts"
        dirs = (windows, local_windows, Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                home / ".local/share/fonts", home / ".fonts", Path("/Library/Fonts"),
                home / "Library/Fonts")
        return cls(system_dirs=dirs, use_fontconfig=True,
                   bundled_dirs=(resources_dir() / "fonts",))


def find_cjk_font(places: FontPlaces | None = None) -> CJKFont:
    """The best usable Chinese font in ``places`` (default: this computer's usual places)."""
    if places is None:
        return _default_font()
    rejected: list[str] = []
    for path, index in _candidates(places):
        font = _usable(path, index, rejected)
        if font is not None:
            log.info("record font: %s", font.describe())
            return font
    looked = ", ".join(str(d) for d in places.system_dirs + places.bundled_dirs)
    why = "; ".join(rejected) or "none found"
    raise FontNotFoundError(
        "找不到可用的中文 TrueType 字体（如仿宋、宋体），无法生成会议纪实 PDF。"
        "请安装仿宋或宋体字体，或 fonts-arphic-uming。\n"
        f"No usable Chinese TrueType font to render the record. Looked in: {looked}. "
        f"Candidates rejected: {why}."
    )


@lru_cache(maxsize=1)
def _default_font() -> CJKFont:
    return find_cjk_font(FontPlaces.default())


def register_font(font: CJKFont) -> str:
    """Register ``font`` with ReportLab (once) and return its ReportLab font name."""
    name = font.reportlab_name
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    return name


def _candidates(places: FontPlaces) -> Iterator[tuple[Path, int]]:
    found = _find_named_files(places.system_dirs,
                              {name for name, _ in PREFERRED_FILES + FALLBACK_FILES})
    yield from _pick(found, PREFERRED_FILES)
    if places.use_fontconfig:
        yield from _fontconfig_faces(PREFERRED_FAMILIES)
    yield from _pick(found, FALLBACK_FILES)
    for folder in places.bundled_dirs:
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in FONT_SUFFIXES:
                    yield path, 0


def _pick(found: dict[str, Path], wanted: Iterable[tuple[str, int]]) -> Iterator[tuple[Path, int]]:
    for name, index in wanted:
        if name in found:
            yield found[name], index


def _find_named_files(dirs: Iterable[Path], names: set[str]) -> dict[str, Path]:
    """The first file with each of ``names`` (compared in lower case) under ``dirs``."""
    found: dict[str, Path] = {}
    for top in dirs:
        if not top.is_dir():
            continue
        for folder, _, files in os.walk(top):
            for file in files:
                key = file.lower()
                if key in names and key not in found:
                    found[key] = Path(folder) / file
    return found


def _fontconfig_faces(families: tuple[str, ...]) -> Iterator[tuple[Path, int]]:
    """TrueType faces whose family name contains one of ``families``, as fontconfig lists them."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        listing = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\n", ":fontformat=TrueType"],
            capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return
    for line in sorted(listing.splitlines()):
        file, _, rest = line.partition("\t")
        index, _, family = rest.partition("\t")
        if any(f in family.lower() for f in families) and index.isdigit():
            yield Path(file), int(index)


def _usable(path: Path, index: int, rejected: list[str]) -> CJKFont | None:
    """The face if it has TrueType outlines and every required glyph; else note why not. A face
    found usable is remembered with its file's size and time (reading a CJK font's character
    map takes a fifth of a second, at every first record of a process)."""
    try:
        stat = path.stat()
    except OSError as exc:
        rejected.append(f"{path}: {exc}")
        return None
    key = f"{path}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{REQUIRED_CHARS}"
    checked = _checked_faces()
    if key in checked:
        return CJKFont(path=path, index=index, family=checked[key])
    font = _check_face(path, index, rejected)
    if font is not None:
        _remember_face(key, font.family)
    return font


def _checked_file() -> Path:
    return user_data_dir() / "checked-fonts.json"


def _checked_faces() -> dict[str, str]:
    try:
        return json.loads(_checked_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember_face(key: str, family: str) -> None:
    try:
        _checked_file().parent.mkdir(parents=True, exist_ok=True)
        _checked_file().write_text(json.dumps({**_checked_faces(), key: family}, ensure_ascii=False),
                            encoding="utf-8")
    except OSError:
        pass  # only a cache: the face is checked again next time


def _check_face(path: Path, index: int, rejected: list[str]) -> CJKFont | None:
    try:
        face = _FontToolsFont(str(path), fontNumber=index, lazy=True)
    except (OSError, TTLibError) as exc:
        rejected.append(f"{path}: {exc}")
        return None
    try:
        if "glyf" not in face:
            rejected.append(f"{path}: PostScript (CFF) outlines, not TrueType")
            return None
        cmap = face.getBestCmap() or {}
        missing = "".join(c for c in REQUIRED_CHARS if ord(c) not in cmap)
        if missing:
            rejected.append(f"{path}: no glyphs for {missing}")
            return None
        return CJKFont(path=path, index=index, family=face["name"].getDebugName(1) or path.stem)
    finally:
        face.close()
