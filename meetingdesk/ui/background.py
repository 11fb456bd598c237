"""Work off the GUI thread, handed back without a signal: the work runs in a thread of its own
and the GUI thread polls its Future with a QTimer (as the windows open their database: a signal
emitted from a worker once left a window at its opening message under heavy load)."""

from __future__ import annotations

import importlib
import sys
import threading
from typing import TYPE_CHECKING, Callable, Generic, Iterable, TypeVar

from PySide6.QtCore import QObject, QTimer

from meetingdesk import collector

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
POLL_MS = 20  # how often the GUI thread looks whether the work is done


def in_background(work: Callable[[], T], name: str) -> "Future[T]":
    """``work`` started in a thread named ``name``; the thread ends after it."""
    from concurrent.futures import ThreadPoolExecutor  # once a window is up: 20 ms less before

    executor = ThreadPoolExecutor(1, thread_name_prefix=name)
    future = executor.submit(work)
    executor.shutdown(wait=False)
    return future


class Latest(Generic[T]):
    """The latest run of one kind of work (a tab's rows): each ``start`` runs the work in a
    thread of its own and supersedes the run before it, whose outcome is dropped; a QTimer of
    ``owner`` hands the latest run's done Future to ``done`` on the GUI thread."""

    def __init__(self, owner: QObject, name: str, done: Callable[["Future[T]"], object]) -> None:
        self.name, self.done = name, done
        self.future: "Future[T] | None" = None
        self.timer = QTimer(owner)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self, work: Callable[[], T]) -> None:
        self.future = in_background(work, self.name)
        self.timer.start()

    def _poll(self) -> None:
        if self.future is None or not self.future.done():
            return
        self.timer.stop()
        future, self.future = self.future, None
        self.done(future)


def import_in_background(modules: Iterable[str]) -> None:
    """Import ``modules`` in a thread, for a window to use later, with the garbage collector
    paused meanwhile and what the program has then frozen (meetingdesk.collector): modules and
    the window stay as long as the program, so little garbage is kept that a pass would have
    freed."""
    names = [m for m in modules if m not in sys.modules]
    if not names:
        return

    def work() -> None:
        with collector.paused(freeze=True):
            for name in names:
                importlib.import_module(name)

    threading.Thread(target=work, name="import-later", daemon=True).start()
