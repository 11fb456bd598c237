"""Receipt (受理): packages from a folder or a USB stick, each verified in full and, in one
transaction of its own, either filed and indexed or kept apart as refused with every reason.

A package counts only if it verifies (chain, rules replayed, PDF bound to the log, parts as the
manifest lists them) and its signer is a certificate the county issued or registered for that
very unit, valid when it signed (trust.check_signer). The same bytes twice change nothing; a
later package of the same meeting whose log extends the filed one (a correction after closing)
supersedes it, and both are kept; an older version of a filed record is refused as such.
"""

from __future__ import annotations

import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from meetingdesk.county.errors import CountyError
from meetingdesk.county.index import index_meeting
from meetingdesk.county.notice import index_notice
from meetingdesk.county.models import (FiledMeeting, FiledPackage, ReceiptBatch, RefusedPackage,
                                       Unit, UnitCertificate)
from meetingdesk.county.trust import check_signer, unit_named
from meetingdesk.domain import Meeting
from meetingdesk.record.notice import KIND as NOTICE_KIND
from meetingdesk.record.notice import Cancellation
from meetingdesk.record.package import SUFFIX
from meetingdesk.record.safezip import PackageReadError, check_package_size
from meetingdesk.record.verify import (CheckedPackage, Finding, Verdict, check_package,
                                       signing_time)
from meetingdesk.store.database import Database
from meetingdesk.store.models import now_iso

PACKAGE_SUFFIXES = (SUFFIX, ".zip")
ACCEPTED, REFUSED, ALREADY = "accepted", "refused", "already"
STATUS_WORDS = {ACCEPTED: ("受理", "accepted"), REFUSED: ("拒收", "refused"),
                ALREADY: ("已受理过", "already on file")}


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
class Batch:
    id: int
    received_at: str
    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    receipt_pdf: bytes = b""

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def all_accepted(self) -> bool:
        return self.count(REFUSED) == 0


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
    # the next package is read and verified (CPU) while this one is written (mostly waiting
    # on the database); they are filed one after another, in order, as before
    with ThreadPoolExecutor(max_workers=1) as reader:
        ahead = reader.submit(read_checked, archive, files[0]) if files else None
        for n, path in enumerate(files, 1):
            assert ahead is not None
            read = ahead.result()
            ahead = reader.submit(read_checked, archive, files[n]) if n < len(files) else None
            outcome = file_checked(archive, batch.id, read)
            batch.outcomes.append(outcome)
            if progress is not None:
                progress(n, len(files), outcome)
    batch.receipt_pdf = receipt_pdf(archive, batch)
    with archive.session(write=True) as session:
        session.get(ReceiptBatch, batch.id).receipt_pdf = batch.receipt_pdf
    return batch


@dataclass
class Read:
    """A package file as read and verified, before it is filed or refused."""

    path: Path
    data: bytes = b""
    sha256: str = ""
    checked: CheckedPackage | None = None  # None: unreadable, or already on file
    outcome: Outcome | None = None  # the outcome already known (unreadable, already on file)


def read_checked(archive: Database, path: Path) -> Read:
    """A package read and, unless its very bytes are on file already, verified."""
    try:
        check_package_size(path.stat().st_size)  # a huge file on a stick is not read in
        data = path.read_bytes()
    except PackageReadError as error:
        return Read(path, outcome=Outcome(path.name, REFUSED, reasons=[Finding(
            error.aspect, False, error.zh, error.en)]))
    except OSError as error:
        return Read(path, outcome=Outcome(path.name, REFUSED, reasons=[Finding(
            "usability", False, f"无法读取文件：{error.strerror or error}",
            f"the file cannot be read: {error.strerror or error}")]))
    sha256 = hashlib.sha256(data).hexdigest()
    with archive.session() as session:
        filed = session.scalar(select(FiledPackage).where(FiledPackage.sha256 == sha256))
        if filed is not None:
            return Read(path, data, sha256, outcome=_already(session, filed, path.name))
    return Read(path, data, sha256, check_package(io.BytesIO(data)))


def file_checked(archive: Database, batch_id: int, read: Read) -> Outcome:
    """A read package filed or refused, in one transaction."""
    if read.outcome is not None:
        return read.outcome
    checked, data, sha256, path = read.checked, read.data, read.sha256, read.path
    assert checked is not None
    with archive.session(write=True) as session:
        # the same bytes filed meanwhile (twice in one batch) are judged "already" by their log
        outcome = _judged(session, checked, path.name)
        if outcome.status == ACCEPTED:
            outcome.reasons += _revocation_note(session, outcome.unit, checked.verdict,
                                                checked.state)
            _file(session, batch_id, data, sha256, checked, outcome)
        elif outcome.status == REFUSED and session.scalar(
                select(func.count()).select_from(RefusedPackage)
                .where(RefusedPackage.sha256 == sha256)) == 0:
            session.add(RefusedPackage(
                batch_id=batch_id, sha256=sha256, data=data, file_name=path.name,
                unit_name=outcome.unit or None,
                meeting_uid=checked.verdict.meeting_uid or None,
                reasons=[{"aspect": r.aspect, "zh": r.text, "en": r.en}
                         for r in outcome.reasons]))
    return outcome


def _already(session: Session, filed: FiledPackage, file_name: str) -> Outcome:
    meeting = session.scalar(select(FiledMeeting).where(FiledMeeting.package_id == filed.id))
    unit = session.get(Unit, filed.unit_id)
    return Outcome(file_name, ALREADY, unit.name if unit else "",
                   meeting.title if meeting else "", meeting.number if meeting else None,
                   filed.fingerprint, package_id=filed.id)


def _judged(session: Session, checked: CheckedPackage, file_name: str) -> Outcome:
    """The outcome of a verified package against the registry and what is on file."""
    verdict, state, events, notice = (checked.verdict, checked.state, checked.events,
                                      checked.notice)
    header = state.header if state is not None else {}
    outcome = Outcome(file_name, REFUSED, unit=verdict.summary.unit,
                      meeting=header.get("title", verdict.summary.meeting),
                      number=header.get("number", notice.number if notice else None),
                      fingerprint=verdict.fingerprint)
    # the verifier's own signer finding says "no trust given"; the registry judges instead
    outcome.reasons = [f for f in verdict.findings if not f.ok and f is not verdict.signer]
    if verdict.certificate:
        outcome.reasons += _signer_reasons(session, outcome.unit, verdict, state)
    if not outcome.reasons and notice is not None:
        return _judged_notice(session, notice, outcome)
    if outcome.reasons or state is None or not events:
        if not outcome.reasons:
            outcome.reasons.append(Finding("usability", False, "备案包无法验证",
                                           "the package could not be verified"))
        return outcome
    header = state.header
    taken = _number_taken(session, outcome.unit, state.uid, header["meeting_type"]["code"],
                          header["year"], header.get("number"))
    if taken is not None:
        outcome.reasons.append(taken)
        return outcome
    earlier = session.scalars(_on_file(outcome.unit, state.uid).where(
        FiledPackage.superseded_by_id.is_(None))).all()
    if any(old.kind == NOTICE_KIND for old in earlier):
        outcome.reasons.append(HELD_AND_CANCELLED)
        return outcome
    for old in earlier:
        if old.fingerprint == events[-1].hash:
            outcome.status, outcome.package_id = ALREADY, old.id
            return outcome
        if old.log_entries >= len(events) or events[old.log_entries - 1].hash != old.fingerprint:
            outcome.reasons.append(_version_conflict(old, len(events)))
            return outcome
    outcome.status = ACCEPTED
    if earlier:
        outcome.reasons.append(Finding(
            "authenticity", True,
            f"更正后的记录（{len(events)} 条记录），取代已受理的较早版本（{earlier[0].log_entries} 条，"
            "仍予保存）",
            f"a corrected record ({len(events)} events) superseding the earlier version on file "
            f"({earlier[0].log_entries} events, kept)"))
    return outcome


HELD_AND_CANCELLED = Finding(
    "authenticity", False, "同一次会议既有会议记录又有取消会议说明，二者矛盾，请核实",
    "the same meeting has both a record and a cancellation notice; they contradict each other")


def _judged_notice(session: Session, notice: Cancellation, outcome: Outcome) -> Outcome:
    """A verified cancellation notice: accepted unless its meeting is already accounted for."""
    on_file = session.scalars(_on_file(notice.unit, notice.uid)).all()
    taken = _number_taken(session, notice.unit, notice.uid, notice.meeting_type, notice.year,
                          notice.number)
    if any(old.fingerprint == notice.fingerprint for old in on_file):
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
    return outcome


def _on_file(unit_name: str, uid: str) -> Select[tuple[FiledPackage]]:
    """The unit's filings of meeting ``uid``: another unit's package naming the same id
    neither supersedes nor blocks this unit's record."""
    return select(FiledPackage).join(Unit, Unit.id == FiledPackage.unit_id).where(
        Unit.name == unit_name, FiledPackage.meeting_uid == uid)


def _number_taken(session: Session, unit_name: str, uid: str, meeting_type: str, year: int,
                  number: int | None) -> Finding | None:
    """Why the number is not this meeting's to file (R11: a number accounts for one meeting,
    held or cancelled), or None."""
    if number is None:
        return None
    other = session.scalar(select(FiledMeeting).join(Unit, Unit.id == FiledMeeting.unit_id).where(
        Unit.name == unit_name, FiledMeeting.meeting_type == meeting_type,
        FiledMeeting.year == year, FiledMeeting.number == number, FiledMeeting.current,
        FiledMeeting.meeting_uid != uid).limit(1))
    if other is None:
        return None
    held = ("取消会议说明", "a cancellation notice") if other.cancelled else ("会议记录", "a record")
    return Finding(
        "authenticity", False,
        f"{year}年{other.meeting_type_name}第 {number} 次已有备案（{other.title}的{held[0]}），"
        "同一编号不能再记另一次会议，请核实",
        f"number {number} of {year}'s {other.meeting_type_name} is already on file "
        f"({held[1]} of {other.title}); one number cannot account for another meeting")


def _version_conflict(old: FiledPackage, entries: int) -> Finding:
    if entries < old.log_entries:
        return Finding(
            "authenticity", False,
            f"这是已受理记录的较早版本：已受理的版本有 {old.log_entries} 条记录，此包只有 {entries} 条",
            f"an older version of a record on file: the filed one has {old.log_entries} events, "
            f"this one {entries}")
    return Finding(
        "authenticity", False,
        f"与已受理的同一会议记录不一致：此包的记录不是在已受理版本（{old.log_entries} 条）之后续记的",
        f"differs from the record of the same meeting on file: its log does not continue the "
        f"filed version ({old.log_entries} events)")


def _signer_reasons(session: Session, unit_name: str, verdict: Verdict, state: Meeting | None
                    ) -> list[Finding]:
    check = check_signer(session, unit_name, verdict.certificate,
                         signing_time(verdict.signed_at, state))
    return [] if check.ok else [Finding("authenticity", False, check.zh, check.en)]


def _revocation_note(session: Session, unit_name: str, verdict: Verdict, state: Meeting | None
                     ) -> list[Finding]:
    """An accepted package's signer whose certificate is revoked since (the signature dates
    itself before the revocation, in the signer's word): named for the county to judge."""
    if session.scalar(select(UnitCertificate.revoked_from).where(
            UnitCertificate.sha256 == verdict.certificate_sha256)) is None:
        return []
    check = check_signer(session, unit_name, verdict.certificate,
                         signing_time(verdict.signed_at, state))
    return [Finding("authenticity", True, check.zh, check.en)]


def _file(session: Session, batch_id: int, data: bytes, sha256: str, checked: CheckedPackage,
          outcome: Outcome) -> None:
    state, events, verdict, notice = (checked.state, checked.events, checked.verdict,
                                      checked.notice)
    unit = unit_named(session, outcome.unit)
    assert unit is not None
    package = FiledPackage(
        batch_id=batch_id, sha256=sha256, data=data, file_name=outcome.file_name,
        received_at=now_iso(), unit_id=unit.id, meeting_uid=verdict.meeting_uid,
        fingerprint=verdict.fingerprint, kind="record" if notice is None else NOTICE_KIND,
        signed_at=verdict.signed_at.isoformat() if verdict.signed_at else None,
        certificate_sha256=verdict.certificate_sha256, log_entries=len(events or ()))
    session.add(package)
    session.flush()
    outcome.package_id = package.id
    if notice is not None:
        index_notice(session, package, notice)
        return
    assert state is not None
    earlier = session.scalars(select(FiledPackage).where(
        FiledPackage.meeting_uid == state.uid, FiledPackage.unit_id == unit.id,
        FiledPackage.id != package.id, FiledPackage.superseded_by_id.is_(None))).all()
    for old in earlier:
        old.superseded_by_id = package.id
        for meeting in session.scalars(select(FiledMeeting).where(
                FiledMeeting.package_id == old.id)):
            meeting.current = False
    session.flush()
    index_meeting(session, package, state)
