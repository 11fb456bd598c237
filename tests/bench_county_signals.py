"""Benchmark (a script, not a test): each supervision signal over all units for one year, on a
synthetic archive index of 1,000 units x 100 meetings a year (four items a meeting, stances of
nine members on the decisions, attendance, deferrals that come back or not, corrections),
written straight into the tables.

    .venv/bin/python tests/bench_county_signals.py [--units N] [--meetings N] [--years N]
                                                   [--file PATH] [--pg URL | --pg auto]
    .venv/bin/python tests/bench_county_signals.py --archive URL --year Y

SQLite always (a file under a temporary folder, or --file); PostgreSQL with --pg URL (an empty
database) or --pg auto (a throwaway server, as the tests start one). --archive measures an
archive already filled instead (it only reads: tests/bench_county.py's, for one). Target: each signal
<= 1 s. Prints the rows generated and, per signal, the rows found and the time of a first run
and the median of three more.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, Sequence

from sqlalchemy import Connection, Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from county_records import new_archive, package_bytes  # noqa: E402
from meetingdesk.county.archive import open_archive  # noqa: E402
from meetingdesk.county import models as cm  # noqa: E402
from meetingdesk.county.signals import SIGNAL_METHODS, Scope, Signals  # noqa: E402
from meetingdesk.domain.supervision import Period  # noqa: E402
from meetingdesk.services.setup import default_settings  # noqa: E402
from meetingdesk.store.database import Database  # noqa: E402

YEAR = 2026
AREAS = tuple(default_settings()["portfolio_areas"])  # the 16 areas a unit starts with
STANCES = ("agree",) * 196 + ("disagree", "disagree", "defer", "abstain")  # 2% not agreeing
MEMBERS = 8  # besides the chief
CHUNK = 20_000


class Writer:
    """Rows to tables in chunks: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pending: dict[Table, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}
        self.pg = conn.dialect.name == "postgresql"

    def add(self, model: Any, **row: Any) -> None:
        table = model.__table__
        rows = self.pending.setdefault(table, [])
        rows.append(row)
        if len(rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Everything pending, parents first."""
        for t in sorted(self.pending, key=lambda t: ORDER.index(t.name)):
            rows = self.pending.pop(t, [])
            if not rows:
                continue
            names = list(rows[0])
            self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
            if self.pg:
                cursor = self.conn.connection.driver_connection.cursor()
                with cursor.copy(f"COPY {t.name} ({', '.join(names)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(row.values()))
            else:
                self.conn.exec_driver_sql(
                    f"INSERT INTO {t.name} ({', '.join(names)}) VALUES "
                    f"({', '.join('?' for _ in names)})", [tuple(r.values()) for r in rows])


ORDER = ["county_units", "receipt_batches", "filed_packages", "filed_meetings", "filed_items",
         "filed_attendance", "filed_opinions", "filed_corrections", "search"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红玉兰海波"
VILLAGES = ("东村", "西岭村", "南湖村", "北山村", "石桥村", "柳林村", "桃园村", "新华村", "和平村",
            "青山村", "河口村", "杨庄村")
THINGS = ("村道", "水渠", "学校围墙", "文化礼堂", "防汛物资", "办公设备", "敬老院", "垃圾清运",
          "路灯", "卫生室", "自来水管网", "河道护坡", "农机具", "危房改造", "广场绿化")
VERBS = ("拨付", "修缮", "采购", "调整", "新建", "维修", "安排", "审定")
WORDS = ("同意，建议加强资金监管。", "同意，注意工程质量和施工安全。", "建议进一步调研后再议。",
         "不同意，预算偏高，应压缩开支。", "同意，尽快公示并接受群众监督。", "同意，按程序组织招标。",
         "弃权，对项目情况了解不够。", "同意，资金从专项资金中列支。", "建议分期实施，先解决急需部分。",
         "同意，请财政所做好资金拨付。", "同意，要做好与村民的沟通解释。")


def person(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.choice((1, 2))))


def generate(conn: Connection, units: int, meetings: int, seed: int = 1,
             years: Sequence[int] = (YEAR,), texts: bool = False) -> dict[str, int]:
    """The synthetic years (``meetings`` a unit a year), with the search texts the receipt
    indexes when ``texts``; parents flushed before children so foreign keys hold."""
    rnd = random.Random(seed)
    w = Writer(conn)
    w.add(cm.ReceiptBatch, id=1, received_at="2026-01-01T09:00:00+08:00", source="bench")
    w.flush()
    data = {50000: package_bytes(), 30000: package_bytes(30000)}
    ids = {"meeting": 0, "item": 0, "attendance": 0, "opinion": 0, "correction": 0, "text": 0}

    def text(meeting_id: int, item_id: int | None, field: str, words: str) -> None:
        if texts:
            ids["text"] += 1
            w.add(cm.SearchText, id=ids["text"], meeting_id=meeting_id, item_id=item_id,
                  field=field, text=words)

    for u in range(1, units + 1):
        w.add(cm.Unit, id=u, name=f"单位{u:04d}", created_at="2026-01-01T09:00:00+08:00")
    w.flush()
    for u in range(1, units + 1):
        chief = person(rnd) if texts else f"书记{u}"
        members = [person(rnd) if texts else f"委员{u}-{k}" for k in range(MEMBERS)]
        regular = 30000 if u % 10 == 0 else 50000
        held = [(year, n, day) for year in years for n, day in enumerate(sorted(rnd.sample(
            [date(year, 1, 1) + timedelta(d) for d in range(365)], meetings)), 1)]
        deferred: list[tuple[str, int]] = []
        for year, n, day in held:
            ids["meeting"] += 1
            mid = ids["meeting"]
            head = n % 3 == 0
            uid = f"{u}-{n}" if len(years) == 1 else f"{u}-{year}-{n}"
            when = f"{day.isoformat()}T09:00:00+08:00"
            kind = "乡镇长办公会" if head else "党委会"
            w.add(cm.FiledPackage, id=mid, batch_id=1, sha256=f"{mid:064x}",
                  data=data[regular], file_name=f"{uid}.mdpkg", received_at=when, unit_id=u,
                  meeting_uid=uid, fingerprint="0" * 64, kind="record", signed_at=when,
                  certificate_sha256="0" * 64, log_entries=40)
            w.add(cm.FiledMeeting, id=mid, package_id=mid, unit_id=u, meeting_uid=uid,
                  meeting_type="head_office" if head else "party_committee",
                  meeting_type_name=kind, year=year, number=n, title=f"{year}年第{n}次{kind}",
                  held_on=day.isoformat(), started_at=when, ended_at=when, chair=chief,
                  chief=chief, expected=MEMBERS + 1, present=MEMBERS + 1, current=True,
                  cancelled=False, received_at=when, days_to_receipt=3)
            text(mid, None, "title", f"{year}年第{n}次{kind}")
            for name in [chief, *members]:
                text(mid, None, "name", name)
            for name in [chief, *members]:
                ids["attendance"] += 1
                status = rnd.choices(("present", "absent", "late", "left_early"),
                                     (90, 5, 3, 2))[0]
                w.add(cm.FiledAttendance, id=ids["attendance"], meeting_id=mid, member=name,
                      is_chief=name == chief, status=status,
                      reason="出差" if status == "absent" else None)
            for no in range(1, 5):
                ids["item"] += 1
                iid = ids["item"]
                amount = None
                if rnd.random() < 0.5:  # small sums mostly, a few just under, some projects
                    low, high = rnd.choices(((1, 20), (20, 60), (45, 50), (100, 300)),
                                            (60, 25, 3, 12))[0]
                    amount = rnd.randint(low * 1000, high * 1000 - 1)
                fund = "project" if amount and amount > 100000 else "regular" if amount else None
                major = bool(amount and amount >= (200000 if fund == "project" else regular))
                category = "funds" if major else rnd.choice(("general",) * 9 + ("appointment",))
                major = major or category == "appointment"
                carried = deferred.pop(0) if deferred and rnd.random() < 0.7 else None
                outcome = rnd.choices(("passed", "deferred", "rejected"), (94, 3, 3))[0]
                against = head and not major and rnd.random() < 0.03
                area = rnd.choice(AREAS)
                title = (f"关于{rnd.choice(VERBS)}{rnd.choice(VILLAGES)}{rnd.choice(THINGS)}"
                         f"的议题" if texts else f"议题{n}-{no}：{area}事项")
                w.add(cm.FiledItem, id=iid, meeting_id=mid, no=no, title=title,
                      kind="decision", category=category, major=major, amount=amount,
                      fund_type=fund, area=area if amount else None,
                      mode="head" if head and not major else "vote", outcome=outcome,
                      decision="同意", against_majority=against,
                      deferral_reason="需进一步调研" if outcome == "deferred" else None,
                      head_decision="agree" if head else None,
                      head_reason="已听取各方意见" if against else None,
                      carried_from_uid=carried[0] if carried else None,
                      carried_from_no=carried[1] if carried else None, agree=6, disagree=1,
                      abstain=1)
                text(mid, iid, "title", title)
                text(mid, iid, "decision", "同意")
                if outcome == "deferred":
                    deferred.append((uid, no))
                for seq, name in enumerate([*members, chief], 1):
                    ids["opinion"] += 1
                    words = rnd.choice(WORDS) if texts else "意见"
                    w.add(cm.FiledOpinion, id=ids["opinion"], item_id=iid, seq=seq, at=when,
                          member=name, is_chief=name == chief, kind="opinion",
                          stance=rnd.choice(STANCES), words=words)
                    text(mid, iid, "words", words)
            if rnd.random() < 0.02:
                ids["correction"] += 1
                w.add(cm.FiledCorrection, id=ids["correction"], meeting_id=mid, at=when,
                      author="记录员", reason="笔误", text="更正", after_closing=True)
        if u % 50 == 0:
            w.flush()
    w.flush()
    return w.counts


def timed(signals: Signals, code: str) -> tuple[int, float]:
    fresh = Signals(signals.conn, signals.scope, as_of=date(YEAR + 1, 1, 31))
    started = time.perf_counter()
    rows = SIGNAL_METHODS[code](fresh)
    return len(rows), time.perf_counter() - started


def bench(url: str, label: str, units: int, meetings: int, years: int = 1) -> None:
    db = new_archive(url)
    started = time.perf_counter()
    with db.transaction(write=True) as conn:
        counts = generate(conn, units, meetings, years=range(YEAR - years + 1, YEAR + 1))
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with db.transaction(write=True) as conn:
            conn.exec_driver_sql("ANALYZE")
    print(f"\n{label}: 生成 {time.perf_counter() - started:.0f} s / generated: "
          + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    report_signals(db, YEAR)
    db.close()


def report_signals(db: Database, year: int, indent: str = "") -> None:
    """Each signal's rows, and the time of a first run and the median of three more."""
    print(f"{indent}{'signal':<12}{'rows':>9}{'first s':>10}{'median s':>10}")
    with db.transaction() as conn:
        scope = Signals(conn, Scope(Period.year(year)))
        for code in SIGNAL_METHODS:
            found, first = timed(scope, code)
            again = statistics.median(timed(scope, code)[1] for _ in range(3))
            mark = "" if max(first, again) <= 1.0 else "  > 1 s"
            print(f"{indent}{code:<12}{found:>9,}{first:>10.3f}{again:>10.3f}{mark}")


def pg_urls(pg: str | None) -> Iterator[str]:
    if pg is None:
        return
    if pg != "auto":
        yield pg
        return
    from pg_server import PgServer

    server = PgServer().start()
    try:
        yield server.create_database()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--meetings", type=int, default=100, help="a unit's meetings a year")
    parser.add_argument("--years", type=int, default=1,
                        help="years up to 2026 (10 with --meetings 10: tests/bench_county.py's "
                             "archive without its search texts)")
    parser.add_argument("--file", type=Path, help="the SQLite archive (default: a temporary one)")
    parser.add_argument("--pg", help="an empty PostgreSQL database URL, or 'auto'")
    parser.add_argument("--archive", help="measure this archive, already filled, instead")
    parser.add_argument("--year", type=int, default=YEAR, help="with --archive")
    args = parser.parse_args()
    if args.archive:
        db = open_archive(args.archive)
        print(f"{args.archive.rpartition('/')[2]}, {args.year}:")
        report_signals(db, args.year)
        db.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.file or Path(folder) / "bench.sqlite3"
        bench(f"sqlite:///{path}", "SQLite", args.units, args.meetings, args.years)
    for url in pg_urls(args.pg):
        bench(url, "PostgreSQL", args.units, args.meetings, args.years)


if __name__ == "__main__":
    main()
