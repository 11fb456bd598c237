"""Build the Linux installer in one go: the bundled font, the PyInstaller bundle, the .deb.

    python packaging/build_linux.py [--out DIR]     # default DIR: dist/
    -> DIR/meetingdesk/ (the one-folder bundle) and DIR/meetingdesk_<version>_<arch>.deb

Run it with the Python of a virtual environment that has MeetingDesk and PyInstaller
(`pip install -e ".[test]"`, as packaging/bootstrap.sh test makes .venv). Needs binutils
(objdump, used by PyInstaller and build_deb.py) and dpkg-deb. The test suite
(tests/test_packaging.py) and the benchmark (tests/bench_bundle.py) build through here too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "meetingdesk.spec"
sys.path.insert(0, str(HERE))
import build_deb  # noqa: E402
import fetch_font  # noqa: E402


@dataclass(frozen=True)
class Build:
    bundle: Path  # the one-folder bundle: bundle/meetingdesk is the program
    deb: Path
    log: Path  # PyInstaller's output
    bundle_seconds: float
    deb_seconds: float


class BuildError(RuntimeError):
    pass


def build_bundle(out: Path, work: Path, log: Path, bare: Path | None = None) -> Path:
    """PyInstaller with packaging/meetingdesk.spec; returns out/meetingdesk. With `bare`, a
    script, the spec bundles that script instead of the program (tests/bench_bundle.py)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the spec renders icons with Qt
    if bare:
        env["MEETINGDESK_SPEC_BARE"] = str(bare)
    elif not fetch_font.present():
        fetch_font.main([])
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(out), "--workpath", str(work), str(SPEC)],
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env)
    if result.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
        raise BuildError(f"PyInstaller failed (exit {result.returncode}); log {log}:\n{tail}")
    return out / "meetingdesk"


def build_all(out: Path, work: Path | None = None) -> Build:
    out.mkdir(parents=True, exist_ok=True)
    work = work or out / "pyinstaller-work"
    log = out / "pyinstaller.log"
    started = time.monotonic()
    bundle = build_bundle(out, work, log)
    middle = time.monotonic()
    deb = build_deb.build(bundle, out, build_deb.version_of_source())
    return Build(bundle, deb, log, middle - started, time.monotonic() - middle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    try:
        build = build_all(args.out.resolve())
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"bundle: {build.bundle}  ({build.bundle_seconds:.0f} s)")
    print(f"deb:    {build.deb}  ({build.deb_seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
