"""The garbage collector's pause (meetingdesk.collector) shared by threads: the signals'
worker and the background imports of the county window may pause it at once."""

from __future__ import annotations

import gc
import threading

from meetingdesk import collector


def test_the_collector_runs_again_only_once_the_last_pause_has_ended() -> None:
    assert gc.isenabled()
    paused, release = threading.Event(), threading.Event()

    def worker() -> None:
        with collector.paused():
            paused.set()
            release.wait(10)

    thread = threading.Thread(target=worker)
    with collector.paused():
        assert not gc.isenabled()
        thread.start()
        paused.wait(10)
    assert not gc.isenabled()  # the worker's pause goes on after this one
    release.set()
    thread.join()
    assert gc.isenabled()


def test_a_frozen_pause_leaves_what_the_program_had_out_of_the_passes() -> None:
    before = gc.get_freeze_count()
    try:
        with collector.paused(freeze=True):
            kept = [[n] for n in range(1000)]
        assert gc.get_freeze_count() >= before + len(kept) and gc.isenabled()
    finally:
        gc.unfreeze()
