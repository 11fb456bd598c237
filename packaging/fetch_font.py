"""Put the bundled Chinese font, with its licence, into resources/fonts/ (run at build time).

    python packaging/fetch_font.py               # on Debian/Ubuntu/UOS/Kylin (see below)
    python packaging/fetch_font.py --deb FILE    # anywhere (Windows too): from a .deb you copied
    python packaging/fetch_font.py --check       # exit 1 unless the font and licence are in place

The font is WenQuanYi Micro Hei (文泉驿微米黑), Debian package ``fonts-wqy-microhei``: about 5 MB,
TrueType outlines (ReportLab can embed them), every GBK hanzi and the rare name characters the
record needs, licensed Apache-2.0 (or GPL-3+ with a font-embedding exception). It is the last
resort of the record (meetingdesk/record/fonts.py prefers the computer's own 仿宋/宋体) and the
screen font on a Linux computer that has no Chinese font (packaging/rthook_fonts.py).

Where the package is installed (packaging/bootstrap.sh installs it), its files are copied;
otherwise it is taken from the Debian archive by package name (``apt-get download`` needs no
root and installs nothing) and unpacked here in pure Python (a .deb is an ar archive holding
data.tar.xz). Either way the font is checked with fontTools. The font is not committed to git (see .gitignore);
the licence texts are written beside it and travel into every bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import lzma
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
PACKAGE = "fonts-wqy-microhei"
FONT_MEMBER = "usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
COPYRIGHT_MEMBER = f"usr/share/doc/{PACKAGE}/copyright"
FONT_FILE = FONTS / "wqy-microhei.ttc"
LICENCE_FILE = FONTS / "wqy-microhei.LICENSE.txt"
SOURCE_FILE = FONTS / "wqy-microhei.SOURCE.txt"
# The full Apache-2.0 text (Debian's copyright file only points at /usr/share/common-licenses).
APACHE_FILE = FONTS / "Apache-2.0.txt"
# Characters the bundled font must have: the record's required set and the interface's words.
CHECK_CHARS = "会议纪实台，。（）：堃犇喆玥珺燊昇—主持人记录人三重一大末位表态备案"


def present() -> bool:
    return FONT_FILE.is_file() and LICENCE_FILE.is_file() and APACHE_FILE.is_file()


def ar_members(data: bytes) -> dict[str, bytes]:
    """The members of a Unix ar archive (the container of a .deb)."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not a .deb (ar) archive")
    members, pos = {}, 8
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        pos += 60
        members[name] = data[pos:pos + size]
        pos += size + (size % 2)
    return members


def data_tar(deb: bytes) -> tarfile.TarFile:
    members = ar_members(deb)
    for name, blob in members.items():
        if name.startswith("data.tar"):
            if name.endswith(".zst"):
                raise ValueError(f"{name}: zstd-compressed; unpack it with dpkg-deb -x instead")
            if name.endswith(".xz"):
                blob = lzma.decompress(blob)
                return tarfile.open(fileobj=io.BytesIO(blob), mode="r:")
            return tarfile.open(fileobj=io.BytesIO(blob), mode="r:*")
    raise ValueError(f"no data.tar.* in the .deb (members: {', '.join(members)})")


def read_member(tar: tarfile.TarFile, wanted: str) -> bytes:
    for info in tar.getmembers():
        if info.name.lstrip("./") == wanted and info.isfile():
            handle = tar.extractfile(info)
            assert handle is not None
            return handle.read()
    raise ValueError(f"{wanted} is not in the package")


def download_deb(folder: Path) -> Path:
    """``apt-get download fonts-wqy-microhei`` into ``folder`` (no root needed)."""
    if shutil.which("apt-get") is None:
        raise SystemExit(
            f"apt-get is not available here. Copy a {PACKAGE} .deb onto this machine (from a Debian,\n"
            f"Ubuntu, UOS or Kylin computer: `apt-get download {PACKAGE}`) and run\n"
            f"    python packaging/fetch_font.py --deb {PACKAGE}_<version>_all.deb")
    result = subprocess.run(["apt-get", "download", PACKAGE], cwd=folder,
                            capture_output=True, text=True)
    debs = sorted(folder.glob(f"{PACKAGE}_*.deb"))
    if result.returncode != 0 or not debs:
        raise SystemExit(f"apt-get download {PACKAGE} failed (run `apt-get update` first?):\n"
                         f"{result.stderr.strip()}")
    return debs[-1]


def installed_package() -> tuple[Path, str, str] | None:
    """(font file, copyright text, "package_version") when fonts-wqy-microhei is installed here."""
    if shutil.which("dpkg-query") is None:
        return None
    query = subprocess.run(["dpkg-query", "-W", "-f", "${Status}\t${Version}\t${Architecture}",
                            PACKAGE], capture_output=True, text=True)
    status, _, rest = query.stdout.partition("\t")
    version, _, arch = rest.partition("\t")
    font, copyright_file = Path("/") / FONT_MEMBER, Path("/") / COPYRIGHT_MEMBER
    if query.returncode != 0 or status != "install ok installed" or not font.is_file() \
            or not copyright_file.is_file():
        return None
    return font, copyright_file.read_text(encoding="utf-8"), f"{PACKAGE}_{version}_{arch}"


def check_font(path: Path) -> str:
    """The font's family name; raises if it lacks TrueType outlines or a needed character."""
    from fontTools.ttLib import TTFont

    face = TTFont(str(path), fontNumber=0, lazy=True)
    try:
        if "glyf" not in face:
            raise ValueError(f"{path}: not TrueType outlines")
        cmap = face.getBestCmap() or {}
        missing = "".join(c for c in CHECK_CHARS if ord(c) not in cmap)
        if missing:
            raise ValueError(f"{path}: no glyphs for {missing}")
        return face["name"].getDebugName(1) or path.stem
    finally:
        face.close()


def apache_text() -> str:
    system = Path("/usr/share/common-licenses/Apache-2.0")
    if system.is_file():
        return system.read_text(encoding="utf-8")
    raise SystemExit("the Apache-2.0 licence text is missing: "
                     f"{APACHE_FILE.relative_to(ROOT)} should be in the checkout")


def install_from(deb_path: Path) -> None:
    deb = deb_path.read_bytes()
    tar = data_tar(deb)
    font = read_member(tar, FONT_MEMBER)
    copyright_text = read_member(tar, COPYRIGHT_MEMBER).decode("utf-8")
    install(font, copyright_text, deb_path.name, f"sha256: {hashlib.sha256(deb).hexdigest()}\n")


def install(font: bytes, copyright_text: str, origin: str, extra: str = "") -> None:
    FONTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / FONT_FILE.name
        candidate.write_bytes(font)
        family = check_font(candidate)
        shutil.copyfile(candidate, FONT_FILE)
    LICENCE_FILE.write_text(
        f"{family}: {FONT_FILE.name}, from the Debian package {origin}.\n"
        f"Licensed under the Apache License 2.0 (full text: {APACHE_FILE.name}) or the GNU GPL\n"
        f"version 3 or later with a font-embedding exception, as the Debian copyright file below says.\n"
        f"\n{'=' * 78}\n{copyright_text}", encoding="utf-8")
    if not APACHE_FILE.is_file():
        APACHE_FILE.write_text(apache_text(), encoding="utf-8")
    SOURCE_FILE.write_text(
        f"package: {origin}\n{extra}font sha256: {hashlib.sha256(font).hexdigest()}\n",
        encoding="utf-8")
    print(f"resources/fonts: {family} ({FONT_FILE.name}, {len(font) / 1e6:.1f} MB) from {origin}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", type=Path, help=f"a {PACKAGE} .deb to take the font from")
    parser.add_argument("--force", action="store_true", help="replace a font already in place")
    parser.add_argument("--check", action="store_true", help="only check that it is in place")
    args = parser.parse_args(argv)
    if args.check:
        if not present():
            print(f"missing: {FONT_FILE}, {LICENCE_FILE} or {APACHE_FILE}; "
                  "run python packaging/fetch_font.py")
            return 1
        print(f"resources/fonts: {check_font(FONT_FILE)} in place")
        return 0
    if present() and not args.force and args.deb is None:
        print(f"resources/fonts: {FONT_FILE.name} already in place")
        return 0
    if args.deb is not None:
        install_from(args.deb)
        return 0
    local = installed_package()
    if local is not None:  # installed from the Debian archive already (bootstrap.sh does that)
        font, copyright_text, origin = local
        install(font.read_bytes(), copyright_text, origin + " (installed)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        install_from(download_deb(Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
