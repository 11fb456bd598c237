"""The 完整性 or the 监督信号 tab on a large archive (a script, not a test): the county window
opens the archive at URL, then the tab, as a clerk would. Prints the seconds from first opening
the tab to its rows shown, and the GUI thread's longest stall meanwhile (a 10 ms QTimer
heartbeat: the longest gap between two of its ticks); then, for 完整性, a filter by a unit's
name and a sort by the missing numbers, each with its stall.

    .venv/bin/python tests/bench_county_gaps.py URL [--runs 2] [--tab signals]

Run it on a copy of the bench archive (tests/bench_county.py), never on the shared one. Each
run is a fresh process (offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

RUN = r"""
import sys, time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from meetingdesk.ui.county.window import COMPLETENESS, SIGNALS, open_county_window

app = QApplication([])
TAB = COMPLETENESS if sys.argv[2] == "completeness" else SIGNALS
window = open_county_window(sys.argv[1])
beats = {"last": None, "worst": 0.0}
marks = {}

def beat():
    now = time.perf_counter()
    if beats["last"] is not None:
        beats["worst"] = max(beats["worst"], now - beats["last"])
    beats["last"] = now

heartbeat = QTimer()
heartbeat.setInterval(10)
heartbeat.timeout.connect(beat)

def stall(action):
    beats["worst"], beats["last"] = 0.0, time.perf_counter()
    start = time.perf_counter()
    action()
    app.processEvents()
    beat()
    return time.perf_counter() - start, beats["worst"]

def filled():
    # how many rows the tab shows (0 while it is being filled)
    if TAB == SIGNALS:
        return window.signals.signalList.count()
    return window.completeness.groupsTable.model().rowCount()

def finish():
    print(f"rows {filled()}", flush=True)
    print(f"shown {marks['shown'] - marks['tab']:.3f} stall {marks['worst']:.3f}", flush=True)
    if TAB == COMPLETENESS:
        tab = window.completeness
        view = tab.groupsTable
        took, worst = stall(lambda: tab.filterEdit.setText("单位0500"))
        print(f"filter {took:.3f} stall {worst:.3f} rows {view.model().rowCount()}", flush=True)
        tab.filterEdit.clear()
        took, worst = stall(lambda: view.sortByColumn(4, Qt.SortOrder.DescendingOrder))
        print(f"sort {took:.3f} stall {worst:.3f}", flush=True)
    app.quit()

def watch():
    if filled():
        marks["shown"] = time.perf_counter()
        watcher.stop()
        QTimer.singleShot(500, lambda: (marks.update(worst=beats["worst"]), finish()))

watcher = QTimer()
watcher.setInterval(5)
watcher.timeout.connect(watch)

def opened():
    beats["last"] = time.perf_counter()
    heartbeat.start()
    marks["tab"] = time.perf_counter()
    window.tabs.setCurrentIndex(TAB)
    watcher.start()

window.archiveOpened.connect(lambda: QTimer.singleShot(200, opened))
QTimer.singleShot(180_000, app.quit)
app.exec()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a county archive (a copy of the bench archive)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--tab", choices=("completeness", "signals"), default="completeness")
    args = parser.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for run in range(1, args.runs + 1):
        load = os.getloadavg()
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", RUN, args.url, args.tab], env=env, text=True,
                             capture_output=True, timeout=240)
        print(f"run {run} (load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
              f"process {time.perf_counter() - start:.1f} s):")
        print("  " + out.stdout.strip().replace("\n", "\n  "))
        if out.returncode:
            print(out.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
