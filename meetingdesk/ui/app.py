"""Starting the GUI: the application, its language and font, the main window, the database.

Start-up stays light: only Qt and the main window are loaded before the window is shown; the
saved unit's newest meetings are then read with sqlite3 alone and shown (meeting_list), and the
database (SQLAlchemy, the schema check) is opened in a worker thread while the window is
already on screen and responding (started earlier, its imports would compete with Qt's for the
interpreter and delay the window). A database that cannot be opened (not a SQLite file, locked,
too new ...) is explained in a message box and the program ends with exit code 2.

MEETINGDESK_QUIT_AFTER_START=1 makes the program print one line and quit as soon as the main
window shows the meetings (or has explained a database it cannot open): the installers' smoke
test (tests/test_packaging.py) starts the installed program this way.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from meetingdesk import paths

from . import i18n, prefs
from .main_window import MainWindow

if TYPE_CHECKING:
    from concurrent.futures import Future

    from meetingdesk.services import Desk

QUIT_AFTER_START_ENV = "MEETINGDESK_QUIT_AFTER_START"


def open_in_background(target: str | None) -> "Future[Desk]":
    """Open (and if need be migrate) the database in a worker thread. The GUI thread polls
    the Future (MainWindow.open_database): nothing is handed over by a signal emitted from
    the worker, which under heavy load once left the window at its opening message."""
    from concurrent.futures import ThreadPoolExecutor  # after the window is up: 20 ms less

    def work() -> "Desk":
        from meetingdesk.services import Desk
        return Desk.open(target)

    executor = ThreadPoolExecutor(1, thread_name_prefix="open-database")
    opening = executor.submit(work)
    executor.shutdown(wait=False)  # the one task still runs; the thread ends after it
    return opening


def launch(db: str | None, lang: str) -> tuple[QApplication, MainWindow]:
    """The application with its main window on screen and the database opening."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("MeetingDesk")
    app.setDesktopFileName("meetingdesk")  # matches meetingdesk.desktop (taskbar icon, Wayland)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "meetingdesk.png")))
    i18n.install(app, lang)
    prefs.apply_font(app)
    window = MainWindow()
    window.show()
    app.processEvents()  # the window is painted before the database work begins
    window.show_first_page(db)
    window.open_database(open_in_background(db))
    return app, window


def run_gui(db: str | None, lang: str) -> int:
    """`meetingdesk` without a subcommand: run the GUI until its last window closes."""
    app, window = launch(db, lang)
    if os.environ.get(QUIT_AFTER_START_ENV) == "1":
        _quit_once_shown(app, window)
    code = app.exec()
    window.shutdown()
    return 2 if window.database_error else code


def leave(code: int) -> NoReturn:
    """End the program once run_gui has returned: the database is closed and the settings
    written, so the interpreter's teardown (Qt's objects, fonts and a thousand modules, 0.3 to
    0.7 s after the last window closed) is skipped; only the output streams are flushed."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def _quit_once_shown(app: QApplication, window: MainWindow) -> None:
    """Print a line and leave the event loop once the window shows the meetings or the error."""
    def report(line: str) -> None:
        if sys.stdout is not None:  # None in the windowed Windows program
            print(f"MeetingDesk: {line}", flush=True)
        QTimer.singleShot(0, app.quit)

    window.ready.connect(lambda: report(f"main window ready ({window.windowTitle()})"))
    window.database_failed.connect(lambda: report("main window up; the database cannot be opened"))
