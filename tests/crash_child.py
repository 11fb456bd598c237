"""A recorder that never stops: opens the database, finds the first unfinished meeting,
and records its next step through the services, reporting "ACK meeting seq hash" after each
action returns (that is, once it is durable). The crash test kills it at random moments.

Run as a script it prints its reports; the kill storm runs `record` in processes forked from a
warm forkserver (the imports done once), reporting through a pipe.
"""

from __future__ import annotations

import os
import random
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from meeting_driver import sensible  # noqa: E402
from submitted import schedule_submitted  # noqa: E402

from meetingdesk.domain import DomainError, Event  # noqa: E402
from meetingdesk.services import Desk  # noqa: E402

Call = Callable[[Desk, int, Any, dict[str, Any]], Event]

# Each entry the driver proposes, made through the service method a user's action calls.
CALLS: dict[str, Call] = {
    "attendance": lambda d, mid, m, p: (d.mark_present(mid, m) if p["status"] == "present"
                                        else d.mark_absent(mid, m, p["reason"])),
    "arrived": lambda d, mid, m, p: d.record_arrival(mid, m),
    "session_opened": lambda d, mid, m, p: d.open_session(mid),
    "item_opened": lambda d, mid, m, p: d.open_item(mid, p["item_no"]),
    "report": lambda d, mid, m, p: d.report(mid, p["item_no"], m, p["words"]),
    "item_concluded": lambda d, mid, m, p: d.conclude_item(mid, p["item_no"], p["text"]),
    "opinion": lambda d, mid, m, p: d.record_opinion(mid, p["item_no"], m, p.get("stance"),
                                                     p["words"], p.get("reason", ""),
                                                     p.get("stances")),
    "deferral": lambda d, mid, m, p: d.defer(mid, p["item_no"], p["reason"]),
    "division_override": lambda d, mid, m, p: d.override_division(mid, p["item_no"], p["reason"]),
    "ballots_issued": lambda d, mid, m, p: d.issue_ballots(mid, p["item_no"], p["issued"],
                                                           p["scrutineers"], p["counters"]),
    "ballots_counted": lambda d, mid, m, p: d.count_ballots(mid, p["item_no"], p["returned"],
                                                            p["ballots"]),
    "vote": lambda d, mid, m, p: d.cast_vote(mid, p["item_no"], m, p["choice"], p["candidate"]),
    "decision": lambda d, mid, m, p: d.decide(mid, p["item_no"], p["text"]),
    "head_decision": lambda d, mid, m, p: d.head_decide(mid, p["item_no"], m, p["decision"],
                                                        p["text"], p["reason"]),
    "meeting_closed": lambda d, mid, m, p: d.close_meeting(mid),
    "signature": lambda d, mid, m, p: d.add_signature(mid, p["role"], p["name"], p["strokes"]),
    "filed": lambda d, mid, m, p: d.mark_filed(mid),
}


def main(db: str, seed: int, finish: bool, say: Callable[[str], None]) -> None:
    """Record until killed; with `finish`, complete the meetings there are and stop."""
    rng = random.Random(seed)
    desk = Desk.open(db)
    say("READY")
    while True:
        rows = sorted(desk.list_meetings(), key=lambda r: r.id)
        unfinished = [r for r in rows if r.status != "filed"]
        if not unfinished:
            if finish:
                break
            unfinished = [new_meeting(desk, rows[-1].id)]
        meeting_id = unfinished[0].id
        if unfinished[0].status == "preparing":
            if not desk.agenda(meeting_id):  # killed while it was being prepared
                copy_agenda(desk, rows[0].id, meeting_id)
            desk.start_meeting(meeting_id)
        while (action := sensible(desk.meeting(meeting_id), rng.randrange)) is not None:
            type_, member, payload = action
            try:
                ev = CALLS[type_](desk, meeting_id, member, payload)
            except DomainError:
                continue  # the driver's guess was refused: pick again
            say(f"ACK {meeting_id} {ev.seq} {ev.hash}")
    say("DONE")


def record(db: str, seed: int, finish: bool, data_dir: str, out: Connection) -> None:
    """main() in a forked process, reporting through `out` (one write per report, so a kill
    never leaves half of one)."""
    os.environ["MEETINGDESK_DATA_DIR"] = data_dir  # the forkserver's may be another test's
    main(db, seed, finish, out.send)


def new_meeting(desk: Desk, like: int) -> Any:
    """Another meeting with the same header and agenda as meeting `like`."""
    info = desk.meeting_info(like)
    meeting_id = desk.create_meeting(info.unit_id, info.type_code, info.scheduled_at, info.place,
                                     info.chair_id, info.recorder)
    copy_agenda(desk, like, meeting_id)
    return desk.meeting_info(meeting_id)


def copy_agenda(desk: Desk, source: int, meeting_id: int) -> None:
    for row in desk.agenda(source):
        spec = row.spec.to_dict()
        fields = {k: spec[k] for k in ("title", "kind", "category", "amount", "fund_type", "area",
                                       "presenter_id", "vote_mode", "candidates")}
        if fields["category"] == "appointment":  # never typed in directly (R13)
            schedule_submitted(desk, meeting_id, **fields)
        else:
            desk.add_item(meeting_id, **fields)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:] == ["finish"],
         lambda line: print(line, flush=True))
