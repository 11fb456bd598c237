"""`meetingdesk county init|issue|register|revoke|certs` (the county's trust registry) and
`meetingdesk cert request|import|export|form` (the unit's certificate, township side).

Exit codes: 0 done, 1 refused (the certificate belongs elsewhere, is already known, ...),
2 could not run (a wrong passphrase, a damaged file, no archive). Nothing is changed unless
the command succeeds.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING, Callable

from meetingdesk.county.errors import CountyError
from meetingdesk.record.errors import RecordError
from meetingdesk.terminal import printable, say

if TYPE_CHECKING:
    from meetingdesk.services import Desk
    from meetingdesk.services.certificates import Certificates

# Refusals of a certificate for what it is, not failures to run.
REFUSALS = {"CERT_IS_AUTHORITY", "CERT_OTHER_UNIT", "CERT_KNOWN", "CERT_UNKNOWN",
            "ALREADY_REVOKED", "ISSUED_OTHER_KEY", "ISSUED_OTHER_UNIT", "ISSUED_CHAIN_BROKEN",
            "UNIT_NAME_REFUSED", "UNIT_LOOKALIKE", "UNIT_HAS_CERTIFICATE",
            "ISSUED_NOT_YET_VALID", "ISSUED_EXPIRED", "ISSUED_NO_ROOT", "ISSUED_OTHER_ROOT",
            "ROOT_UNCONFIRMED"}
PASSPHRASE_ENV_HELP = ("口令所在的环境变量；不给时在终端询问 / environment variable holding the "
                       "passphrase (else asked for on a terminal)")


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
                commands: argparse._SubParsersAction) -> None:
    """The trust commands: into the ``county`` command's subcommands, and the township's
    ``cert``."""
    init = commands.add_parser("init", parents=[common],
                               help="新建县级备案库及其根证书 / create the archive and its root")
    init.add_argument("--name", default="", help="县名，如“象山县” / the county's name")
    issue = commands.add_parser("issue", parents=[common],
                                help="根据单位的证书申请签发单位证书 / issue a unit certificate")
    issue.add_argument("request", type=Path, metavar="REQUEST",
                       help="单位的证书申请文件（PKCS#10） / the unit's request file")
    issue.add_argument("--out", type=Path, metavar="CERT", required=True,
                       help="写出签发的证书（PEM，含根证书） / write the certificate (PEM, with the root)")
    for parser in (init, issue):
        parser.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_ENV_HELP)
    register = commands.add_parser(
        "register", parents=[common],
        help="按指纹登记单位已有的证书 / register a unit's existing certificate by fingerprint")
    register.add_argument("certificate", type=Path, metavar="CERT",
                          help="单位证书（PEM 或 DER） / the unit's certificate (PEM or DER)")
    register.add_argument("--unit", required=True, metavar="NAME", help="单位名称 / the unit")
    for parser in (issue, register):
        parser.add_argument("--another", action="store_true",
                            help="单位已有有效证书时再签发或登记一张 / a second certificate for a "
                                 "unit that has a valid one")
    revoke = commands.add_parser("revoke", parents=[common],
                                 help="吊销单位证书 / revoke a unit certificate")
    revoke.add_argument("fingerprint", metavar="FINGERPRINT",
                        help="证书的 SHA-256 指纹 / the certificate's SHA-256 fingerprint")
    revoke.add_argument("--from", dest="revoked_from", metavar="ISO-DATETIME",
                        help="自此时起的签名无效（默认：现在） / signatures from then on do not "
                             "count (default: now)")
    revoke.add_argument("--reason", default="", help="吊销原因 / why")
    commands.add_parser("certs", parents=[common],
                        help="列出单位证书及其状态 / list the units' certificates")

    cert = sub.add_parser("cert", parents=[common],
                          help="本单位的签名证书与县里 / the unit's certificate and the county")
    actions = cert.add_subparsers(dest="cert_command", metavar="命令 / command", required=True)
    request = actions.add_parser(
        "request", parents=[common],
        help="生成交县里签发的证书申请 / make a certificate request for the county")
    imported = actions.add_parser("import", parents=[common],
                                  help="导入县里签发的证书 / import the certificate the county issued")
    imported.add_argument("certificate", type=Path, metavar="CERT",
                          help="县里签发的证书（PEM 或 DER） / the issued certificate")
    imported.add_argument("--root-fingerprint", metavar="SHA256",
                          help="县里给出的根证书指纹，首次导入时核对（终端上会询问） / the county "
                               "root's fingerprint, checked on the first import (asked on a "
                               "terminal)")
    imported.add_argument("--replace-root", action="store_true",
                          help="县里更换了根证书：改认新的根证书 / the county changed its root: "
                               "take the new one")
    export = actions.add_parser("export", parents=[common],
                                help="导出本单位的公开证书 / export the unit's public certificate")
    form = actions.add_parser("form", parents=[common],
                              help="打印单位数字证书登记表（PDF） / the registration form (PDF)")
    for parser, what in ((request, "证书申请文件 / the request file"),
                         (export, "证书文件（PEM） / the certificate (PEM)"),
                         (form, "登记表 PDF / the form (PDF)")):
        parser.add_argument("--out", type=Path, metavar="FILE", required=True, help=what)
    for parser in (request, imported, export, form):
        parser.add_argument("--unit", metavar="NAME",
                            help="单位名称（数据库中有多个单位时） / the unit, when there are several")
        parser.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_ENV_HELP)


def owns(args: argparse.Namespace) -> bool:
    """Whether a ``county`` command is one of the trust registry's."""
    return args.county_command in COUNTY


def run(args: argparse.Namespace) -> int:
    from meetingdesk.record.fonts import FontNotFoundError  # ReportLab: only when run

    try:
        if args.command == "county":
            return COUNTY[args.county_command](args)
        return CERT[args.cert_command](args)
    except (CountyError, RecordError) as error:
        print(printable(error.message(args.lang)), file=sys.stderr)
        return 1 if error.code in REFUSALS else 2
    except FontNotFoundError as error:  # its message is in Chinese and in English
        print(error, file=sys.stderr)
        return 2


def spaced(fingerprint: str) -> str:
    from meetingdesk.record.trust import spaced  # cryptography: only when run
    return spaced(fingerprint)


def _say(args: argparse.Namespace, zh: str, en: str) -> None:
    say(args.lang, zh, en)


def _read(path: Path) -> bytes:
    from meetingdesk.services.records import open_file

    with open_file(path) as fp:
        return fp.read(1 << 20)


# ---- the county --------------------------------------------------------------------------------

def _archive_target(args: argparse.Namespace) -> str:
    if args.db is None:
        raise CountyError("ARCHIVE_REQUIRED")
    return args.db


def _init(args: argparse.Namespace) -> int:
    from meetingdesk.cli_passphrase import read_passphrase
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.authority import check_passphrase
    from meetingdesk.county.trust import DEFAULT_COUNTY, create_root

    target = _archive_target(args)
    passphrase = read_passphrase(args.passphrase_env, "为县级根证书设置口令",
                                 "new county root passphrase", new=True)
    check_passphrase(passphrase)  # before the archive is made: a refusal leaves nothing
    archive = open_archive(target, create=True)
    try:
        name = args.name.strip() or DEFAULT_COUNTY
        digest = create_root(archive, name, passphrase)
        label = archive.label
    finally:
        archive.close()
    _say(args, f"已建立县级备案库“{name}”：{label}", f"Created the county archive {name}: {label}")
    _say(args, f"  根证书：{name}县级备案根证书", f"  root certificate: {name}县级备案根证书")
    _say(args, f"  根证书指纹（SHA-256）：{spaced(digest)}",
         f"  root SHA-256 fingerprint: {spaced(digest)}")
    _say(args, "  根证书口令请妥善保管：签发单位证书时需要，遗失无法找回。",
         "  keep the passphrase safe: issuing needs it and it cannot be recovered.")
    return 0


def _issue(args: argparse.Namespace) -> int:
    from meetingdesk.cli_passphrase import read_passphrase
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.trust import issue_certificate, root_fingerprint
    from meetingdesk.record.trust import fingerprint_lines
    from meetingdesk.services.records import write_atomically

    request = _read(args.request)
    archive = open_archive(_archive_target(args))
    try:
        passphrase = read_passphrase(args.passphrase_env, "县级根证书口令",
                                     "county root passphrase")
        done = issue_certificate(archive, request, passphrase,
                                 lambda pem: write_atomically(args.out, pem), args.another)
        root = root_fingerprint(archive)
    finally:
        archive.close()
    _say(args, f"已为“{done.unit}”签发单位证书：{args.out}",
         f"Issued a unit certificate for {done.unit}: {args.out}")
    _shown_certificate(args, done.sha256, done.not_after)
    _say(args, "  县级根证书指纹（交单位导入证书时逐组核对）：",
         "  the county root's fingerprint (for the unit to check, group by group, on import):")
    print("    {}\n    {}".format(*fingerprint_lines(root)))
    return 0


def _shown_certificate(args: argparse.Namespace, sha256: str, not_after: str) -> None:
    from meetingdesk.record.trust import fingerprint_lines

    first, second = fingerprint_lines(sha256)
    _say(args, "  证书指纹（SHA-256）：", "  SHA-256 fingerprint:")
    print(f"    {first}\n    {second}")
    _say(args, f"  有效期至：{not_after[:10]}", f"  valid until {not_after[:10]}")


def _register(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.trust import read_certificate, register_certificate

    der = read_certificate(_read(args.certificate))
    archive = open_archive(_archive_target(args))
    try:
        done = register_certificate(archive, der, args.unit, args.another)
    finally:
        archive.close()
    _say(args, f"已登记“{done.unit}”的单位证书。请与单位盖章的《单位数字证书登记表》逐组核对指纹：",
         f"Registered {done.unit}'s certificate. Compare the fingerprint group by group with "
         "the unit's sealed registration form:")
    _shown_certificate(args, done.sha256, done.not_after)
    _say(args, f"  如有不符，请立即吊销：meetingdesk county revoke {done.sha256} --db ...",
         f"  if they differ, revoke it at once: meetingdesk county revoke {done.sha256} --db ...")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.trust import revocation_time, revoke_certificate

    when = revocation_time(args.revoked_from or "")
    archive = open_archive(_archive_target(args))
    try:
        done = revoke_certificate(archive, args.fingerprint, when, args.reason.strip())
    finally:
        archive.close()
    cert = done.certificate
    since = (cert.revoked_from or "")[:16].replace("T", " ")
    _say(args, f"已吊销“{cert.unit}”的证书 {spaced(cert.sha256)}：自 {since} 起以它所作的签名不再有效。",
         f"Revoked {cert.unit}'s certificate {spaced(cert.sha256)}: signatures made from "
         f"{since} on no longer count.")
    if done.withdrawn:
        _say(args, f"  已备案的记录中有 {len(done.withdrawn)} 份是在此之后以它签名的，不再计入备案"
                   "（原包仍予保存）：",
             f"  {len(done.withdrawn)} record(s) on file were signed with it since then and no "
             "longer count (the packages are kept):")
        for affected in done.withdrawn:
            print(f"    {printable(affected.line(args.lang))}")  # names from the packages
    else:
        _say(args, "  已备案的记录中没有在此之后以它签名的。",
             "  No record on file was signed with it since then.")
    if done.to_check:
        _say(args, f"  另有 {len(done.to_check)} 份在此之后才受理、签名所注时间在此之前，仍计入备案，请核实：",
             f"  {len(done.to_check)} more were received since then but say they were signed "
             "before; they still count: check them:")
        for affected in done.to_check:
            print(f"    {printable(affected.line(args.lang))}")  # names from the packages
    return 0


def _certs(args: argparse.Namespace) -> int:
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.trust import ORIGINS, certificates, root_fingerprint

    archive = open_archive(_archive_target(args))
    try:
        root, rows = root_fingerprint(archive), certificates(archive)
    finally:
        archive.close()
    col = 1 if args.lang == "en" else 0
    _say(args, f"根证书指纹：{spaced(root)}", f"root fingerprint: {spaced(root)}")
    now = datetime.now().astimezone()
    for row in rows:
        status = row.status(now)[col]
        print(f"{printable(row.unit)}\t{ORIGINS[row.origin][col]}\t{row.sha256}\t"
              f"{row.not_before[:10]}—{row.not_after[:10]}\t{status}")
    return 0


COUNTY = {"init": _init, "issue": _issue, "register": _register, "revoke": _revoke,
          "certs": _certs}


# ---- the township ------------------------------------------------------------------------------

def _township(args: argparse.Namespace, new: bool = False
              ) -> tuple[Desk, Certificates, int, str, bool]:
    """The open desk, the unit's id and the certificate passphrase (a new one, asked twice,
    when the unit has no certificate yet and ``new`` allows making one)."""
    from meetingdesk.cli_passphrase import read_passphrase
    from meetingdesk.services import Desk
    from meetingdesk.services.certificates import Certificates

    desk = Desk.open(args.db)
    try:
        certificates = Certificates(desk)
        unit = certificates.unit_id(args.unit)
        making = new and not certificates.records.has_certificate(unit)
        what = ("为单位证书设置口令", "new unit certificate passphrase") if making else \
            ("单位证书口令", "unit certificate passphrase")
        passphrase = read_passphrase(args.passphrase_env, *what, new=making)
    except BaseException:
        desk.close()
        raise
    return desk, certificates, unit, passphrase, making


def _request(args: argparse.Namespace) -> int:
    from meetingdesk.services.records import write_atomically

    desk, certificates, unit, passphrase, making = _township(args, new=True)
    try:
        write_atomically(args.out, certificates.request(unit, passphrase))
        name = certificates.records.unit_name(unit)
    finally:
        desk.close()
    if making:
        _say(args, f"已为“{name}”建立签名密钥和单位证书（口令请妥善保管）。",
             f"Made {name}'s signing key and certificate (keep the passphrase safe).")
    _say(args, f"已写出“{name}”的证书申请：{args.out}。请交县里签发（meetingdesk county issue）。",
         f"Wrote {name}'s certificate request: {args.out}. Take it to the county "
         "('meetingdesk county issue').")
    return 0


def _import(args: argparse.Namespace) -> int:
    data = _read(args.certificate)
    confirm = _root_confirmation(args)
    desk, certificates, unit, passphrase, _ = _township(args)
    try:
        done = certificates.import_issued(unit, data, passphrase, str(args.certificate),
                                          confirm, args.replace_root)
    finally:
        desk.close()
    _say(args, f"已导入县里签发的“{done.unit}”单位证书（签发者：{done.issuer}）；此后导出的记录以它签名。",
         f"Imported {done.unit}'s certificate issued by {done.issuer}; records are signed "
         "with it from now on.")
    _shown_certificate(args, done.sha256, done.not_after.isoformat())
    return 0


def _root_confirmation(args: argparse.Namespace) -> Callable[[str, str], bool] | None:
    """How the county root's fingerprint is confirmed: against --root-fingerprint, or by the
    user on a terminal; None (refused) in a script without the option."""
    from meetingdesk.county.trust import read_fingerprint
    from meetingdesk.record.trust import fingerprint_lines

    if args.root_fingerprint:
        given = read_fingerprint(args.root_fingerprint)
        return lambda issuer, digest: digest == given
    if not sys.stdin.isatty():
        return None

    def ask(issuer: str, digest: str) -> bool:
        _say(args, f"证书由“{issuer}”签发，其根证书指纹（SHA-256）为：",
             f"The certificate was issued by {issuer}, whose root SHA-256 fingerprint is:")
        print("    {}\n    {}".format(*fingerprint_lines(digest)))
        answer = input("与县里签发时给出的根证书指纹逐组一致吗？一致请输入“是” / "
                       "do they match the county's, group by group? type yes: ")
        return answer.strip().lower() in {"是", "yes"}
    return ask


def _export(args: argparse.Namespace) -> int:
    return _written(args, lambda c, unit, passphrase: c.public_pem(unit, passphrase),
                    "已导出“{unit}”的单位证书：{out}", "Exported {unit}'s certificate: {out}")


def _form(args: argparse.Namespace) -> int:
    return _written(args, lambda c, unit, passphrase: c.form_pdf(
        unit, passphrase, datetime.now().astimezone()),
        "已写出“{unit}”的单位数字证书登记表：{out}。请打印、签名、盖章后交县里登记。",
        "Wrote {unit}'s registration form: {out}. Print, sign and seal it for the county.")


def _written(args: argparse.Namespace, content: Callable[[Certificates, int, str], bytes],
             zh: str, en: str) -> int:
    """Write what ``content`` makes of the unit's certificate to --out, and say so."""
    from meetingdesk.services.records import write_atomically

    desk, certificates, unit, passphrase, _ = _township(args)
    try:
        done = certificates.current(unit, passphrase)
        write_atomically(args.out, content(certificates, unit, passphrase))
    finally:
        desk.close()
    _say(args, zh.format(unit=done.unit, out=args.out), en.format(unit=done.unit, out=args.out))
    _shown_certificate(args, done.sha256, done.not_after.isoformat())
    return 0


CERT = {"request": _request, "import": _import, "export": _export, "form": _form}
