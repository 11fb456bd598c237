"""Benchmark the Linux installer: its sizes and the installed program's start-up, beside a bare
PySide6 QtWidgets + QtPdf hello-world bundled the same way.

    .venv/bin/python tests/bench_bundle.py [--runs 5] [--bundle DIR --deb FILE]

Without --bundle/--deb it builds both first (packaging/build_linux.py, into a temporary folder)
and prints the build times. In every run it also bundles the hello-world (a QLabel in a
window, a QPdfDocument made) with the same spec and options (packaging/meetingdesk.spec with
MEETINGDESK_SPEC_BARE: the same exclusions, dropped plugins, ICU data and strip; no .deb).
Then it prints:

* each bundle's size unpacked (bytes of its files), and the .deb's size;
* with root and dpkg: installs the .deb, and times the installed /usr/bin/meetingdesk (else the
  bundle's program in place, and says so):
  - GUI start to the main window showing the demo unit's meetings (offscreen,
    MEETINGDESK_QUIT_AFTER_START=1: time until the program prints that line), cold (page cache
    dropped before each run, as after a reboot; root only, and it slows the whole machine for
    a moment) and warm;
  - `meetingdesk --help` and `meetingdesk list` (warm);
  - the hello-world's start to its window shown, cold and warm, from its build folder;
  medians of --runs runs, with min and max; then removes the package again if it installed it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import build_linux  # noqa: E402

READY = "MeetingDesk: main window ready"
HELLO_READY = "hello: window shown"
HELLO = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
document = QPdfDocument(app)
window = QLabel("会议纪实台")
window.show()


def shown() -> None:
    print("{HELLO_READY}", flush=True)
    QTimer.singleShot(0, app.quit)


QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed_until(command: list[str], env: dict[str, str], marker: str | None) -> float:
    """Seconds from start until `marker` appears on stdout (or until exit, without a marker).
    Run in the home folder, as the menu starts it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=env["HOME"])
    assert process.stdout is not None
    seen = None
    for line in process.stdout:
        if marker and marker in line and seen is None:
            seen = time.perf_counter() - started
    code = process.wait()
    total = time.perf_counter() - started
    if code != 0 or (marker and seen is None):
        raise RuntimeError(f"{command} failed (exit {code})")
    return seen if marker else total


def size_line(label: str, size: int, where: str) -> str:
    return f"{label:<22} {size / 1e6:6.1f} MB = {size / 2**20:6.1f} MiB  ({where})"


def bare_bundle(tmp: Path) -> Path:
    """The hello-world, bundled with the program's spec and options."""
    script = tmp / "hello.py"
    script.write_text(HELLO, encoding="utf-8")
    started = time.monotonic()
    bundle = build_linux.build_bundle(tmp / "bare", tmp / "bare-work", tmp / "bare.log", script)
    print(f"build: bare hello-world bundle {time.monotonic() - started:.0f} s")
    return bundle


def start_times(program: str, env: dict[str, str], marker: str, runs: int) -> tuple[list, list]:
    """(cold, warm) seconds to `marker`; cold is empty where the page cache cannot be dropped."""
    cold = []
    for _ in range(runs):
        if not drop_caches():
            break
        cold.append(timed_until([program], env, marker))
    timed_until([program], env, marker)  # warm up
    return cold, [timed_until([program], env, marker) for _ in range(runs)]


def summary(label: str, values: list[float]) -> str:
    return (f"{label:<44} median {statistics.median(values):6.2f} s   "
            f"(min {min(values):.2f}, max {max(values):.2f}, n={len(values)})")


def installed_version() -> str | None:
    query = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "meetingdesk"],
                           capture_output=True, text=True)
    return query.stdout if query.returncode == 0 and query.stdout.endswith(" installed") else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, help="an existing bundle folder (dist/meetingdesk)")
    parser.add_argument("--deb", type=Path, help="an existing .deb")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp_name:
        tmp = Path(tmp_name)
        if args.bundle and args.deb:
            bundle, deb = args.bundle.resolve(), args.deb.resolve()
        else:
            print("building the bundle and the .deb ...", flush=True)
            build = build_linux.build_all(tmp / "build")
            bundle, deb = build.bundle, build.deb
            print(f"build: bundle {build.bundle_seconds:.0f} s, .deb {build.deb_seconds:.0f} s")
        bare = bare_bundle(tmp)
        print(size_line("bundle unpacked:", tree_size(bundle), str(bundle)))
        print(size_line(".deb:", deb.stat().st_size, deb.name))
        print(size_line("bare bundle unpacked:", tree_size(bare), "PySide6 QtWidgets + QtPdf"))

        can_install = os.geteuid() == 0 and shutil.which("dpkg") is not None
        was_installed = can_install and installed_version() is not None
        if can_install:
            subprocess.run(["dpkg", "-i", str(deb)], check=True, stdout=subprocess.DEVNULL)
            program = "/usr/bin/meetingdesk"
            print(f"timing the installed program {program}")
        else:
            program = str(bundle / "meetingdesk")
            print(f"not root: timing the bundle in place, {program}")
        try:
            home = tmp / "home"
            home.mkdir()
            env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
                   "QT_QPA_PLATFORM": "offscreen", "MEETINGDESK_DATA_DIR": str(home / "data")}
            subprocess.run([program, "demo"], env=env, check=True, stdout=subprocess.DEVNULL,
                           cwd=home)
            gui_env = dict(env, MEETINGDESK_QUIT_AFTER_START="1")
            cold, warm = start_times(program, gui_env, READY, args.runs)
            bare_cold, bare_warm = start_times(str(bare / "meetingdesk"), env, HELLO_READY,
                                               args.runs)
            helps = [timed_until([program, "--help"], env, None) for _ in range(args.runs)]
            lists = [timed_until([program, "list"], env, None) for _ in range(args.runs)]
            if cold:
                print(summary("GUI start to main window, cold (no cache)", cold))
                print(summary("bare hello-world to its window, cold", bare_cold))
            else:
                print("GUI start, cold: cannot drop the page cache (needs root); skipped")
            print(summary("GUI start to main window, warm", warm))
            print(summary("bare hello-world to its window, warm", bare_warm))
            print(summary("meetingdesk --help, warm", helps))
            print(summary("meetingdesk list (2 meetings), warm", lists))
        finally:
            if can_install and not was_installed:
                subprocess.run(["dpkg", "-r", "meetingdesk"], check=True, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
