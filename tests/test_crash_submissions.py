"""Crash safety of the unit logs: a submission the services acknowledged survives a SIGKILL of
the program at any moment, and the log's chain and rules hold afterwards."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database

CHILD = Path(__file__).with_name("submission_child.py")


def test_an_acknowledged_submission_survives_a_kill(tmp_path: Path):
    db = str(tmp_path / "unit.sqlite3")
    desk = Desk.open(db)
    unit = desk.create_unit("崩溃测试乡党委")
    desk.add_member(unit, "书记", "党委书记", 1, is_chief=True)
    desk.add_member(unit, "委员", "党委委员", 2)
    desk.close()
    rng = random.Random(12)
    acknowledged: dict[int, str] = {}
    for _ in range(5):
        child = subprocess.Popen([sys.executable, str(CHILD), db], stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "READY"
        for _ in range(rng.randrange(3, 15)):
            _, seq, digest = child.stdout.readline().split()
            acknowledged[int(seq)] = digest
        child.kill()  # SIGKILL: no clean-up, whatever it was doing
        child.wait()
    desk = Desk.open(db)
    try:
        stored = {e.seq: e.hash for e in desk.unit_log_events(unit, "submissions")}
        assert all(stored.get(seq) == digest for seq, digest in acknowledged.items())
        assert len(desk.submissions(unit)) == len(stored) >= len(acknowledged)
        assert desk.db.notices == [] and check_database(desk.db) == []
    finally:
        desk.close()
