"""Work off the GUI thread, handed back without a signal: the work runs in a thread of its own
and the GUI thread polls its Future with a QTimer (as the windows open their database: a signal
emitted from a worker once left a window at its opening message under heavy load)."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")


def in_background(work: Callable[[], T], name: str) -> "Future[T]":
    """``work`` started in a thread named ``name``; the thread ends after it."""
    from concurrent.futures import ThreadPoolExecutor  # once a window is up: 20 ms less before

    executor = ThreadPoolExecutor(1, thread_name_prefix=name)
    future = executor.submit(work)
    executor.shutdown(wait=False)
    return future


def import_in_background(modules: Iterable[str]) -> None:
    """Import ``modules`` in a thread, for a window to use later.

    Each full pass of Python's garbage collector holds every thread, the GUI's too, for as long
    as it takes to look at every object the program has: 200-300 ms over the 180,000 objects
    of the county window with its tabs' modules, on a loaded two-core machine. The collector is
    paused while the modules' objects pile up (they would set off such passes), and what the
    program has then is frozen (gc.freeze: the passes skip it), once: modules and the window
    stay as long as the program, so little garbage is kept that a pass would have freed."""
    names = [m for m in modules if m not in sys.modules]
    if not names:
        return

    def work() -> None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            for name in names:
                importlib.import_module(name)
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    threading.Thread(target=work, name="import-later", daemon=True).start()
