"""Benchmark (a script, not a test): recording an opinion through the services beside a raw
sqlite3 insert-and-commit with the same pragmas, and rebuilding a meeting of 1,000 events.
The witness of acknowledged entries (store/witness.py: one line and an fdatasync per entry,
part of every service call) is also timed alone, as its cost per entry.

    .venv/bin/python tests/bench_services.py [--dir DIR]

Targets: the service at most 3x the raw insert (median); the rebuild under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from meetingdesk.domain import Meeting
from meetingdesk.services import Desk
from meetingdesk.store.witness import Witness

OPINION = "同意。这项资金安排符合规定，建议抓紧实施，并做好公示和监督。" * 3
ITEMS = 130


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def service_opinions(folder: Path) -> tuple[list[float], Desk, int]:
    desk = Desk.open(str(folder / "bench.sqlite3"))
    unit = desk.create_unit("基准测试乡党委")
    ids = [desk.add_member(unit, f"委员{i}", "委员", i, is_chief=(i == 1)) for i in range(1, 10)]
    meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00", "会议室",
                                  ids[0], "记录员")
    for n in range(ITEMS):
        desk.add_item(meeting, title=f"议题{n + 1}", kind="decision", amount="1000",
                      fund_type="regular", presenter_id=ids[2])
    desk.start_meeting(meeting)
    for m in ids:
        desk.mark_present(meeting, m)
    desk.open_session(meeting)
    timings = []
    for n in range(1, ITEMS + 1):
        desk.open_item(meeting, n)
        desk.report(meeting, n, ids[2], "汇报")
        for m in desk.meeting(meeting).speaking_queue(n) + [ids[0]]:
            start = time.perf_counter()
            desk.record_opinion(meeting, n, m, "agree", OPINION)
            timings.append(time.perf_counter() - start)
        desk.defer(meeting, n, "下次再议")
    return timings, desk, meeting


def raw_inserts(folder: Path, count: int) -> list[float]:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, meeting_id INTEGER, seq INTEGER, "
                 "type TEXT, at TEXT, member_id INTEGER, payload TEXT, prev_hash TEXT, hash TEXT, "
                 "UNIQUE (meeting_id, seq))")
    payload = json.dumps({"item_no": 1, "stance": "agree", "words": OPINION, "reason": ""},
                         ensure_ascii=False)
    timings = []
    for seq in range(1, count + 1):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO events (meeting_id, seq, type, at, member_id, payload, "
                     "prev_hash, hash) VALUES (1, ?, 'opinion', '2026-12-01T09:00:00+08:00', 3, "
                     "?, ?, ?)", (seq, payload, "0" * 64, "f" * 64))
        conn.execute("COMMIT")
        timings.append(time.perf_counter() - start)
    conn.close()
    return timings


def witness_writes(folder: Path, count: int) -> list[float]:
    witness = Witness(folder / "witness.sqlite3")
    timings = []
    for seq in range(1, count + 1):
        start = time.perf_counter()
        witness.acknowledge("00000000-0000-4000-8000-000000000000", seq, "f" * 64)
        timings.append(time.perf_counter() - start)
    witness.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", help="folder for the databases (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        service, desk, meeting = service_opinions(folder)
        raw = raw_inserts(folder, len(service))
        witness = witness_writes(folder, len(service))
        events = desk.events(meeting)[:1000]
        rebuilds = []
        for _ in range(20):
            start = time.perf_counter()
            Meeting.replay(events)
            rebuilds.append(time.perf_counter() - start)
        cold = []
        for _ in range(5):
            other = Desk.open(str(folder / "bench.sqlite3"))
            start = time.perf_counter()
            other.meeting(meeting)
            cold.append(time.perf_counter() - start)
            other.close()
        desk.close()
    ms = 1000
    print(f"folder: {args.dir or tempfile.gettempdir()}  opinions: {len(service)}")
    print(f"raw sqlite3 insert+commit : median {statistics.median(raw) * ms:.3f} ms, "
          f"p99 {percentile(raw, 99) * ms:.3f} ms")
    print(f"services record_opinion   : median {statistics.median(service) * ms:.3f} ms, "
          f"p99 {percentile(service, 99) * ms:.3f} ms")
    print(f"ratio (median)            : {statistics.median(service) / statistics.median(raw):.2f}x "
          f"(target <= 3x); p99 ratio {percentile(service, 99) / percentile(raw, 99):.2f}x")
    print(f"of which the witness      : median {statistics.median(witness) * ms:.3f} ms, "
          f"p99 {percentile(witness, 99) * ms:.3f} ms per entry (its line and fdatasync)")
    print(f"rebuild 1,000 events      : median {statistics.median(rebuilds) * ms:.1f} ms "
          f"(domain replay; target < 50 ms)")
    print(f"cold load + rebuild       : median {statistics.median(cold) * ms:.1f} ms "
          f"(a new Desk: read {len(desk.events(meeting)) if False else len(events)}+ events and replay)")


if __name__ == "__main__":
    main()
