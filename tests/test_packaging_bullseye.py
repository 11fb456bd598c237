"""The .deb for glibc 2.31 systems: built in a Debian 11 (bullseye) root, installed and run in a
clean one.

packaging/build_bullseye.py builds the bundle and the .deb in a bullseye root with CPython 3.11
compiled there; the roots are cached outside the repository (MEETINGDESK_BUILD_CACHE, default
/var/cache/meetingdesk-build), so only the first run makes them (about 8 minutes on two
cores) and later runs take the PyInstaller build and the install (about 4 minutes). The tests
check the newest GLIBC symbol version any bundled file needs (printed) and the package's libc6
dependency, install the .deb with apt-get in a fresh copy of the minimal bullseye root (so its
Depends must be met by bullseye's packages) and run it there with no network, as
tests/test_packaging.py does on the build machine.

The same for arm64 (Phytium, Kunpeng) in arm64 roots under qemu-user-static, every program of
the root emulated: about 14 minutes with cached roots (about 30 the first time). It runs when
packaging/ or pyproject.toml changed since its last pass: the key of that pass
(build_bullseye.packaging_key()) is written to packaging/linux/arm64-passed, to be committed
with the change, so that a new machine skips it too; MEETINGDESK_ARM64=always runs it
regardless.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import build_bullseye  # noqa: E402
from test_packaging import (  # noqa: E402
    INSTALL_DIR, PROGRAM, can_unshare, deb_field, exercise_offline, fonts_seen_from_a_junk_folder,
    succeeded, unavailable)

from meetingdesk import __version__  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux installer"),
]

GLIBC_OF_BULLSEYE = (2, 31)


@pytest.fixture(scope="module", params=["amd64", "arm64"])
def arch(request: pytest.FixtureRequest) -> str:
    return request.param


def arm64_passed() -> str | None:
    """When arm64 last passed for this very packaging, if it did."""
    stamp = build_bullseye.ARM64_PASSED
    if not stamp.is_file():
        return None
    key, _, when = stamp.read_text().strip().partition(" ")
    return when if key == build_bullseye.packaging_key() else None


@pytest.fixture(scope="module")
def cache(arch: str) -> Path:
    if os.geteuid() != 0:
        unavailable("debootstrap and chroot need root")
    for tool in ("debootstrap", "unshare", "chroot"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (bash packaging/bootstrap.sh test installs it)")
    if not can_unshare("-m", "-n"):
        unavailable("`unshare -m -n` is not available")
    cache = build_bullseye.default_cache()
    if arch == "arm64":
        if not Path("/proc/sys/fs/binfmt_misc/qemu-aarch64").is_file():
            unavailable("arm64 programs cannot run here: no qemu-aarch64 in binfmt_misc "
                        "(apt-get install qemu-user-static binfmt-support)")
        passed = arm64_passed()
        if passed and os.environ.get("MEETINGDESK_ARM64") != "always":
            pytest.skip(f"arm64: passed for this packaging ({passed}); "
                        "runs again when packaging/ or pyproject.toml change")
    return cache


@pytest.fixture(scope="module")
def bullseye_build(arch: str, cache: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> build_bullseye.BullseyeBuild:
    result = build_bullseye.build(tmp_path_factory.mktemp(f"bullseye-{arch}"), cache, arch)
    print(f"\nbullseye {arch}: bundle and .deb built in {result.seconds:.0f} s")
    return result


def test_the_bullseye_deb_needs_at_most_glibc_2_31(
        arch: str, bullseye_build: build_bullseye.BullseyeBuild) -> None:
    version, path = build_bullseye.newest_glibc(bullseye_build.bundle)
    dotted = ".".join(map(str, version))
    print(f"\nbullseye {arch}: newest GLIBC symbol GLIBC_{dotted} "
          f"({path.relative_to(bullseye_build.bundle)})")
    assert version <= GLIBC_OF_BULLSEYE
    depends = [d.strip() for d in deb_field(bullseye_build.deb, "Depends").split(",")]
    assert depends[0] == f"libc6 (>= {dotted})", depends
    assert deb_field(bullseye_build.deb, "Version") == __version__
    assert deb_field(bullseye_build.deb, "Architecture") == arch


@pytest.fixture(scope="module")
def clean_root(arch: str, cache: Path, bullseye_build: build_bullseye.BullseyeBuild,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh minimal bullseye root with the .deb installed by apt-get (its Depends from
    bullseye's packages, fetched from the mirror)."""
    started = time.monotonic()
    root = build_bullseye.fresh_root(cache, tmp_path_factory.mktemp("clean") / "root", arch)
    shutil.copy2(bullseye_build.deb, root / "root" / "meetingdesk.deb")
    install = build_bullseye.in_root(
        root, "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
              "--no-install-recommends /root/meetingdesk.deb",
        binds=build_bullseye.apt_archives(cache, arch), capture=True)
    succeeded(install)
    libc = build_bullseye.in_root(root, "dpkg-query -W -f '${Version}' libc6", capture=True)
    assert succeeded(libc).startswith("2.31-"), libc.stdout
    print(f"\nbullseye {arch}: installed in a clean root in {time.monotonic() - started:.0f} s")
    try:
        yield root
    finally:
        shutil.rmtree(root)


def test_the_bullseye_deb_runs_offline_in_a_clean_bullseye_root(
        arch: str, cache: Path, clean_root: Path) -> None:
    assert (clean_root / str(PROGRAM).lstrip("/")).is_file()
    files = clean_root / "root" / "files"
    files.mkdir()
    env = {"HOME": "/root", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "MEETINGDESK_DATA_DIR": "/root/data", "MD_PASSPHRASE": "xiaotang-demo"}

    def in_clean_root(command: list[str], env: dict[str, str]
                      ) -> subprocess.CompletedProcess[str]:
        return build_bullseye.in_root(clean_root, shlex.join(command), offline=True, env=env,
                                      capture=True, timeout=900)

    started = time.monotonic()
    exercise_offline(in_clean_root, env, files, "/root/files")
    print(f"\nbullseye {arch}: ran offline in {time.monotonic() - started:.0f} s")
    # Bullseye's fontconfig 2.13 is the one that scanned the current folder.
    fonts_seen_from_a_junk_folder(
        in_clean_root, env, clean_root / "root" / "junk", "/root/junk", str(INSTALL_DIR),
        clean_root / str(INSTALL_DIR).lstrip("/") / "_internal/resources/fonts/wqy-microhei.ttc")
    if arch == "arm64":
        build_bullseye.ARM64_PASSED.write_text(
            f"{build_bullseye.packaging_key()} {time.strftime('%Y-%m-%d %H:%M')}\n")
