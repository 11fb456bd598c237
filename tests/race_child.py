"""One of two recorders writing into one meeting at the same instant (tests/test_faults.py).

Each round both read the log, wait for each other (a barrier), then, each with even odds,
record the entry the console would offer on it, through a Desk that is not asked to re-read
the meeting (a window whose view is out of date after the other's writes). A refusal must be one that the rules give on the log as it was
before the round or as it is after it; any other reason is a window judging on a view that no
longer holds (issue 14, point 5).
"""

from __future__ import annotations

import os
import random
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from typing import Any

from crash_child import CALLS
from meeting_driver import sensible

from meetingdesk.domain import DomainError, Meeting
from meetingdesk.services import Desk
from meetingdesk.store import StoreError


def refusal(state: Meeting, action: tuple[str, Any, dict[str, Any]]) -> str | None:
    """The code with which the rules refuse `action` on `state`, or None if they accept it."""
    type_, member, payload = action
    try:
        state.propose(type_, member, payload, max(datetime.now(timezone.utc),
                                                  state.last_at or datetime.now(timezone.utc)))
    except DomainError as error:
        return error.code
    return None


def race(db: str, meeting: int, seed: int, data_dir: str, barrier: Barrier,
         out: Connection) -> None:
    os.environ["MEETINGDESK_DATA_DIR"] = data_dir  # the forkserver's may be another test's
    rng = random.Random(seed)
    desk, observer = Desk.open(db), Desk.open(db)  # observer: reads the log for the "screen"
    refused = unexplained = store_errors = 0
    while True:
        before = Meeting.replay(observer.events(meeting))
        action = sensible(before, rng.randrange)
        barrier.wait()
        if action is None:
            break
        code = None
        try:
            if rng.random() < 0.5:
                CALLS[action[0]](desk, meeting, action[1], action[2])
        except DomainError as error:
            code = error.code
        except StoreError:
            store_errors += 1
        barrier.wait()  # both have written: the log after the round
        if code is not None:
            refused += 1
            after = Meeting.replay(observer.events(meeting))
            unexplained += code not in (refusal(before, action), refusal(after, action))
    out.send((refused, unexplained, store_errors))
    desk.close()
    observer.close()
