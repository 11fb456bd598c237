"""The faces of the record: which ones, where they are, and registering them with ReportLab.

GB/T 9704 sets a face for each level: the title 小标宋, the body 仿宋, 一、 headings 黑体,
（一） headings 楷体, page numbers 宋体. Each ``Role`` lists the files and fontconfig families of
its face, the computer's own first (Windows: simfang, simsun, simhei, simkai); where a computer
has none, free faces stand in: 楷体 AR PL UKai (Debian fonts-arphic-ukai), 黑体 WenQuanYi Zen Hei
(fonts-wqy-zenhei), 宋体 Noto Serif CJK SC (fonts-noto-cjk), made TrueType once (ttfmake.py), and
as last resorts AR PL UMing, WenQuanYi Micro Hei and the fonts shipped in resources/fonts/.

A level's ``FaceChain`` is its face and then the faces of the levels it falls back to: a
character its face lacks is taken from the next face that has it, per character. ReportLab
subset-embeds only TrueType outlines, so a face is usable when it has them and the common
characters of a record (``BASIC_CHARS``). A character no face has is refused before rendering
(pdf.py): the record is never printed with boxes.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from fontTools.ttLib import TTCollection, TTLibError
from fontTools.ttLib import TTFont as _FontToolsFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from meetingdesk.paths import resources_dir
from meetingdesk.record import ttfmake

log = logging.getLogger(__name__)

RARE_NAME_CHARS = "堃犇喆玥珺燊昇"
BASIC_CHARS = "会议纪实，。（）：—0123456789abcdef"
REQUIRED_CHARS = BASIC_CHARS + RARE_NAME_CHARS  # what the faces of the body together must have
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


@dataclass(frozen=True)
class Role:
    """One face of the standard: the files (lower-case name, face index) and fontconfig family
    substrings that hold it, best first; ``cff`` names CFF fonts (file, family) to convert."""

    label: str
    files: tuple[tuple[str, int], ...]
    families: tuple[str, ...]
    cff: tuple[tuple[str, str], ...] = ()


FANGSONG = Role("仿宋", (("simfang.ttf", 0), ("stfangso.ttf", 0), ("fzfsk.ttf", 0),
                        ("fzfsjw.ttf", 0)), ("fangsong", "仿宋"))
SONG = Role("宋体", (("simsun.ttc", 0), ("simsun.ttf", 0), ("stsong.ttf", 0)),
            ("simsun", "宋体", "songti"),
            cff=(("notoserifcjk-regular.ttc", "Noto Serif CJK SC"),
                 ("notoserifcjksc-regular.otf", "Noto Serif CJK SC"),
                 ("sourcehanserifsc-regular.otf", "Source Han Serif SC")))
XIAOBIAOSONG = Role("小标宋", (("fzxbsjw.ttf", 0), ("fzxbsk.ttf", 0), ("方正小标宋简体.ttf", 0)),
                    ("xiaobiaosong", "小标宋"),
                    cff=(("notoserifcjk-bold.ttc", "Noto Serif CJK SC"),
                         ("notoserifcjksc-bold.otf", "Noto Serif CJK SC"),
                         ("sourcehanserifsc-bold.otf", "Source Han Serif SC")))
HEI = Role("黑体", (("simhei.ttf", 0), ("stheiti.ttf", 0), ("wqy-zenhei.ttc", 0),
                    ("wqy-microhei.ttc", 0)),
           ("simhei", "黑体", "heiti"))
KAI = Role("楷体", (("simkai.ttf", 0), ("stkaiti.ttf", 0), ("ukai.ttc", 0)), ("kaiti", "楷体"))
# Latin letters and digits where a level's Chinese face has typewriter-like ones (Times New Roman
# on Windows, as 公文 templates set them; Liberation Serif or DejaVu Serif on Linux).
LATIN = Role("西文", (("times.ttf", 0), ("liberationserif-regular.ttf", 0),
                    ("dejavuserif.ttf", 0)), ())
LATIN_LEVELS = ("body", "number")
# Not the standard's faces, but with TrueType outlines and wide coverage: the last resorts.
LAST_RESORT = Role("其他", (("uming.ttc", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0)), ())

# The roles each level of the record takes its characters from, in order.
# Each ends with the body's, so that every level has every character the body has.
LEVELS: dict[str, tuple[Role, ...]] = {
    "body": (FANGSONG, SONG, LAST_RESORT),
    "title": (XIAOBIAOSONG, SONG, FANGSONG, LAST_RESORT),
    "heading": (HEI, FANGSONG, SONG, LAST_RESORT),
    "subheading": (KAI, FANGSONG, SONG, LAST_RESORT),
    "number": (SONG, FANGSONG, LAST_RESORT),
}


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
class FaceChain:
    """A level's faces, best first, registered with ReportLab: each character is set in the
    first that has a glyph for it. ``latin``, where given, sets ASCII letters, digits and signs
    (for a Chinese face whose own are typewriter-like, monospaced)."""

    names: tuple[str, ...]
    latin: str | None = None

    @classmethod
    def of(cls, fonts: Iterable[CJKFont], latin: CJKFont | None = None) -> FaceChain:
        names = tuple(dict.fromkeys(register_font(f) for f in fonts))
        if latin is None or not _monospaced_latin(names[0]):
            return cls(names)
        return cls(names, register_font(latin))

    @property
    def primary(self) -> str:
        return self.names[0]

    def face_for(self, ch: str) -> str | None:
        """The face that sets ``ch`` (None: no face has it)."""
        known = _CHAR_FACES.setdefault(self, {})
        if ch not in known:
            faces = ((self.latin, *self.names) if self.latin and "!" <= ch <= "~"
                     else self.names)
            known[ch] = next((n for n in faces if _has_glyph(n, ch)), None)
        return known[ch]


_CHAR_FACES: dict[FaceChain, dict[str, str | None]] = {}


def _monospaced_latin(name: str) -> bool:
    """Whether the face gives "i" and "m" one width: typewriter-like Latin letters and digits."""
    return pdfmetrics.stringWidth("i", name, 10) == pdfmetrics.stringWidth("m", name, 10)


def _has_glyph(name: str, ch: str) -> bool:
    return ch in "\n\u200b" or ord(ch) in pdfmetrics.getFont(name).face.charToGlyph


@dataclass(frozen=True)
class RecordFaces:
    """The face chain of each level of the record."""

    body: FaceChain
    title: FaceChain
    heading: FaceChain
    subheading: FaceChain
    number: FaceChain

    @classmethod
    def single(cls, font: str) -> RecordFaces:
        """Every level in one registered face (the caller chose it)."""
        chain = FaceChain((font,))
        return cls(chain, chain, chain, chain, chain)


@dataclass(frozen=True)
class FontPlaces:
    """Where to look: folders searched (recursively) for the known file names, whether to ask
    fontconfig for the roles' families, and folders whose every font file is a last resort."""

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


def find_record_faces(places: FontPlaces | None = None) -> RecordFaces:
    """The face chains of the record's levels from the fonts in ``places`` (default: this
    computer's usual places); an error when no usable Chinese face is there at all."""
    if places is None:
        return _default_faces()
    finder = _Finder(places)
    chains = {level: finder.chain(roles) for level, roles in LEVELS.items()}
    if not chains["body"]:
        raise finder.not_found()
    for level, fonts in chains.items():
        log.info("record %s faces: %s", level, "; ".join(f.describe() for f in fonts))
    latin = next(iter(finder.role(LATIN, "0123456789")), None)
    return RecordFaces(**{level: FaceChain.of(fonts or chains["body"],
                                              latin if level in LATIN_LEVELS else None)
                          for level, fonts in chains.items()})


def find_cjk_font(places: FontPlaces | None = None) -> CJKFont:
    """The body's face: the best usable Chinese font in ``places``; by default in this
    computer's usual places, looked through once a process (per the folders those are: a
    changed WINDIR, LOCALAPPDATA or home is looked through anew)."""
    if places is None:
        return _default_body_font(FontPlaces.default())
    return _body_font(places)


@lru_cache(maxsize=8)
def _default_body_font(places: FontPlaces) -> CJKFont:
    return _body_font(places)


def _body_font(places: FontPlaces) -> CJKFont:
    finder = _Finder(places)
    font = next(finder.faces(LEVELS["body"]), None)
    if font is None:
        raise finder.not_found()
    return font


@lru_cache(maxsize=1)
def _default_faces() -> RecordFaces:
    return find_record_faces(FontPlaces.default())


def register_font(font: CJKFont) -> str:
    """Register ``font`` with ReportLab (once) and return its ReportLab font name."""
    name = font.reportlab_name
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    return name


class _Finder:
    """The usable faces of each role in one set of places, each file looked at once."""

    def __init__(self, places: FontPlaces) -> None:
        self.places = places
        roles = {role for level in LEVELS.values() for role in level} | {LATIN}
        wanted = {name for role in roles for name, _ in role.files + role.cff}
        self.found = _find_named_files(places.system_dirs, wanted)
        self.listing = _fontconfig_listing() if places.use_fontconfig else ()
        self.rejected: dict[tuple[Path, int], str] = {}
        self.usable: dict[tuple[Path, int, str], CJKFont | None] = {}

    def chain(self, roles: tuple[Role, ...]) -> list[CJKFont]:
        return list(dict.fromkeys(self.faces(roles)))

    def faces(self, roles: tuple[Role, ...]) -> Iterator[CJKFont]:
        """The usable faces of ``roles``, best first; a file is looked at only when reached
        (reading a Chinese font's character map takes a tenth of a second)."""
        for role in roles:
            yield from self._role_faces(role, BASIC_CHARS)
        if roles[-1] is LAST_RESORT:
            yield from self._bundled()

    def role(self, role: Role, required: str = BASIC_CHARS) -> list[CJKFont]:
        """The role's usable faces (with glyphs for ``required``): its files, its fontconfig
        families, its converted CFF font; the first of them is the role's face, the others
        only stand in for a character."""
        return list(dict.fromkeys(self._role_faces(role, required)))

    def _role_faces(self, role: Role, required: str) -> Iterator[CJKFont]:
        for path, index in self._candidates(role):
            font = self._usable(path, index, required)
            if font is not None:
                yield font

    def _candidates(self, role: Role) -> Iterator[tuple[Path, int]]:
        for name, index in role.files:
            if name in self.found:
                yield self.found[name], index
        for file, index, family in self.listing:
            if any(f in family.lower() for f in role.families):
                yield file, index
        for name, family in role.cff:
            if name in self.found:
                made = _converted(self.found[name], family)
                if made is not None:
                    yield made, 0

    def _bundled(self) -> Iterator[CJKFont]:
        for folder in self.places.bundled_dirs:
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if path.suffix.lower() in FONT_SUFFIXES:
                        font = self._usable(path, 0)
                        if font is not None:
                            yield font

    def _usable(self, path: Path, index: int, required: str = BASIC_CHARS) -> CJKFont | None:
        key = (path, index, required)
        if key not in self.usable:
            self.usable[key] = _usable(path, index, required, self.rejected)
        return self.usable[key]

    def not_found(self) -> FontNotFoundError:
        places = self.places
        looked = ", ".join(str(d) for d in places.system_dirs + places.bundled_dirs)
        why = "; ".join(self.rejected.values()) or "none found"
        return FontNotFoundError(
            "找不到可用的中文 TrueType 字体（如仿宋、宋体），无法生成会议纪实 PDF。"
            "请安装仿宋或宋体字体，或 fonts-noto-cjk、fonts-arphic-uming。\n"
            f"No usable Chinese TrueType font to render the record. Looked in: {looked}. "
            f"Candidates rejected: {why}.")


def _converted(source: Path, family: str) -> Path | None:
    """The TrueType copy of the ``family`` face of a CFF font (None when it has no such face
    or cannot be read)."""
    try:
        if source.suffix.lower() == ".ttc":
            faces = TTCollection(str(source), lazy=True).fonts
            index = next((i for i, f in enumerate(faces)
                          if f["name"].getDebugName(1) == family), None)
        else:
            index = 0
        if index is None:
            return None
        return ttfmake.truetype_copy(source, index, REQUIRED_CHARS)
    except (OSError, TTLibError, KeyError, ValueError) as exc:
        log.warning("cannot make a TrueType face from %s: %s", source, exc)
        return None


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


@lru_cache(maxsize=1)
def _fontconfig_listing() -> tuple[tuple[Path, int, str], ...]:
    """TrueType faces as fontconfig lists them: (file, face index, family names)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listing = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\n", ":fontformat=TrueType"],
            capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    out = []
    for line in sorted(listing.splitlines()):
        file, _, rest = line.partition("\t")
        index, _, family = rest.partition("\t")
        if index.isdigit():
            out.append((Path(file), int(index), family))
    return tuple(out)


def _usable(path: Path, index: int, required: str,
            rejected: dict[tuple[Path, int], str]) -> CJKFont | None:
    """The face if it has TrueType outlines and the ``required`` characters; else note why
    not."""
    try:
        face = _FontToolsFont(str(path), fontNumber=index, lazy=True)
    except (OSError, TTLibError) as exc:
        rejected[(path, index)] = f"{path}: {exc}"
        return None
    try:
        if "glyf" not in face:
            rejected[(path, index)] = f"{path}: PostScript (CFF) outlines, not TrueType"
            return None
        cmap = face.getBestCmap() or {}
        missing = "".join(c for c in required if ord(c) not in cmap)
        if missing:
            rejected[(path, index)] = f"{path}: no glyphs for {missing}"
            return None
        return CJKFont(path=path, index=index, family=face["name"].getDebugName(1) or path.stem)
    finally:
        face.close()
