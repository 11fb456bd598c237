"""`meetingdesk county signals`: every supervision signal of a year (one unit or all), its count
and first rows on the terminal, the full tables as a workbook and the report as a PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

CLI_ROWS = 5  # rows printed per signal; the workbook has them all


def add_signals(county: Any, common: argparse.ArgumentParser) -> None:
    """The `signals` command under `county` (``county`` is its subparsers)."""
    cmd = county.add_parser(
        "signals", parents=[common],
        help="监督信号：三重一大、临近限额、拆分、违多数决定、缓议、表态、出席、更正 / supervision signals")
    cmd.add_argument("--year", type=int, required=True, metavar="Y", help="年度 / the year")
    cmd.add_argument("--unit", metavar="NAME", help="只看一个单位（默认全部） / one unit (default all)")
    cmd.add_argument("--xlsx", type=Path, metavar="FILE",
                     help="写出全部信号表（Excel，每个信号一页） / write every table as a workbook")
    cmd.add_argument("--pdf", type=Path, metavar="FILE",
                     help="写出监督信号报告 PDF / write the supervision report as a PDF")


def run_signals(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.errors import CountyError
    from meetingdesk.county.signal_report import render_pdf, render_xlsx, run_all
    from meetingdesk.county.signals import Scope, Signals
    from meetingdesk.domain.supervision import Period
    from meetingdesk.record.fonts import FontNotFoundError
    from meetingdesk.services.records import write_atomically

    lang = args.lang
    en = lang == "en"
    if args.db is None:
        print("Give the archive with --db." if en else "请用 --db 指定县级备案库。", file=sys.stderr)
        return 2
    try:
        db = open_archive(args.db)
    except CountyError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    period = Period.year(args.year)
    try:
        with db.transaction() as conn:
            if args.unit is not None and not Signals(conn, Scope(period, args.unit)).units:
                print(f"No unit named '{args.unit}' in the archive." if en else
                      f"备案库中没有名为“{args.unit}”的单位。", file=sys.stderr)
                return 2
            tables = run_all(Signals(conn, Scope(period, args.unit)))
    finally:
        db.close()
    scope = args.unit or ("all units" if en else "全县")
    print(f"Supervision signals, {scope}, {args.year}:" if en else
          f"{scope}{period.label}监督信号：")
    for table in tables:
        print(f"\n{table.spec.title(lang)}: {len(table.rows)}" if en else
              f"\n{table.spec.zh}：{len(table.rows)} 条")
        if table.rows:
            print("  " + "\t".join(table.spec.headers(lang)))
        for row in table.text_cells(lang)[:CLI_ROWS]:
            print("  " + "\t".join(row[:-1]))
        if len(table.rows) > CLI_ROWS:
            more = len(table.rows) - CLI_ROWS
            print(f"  ... {more} more" if en else f"  …… 另有 {more} 条")
    scope_zh = args.unit or "全县"
    if args.xlsx is not None:
        write_atomically(args.xlsx, render_xlsx(tables, scope_zh, period))
        print(f"Wrote {args.xlsx}" if en else f"已写出 {args.xlsx}")
    if args.pdf is not None:
        try:
            write_atomically(args.pdf, render_pdf(tables, scope_zh, period))
        except FontNotFoundError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"Wrote {args.pdf}" if en else f"已写出 {args.pdf}")
    return 0
