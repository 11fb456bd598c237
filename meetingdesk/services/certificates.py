"""The unit's certificate and the county (township side): a request file for the county to
issue from, the certificate the county issued put in place of the unit's self-made one (the
key stays where it is), the public certificate to hand over, and the registration form
(单位数字证书登记表) the unit prints, signs and seals.

The certificate lives in the unit's passphrase-protected PKCS#12 (Records), certificates and
key alike, so each step needs the passphrase. The county's root comes with the issued
certificate and is kept after it in the PKCS#12: the first time, once the user has checked its
fingerprint against the one the county printed when it issued; from then on it is the root the
unit knows (pinned), and a certificate from any other authority, however it is named, is
refused unless the user replaces the root explicitly. Used by `meetingdesk cert ...` and the record
page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding,
                                                          PublicFormat, pkcs12)
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes

from meetingdesk.county.authority import is_authority
from meetingdesk.record.errors import RecordError
from meetingdesk.record.signing import load_p12, subject
from meetingdesk.record.trust import certificate_sha256, load_certificates, name_cn, spaced

from .desk import Desk
from .records import Records


RootConfirmation = Callable[[str, str], bool]  # (the root's name, its SHA-256) -> confirmed


@dataclass(frozen=True)
class UnitCertificate:
    """What the unit's signing certificate is, to show and to compare with the county."""

    unit: str
    subject: str
    issuer: str
    self_made: bool
    not_before: datetime
    not_after: datetime
    sha256: str
    der: bytes

    @classmethod
    def of(cls, unit: str, cert: x509.Certificate) -> UnitCertificate:
        der = cert.public_bytes(Encoding.DER)
        return cls(unit, ", ".join(a.rfc4514_string() for a in cert.subject), name_cn(cert.issuer),
                   cert.issuer == cert.subject, cert.not_valid_before_utc,
                   cert.not_valid_after_utc, certificate_sha256(der), der)


class Certificates:
    """The unit certificate's dealings with the county, for one open database."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.records = Records(desk)

    def unit_id(self, name: str | None = None) -> int:
        """The unit named ``name``, or the only one when no name is given."""
        units = self.desk.units()
        if name is not None:
            found = [u.id for u in units if u.name == name]
            if not found:
                raise RecordError("UNIT_UNKNOWN", unit=name)
            return found[0]
        if not units:
            raise RecordError("NO_UNITS")
        if len(units) > 1:
            raise RecordError("UNIT_REQUIRED", names="、".join(u.name for u in units))
        return units[0].id

    def request(self, unit_id: int, passphrase: str) -> bytes:
        """A certificate request (PKCS#10, PEM) in the unit's name, signed with the unit's key;
        the key and a self-made certificate are made first if the unit has none."""
        if not self.records.has_certificate(unit_id):
            self.records.create_certificate(unit_id, passphrase)
        key, _, _ = self._opened(unit_id, passphrase)
        unit = self.records.unit_name(unit_id)
        request = x509.CertificateSigningRequestBuilder().subject_name(subject(unit, unit)).sign(
            key, hashes.SHA256())
        return request.public_bytes(Encoding.PEM)

    def import_issued(self, unit_id: int, data: bytes, passphrase: str, path: str = "",
                      confirm_root: RootConfirmation | None = None,
                      replace_root: bool = False) -> UnitCertificate:
        """The certificate the county issued for the unit's key (PEM chain or DER) signs the
        unit's records from now on, with the county's root after it. Refused, the unit's
        certificate unchanged, when it is for another key or another unit, outside its validity,
        or not issued by the county's root: the root the unit's certificate was issued by, once
        one was (pinned: another root only with ``replace_root``); until then, or to replace
        it, the root in the file once ``confirm_root`` (issuer, SHA-256) confirms its
        fingerprint against the one the county printed when it issued."""
        key, current, current_chain = self._opened(unit_id, passphrase)
        try:
            cert, *chain = load_certificates(data)
        except ValueError:
            raise RecordError("ISSUED_BAD_FILE", path=path) from None
        unit = self.records.unit_name(unit_id)
        if name_cn(cert.subject) != unit:
            raise RecordError("ISSUED_OTHER_UNIT", subject=name_cn(cert.subject), unit=unit)
        if _public(cert.public_key()) != _public(key.public_key()):
            raise RecordError("ISSUED_OTHER_KEY")
        now = datetime.now(timezone.utc)
        if now < cert.not_valid_before_utc:
            raise RecordError("ISSUED_NOT_YET_VALID", since=_local(cert.not_valid_before_utc))
        if now > cert.not_valid_after_utc:
            raise RecordError("ISSUED_EXPIRED", until=_local(cert.not_valid_after_utc))
        pinned = county_root(current, current_chain)
        root = county_root(cert, [c for c in (pinned, *chain) if c is not None])
        if root is None:
            if chain:
                raise RecordError("ISSUED_CHAIN_BROKEN", issuer=name_cn(chain[0].subject))
            raise RecordError("ISSUED_NO_ROOT")
        digest = certificate_sha256(root.public_bytes(Encoding.DER))
        if pinned is not None and root != pinned and not replace_root:
            raise RecordError("ISSUED_OTHER_ROOT", issuer=name_cn(root.subject),
                              fingerprint=spaced(digest), pinned=name_cn(pinned.subject),
                              pinned_fingerprint=spaced(certificate_sha256(
                                  pinned.public_bytes(Encoding.DER))))
        if root != pinned and (confirm_root is None
                               or not confirm_root(name_cn(root.subject), digest)):
            raise RecordError("ROOT_UNCONFIRMED", issuer=name_cn(root.subject),
                              fingerprint=spaced(digest), digest=digest)
        self.records.store_certificate(unit_id, pkcs12.serialize_key_and_certificates(
            unit.encode("utf-8"), key, cert, [root],
            BestAvailableEncryption(passphrase.encode("utf-8"))))
        return UnitCertificate.of(unit, cert)

    def current(self, unit_id: int, passphrase: str) -> UnitCertificate:
        """The certificate that signs the unit's records now."""
        _, cert, _ = self._opened(unit_id, passphrase)
        return UnitCertificate.of(self.records.unit_name(unit_id), cert)

    def public_pem(self, unit_id: int, passphrase: str) -> bytes:
        """The unit's certificate as PEM, followed by the authority's when the county issued it."""
        _, cert, chain = self._opened(unit_id, passphrase)
        return b"".join(c.public_bytes(Encoding.PEM) for c in (cert, *chain))

    def form_pdf(self, unit_id: int, passphrase: str, printed: datetime) -> bytes:
        """The registration form to print, sign and seal (record/cert_form.py)."""
        from meetingdesk.record.cert_form import registration_form
        return registration_form(self.current(unit_id, passphrase), printed)

    def _opened(self, unit_id: int, passphrase: str
                ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate,
                           list[x509.Certificate]]:
        p12 = self.records.certificate_file(unit_id)
        if p12 is None:
            raise RecordError("NO_UNIT_CERTIFICATE", unit=self.records.unit_name(unit_id))
        load_p12(p12, passphrase)  # a wrong passphrase or a damaged file, refused in words
        key, cert, chain = pkcs12.load_key_and_certificates(p12, passphrase.encode("utf-8"))
        assert isinstance(key, ec.EllipticCurvePrivateKey) and cert is not None
        return key, cert, chain


def county_root(cert: x509.Certificate, candidates: Sequence[x509.Certificate]
                ) -> x509.Certificate | None:
    """The self-signed authority among ``candidates`` that issued ``cert`` directly, if any."""
    for candidate in candidates:
        if _issued(cert, candidate) and _issued(candidate, candidate) and is_authority(candidate):
            return candidate
    return None


def _issued(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _public(key: CertificatePublicKeyTypes) -> bytes:
    return key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
