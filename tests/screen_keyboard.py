"""Child of tests/test_real_screen_keyboard.py: a whole meeting driven by the keyboard alone in
the real console, on a real X screen with a window manager, in the program's own type.

The console opens maximised as the recorder would have it; tests/console_keyboard.py presses the
keys from the start question through roll call, three items and closing to the record page. The
report says how far it got, and the record's text as pdftotext reads it.
"""

from __future__ import annotations

import subprocess
import tempfile
import traceback

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console_keyboard import AGENDA, drive_meeting
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from meetingdesk.ui import prefs
from meetingdesk.ui.console import ConsoleWindow
from screen_probe import Probe
from test_ui_console import Clock, prepare


def main() -> int:
    probe = Probe()
    app = QApplication([])
    prefs.apply_font(app, prefs.DEFAULT_POINT_SIZE)
    desk = Desk.open(f"sqlite:///{tempfile.mkdtemp()}/keyboard.sqlite3", clock=Clock())
    meeting = prepare(desk, AGENDA, start=False)
    window = ConsoleWindow(desk, meeting)
    window.showMaximized()
    QTest.qWaitForWindowActive(window)
    probe.measure("console", window)
    try:
        drive_meeting(window, probe.shot)
    except Exception as error:  # noqa: BLE001 - reported to the test with where it stuck
        probe.fail("keyboard", error)
        probe.extra["traceback"] = traceback.format_exc()
    record = window.record_window
    if record is not None:
        probe.measure("record", record)
    probe.extra["phase"] = desk.meeting(meeting).phase
    pdf = Records(desk).preview_pdf(meeting)
    probe.extra["record_text"] = subprocess.run(["pdftotext", "-", "-"], input=pdf,
                                                capture_output=True, check=True).stdout.decode()
    probe.report()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
