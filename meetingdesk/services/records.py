"""The filed record: the unit's signing certificate, the PDF, the filing package, and checking
them. One API for the record page of the GUI and the `export` / `verify` commands.

Export takes the log as it is stored, replays it through the rules core and renders exactly that
log, so the PDF, its fingerprint and the package's events.json always agree. Marking the meeting
filed (备案) is an entry of the log: when asked for, it is recorded first, so the filed record's
fingerprint covers it and a later export of the filed meeting gives the same fingerprint.
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy import select

from meetingdesk.domain import DomainError, Event, Meeting
from meetingdesk.meeting_list import MeetingRow
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.errors import RecordError
from meetingdesk.record.minutes import AttachedFile, Minutes
from meetingdesk.record.package import Attachment, build_package, sha256
from meetingdesk.record.pdf import render_minutes
from meetingdesk.store import StoreError
from meetingdesk.store import models as m

from .desk import Desk

if TYPE_CHECKING:  # checking imports pyHanko: only when used
    from meetingdesk.record.trust import Trust
    from meetingdesk.record.verify import Verdict

SIGNING_REASON = "会议纪实备案"


@dataclass(frozen=True)
class Exported:
    fingerprint: str
    signed: bool
    filed: bool
    certificate_sha256: str = ""  # the signing certificate's, to register with the county


class Records:
    """The record side of one open database. Signing and checking (pyHanko, cryptography and
    their HTTP client) are imported when first used: showing the record needs neither, and
    importing them took most of the record page's opening time."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    # ---- the unit certificate ---------------------------------------------------------------

    def has_certificate(self, unit_id: int) -> bool:
        return self.certificate_file(unit_id) is not None

    def create_certificate(self, unit_id: int, passphrase: str) -> None:
        """A new self-made certificate for the unit, its key protected by ``passphrase``; it
        replaces any earlier one for new signatures (earlier ones are kept)."""
        from meetingdesk.record.signing import create_unit_certificate
        self.store_certificate(unit_id, create_unit_certificate(self.unit_name(unit_id),
                                                                 passphrase))

    def import_certificate(self, unit_id: int, p12: bytes, passphrase: str) -> None:
        """A PKCS#12 file (e.g. from a CA); refused unless ``passphrase`` opens it."""
        from meetingdesk.record.signing import load_p12
        load_p12(p12, passphrase)
        self.store_certificate(unit_id, p12)

    def store_certificate(self, unit_id: int, p12: bytes) -> None:
        """``p12`` signs the unit's new records from now on (earlier files are kept)."""
        with self.desk.db.session(write=True) as session:
            session.add(m.Certificate(unit_id=unit_id, p12=p12))

    def certificate_file(self, unit_id: int) -> bytes | None:
        """The unit's PKCS#12 that signs new records (the latest stored), if any."""
        with self.desk.db.session() as session:
            return session.scalar(select(m.Certificate.p12).where(m.Certificate.unit_id == unit_id)
                                  .order_by(m.Certificate.id.desc()).limit(1))

    def unit_name(self, unit_id: int) -> str:
        with self.desk.db.session() as session:
            unit = session.get(m.Unit, unit_id)
            if unit is None:
                raise DomainError("BAD_VALUE", field="单位", field_en="unit", value=unit_id)
            return unit.name

    # ---- the record -------------------------------------------------------------------------

    def minutes(self, meeting_id: int) -> Minutes:
        """The record as it stands now (for a preview: any meeting whose log has started)."""
        events = self._events(meeting_id)
        return minutes_from_meeting(Meeting.replay(events), events[-1].hash,
                                    self._attached(meeting_id))

    def preview_pdf(self, meeting_id: int) -> bytes:
        """The record's PDF, unsigned: to look at and to print for wet-ink signing."""
        return render_minutes(self.minutes(meeting_id))

    def export(self, meeting_id: int, *, pdf_path: Path | None = None,
               package_path: Path | None = None, passphrase: str | None = None,
               mark_filed: bool = False) -> Exported:
        """Write the filed record of a closed meeting: the PDF, the filing package or both,
        signed with the unit certificate when the unit has one (then ``passphrase`` is needed).
        With ``mark_filed`` the meeting is first marked filed (备案) in its log."""
        info = self.desk.meeting_info(meeting_id)
        if info.cancellation is not None:  # no record: the notice that accounts for its number
            return self._export_notice(info, passphrase, pdf_path, package_path)
        state = self.desk.meeting(meeting_id)
        if state.phase != "closed":
            raise DomainError("NOT_CLOSED", action="导出备案记录", action_en="export the filed record")
        p12 = self.certificate_file(info.unit_id)
        if p12 is not None:
            from meetingdesk.record.signing import load_p12
            if not passphrase:
                raise RecordError("PASSPHRASE_REQUIRED")
            load_p12(p12, passphrase)  # refuse a wrong passphrase before anything is recorded
        files = self._attachment_files(meeting_id)
        if not (mark_filed and not state.filed):
            return self._write(meeting_id, info, p12, passphrase, files, pdf_path, package_path)
        filed = self.desk.mark_filed(meeting_id,
                                     note="导出备案包" if package_path else "导出备案记录")
        try:
            return self._write(meeting_id, info, p12, passphrase, files, pdf_path, package_path)
        except (RecordError, StoreError) as error:  # say that the filing was recorded
            raise RecordError("FILED_NOT_EXPORTED", seq=filed.seq, detail=error.message_zh,
                              detail_en=error.message_en) from error

    def _write(self, meeting_id: int, info: MeetingRow, p12: bytes | None,
               passphrase: str | None, files: list[Attachment], pdf_path: Path | None,
               package_path: Path | None) -> Exported:
        """Render the record of the log as stored (PDF/A-3, the log inside), sign it and write
        the files asked for."""
        events = self._events(meeting_id)
        state = Meeting.replay(events)
        attached = tuple(AttachedFile(f.name, sha256(f.data)) for f in files)
        from meetingdesk.record.pdfa import archival_pdf  # pyHanko: see the class docstring
        pdf = archival_pdf(render_minutes(minutes_from_meeting(state, events[-1].hash, attached)),
                           events, state)
        pdf, certificate = self._signed(pdf, p12, passphrase, info.unit_name)
        if pdf_path is not None:
            write_atomically(pdf_path, pdf)
        if package_path is not None:
            assert state.rules is not None
            followup = self.desk.unit_log_events(info.unit_id, "followup")  # as it stands now
            write_atomically(package_path, build_package(pdf, events, state, files,
                                                         self.desk.clock(), followup=followup))
        return Exported(events[-1].hash, p12 is not None, state.filed, certificate)

    @staticmethod
    def _signed(pdf: bytes, p12: bytes | None, passphrase: str | None, unit_name: str
                ) -> tuple[bytes, str]:
        """``pdf`` signed with the unit certificate, if there is one, and the certificate's
        SHA-256 ("" when unsigned)."""
        if p12 is None or not passphrase:
            return pdf, ""
        from meetingdesk.record.signing import load_p12, sign_pdf
        from meetingdesk.record.trust import certificate_sha256
        return (sign_pdf(pdf, p12, passphrase, reason=SIGNING_REASON, location=unit_name),
                certificate_sha256(load_p12(p12, passphrase).signing_cert.dump()))

    def _export_notice(self, info: MeetingRow, passphrase: str | None, pdf_path: Path | None,
                       package_path: Path | None) -> Exported:
        """A cancelled meeting's notice (取消会议说明), signed like a record, as a PDF and/or a
        package of kind "cancellation" (record/notice.py)."""
        from meetingdesk.record.notice import Cancellation, build_notice_package, render_notice

        assert info.cancellation is not None
        p12 = self.certificate_file(info.unit_id)
        if p12 is not None and not passphrase:
            raise RecordError("PASSPHRASE_REQUIRED")
        notice = Cancellation(
            uid=info.uid, unit=info.unit_name, meeting_type=info.type_code,
            meeting_type_name=info.type_name, year=info.year, number=info.number,
            title=info.title, planned_at=info.scheduled_at, reason=info.cancellation.reason,
            cancelled_by=info.cancellation.by, cancelled_at=info.cancellation.at)
        pdf, certificate = self._signed(render_notice(notice), p12, passphrase, info.unit_name)
        if pdf_path is not None:
            write_atomically(pdf_path, pdf)
        if package_path is not None:
            write_atomically(package_path, build_notice_package(pdf, notice, self.desk.clock()))
        return Exported(notice.fingerprint, p12 is not None, False, certificate)

    def _events(self, meeting_id: int) -> list[Event]:
        self.desk.meeting_info(meeting_id)  # an unknown meeting is refused in words
        events = self.desk.events(meeting_id)
        if not events:
            raise DomainError("NOT_STARTED")
        return events

    def _attached(self, meeting_id: int) -> tuple[AttachedFile, ...]:
        return tuple(AttachedFile(a.filename, a.sha256)
                     for a in self.desk.attachments(meeting_id))

    def _attachment_files(self, meeting_id: int) -> list[Attachment]:
        """The items' material files as stored, each checked against its registered SHA-256."""
        out = []
        for row in self.desk.attachments(meeting_id):
            try:
                data = Path(row.stored_path).read_bytes()
            except OSError as exc:
                raise RecordError("ATTACHMENT_UNREADABLE", name=row.filename,
                                  detail=exc.strerror or str(exc)) from exc
            if sha256(data) != row.sha256:
                raise RecordError("ATTACHMENT_CHANGED", name=row.filename)
            out.append(Attachment(row.filename, data))
        return out

    # ---- checking -----------------------------------------------------------------------------

    def verify(self, fp: BinaryIO, trust: Trust | None = None) -> Verdict:
        """verify_file, with a bare PDF compared to this database's log of its meeting."""
        from meetingdesk.record.trust import Trust
        from meetingdesk.record.verify import MAX_PDF_BYTES, record_facts, verify_file

        trust = trust or Trust()
        is_pdf = fp.read(5) == b"%PDF-"
        fp.seek(0)
        facts = record_facts(fp.read(MAX_PDF_BYTES)) if is_pdf else None
        fp.seek(0)
        if facts is None:
            return verify_file(fp, trust=trust)
        with self.desk.db.session() as session:
            meeting_id = session.scalar(select(m.Meeting.id).where(
                m.Meeting.uid == facts.meeting_uid))
        if meeting_id is None:
            verdict = verify_file(fp, trust=trust)
            verdict.add("authenticity", False, "数据库中没有这次会议的记录",
                        "this meeting's log is not in the database")
            return verdict
        return verify_file(fp, self.desk.events(meeting_id), trust)


# Why a file cannot be opened, in the user's words: the system's own message is English on
# most systems.
OS_REASONS = {errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
              errno.EACCES: ("没有权限", "permission denied"),
              errno.EISDIR: ("这是一个文件夹", "it is a folder"),
              errno.ENOSPC: ("磁盘已满", "the disk is full"),
              errno.EROFS: ("磁盘为只读", "the disk is read-only")}


def _os_reason(exc: OSError, doing_zh: str) -> dict[str, str]:
    zh, en = OS_REASONS.get(exc.errno or 0, (doing_zh, exc.strerror or str(exc)))
    return {"detail": zh, "detail_en": en}


def open_file(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, or why not."""
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise RecordError("FILE_UNREADABLE", path=str(path), **_os_reason(exc, "读取失败")) from exc


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise RecordError("FILE_UNWRITABLE", path=str(path), **_os_reason(exc, "写入失败")) from exc
