"""`meetingdesk verify` against damaged, hostile and forged files (issue 9): every input gets a
verdict in the user's words and an exit code (0 valid, 1 not valid, 2 unreadable, 3 intact but
the signer unconfirmed), never a traceback; the filing package's archival manifest and SM3
digests; old packages; the 四性 report; a GBK console.

Most runs call cli.main in-process (fast); a few are real subprocesses (the console encoding,
the zip bomb's time and memory)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from meetingdesk import cli
from meetingdesk.record.package import build_package
from meetingdesk.record.signing import create_unit_certificate, sign_pdf
from meetingdesk.record.trust import Trust
from meetingdesk.record.verify import verify_bytes
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from package_forge import bomb, parts, refit, write
from test_export_package import PASSPHRASE, TZ, briefed_meeting

DATA = Path(__file__).parent / "data"
UNIT = "东湖镇党委"
# What a library says in English; none of it may reach the user.
LIBRARY_WORDS = ("Traceback", "Error", "EOF marker", "File is not a zip file", "Bad CRC",
                 "zlib", "Overlapped", "object", "xref", "内部错误")


@dataclass
class Filed:
    folder: Path
    package: Path
    pdf: Path
    certificate: str  # SHA-256 of the unit's signing certificate, as export printed it


@pytest.fixture(scope="module")
def filed(tmp_path_factory) -> Filed:
    """A closed meeting whose recorder and chair signed, then a correction voided both and
    only the chair signed again; exported signed, as a PDF and a package."""
    folder = tmp_path_factory.mktemp("filed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEETINGDESK_DATA_DIR", str(folder / "data"))
        clock = iter(datetime(2026, 5, 6, 9, 0, tzinfo=TZ) + timedelta(minutes=k)
                     for k in range(1000))
        desk = Desk.open(f"sqlite:///{folder}/db.sqlite3", clock=lambda: next(clock))
        unit, meeting = briefed_meeting(desk, folder)
        desk.add_signature(meeting, "recorder", "刘岚")
        desk.add_signature(meeting, "chair", "王堃")
        desk.add_correction(meeting, "刘岚", "记录笔误", "议题一的通报时间应为四月。")
        desk.add_signature(meeting, "chair", "王堃")
        records = Records(desk)
        records.create_certificate(unit, PASSPHRASE)
        done = records.export(meeting, pdf_path=folder / "record.pdf",
                              package_path=folder / "record.mdpkg", passphrase=PASSPHRASE)
        desk.close()
    return Filed(folder, folder / "record.mdpkg", folder / "record.pdf", done.certificate_sha256)


def verify(*args: object) -> tuple[int, str]:
    """`meetingdesk verify ARGS` in-process: the exit code and everything printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["verify", *map(str, args)])
    return code, out.getvalue()


def assert_own_words(text: str) -> None:
    assert not [w for w in LIBRARY_WORDS if w in text], text


# ---- the package as filed, old and new -----------------------------------------------------------

def test_a_package_is_valid_only_for_a_trusted_signer(filed):
    code, out = verify(filed.package, "--trust", filed.certificate)
    assert code == 0 and out.startswith(f"验证通过：备案包 {filed.package}"), out
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", filed.pdf], capture_output=True, text=True).stdout).group(1))
    lines = out.splitlines()
    assert lines[1:5] == [f"  会议纪实：{UNIT}2026年第1次党委会", "  会议日期：2026年5月6日",
                          f"  检查页数：共 {pages} 页",
                          "  签名：记录人刘岚的签名因更正而作废，未重新签名；主持人王堃已签名"]
    assert "√ 清单所载单位、会议、日期与会议记录一致" in out
    # the record is an archival PDF, as the 四性 check reads it
    assert "√ XMP 元数据声明符合 PDF/A-3B（ISO 19005-3）" in out
    assert "√ 含 PDF/A 输出意图" in out and "早期版本" not in out
    assert f"√ 签名人已确认：签名证书是所信任的“{UNIT}”单位证书" in out
    code, out = verify(filed.package)
    assert code == 3 and out.startswith("内容完整，但签名人无法确认：备案包")
    assert "× 签名人无法确认：未提供所信任的单位证书（--trust）" in out


def test_a_version_1_package_made_before_sm3_still_verifies():
    old = DATA / "v1-package.mdpkg"
    code, out = verify(old, "--trust", DATA / "v1-unit-certificate.pem")
    assert code == 0, out
    assert "清单所列 4 个文件齐全，SHA-256 均相符" in out
    assert verify(old)[0] == 3


def test_the_archival_manifest_describes_the_record_with_sm3_and_sha256(filed):
    files = parts(filed.package)
    root = ET.fromstring(files["manifest.xml"])
    described = root.find("档案描述")
    assert {e.tag: e.text for e in described} == {
        "题名": f"{UNIT}2026年第1次党委会会议纪实", "责任者": UNIT, "日期": "2026-05-06",
        "保管期限": "永久", "文件数": "4", "记录指纹": json.loads(files["manifest.json"])["fingerprint"],
        "会议标识": json.loads(files["manifest.json"])["meeting"]["uid"]}
    listed = root.findall("文件")
    assert [f.findtext("路径") for f in listed] == [
        "record.pdf", "events.json", "rules.json", "attachments/01-安全生产通报.txt"]
    assert [f.findtext("格式") for f in listed] == [
        "application/pdf", "application/json", "application/json", "text/plain"]
    for f in listed:
        data = files[f.findtext("路径")]
        digests = {d.get("算法"): d.text for d in f.findall("摘要")}
        assert digests == {"SM3": hashlib.new("sm3", data).hexdigest(),
                           "SHA-256": hashlib.sha256(data).hexdigest()}
        assert f.findtext("大小") == str(len(data))


def test_a_classification_is_carried_where_the_unit_sets_one(filed):
    files = parts(filed.package)
    from meetingdesk.domain import Event, Meeting

    events = [Event.from_dict(d) for d in json.loads(files["events.json"])]
    package = build_package(files["record.pdf"], events, Meeting.replay(events), [],
                            datetime(2026, 5, 7, tzinfo=TZ), classification="内部")
    # The PDF lists the material file this package leaves out: the rest must still check.
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        assert ET.fromstring(zf.read("manifest.xml")).findtext("档案描述/密级") == "内部"
    verdict = verify_bytes(package, trust=Trust(fingerprints=frozenset({filed.certificate})))
    assert [f.text for f in verdict.findings if not f.ok] == ["备案包中的材料文件与 PDF 所列附件不一致"]


@pytest.mark.parametrize("change, named", [
    ({"unit": "西湖镇党委"}, "单位"),
    ({"title": "2026年第9次党委会"}, "会议名称"),
    ({"date": "2026-05-07"}, "档案描述"),
])
def test_the_manifest_must_name_the_meeting_the_log_records(filed, tmp_path, change, named):
    files = parts(filed.package)
    manifest = json.loads(files["manifest.json"])
    meeting = {**manifest["meeting"], **change}
    archival = {**manifest["archival"], **({"date": change["date"]} if "date" in change else {})}
    forged = tmp_path / "forged.mdpkg"
    write(forged, refit(files, meeting=meeting, archival=archival))
    code, out = verify(forged, "--trust", filed.certificate)
    assert code == 1 and out.startswith(f"验证未通过：清单所载与会议记录不符：{named}"), out


# ---- damaged and hostile packages ----------------------------------------------------------------

def patched(data: bytes, at: int, value: bytes) -> bytes:
    return data[:at] + value + data[at + len(value):]


def damaged(source: bytes, how: str) -> bytes:
    """``source`` damaged ``how``; record.pdf's entry in the central directory is patched for
    the flags (offset 8) and the compression method (offset 10)."""
    cd_pdf = source.rindex(b"PK\x01\x02", 0, source.rindex(b"record.pdf"))
    if how == "flipped byte in a deflated entry":
        start = source.index(b"record.pdf") + len("record.pdf") + 2000
        return patched(source, start, bytes([source[start] ^ 0x10]))
    if how == "encrypted entry":
        return patched(source, cd_pdf + 8, b"\x01\x08")
    if how == "unknown compression":
        return patched(source, cd_pdf + 10, b"\x63\x00")
    if how == "truncated":
        return source[: len(source) // 2]
    if how == "not a zip at all":
        return b"PK" + b"\0" * 100
    raise AssertionError(how)


@pytest.mark.parametrize("how, code, says", [
    ("flipped byte in a deflated entry", 2, "备案包已损坏"),
    ("encrypted entry", 2, "已加密"),
    ("unknown compression", 2, "不支持的压缩方式"),
    ("truncated", 2, "不是完好的 ZIP 文件"),
    ("not a zip at all", 2, "不是完好的 ZIP 文件"),
])
def test_a_damaged_package_is_unreadable_in_our_words(filed, tmp_path, how, code, says):
    target = tmp_path / "damaged.mdpkg"
    target.write_bytes(damaged(filed.package.read_bytes(), how))
    got, out = verify(target)
    assert got == code and out.startswith("验证未能进行：") and says in out.splitlines()[0], out
    assert "√ PDF 所载记录指纹" not in out
    assert_own_words(out)
    got, out = verify(target, "--lang", "en")
    assert got == code and out.startswith("Cannot verify: ")


def test_two_entries_of_one_name_are_refused(filed, tmp_path):
    """A forged record.pdf first and the real one after: `unzip -n` would extract the forged
    one, zipfile would read the real one; the package is refused either way."""
    files = parts(filed.package)
    forged = tmp_path / "doubled.mdpkg"
    with warnings.catch_warnings(), zipfile.ZipFile(forged, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it writes
        zf.writestr("record.pdf", b"%PDF-1.7 forged")
        for name, data in files.items():
            zf.writestr(name, data)
    code, out = verify(forged, "--trust", filed.certificate)
    assert code == 1 and "备案包中有两个同名文件“record.pdf”" in out.splitlines()[0]


@pytest.mark.parametrize("name", ["evil.exe", "attachments/../../evil.sh", "/etc/passwd",
                                  "attachments/01-x/y.txt"])
def test_an_entry_outside_the_packages_layout_is_refused(filed, tmp_path, name):
    forged = tmp_path / "extra.mdpkg"
    write(forged, {**parts(filed.package), name: b"#!/bin/sh\n"})
    code, out = verify(forged)
    assert code == 1 and "备案包中有不应有的文件" in out.splitlines()[0], out


@pytest.mark.parametrize("field, value", [
    ("parts", "record.pdf"), ("parts", [1, 2]), ("version", "2"), ("meeting", []),
    ("fingerprint", 7), ("archival", {"title": None}),
])
def test_a_manifest_of_wrong_types_is_refused_in_words(filed, tmp_path, field, value):
    files = parts(filed.package)
    manifest = json.loads(files["manifest.json"])
    manifest[field] = value
    forged = tmp_path / "types.mdpkg"
    write(forged, {**files, "manifest.json": json.dumps(manifest).encode()})
    code, out = verify(forged)
    assert code == 1 and out.startswith("验证未通过：manifest.json 格式错误"), out


def test_wrong_types_inside_a_part_entry_are_refused_in_words(filed, tmp_path):
    files = parts(filed.package)
    manifest = json.loads(files["manifest.json"])
    manifest["parts"][0]["size"] = "66655"
    forged = tmp_path / "types.mdpkg"
    write(forged, {**files, "manifest.json": json.dumps(manifest).encode()})
    code, out = verify(forged)
    assert code == 1 and "“parts[0].size”缺失或类型不符" in out.splitlines()[0]


@pytest.mark.parametrize("part", ["events.json", "rules.json", "manifest.json"])
def test_deep_nesting_in_json_is_refused_in_words(filed, tmp_path, part):
    files = parts(filed.package)
    deep = b"[" * 200_000 + b"]" * 200_000
    forged = tmp_path / "deep.mdpkg"
    write(forged, {**files, part: deep} if part == "manifest.json"
          else refit({**files, part: deep}))
    code, out = verify(forged)
    assert code == 1 and f"{part} 嵌套层次过深，无法解析" in out.splitlines()[0], out


def test_events_of_wrong_types_are_refused_in_words(filed, tmp_path):
    files = parts(filed.package)
    events = json.loads(files["events.json"])
    events[3]["payload"] = ["not", "a", "dict"]
    forged = tmp_path / "events.mdpkg"
    write(forged, refit({**files, "events.json": json.dumps(events).encode()}))
    code, out = verify(forged)
    assert code == 1 and out.startswith("验证未通过：events.json 格式错误"), out


# ---- PDFs: damaged, deep, altered, re-signed -----------------------------------------------------

@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n" + b"1 0 obj\n" + b"[" * 100_000 + b"]" * 100_000 + b"\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n",
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",  # no xref, no trailer, no %%EOF
    b"%PDF-" + b"\xff" * 1000,
])
def test_a_broken_pdf_is_unreadable_in_our_words(tmp_path, content):
    target = tmp_path / "broken.pdf"
    target.write_bytes(content)
    code, out = verify(target)
    assert code == 2 and out.startswith("验证未能进行：PDF 文件无法读取"), out
    assert_own_words(out)


def test_a_truncated_pdf_gets_no_fingerprint_line(filed, tmp_path):
    data = filed.pdf.read_bytes()
    for n, cut in enumerate((len(data) // 2, len(data) - 10)):
        target = tmp_path / f"cut{n}.pdf"
        target.write_bytes(data[:cut])
        code, out = verify(target)
        assert code in (1, 2) and "记录指纹：" not in out, out
        assert_own_words(out)


def test_an_altered_pdf_gets_no_fingerprint_line(filed, tmp_path):
    data = bytearray(filed.pdf.read_bytes())
    data[data.index(b"stream", 2000) + 40] ^= 0x01
    target = tmp_path / "altered.pdf"
    target.write_bytes(bytes(data))
    code, out = verify(target, "--trust", filed.certificate)
    assert code == 1 and out.startswith("验证未通过：数字签名与文件内容不符")
    # Nothing the altered file says is reported as found: no fingerprint, no log it carries.
    assert "√ PDF 所载记录指纹" not in out and "PDF 内嵌的" not in out
    assert "√ 数字签名" not in out


def unsigned(pdf: bytes) -> bytes:
    """The record as it was before its signature was appended (the last incremental update)."""
    return pdf[:pdf.rindex(b"%%EOF", 0, len(pdf) - len(b"%%EOF\n")) + len(b"%%EOF\n")]


@pytest.fixture(scope="module")
def mallory(filed) -> dict[str, bytes]:
    """The unit's record with its signature stripped and signed again with a self-made
    certificate: one named Mallory Forger, one named like the unit itself."""
    out = {}
    for name in ("Mallory Forger", UNIT):
        p12 = create_unit_certificate(name, "x")
        out[name] = sign_pdf(unsigned(filed.pdf.read_bytes()), p12, "x", reason="伪造",
                             location="别处")
    return out


@pytest.mark.parametrize("forger", ["Mallory Forger", UNIT])
def test_a_record_re_signed_by_anyone_else_is_never_valid(filed, mallory, tmp_path, forger):
    target = tmp_path / "resigned.pdf"
    target.write_bytes(mallory[forger])
    code, out = verify(target)
    assert code == 3 and out.startswith("内容完整，但签名人无法确认"), out
    assert f"签名证书名为“{forger}”" in out
    code, out = verify(target, "--trust", filed.certificate)
    assert code == 3 and "× 签名人无法确认：签名证书“" in out and "不是所信任的证书，也不由所信任的机构签发" in out
    # In a package whose manifests were fixed to match: the same.
    files = refit({**parts(filed.package), "record.pdf": mallory[forger]})
    package = tmp_path / "resigned.mdpkg"
    write(package, files)
    assert verify(package, "--trust", filed.certificate)[0] == 3


def test_a_trusted_certificate_of_another_unit_does_not_confirm(mallory, tmp_path):
    """Trusting Mallory's certificate (say the county's list holds it for Mallory's own unit)
    does not let it sign 东湖镇党委's record."""
    target = tmp_path / "resigned.pdf"
    target.write_bytes(mallory["Mallory Forger"])
    from pyhanko.pdf_utils.reader import PdfFileReader

    cert = PdfFileReader(io.BytesIO(mallory["Mallory Forger"])).embedded_signatures[-1].signer_cert
    code, out = verify(target, "--trust", hashlib.sha256(cert.dump()).hexdigest())
    assert code == 3 and f"签名证书属于“Mallory Forger”，而记录的单位是“{UNIT}”" in out, out


def test_a_certificate_issued_by_a_trusted_authority_confirms(filed, tmp_path):
    """The county as a certificate authority: a unit certificate it issued confirms the signer
    when the authority's certificate is trusted."""
    ca_pem, unit_p12 = county_issued(UNIT)
    (tmp_path / "county.pem").write_bytes(ca_pem)
    target = tmp_path / "signed.pdf"
    target.write_bytes(sign_pdf(unsigned(filed.pdf.read_bytes()), unit_p12, "x", reason="备案",
                                location=UNIT))
    code, out = verify(target, "--trust", tmp_path / "county.pem")
    assert code == 0, out
    code, out = verify(target, "--trust", filed.certificate)  # the unit's old self-made one
    assert code == 3


def county_issued(unit: str) -> tuple[bytes, bytes]:
    """A county CA certificate (PEM) and a unit certificate it issued (PKCS#12, passphrase x)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding,
                                                              pkcs12)
    from cryptography.x509.oid import NameOID

    now = datetime.now(TZ)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key, unit_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("某县委组织部")).issuer_name(name("某县委组织部"))
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder().subject_name(name(unit)).issuer_name(ca.subject)
            .public_key(unit_key.public_key()).serial_number(2)
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"unit", unit_key, cert, [ca],
                                                BestAvailableEncryption(b"x"))
    return ca.public_bytes(Encoding.PEM), p12


def test_a_bad_trust_value_is_explained(tmp_path):
    (tmp_path / "not.pem").write_text("hello")
    for value, says in ((tmp_path / "none.pem", "无法读取信任证书文件"),
                        (tmp_path / "not.pem", "不是证书文件（PEM 或 DER）")):
        code, out = verify(DATA / "v1-package.mdpkg", "--trust", value)
        assert code == 2 and says in out, out


# ---- zip bombs: refused fast, in little memory ---------------------------------------------------

# The peak RSS is read from /proc (VmHWM, reset by exec): getrusage's ru_maxrss would count the
# pytest process this child was forked from.
BOMB_PROBE = """
import json, re, sys, time
from meetingdesk.record.verify import verify_file
start = time.perf_counter()
with open(sys.argv[1], "rb") as fp:
    verdict = verify_file(fp)
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
print(json.dumps({"seconds": seconds, "status": verdict.status, "rss_mb": peak_kb / 1024,
                  "reason": verdict.reason.text}))
"""


@pytest.mark.parametrize("name, size, declared, says", [
    ("events.json", 1 << 30, None, "解压后过大"),  # the 1 GiB bomb
    ("attachments/01-scan.pdf", 200 << 20, None, "压缩比异常"),  # within the size limit
    ("events.json", 1 << 30, 1000, "已损坏"),  # lies about its size
])
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak RSS in /proc")
def test_a_zip_bomb_is_refused_within_a_second_and_200_mb(tmp_path, name, size, declared, says):
    target = tmp_path / "bomb.mdpkg"
    bomb(target, name, size, declared)
    done = subprocess.run([sys.executable, "-c", BOMB_PROBE, str(target)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    print(f"\n{size >> 20} MiB in {target.stat().st_size / 1e6:.1f} MB ({name}, declared "
          f"{declared or size}): {figures['seconds'] * 1000:.0f} ms, peak RSS "
          f"{figures['rss_mb']:.0f} MB (the interpreter and imports included)")
    assert figures["status"] == "unreadable" and says in figures["reason"]
    assert figures["seconds"] < 1 and figures["rss_mb"] < 200


# ---- the console and the report ----------------------------------------------------------------

def test_a_gbk_console_prints_the_verdict(filed, tmp_path):
    """A Chinese Windows console (or output redirected there) encodes in GBK: the marks are
    ones GBK has, and a character it lacks (here in the file's name) prints as '?'."""
    odd = tmp_path / "备案𠀀.mdpkg"  # U+20000 is outside GBK
    shutil.copy(filed.package, odd)
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "MEETINGDESK_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "verify", odd, "--trust",
                           filed.certificate], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    text = done.stdout.decode("gbk")
    assert text.startswith("验证通过：备案包") and "备案?.mdpkg" in text and "√ 记录链完整" in text
    with (tmp_path / "out.txt").open("wb") as redirected:  # output redirected to a file
        done = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "verify", odd],
                              stdout=redirected, stderr=subprocess.PIPE, env=env, timeout=120)
    assert done.returncode == 3 and done.stderr == b""
    text = (tmp_path / "out.txt").read_bytes().decode("gbk")
    assert text.startswith("内容完整，但签名人无法确认：备案包") and "× 签名人无法确认" in text


def test_the_help_lists_the_exit_codes():
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main(["verify", "--help"])
    for line in ("0  验证通过", "1  验证未通过", "2  无法读取", "3  内容完整，但签名人无法确认"):
        assert line in out.getvalue()


def test_the_report_sets_out_the_four_aspects(filed, tmp_path):
    report = tmp_path / "四性检测.pdf"
    code, out = verify(filed.package, "--trust", filed.certificate, "--report", report)
    assert code == 0 and f"已写出四性检查报告：{report}、{report.with_suffix('.xml')}" in out
    text = subprocess.run(["pdftotext", report, "-"], capture_output=True, text=True).stdout
    squeezed = re.sub(r"\s+", "", text)
    for heading in ("电子文件四性检测报告", "一、真实性检测", "二、完整性检测", "三、可用性检测",
                    "四、安全性检测", "检测结论验证通过", f"会议纪实{UNIT}2026年第1次党委会"):
        assert heading in squeezed, heading
    fonts = subprocess.run(["pdffonts", report], capture_output=True, text=True).stdout
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:])
    root = ET.parse(report.with_suffix(".xml")).getroot()
    assert root.find("outcome").get("status") == "valid"
    aspects = {a.get("name"): a for a in root.findall("aspect")}
    assert set(aspects) == {"authenticity", "integrity", "usability", "security"}
    assert all(f.get("ok") == "true" for a in aspects.values() for f in a)
    assert any("SM3" in t.text for t in aspects["integrity"].iter("text"))
    code, _ = verify(DATA / "v1-package.mdpkg", "--report", report)
    root = ET.parse(report.with_suffix(".xml")).getroot()
    assert code == 3 and root.find("outcome").get("exit-code") == "3"


def test_a_rule_set_differing_only_in_json_type_is_caught(filed, tmp_path):
    """Python holds True == 1; the rule set in force is compared as JSON, where they differ."""
    files = parts(filed.package)
    rules = json.loads(files["rules.json"])
    assert rules["version"] == 1
    rules["version"] = True
    forged = tmp_path / "rules.mdpkg"
    write(forged, refit({**files, "rules.json": json.dumps(rules).encode()}))
    code, out = verify(forged)
    assert code == 1 and out.startswith("验证未通过：rules.json 与记录中生效的议事规则不一致"), out


# ---- a PDF that carries its log (PDF/A-3 embedded files) ----------------------------------------

def carrying(pdf: bytes, files: dict[str, bytes] | list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """``pdf`` carrying ``files`` as its only embedded files (any it carried are dropped from
    its name tree), signed by a new certificate in the unit's name; the signed PDF and that
    certificate's SHA-256."""
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    tree = generic.ArrayObject()
    for name, data in dict(files).items() if isinstance(files, dict) else files:
        spec = embed.FileSpec(name, file_name=name, embedded_data=(
            embed.EmbeddedFileObject.from_file_data(writer, data, mime_type="application/json")))
        tree += [generic.pdf_string(name), writer.add_object(spec.as_pdf_object())]
    writer.root["/Names"] = generic.DictionaryObject({
        generic.NameObject("/EmbeddedFiles"): generic.DictionaryObject(
            {generic.NameObject("/Names"): tree})})
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    signed = sign_pdf(out.getvalue(), create_unit_certificate(UNIT, "x"), "x", reason="备案",
                      location=UNIT)
    cert = PdfFileReader(io.BytesIO(signed)).embedded_signatures[-1].signer_cert
    return signed, hashlib.sha256(cert.dump()).hexdigest()


def test_a_pdf_carrying_its_log_is_checked_against_it(filed, tmp_path):
    files = parts(filed.package)
    signed, trusted = carrying(unsigned(filed.pdf.read_bytes()),
                               {"events.json": files["events.json"],
                                "rules.json": files["rules.json"]})
    target = tmp_path / "carrying.pdf"
    target.write_bytes(signed)
    code, out = verify(target, "--trust", trusted)
    assert code == 0, out
    assert "  会议日期：2026年5月6日" in out and "主持人王堃已签名" in out
    for line in ("√ PDF 内嵌的记录链完整", "√ 按会议规则重放记录",
                 "√ PDF 的记录指纹与会议记录链的最后一条记录一致"):
        assert line in out


@pytest.mark.parametrize("change, says", [
    ("report", "PDF 的记录指纹与会议记录不符"),
    ("rules", "PDF 内嵌的 rules.json 与记录中生效的议事规则不一致"),
    ("bomb", "PDF 内嵌的 events.json 过大（上限 64 MB）"),
    ("deep", "events.json 嵌套层次过深"),
])
def test_a_pdf_carrying_a_forged_or_hostile_log_fails(filed, tmp_path, change, says):
    files = parts(filed.package)
    events, rules = files["events.json"], files["rules.json"]
    if change == "report":  # the forger edits the report and re-seals the chain
        from test_export_cli import rehashed

        log = json.loads(events)
        next(e for e in log if e["type"] == "report")["payload"]["words"] = "一季度发生一起事故。"
        events = json.dumps(rehashed(log)).encode()
    elif change == "rules":
        rules = json.dumps({**json.loads(rules), "name": "另一套规则"}).encode()
    elif change == "bomb":
        events = b" " * (65 << 20)  # compresses to about 64 KB
    else:
        events = b"[" * 100_000 + b"]" * 100_000
    signed, trusted = carrying(unsigned(filed.pdf.read_bytes()),
                               {"events.json": events, "rules.json": rules})
    target = tmp_path / "forged.pdf"
    target.write_bytes(signed)
    code, out = verify(target, "--trust", trusted)
    assert code == 1 and says in out.splitlines()[0], out


def test_files_that_cannot_be_opened_or_written_are_explained(tmp_path):
    missing = tmp_path / "none.mdpkg"
    for target, says in ((missing, f"无法读取文件“{missing}”：文件或文件夹不存在"),
                         (tmp_path, f"无法读取文件“{tmp_path}”：这是一个文件夹")):
        code, out = verify(target)
        assert code == 2 and out.strip() == says
    code, out = verify(DATA / "v1-package.mdpkg", "--report", tmp_path / "no" / "r.pdf")
    assert code == 2 and out.endswith(f"无法写入文件“{tmp_path / 'no' / 'r.pdf'}”：文件或文件夹不存在\n")
    code, out = verify(tmp_path, "--lang", "en")
    assert out.strip() == f"Cannot read '{tmp_path}': it is a folder"


def test_findings_of_the_pdf_checks_join_the_verdict_and_the_report(tmp_path):
    """pdf_checks.check_pdf returns (aspect, ok, text) findings: one call adds them, and they
    count in the outcome and appear in the report under their aspect."""
    from meetingdesk.record.report import report_xml
    from meetingdesk.record.verify import verify_file

    with (DATA / "v1-package.mdpkg").open("rb") as fp:
        verdict = verify_file(fp, trust=Trust.load([str(DATA / "v1-unit-certificate.pem")]))
    assert verdict.status == "valid"
    verdict.extend([("usability", True, "PDF 可以打开"), ("usability", False, "字体未嵌入：SimSun")])
    assert verdict.status == "invalid" and verdict.reason.text == "字体未嵌入：SimSun"
    root = ET.fromstring(report_xml(verdict, "x.mdpkg", datetime(2026, 5, 7, tzinfo=TZ)))
    usability = root.find("aspect[@name='usability']")
    found = [(f.get("ok"), f.findtext("text")) for f in usability]
    assert found[-2:] == [("true", "PDF 可以打开"), ("false", "字体未嵌入：SimSun")]
    # before them, the record PDF's own checks: it opens, and, made before records were PDF/A,
    # a note rather than a failure (old packages still verify)
    assert any(ok == "true" and text.startswith("PDF 文件可以打开，共") for ok, text in found)
    assert ("true", "本记录由早期版本生成，不是 PDF/A 归档格式（提示：不影响真实性和完整性）") in found


def test_output_cut_short_by_the_reader_is_no_traceback(filed, tmp_path):
    """`meetingdesk verify FILE | true`: the reader closes the pipe without reading."""
    reader = subprocess.Popen([sys.executable, "-m", "meetingdesk.cli", "verify", filed.package,
                               "--report", tmp_path / "r.pdf"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.close()
    assert reader.wait(timeout=120) == 2
    assert reader.stderr.read() == b""


def test_a_pdf_carrying_two_logs_is_refused(filed, tmp_path):
    files = parts(filed.package)
    signed, trusted = carrying(unsigned(filed.pdf.read_bytes()), [
        ("events.json", b"[]"), ("events.json", files["events.json"]),
        ("rules.json", files["rules.json"])])
    target = tmp_path / "two.pdf"
    target.write_bytes(signed)
    code, out = verify(target, "--trust", trusted)
    assert code == 1 and out.startswith("验证未通过：PDF 内嵌了两个名为 events.json 的文件"), out
