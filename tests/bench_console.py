"""Console benchmark: the real program (main window, run console, record page) driven as a
recorder drives it, in fresh processes, with the figures the clerk feels.

- confirmed entry to repainted window: a button of the console clicked, the entry recorded,
  the window repainted (median and 95th percentile over a whole item: roll call, report,
  every opinion, every vote);
- the record page of a closed meeting opened with its preview drawn, cold (first in the process),
  and when the page itself was on screen (its preview is built after that);
- quit: from closing the last window to the end of the process;
- the main window's meeting list filled, beside a bare PySide6 window's start (bench_startup);
- peak memory (RSS) with the console open, then with the record page open too.

    .venv/bin/python tests/bench_console.py [RUNS]

Runs offscreen unless a display is set. Prints the figures and the targets; asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench_startup import (BARE, MEETINGDESK, make_database, timed,  # tests/ is sys.path[0]
                           with_bytecode)

TARGETS = {"entry_median": 0.050, "record_open": 1.0, "quit": 0.5, "list_ratio": 2.0,
           "rss_console": 200.0}

# One session of the real program: the console of a fresh meeting of the demo unit, one whole
# item recorded through its buttons, then the record page of the demo's closed meeting, then quit.
SESSION = r"""
import json, resource, sys, time
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from meetingdesk.ui.app import launch, leave

db, meeting, closed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
app, window = launch(db, "zh")
out = {}

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def wait_until(ready, limit=30.0):
    end = time.perf_counter() + limit
    while not ready():
        if time.perf_counter() > end:
            raise SystemExit("timed out")
        app.processEvents()

def session():
    window.show_meeting(meeting)
    window.run_meeting()
    console = window._windows[("console", meeting)]
    QTest.qWaitForWindowExposed(console)
    app.processEvents()
    out["rss_console"] = rss_mb()

    def button(name):
        return console.find(QAbstractButton, name)

    def timed_click(widget):
        start = time.perf_counter()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        console.repaint()
        return time.perf_counter() - start

    def entry(name):
        return timed_click(button(name))

    times = [entry("startButton")]  # asks first (the agenda is then fixed): yes
    box = console.findChild(QMessageBox, "startMeetingBox")
    times[0] += timed_click(box.button(QMessageBox.StandardButton.Yes))
    if console.step.code != "roll_call":
        raise SystemExit(f"the meeting did not start (step {console.step.code})")
    while console.step.code == "roll_call":
        times.append(entry("presentButton"))
    times.append(entry("openSessionButton"))
    times.append(entry("openItemButton"))
    console.find(QWidget, "reportEdit").setPlainText("汇报：情况如下。")
    times.append(entry("reportButton"))
    while console.step.code == "opinions":
        button("agreeRadio").click()
        console.find(QWidget, "wordsEdit").setPlainText("同意。")
        times.append(entry("opinionButton"))
    while console.step.code == "vote":
        times.append(entry("voteAgreeButton"))
    out["entries"] = times
    out["rss_entries"] = rss_mb()

    window.show_meeting(closed)
    from meetingdesk.ui.record_window import RecordWindow
    build = RecordWindow._build_preview  # called once the page is on screen: time that too

    def shown_then_build(record):
        out.setdefault("record_shown", time.perf_counter() - start)
        build(record)

    RecordWindow._build_preview = shown_then_build
    start = time.perf_counter()
    window.view_record()
    record = window._windows[("record", closed)]
    wait_until(lambda: record.page_labels and record.page_labels[0].pixmap() is not None
               and not record.page_labels[0].pixmap().isNull())
    record.repaint()
    out["record_open"] = time.perf_counter() - start
    out["rss_record"] = rss_mb()
    print(json.dumps(out), flush=True)
    out.clear()
    print("quit", time.time(), flush=True)
    QApplication.closeAllWindows()

window.ready.connect(session)
code = app.exec()
window.shutdown()
leave(code)  # as the program does after run_gui (cli.main)
"""


def prepare_session(folder: Path) -> tuple[str, int, int]:
    """The demo database, with one more meeting of the demo unit prepared (a fund item put to
    a show of hands), the unit remembered as the main window's choice."""
    from meetingdesk.services import Desk
    from meetingdesk.ui import prefs

    db = make_database(folder, 2)
    desk = Desk.open(db)
    try:
        unit = desk.units()[0].id
        members = desk.members(unit)
        chief = next(m.id for m in members if m.is_chief)
        meeting = desk.create_meeting(unit, "party_committee", datetime.now().astimezone().replace(
            hour=9, minute=0, second=0, microsecond=0).isoformat(),
                                      "三楼会议室", chief, "郑小玲")
        desk.add_item(meeting, title="拨付农业合作社补助资金", kind="decision", category="funds",
                      amount="300000", fund_type="project", area="农业农村",
                      presenter_id=members[6].id, vote_mode="hands")
        closed = next(r.id for r in desk.list_meetings(unit) if r.status == "closed")
        prefs.settings().setValue("main/unit", unit)
    finally:
        desk.close()
    return db, meeting, closed


def run_session(env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(env, MEETINGDESK_DATA_DIR=tmp)
        os.environ["MEETINGDESK_DATA_DIR"] = tmp
        db, meeting, closed = prepare_session(Path(tmp))
        process = subprocess.Popen([sys.executable, "-c", SESSION, db, str(meeting), str(closed)],
                                   env=env, text=True, stdout=subprocess.PIPE)
        assert process.stdout is not None
        figures: dict = {}
        quit_at = None
        for line in process.stdout:
            if line.startswith("{"):
                figures = json.loads(line)
            elif line.startswith("quit "):
                quit_at = float(line.split()[1])
        if process.wait() != 0 or quit_at is None:
            raise SystemExit(f"the benchmark session failed (exit code {process.returncode})")
        figures["quit"] = time.time() - quit_at
        return figures


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    compiled = tempfile.TemporaryDirectory()
    env = with_bytecode(dict(os.environ), Path(compiled.name))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    sessions = [run_session(env) for _ in range(runs)]
    entries = sorted(t for s in sessions for t in s["entries"])
    p95 = entries[min(len(entries) - 1, round(0.95 * (len(entries) - 1)))]
    median = statistics.median

    with tempfile.TemporaryDirectory() as tmp:
        env_list = dict(env, MEETINGDESK_DATA_DIR=tmp)
        db = make_database(Path(tmp), 2)
        timed(BARE, [], env_list), timed(MEETINGDESK, [db], env_list)  # warm the file cache
        bare = median([timed(BARE, [], env_list)["window"] for _ in range(runs)])
        starts = [timed(MEETINGDESK, [db], env_list) for _ in range(runs)]
        filled = median(start["list"] for start in starts)
        ready = median(start["data"] for start in starts)

    print(f"console benchmark, {runs} sessions (Qt platform: "
          f"{env.get('QT_QPA_PLATFORM', 'default')})")
    print(f"  confirmed entry to repainted window  median {median(entries) * 1000:6.1f} ms   "
          f"p95 {p95 * 1000:6.1f} ms   ({len(entries)} entries)   target median <= 50 ms")
    print(f"  record page open with its preview    {median(s['record_open'] for s in sessions):6.3f} s"
          "   (cold)   target <= 1 s")
    print(f"  record page shown, preview to come   {median(s['record_shown'] for s in sessions):6.3f} s")
    print(f"  quit                                 {median(s['quit'] for s in sessions):6.3f} s"
          "   target <= 0.5 s")
    print(f"  meeting list filled {filled:6.3f} s, bare PySide6 window {bare:6.3f} s = "
          f"{filled / bare:4.2f}x   target <= 2x")
    print(f"  desk open, list read the full way {ready:6.3f} s = {ready / bare:4.2f}x bare")
    print(f"  peak RSS, console open               {median(s['rss_console'] for s in sessions):6.1f} MB"
          "   target <= 200 MB")
    print(f"  peak RSS, after one item recorded    {median(s['rss_entries'] for s in sessions):6.1f} MB")
    print(f"  peak RSS, record page open too       {median(s['rss_record'] for s in sessions):6.1f} MB")


if __name__ == "__main__":
    main()
