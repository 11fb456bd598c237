"""Start-up benchmark: cold start of MeetingDesk to an interactive main window, beside a bare
PySide6 QMainWindow, measured in the same run (target: at most 2.5 times the bare window).

Every run is a fresh Python process, timed from its launch until it reports, after showing its
window and processing the pending events, that the window is up. MeetingDesk then also reports
when its meeting list is filled (the database is opened in a worker thread meanwhile). The two
kinds of run alternate, after one warm-up of each (the OS file cache is warm for both, as for a
user's second start of the day), MeetingDesk's modules compiled as when installed (with_bytecode).

    .venv/bin/python tests/bench_startup.py [RUNS]

Runs offscreen unless a display is set. Prints the medians and the ratios; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 760)
window.show()
app.processEvents()
print("window", flush=True)
"""

MEETINGDESK = """
import sys
from meetingdesk.ui.app import launch
app, window = launch(sys.argv[1], "zh")
app.processEvents()
print("window", flush=True)
def listed():
    app.processEvents()
    print("list", flush=True)
def filled():
    app.processEvents()
    print("data", flush=True)
    app.quit()
if window.ui.meetingsView.model() is not None:  # shown inside launch(), before the desk
    print("list", flush=True)
else:
    window.listed.connect(listed)
window.ready.connect(filled)
app.exec()
window.shutdown()
"""


def timed(code: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launching a fresh interpreter to each line it prints."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    marks: dict[str, float] = {}
    for line in process.stdout:
        marks.setdefault(line.strip(), time.perf_counter() - start)  # the first of each
    if process.wait() != 0 or "window" not in marks:
        raise SystemExit(f"the benchmark child failed (exit code {process.returncode})")
    return marks


def with_bytecode(env: dict[str, str], folder: Path) -> dict[str, str]:
    """The children's environment with MeetingDesk's modules compiled (into `folder`), as an
    installed program has them: PYTHONDONTWRITEBYTECODE, set in some shells, would have every
    start compile MeetingDesk from source but not PySide6 (compiled when installed), which is
    no fair comparison."""
    import meetingdesk

    env = dict(env, PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(meetingdesk.__file__).parent)], env=env, check=True)
    return env


def make_database(folder: Path, meetings: int) -> str:
    from meetingdesk.demo import build_demo
    from meetingdesk.demo_bulk import make_many_meetings
    from meetingdesk.services import Desk

    path = folder / f"bench-{meetings}.sqlite3"
    desk = Desk.open(str(path))
    try:
        unit = build_demo(desk)
        if meetings > 2:
            make_many_meetings(desk, unit, meetings - 2)
    finally:
        desk.close()
    return str(path)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        env = with_bytecode(dict(os.environ, MEETINGDESK_DATA_DIR=tmp), Path(tmp))
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        platform = env.get("QT_QPA_PLATFORM", "default")
        databases = {n: make_database(Path(tmp), n) for n in (2, 10_000)}
        bare: list[float] = []
        window: dict[int, list[float]] = {n: [] for n in databases}
        listed: dict[int, list[float]] = {n: [] for n in databases}
        data: dict[int, list[float]] = {n: [] for n in databases}
        for run in range(runs + 1):  # run 0 warms the file cache and is not counted
            shown = timed(BARE, [], env)["window"]
            for n, db in databases.items():
                app = timed(MEETINGDESK, [db], env)
                if run:
                    window[n].append(app["window"])
                    listed[n].append(app["list"])
                    data[n].append(app["data"])
            if run:
                bare.append(shown)
    base = statistics.median(bare)
    print(f"cold start, median of {runs} runs each (Qt platform: {platform})")
    print(f"  bare PySide6 QMainWindow shown          {base:6.3f} s")
    for n in databases:
        shown, filled = statistics.median(window[n]), statistics.median(listed[n])
        ready = statistics.median(data[n])
        print(f"  MeetingDesk, {n:>6,} meetings: window up {shown:6.3f} s  = {shown / base:4.2f}x "
              f"bare;  meeting list filled {filled:6.3f} s = {filled / base:4.2f}x;  "
              f"desk ready {ready:6.3f} s = {ready / base:4.2f}x")
    print("target: window up <= 2.5x bare")


if __name__ == "__main__":
    main()
