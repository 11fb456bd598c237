"""`meetingdesk county ...`: the county desk's commands (receipt, completeness, search, the
window). Chinese first; exit codes as the issue's contract says (import: 0 all accepted,
1 any refused, 2 could not run, or stopped before the end)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Callable

from meetingdesk.county.errors import CountyError
from meetingdesk.domain import DomainError
from meetingdesk.paths import readable
from meetingdesk.record.errors import RecordError
from meetingdesk.store import StoreError
from meetingdesk.terminal import printable, say as _say


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser
                 ) -> argparse._SubParsersAction:
    """The `county` command and its receipt-side subcommands; returns the subcommand group for
    other county commands to join."""
    county = sub.add_parser("county", help="县级备案台：证书登记、受理、完整性、检索 / the county filing desk")
    commands = county.add_subparsers(dest="county_command", metavar="子命令 / subcommand")
    imp = commands.add_parser(
        "import", parents=[common],
        help="受理备案包（文件或文件夹，如 U 盘） / receive filing packages (files or folders)")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                     help="备案包文件或文件夹 / package files or folders")
    imp.add_argument("--receipt", type=Path, metavar="FILE",
                     help="写出本批回执 PDF / write the batch's receipt (回执) PDF")
    gaps = commands.add_parser(
        "gaps", parents=[common],
        help="按单位、会议类型和年度列出缺号和取消的会议 / missing and cancelled meeting numbers")
    gaps.add_argument("--year", type=int, metavar="Y", help="只看这一年 / only this year")
    search = commands.add_parser(
        "search", parents=[common],
        help="检索已备案记录（题目、发言、决定、姓名） / search the filed records")
    search.add_argument("text", metavar="TEXT", help="要找的文字 / the text to find")
    commands.add_parser("gui", parents=[common], help="打开县级备案台窗口 / open the county window")
    return commands


def run(args: argparse.Namespace) -> int:
    """Run a county command other than the trust registry's (cli_trust.py runs those)."""
    from meetingdesk.county.signals_cli import run_signals

    runners: dict[str, Callable[[argparse.Namespace], int]] = {
        "import": _import, "gaps": _gaps, "search": _search, "gui": _gui,
        "signals": run_signals}
    if args.county_command not in runners:
        print("请给出子命令，见 meetingdesk county --help / give a subcommand", file=sys.stderr)
        return 2
    if args.db is None:
        print("请用 --db 指定县级备案库 / give the county archive with --db", file=sys.stderr)
        return 2
    try:
        return runners[args.county_command](args)
    except (CountyError, DomainError, StoreError, RecordError) as error:
        print(printable(error.message(args.lang)), file=sys.stderr)
        return 2


def _import(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.receipt import REFUSED, find_packages, receive
    from meetingdesk.services.records import write_atomically

    if not find_packages(args.paths):  # an unreadable path is refused here too, before opening
        raise CountyError("NO_PACKAGES", paths="、".join(str(p) for p in args.paths))
    archive = open_archive(args.db)
    # a shutdown stops the batch as Ctrl-C does: the 回执 of what was decided is still stored
    terminated = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        batch = receive(archive, args.paths,
                        progress=lambda n, total, outcome: print(
                            printable(outcome.line(args.lang)), flush=True))
    finally:
        signal.signal(signal.SIGTERM, terminated)
        archive.close()
    _say(args.lang, f"共 {len(batch.outcomes)} 个备案包：受理 {batch.count('accepted')}，"
                    f"拒收 {batch.count(REFUSED)}，已受理过 {batch.count('already')}（批次 {batch.id}）",
         f"{len(batch.outcomes)} package(s): {batch.count('accepted')} accepted, "
         f"{batch.count(REFUSED)} refused, {batch.count('already')} already on file "
         f"(batch {batch.id})")
    if batch.interrupted is not None:
        print(batch.interrupted.line(args.lang), file=sys.stderr)
    if args.receipt is not None:
        write_atomically(args.receipt, batch.receipt_pdf)
        _say(args.lang, f"已写出回执：{args.receipt}", f"Wrote the receipt: {args.receipt}")
    return 2 if batch.interrupted is not None else 0 if batch.all_accepted else 1


def _gaps(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.completeness import completeness

    archive = open_archive(args.db)
    try:
        rows = completeness(archive, year=args.year)
    finally:
        archive.close()
    for row in rows:
        print(printable(row.line(args.lang)))
    return 0


def _search(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.search import search

    args.text = readable(args.text)  # typed on a GBK terminal under a UTF-8 locale
    archive = open_archive(args.db)
    try:
        found = search(archive, args.text)
    finally:
        archive.close()
    for hit in found.hits:
        print(printable(hit.line(args.lang)))
    if not found.hits:
        needle = printable(args.text)
        _say(args.lang, f"没有找到“{needle}”。", f"'{needle}' was not found.")
    elif found.more or found.count > len(found.hits):  # stdout keeps a line a hit
        print(found.summary(args.lang), file=sys.stderr)
    return 0


def _gui(args: argparse.Namespace) -> int:
    from meetingdesk.ui.county.window import run_county_gui

    return run_county_gui(args.db, args.lang)
