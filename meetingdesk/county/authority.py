"""The county as a certificate authority: its root certificate and the unit certificates it
issues from the units' requests (PKCS#10, carried on a USB stick).

The root is an EC P-256 key and a self-signed CA certificate; the key is kept in the archive as
PKCS#8 encrypted with the county's passphrase, so a copy of the database alone issues nothing.
The encryption is PBES2 with PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's figure) and
AES-256-CBC, made here because `cryptography` writes PKCS#8 only with OpenSSL's 2,048
iterations: a copy of the archive then costs a guesser about half a second a passphrase, and
the passphrase itself must not be one guessed first (``check_passphrase``). Keys stored in the
older form still open, and are written again in this one when the root next issues.
A unit certificate names the unit exactly as its records do (CN), may sign (digitalSignature,
nonRepudiation) and nothing else, and is valid for ten years.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass

from asn1crypto import keys, pem
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.serialization import (Encoding, NoEncryption,
                                                          PrivateFormat, load_pem_private_key)

from meetingdesk.county.errors import CountyError
from meetingdesk.record.signing import key_usage, self_signed, subject
from meetingdesk.record.trust import name_cn

ROOT_YEARS = 30
UNIT_YEARS = 10
MAX_REQUEST = 64 * 1024
KDF_ITERATIONS = 600_000
MIN_PASSPHRASE = 10  # in weight: a Chinese character weighs two, anything else one


@dataclass(frozen=True)
class Root:
    """The county's root: its certificate (DER) and its key as stored (encrypted PKCS#8 PEM)."""

    certificate: bytes
    key: bytes


def common_name(cert: x509.Certificate | x509.CertificateSigningRequest) -> str:
    return name_cn(cert.subject)


def check_passphrase(passphrase: str) -> None:
    """Refuse a root passphrase that is empty, short, only digits or one character repeated:
    the ones a guesser with a copy of the archive tries first."""
    if not passphrase:
        raise CountyError("PASSPHRASE_EMPTY")
    weight = sum(2 if _is_han(c) else 1 for c in passphrase)
    if weight < MIN_PASSPHRASE or passphrase.isdigit() or len(set(passphrase)) == 1:
        raise CountyError("PASSPHRASE_WEAK", minimum=MIN_PASSPHRASE)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003ffff"


def make_root(county: str, passphrase: str) -> Root:
    """A new root for the county named ``county``, its key protected by ``passphrase``."""
    check_passphrase(passphrase)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = self_signed(key, f"{county}县级备案根证书", county, ROOT_YEARS, authority=True)
    return Root(cert.public_bytes(Encoding.DER), sealed_key(key, passphrase))


def sealed_key(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """``key`` as encrypted PKCS#8 PEM: PBES2, PBKDF2-HMAC-SHA256 (KDF_ITERATIONS), AES-256-CBC;
    any PKCS#8 reader (OpenSSL, `cryptography`) opens it with the passphrase."""
    salt, iv = os.urandom(16), os.urandom(16)
    secret = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    padder = padding.PKCS7(128).padder()
    plain = padder.update(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()))
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    data = encryptor.update(plain + padder.finalize()) + encryptor.finalize()
    info = keys.EncryptedPrivateKeyInfo({
        "encryption_algorithm": {"algorithm": "pbes2", "parameters": {
            "key_derivation_func": {"algorithm": "pbkdf2", "parameters": {
                "salt": ("specified", salt), "iteration_count": KDF_ITERATIONS,
                "key_length": 32, "prf": {"algorithm": "sha256"}}},
            "encryption_scheme": {"algorithm": "aes256_cbc", "parameters": iv}}},
        "encrypted_data": data})
    return pem.armor("ENCRYPTED PRIVATE KEY", info.dump())


def sealed_weakly(stored: bytes) -> bool:
    """Whether a stored root key is in the older form (PBKDF2 under KDF_ITERATIONS)."""
    _, _, der = pem.unarmor(stored)
    algorithm = keys.EncryptedPrivateKeyInfo.load(der)["encryption_algorithm"]
    if algorithm["algorithm"].native != "pbes2":
        return True
    kdf = algorithm["parameters"]["key_derivation_func"]
    return kdf["algorithm"].native != "pbkdf2" or \
        kdf["parameters"]["iteration_count"].native < KDF_ITERATIONS


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


def issue(root: Root, passphrase: str, request: x509.CertificateSigningRequest, unit: str
          ) -> bytes:
    """The certificate (DER) of ``unit`` for ``request``'s key, signed with the root's key."""
    key = root_key(root, passphrase)
    issuer = x509.load_der_x509_certificate(root.certificate)
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
