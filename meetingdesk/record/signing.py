"""The unit's digital signature on the filed PDF (PAdES B-B, with pyHanko).

A unit without a certificate from a CA makes its own: an EC P-256 key and a self-signed
certificate in the unit's name, kept as a passphrase-protected PKCS#12 file. Such a signature
proves the file unchanged since signing (intact) but not who signed it (untrusted), until the
county distributes the unit certificates it accepts.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from typing import Sequence

from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto.x509 import Certificate
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from meetingdesk.record.errors import RecordError
from meetingdesk.record.pdfa import PdfA17Writer

FIELD_NAME = "UnitSignature"
CERTIFICATE_YEARS = 30

# pyHanko logs a warning with a traceback for each untrusted certificate, which a unit's own
# certificate always is; with no handler configured Python prints it to stderr. The usual
# library NullHandler keeps it off stderr; an application that configures logging still gets it.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())


class SigningError(RecordError):
    """The record could not be signed (message_zh / message_en say why)."""


class WrongPassphraseError(SigningError):
    pass


class CertificateFileError(SigningError):
    pass


def create_unit_certificate(unit_name: str, passphrase: str) -> bytes:
    """A PKCS#12 file holding a new EC P-256 key and a self-signed certificate for the unit
    (CN and O: ``unit_name``), valid for 30 years, protected by ``passphrase``."""
    if not passphrase:
        raise SigningError("PASSPHRASE_EMPTY")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = self_signed(key, unit_name, unit_name, CERTIFICATE_YEARS, authority=False)
    return pkcs12.serialize_key_and_certificates(
        unit_name.encode("utf-8"), key, cert, None,
        BestAvailableEncryption(passphrase.encode("utf-8")))


def key_usage(authority: bool) -> x509.KeyUsage:
    """Signing records (a unit's certificate) or issuing certificates (an authority's: the
    county's root), nothing else."""
    return x509.KeyUsage(
        digital_signature=not authority, content_commitment=not authority,
        key_encipherment=False, data_encipherment=False, key_agreement=False,
        key_cert_sign=authority, crl_sign=authority, encipher_only=False, decipher_only=False)


def subject(common_name: str, organization: str) -> x509.Name:
    """A certificate's or request's name: CN, O and C=CN."""
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")])


def self_signed(key: ec.EllipticCurvePrivateKey, common_name: str, organization: str,
                years: int, authority: bool) -> x509.Certificate:
    """A self-signed certificate for ``key`` (CN, O, C=CN), from yesterday for ``years``: a
    unit's own, or an authority's root (CA, issuing only)."""
    name = subject(common_name, organization)
    now = dt.datetime.now(dt.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=0 if authority else None),
                       critical=True)
        .add_extension(key_usage(authority), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )


def load_p12(p12: bytes, passphrase: str) -> signers.SimpleSigner:
    """The signer held in a unit certificate file; a clear error for a wrong passphrase."""
    try:
        return signers.SimpleSigner.load_pkcs12_data(p12, (), passphrase.encode("utf-8"))
    except ValueError:
        if _is_pkcs12(p12):
            raise WrongPassphraseError("WRONG_PASSPHRASE") from None
        raise CertificateFileError("BAD_CERTIFICATE_FILE") from None


def _is_pkcs12(data: bytes) -> bool:
    try:
        asn1_pkcs12.Pfx.load(data).native
    except (ValueError, TypeError):
        return False
    return True


def sign_pdf(pdf: bytes, p12: bytes, passphrase: str, reason: str, location: str) -> bytes:
    """``pdf`` signed with the unit certificate (PAdES B-B, SHA-256) in an invisible signature
    field on the last page, the signature page; a PDF/A record stays PDF/A (PDF 1.7)."""
    signer = load_p12(p12, passphrase)
    try:
        writer = PdfA17Writer(io.BytesIO(pdf))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, reason=reason, location=location, md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES)
        out = io.BytesIO()
        signers.sign_pdf(writer, meta, signer=signer, output=out,
                         new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=-1))
    except (PdfError, PyHankoSigningError) as exc:
        raise SigningError("SIGN_FAILED", detail=str(exc)) from exc
    return out.getvalue()


@dataclass(frozen=True)
class SignatureReport:
    """What a check of the PDF's last signature found.

    ``readable``: the PDF could be parsed at all. ``intact``: the signed bytes are unchanged.
    ``valid``: intact, and the signature over them is cryptographically correct. ``trusted``:
    the signer's certificate chains to one of the trust roots given (a unit's self-made
    certificate chains to none unless it is one of them). ``covers_whole_file``: nothing was
    appended after signing. ``certificate``: the signer's certificate (DER). ``problem_zh`` /
    ``problem_en`` explain a failed check, in our words (a library's message is never shown).
    """

    signed: bool
    readable: bool = True
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    certificate: bytes = b""
    signed_at: dt.datetime | None = None
    problem_zh: str = ""
    problem_en: str = ""

    @property
    def ok(self) -> bool:
        """Intact, valid and covering the whole file: the record is as it was signed."""
        return self.valid and self.covers_whole_file


UNREADABLE = SignatureReport(
    signed=False, readable=False,
    problem_zh="PDF 文件无法读取：文件已损坏、被截断或结构异常",
    problem_en="the PDF cannot be read: damaged, truncated or malformed")


def verify_pdf_signature(pdf: bytes, trust_roots: Sequence[Certificate] = ()) -> SignatureReport:
    """Check the last signature of ``pdf`` with pyHanko's validator (no network access).

    Any failure of the parser or the validator on a damaged or hostile file (pyHanko raises
    many kinds, RecursionError among them for deep nesting) is a failed check, never a crash.
    """
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - whatever the parser trips on, the file is unreadable
        return UNREADABLE
    if not signatures:
        return SignatureReport(signed=False, problem_zh="PDF 未经数字签名",
                               problem_en="the PDF is not digitally signed")
    signature = signatures[-1]
    try:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=list(trust_roots), allow_fetching=False))
        certificate = status.signing_cert
        signer = certificate.subject.native.get("common_name", "")
    except Exception:  # noqa: BLE001 - a malformed signature is one that cannot be validated
        return SignatureReport(signed=True, problem_zh="数字签名已损坏，无法验证",
                               problem_en="the digital signature is damaged and cannot be checked")
    valid = status.intact and status.valid
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not valid:
        problem = ("数字签名与文件内容不符：文件在签名后被改动",
                   "the signature does not match the content: the file was altered after signing")
    elif not whole:
        problem = ("签名之后文件又被追加了内容，追加部分不受签名保护",
                   "content was appended after signing; it is not covered by the signature")
    else:
        problem = ("", "")
    return SignatureReport(
        signed=True, intact=status.intact, valid=valid, trusted=status.trusted,
        covers_whole_file=whole, signer=str(signer), certificate=certificate.dump(),
        signed_at=signature.self_reported_timestamp,
        problem_zh=problem[0], problem_en=problem[1],
    )
