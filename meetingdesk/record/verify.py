"""Checking a filed record: a signed PDF on its own, or a whole filing package, as an archive
checks it on receipt (四性, DA/T 70): authenticity, integrity, usability and security.

A PDF: its digital signature is valid and covers the whole file, it carries a record
fingerprint, and its signer is one the verifier trusts (trust.py); given the meeting's log (from a
database), the fingerprint must be that log's head. A package, read as hostile input
(safezip.py): every part matches the manifests' SHA-256 and SM3, nothing is missing, extra or
doubled, the event log's hash chain holds, the log replays through the rules core (a forged log
that breaks a rule is caught even when its chain was re-hashed), the rule set is the one in
force, the manifests describe the meeting the log records, the signed PDF's fingerprint is the
log's head and it lists exactly the attached files; the unit's follow-up log (督办), where the
package carries one, is checked too (verify_followup.py).

The outcome is one of four, each with its exit code: valid (0), not valid (1), unreadable (2),
and intact but the signer unconfirmed (3).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO, Iterable, NamedTuple, Sequence

from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.domain import (DomainError, Event, Meeting, RuleSet, canonical_json,
                                verify_chain)
from meetingdesk.record.embedded import EVENTS_NAME, RULES_NAME, embedded_record_files
from meetingdesk.record.pdf_checks import check_pdf
from meetingdesk.record.package import (ATTACHMENTS_DIR, EVENTS_PATH, FOLLOWUP_PATH,
                                        MANIFEST_XML_PATH, PDF_PATH, RULES_PATH, Description,
                                        Package,
                                        PackageReadError, file_format, loads, parse_manifest_xml,
                                        read_package)
from meetingdesk.record.notice import KIND as NOTICE_KIND
from meetingdesk.record.notice import Cancellation
from meetingdesk.record.notice import description as notice_description
from meetingdesk.record.pagetext import notice_pages, record_pages
from meetingdesk.record.pdf import ATTACHMENT_KEY, FINGERPRINT_KEY, MEETING_KEY
from meetingdesk.record.safezip import ATTACHMENT, KEPT_PARTS, MiB, shown
from meetingdesk.record.signing import SignatureReport, verify_pdf_signature
from meetingdesk.record.trust import Trust, certificate_sha256, spaced
from meetingdesk.record.verify_followup import FollowUpSummary, check_followup
from meetingdesk.domain.words import SIGNER_ROLES

ASPECTS = {"authenticity": ("真实性", "authenticity"), "integrity": ("完整性", "integrity"),
           "usability": ("可用性", "usability"), "security": ("安全性", "security")}
VALID, INVALID, UNREADABLE, UNCONFIRMED = "valid", "invalid", "unreadable", "unconfirmed"
EXIT_CODES = {VALID: 0, INVALID: 1, UNREADABLE: 2, UNCONFIRMED: 3}
STATUS_LABELS = {VALID: ("验证通过", "valid"), INVALID: ("验证未通过", "not valid"),
                 UNREADABLE: ("无法读取，未能验证", "unreadable, not verified"),
                 UNCONFIRMED: ("内容完整，但签名人无法确认", "content intact, signer unconfirmed")}
MAX_PDF_BYTES = KEPT_PARTS[PDF_PATH]
RECORD_SIGNERS = ("recorder", "chair")


class Finding(NamedTuple):
    """One check and what it found: its 四性 aspect, whether it passed, the text in Chinese
    and in English. The same shape as pdf_checks.PdfFinding (aspect, ok, text) plus ``en``."""

    aspect: str
    ok: bool
    text: str
    en: str = ""

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.text


@dataclass(frozen=True)
class SignerState:
    """Whether one of the record's signers (记录人, 主持人) signed on screen: signed, voided
    (signed, then a correction voided it and it was not given again) or missing."""

    role: str
    name: str
    state: str

    def label(self, lang: str) -> str:
        role = SIGNER_ROLES[self.role][1 if lang == "en" else 0]
        if lang == "en":
            return {"signed": f"{role} {self.name} signed",
                    "voided": f"{role} {self.name}'s signature was voided by a correction and "
                              "not given again",
                    "missing": f"{role} {self.name} has not signed"}[self.state]
        return {"signed": f"{role}{self.name}已签名",
                "voided": f"{role}{self.name}的签名因更正而作废，未重新签名",
                "missing": f"{role}{self.name}未签名"}[self.state]


@dataclass
class Summary:
    """What the checked file is the record of, for the reader to compare with what they hold."""

    unit: str = ""
    meeting: str = ""
    date: str = ""
    pages: int | None = None
    signers: list[SignerState] = field(default_factory=list)
    followup: FollowUpSummary | None = None  # a package's 督办 log, when it carries one


@dataclass
class Verdict:
    """Everything checked in one file, and its outcome."""

    kind: str  # pdf | package | unknown
    findings: list[Finding] = field(default_factory=list)
    fingerprint: str = ""
    meeting_uid: str = ""
    unreadable: bool = False
    signer: Finding | None = None  # the signer check, when the signature itself is valid
    certificate_sha256: str = ""
    certificate: bytes = b""  # the signing certificate (DER), for a registry to judge
    signed_at: datetime | None = None  # when the signature says it was made
    summary: Summary = field(default_factory=Summary)

    @property
    def status(self) -> str:
        if self.unreadable:
            return UNREADABLE
        failed = [f for f in self.findings if not f.ok]
        if not self.findings or any(f is not self.signer for f in failed):
            return INVALID
        return UNCONFIRMED if failed else VALID

    @property
    def ok(self) -> bool:
        return self.status == VALID

    @property
    def reason(self) -> Finding | None:
        """The failure to name first: the signer only when nothing else failed."""
        failed = [f for f in self.findings if not f.ok]
        return next((f for f in failed if f is not self.signer), failed[0] if failed else None)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def add(self, aspect: str, ok: bool, zh: str, en: str) -> bool:
        self.findings.append(Finding(aspect, ok, zh, en))
        return ok

    def extend(self, findings: Iterable[tuple[str, bool, str] | tuple[str, bool, str, str]]
               ) -> None:
        """Add findings of the same shape from another checker (the PDF's own checks, the
        follow-up log's)."""
        self.findings.extend(Finding(*f) for f in findings)

    def refuse(self, error: PackageReadError) -> Verdict:
        self.add(error.aspect, False, error.zh, error.en)
        self.unreadable = self.unreadable or not error.readable
        return self


@dataclass(frozen=True)
class RecordFacts:
    """What a record PDF says about itself (document information covered by the signature)."""

    fingerprint: str
    meeting_uid: str
    attachments: frozenset[str]
    title: str
    unit: str
    pages: int


def verify_file(fp: BinaryIO, log: Sequence[Event] | None = None, trust: Trust = Trust()
                ) -> Verdict:
    """Check a PDF (against ``log`` when given) or a filing package, told apart by content;
    ``fp`` is a seekable binary file."""
    start = fp.read(5)
    fp.seek(0)
    if start.startswith(b"%PDF"):
        data = fp.read(MAX_PDF_BYTES + 1)
        if len(data) > MAX_PDF_BYTES:
            verdict = Verdict("pdf", unreadable=True)
            verdict.add("security", False, f"PDF 文件过大（上限 {MAX_PDF_BYTES // MiB} MB）",
                        f"the PDF is too large (at most {MAX_PDF_BYTES // MiB} MB)")
            return verdict
        return verify_pdf(data, log, trust)
    if start.startswith(b"PK"):
        return verify_package(fp, trust)
    verdict = Verdict("unknown", unreadable=True)
    verdict.add("usability", False, "文件既不是 PDF，也不是备案包",
                "the file is neither a PDF nor a filing package")
    return verdict


def verify_bytes(data: bytes, log: Sequence[Event] | None = None, trust: Trust = Trust()
                 ) -> Verdict:
    return verify_file(io.BytesIO(data), log, trust)


def record_facts(pdf: bytes) -> RecordFacts | None:
    """The fingerprint, meeting and attachment hashes a record PDF carries; None if none."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        info = reader.trailer["/Info"]
        keywords, title, author = (str(info.get(k, "")) for k in ("/Keywords", "/Title", "/Author"))
        pages = int(reader.root["/Pages"]["/Count"])
    except Exception:  # noqa: BLE001 - a damaged PDF, whatever the parser trips on
        return None
    values = [k.strip() for k in keywords.split(",")]

    def after(prefix: str) -> list[str]:
        return [v[len(prefix):] for v in values if v.startswith(prefix)]

    fingerprints = after(FINGERPRINT_KEY)
    if len(fingerprints) != 1:
        return None
    uid = after(MEETING_KEY)
    return RecordFacts(fingerprints[0], uid[0] if uid else "", frozenset(after(ATTACHMENT_KEY)),
                       title, author, pages)


# ---- the PDF ------------------------------------------------------------------------------------

def verify_pdf(pdf: bytes, log: Sequence[Event] | None = None, trust: Trust = Trust()) -> Verdict:
    """A record PDF, against ``log`` when given; else, once its signature holds, against the
    log it carries embedded (PDF/A-3) if it carries one: what an altered file carries vouches
    for nothing."""
    verdict = Verdict("pdf")
    if log is not None:
        chained = _chain_holds(verdict, log, "数据库中", "the database's ")
        facts = _pdf_findings(verdict, pdf, trust, _replayed(verdict, log) if chained else None)
        if facts is not None and chained:
            _matches_log(verdict, facts.fingerprint, log)
        return verdict
    facts = _pdf_findings(verdict, pdf, trust, None)
    if facts is None:
        return verdict
    embedded, rules = _embedded_log(verdict, pdf)
    if embedded is None or not _chain_holds(verdict, embedded, "PDF 内嵌的", "the embedded "):
        return verdict
    state = _replayed(verdict, embedded)
    if state is not None and rules is not None:
        assert state.rules is not None
        if not same_rules(rules, state):
            verdict.add("authenticity", False, "PDF 内嵌的 rules.json 与记录中生效的议事规则不一致",
                        "the embedded rules.json differs from the rule set in force in the log")
    if _matches_log(verdict, facts.fingerprint, embedded) and state is not None:
        verdict.extend(record_pages(pdf, state, facts.fingerprint))
    return verdict


def _embedded_log(verdict: Verdict, pdf: bytes) -> tuple[list[Event] | None, Any]:
    """The event log and rule set the PDF carries, or (None, None) when it carries none."""
    try:
        files = embedded_record_files(pdf)
        if EVENTS_NAME not in files:
            return None, None
        events = events_from(loads(files[EVENTS_NAME], EVENTS_NAME))
        rules = loads(files[RULES_NAME], RULES_NAME) if RULES_NAME in files else None
    except PackageReadError as error:
        verdict.refuse(error)
        return None, None
    if rules is None:
        verdict.add("integrity", False, "PDF 内嵌了会议记录，却没有内嵌议事规则 rules.json",
                    "the PDF embeds the event log but not the rule set rules.json")
    return events, rules


def same_rules(rules: Any, state: Meeting) -> bool:
    """Whether a rules.json is the rule set frozen into the log: as the log wrote it, or (a
    package exported before a setting was added) the same settings with the added ones at the
    values the rules core gives them. Strictly typed both ways (true is not 1), nothing extra."""
    if canonical_json(rules) == canonical_json(state.header.get("rule_set")):
        return True
    try:
        return (isinstance(rules, dict) and set(rules) <= set(state.rules.to_dict())
                and RuleSet.from_dict(rules) == state.rules)
    except DomainError:
        return False


def _pdf_findings(verdict: Verdict, pdf: bytes, trust: Trust, state: Meeting | None
                  ) -> RecordFacts | None:
    """The signature, the signer and the fingerprint of a record PDF. Nothing the PDF says is
    reported as found unless its signature holds: a damaged or altered file vouches for
    nothing."""
    report = verify_pdf_signature(pdf, trust.certificates)
    if not report.readable:
        verdict.add("usability", False, report.problem_zh, report.problem_en)
        verdict.unreadable = verdict.kind == "pdf"
        return None
    # Opens, fonts embedded, PDF/A; no encryption, scripts or outside links (the 四性 report's
    # usability and security), leniently for a record made before records were PDF/A.
    verdict.extend(check_pdf(pdf, pdfa_required=False))
    if not report.ok:
        verdict.add("authenticity", False, report.problem_zh, report.problem_en)
        return None
    facts = record_facts(pdf)
    if facts is None:
        verdict.add("authenticity", False,
                    "PDF 中没有会议纪实台的记录指纹，不是会议纪实台生成的会议纪实",
                    "the PDF carries no MeetingDesk record fingerprint")
        return None
    when = report.signed_at.astimezone().strftime("%Y-%m-%d %H:%M %z") if report.signed_at else "—"
    verdict.certificate_sha256 = certificate_sha256(report.certificate)
    verdict.certificate, verdict.signed_at = report.certificate, report.signed_at
    verdict.add("authenticity", True,
                f"数字签名有效，签名后文件未被改动（签名证书：{report.signer}，签名时间：{when}）",
                f"the digital signature is valid and the file unchanged since signing "
                f"(certificate: {report.signer}, signed at {when})")
    unit = state.header["unit"]["name"] if state is not None else facts.unit
    _signer_confirmed(verdict, report, trust, unit, signing_time(report.signed_at, state))
    verdict.fingerprint, verdict.meeting_uid = facts.fingerprint, facts.meeting_uid
    verdict.add("authenticity", True, f"PDF 所载记录指纹：{facts.fingerprint}",
                f"record fingerprint in the PDF: {facts.fingerprint}")
    summary = verdict.summary
    summary.pages = facts.pages
    if not summary.unit:
        summary.unit = facts.unit
        summary.meeting = facts.title.removeprefix(facts.unit).removesuffix("会议纪实")
    return facts


def signing_time(stated: datetime | None, state: Meeting | None) -> datetime | None:
    """When a record's signature was made at the earliest: the time it states, but not before
    the last entry of the log it covers (a signer can set the clock back to before a
    revocation; the record it signs says it was made later)."""
    if stated is None or state is None or state.last_at is None:
        return stated
    return max(stated, state.last_at)


def _signer_confirmed(verdict: Verdict, report: SignatureReport, trust: Trust, unit: str,
                      signed_at: datetime | None) -> None:
    """Whether the signing certificate is one the verifier trusts, issued to the record's unit
    (trust.py explains the rule)."""
    fingerprint = spaced(verdict.certificate_sha256)
    if trust.judge is not None:
        ok, why_zh, why_en = trust.judge(unit, report.certificate, signed_at)
        zh = f"签名人{'已确认' if ok else '无法确认'}：{why_zh}"
        en = f"the signer is {'confirmed' if ok else 'unconfirmed'}: {why_en}"
    elif not trust.given:
        zh = (f"签名人无法确认：未提供所信任的单位证书（--trust）。签名证书名为“{report.signer}”，"
              f"证书指纹（SHA-256）：{fingerprint}，请与县级备案登记的指纹核对")
        en = (f"the signer is unconfirmed: no trusted unit certificate was given (--trust). The "
              f"certificate is named '{report.signer}', SHA-256 fingerprint {fingerprint}; "
              "compare it with the one registered with the county")
        ok = False
    elif not (trust.knows(report.certificate) or report.trusted):
        zh = (f"签名人无法确认：签名证书“{report.signer}”不是所信任的证书，也不由所信任的机构签发"
              f"（证书指纹 {fingerprint}）")
        en = (f"the signer is unconfirmed: the certificate '{report.signer}' is not a trusted "
              f"one nor issued by a trusted authority (fingerprint {fingerprint})")
        ok = False
    elif report.signer != unit:
        zh = (f"签名人无法确认：签名证书属于“{report.signer}”，而记录的单位是“{unit}”")
        en = (f"the signer is unconfirmed: the certificate is {report.signer}'s, the record is "
              f"{unit}'s")
        ok = False
    else:
        zh = f"签名人已确认：签名证书是所信任的“{unit}”单位证书（证书指纹 {fingerprint}）"
        en = (f"the signer is confirmed: the trusted certificate of {unit} "
              f"(fingerprint {fingerprint})")
        ok = True
    verdict.signer = Finding("authenticity", ok, zh, en)
    verdict.findings.append(verdict.signer)


def _chain_holds(verdict: Verdict, events: Sequence[Event], where_zh: str, where_en: str) -> bool:
    if not events:
        return verdict.add("integrity", False, f"{where_zh}会议记录为空",
                           f"{where_en}event log is empty")
    breaks = verify_chain(events)
    if breaks:
        b = breaks[0]
        return verdict.add("integrity", False, f"{where_zh}记录链在第 {b.seq} 条断开：{b.reason_zh}",
                           f"{where_en}hash chain breaks at event {b.seq}: {b.reason_en}")
    return verdict.add("integrity", True,
                       f"{where_zh}记录链完整，记录序号连续（共 {len(events)} 条记录）",
                       f"{where_en}hash chain holds, events numbered without gaps "
                       f"({len(events)} events)")


def _matches_log(verdict: Verdict, fingerprint: str, events: Sequence[Event]) -> bool:
    """The PDF's fingerprint is the log's head; or where in the log it is, if anywhere."""
    if fingerprint == events[-1].hash:
        return verdict.add("authenticity", True, "PDF 的记录指纹与会议记录链的最后一条记录一致",
                           "the PDF's fingerprint is the head of the event log")
    earlier = next((e.seq for e in events if e.hash == fingerprint), None)
    if earlier is not None:
        later = len(events) - earlier
        return verdict.add(
            "authenticity", False,
            f"PDF 只反映到第 {earlier} 条记录，其后又有 {later} 条记录（如更正、签名），"
            "不是最新的会议纪实",
            f"the PDF reflects the log up to event {earlier}; {later} later event(s) "
            "(corrections, signatures) are not in it")
    return verdict.add("authenticity", False, "PDF 的记录指纹与会议记录不符：记录或 PDF 被改动",
                       "the PDF's fingerprint does not match the event log: one was altered")


def _replayed(verdict: Verdict, events: Sequence[Event]) -> Meeting | None:
    """The log replayed through the rules core; None (and why) if an entry is refused. The
    summary is filled from it: unit, meeting, date and the record's signers."""
    state = Meeting()
    for ev in events:
        try:
            state.handle(ev)
        except DomainError as error:
            verdict.add("authenticity", False, f"第 {ev.seq} 条记录违反会议规则：{error.message_zh}",
                        f"event {ev.seq} breaks a meeting rule: {error.message_en}")
            return None
        except Exception:  # noqa: BLE001 - a forged entry the rules core cannot even read
            verdict.add("integrity", False, f"第 {ev.seq} 条记录的内容格式错误，无法按会议规则重放",
                        f"event {ev.seq} is malformed and cannot be replayed through the rules")
            return None
    verdict.add("authenticity", True, "按会议规则重放记录，每一条都符合规则",
                "replayed through the meeting rules, every event is accepted")
    _summarise(verdict.summary, state)
    return state


def _summarise(summary: Summary, state: Meeting) -> None:
    header = state.header
    summary.unit, summary.meeting = header["unit"]["name"], header["title"]
    opened = state.opened_at or state.started_at
    summary.date = f"{opened.year}年{opened.month}月{opened.day}日" if opened else ""
    names = {"recorder": header.get("recorder", ""), "chair": state.name(state.chair_id)
             if state.chair_id is not None else ""}
    summary.signers = []
    for role in RECORD_SIGNERS:
        signed = [s for s in state.signatures if s.role == role]
        voided = [s for s in state.voided_signatures if s.role == role]
        name = (signed or voided)[-1].name if signed or voided else names[role]
        summary.signers.append(SignerState(role, name, "signed" if signed
                                           else "voided" if voided else "missing"))


# ---- the package --------------------------------------------------------------------------------

def verify_package(fp: BinaryIO, trust: Trust = Trust()) -> Verdict:
    return check_package(fp, trust).verdict


@dataclass
class CheckedPackage:
    """A package's verdict with what was read on the way: the log and the meeting it replays
    to (None where the check stopped before), for an archive to index what it accepts."""

    verdict: Verdict
    events: list[Event] | None = None
    state: Meeting | None = None
    manifest: dict[str, Any] | None = None
    notice: Cancellation | None = None  # a cancelled meeting's notice, instead of a record


def check_package(fp: BinaryIO, trust: Trust = Trust()) -> CheckedPackage:
    """verify_package, keeping the log and the replayed meeting."""
    verdict = Verdict("package")
    checked = CheckedPackage(verdict)
    try:
        package = read_package(fp)
    except PackageReadError as error:
        verdict.refuse(error)
        return checked
    verdict.add("security", True,
                f"备案包没有加密或未知压缩方式的文件，大小和压缩比均在限度内"
                f"（共 {len(package.entries) + 1} 个文件）",
                f"no entry is encrypted or uses an unknown compression; sizes and ratios are "
                f"within bounds ({len(package.entries) + 1} entries)")
    if package.manifest.get("kind") == NOTICE_KIND:
        checked.manifest, checked.notice = package.manifest, _checked_notice(verdict, package,
                                                                            trust)
        return checked
    try:
        if not _parts_match(verdict, package):
            return checked
        events = events_from(loads(package.data(EVENTS_PATH), EVENTS_PATH))
        rules = loads(package.data(RULES_PATH), RULES_PATH)
        xml = parse_manifest_xml(package.data(MANIFEST_XML_PATH)) if package.version >= 2 \
            else None
        followup = events_from(loads(package.data(FOLLOWUP_PATH), FOLLOWUP_PATH), FOLLOWUP_PATH) \
            if FOLLOWUP_PATH in package.entries else None
    except PackageReadError as error:
        verdict.refuse(error)
        return checked
    checked.events, checked.manifest = events, package.manifest
    if not _chain_holds(verdict, events, "", ""):
        return checked
    state = checked.state = _replayed(verdict, events)
    if state is None:
        return checked
    if state.phase != "closed":
        verdict.add("authenticity", False, "记录中的会议尚未闭会，不是可备案的记录",
                    "the log's meeting is not closed: not a record to file")
    assert state.rules is not None
    if not same_rules(rules, state):
        verdict.add("authenticity", False, "rules.json 与记录中生效的议事规则不一致",
                    "rules.json differs from the rule set in force in the log")
    if package.manifest["fingerprint"] != events[-1].hash:
        verdict.add("integrity", False, "清单中的记录指纹与记录链的最后一条记录不符",
                    "the manifest's fingerprint is not the head of the event log")
    if package.manifest["events"] != len(events):
        verdict.add("integrity", False, "清单所载记录条数与 events.json 不符",
                    "the manifest's event count differs from events.json")
    _describes_the_log(verdict, package, state, xml)
    if followup is not None:
        found, verdict.summary.followup = check_followup(followup, state)
        verdict.extend(found)
    facts = _pdf_findings(verdict, package.data(PDF_PATH), trust, state)
    if facts is None:
        return checked
    _matches_log(verdict, facts.fingerprint, events)
    verdict.extend(record_pages(package.data(PDF_PATH), state, events[-1].hash,
                                package.manifest["parts"]))
    if facts.meeting_uid != events[-1].meeting_uid:
        verdict.add("authenticity", False, "PDF 记录的是另一次会议",
                    "the PDF is the record of another meeting")
    unit, title = state.header["unit"]["name"], state.header["title"]
    if (facts.unit, facts.title) != (unit, f"{unit}{title}会议纪实"):
        # the fingerprint binds the log, not what the page says: the PDF could name anyone
        verdict.add("authenticity", False,
                    f"PDF 所载单位和会议（{facts.title or facts.unit}）与会议记录（{unit}{title}）不符",
                    f"the PDF names another unit or meeting ({facts.title or facts.unit}) than "
                    f"the log ({unit} {title})")
    attached = {p["sha256"] for p in package.manifest["parts"] if p["role"] == "attachment"}
    if attached != facts.attachments:
        verdict.add("authenticity", False, "备案包中的材料文件与 PDF 所列附件不一致",
                    "the package's material files differ from those the PDF lists")
    elif attached:
        verdict.add("authenticity", True, f"{len(attached)} 个材料文件与 PDF 所列附件一致",
                    f"{len(attached)} material file(s) match those the PDF lists")
    return checked


def events_from(raw: Any, name: str = EVENTS_PATH) -> list[Event]:
    """A log's JSON (events.json, followup.json) as events, every field of the type the chain
    and the rules expect."""
    fields = {"meeting_uid": str, "seq": int, "type": str, "at": str, "payload": dict,
              "prev_hash": str, "hash": str}
    if isinstance(raw, list):
        events = []
        for d in raw:
            if not (isinstance(d, dict) and all(isinstance(d.get(k), t) and not isinstance(
                    d.get(k), bool) for k, t in fields.items())
                    and (d.get("member_id") is None or type(d.get("member_id")) is int)):
                break
            events.append(Event.from_dict(d))
        else:
            return events
    raise PackageReadError(f"{name} 格式错误：不是会议纪实台的记录列表，或记录字段缺失、类型不符",
                           f"{name} is malformed: not a list of MeetingDesk events, or a "
                           "field is missing or of the wrong type", readable=True)


def _parts_match(verdict: Verdict, package: Package,
                 required_parts: tuple[str, ...] = (PDF_PATH, EVENTS_PATH, RULES_PATH)) -> bool:
    """Every part the manifest lists is there with its size, SHA-256 and (from version 2)
    SM3, nothing else is, and the material files are numbered 01, 02, ... in order."""
    parts = package.manifest["parts"]
    paths = [p["path"] for p in parts]
    if len(set(paths)) != len(paths):
        return verdict.add("integrity", False, "清单中同一文件列出了两次",
                           "the manifest lists the same part twice")
    for required in required_parts:
        if required not in paths:
            return verdict.add("integrity", False, f"清单中缺少 {required}",
                               f"the manifest lacks {required}")
    v2 = package.version >= 2
    present = set(package.entries) - ({MANIFEST_XML_PATH} if v2 else set())
    ok = True
    if v2 and MANIFEST_XML_PATH not in package.entries:
        ok = verdict.add("integrity", False, "备案包中缺少档案清单 manifest.xml",
                         "the package lacks its archival manifest manifest.xml")
    for part in parts:
        path = part["path"]
        entry = package.entries.get(path)
        if not _described(part, v2):
            ok = verdict.add("integrity", False, f"清单对文件 {shown(path)} 的描述（类别、名称、格式）有误",
                             f"the manifest describes {shown(path)} wrongly (role, name, format)")
        elif entry is None:
            ok = verdict.add("integrity", False, f"备案包中缺少文件 {shown(path)}",
                             f"the package lacks {shown(path)}")
        elif entry.size != part["size"] or entry.sha256 != part["sha256"]:
            ok = verdict.add("integrity", False, f"文件 {path} 的 SHA-256 与清单不符（文件被改动）",
                             f"{path} does not match its SHA-256 in the manifest (altered)")
        elif v2 and entry.sm3 != part["sm3"]:
            ok = verdict.add("integrity", False, f"文件 {path} 的 SM3 摘要与清单不符（文件被改动）",
                             f"{path} does not match its SM3 digest in the manifest (altered)")
    for extra in sorted(present - set(paths)):
        ok = verdict.add("integrity", False, f"备案包中有清单未列出的文件 {extra}",
                         f"{extra} is in the package but not in the manifest")
    numbers = [int(m.group(1)) for p in paths if (m := ATTACHMENT.fullmatch(p))]
    if numbers != list(range(1, len(numbers) + 1)) or any(
            p.startswith(ATTACHMENTS_DIR) and not ATTACHMENT.fullmatch(p) for p in paths):
        ok = verdict.add("integrity", False, "材料文件的编号不连续或不按顺序",
                         "the material files are not numbered 01, 02, ... in order")
    if ok:
        digests = "SHA-256 和 SM3 摘要" if v2 else "SHA-256 "
        verdict.add("integrity", True,
                    f"清单所列 {len(parts)} 个文件齐全，{digests}均相符，没有多余或重复的文件，"
                    "材料文件编号连续",
                    f"all {len(parts)} parts are present and match their "
                    f"{'SHA-256 and SM3 digests' if v2 else 'SHA-256'}; nothing extra or "
                    "doubled; material files numbered in order")
    return ok


def _checked_notice(verdict: Verdict, package: Package, trust: Trust) -> Cancellation | None:
    """A cancelled meeting's notice (notice.py): its one part, the facts its manifest states,
    their fingerprint printed in the signed PDF, and the PDF naming the same meeting."""
    notice = Cancellation.from_dict(package.manifest.get("cancellation"))
    if not _parts_match(verdict, package, (PDF_PATH,)):
        return None
    if notice is None or package.version < 2 or package.manifest["fingerprint"] != \
            notice.fingerprint:
        verdict.add("integrity", False, "取消会议说明的清单格式错误，或所载事项与其指纹不符",
                    "the cancellation notice's manifest is malformed, or its facts do not match "
                    "its fingerprint")
        return None
    manifest = package.manifest
    try:
        xml_fields, _ = parse_manifest_xml(package.data(MANIFEST_XML_PATH))
    except PackageReadError as error:
        verdict.refuse(error)
        return None
    if (manifest["meeting"] != {"uid": notice.uid, "unit": notice.unit, "title": notice.title,
                                "date": notice.planned_on.isoformat()}
            or manifest["archival"] != notice_description(notice, len(manifest["parts"]))
            or xml_fields["fingerprint"] != notice.fingerprint or xml_fields["uid"] != notice.uid):
        verdict.add("integrity", False, "清单所载会议与取消会议说明不符",
                    "the manifest's meeting does not match the cancellation notice")
        return None
    verdict.summary.unit, verdict.summary.meeting = notice.unit, f"{notice.title}（已取消）"
    facts = _pdf_findings(verdict, package.data(PDF_PATH), trust, None)
    if facts is None:
        return None
    if facts.fingerprint != notice.fingerprint or facts.meeting_uid != notice.uid \
            or facts.unit != notice.unit:
        verdict.add("authenticity", False, "PDF 所载说明指纹或会议与清单不符",
                    "the PDF's notice fingerprint or meeting does not match the manifest")
        return None
    verdict.extend(notice_pages(package.data(PDF_PATH), notice))
    verdict.add("authenticity", True,
                f"取消会议说明：{notice.unit}{notice.title}（第 {notice.number} 次）已取消，"
                f"原因：{notice.reason}；PDF 的说明指纹与清单一致",
                f"cancellation notice: {notice.unit} {notice.title} (number {notice.number}) "
                f"was cancelled, because: {notice.reason}; the PDF's fingerprint matches")
    return notice


def _described(part: dict[str, Any], v2: bool) -> bool:
    """A part's role, original name and (from version 2) format are those of its path."""
    path, role = part["path"], part["role"]
    attachment = ATTACHMENT.fullmatch(path)
    expected = ("attachment", attachment.group(2)) if attachment else (
        {PDF_PATH: "record", EVENTS_PATH: "events", RULES_PATH: "rules",
         FOLLOWUP_PATH: "followup"}.get(path), "")
    return (role, part["name"]) == expected and (not v2 or part["format"] == file_format(path))


def _describes_the_log(verdict: Verdict, package: Package, state: Meeting,
                       xml: tuple[dict[str, str], list[dict[str, str]]] | None) -> None:
    """The manifests name the unit, meeting and date the log records; from version 2 the
    archival description (JSON and XML) is the log's, and the XML lists the same files."""
    manifest = package.manifest
    meeting = manifest["meeting"]
    header = state.header
    expected = Description.of(state, manifest.get("archival", {}).get("classification", ""))
    wrong = []
    if meeting["unit"] != expected.creator:
        wrong.append(("单位", "unit"))
    if meeting["title"] != header["title"]:
        wrong.append(("会议名称", "meeting title"))
    if meeting["uid"] != state.uid:
        wrong.append(("会议标识", "meeting id"))
    if xml is not None:
        archival = {k: v for k, v in manifest["archival"].items() if k != "file_count"}
        if meeting["date"] != expected.date or archival != expected.as_dict():
            wrong.append(("档案描述（题名、责任者、日期、保管期限）",
                          "archival description (title, creator, date, retention)"))
        if manifest["archival"]["file_count"] != len(manifest["parts"]):
            wrong.append(("文件数", "file count"))
        fields, files = xml
        xml_expected = {**{k: str(v) for k, v in manifest["archival"].items()},
                        "classification": expected.classification,
                        "fingerprint": manifest["fingerprint"], "uid": meeting["uid"],
                        "format": manifest["format"], "version": str(manifest["version"])}
        listed = [{"no": str(n), "role": p["role"], "path": p["path"], "format": p["format"],
                   "size": str(p["size"]), "sm3": p["sm3"], "sha256": p["sha256"]}
                  for n, p in enumerate(manifest["parts"], 1)]
        if fields != xml_expected or files != listed:
            wrong.append(("档案清单 manifest.xml 与 manifest.json",
                          "manifest.xml against manifest.json"))
    if wrong:
        verdict.add("integrity", False,
                    f"清单所载与会议记录不符：{'、'.join(z for z, _ in wrong)}",
                    f"the manifest does not match the event log: {', '.join(e for _, e in wrong)}")
    else:
        s = verdict.summary
        verdict.add("integrity", True,
                    f"清单所载单位、会议、日期与会议记录一致（{s.unit}{s.meeting}，{s.date}）"
                    + ("；档案清单 manifest.xml 与之相符" if xml is not None else ""),
                    "the manifest's unit, meeting and date match the event log"
                    + ("; so does the archival manifest manifest.xml" if xml is not None else ""))


def summary_lines(verdict: Verdict, lang: str) -> list[str]:
    """The record the check was about, in a few lines: unit, meeting, date, pages, signers."""
    s = verdict.summary
    en = lang == "en"
    lines = []
    if s.unit or s.meeting:
        lines.append(f"Record of: {s.unit} {s.meeting}" if en else f"会议纪实：{s.unit}{s.meeting}")
    if s.date:
        lines.append(f"Date: {s.date}" if en else f"会议日期：{s.date}")
    if s.pages is not None:
        lines.append(f"Pages checked: {s.pages}" if en else f"检查页数：共 {s.pages} 页")
    if s.signers:
        joined = ("; " if en else "；").join(x.label(lang) for x in s.signers)
        lines.append(f"Signatures: {joined}" if en else f"签名：{joined}")
    if s.followup is not None:
        lines.append(s.followup.line(lang))
    return lines


def aspect_name(aspect: str, lang: str) -> str:
    return ASPECTS[aspect][1 if lang == "en" else 0]
