"""A portfolio holder who never stops submitting: opens the database, files submissions one
after another through the services and reports "ACK seq hash" once each has returned (that is,
once it is durable). The crash test kills it with SIGKILL."""

from __future__ import annotations

import sys

from meetingdesk.services import Desk


def main(db: str) -> None:
    desk = Desk.open(db)
    unit = desk.units()[0].id
    member = next(m.id for m in desk.members(unit) if not m.is_chief)
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        desk.submit(unit, member, title=f"第{n}项申报：修缮村委会办公用房", kind="decision",
                    amount="20000", fund_type="regular", presenter_id=member)
        last = desk.unit_log_events(unit, "submissions")[-1]
        print(f"ACK {last.seq} {last.hash}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
