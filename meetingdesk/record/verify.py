"""Checking a filed record: a signed PDF on its own, or a whole filing package.

A PDF: its digital signature is valid and covers the whole file, and it carries a record
fingerprint; given the meeting's log (from a database), the fingerprint must be that log's head.
A package: every part matches the manifest's SHA-256, the event log's hash chain holds, the log
replays through the rules core (a forged log that breaks a rule is caught even when its chain
was re-hashed), the rule set is the one in force, the signed PDF's fingerprint is the log's head
and it lists exactly the attached files.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Sequence

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.domain import DomainError, Event, Meeting, verify_chain
from meetingdesk.record.package import (EVENTS_PATH, FORMAT_VERSION, PDF_PATH, RULES_PATH,
                                        PackageFormatError, read_package, sha256)
from meetingdesk.record.pdf import ATTACHMENT_KEY, FINGERPRINT_KEY, MEETING_KEY
from meetingdesk.record.signing import verify_pdf_signature


@dataclass(frozen=True)
class Finding:
    """One check and what it found, in Chinese and in English."""

    ok: bool
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class Verdict:
    """Everything checked in one file; valid when every finding is."""

    kind: str  # pdf | package | unknown
    findings: list[Finding] = field(default_factory=list)
    fingerprint: str = ""
    meeting_uid: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.findings) and all(f.ok for f in self.findings)

    def add(self, ok: bool, zh: str, en: str) -> bool:
        self.findings.append(Finding(ok, zh, en))
        return ok


@dataclass(frozen=True)
class RecordFacts:
    """What a record PDF says about itself (its document keywords, covered by the signature)."""

    fingerprint: str
    meeting_uid: str
    attachments: frozenset[str]


def verify_bytes(data: bytes, log: Sequence[Event] | None = None) -> Verdict:
    """Check a PDF (against ``log`` when given) or a filing package, told apart by content."""
    if data.startswith(b"%PDF"):
        return verify_pdf(data, log)
    if data.startswith(b"PK"):
        return verify_package(data)
    verdict = Verdict("unknown")
    verdict.add(False, "文件既不是 PDF，也不是备案包", "the file is neither a PDF nor a filing package")
    return verdict


def record_facts(pdf: bytes) -> RecordFacts | None:
    """The fingerprint, meeting and attachment hashes a record PDF carries; None if none."""
    try:
        trailer = PdfFileReader(io.BytesIO(pdf), strict=False).trailer
        keywords = str(trailer["/Info"]["/Keywords"])
    except (PdfError, ValueError, KeyError, TypeError):
        return None
    values = [k.strip() for k in keywords.split(",")]

    def after(prefix: str) -> list[str]:
        return [v[len(prefix):] for v in values if v.startswith(prefix)]

    fingerprints = after(FINGERPRINT_KEY)
    if len(fingerprints) != 1:
        return None
    uid = after(MEETING_KEY)
    return RecordFacts(fingerprints[0], uid[0] if uid else "", frozenset(after(ATTACHMENT_KEY)))


def verify_pdf(pdf: bytes, log: Sequence[Event] | None = None) -> Verdict:
    verdict = Verdict("pdf")
    facts = _pdf_findings(verdict, pdf)
    if facts is not None and log is not None:
        if _chain_holds(verdict, log, "数据库中", "the database's "):
            _matches_log(verdict, facts.fingerprint, log)
    return verdict


def _pdf_findings(verdict: Verdict, pdf: bytes) -> RecordFacts | None:
    report = verify_pdf_signature(pdf)
    if report.ok:
        when = (report.signed_at.astimezone().strftime("%Y-%m-%d %H:%M %z")
                if report.signed_at else "—")
        trust_zh = "" if report.trusted else "；证书为单位自建证书，未经第三方认证机构认证"
        trust_en = "" if report.trusted else "; a unit's own certificate, not from a trusted CA"
        verdict.add(True, f"数字签名有效，签名后文件未被改动（签名单位：{report.signer}，"
                          f"签名时间：{when}{trust_zh}）",
                    f"the digital signature is valid and the file unchanged since signing "
                    f"(signed by {report.signer} at {when}{trust_en})")
    else:
        verdict.add(False, report.problem_zh, report.problem_en)
    facts = record_facts(pdf)
    if facts is None:
        verdict.add(False, "PDF 中没有会议纪实台的记录指纹，不是会议纪实台生成的会议纪实",
                    "the PDF carries no MeetingDesk record fingerprint")
        return None
    verdict.fingerprint, verdict.meeting_uid = facts.fingerprint, facts.meeting_uid
    verdict.add(True, f"PDF 所载记录指纹：{facts.fingerprint}",
                f"record fingerprint in the PDF: {facts.fingerprint}")
    return facts


def _chain_holds(verdict: Verdict, events: Sequence[Event], where_zh: str, where_en: str) -> bool:
    if not events:
        return verdict.add(False, f"{where_zh}会议记录为空", f"{where_en}event log is empty")
    breaks = verify_chain(events)
    if breaks:
        b = breaks[0]
        return verdict.add(False, f"{where_zh}记录链在第 {b.seq} 条断开：{b.reason_zh}",
                           f"{where_en}hash chain breaks at event {b.seq}: {b.reason_en}")
    return verdict.add(True, f"{where_zh}记录链完整（共 {len(events)} 条记录）",
                       f"{where_en}hash chain holds ({len(events)} events)")


def _matches_log(verdict: Verdict, fingerprint: str, events: Sequence[Event]) -> bool:
    """The PDF's fingerprint is the log's head; or where in the log it is, if anywhere."""
    if fingerprint == events[-1].hash:
        return verdict.add(True, "PDF 的记录指纹与会议记录链的最后一条记录一致",
                           "the PDF's fingerprint is the head of the event log")
    earlier = next((e.seq for e in events if e.hash == fingerprint), None)
    if earlier is not None:
        later = len(events) - earlier
        return verdict.add(
            False, f"PDF 只反映到第 {earlier} 条记录，其后又有 {later} 条记录（如更正、签名），"
                   "不是最新的会议纪实",
            f"the PDF reflects the log up to event {earlier}; {later} later event(s) "
            "(corrections, signatures) are not in it")
    return verdict.add(False, "PDF 的记录指纹与会议记录不符：记录或 PDF 被改动",
                       "the PDF's fingerprint does not match the event log: one was altered")


def verify_package(data: bytes) -> Verdict:
    verdict = Verdict("package")
    try:
        package = read_package(data)
    except PackageFormatError as exc:
        verdict.add(False, exc.zh, exc.en)
        return verdict
    manifest, files = package.manifest, package.files
    if manifest.get("version", 0) > FORMAT_VERSION:
        verdict.add(False, "备案包由更新版本的会议纪实台生成，请升级后再验证",
                    "the package was made by a newer MeetingDesk; upgrade to verify it")
        return verdict
    if not _parts_match(verdict, manifest, files):
        return verdict
    try:
        events = [Event.from_dict(d) for d in json.loads(files[EVENTS_PATH])]
        rules = json.loads(files[RULES_PATH])
    except (KeyError, TypeError, ValueError) as exc:
        verdict.add(False, f"events.json 或 rules.json 格式错误：{exc}",
                    f"events.json or rules.json is malformed: {exc}")
        return verdict
    if not _chain_holds(verdict, events, "", ""):
        return verdict
    state = _replayed(verdict, events)
    if state is None:
        return verdict
    if state.phase != "closed":
        verdict.add(False, "记录中的会议尚未闭会，不是可备案的记录",
                    "the log's meeting is not closed: not a record to file")
    assert state.rules is not None
    if rules != state.rules.to_dict():
        verdict.add(False, "rules.json 与记录中生效的议事规则不一致",
                    "rules.json differs from the rule set in force in the log")
    if manifest.get("fingerprint") != events[-1].hash:
        verdict.add(False, "清单中的记录指纹与记录链的最后一条记录不符",
                    "the manifest's fingerprint is not the head of the event log")
    facts = _pdf_findings(verdict, files[PDF_PATH])
    if facts is None:
        return verdict
    _matches_log(verdict, facts.fingerprint, events)
    if facts.meeting_uid != events[-1].meeting_uid:
        verdict.add(False, "PDF 记录的是另一次会议", "the PDF is the record of another meeting")
    attached = {p["sha256"] for p in manifest["parts"] if p.get("role") == "attachment"}
    if attached != facts.attachments:
        verdict.add(False, "备案包中的材料文件与 PDF 所列附件不一致",
                    "the package's material files differ from those the PDF lists")
    elif attached:
        verdict.add(True, f"{len(attached)} 个材料文件与 PDF 所列附件一致",
                    f"{len(attached)} material file(s) match those the PDF lists")
    return verdict


def _parts_match(verdict: Verdict, manifest: dict, files: dict[str, bytes]) -> bool:
    """Every part the manifest lists is there with its SHA-256, and nothing else is."""
    parts = manifest.get("parts")
    if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
        return verdict.add(False, "清单格式错误：缺少文件列表", "the manifest lists no parts")
    listed = {p.get("path") for p in parts}
    for required in (PDF_PATH, EVENTS_PATH, RULES_PATH):
        if required not in listed:
            return verdict.add(False, f"清单中缺少 {required}", f"the manifest lacks {required}")
    ok = True
    for part in parts:
        path = part.get("path")
        if path not in files:
            ok = verdict.add(False, f"备案包中缺少文件 {path}", f"the package lacks {path}")
        elif sha256(files[path]) != part.get("sha256"):
            ok = verdict.add(False, f"文件 {path} 的 SHA-256 与清单不符（文件被改动）",
                             f"{path} does not match its SHA-256 in the manifest (altered)")
    for extra in sorted(set(files) - listed):
        ok = verdict.add(False, f"备案包中有清单未列出的文件 {extra}",
                         f"{extra} is in the package but not in the manifest")
    if ok:
        verdict.add(True, f"清单所列 {len(parts)} 个文件的 SHA-256 均相符",
                    f"all {len(parts)} parts match their SHA-256 in the manifest")
    return ok


def _replayed(verdict: Verdict, events: Sequence[Event]) -> Meeting | None:
    """The log replayed through the rules core; None (and why) if an entry is refused."""
    state = Meeting()
    for ev in events:
        try:
            state.handle(ev)
        except DomainError as error:
            verdict.add(False, f"第 {ev.seq} 条记录违反会议规则：{error.message_zh}",
                        f"event {ev.seq} breaks a meeting rule: {error.message_en}")
            return None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            verdict.add(False, f"第 {ev.seq} 条记录格式错误：{exc!r}",
                        f"event {ev.seq} is malformed: {exc!r}")
            return None
    verdict.add(True, "按会议规则重放记录，每一条都符合规则",
                "replayed through the meeting rules, every event is accepted")
    return state
