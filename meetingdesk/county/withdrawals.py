"""What a revocation does to the records on file. A certificate revoked from a date (the day its
key was known lost, often days before the county hears of it) no longer signs for its unit from
then on; whatever it signed from then on and the county had already filed stops counting: it is
kept, byte for byte, with the reason, and leaves the index's current records (completeness,
search, signals), the earlier version of the same meeting, signed before, taking its place.

When a record was signed is judged as at receipt (record/verify.signing_time): the time the
signature states, but not before the last entry of its log. A record the county received
before the revocation's date was signed before it, whatever it states; one received after it
and dated before it still counts, and is named for the county to check.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import ColumnElement, ForeignKey, exists, select
from sqlalchemy.orm import Mapped, Session, defer, mapped_column

from meetingdesk.county.models import Base, FiledMeeting, FiledPackage, UnitCertificate
from meetingdesk.county.trust import local_minute
from meetingdesk.record.trust import spaced
from meetingdesk.record.verify import check_package, signing_time
from meetingdesk.store.models import now_iso


class WithdrawnFiling(Base):
    """A filed package that no longer counts, because the certificate that signed it was
    revoked from a time at or before its signature (migration c0006)."""

    __tablename__ = "withdrawn_filings"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("filed_packages.id"), unique=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("unit_certificates.id"), index=True)
    withdrawn_at: Mapped[str] = mapped_column(default=now_iso)
    reason: Mapped[str]  # Chinese
    reason_en: Mapped[str]


def counting() -> ColumnElement[bool]:
    """A filed package that still counts: not withdrawn by a revocation of its certificate."""
    return ~exists().where(WithdrawnFiling.package_id == FiledPackage.id)


@dataclass(frozen=True)
class Affected:
    """A filed record a revocation reached: withdrawn, or still counting but to be checked."""

    unit: str
    title: str  # the meeting, as its record names it
    file_name: str
    signed_at: str  # when it was signed, as judged (the county's local time, to the minute)
    received_at: str
    restored: str = ""  # the earlier version's file that counts again, if any

    def line(self, lang: str = "zh") -> str:
        if lang == "en":
            after = (f"; the earlier version {self.restored} counts again" if self.restored
                     else "")
            return (f"{self.unit} {self.title} ({self.file_name}, signed {self.signed_at}, "
                    f"received {self.received_at[:16].replace('T', ' ')}){after}")
        after = f"；较早的版本（{self.restored}）恢复为现行记录" if self.restored else ""
        return (f"{self.unit} {self.title}（{self.file_name}，签名于 {self.signed_at}，"
                f"受理于 {self.received_at[:16].replace('T', ' ')}）{after}")


@dataclass
class Reach:
    """What a revocation did to the filed records."""

    withdrawn: list[Affected]
    to_check: list[Affected]  # received after the revocation's date, dated before it


def withdraw_signed_since(session: Session, cert: UnitCertificate) -> Reach:
    """Withdraw the filings ``cert`` signed from its revocation on; the index follows."""
    assert cert.revoked_from is not None
    since = dt.datetime.fromisoformat(cert.revoked_from)
    packages = session.scalars(
        select(FiledPackage)
        .where(FiledPackage.certificate_sha256 == cert.sha256, counting(),
               FiledPackage.unit_id == cert.unit_id)
        .options(defer(FiledPackage.data))  # read only for a package whose log is replayed
        .order_by(FiledPackage.id)).all()
    reach = Reach([], [])
    hit: list[tuple[FiledPackage, dt.datetime]] = []
    for package in packages:
        if dt.datetime.fromisoformat(package.received_at) < since:
            continue  # in the county's hands before the key was lost
        signed = _signed_at(package, since)
        if signed >= since:
            hit.append((package, signed))
        else:
            reach.to_check.append(_affected(session, cert, package, signed))
    why = (cert.revoke_reason or "未注明原因", cert.revoke_reason or "no reason given")
    for package, signed in hit:
        session.add(WithdrawnFiling(
            package_id=package.id, certificate_id=cert.id,
            reason=f"签名证书（指纹 {spaced(cert.sha256)}）已自 {local_minute(since)} 起吊销（{why[0]}），"
                   f"此记录签名于 {local_minute(signed)}，在其后，不再计入备案",
            reason_en=f"the signing certificate (fingerprint {spaced(cert.sha256)}) is revoked "
                      f"from {local_minute(since)} ({why[1]}); this record was signed after, at "
                      f"{local_minute(signed)}, and no longer counts"))
    session.flush()
    for package, signed in hit:
        restored = _give_way(session, package)
        reach.withdrawn.append(_affected(session, cert, package, signed,
                                         restored.file_name if restored else ""))
    return reach


def _signed_at(package: FiledPackage, since: dt.datetime) -> dt.datetime:
    """When the package was signed at the earliest, as the receipt judged it (its log is
    replayed only when the time its signature states is before ``since``)."""
    if package.signed_at is None:  # the receipt refuses such a signature: not expected here
        return since
    stated = dt.datetime.fromisoformat(package.signed_at)
    if stated >= since:
        return stated
    return signing_time(stated, check_package(io.BytesIO(package.data)).state) or stated


def _give_way(session: Session, package: FiledPackage) -> FiledPackage | None:
    """Take a withdrawn package's meeting out of the current records; the newest version of
    that meeting still counting, if any, becomes current again."""
    meetings = session.scalars(select(FiledMeeting).where(
        FiledMeeting.package_id == package.id)).all()
    if not any(m.current for m in meetings):
        return None  # a later version had already superseded it
    for meeting in meetings:
        meeting.current = False
    earlier = session.scalar(
        select(FiledPackage)
        .where(FiledPackage.unit_id == package.unit_id,
               FiledPackage.meeting_uid == package.meeting_uid,
               FiledPackage.id != package.id, counting())
        .order_by(FiledPackage.log_entries.desc(), FiledPackage.id.desc()).limit(1))
    if earlier is None:
        return None
    earlier.superseded_by_id = None
    for meeting in session.scalars(select(FiledMeeting).where(
            FiledMeeting.package_id == earlier.id)):
        meeting.current = True
    return earlier


def _affected(session: Session, cert: UnitCertificate, package: FiledPackage,
              signed: dt.datetime, restored: str = "") -> Affected:
    title = session.scalar(select(FiledMeeting.title).where(
        FiledMeeting.package_id == package.id)) or package.meeting_uid
    return Affected(cert.unit.name, title, package.file_name, local_minute(signed),
                    package.received_at, restored)
