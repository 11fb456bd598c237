"""The county as a certificate authority: its root certificate and the unit certificates it
issues from the units' requests (PKCS#10, carried on a USB stick).

The root is an EC P-256 key and a self-signed CA certificate; the key is kept in the archive as
PKCS#8 encrypted with the county's passphrase, so a copy of the database alone issues nothing.
A unit certificate names the unit exactly as its records do (CN), may sign (digitalSignature,
nonRepudiation) and nothing else, and is valid for ten years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding,
                                                          PrivateFormat, load_pem_private_key)

from meetingdesk.county.errors import CountyError
from meetingdesk.record.signing import key_usage, self_signed, subject
from meetingdesk.record.trust import name_cn

ROOT_YEARS = 30
UNIT_YEARS = 10
MAX_REQUEST = 64 * 1024


@dataclass(frozen=True)
class Root:
    """The county's root: its certificate (DER) and its key as stored (encrypted PKCS#8 PEM)."""

    certificate: bytes
    key: bytes


def common_name(cert: x509.Certificate | x509.CertificateSigningRequest) -> str:
    return name_cn(cert.subject)


def make_root(county: str, passphrase: str) -> Root:
    """A new root for the county named ``county``, its key protected by ``passphrase``."""
    if not passphrase:
        raise CountyError("PASSPHRASE_EMPTY")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = self_signed(key, f"{county}县级备案根证书", county, ROOT_YEARS, authority=True)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                            BestAvailableEncryption(passphrase.encode("utf-8")))
    return Root(cert.public_bytes(Encoding.DER), pem)


def root_key(root: Root, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """The root's private key; WRONG_ROOT_PASSPHRASE when ``passphrase`` does not open it."""
    try:
        key = load_pem_private_key(root.key, passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise CountyError("WRONG_ROOT_PASSPHRASE") from None
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def read_request(data: bytes) -> x509.CertificateSigningRequest:
    """A unit's certificate request (PEM or DER), its self-signature checked and its common
    name (the unit) present; refused in words otherwise."""
    try:
        if len(data) > MAX_REQUEST:
            raise ValueError
        request = (x509.load_pem_x509_csr(data) if data.lstrip().startswith(b"-----")
                   else x509.load_der_x509_csr(data))
        signed = request.is_signature_valid
        unit = common_name(request)
    except (ValueError, TypeError, InvalidSignature, x509.InvalidVersion):
        raise CountyError("BAD_REQUEST") from None
    if not signed:
        raise CountyError("REQUEST_SIGNATURE")
    if not unit.strip():
        raise CountyError("REQUEST_NO_NAME")
    return request


def issue(root: Root, passphrase: str, request: x509.CertificateSigningRequest) -> bytes:
    """The unit certificate (DER) for ``request``, signed with the root's key."""
    key = root_key(root, passphrase)
    issuer = x509.load_der_x509_certificate(root.certificate)
    unit = common_name(request)
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject(unit, unit))
        .issuer_name(issuer.subject).public_key(request.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * UNIT_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(key_usage(authority=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(request.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256()))
    return cert.public_bytes(Encoding.DER)


def is_authority(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def chain_pem(*ders: bytes) -> bytes:
    """Certificates as one PEM file, the unit's first and the root after it."""
    return b"".join(x509.load_der_x509_certificate(d).public_bytes(Encoding.PEM) for d in ders)
