"""Crash safety: a recorder process killed with SIGKILL at random moments loses nothing it
acknowledged, leaves every chain intact, and the meeting resumes where it stopped."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetingdesk.domain import Meeting, verify_chain
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database

from meeting_factory import APPOINT_ITEM, FUND_ITEM, STUDY_ITEM

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("MEETINGDESK_CRASH_KILLS", "50"))
MEETINGS = 2  # the recorder prepares more as it goes


def prepare(db: str) -> None:
    desk = Desk.open(db)
    unit = desk.create_unit("崩溃测试乡党委")
    ids = [desk.add_member(unit, f"委员{i}", "委员", i, is_chief=(i == 1)) for i in range(1, 10)]
    for day in range(1, MEETINGS + 1):
        meeting = desk.create_meeting(unit, "party_committee",
                                      f"2026-12-{day:02d}T09:00:00+08:00", "会议室", ids[0],
                                      "记录员")
        for spec in (FUND_ITEM, APPOINT_ITEM, STUDY_ITEM) * 2:
            spec = {k: v for k, v in spec.items() if k != "no"}
            desk.add_item(meeting, **{**spec, "presenter_id": ids[(spec["presenter_id"] or 2) - 1]})
    desk.close()


def run_child(db: str, seed: int, kill_after: float | None) -> tuple[list[tuple[int, int, str]], bool]:
    """Start a recorder; SIGKILL it `kill_after` seconds after it is ready. Returns its ACKs."""
    mode = ["finish"] if kill_after is None else []
    child = subprocess.Popen([sys.executable, str(CHILD), db, str(seed), *mode],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=120)
    acks = [(int(a), int(b), c) for line in out.splitlines() if line.startswith("ACK")
            for _, a, b, c in [line.split()]]
    return acks, "DONE" in out


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path):
    db = str(tmp_path / "crash.sqlite3")
    prepare(db)
    rng = random.Random(20261126)
    acknowledged: dict[tuple[int, int], str] = {}
    progress = []
    for kill in range(KILLS):
        acks, done = run_child(db, kill, rng.uniform(0.0, 0.4))
        acknowledged.update({(m, s): h for m, s, h in acks})
        desk = Desk.open(db)
        try:
            for meeting_id in {m for m, _ in acknowledged}:
                events = desk.events(meeting_id)
                stored = {e.seq: e.hash for e in events}
                for (m, seq), digest in acknowledged.items():
                    if m == meeting_id:
                        assert stored.get(seq) == digest, f"acknowledged event {seq} lost"
                assert verify_chain(events) == []
                Meeting.replay(events)  # every rule holds on what survived
            progress.append(sum(len(desk.events(r.id)) for r in desk.list_meetings()))
        finally:
            desk.close()
    # The meeting resumed where it stopped each time: the log only ever grew.
    assert progress == sorted(progress) and progress[-1] > progress[0]
    print(f"{KILLS} kills, {len(acknowledged)} acknowledged actions, {progress[-1]} events")
    acks, done = run_child(db, 999, None)  # finally, let it finish the meetings there are
    assert done
    desk = Desk.open(db)
    try:
        assert {r.status for r in desk.list_meetings()} == {"filed"}
        assert check_database(desk.db) == []
    finally:
        desk.close()
