"""Python's cyclic garbage collector paused while many objects without cycles are made.

Each full pass of the collector holds every thread, the GUI's too, for as long as it takes to
look at every object the program has (200-300 ms over the county window's 180,000 objects on a
loaded two-core machine). While thousands of rows or a module's objects pile up, the passes
they set off free nothing. The pause is counted across threads: the collector runs again once
the last pause has ended (a worker's pause does not end another's early).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def paused(freeze: bool = False) -> Iterator[None]:
    """The collector paused for the block. With ``freeze``, what the program has then is
    frozen (gc.freeze: later passes skip it), for objects that stay as long as the program
    (modules, a window)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
