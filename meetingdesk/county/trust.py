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

from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from meetingdesk.county.models import Unit, UnitCertificate
from meetingdesk.record.trust import certificate_sha256, spaced


@dataclass(frozen=True)
class SignerCheck:
    """Whether a record's signer counts for its unit, and why (Chinese, English)."""

    ok: bool
    zh: str
    en: str


def common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


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
            False, f"签名时（{_shown(when)}）证书不在有效期内（{row.not_before[:10]} 至 "
                   f"{row.not_after[:10]}）",
            f"the certificate was not valid when it signed ({_shown(when)}; valid "
            f"{row.not_before[:10]} to {row.not_after[:10]})")
    if row.revoked_from is not None and dt.datetime.fromisoformat(row.revoked_from) <= when:
        return SignerCheck(
            False, f"签名证书已于 {_shown(dt.datetime.fromisoformat(row.revoked_from))} 吊销，"
                   f"签名时间 {_shown(when)} 在其后（{row.revoke_reason or '未注明原因'}）",
            f"the signing certificate was revoked from "
            f"{_shown(dt.datetime.fromisoformat(row.revoked_from))}; it signed at {_shown(when)}"
            f" ({row.revoke_reason or 'no reason given'})")
    how = "县里签发" if row.origin == "issued" else "县里登记"
    return SignerCheck(
        True, f"签名证书是{how}给“{unit_name}”的证书，签名时有效（证书指纹 {shown}）",
        f"the certificate was {row.origin} by the county for {unit_name} and valid when it "
        f"signed (fingerprint {shown})")


def _shown(when: dt.datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
