"""The `meetingdesk` command: the GUI when given no subcommand, and the scripting commands."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from meetingdesk.domain import DomainError
from meetingdesk.store import StoreError


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH",
                        help="数据库文件（SQLite）或 postgresql+psycopg:// 地址；默认为用户数据目录中的文件 "
                             "/ database file or URL (default: the user's data folder)")
    common.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="界面和提示语言 / language of the interface and messages")
    parser = argparse.ArgumentParser(
        prog="meetingdesk", parents=[common],
        description="会议纪实台：领导班子会议全程纪实 / MeetingDesk: full records of leadership-team meetings")
    sub = parser.add_subparsers(dest="command", metavar="命令 / command")
    sub.add_parser("demo", parents=[common],
                   help="创建演示单位和会议 / create a demo unit with meetings")
    sub.add_parser("list", parents=[common], help="列出会议 / list the meetings")
    sub.add_parser("check", parents=[common],
                   help="检查数据库和每次会议记录链的完整性 / verify the database and every record chain")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang
    if args.command is None:
        from meetingdesk.ui.app import run_gui  # Qt is loaded only for the GUI
        return run_gui(args.db, lang)
    try:
        return {"demo": _demo, "list": _list, "check": _check}[args.command](args.db, lang)
    except (DomainError, StoreError) as error:
        print(error.message(lang), file=sys.stderr)
        return 2


def _say(lang: str, zh: str, en: str) -> None:
    print(en if lang == "en" else zh)


def _demo(db: str | None, lang: str) -> int:
    from meetingdesk.demo import UNIT_NAME, build_demo
    from meetingdesk.services import Desk

    desk = Desk.open(db)
    try:
        if any(u.name == UNIT_NAME for u in desk.units()):
            _say(lang, f"演示单位“{UNIT_NAME}”已存在，未作改动。数据库：{desk.db.label}",
                 f"The demo unit already exists; nothing changed. Database: {desk.db.label}")
            return 0
        unit = build_demo(desk)
        meetings = desk.list_meetings(unit)
        _say(lang, f"已创建演示单位“{UNIT_NAME}”及 {len(meetings)} 次会议。数据库：{desk.db.label}",
             f"Created the demo unit with {len(meetings)} meetings. Database: {desk.db.label}")
        return 0
    finally:
        desk.close()


STATUS = {"preparing": ("筹备中", "preparing"), "in_progress": ("进行中", "in progress"),
          "closed": ("已闭会", "closed"), "filed": ("已备案", "filed")}


def _list(db: str | None, lang: str) -> int:
    from meetingdesk.services import Desk

    desk = Desk.open(db)
    try:
        col = 1 if lang == "en" else 0
        for row in desk.list_meetings(limit=1_000_000):
            print(f"{row.id}\t{row.unit_name} {row.title}\t{row.scheduled_at[:10]}\t"
                  f"{STATUS[row.status][col]}")
        return 0
    finally:
        desk.close()


def _check(db: str | None, lang: str) -> int:
    from meetingdesk.services.integrity import check_database
    from meetingdesk.store import open_database

    database = open_database(db)
    try:
        problems = check_database(database)
    finally:
        database.close()
    if not problems:
        _say(lang, f"检查通过：数据库完好，每次会议的记录链均完整。（{database.label}）",
             f"All checks passed: the database is sound and every record chain holds. ({database.label})")
        return 0
    _say(lang, f"发现 {len(problems)} 处问题（{database.label}）：",
         f"{len(problems)} problem(s) found ({database.label}):")
    for p in problems:
        where = ""
        if p.meeting_id is not None:
            where = (f"meeting {p.meeting_id} ({p.meeting_label})" if lang == "en"
                     else f"会议 {p.meeting_id}（{p.meeting_label}）")
            if p.seq is not None:
                where += f", event {p.seq}" if lang == "en" else f" 第 {p.seq} 条记录"
            where += ": " if lang == "en" else "："
        print(f"  - {where}{p.reason_en if lang == 'en' else p.reason_zh}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
