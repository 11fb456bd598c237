"""Starting the GUI: the application, its language and font, the main window, the database.

Start-up stays light: only Qt and the main window are loaded before the window is shown; the
database (SQLAlchemy, the schema check) is then opened in a worker thread while the window is
already on screen and responding (started earlier, its imports would compete with Qt's for the
interpreter and delay the window). A database that cannot be opened (not a SQLite file, locked,
too new ...) is explained in a message box and the program ends with exit code 2.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from . import i18n, prefs
from .main_window import MainWindow

if TYPE_CHECKING:
    from meetingdesk.services import Desk


def open_in_background(target: str | None) -> "Future[Desk]":
    """Open (and if need be migrate) the database in a worker thread."""
    opening: Future[Desk] = Future()

    def work() -> None:
        try:
            from meetingdesk.services import Desk
            opening.set_result(Desk.open(target))
        except Exception as error:  # handed to the GUI thread, shown as a message
            opening.set_exception(error)

    threading.Thread(target=work, name="open-database", daemon=True).start()
    return opening


def launch(db: str | None, lang: str) -> tuple[QApplication, MainWindow]:
    """The application with its main window on screen and the database opening."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("MeetingDesk")
    i18n.install(app, lang)
    prefs.apply_font(app)
    window = MainWindow()
    window.show()
    app.processEvents()  # the window is painted before the database work begins
    window.open_database(open_in_background(db))
    return app, window


def run_gui(db: str | None, lang: str) -> int:
    """`meetingdesk` without a subcommand: run the GUI until its last window closes."""
    app, window = launch(db, lang)
    code = app.exec()
    window.shutdown()
    return 2 if window.database_error else code
