"""Turn the one-folder bundle (packaging/meetingdesk.spec) into a Debian package.

    python packaging/build_deb.py BUNDLE_DIR [--out DIR] [--version V]

BUNDLE_DIR is the folder PyInstaller made (dist/meetingdesk). The package installs

    /opt/meetingdesk/                                the bundle (program + _internal/)
    /usr/bin/meetingdesk                             a wrapper that runs it
    /usr/share/applications/meetingdesk.desktop      the menu entry (会议纪实台, category Office)
    /usr/share/icons/hicolor/*/apps/meetingdesk.*    its icon, 16 to 256 px and SVG
    /usr/share/doc/meetingdesk/copyright             licences of the program's bundled parts

Depends is computed, not guessed: every ELF file of the bundle is read (objdump -p) for the
libraries it links to; those the bundle does not carry (PyInstaller leaves out libc, libGL,
libEGL, libxcb ...) are found in ldconfig's cache and their packages asked of dpkg. libc6 gets
the newest GLIBC symbol version any file needs, so a computer with an older C library is told
so by dpkg before anything is installed, rather than failing at start. Libraries only the
Wayland plugins or the CUPS print plugin need are Recommends; fontconfig (the configuration files the bundled
libfontconfig reads) is added. (dpkg-shlibdeps does the same from symbols files, but takes a
minute over the 300 files and fails on any library missing from the build machine.)
Needs objdump (binutils, which PyInstaller needs too) and dpkg-deb; runs as any user
(--root-owner-group). Prints the path of the .deb it wrote.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PACKAGE = "meetingdesk"
PREFIX = Path("opt") / "meetingdesk"
MAINTAINER = "MeetingDesk developers <meetingdesk@localhost>"
# Packages needed beyond the linked libraries: fontconfig's configuration files (read by the
# bundled libfontconfig, which Qt uses to find fonts).
EXTRA_DEPENDS = ["fontconfig"]
# The record's faces where the computer has none of its own (fonts.py): a 宋体 (Noto Serif CJK
# SC, made TrueType on first use), 黑体, 楷体, and a 宋体-like last resort; without them the
# record uses the bundled WenQuanYi Micro Hei (a 黑体) for every level.
RECOMMENDS = ["fonts-noto-cjk", "fonts-wqy-zenhei", "fonts-arphic-ukai", "fonts-arphic-uming"]
DESCRIPTION = """\
Leadership-team meeting records (会议纪实台)
 MeetingDesk records the leadership-team meetings (班子会议) of Chinese townships
 and county departments offline, item by item: every member's opinion and vote,
 the chief's last position (末位表态), the 三重一大 rules, and a signed PDF record
 for filing (备案). This package carries its own Python and Qt in /opt/meetingdesk
 and a Chinese font (WenQuanYi Micro Hei); it needs no network."""

WRAPPER = """\
#!/bin/sh
# MeetingDesk (会议纪实台), installed in /opt/meetingdesk.
# Chinese input on an fcitx desktop: the bundled Qt carries the ibus input plugin but no fcitx
# one (a distribution's fcitx Qt plugin is built for its own Qt and cannot load into this
# newer one), and fcitx5 answers ibus clients through its ibus D-Bus portal.
case "${QT_IM_MODULE:-${XMODIFIERS:-}}" in
    fcitx*|@im=fcitx*) export QT_IM_MODULE=ibus IBUS_USE_PORTAL=1 ;;
esac
exec /opt/meetingdesk/meetingdesk "$@"
"""


def version_of_source() -> str:
    text = (ROOT / "meetingdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if not match:
        raise SystemExit("no __version__ in meetingdesk/__init__.py")
    return match.group(1)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


# Sonames the bundle's Qt may link to that a minimal build machine may lack, and their packages.
KNOWN_PACKAGES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libcups.so.2": "libcups2",
}
GLIBC_SONAMES = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1",
                 "libresolv.so.2", "libutil.so.1", "libanl.so.1", "ld-linux-x86-64.so.2",
                 "ld-linux-aarch64.so.1", "ld-linux-loongarch-lp64d.so.1"}


def elf_needs(path: Path) -> tuple[set[str], set[tuple[int, ...]]]:
    """(DT_NEEDED sonames, GLIBC_x.y symbol versions required) of one ELF file."""
    text = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                          check=True).stdout
    needed = set(re.findall(r"^\s+NEEDED\s+(\S+)", text, re.M))
    glibc = {tuple(int(n) for n in v.split(".")) for v in re.findall(r"\sGLIBC_([0-9.]+)\b", text)}
    return needed, glibc


def elf_machine(path: Path) -> bytes:
    with path.open("rb") as handle:
        header = handle.read(20)
    return header[4:6] + header[18:20]  # ELF class, byte order and e_machine


def system_library_paths(machine: bytes) -> dict[str, Path]:
    """soname -> path of the system's library of the bundle's architecture (ldconfig's cache)."""
    listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True,
                             check=True).stdout
    found: dict[str, Path] = {}
    for line in listing.splitlines()[1:]:
        name, _, target = line.strip().partition(" => ")
        soname = name.split(" ", 1)[0]
        path = Path(target.strip())
        if soname not in found and path.is_file() and elf_machine(path) == machine:
            found[soname] = path
    return found


def owning_package(path: Path) -> str | None:
    """The Debian package that installed `path` (tried as given, resolved, and with /usr)."""
    real = path.resolve()
    tries = {str(path), str(real)}
    for p in list(tries):
        tries.add("/usr" + p if not p.startswith("/usr/") else p[4:])
    for candidate in sorted(tries):
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def is_optional_part(dest: Path) -> bool:
    """Wayland support (the X11 path runs without it) and the CUPS print plugin."""
    text = str(dest).lower()
    return "wayland" in text or "wlshell" in text or "/printsupport/" in text


def shlib_depends(bundle: Path) -> tuple[list[str], list[str]]:
    """(Depends, Recommends) on system packages: the libraries the bundle's ELF files link to
    that the bundle does not carry. libc6 gets the newest GLIBC symbol version they need; the
    libraries only Wayland support and the print plugin need are recommended."""
    elves = sorted(p for p in bundle.rglob("*") if is_elf(p))
    carried = {p.name for p in bundle.rglob("*")}
    machine = elf_machine(bundle / "meetingdesk")
    system = system_library_paths(machine)
    glibc: set[tuple[int, ...]] = set()
    wanted: dict[str, bool] = {}  # soname -> needed outside Wayland support
    for elf in elves:
        needed, versions = elf_needs(elf)
        glibc |= versions
        for soname in needed - carried:
            wanted[soname] = wanted.get(soname, False) or not is_optional_part(elf)
    depends: dict[str, bool] = {}
    missing = []
    for soname, hard in sorted(wanted.items()):
        if soname in GLIBC_SONAMES:
            package = "libc6"
        elif soname in system:
            package = owning_package(system[soname]) or KNOWN_PACKAGES.get(soname)
        else:
            package = KNOWN_PACKAGES.get(soname)
        if package is None:
            missing.append(soname)
            continue
        depends[package] = depends.get(package, False) or hard
    if missing:
        raise SystemExit(f"build_deb: no system library {', '.join(missing)} here, and the bundle "
                         "does not carry it. If it is a Qt library, the spec left it out while "
                         "keeping something that needs it; else install its package on this "
                         "build machine and run again")
    libc = "libc6"
    if glibc:
        libc += f" (>= {'.'.join(map(str, max(glibc)))})"
    hard = sorted(p for p, h in depends.items() if h and p != "libc6")
    soft = sorted(p for p, h in depends.items() if not h and p != "libc6")
    return [libc, *hard], soft


def copyright_text(bundle: Path) -> str:
    fonts = bundle / "_internal" / "resources" / "fonts"
    licence = (fonts / "wqy-microhei.LICENSE.txt").read_text(encoding="utf-8")
    return f"""\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: MeetingDesk (会议纪实台)

Files: /opt/meetingdesk/*
Comment: MeetingDesk, frozen with PyInstaller together with the Python interpreter (PSF
 licence), Qt 6 and PySide6 (LGPL-3.0, used as shared libraries), SQLAlchemy and Alembic
 (MIT), ReportLab (BSD), pyHanko (MIT), cryptography (Apache-2.0 or BSD) and their
 dependencies; each package's own licence file is inside /opt/meetingdesk/_internal where
 it ships one.

Files: /opt/meetingdesk/_internal/resources/fonts/wqy-microhei.ttc
License: Apache-2.0 or GPL-3+ with Font exception
 The full Apache License 2.0 is in
 /opt/meetingdesk/_internal/resources/fonts/Apache-2.0.txt; the font's Debian copyright
 file follows.
 .
{chr(10).join(' ' + (l if l.strip() else '.') for l in licence.splitlines())}
"""


def normalise_modes(tree: Path) -> None:
    """0755 for folders and executables, 0644 for everything else (whatever the umask was)."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def installed_size_kib(tree: Path) -> int:
    total = 0
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += (path.stat().st_size + 1023) // 1024
    return total


def build(bundle: Path, out: Path, version: str) -> Path:
    bundle = bundle.resolve()
    if not (bundle / "meetingdesk").is_file() or not (bundle / "_internal").is_dir():
        raise SystemExit(f"{bundle} is not a PyInstaller one-folder build of meetingdesk")
    arch = architecture()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / "stage"
        shutil.copytree(bundle, stage / PREFIX, symlinks=True)
        wrapper = stage / "usr" / "bin" / "meetingdesk"
        wrapper.parent.mkdir(parents=True)
        wrapper.write_text(WRAPPER, encoding="utf-8")
        wrapper.chmod(0o755)
        apps = stage / "usr" / "share" / "applications"
        apps.mkdir(parents=True)
        shutil.copyfile(HERE / "linux" / "meetingdesk.desktop", apps / "meetingdesk.desktop")
        # Rendered with Qt in a child process: a QGuiApplication made here would stay behind
        # in the caller (the test suite builds through here, and its widgets need a
        # QApplication).
        subprocess.run([sys.executable, str(HERE / "make_icons.py"), "png",
                        str(stage / "usr" / "share" / "icons" / "hicolor")], check=True,
                       stdout=subprocess.DEVNULL,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        doc = stage / "usr" / "share" / "doc" / PACKAGE
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(copyright_text(bundle), encoding="utf-8")
        normalise_modes(stage)

        depends, recommends = shlib_depends(stage / PREFIX)
        depends += EXTRA_DEPENDS
        recommends += RECOMMENDS
        control = stage / "DEBIAN" / "control"
        control.parent.mkdir()
        control.write_text(
            f"Package: {PACKAGE}\n"
            f"Version: {version}\n"
            f"Architecture: {arch}\n"
            f"Maintainer: {MAINTAINER}\n"
            f"Installed-Size: {installed_size_kib(stage)}\n"
            f"Depends: {', '.join(depends)}\n"
            f"Recommends: {', '.join(recommends)}\n"
            f"Section: misc\n"
            f"Priority: optional\n"
            f"Description: {DESCRIPTION}\n", encoding="utf-8")
        normalise_modes(stage / "DEBIAN")
        target = out / f"{PACKAGE}_{version}_{arch}.deb"
        # xz, which every dpkg reads (older UOS/Kylin dpkg cannot read zstd), at level 1: 10 %
        # larger than level 6 but four times faster to build, and light to unpack on old laptops.
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(stage),
                        str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller output folder (dist/meetingdesk)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where to write the .deb")
    parser.add_argument("--version", default=None, help="package version (default: the source's)")
    args = parser.parse_args(argv)
    print(build(args.bundle, args.out, args.version or version_of_source()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
