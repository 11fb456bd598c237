"""The `meetingdesk` command: the GUI when given no subcommand, and the scripting commands."""

from __future__ import annotations

import argparse
import getpass
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from meetingdesk import cli_trust
from meetingdesk.domain import DomainError
from meetingdesk.record.errors import RecordError
from meetingdesk.store import StoreError
from meetingdesk.terminal import say as _say

if TYPE_CHECKING:
    from meetingdesk.record.trust import Trust
    from meetingdesk.record.verify import Verdict
    from meetingdesk.services import Desk
    from meetingdesk.store import Database


# --db and --lang may come before the command name or after it. Each position has its own
# dest, so that a subparser's default cannot overwrite the value given before the command.
SHARED = ("db", "lang")


def _shared_options(after: bool) -> argparse.ArgumentParser:
    suffix, default = ("_after", argparse.SUPPRESS) if after else ("", None)
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--db", metavar="PATH", dest="db" + suffix, default=default,
                         help="数据库文件（SQLite）或 postgresql+psycopg:// 地址；默认为用户数据目录中的文件 "
                              "/ database file or URL (default: the user's data folder)")
    options.add_argument("--lang", choices=("zh", "en"), dest="lang" + suffix, default=default,
                         help="界面和提示语言（默认 zh） / language of the interface and messages "
                              "(default zh)")
    return options


def _parser() -> argparse.ArgumentParser:
    common = _shared_options(after=True)
    parser = argparse.ArgumentParser(
        prog="meetingdesk", parents=[_shared_options(after=False)],
        description="会议纪实台：领导班子会议全程纪实 / MeetingDesk: full records of leadership-team meetings")
    sub = parser.add_subparsers(dest="command", metavar="命令 / command")
    sub.add_parser("demo", parents=[common],
                   help="创建演示单位和会议 / create a demo unit with meetings")
    sub.add_parser("list", parents=[common], help="列出会议 / list the meetings")
    sub.add_parser("check", parents=[common],
                   help="检查数据库和每次会议记录链的完整性 / verify the database and every record chain")
    sub.add_parser("submissions", parents=[common],
                   help="列出议题申报及其状态 / list the item submissions and their status")
    tasks = sub.add_parser("tasks", parents=[common],
                           help="列出决定事项的督办任务 / list the follow-up tasks of decisions")
    tasks.add_argument("--overdue", action="store_true",
                       help="只列出已逾期未办结的 / only the overdue ones")
    export = sub.add_parser(
        "export", parents=[common],
        help="导出已闭会会议的备案记录：签名 PDF 和/或备案包 / export a closed meeting's filed record")
    export.add_argument("meeting_id", type=int, metavar="MEETING_ID",
                        help="会议编号（见 meetingdesk list） / the meeting's id (see meetingdesk list)")
    export.add_argument("--pdf", type=Path, metavar="FILE", help="写出会议纪实 PDF / write the record PDF")
    export.add_argument("--package", type=Path, metavar="FILE",
                        help="写出备案包（.mdpkg，ZIP） / write the filing package (.mdpkg, a ZIP)")
    export.add_argument("--passphrase-env", metavar="VAR",
                        help="单位证书口令所在的环境变量；不给时在终端询问 / environment variable holding "
                             "the unit certificate's passphrase (else asked for on a terminal)")
    export.add_argument("--mark-filed", action="store_true",
                        help="先在会议记录中登记“已备案”，再导出 / record the meeting as filed, then export")
    verify = sub.add_parser(
        "verify", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        help="验证会议纪实 PDF 或备案包：数字签名、记录指纹、记录链 / verify a record PDF or a filing package",
        epilog=VERIFY_EXIT_CODES)
    verify.add_argument("file", type=Path, metavar="FILE", help="PDF 或备案包 / a PDF or a package")
    verify.add_argument("--trust", action="append", metavar="CERT|SHA256",
                        help="所信任的单位证书或签发机构证书（PEM/DER 文件），或证书的 SHA-256 指纹；可重复 "
                             "/ a trusted unit or authority certificate (PEM/DER file) or a "
                             "certificate's SHA-256 fingerprint; may be repeated")
    verify.add_argument("--report", type=Path, metavar="OUT",
                        help="写出四性检查报告 PDF，并在旁边写出同名 .xml / write the 四性 check "
                             "report as a PDF, and an .xml of the same name beside it")
    verify.add_argument("--county", metavar="URL",
                        help="按县级备案库的证书登记确认签名人（代替 --trust） / confirm the signer "
                             "by the county archive's registry (instead of --trust)")
    from meetingdesk.county.commands import add_commands as add_county_commands
    from meetingdesk.county.signals_cli import add_signals

    county_commands = add_county_commands(sub, common)
    cli_trust.add_parsers(sub, common, county_commands)
    add_signals(county_commands, common)
    return parser


VERIFY_EXIT_CODES = """退出码 / exit codes:
  0  验证通过 / valid
  1  验证未通过（内容被改动、不符合规则或与记录不符） / not valid
  2  无法读取（文件损坏、不是 PDF 或备案包、超出大小限制） / unreadable
  3  内容完整，但签名人无法确认（未用 --trust 给出所信任的证书，或签名证书不在其中；
     用 --county 时：不是县里签发或登记给该单位的证书，或签名时已吊销、不在有效期内）
     / content intact, but the signer unconfirmed (no --trust, or not a trusted certificate;
     with --county: not issued or registered by the county for the unit, or revoked or not
     valid when it signed)"""


def _merge_shared(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """One value for each of --db and --lang, whether given before or after the command;
    different values in the two places are refused rather than one silently winning."""
    for name in SHARED:
        before = getattr(args, name)
        after = getattr(args, name + "_after", None)
        if after is None:
            continue
        if before is not None and before != after:
            parser.error(f"--{name} 在命令名前后给出了不同的值（{before} 与 {after}），请只给一个。"
                         f" / --{name} was given different values before and after the command "
                         f"({before}, {after}): give one.")
        setattr(args, name, after)
    args.lang = args.lang or "zh"


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = _parser()
    args = parser.parse_args(argv)
    _merge_shared(parser, args)
    lang = args.lang
    if args.command is None:
        from meetingdesk.county.sniff import is_archive_file
        from meetingdesk.ui.app import leave, run_gui  # Qt is loaded only for the GUI
        if is_archive_file(args.db):  # the county's archive: the county window
            from meetingdesk.ui.county.window import run_county_gui
            leave(run_county_gui(args.db, lang))
        leave(run_gui(args.db, lang))
    try:
        if args.command == "cert" or args.command == "county" and cli_trust.owns(args):
            return cli_trust.run(args)
        if args.command == "county":
            from meetingdesk.county.commands import run as run_county
            return run_county(args)
        if args.command in ("export", "verify", "tasks"):
            return {"export": _export, "verify": _verify, "tasks": _tasks}[args.command](args)
        if args.command == "submissions":
            return _submissions(args.db, lang)
        return {"demo": _demo, "list": _list, "check": _check}[args.command](args.db, lang)
    except (DomainError, StoreError, RecordError) as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped reading (`| head`): say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2


def _tolerant_output() -> None:
    """A character the console's encoding lacks (GBK on a Chinese Windows console, or output
    redirected there) prints as "?" instead of ending the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _open_desk(db: str | None, lang: str) -> "Desk":
    """Open the database, telling on stderr what the opening found or did (read-only, ...)."""
    from meetingdesk.services import Desk

    desk = Desk.open(db)
    _tell_notices(desk.db, lang)
    return desk


def _tell_notices(db: "Database", lang: str) -> None:
    for notice in db.notices:
        print(notice.message(lang), file=sys.stderr)


def _demo(db: str | None, lang: str) -> int:
    from meetingdesk.demo import UNIT_NAME, build_demo

    desk = _open_desk(db, lang)
    try:
        if any(u.name == UNIT_NAME for u in desk.units()):
            _say(lang, f"演示单位“{UNIT_NAME}”已存在，未作改动。数据库：{desk.db.label}",
                 f"The demo unit already exists; nothing changed. Database: {desk.db.label}")
            return 0
        unit = build_demo(desk)
        meetings = desk.list_meetings(unit)
        subs, tasks = len(desk.submissions(unit)), len(desk.tasks(unit))
        _say(lang, f"已创建演示单位“{UNIT_NAME}”及 {len(meetings)} 次会议、{subs} 项议题申报、"
                   f"{tasks} 项督办任务。数据库：{desk.db.label}",
             f"Created the demo unit with {len(meetings)} meetings, {subs} submissions and "
             f"{tasks} follow-up tasks. Database: {desk.db.label}")
        return 0
    finally:
        desk.close()


STATUS = {"preparing": ("筹备中", "preparing"), "in_progress": ("进行中", "in progress"),
          "closed": ("已闭会", "closed"), "filed": ("已备案", "filed"),
          "cancelled": ("已取消", "cancelled")}


def _list(db: str | None, lang: str) -> int:
    desk = _open_desk(db, lang)
    try:
        col = 1 if lang == "en" else 0
        for row in desk.list_meetings(limit=1_000_000):
            status = STATUS[row.status][col]
            if row.cancellation is not None:  # R11: the number is accounted for, and why
                status += ("：" if col == 0 else ": ") + row.cancellation.reason
            planned = ("计划 ", "planned ")[col] + row.scheduled_at[:16].replace("T", " ")
            print(f"{row.id}\t{row.unit_name} {row.title}\t{row.held or planned}\t{status}")
        return 0
    finally:
        desk.close()


def _submissions(db: str | None, lang: str) -> int:
    """One a line: number, unit, title, status (a returned or withdrawn one with its reason)."""
    from meetingdesk.domain.submissions import STATUSES

    desk = _open_desk(db, lang)
    try:
        col = 1 if lang == "en" else 0
        for unit in desk.units():
            for sub in desk.submissions(unit.id):
                status = STATUSES[sub.status][col]
                if sub.reason:
                    status += ("：" if col == 0 else ": ") + sub.reason
                print(f"{sub.no}\t{unit.name}\t{sub.item.title}\t{status}")
        return 0
    finally:
        desk.close()


def _tasks(args: argparse.Namespace) -> int:
    """One a line: number, decision, who, deadline, status (overdue ones say so)."""
    from meetingdesk.domain.followup import STATUSES

    desk = _open_desk(args.db, args.lang)
    try:
        col = 1 if args.lang == "en" else 0
        today = desk.clock().date()
        for unit in desk.units():
            names = {m.id: m.name for m in desk.members(unit.id, include_inactive=True)}
            for task in desk.tasks(unit.id):
                late = task.overdue(today)
                if args.overdue and not late:
                    continue
                d = task.decision
                decision = (f"{unit.name} {d.meeting_title} item {d.item_no}" if col
                            else f"{unit.name}{d.meeting_title}第{d.item_no}项")
                who = (task.department if task.member_id is None
                       else names.get(task.member_id, ""))
                status = STATUSES[task.status][col]
                if late:
                    status += ("（已逾期）", " (overdue)")[col]
                print(f"{task.no}\t{decision} {d.item_title}\t{who}\t{task.deadline.isoformat()}"
                      f"\t{status}")
        return 0
    finally:
        desk.close()


def _check(db: str | None, lang: str) -> int:
    from meetingdesk.services.integrity import check_database
    from meetingdesk.store import open_database

    database = open_database(db)
    _tell_notices(database, lang)
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
        print(f"  - {p.text(lang)}")
    return 1


def _export(args: argparse.Namespace) -> int:
    from meetingdesk.services.records import Records

    lang = args.lang
    if args.pdf is None and args.package is None:
        _say(lang, "请用 --pdf FILE 和/或 --package FILE 指定要导出的文件。",
             "Give --pdf FILE and/or --package FILE.")
        return 2
    desk = _open_desk(args.db, lang)
    try:
        records = Records(desk)
        info = desk.meeting_info(args.meeting_id)
        passphrase = None
        if args.passphrase_env:
            passphrase = os.environ.get(args.passphrase_env)
            if passphrase is None:
                _say(lang, f"环境变量 {args.passphrase_env} 未设置。",
                     f"The environment variable {args.passphrase_env} is not set.")
                return 2
        elif sys.stdin.isatty() and records.has_certificate(info.unit_id):
            passphrase = getpass.getpass("单位证书口令 / certificate passphrase: ")
        done = records.export(args.meeting_id, pdf_path=args.pdf, package_path=args.package,
                              passphrase=passphrase, mark_filed=args.mark_filed)
    finally:
        desk.close()
    files = [str(p) for p in (args.pdf, args.package) if p is not None]
    _say(lang, f"已导出 {info.unit_name}{info.title} 的备案记录：{'、'.join(files)}",
         f"Exported the filed record of {info.unit_name} {info.title}: {', '.join(files)}")
    _say(lang, f"  记录指纹：{done.fingerprint}", f"  record fingerprint: {done.fingerprint}")
    if done.signed:
        _say(lang, "  已用单位证书进行数字签名。", "  digitally signed with the unit certificate.")
        _say(lang, f"  单位证书指纹（SHA-256，供县级备案登记和 verify --trust 使用）：{done.certificate_sha256}",
             f"  unit certificate SHA-256 fingerprint (to register with the county, and for "
             f"verify --trust): {done.certificate_sha256}")
    else:
        _say(lang, "  单位未设置数字证书：PDF 未经数字签名。",
             "  the unit has no certificate: the PDF is not digitally signed.")
    if done.filed:
        _say(lang, "  会议状态：已备案。", "  the meeting is marked filed.")
    return 0


VERDICT_HEADS = {"valid": ("验证通过：{what} {file}", "Valid {what}: {file}"),
                 "invalid": ("验证未通过：{reason}（{file}）", "NOT valid: {reason} ({file})"),
                 "unreadable": ("验证未能进行：{reason}（{file}）", "Cannot verify: {reason} ({file})"),
                 "unconfirmed": ("内容完整，但签名人无法确认：{what} {file}",
                                 "Content intact, but the signer is unconfirmed: {what} {file}")}
# Marks GBK (a Chinese Windows console) can print, unlike ✓ and ✗.
MARKS = {True: "√", False: "×"}


def _verify(args: argparse.Namespace) -> int:
    from meetingdesk.record.trust import Trust, TrustError

    lang = args.lang
    if args.county and args.trust:
        _say(lang, "--county 与 --trust 只能给一个。", "Give --county or --trust, not both.")
        return 2
    try:
        trust = Trust.load(args.trust or ())
    except TrustError as error:
        print(error.en if lang == "en" else error.zh, file=sys.stderr)
        return 2
    if args.county:
        return _verify_by_county(args)
    return _verified(args, trust)


def _verify_by_county(args: argparse.Namespace) -> int:
    """verify, the signer judged by the county archive's registry."""
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.errors import CountyError
    from meetingdesk.county.trust import judge_by
    from meetingdesk.record.trust import Trust

    try:
        archive = open_archive(args.county)
    except CountyError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 2
    try:
        return _verified(args, Trust(judge=judge_by(archive)))
    finally:
        archive.close()


def _verified(args: argparse.Namespace, trust: "Trust") -> int:
    from meetingdesk.record.verify import summary_lines, verify_file
    from meetingdesk.services.records import open_file
    from meetingdesk.terminal import printable

    lang = args.lang
    with open_file(args.file) as fp:
        try:
            if args.db is None:
                verdict = verify_file(fp, trust=trust)
            else:
                from meetingdesk.services.records import Records

                desk = _open_desk(args.db, lang)
                try:
                    verdict = Records(desk).verify(fp, trust)
                finally:
                    desk.close()
        except (DomainError, StoreError, RecordError):
            raise
        except Exception as error:  # noqa: BLE001 - a defect must not look like a verdict
            print(f"Verification stopped: an internal error ({type(error).__name__}); no "
                  "conclusion was reached. Please report it." if lang == "en" else
                  f"验证中断：程序内部错误（{type(error).__name__}），未能得出结论，请报告此问题。",
                  file=sys.stderr)
            return 2
    col = 1 if lang == "en" else 0
    what = {"pdf": ("会议纪实 PDF", "record PDF"), "package": ("备案包", "filing package"),
            "unknown": ("文件", "file")}[verdict.kind][col]
    reason = verdict.reason.in_lang(lang) if verdict.reason else ""
    # the file's name and what its log says are shown, never obeyed (terminal.py)
    print(printable(VERDICT_HEADS[verdict.status][col].format(what=what, file=args.file,
                                                              reason=reason)))
    for line in summary_lines(verdict, lang):
        print(f"  {printable(line)}")
    for finding in verdict.findings:
        print(f"  {MARKS[finding.ok]} {printable(finding.in_lang(lang))}")
    if args.report is not None and not _write_report(verdict, args, lang):
        return 2
    return verdict.exit_code


def _write_report(verdict: "Verdict", args: argparse.Namespace, lang: str) -> bool:
    """The 四性 report as PDF and XML; False (and why, on stderr) if it could not be made.
    A failure to write raises RecordError, which main() reports."""
    from datetime import datetime

    from meetingdesk.record.fonts import FontNotFoundError
    from meetingdesk.record.report import report_pdf, report_xml
    from meetingdesk.services.records import write_atomically

    checked_at = datetime.now().astimezone()
    xml_path = args.report.with_suffix(".xml")
    try:
        pdf = report_pdf(verdict, args.file.name, checked_at)
    except FontNotFoundError as error:  # its message is in Chinese and in English
        print(error, file=sys.stderr)
        return False
    write_atomically(args.report, pdf)
    write_atomically(xml_path, report_xml(verdict, args.file.name, checked_at))
    _say(lang, f"  已写出四性检查报告：{args.report}、{xml_path}",
         f"  wrote the 四性 check report: {args.report}, {xml_path}")
    return True


if __name__ == "__main__":
    sys.exit(main())
