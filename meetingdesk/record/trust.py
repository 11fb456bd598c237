"""Who may sign a unit's record: the certificates the verifier was told to trust.

A unit makes its own certificate today (signing.py: self-signed, in the unit's name), so a valid
signature proves only that the file is unchanged since someone signed it: anyone can make a
certificate named "东湖镇党委" or "Mallory Forger" and sign a forged record with it. Nothing in
the file can vouch for its own signer (a package that carried its own "trust anchor" would be
vouched for by the forger). So the signer is confirmed only against what the verifier brings:

- ``--trust FILE``: certificates in PEM or DER (one or more per file), each either a unit's own
  certificate as the county registered it, or a certificate authority (the county's) that issues
  unit certificates;
- ``--trust SHA256``: a certificate's SHA-256 fingerprint as confirmed on paper under the unit's
  seal (verify prints the signer certificate's fingerprint to compare with).

The rule: the signer is confirmed when the signing certificate is one of the trusted ones (same
fingerprint) or chains to a trusted authority (pyHanko's path validation), AND its common name is
the record's unit, so that one unit's registered certificate cannot sign another unit's record.
Otherwise verify says the content is intact but the signer unconfirmed (exit code 3).

- ``--county URL``: the county's registry judges instead (county/trust.py check_signer): the
  certificate must be one the county issued or registered for the record's very unit, valid
  and not revoked when the signature says it was made. ``Trust.judge`` carries that rule in, so
  the verifier keeps one signer check and the county keeps its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from asn1crypto import pem
from asn1crypto.x509 import Certificate
from cryptography import x509

FINGERPRINT = re.compile(r"(?:[0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}")
MAX_TRUST_FILE = 1 << 20


class TrustError(ValueError):
    """A --trust value that is neither a readable certificate file nor a fingerprint."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def certificate_sha256(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def name_cn(name: x509.Name) -> str:
    """The common name (CN) of a certificate's subject or issuer; "" when it has none."""
    found = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(found[0].value) if found else ""


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """The certificates of a PEM file (in its order) or the one of a DER file, each parsed
    whole; ValueError when there is none or one is damaged."""
    try:
        found = (x509.load_pem_x509_certificates(data) if data.lstrip().startswith(b"-----")
                 else [x509.load_der_x509_certificate(data)])
        for cert in found:
            cert.subject, cert.issuer, cert.extensions  # parse it all now
    except (TypeError, IndexError) as exc:
        raise ValueError(str(exc)) from exc
    return found


def spaced(fingerprint: str) -> str:
    """A fingerprint in groups of four, as read aloud or compared on paper."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4))


# (the record's unit, the signing certificate's DER, the signing time the signature states)
# -> (whether the signer counts, why in Chinese, why in English)
Judge = Callable[[str, bytes, "dt.datetime | None"], tuple[bool, str, str]]


def fingerprint_lines(fingerprint: str) -> tuple[str, str]:
    """A SHA-256 fingerprint in two lines of eight groups, as the registration form prints it
    and `county register` shows it to compare with."""
    return spaced(fingerprint[:32]), spaced(fingerprint[32:])


@dataclass(frozen=True)
class Trust:
    """The certificates and fingerprints a verifier trusts for signing records, or a registry
    that judges each signer (``judge``: the county's)."""

    certificates: tuple[Certificate, ...] = ()
    fingerprints: frozenset[str] = frozenset()
    judge: Judge | None = None

    @property
    def given(self) -> bool:
        return bool(self.certificates or self.fingerprints or self.judge)

    @classmethod
    def load(cls, values: Iterable[str]) -> Trust:
        certificates: list[Certificate] = []
        fingerprints: set[str] = set()
        for value in values:
            if FINGERPRINT.fullmatch(value.strip()):
                fingerprints.add(value.strip().replace(":", "").lower())
            else:
                certificates.extend(_read_certificates(Path(value)))
        return cls(tuple(certificates), frozenset(fingerprints))

    def knows(self, der: bytes) -> bool:
        """The certificate is itself one of the trusted ones."""
        digest = certificate_sha256(der)
        return digest in self.fingerprints or any(
            certificate_sha256(c.dump()) == digest for c in self.certificates)


def _read_certificates(path: Path) -> list[Certificate]:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_TRUST_FILE + 1)
    except OSError as exc:
        raise TrustError(f"无法读取信任证书文件“{path}”：{exc.strerror or '读取失败'}",
                         f"cannot read the trusted certificate file '{path}': "
                         f"{exc.strerror or 'read failed'}") from None
    try:
        if len(data) > MAX_TRUST_FILE:
            raise ValueError
        if pem.detect(data):
            found = [Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True)
                     if kind == "CERTIFICATE"]
        else:
            found = [Certificate.load(data)]
        for certificate in found:
            certificate.native  # parse it all now, not halfway through a check
    except Exception:  # noqa: BLE001 - asn1crypto raises many kinds on a bad file
        found = []
    if not found:
        raise TrustError(f"“{path}”不是证书文件（PEM 或 DER），也不是 64 位十六进制的证书指纹",
                         f"'{path}' is neither a certificate file (PEM or DER) nor a 64-digit "
                         "hexadecimal certificate fingerprint")
    return found
