"""The county's trust registry: which signing certificates count for which unit, and when.

A package counts only if its signature was made with a certificate the county issued or
registered for that very unit, inside the certificate's validity and before any revocation.
The signing time is the one the signature itself states (a unit's laptop has no time-stamping
authority offline), so a revocation dates from when the key was known lost, and a record
signed with a revoked key and dated before it still needs the county's judgement: the receipt
names the certificate and the revocation in every such case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select
from sqlalchemy.orm import Session

from meetingdesk.county import authority
from meetingdesk.county.authority import common_name
from meetingdesk.county.errors import CountyError
from meetingdesk.county.models import Archive, Unit, UnitCertificate
from meetingdesk.domain.errors import DomainError
from meetingdesk.domain.unit_name import same_unit, unit_name
from meetingdesk.record.trust import (FINGERPRINT, Judge, certificate_sha256, load_certificates,
                                      spaced)
from meetingdesk.store.database import Database

if TYPE_CHECKING:
    from meetingdesk.county.withdrawals import Affected


class SignerCheck(NamedTuple):
    """Whether a record's signer counts for its unit, and why (Chinese, English); a tuple,
    so that it is the verifier's Judge answer as it is (record/trust.py)."""

    ok: bool
    zh: str
    en: str


def unit_named(session: Session, name: str, create: bool = False) -> Unit | None:
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None and create:
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
    return unit


def add_certificate(session: Session, unit_name: str, der: bytes, origin: str
                    ) -> UnitCertificate:
    """Record ``der`` as a certificate the county accepts for ``unit_name`` (created if new)."""
    cert = x509.load_der_x509_certificate(der)
    unit = unit_named(session, unit_name, create=True)
    assert unit is not None
    row = UnitCertificate(
        unit_id=unit.id, sha256=certificate_sha256(der), der=der, origin=origin,
        subject=common_name(cert),
        not_before=cert.not_valid_before_utc.isoformat(),
        not_after=cert.not_valid_after_utc.isoformat())
    session.add(row)
    session.flush()
    return row


def check_signer(session: Session, unit_name: str, der: bytes,
                 signed_at: dt.datetime | None) -> SignerCheck:
    """Whether a signature made with ``der`` at ``signed_at`` counts for ``unit_name``."""
    digest = certificate_sha256(der)
    shown = spaced(digest)
    row = session.scalar(select(UnitCertificate).where(UnitCertificate.sha256 == digest))
    if row is None and not _has_certificate(session, unit_name):
        return SignerCheck(
            False, f"单位“{unit_name}”未在县里登记签名证书，无法确认签名人（请先签发或登记该单位的"
                   f"证书；此包的签名证书指纹 {shown}）",
            f"the unit {unit_name} has no certificate issued or registered by the county; the "
            f"signer cannot be confirmed (issue or register the unit's certificate first; this "
            f"package's certificate fingerprint is {shown})")
    if row is None:
        return SignerCheck(
            False, f"签名证书不是县里签发或登记的证书（证书指纹 {shown}）",
            f"the signing certificate was neither issued nor registered by the county "
            f"(fingerprint {shown})")
    if row.unit.name != unit_name:
        return SignerCheck(
            False, f"签名证书登记给了“{row.unit.name}”，而记录的单位是“{unit_name}”",
            f"the signing certificate is registered to {row.unit.name}, the record is "
            f"{unit_name}'s")
    if signed_at is None:
        return SignerCheck(False, "数字签名未注明签名时间，无法判断签名时证书是否有效",
                           "the signature states no signing time: whether the certificate "
                           "was valid then cannot be told")
    when = signed_at.astimezone(dt.timezone.utc)
    if not (dt.datetime.fromisoformat(row.not_before) <= when
            <= dt.datetime.fromisoformat(row.not_after)):
        return SignerCheck(
            False, f"签名时（{local_minute(when)}）证书不在有效期内（{row.not_before[:10]} 至 "
                   f"{row.not_after[:10]}）",
            f"the certificate was not valid when it signed ({local_minute(when)}; valid "
            f"{row.not_before[:10]} to {row.not_after[:10]})")
    if row.revoked_from is not None and dt.datetime.fromisoformat(row.revoked_from) <= when:
        return SignerCheck(
            False, f"签名证书已于 {local_minute(dt.datetime.fromisoformat(row.revoked_from))} 吊销，"
                   f"签名时间 {local_minute(when)} 在其后（{row.revoke_reason or '未注明原因'}）",
            f"the signing certificate was revoked from "
            f"{local_minute(dt.datetime.fromisoformat(row.revoked_from))}; it signed at {local_minute(when)}"
            f" ({row.revoke_reason or 'no reason given'})")
    how = "县里签发" if row.origin == "issued" else "县里登记"
    zh = f"签名证书是{how}给“{unit_name}”的证书，签名时有效（证书指纹 {shown}）"
    en = (f"the certificate was {row.origin} by the county for {unit_name} and valid when it "
          f"signed (fingerprint {shown})")
    if row.revoked_from is not None:  # the signing time is the signer's word: name the revocation
        since = local_minute(dt.datetime.fromisoformat(row.revoked_from))
        zh += (f"；但该证书已自 {since} 起吊销（{row.revoke_reason or '未注明原因'}），"
               f"签名所注时间 {local_minute(when)} 在吊销之前，请核实")
        en += (f"; but the certificate is revoked from {since} "
               f"({row.revoke_reason or 'no reason given'}) and the signature says it was made "
               f"before, at {local_minute(when)}: check it")
    return SignerCheck(True, zh, en)


def judge_by(archive: Database) -> Judge:
    """check_signer against ``archive``, as the verifier's Trust.judge."""
    def judge(unit_name: str, der: bytes, signed_at: dt.datetime | None) -> SignerCheck:
        with archive.session() as session:
            return check_signer(session, unit_name, der, signed_at)
    return judge


def _has_certificate(session: Session, unit_name: str) -> bool:
    return session.scalar(select(UnitCertificate.id).join(Unit).where(
        Unit.name == unit_name).limit(1)) is not None


def local_minute(when: dt.datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


# ---- the registry: the root, issuing, registering, revoking ------------------------------------

DEFAULT_COUNTY = "县级备案"


@dataclass(frozen=True)
class Registered:
    """A unit certificate as the registry holds it (what `county certs` lists)."""

    unit: str
    sha256: str
    origin: str
    subject: str
    not_before: str
    not_after: str
    added_at: str
    revoked_from: str | None
    revoke_reason: str | None

    def status(self, now: dt.datetime) -> tuple[str, str]:
        """Valid, expired or revoked from when (and why), in Chinese and in English."""
        if self.revoked_from is not None:
            since = self.revoked_from[:16].replace("T", " ")
            why = self.revoke_reason
            return (f"自 {since} 起吊销" + (f"：{why}" if why else ""),
                    f"revoked from {since}" + (f": {why}" if why else ""))
        if dt.datetime.fromisoformat(self.not_after) < now:
            return "已过期", "expired"
        return "有效", "valid"

    @classmethod
    def of(cls, row: UnitCertificate) -> Registered:
        return cls(row.unit.name, row.sha256, row.origin, row.subject, row.not_before,
                   row.not_after, row.added_at, row.revoked_from, row.revoke_reason)


def create_root(archive: Database, name: str, passphrase: str) -> str:
    """The archive's single row with a new root for county ``name``; its SHA-256."""
    root = authority.make_root(name, passphrase)
    digest = certificate_sha256(root.certificate)
    with archive.session(write=True) as session:
        session.add(Archive(id=1, name=name, root_certificate=root.certificate,
                            root_key=root.key, root_sha256=digest))
    return digest


def root_of(session: Session) -> authority.Root:
    row = session.get(Archive, 1)
    assert row is not None  # open_archive refuses a database without it
    return authority.Root(row.root_certificate, row.root_key)


def issue_certificate(archive: Database, request: bytes, passphrase: str,
                      deliver: Callable[[bytes], None], another: bool = False) -> Registered:
    """A unit certificate issued by the root from a request file's bytes and recorded for the
    request's unit (``admitted_name``: with ``another``, also for a unit that has a valid one);
    ``deliver`` gets the chain (unit, root) as PEM before the record is committed, so that a
    certificate that could not be written out is not recorded either. Nothing is stored when
    refused."""
    csr = authority.read_request(request)
    with archive.session(write=True) as session:
        unit = admitted_name(session, common_name(csr), another)
        root = root_of(session)
        der = authority.issue(root, passphrase, csr, unit)
        row = add_certificate(session, unit, der, "issued")
        if authority.sealed_weakly(root.key):  # an archive made before the stronger KDF
            session.get(Archive, 1).root_key = authority.sealed_key(
                authority.root_key(root, passphrase), passphrase)
        deliver(authority.chain_pem(der, root.certificate))
        return Registered.of(row)


def admitted_name(session: Session, name: str, another: bool) -> str:
    """``name`` as a certificate may be issued or registered for: one that prints as what it
    is (domain/unit_name.py), not a look-alike of another unit on file, and, unless
    ``another``, a unit without a valid certificate (a second one is asked for explicitly)."""
    try:
        name = unit_name(name)
    except DomainError as error:
        raise CountyError("UNIT_NAME_REFUSED", why=error.message("zh"),
                          why_en=error.message("en")) from None
    for other in session.scalars(select(Unit.name)):
        if other != name and same_unit(other, name):
            raise CountyError("UNIT_LOOKALIKE", name=name, other=other)
    now = dt.datetime.now().astimezone()
    for row in session.scalars(select(UnitCertificate).join(Unit).where(Unit.name == name)):
        if not another and Registered.of(row).status(now)[1] == "valid":
            raise CountyError("UNIT_HAS_CERTIFICATE", unit=name, fingerprint=spaced(row.sha256),
                              origin=ORIGINS[row.origin][0], origin_en=ORIGINS[row.origin][1],
                              until=row.not_after[:10])
    return name


def read_certificate(data: bytes) -> bytes:
    """The first certificate of a PEM or DER file, as DER; BAD_CERTIFICATE otherwise."""
    try:
        return load_certificates(data)[0].public_bytes(Encoding.DER)
    except ValueError:
        raise CountyError("BAD_CERTIFICATE") from None


def register_certificate(archive: Database, der: bytes, unit_name: str,
                         another: bool = False) -> Registered:
    """A unit's own certificate registered by fingerprint after its paper form was checked:
    refused when it names another unit, is already in the registry, or is an authority's, and
    as ``admitted_name`` says."""
    cert = x509.load_der_x509_certificate(der)
    if authority.is_authority(cert):
        raise CountyError("CERT_IS_AUTHORITY", subject=common_name(cert))
    with archive.session(write=True) as session:
        known = session.scalar(select(UnitCertificate).where(
            UnitCertificate.sha256 == certificate_sha256(der)))
        if known is not None:
            raise CountyError("CERT_KNOWN", fingerprint=spaced(known.sha256),
                              unit=known.unit.name, origin=ORIGINS[known.origin][0],
                              origin_en=ORIGINS[known.origin][1])
        unit = admitted_name(session, unit_name, another)
        if common_name(cert) != unit:
            raise CountyError("CERT_OTHER_UNIT", subject=common_name(cert), unit=unit)
        return Registered.of(add_certificate(session, unit, der, "registered"))


ORIGINS = {"issued": ("县里签发", "issued"), "registered": ("县里登记", "registered")}


def revocation_time(text: str) -> dt.datetime:
    """When a revocation takes effect, as typed (2026-11-20, 2026-11-20 09:00, ISO 8601; the
    computer's time zone unless one is given); now when empty. BAD_DATETIME otherwise."""
    if not text.strip():
        return dt.datetime.now().astimezone()
    try:
        return dt.datetime.fromisoformat(text.strip()).astimezone()
    except ValueError:
        raise CountyError("BAD_DATETIME", value=text) from None


def read_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint as typed (groups, colons, either case) as 64 lowercase hex digits;
    BAD_FINGERPRINT otherwise."""
    digest = text.replace(" ", "").replace(":", "").lower()
    if not FINGERPRINT.fullmatch(digest):
        raise CountyError("BAD_FINGERPRINT", value=text)
    return digest


@dataclass(frozen=True)
class Revocation:
    """A certificate revoked, and the filed records it signed from then on, withdrawn."""

    certificate: Registered
    withdrawn: list[Affected]  # no longer counting (the earlier version, if any, counts again)
    to_check: list[Affected]  # received after the revocation's date, signed (they say) before


def revoke_certificate(archive: Database, fingerprint: str, revoked_from: dt.datetime,
                       reason: str) -> Revocation:
    """Signatures made from ``revoked_from`` on with the certificate no longer count, those
    already filed included (county/withdrawals.py)."""
    from meetingdesk.county.withdrawals import withdraw_signed_since
    digest = read_fingerprint(fingerprint)
    with archive.session(write=True) as session:
        row = session.scalar(select(UnitCertificate).where(UnitCertificate.sha256 == digest))
        if row is None:
            raise CountyError("CERT_UNKNOWN", fingerprint=spaced(digest))
        if row.revoked_from is not None:
            raise CountyError("ALREADY_REVOKED", fingerprint=spaced(digest),
                              since=local_minute(dt.datetime.fromisoformat(row.revoked_from)))
        row.revoked_from = revoked_from.astimezone().isoformat(timespec="seconds")
        row.revoked_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        row.revoke_reason = reason or None
        session.flush()
        reach = withdraw_signed_since(session, row)
        return Revocation(Registered.of(row), reach.withdrawn, reach.to_check)


def certificates(archive: Database) -> list[Registered]:
    """Every unit certificate, by unit and then as added."""
    with archive.session() as session:
        rows = session.scalars(select(UnitCertificate).join(Unit)
                               .order_by(Unit.name, UnitCertificate.id))
        return [Registered.of(r) for r in rows]


def root_fingerprint(archive: Database) -> str:
    with archive.session() as session:
        return session.scalars(select(Archive.root_sha256)).one()
