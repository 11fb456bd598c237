"""The notice of a cancelled meeting (取消会议说明): `meetingdesk export` writes it as a signed
package that verify accepts and the county files to account for the meeting's number; its
facts cannot be changed without the check noticing; old packages still read as records."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import subprocess

import pytest

from county_packages import CANCEL_REASON, UNIT, new_archive, stick  # noqa: F401 (fixture)
from meetingdesk import cli
from meetingdesk.county.receipt import ACCEPTED, REFUSED, receive
from meetingdesk.domain import canonical_json
from meetingdesk.record.verify import verify_bytes
from package_forge import parts, refit, write


def test_the_notice_is_a_signed_pdf_a_saying_what_was_cancelled_and_why(stick, tmp_path):
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(parts(stick.cancelled)["record.pdf"])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    squeezed = "".join(text.split())
    assert "取消会议说明" in squeezed and UNIT in squeezed
    assert "原定于2026年6月17日09:00召开的2026年第4次党委会" in squeezed
    assert f"取消原因：{CANCEL_REASON}" in squeezed and "经办人：刘岚" in squeezed
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    signed = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert f"Signer Certificate Common Name: {UNIT}" in signed
    manifest = json.loads(parts(stick.cancelled)["manifest.json"])
    assert manifest["kind"] == "cancellation" and manifest["cancellation"]["number"] == 4


def test_verify_accepts_the_notice_and_catches_a_changed_reason(stick, tmp_path):
    verdict = verify_bytes(stick.cancelled.read_bytes())
    assert verdict.status == "unconfirmed"  # intact; no trusted certificate given
    assert any(f.ok and "取消会议说明" in f.text and CANCEL_REASON in f.text
               for f in verdict.findings)
    files = parts(stick.cancelled)
    manifest = json.loads(files["manifest.json"])
    manifest["cancellation"]["reason"] = "另有安排"
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    forged = tmp_path / "forged.mdpkg"
    write(forged, refit(files))
    assert verify_bytes(forged.read_bytes()).status == "invalid"


def test_an_old_package_without_a_kind_still_reads_as_a_record(stick):
    manifest = json.loads(parts(stick.first)["manifest.json"])
    assert "kind" not in manifest
    assert verify_bytes(stick.first.read_bytes()).status == "unconfirmed"


def test_the_county_files_the_notice_once(sqlite_url, stick):
    archive = new_archive(sqlite_url, stick.certificate)
    try:
        [filed] = receive(archive, [stick.cancelled]).outcomes
        assert filed.status == ACCEPTED and filed.number == 4
        assert f"会议已取消，原因：{CANCEL_REASON}" in filed.line()
        assert receive(archive, [stick.cancelled]).outcomes[0].status == "already"
    finally:
        archive.close()


def test_export_of_a_cancelled_meeting_writes_the_notice(stick, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGDESK_DATA_DIR", str(stick.folder.parent / "data"))
    monkeypatch.setenv("PASS", "东湖镇-2026")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["export", "4", "--db", str(stick.folder.parent / "township.sqlite3"),
                         "--package", str(tmp_path / "n.mdpkg"), "--passphrase-env", "PASS"])
    assert code == 0, out.getvalue()
    assert verify_bytes((tmp_path / "n.mdpkg").read_bytes()).status == "unconfirmed"


def forged_notice(source, target, xml: bytes | None = None, **facts: object):
    """The notice package ``source`` with its facts changed and its manifests (not its signed
    PDF) made to agree, fingerprint included: anyone can make one, no key is needed."""
    files = parts(source)
    manifest = json.loads(files["manifest.json"])
    manifest["cancellation"].update(facts)
    fingerprint = hashlib.sha256(canonical_json(manifest["cancellation"]).encode()).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    files = refit(files, fingerprint=fingerprint)
    if xml is not None:
        files["manifest.xml"] = xml
    write(target, files)
    return target


MALFORMED = {"planned time not a time": {"planned_at": "下周一"},
             "cancelled time not a time": {"cancelled_at": "昨天"},
             "number out of range": {"number": 2 ** 31},
             "manifest.xml not XML": {"xml": b"<not xml"}}


@pytest.mark.parametrize("how", MALFORMED)
def test_a_malformed_notice_is_refused_with_its_reason_and_the_stick_goes_on(
        db_url, stick, tmp_path, how):
    """Before: a planned time that is not a time, or a manifest.xml that is not XML, escaped
    the check as ValueError / PackageReadError: `verify` said 程序内部错误 and a stick's import
    stopped at that file; a number beyond PostgreSQL's integer stopped the receipt there."""
    bad = forged_notice(stick.cancelled, tmp_path / "n.mdpkg", **MALFORMED[how])
    verdict = verify_bytes(bad.read_bytes())
    assert verdict.status == "invalid"
    assert ("manifest.xml" if how.startswith("manifest") else "取消会议说明的清单格式错误") \
        in verdict.reason.text
    archive = new_archive(db_url, stick.certificate)
    try:
        batch = receive(archive, [bad, stick.first])
        assert [o.status for o in batch.outcomes] == [REFUSED, ACCEPTED]
    finally:
        archive.close()


def test_verify_command_on_a_malformed_notice_says_why(stick, tmp_path):
    bad = forged_notice(stick.cancelled, tmp_path / "n.mdpkg", planned_at="下周一")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["verify", str(bad)])
    assert code == 1
    assert out.getvalue().startswith("验证未通过：取消会议说明的清单格式错误"), out.getvalue()
