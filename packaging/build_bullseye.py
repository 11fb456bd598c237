"""Build the Linux bundle and .deb inside a Debian 11 (bullseye, glibc 2.31) root.

    python packaging/build_bullseye.py [--arch amd64|arm64] [--out DIR] [--cache DIR]  # as root
    -> DIR/meetingdesk/ and DIR/meetingdesk_<version>_<arch>.deb, for glibc >= 2.31 systems

A .deb carries its build machine's C library requirement (README, "Build on the oldest system
you target"), so it is built in a bullseye root made with debootstrap from Debian's mirror.
Bullseye's own Python is 3.9 (and bullseye-backports, gone from the mirror, had no 3.11), so CPython 3.11 is compiled in
the root from the upstream source that Debian ships as the orig tarball of bookworm's
python3.11 source package (`apt-get source`, checked against the signed Sources index). Inside
the root, `bash packaging/bootstrap.sh build` then makes the venv and runs build_linux.py as on
any machine; pip takes the newest wheels bullseye's glibc accepts (PySide6 6.9 is
manylinux_2_28; 6.10 and later need glibc 2.34).

The roots are cached under --cache (default $MEETINGDESK_BUILD_CACHE or
/var/cache/meetingdesk-build, outside the repository), each keyed by what it was made from: the
minimal bullseye root (also the clean root tests/test_packaging_bullseye.py installs the .deb
into) and the build root with CPython 3.11. The first build takes about 8 minutes on two
cores; later builds reuse both roots, the venv and pip's cache. Needs root, debootstrap and
unshare (util-linux); the network is Debian's mirror and PyPI.

--arch arm64 makes an arm64 root (debootstrap's second stage under qemu-user-static through
binfmt_misc), cross-compiles CPython into it from a copy of the amd64 build root, and builds
in it with every program emulated: the roots take about 11 minutes once, each build about 11
(PyInstaller under emulation). pip then takes PySide6 6.8.0.2, the last release with
manylinux_2_31 aarch64 wheels (later ones need glibc 2.39).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import build_deb  # noqa: E402

SUITE = "bullseye"
MIRROR = "http://deb.debian.org/debian"
# CPython's source: the orig tarball of this Debian source package (bookworm's 3.11).
PYTHON_SOURCE = ("bookworm", "python3.11")
PYTHON_PREFIX = "/opt/python3.11"
# What CPython's build needs for the modules the program uses (ssl, sqlite3, ctypes, lzma,
# bz2, zlib, uuid); dpkg-dev for `apt-get source`.
PYTHON_DEV_PKGS = ["libssl-dev", "libffi-dev", "zlib1g-dev", "libsqlite3-dev", "libbz2-dev",
                   "liblzma-dev", "uuid-dev"]
PYTHON_BUILD_PKGS = ["build-essential", "dpkg-dev", "ca-certificates", *PYTHON_DEV_PKGS,
                     "xz-utils"]
# Their run-time libraries, for a root that gets a cross-compiled CPython.
PYTHON_RUNTIME_PKGS = ["ca-certificates", "libssl1.1", "libffi7", "zlib1g", "libsqlite3-0",
                       "libbz2-1.0", "liblzma5", "libuuid1"]
PYTHON_CHECK = (f"{PYTHON_PREFIX}/bin/python3.11 -c"
                " 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid, venv'")
GNU_TRIPLETS = {"amd64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu"}
# --enable-shared: PyInstaller bundles libpython3.11.so; the rpath finds it without ldconfig.
PYTHON_CONFIGURE = ["--prefix=" + PYTHON_PREFIX, "--enable-shared",
                    "LDFLAGS=-Wl,-rpath," + PYTHON_PREFIX + "/lib"]
HOST_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
HOST_CA_IN_ROOT = "/etc/ssl/host-ca-certificates.crt"
SOURCE_IGNORE = shutil.ignore_patterns(".git", ".venv", "dist", "build", "__pycache__",
                                       ".pytest_cache", "*.egg-info", ".hypothesis")


def say(message: str) -> None:
    print(f"[bullseye] {message}", file=sys.stderr, flush=True)


def default_cache() -> Path:
    return Path(os.environ.get("MEETINGDESK_BUILD_CACHE", "/var/cache/meetingdesk-build"))


def key_of(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def in_root(root: Path, command: str, *, offline: bool = False, binds: dict[Path, str] | None = None,
            env: dict[str, str] | None = None, capture: bool = False,
            timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """`sh -c command` chrooted into `root`, in a private mount namespace with /proc, /dev and
    the `binds` (host folder -> folder in the root) mounted; with `offline` also in a network
    namespace of its own, where there is no network at all. The environment is `env` only
    (plus PATH, HOME, LANG), as after a login, not the caller's."""
    mounts = [f"mount -t proc proc {root}/proc", f"mount --rbind /dev {root}/dev",
              f"mount -t tmpfs tmpfs {root}/tmp"]
    for source, target in (binds or {}).items():
        source.mkdir(parents=True, exist_ok=True)
        inside = root / target.lstrip("/")
        inside.mkdir(parents=True, exist_ok=True)
        mounts.append(f"mount --bind {shlex.quote(str(source))} {shlex.quote(str(inside))}")
    variables = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                 "HOME": "/root", "LANG": "C.UTF-8", **(env or {})}
    chroot = ["chroot", str(root), "/usr/bin/env", "-i",
              *(f"{k}={v}" for k, v in variables.items()), "sh", "-c", command]
    script = " && ".join(mounts) + " && exec " + shlex.join(chroot)
    namespaces = ["-m", "--propagation", "private"] + (["-n"] if offline else [])
    return subprocess.run(["unshare", *namespaces, "sh", "-c", script], text=True,
                          capture_output=capture, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def checked(result: subprocess.CompletedProcess[str], what: str) -> subprocess.CompletedProcess[str]:
    if result.returncode != 0:
        output = (result.stdout or "") + (result.stderr or "")
        raise SystemExit(f"{what} failed (exit {result.returncode})\n{output[-4000:]}")
    return result


def cached(folder: Path, make) -> Path:
    """`folder`, made by `make(folder)` unless an earlier call completed it."""
    done = folder.with_name(folder.name + ".complete")
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    make(folder)
    done.write_text(f"{time.monotonic() - started:.0f} s\n")
    return folder


def apt_archives(cache: Path, arch: str) -> dict[Path, str]:
    """Bind mount that keeps downloaded .debs between roots and runs."""
    return {cache / f"apt-archives-{arch}": "/var/cache/apt/archives"}


def apt_install(root: Path, cache: Path, arch: str, packages: list[str]) -> None:
    command = ("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
               "--no-install-recommends " + shlex.join(packages))
    checked(in_root(root, command, binds=apt_archives(cache, arch), capture=True),
            f"apt-get install in {root}")


def base_root(cache: Path, arch: str = "amd64") -> Path:
    """A minimal bullseye root (debootstrap --variant=minbase), as a clean computer has it."""
    def make(folder: Path) -> None:
        say(f"debootstrap {SUITE} {arch} into {folder}")
        # Another architecture's root is unpacked here and configured by its own programs,
        # run through qemu-user-static (binfmt_misc).
        foreign = arch != build_deb.architecture()
        checked(subprocess.run(["debootstrap", "--variant=minbase", f"--arch={arch}",
                                *(["--foreign"] if foreign else []), SUITE, str(folder), MIRROR],
                               capture_output=True, text=True), "debootstrap")
        if foreign:
            checked(subprocess.run(["chroot", str(folder), "/debootstrap/debootstrap",
                                    "--second-stage"], capture_output=True, text=True),
                    "debootstrap --second-stage")
        shutil.copyfile("/etc/resolv.conf", folder / "etc" / "resolv.conf")
        (folder / "etc" / "apt" / "apt.conf.d" / "99keep-debs").write_text(
            'Binary::apt::APT::Keep-Downloaded-Packages "true";\n')
    return cached(cache / f"{SUITE}-{arch}-base-{key_of(SUITE, arch, MIRROR, 1)}", make)


def fresh_root(cache: Path, target: Path, arch: str = "amd64") -> Path:
    """A copy of the clean bullseye root at `target` (replacing what was there)."""
    shutil.rmtree(target, ignore_errors=True)
    checked(subprocess.run(["cp", "-a", "--reflink=auto", str(base_root(cache, arch)),
                            str(target)], capture_output=True, text=True), "copying the root")
    return target


def compile_python(root: Path, configure: list[str], install: str, check: str) -> None:
    """CPython compiled in `root` from the source package, installed by `make altinstall`
    with `install` (e.g. DESTDIR=...), then `check` run."""
    suite, package = PYTHON_SOURCE
    say(f"compiling CPython from {suite}'s {package} source package")
    script = (
        "set -e; mkdir -p /usr/src/python && cd /usr/src/python"
        f" && apt-get source --download-only -q {package}"
        " && tar xf *.orig.tar.* && cd Python-*/"
        f" && ./configure -q {shlex.join(configure)}"
        f" && make -s -j$(nproc) && make -s altinstall {install}"
        f" && cd / && rm -rf /usr/src/python && {check}")
    checked(in_root(root, script, capture=True), "building CPython")


def build_root(cache: Path, arch: str = "amd64") -> Path:
    """The bullseye root of `arch` with CPython 3.11 in /opt/python3.11: compiled there for
    this machine's architecture; for another, cross-compiled in a copy of this machine's build
    root (under emulation the compile alone takes most of an hour) and copied in."""
    base = base_root(cache, arch)
    host = build_deb.architecture()

    def copy_of(source: Path, folder: Path) -> None:
        checked(subprocess.run(["cp", "-a", "--reflink=auto", str(source), str(folder)],
                               capture_output=True, text=True), "copying the root")

    def make(folder: Path) -> None:
        copy_of(base, folder)
        (folder / "etc" / "apt" / "sources.list.d" / "python-source.list").write_text(
            f"deb-src {MIRROR} {PYTHON_SOURCE[0]} main\n")
        apt_install(folder, cache, arch, PYTHON_BUILD_PKGS)
        compile_python(folder, PYTHON_CONFIGURE, "", PYTHON_CHECK)

    def make_foreign(folder: Path) -> None:
        copy_of(base, folder)
        apt_install(folder, cache, arch, PYTHON_RUNTIME_PKGS)
        cross = folder.with_name(folder.name + ".cross")
        shutil.rmtree(cross, ignore_errors=True)
        copy_of(build_root(cache, host), cross)
        try:
            checked(in_root(cross, f"dpkg --add-architecture {arch}", capture=True),
                    "dpkg --add-architecture")
            apt_install(cross, cache, host, [f"crossbuild-essential-{arch}",
                                             *(f"{p}:{arch}" for p in PYTHON_DEV_PKGS)])
            triplet = GNU_TRIPLETS[arch]
            configure = [f"--host={triplet}", f"--build={GNU_TRIPLETS[host]}",
                         f"--with-build-python={PYTHON_PREFIX}/bin/python3.11",
                         "--with-ensurepip=no",  # the venv installs pip when it is made
                         # what configure cannot find out without running target programs
                         "ac_cv_file__dev_ptmx=yes", "ac_cv_file__dev_ptc=no",
                         "ac_cv_buggy_getaddrinfo=no",
                         *PYTHON_CONFIGURE]
            compile_python(cross, configure, "DESTDIR=/usr/src/target", "true")
            shutil.copytree(cross / "usr" / "src" / "target" / PYTHON_PREFIX.lstrip("/"),
                            folder / PYTHON_PREFIX.lstrip("/"), symlinks=True)
        finally:
            shutil.rmtree(cross, ignore_errors=True)
        checked(in_root(folder, PYTHON_CHECK, capture=True), f"CPython in the {arch} root")

    if arch == host:
        key = key_of(base.name, PYTHON_SOURCE, PYTHON_BUILD_PKGS, PYTHON_CONFIGURE)
        return cached(cache / f"{SUITE}-{arch}-python3.11-{key}", make)
    key = key_of(base.name, PYTHON_SOURCE, PYTHON_RUNTIME_PKGS, PYTHON_BUILD_PKGS,
                 PYTHON_CONFIGURE, host)
    return cached(cache / f"{SUITE}-{arch}-python3.11-{key}", make_foreign)


@dataclass(frozen=True)
class BullseyeBuild:
    bundle: Path
    deb: Path
    seconds: float  # the whole build, roots included when they were made


def build(out: Path, cache: Path, arch: str = "amd64") -> BullseyeBuild:
    """The bundle and .deb of this source tree, built in the bullseye root, copied to `out`."""
    started = time.monotonic()
    root = build_root(cache, arch)
    # The source goes to /src afresh; its .venv stays (bootstrap.sh reinstalls into it only
    # when pyproject.toml changed).
    src = root / "src"
    if src.is_dir():
        for entry in src.iterdir():
            if entry.name != ".venv":
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    shutil.copytree(ROOT, src, ignore=SOURCE_IGNORE, symlinks=True, dirs_exist_ok=True)
    # pip in the root trusts what this machine trusts (a TLS proxy's certificate, if any).
    shutil.copyfile(HOST_CA_BUNDLE, root / HOST_CA_IN_ROOT.lstrip("/"))
    say("bash packaging/bootstrap.sh build in the root")
    binds = {**apt_archives(cache, arch), cache / "pip": "/root/.cache/pip"}
    result = in_root(root, "cd /src && bash packaging/bootstrap.sh build --out /src/dist",
                     binds=binds, env={"PYTHON": f"{PYTHON_PREFIX}/bin/python3.11", "CI": "1",
                                       "PIP_CERT": HOST_CA_IN_ROOT}, capture=True)
    checked(result, "the build in the bullseye root")
    shutil.rmtree(out / "meetingdesk", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "dist" / "meetingdesk", out / "meetingdesk", symlinks=True)
    debs = sorted((src / "dist").glob("meetingdesk_*.deb"))
    deb = Path(shutil.copy2(debs[-1], out))
    return BullseyeBuild(out / "meetingdesk", deb, time.monotonic() - started)


# The packaging key of the last arm64 pass, committed, so that a new machine (CI's included)
# knows without a cache whether the packaging changed since (it is left out of the key).
ARM64_PASSED = HERE / "linux" / "arm64-passed"
# Files under packaging/ that no Linux build reads, left out of the key so that a change to
# them does not rerun the arm64 test: translations.py is a developer's tool (it updates the
# .ts and compiles the .qm kept in git; the build bundles that .qm and never runs the tool), and
# windows/ is the Windows installer's script. Everything else there is read by the build
# (bootstrap.sh, build_*.py, the spec and its runtime hook, fetch_font.py, icu_data.py,
# make_icons.py for the menu icons, linux/meetingdesk.desktop).
NOT_IN_LINUX_BUILD = (HERE / "translations.py", HERE / "windows")


def packaging_key() -> str:
    """A key of what the Linux packaging is made of (packaging/ but NOT_IN_LINUX_BUILD, and
    pyproject.toml): the arm64 test runs again when it changes."""
    files = sorted(p for p in HERE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p != ARM64_PASSED
                   and not any(p == left or left in p.parents for left in NOT_IN_LINUX_BUILD))
    digest = hashlib.sha256()
    for path in [*files, ROOT / "pyproject.toml"]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def newest_glibc(bundle: Path) -> tuple[tuple[int, ...], Path]:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle needs, and that file."""
    found: list[tuple[tuple[int, ...], Path]] = []
    for path in bundle.rglob("*"):
        if build_deb.is_elf(path):
            versions = build_deb.elf_needs(path)[1]
            if versions:
                found.append((max(versions), path))
    return max(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / SUITE)
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--arch", default="amd64", help="amd64, or arm64 under qemu-user-static")
    args = parser.parse_args(argv)
    result = build(args.out.resolve(), args.cache, args.arch)
    version, path = newest_glibc(result.bundle)
    print(f"bundle: {result.bundle}\ndeb:    {result.deb}  ({result.seconds:.0f} s)")
    print(f"newest GLIBC symbol: GLIBC_{'.'.join(map(str, version))} "
          f"({path.relative_to(result.bundle)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
