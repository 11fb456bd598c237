"""Crash safety: a recorder process killed with SIGKILL at random moments loses nothing it
acknowledged, leaves every chain intact, and the meeting resumes where it stopped; a closing
backup cut short is finished at the restart. 500 kills (MEETINGDESK_CRASH_KILLS) by default."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from meetingdesk.domain import Meeting, verify_chain
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database

import crash_child
from meeting_factory import APPOINT_ITEM, FUND_ITEM, STUDY_ITEM
from submitted import schedule_submitted

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("MEETINGDESK_CRASH_KILLS", "500"))
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
            spec["presenter_id"] = ids[(spec["presenter_id"] or 2) - 1]
            if spec.get("category") == "appointment":  # never typed in directly (R13)
                schedule_submitted(desk, meeting, **spec)
            else:
                desk.add_item(meeting, **spec)
    desk.close()


def forkserver() -> multiprocessing.context.ForkServerContext:
    """Recorders forked from a warm server: the imports are paid once, not at every restart."""
    context = multiprocessing.get_context("forkserver")
    # Python 3.11's forkserver ignores sys.path when preloading, so tests/crash_child is not
    # importable there; what costs the time is the program, importable from site-packages.
    context.set_forkserver_preload(["meetingdesk.services", "meetingdesk.store.witness"])
    return context


def run_child(context: multiprocessing.context.ForkServerContext, db: str, seed: int,
              kill_after: float | None) -> tuple[list[tuple[int, int, str]], bool]:
    """Start a recorder; SIGKILL it `kill_after` seconds after it is ready. Returns its ACKs."""
    reports, out = context.Pipe(duplex=False)
    child = context.Process(target=crash_child.record,
                            args=(db, seed, kill_after is None, os.environ["MEETINGDESK_DATA_DIR"],
                                  out))
    child.start()
    out.close()  # the child's copy is the only writer left: its death ends the pipe
    assert reports.recv() == "READY"
    if kill_after is not None:
        time.sleep(kill_after)
        child.kill()
    lines = []
    with contextlib.suppress(EOFError):
        while True:
            lines.append(reports.recv())
    child.join(timeout=120)
    acks = [(int(a), int(b), c) for line in lines if line.startswith("ACK")
            for _, a, b, c in [line.split()]]
    return acks, "DONE" in lines


def stored_hashes(db: str) -> dict[tuple[int, int], str]:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {(m, s): h for m, s, h in conn.execute("SELECT meeting_id, seq, hash FROM events")}


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path,
                                                              _isolated_data_dir: Path):
    db = str(tmp_path / "crash.sqlite3")
    prepare(db)
    context = forkserver()
    rng = random.Random(20261126)
    acknowledged: dict[tuple[int, int], str] = {}
    progress = []
    finished_backups = 0
    start = time.monotonic()
    for kill in range(KILLS):
        acks, done = run_child(context, db, kill, rng.uniform(0.0, 0.25))
        acknowledged.update({(m, s): h for m, s, h in acks})
        desk = Desk.open(db)  # a restart: it finishes a closing backup cut short, and says so
        try:
            assert {n.code for n in desk.db.notices} <= {"BACKUP_FINISHED"}, desk.db.notices
            finished_backups += len(desk.db.notices)
            assert not list((_isolated_data_dir / "backups").glob("*.partial"))
            stored = stored_hashes(db)
            lost = [key for key, digest in acknowledged.items() if stored.get(key) != digest]
            assert not lost, f"acknowledged events lost: {lost}"
            for meeting_id in {m for m, _, _ in acks}:  # the meetings this recorder wrote in
                events = desk.events(meeting_id)
                assert verify_chain(events) == []
                Meeting.replay(events)  # every rule holds on what survived
            progress.append(len(stored))
        finally:
            desk.close()
    # The meeting resumed where it stopped each time: the log only ever grew.
    assert progress == sorted(progress) and progress[-1] > progress[0]
    print(f"\nkill storm: {KILLS} kills, {len(acknowledged)} acknowledged, 0 lost, "
          f"{progress[-1]} events, {finished_backups} closing backups cut short and finished "
          f"at the restart, {time.monotonic() - start:.0f} s")
    acks, done = run_child(context, db, 999, None)  # finally, let it finish the meetings there are
    assert done
    desk = Desk.open(db)
    try:
        assert {r.status for r in desk.list_meetings()} == {"filed"}
        assert check_database(desk.db) == []
    finally:
        desk.close()
