"""Child of tests/test_real_screen.py: the main window's size and state kept between runs.

    python tests/screen_main_state.py maximise   # open, maximise, quit
    python tests/screen_main_state.py huge       # open, make it 1900x1000 at (300, 200), quit
    python tests/screen_main_state.py look       # open and measure how it came back
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect

from meetingdesk.ui.app import launch
from screen_probe import Probe, settle, wait_framed


def main() -> int:
    probe = Probe()
    app, window = launch(None, "zh")
    wait_framed(window)
    if sys.argv[1] == "maximise":
        window.showMaximized()
        settle(500)
    elif sys.argv[1] == "huge":
        window.showNormal()
        window.setGeometry(QRect(300, 200, 1900, 1000))  # as saved on a larger screen
        settle(300)
    else:
        settle(500)
        probe.measure("main", window)
    window.close()
    window.shutdown()
    probe.report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
