"""`meetingdesk export` and `meetingdesk verify`, run as a user runs them (subprocesses), on the
demo database; the results are read with independent tools: poppler (pdftotext, pdffonts,
pdfsig), pyHanko's own validator, zipfile and json."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from meetingdesk.demo import DEMO_PASSPHRASE
from meetingdesk.domain import Event, Meeting, seal
from meetingdesk.domain.words import STANCES, zh
from meetingdesk.record.build import entry_words
from meetingdesk.services import Desk
from package_forge import parts, refit, write
from test_record_pdf import body, poppler, squeeze

pytestmark = pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils is not installed")

PASS_ENV = {"DEMO_PASS": DEMO_PASSPHRASE}


def cli(data_dir: Path, *args: object, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MEETINGDESK_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run([sys.executable, "-m", "meetingdesk.cli", *map(str, args)],
                          capture_output=True, text=True, env=environment, timeout=180)


@dataclass
class Demo:
    folder: Path
    db: Path
    meeting_id: int
    pdf: Path
    package: Path
    state: Meeting
    events: list[Event]
    certificate: str  # the SHA-256 of the signing certificate, read from the PDF by pyHanko

    def run(self, *args: object, env: dict[str, str] | None = None):
        return cli(self.folder / "data", *args, "--db", self.db, env=env)

    def text(self, pdf: Path) -> tuple[list[str], str]:
        """The pages as pdftotext lays them out, and the body without head and foot."""
        pages = poppler("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
        fingerprint = re.search(r"记录指纹（SHA-256）：([0-9a-f]{64})", squeeze(pages[0])).group(1)
        header = SimpleNamespace(unit_name=self.state.header["unit"]["name"],
                                 date="2026年11月10日", fingerprint=fingerprint)
        return pages, body(pages, header)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    folder = tmp_path_factory.mktemp("export")
    db = folder / "demo.sqlite3"
    assert cli(folder / "data", "demo", "--db", db).returncode == 0
    listing = cli(folder / "data", "list", "--db", db).stdout
    meeting_id = int(next(line for line in listing.splitlines() if "已闭会" in line).split()[0])
    pdf, package = folder / "record.pdf", folder / "record.mdpkg"
    done = cli(folder / "data", "export", meeting_id, "--db", db, "--pdf", pdf, "--package",
               package, "--passphrase-env", "DEMO_PASS", env=PASS_ENV)
    assert done.returncode == 0, done.stderr
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEETINGDESK_DATA_DIR", str(folder / "data"))
        desk = Desk.open(str(db))
        state, events = desk.meeting(meeting_id), desk.events(meeting_id)
        desk.close()
    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()))
    certificate = hashlib.sha256(reader.embedded_signatures[0].signer_cert.dump()).hexdigest()
    assert f"单位证书指纹（SHA-256，供县级备案登记和 verify --trust 使用）：{certificate}" in done.stdout
    return Demo(folder, db, meeting_id, pdf, package, state, events, certificate)


def test_export_says_what_it_wrote(demo):
    out = demo.run("export", demo.meeting_id, "--pdf", demo.folder / "again.pdf",
                   "--passphrase-env", "DEMO_PASS", env=PASS_ENV).stdout
    assert "已导出 晓塘乡党委2026年第1次党委会 的备案记录" in out
    assert demo.events[-1].hash in out and "已用单位证书进行数字签名" in out


def test_every_opinion_in_speaking_order_with_stance_time_and_reason(demo):
    _, text = demo.text(demo.pdf)
    position = 0
    for item in demo.state.items.values():
        position = text.index(squeeze(item.spec.title), position)
        for s in item.speeches:
            if s.kind != "opinion":
                continue
            if s.per_candidate:  # 逐一表态: the words, then a stance on each candidate
                each = "；".join(f"对{item.spec.candidates[c.candidate - 1].name}"
                                f"{zh(STANCES, c.stance)}" for c in s.per_candidate)
                needle = squeeze(f"{s.at:%H:%M}{s.speaker}：{s.words}逐一表态：{each}。")
            else:
                needle = squeeze(f"{s.at:%H:%M}{s.speaker}（{zh(STANCES, s.stance)}）：{s.words}")
            found = text.find(needle, position)
            assert found >= 0, f"{needle} missing or out of order"
            if s.reason:
                assert text.startswith(squeeze(f"理由：{s.reason}"), found + len(needle))
            position = found + len(needle)


def test_results_deferral_and_fingerprint_on_every_page(demo):
    pages, text = demo.text(demo.pdf)
    for item in demo.state.items.values():
        for result in item.results.values():
            assert squeeze(f"表决结果：{result.text_zh}") in text
        if item.status == "deferred":
            assert squeeze(f"本议题暂缓表决。理由：{item.deferral_reason}") in text
    assert "【三重一大】" in text and "回避：赵燊（拟推荐人选系本人配偶的表妹）" in text
    head = demo.events[-1].hash
    for n, page in enumerate(pages, 1):
        assert squeeze(page).endswith(f"记录指纹（SHA-256）：{head}本纪实共{len(pages)}页"), n
        assert f"—{n}—" in squeeze(page)


def test_every_font_is_embedded(demo):
    rows = poppler("pdffonts", demo.pdf).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_pdfsig_and_pyhanko_accept_the_signature(demo):
    report = subprocess.run(["pdfsig", demo.pdf], capture_output=True, text=True).stdout
    assert "Signature is Valid" in report and "Total document signed" in report
    assert "Signer Certificate Common Name: 晓塘乡党委" in report
    reader = PdfFileReader(io.BytesIO(demo.pdf.read_bytes()))
    status = validate_pdf_signature(reader.embedded_signatures[0],
                                    ValidationContext(trust_roots=[], allow_fetching=False))
    assert status.intact and status.valid


def test_verify_accepts_the_pdf_and_the_package(demo):
    for target in (demo.pdf, demo.package):
        done = demo.run("verify", target, "--trust", demo.certificate)
        assert done.returncode == 0, done.stdout
        assert done.stdout.startswith("验证通过")
        # Without a trusted certificate the content is intact but the signer unconfirmed.
        unconfirmed = demo.run("verify", target)
        assert unconfirmed.returncode == 3, unconfirmed.stdout
        assert unconfirmed.stdout.startswith("内容完整，但签名人无法确认")
        assert " ".join(demo.certificate[i:i + 4] for i in range(0, 64, 4)) in unconfirmed.stdout
    with_db = demo.run("verify", demo.pdf, "--trust", demo.certificate)
    assert "PDF 的记录指纹与会议记录链的最后一条记录一致" in with_db.stdout
    assert "会议纪实：晓塘乡党委2026年第1次党委会" in with_db.stdout
    english = cli(demo.folder / "data", "verify", demo.package, "--lang", "en", "--trust",
                  demo.certificate)
    assert english.returncode == 0 and english.stdout.startswith("Valid filing package")
    assert "replayed through the meeting rules" in english.stdout


def test_one_changed_byte_of_the_signed_pdf_fails(demo, tmp_path):
    data = bytearray(demo.pdf.read_bytes())
    data[data.index(b"stream", 2000) + 40] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    done = cli(tmp_path, "verify", tampered)
    assert done.returncode == 1
    assert done.stdout.startswith("验证未通过：数字签名与文件内容不符")
    english = cli(tmp_path, "verify", tampered, "--lang", "en")
    assert english.returncode == 1 and "NOT valid: the signature does not match" in english.stdout


# ---- a package altered by hand -----------------------------------------------------------------

def rewrite_package(source: Path, target: Path, events: list[dict], rehash_manifest: bool) -> None:
    """Copy a package with another events.json, fixing the manifest (its hash and the
    fingerprint) or not."""
    files = parts(source)
    files["events.json"] = json.dumps(events, ensure_ascii=False).encode()
    write(target, refit(files, fingerprint=events[-1]["hash"]) if rehash_manifest else files)


def rehashed(events: list[dict]) -> list[dict]:
    """A forger's log: every event sealed again after the edit, so the chain holds."""
    out, prev = [], "0" * 64
    for d in events:
        ev = seal(d["meeting_uid"], d["seq"], d["type"], d["at"], d["member_id"], d["payload"],
                  prev)
        out.append(ev.as_dict())
        prev = ev.hash
    return out


def package_events(package: Path) -> list[dict]:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("events.json"))


def edited_opinion(events: list[dict]) -> list[dict]:
    events = json.loads(json.dumps(events))
    opinion = next(e for e in events if e["type"] == "opinion")
    opinion["payload"]["words"] = "不同意，此事须重议。"
    return events


@pytest.mark.parametrize("case, reason", [
    ("manifest", "文件 events.json 的 SHA-256 与清单不符"),
    ("chain", "事件内容与其哈希不符"),
    ("rehashed", "PDF 的记录指纹与会议记录不符"),
])
def test_one_changed_event_in_the_package_fails(demo, tmp_path, case, reason):
    events = edited_opinion(package_events(demo.package))
    if case == "rehashed":
        events = rehashed(events)
    forged = tmp_path / "forged.mdpkg"
    rewrite_package(demo.package, forged, events, rehash_manifest=case != "manifest")
    done = cli(tmp_path, "verify", forged)
    assert done.returncode == 1, done.stdout
    assert done.stdout.startswith("验证未通过：") and reason in done.stdout.splitlines()[0]


def test_a_rehashed_log_that_breaks_a_rule_fails(demo, tmp_path):
    """The chief's stance moved before everyone else's (末位表态): the chain is sealed again
    and the manifest fixed, but replaying the log through the rules refuses it."""
    events = json.loads(json.dumps(package_events(demo.package)))
    opinions = [e for e in events if e["type"] == "opinion" and e["payload"]["item_no"] == 1]
    first, chief = opinions[0], opinions[-1]
    first["member_id"], chief["member_id"] = chief["member_id"], first["member_id"]
    forged = tmp_path / "forged.mdpkg"
    rewrite_package(demo.package, forged, rehashed(events), rehash_manifest=True)
    done = cli(tmp_path, "verify", forged)
    assert done.returncode == 1
    first_line = done.stdout.splitlines()[0]
    assert f"第 {first['seq']} 条记录违反会议规则" in first_line and "末位表态" in first_line
    assert "√ 记录链完整" in done.stdout  # the chain itself holds: only the rules catch it


# ---- the secret ballot -----------------------------------------------------------------------

def test_a_secret_ballot_leaves_only_tallies(demo):
    secret = next(it for it in demo.state.items.values() if it.spec.vote_mode == "secret")
    n = secret.spec.no
    _, text = demo.text(demo.pdf)
    section = text[text.index(squeeze(secret.spec.title)):]
    ballot = section[section.index("表决方式：无记名投票"):section.index("（四）决定")]
    tally, papers = secret.tallies[1], secret.ballot_count
    assert f"计票：同意{tally.agree}票，不同意{tally.disagree}票，弃权{tally.abstain}票" in ballot
    assert (f"选票：发出{papers.issued}张，收回{papers.returned}张，有效{papers.valid}张，"
            f"废票{papers.void}张") in ballot
    assert f"监票人：{'、'.join(tally.scrutineers)}计票人：{'、'.join(tally.counters)}" in ballot
    named = set(tally.scrutineers) | set(tally.counters)
    voters = {demo.state.name(m) for m in demo.state.eligible(n)} - named
    assert [v for v in voters if v in ballot] == []
    assert "姓名" not in ballot
    events = package_events(demo.package)
    item_events = [e for e in events if e["payload"].get("item_no") == n]
    assert not [e for e in item_events if e["type"] in ("vote", "tally")]
    issued, counted = (next(e for e in item_events if e["type"] == kind)
                       for kind in ("ballots_issued", "ballots_counted"))
    assert issued["member_id"] is None and counted["member_id"] is None
    assert set(counted["payload"]) == {"item_no", "returned", "ballots"}
    assert all(set(b) <= {"marks", "void"} for b in counted["payload"]["ballots"])


# ---- corrections, filing, refusals ---------------------------------------------------------------

def test_a_correction_shows_as_such_and_voids_the_signatures(demo, tmp_path):
    db = tmp_path / "corrected.sqlite3"
    shutil.copy(demo.db, db)
    desk = Desk.open(str(db))
    signed = [f"{s.at:%H:%M}" for s in desk.meeting(demo.meeting_id).signatures]
    desk.add_correction(demo.meeting_id, "郑小玲", "记录笔误",
                        "议题一中李犇的发言应为“同意，财政所做好资金保障和绩效评价。”",
                        refers_to_seq=demo.events[20].seq)
    named = entry_words(desk.meeting(demo.meeting_id))[demo.events[20].seq]
    desk.close()
    pdf = tmp_path / "corrected.pdf"
    done = cli(tmp_path, "export", demo.meeting_id, "--db", db, "--pdf", pdf,
               "--passphrase-env", "DEMO_PASS", env=PASS_ENV)
    assert done.returncode == 0, done.stderr
    pages, text = demo.text(pdf)
    assert "更正记录【更正一】" in text
    # Named as printed (item, who, what, when), not by a log number the reader cannot find.
    assert squeeze(f"所更正：{named}") in text and "条记录" not in text
    assert "更正理由：记录笔误" in text and "财政所做好资金保障和绩效评价" in text
    assert "签名作废：此前的签名（记录人郑小玲、主持人徐颖峰）随本更正作废，须重新签名。" in text
    signature_page = squeeze(pages[-1])
    assert "记录人郑小玲" in signature_page and "主持人徐颖峰" in signature_page
    assert [t for t in signed if t in signature_page] == []  # no captured signature is shown
    # The original stays (R12), marked with the correction that concerns it.
    assert "李犇（同意）：同意，财政所做好资金保障。【见更正一】" in text
    assert cli(tmp_path, "verify", pdf, "--db", db, "--trust", demo.certificate).returncode == 0


def test_mark_filed_is_recorded_first_and_covered_by_the_fingerprint(demo, tmp_path):
    db = tmp_path / "filed.sqlite3"
    shutil.copy(demo.db, db)
    package = tmp_path / "filed.mdpkg"
    done = cli(tmp_path, "export", demo.meeting_id, "--db", db, "--package", package,
               "--mark-filed", "--passphrase-env", "DEMO_PASS", env=PASS_ENV)
    assert done.returncode == 0 and "会议状态：已备案" in done.stdout
    events = package_events(package)
    assert events[-1]["type"] == "filed" and events[-1]["hash"] in done.stdout
    assert "已备案" in cli(tmp_path, "list", "--db", db).stdout
    assert cli(tmp_path, "verify", package, "--trust", demo.certificate).returncode == 0
    again = cli(tmp_path, "export", demo.meeting_id, "--db", db, "--pdf", tmp_path / "a.pdf",
                "--mark-filed", "--passphrase-env", "DEMO_PASS", env=PASS_ENV)
    assert again.returncode == 0 and events[-1]["hash"] in again.stdout  # same fingerprint


def test_refusals_are_explained(demo, tmp_path):
    wrong = demo.run("export", demo.meeting_id, "--pdf", tmp_path / "x.pdf",
                     "--passphrase-env", "WRONG", env={"WRONG": "not-it"})
    assert wrong.returncode == 2 and "单位证书口令不正确" in wrong.stderr
    running = next(m for m in range(1, 4) if m != demo.meeting_id)
    open_meeting = demo.run("export", running, "--pdf", tmp_path / "x.pdf",
                            "--passphrase-env", "DEMO_PASS", env=PASS_ENV)
    assert open_meeting.returncode == 2 and "会议尚未闭会" in open_meeting.stderr
    english = demo.run("export", demo.meeting_id, "--pdf", tmp_path / "x.pdf", "--lang", "en")
    assert english.returncode == 2 and "--passphrase-env" in english.stderr
    assert not (tmp_path / "x.pdf").exists()
    junk = tmp_path / "junk.txt"
    junk.write_text("hello")
    assert cli(tmp_path, "verify", junk).returncode == 2  # unreadable: neither PDF nor package
