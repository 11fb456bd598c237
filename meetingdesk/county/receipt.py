"""Receipt (受理): packages from a folder or a USB stick, each verified in full and, in one
transaction of its own, either filed and indexed or kept apart as refused with every reason.

A package counts only if it verifies (chain, rules replayed, PDF bound to the log, parts as the
manifest lists them) and its signer is a certificate the county issued or registered for that
very unit, valid when it signed (trust.check_signer). The same bytes twice change nothing; a
later package of the same meeting whose log extends the filed one (a correction after closing)
supersedes it, and both are kept; an older version of a filed record is refused as such.

The package is parsed and its log replayed once (verify.check_package); the index is written
from that replay. Two imports at once (two windows, two scripts) judge and file one package at a
time, so the second finds the first's filing and says it is already on file. A batch stopped
midway (a fault, the database gone, Ctrl-C) rolls back the package it was filing and still
stores its 回执: what was decided, and which packages were not.
"""

from __future__ import annotations

import hashlib
import io
import logging
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.orm import Session

from meetingdesk.county.errors import CountyError
from meetingdesk.county.index import Filing, index_meeting
from meetingdesk.county.notice import index_notice
from meetingdesk.county.models import (FiledMeeting, FiledPackage, ReceiptBatch, RefusedPackage,
                                       Unit, UnitCertificate)
from meetingdesk.county.trust import check_signer
from meetingdesk.county.withdrawals import WithdrawnFiling, counting
from meetingdesk.domain import Meeting
from meetingdesk.domain.errors import CodedError
from meetingdesk.record.notice import KIND as NOTICE_KIND
from meetingdesk.record.notice import Cancellation
from meetingdesk.record.package import SUFFIX
from meetingdesk.paths import readable
from meetingdesk.record.safezip import PackageReadError, check_package_size
from meetingdesk.record.verify import CheckedPackage, Finding, Verdict, check_package, signing_time
from meetingdesk.store.database import BEGIN_OPTION, Database
from meetingdesk.store.models import now_iso

log = logging.getLogger(__name__)

PACKAGE_SUFFIXES = (SUFFIX, ".zip")
ACCEPTED, REFUSED, ALREADY = "accepted", "refused", "already"
STATUS_WORDS = {ACCEPTED: ("受理", "accepted"), REFUSED: ("拒收", "refused"),
                ALREADY: ("已受理过", "already on file")}
# PostgreSQL: the advisory lock a package is judged and filed under, as SQLite's write lock
FILING_LOCK = 0x4D44_4B31  # "MDK1"


@dataclass
class Outcome:
    """What became of one package."""

    file_name: str
    status: str  # accepted | refused | already
    unit: str = ""
    meeting: str = ""  # the meeting's title, as its record names it
    number: int | None = None
    fingerprint: str = ""
    reasons: list[Finding] = field(default_factory=list)  # why refused, or notes (superseded)
    package_id: int | None = None

    def line(self, lang: str = "zh") -> str:
        en = lang == "en"
        word = STATUS_WORDS[self.status][1 if en else 0]
        what = " ".join(x for x in (self.unit, self.meeting) if x) or self.file_name
        why = ("; " if en else "；").join(r.in_lang(lang) for r in self.reasons)
        if en:
            return f"{word}  {what}  ({self.file_name})" + (f": {why}" if why else "")
        return f"{word}  {what}  （{self.file_name}）" + (f"：{why}" if why else "")


@dataclass
class Interruption:
    """Why a batch stopped before its end, and the packages it did not decide (the one being
    received first: rolled back whole, or, stopped just after its commit, on file)."""

    zh: str
    en: str
    undecided: list[str]

    def line(self, lang: str = "zh") -> str:
        names = ", ".join(self.undecided) if lang == "en" else "、".join(self.undecided)
        if lang == "en":
            return (f"The receipt stopped ({self.en}); {len(self.undecided)} package(s) not "
                    f"decided, import them again: {names}")
        return f"受理中断（{self.zh}），{len(self.undecided)} 个备案包未处理，请重新导入：{names}"


@dataclass
class Batch:
    id: int
    received_at: str
    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    receipt_pdf: bytes = b""
    interrupted: Interruption | None = None

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def all_accepted(self) -> bool:
        return self.count(REFUSED) == 0 and self.interrupted is None


Progress = Callable[[int, int, Outcome], None]


def find_packages(paths: Iterable[str | Path]) -> list[Path]:
    """The package files among ``paths``: files as given, folders searched recursively for
    .mdpkg and .zip files (a record PDF alone is not a package)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                # a link on a stick could point anywhere on the county's machine: not followed
                found += sorted(p for p in path.rglob("*") if not p.is_symlink()
                                and p.is_file() and p.suffix.lower() in PACKAGE_SUFFIXES)
            except OSError as error:
                raise CountyError("UNREADABLE_PATH", path=str(path), why=error.strerror,
                                 why_en=error.strerror) from None
        elif path.is_file():
            found.append(path)
        else:
            raise CountyError("UNREADABLE_PATH", path=str(path), why="不存在",
                             why_en="it does not exist")
    return found


def receive(archive: Database, paths: Sequence[str | Path], progress: Progress | None = None
            ) -> Batch:
    """Receive every package found in ``paths`` as one batch, with its 回执 stored."""
    from meetingdesk.county.receipt_pdf import receipt_pdf

    files = find_packages(paths)
    with archive.session(write=True) as session:
        row = ReceiptBatch(source="\n".join(str(p) for p in paths))
        session.add(row)
        session.flush()
        batch = Batch(row.id, row.received_at, row.source)
    try:
        with archive.translated_errors(), Receiver(archive, batch.id) as receiver:
            for n, path in enumerate(files, 1):
                batch.outcomes.append(receiver.file(receiver.read(path)))
                if progress is not None:
                    progress(n, len(files), batch.outcomes[-1])
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - told on the 回执
        undecided = files[len(batch.outcomes):]
        batch.interrupted = interruption(error, [readable(p.name) for p in undecided])
    batch.receipt_pdf = receipt_pdf(archive, batch)
    with archive.session(write=True) as session:
        session.get(ReceiptBatch, batch.id).receipt_pdf = batch.receipt_pdf
    return batch


def interruption(error: BaseException, undecided: list[str]) -> Interruption:
    if isinstance(error, KeyboardInterrupt):
        return Interruption("程序被中止，如按了 Ctrl-C 或关机", "the program was stopped, by Ctrl-C "
                            "or a shutdown", undecided)
    if isinstance(error, CodedError):
        return Interruption(error.message("zh"), error.message("en"), undecided)
    log.error("the receipt stopped at %s", undecided[0] if undecided else "its end",
              exc_info=error)  # a fault of ours: its traceback, for whoever fixes it
    what = f"{type(error).__name__}: {error}"
    return Interruption(f"程序出错：{what}", f"a fault: {what}", undecided)


class Receiver:
    """Packages received on two connections held for the batch: one looks up bytes already on
    file, the other files (SQLite: its transactions take the write lock). Holding them spares a
    pool checkout and its ping a package.

    One package after another, in one thread: verifying the next one in a thread while this one
    was filed cost more CPU (the two threads take turns at the GIL, the writer after every
    reply of the database) for a wall-clock gain lost in the noise of a shared machine."""

    def __init__(self, archive: Database, batch_id: int) -> None:
        self.archive, self.batch_id = archive, batch_id
        self.held = ExitStack()

    def __enter__(self) -> Receiver:
        with ExitStack() as held:
            engine = self.archive.engine
            self.lookup = held.enter_context(engine.connect())
            if engine.dialect.name == "postgresql":  # a lone SELECT: no BEGIN, no COMMIT
                self.lookup.execution_options(isolation_level="AUTOCOMMIT")
            self.writer = held.enter_context(engine.connect()).execution_options(
                **{BEGIN_OPTION: "IMMEDIATE"})
            self.held = held.pop_all()
        return self

    def __exit__(self, *exc: object) -> None:
        self.held.close()

    def read(self, path: Path) -> Read:
        """A package read and, unless its very bytes are on file, verified."""
        name = readable(path.name)  # a GBK name from a Windows stick, not bytes a driver refuses
        try:
            check_package_size(path.stat().st_size)  # a huge file on a stick is not read in
            data = path.read_bytes()
        except PackageReadError as error:
            return Read(path, name, outcome=Outcome(name, REFUSED, reasons=[Finding(
                error.aspect, False, error.zh, error.en)]))
        except OSError as error:
            return Read(path, name, outcome=Outcome(name, REFUSED, reasons=[Finding(
                "usability", False, f"无法读取文件：{error.strerror or error}",
                f"the file cannot be read: {error.strerror or error}")]))
        sha256 = hashlib.sha256(data).hexdigest()
        with self.lookup.begin():
            already = _already(self.lookup, sha256, name)
        if already is not None:
            return Read(path, name, data, sha256, outcome=already)
        return Read(path, name, data, sha256, check_package(io.BytesIO(data)))

    def file(self, read: Read) -> Outcome:
        """A read package filed or refused, in one transaction."""
        if read.outcome is not None:
            return read.outcome
        checked, data, sha256, name = read.checked, read.data, read.sha256, read.name
        assert checked is not None
        with Session(bind=self.writer) as session, session.begin():
            one_filing_at_a_time(session)
            # the same bytes filed meanwhile (twice in one batch, or by another import) are
            # judged "already" by their log
            outcome, unit_id, earlier = _judged(session, checked, name)
            conn = session.connection()
            if outcome.status == ACCEPTED:
                assert unit_id is not None
                _file(conn, self.batch_id, data, sha256, checked, outcome, unit_id, earlier)
            elif outcome.status == REFUSED and session.scalar(
                    select(func.count()).select_from(RefusedPackage)
                    .where(RefusedPackage.sha256 == sha256)) == 0:
                conn.execute(insert(RefusedPackage), dict(
                    batch_id=self.batch_id, sha256=sha256, data=data, file_name=name,
                    unit_name=outcome.unit or None,
                    meeting_uid=checked.verdict.meeting_uid or None,
                    reasons=[{"aspect": r.aspect, "zh": r.text, "en": r.en}
                             for r in outcome.reasons]))
        return outcome


@dataclass
class Read:
    """A package file as read and verified, before it is filed or refused."""

    path: Path
    name: str  # the file's name as shown and stored
    data: bytes = b""
    sha256: str = ""
    checked: CheckedPackage | None = None  # None: unreadable, or already on file
    outcome: Outcome | None = None  # the outcome already known (unreadable, already on file)


def one_filing_at_a_time(session: Session) -> None:
    """Wait for any other import's package to be filed before this one is judged (SQLite's
    writers already wait for the write lock: BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(FILING_LOCK)))


def _already(conn: Connection, sha256: str, file_name: str) -> Outcome | None:
    """The outcome of bytes already on file, or None."""
    filed = conn.execute(
        select(FiledPackage.id, FiledPackage.fingerprint, Unit.name, FiledMeeting.title,
               FiledMeeting.number, WithdrawnFiling.reason, WithdrawnFiling.reason_en)
        .join(Unit, Unit.id == FiledPackage.unit_id)
        .outerjoin(FiledMeeting, FiledMeeting.package_id == FiledPackage.id)
        .outerjoin(WithdrawnFiling, WithdrawnFiling.package_id == FiledPackage.id)
        .where(FiledPackage.sha256 == sha256)).first()
    if filed is None:
        return None
    outcome = Outcome(file_name, ALREADY, filed.name, filed.title or "", filed.number,
                      filed.fingerprint, package_id=filed.id)
    if filed.reason is not None:  # on file, but withdrawn when its certificate was revoked
        outcome.status = REFUSED
        outcome.reasons.append(Finding("authenticity", False, filed.reason, filed.reason_en))
    return outcome


def _judged(session: Session, checked: CheckedPackage, file_name: str
            ) -> tuple[Outcome, int | None, list[int]]:
    """The outcome of a verified package against the registry and what is on file; when
    accepted, its unit's id and the filings it supersedes."""
    verdict, state, events, notice = (checked.verdict, checked.state, checked.events,
                                      checked.notice)
    header = state.header if state is not None else {}
    outcome = Outcome(file_name, REFUSED, unit=verdict.summary.unit,
                      meeting=header.get("title", verdict.summary.meeting),
                      number=header.get("number", notice.number if notice else None),
                      fingerprint=verdict.fingerprint)
    # the verifier's own signer finding says "no trust given"; the registry judges instead
    outcome.reasons = [f for f in verdict.findings if not f.ok and f is not verdict.signer]
    certificate, signer_note = None, []  # the note: a revoked certificate, signed before
    if verdict.certificate:
        certificate, finding = _signer(session, outcome.unit, verdict, state)
        if finding is not None:
            (signer_note if finding.ok else outcome.reasons).append(finding)
    if not outcome.reasons and notice is not None and certificate is not None:
        _judged_notice(session, notice, outcome, certificate.unit_id)
        if outcome.status == ACCEPTED:
            outcome.reasons += signer_note
        return outcome, certificate.unit_id, []
    if outcome.reasons or state is None or not events or certificate is None:
        if not outcome.reasons:
            outcome.reasons.append(Finding("usability", False, "备案包无法验证",
                                           "the package could not be verified"))
        return outcome, None, []
    header = state.header
    unit_id = certificate.unit_id
    taken = _number_taken(session, unit_id, state.uid, header["meeting_type"]["code"],
                          header["year"], header.get("number"))
    if taken is not None:
        outcome.reasons.append(taken)
        return outcome, None, []
    earlier = session.execute(select(
        FiledPackage.id, FiledPackage.kind, FiledPackage.fingerprint, FiledPackage.log_entries
    ).where(FiledPackage.unit_id == unit_id, FiledPackage.meeting_uid == state.uid,
            FiledPackage.superseded_by_id.is_(None), counting())).all()
    if any(old.kind == NOTICE_KIND for old in earlier):
        outcome.reasons.append(HELD_AND_CANCELLED)
        return outcome, None, []
    for old in earlier:
        if old.fingerprint == events[-1].hash:
            outcome.status, outcome.package_id = ALREADY, old.id
            return outcome, None, []
        if old.log_entries >= len(events) or events[old.log_entries - 1].hash != old.fingerprint:
            outcome.reasons.append(_version_conflict(old.log_entries, len(events)))
            return outcome, None, []
    outcome.status = ACCEPTED
    if earlier:
        outcome.reasons.append(Finding(
            "authenticity", True,
            f"更正后的记录（{len(events)} 条记录），取代已受理的较早版本（{earlier[0].log_entries} 条，"
            "仍予保存）",
            f"a corrected record ({len(events)} events) superseding the earlier version on file "
            f"({earlier[0].log_entries} events, kept)"))
    outcome.reasons += signer_note
    return outcome, unit_id, [old.id for old in earlier]


HELD_AND_CANCELLED = Finding(
    "authenticity", False, "同一次会议既有会议记录又有取消会议说明，二者矛盾，请核实",
    "the same meeting has both a record and a cancellation notice; they contradict each other")


def _judged_notice(session: Session, notice: Cancellation, outcome: Outcome, unit_id: int
                   ) -> None:
    """A verified cancellation notice: accepted unless its meeting is already accounted for."""
    on_file = session.scalars(select(FiledPackage.fingerprint).where(
        FiledPackage.unit_id == unit_id, FiledPackage.meeting_uid == notice.uid,
        counting())).all()
    taken = _number_taken(session, unit_id, notice.uid, notice.meeting_type, notice.year,
                          notice.number)
    if notice.fingerprint in on_file:
        outcome.status = ALREADY
    elif on_file:
        outcome.reasons.append(HELD_AND_CANCELLED)
    elif taken is not None:
        outcome.reasons.append(taken)
    else:
        outcome.status = ACCEPTED
        outcome.reasons.append(Finding(
            "authenticity", True, f"会议已取消，原因：{notice.reason}",
            f"the meeting was cancelled, because: {notice.reason}"))


def _number_taken(session: Session, unit_id: int, uid: str, meeting_type: str, year: int,
                  number: int | None) -> Finding | None:
    """Why the number is not this meeting's to file (R11: a number accounts for one meeting,
    held or cancelled), or None. The filings of another unit naming the same meeting id
    neither supersede nor block this unit's."""
    if number is None:
        return None
    other = session.execute(select(
        FiledMeeting.meeting_type_name, FiledMeeting.title, FiledMeeting.cancelled
    ).where(FiledMeeting.unit_id == unit_id, FiledMeeting.meeting_type == meeting_type,
            FiledMeeting.year == year, FiledMeeting.number == number, FiledMeeting.current,
            FiledMeeting.meeting_uid != uid).limit(1)).first()
    if other is None:
        return None
    held = ("取消会议说明", "a cancellation notice") if other.cancelled else ("会议记录", "a record")
    return Finding(
        "authenticity", False,
        f"{year}年{other.meeting_type_name}第 {number} 次已有备案（{other.title}的{held[0]}），"
        "同一编号不能再记另一次会议，请核实",
        f"number {number} of {year}'s {other.meeting_type_name} is already on file "
        f"({held[1]} of {other.title}); one number cannot account for another meeting")


def _version_conflict(filed_entries: int, entries: int) -> Finding:
    if entries < filed_entries:
        return Finding(
            "authenticity", False,
            f"这是已受理记录的较早版本：已受理的版本有 {filed_entries} 条记录，此包只有 {entries} 条",
            f"an older version of a record on file: the filed one has {filed_entries} events, "
            f"this one {entries}")
    return Finding(
        "authenticity", False,
        f"与已受理的同一会议记录不一致：此包的记录不是在已受理版本（{filed_entries} 条）之后续记的",
        f"differs from the record of the same meeting on file: its log does not continue the "
        f"filed version ({filed_entries} events)")


def _signer(session: Session, unit_name: str, verdict: Verdict, state: Meeting | None
            ) -> tuple[UnitCertificate | None, Finding | None]:
    """The registry's word on the signer, and the certificate when it counts. An accepted
    package's signer whose certificate is revoked since (the signature dates itself before the
    revocation, in the signer's word) is named on the 回执 for the county to judge."""
    registered = session.execute(select(UnitCertificate, Unit).join(Unit).where(
        UnitCertificate.sha256 == verdict.certificate_sha256)).first()  # the unit loaded too
    check = check_signer(session, unit_name, verdict.certificate,
                         signing_time(verdict.signed_at, state))
    if not check.ok:
        return None, Finding("authenticity", False, check.zh, check.en)
    assert registered is not None, "a signer that counts is in the registry"
    certificate = registered[0]
    return certificate, Finding("authenticity", True, check.zh, check.en) \
        if certificate.revoked_from is not None else None


def _file(conn: Connection, batch_id: int, data: bytes, sha256: str, checked: CheckedPackage,
          outcome: Outcome, unit_id: int, earlier: list[int]) -> None:
    """An accepted package stored with its index rows; the filings it supersedes marked."""
    state, events, verdict, notice = (checked.state, checked.events, checked.verdict,
                                      checked.notice)
    received_at = now_iso()
    package_id = conn.execute(insert(FiledPackage).returning(FiledPackage.id), dict(
        batch_id=batch_id, sha256=sha256, data=data, file_name=outcome.file_name,
        received_at=received_at, unit_id=unit_id, meeting_uid=verdict.meeting_uid,
        fingerprint=verdict.fingerprint, kind="record" if notice is None else NOTICE_KIND,
        signed_at=verdict.signed_at.isoformat() if verdict.signed_at else None,
        certificate_sha256=verdict.certificate_sha256, log_entries=len(events or ()),
        superseded_by_id=None)).scalar_one()
    outcome.package_id = package_id
    filing = Filing(package_id, unit_id, received_at, current=True)
    if notice is not None:
        index_notice(conn, filing, notice)
        return
    assert state is not None
    if earlier:
        conn.execute(update(FiledPackage).where(FiledPackage.id.in_(earlier))
                     .values(superseded_by_id=package_id))
        conn.execute(update(FiledMeeting).where(FiledMeeting.package_id.in_(earlier))
                     .values(current=False))
    index_meeting(conn, filing, state)
