"""The unit's digital signature: poppler's pdfsig and pyHanko's validator both check it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.sample import sample_minutes
from meetingdesk.record.signing import (CertificateFileError, WrongPassphraseError,
                                        create_unit_certificate, load_p12, sign_pdf,
                                        verify_pdf_signature)

UNIT = "中共青石乡委员会"
PASSPHRASE = "青石乡2026"


@pytest.fixture(scope="module")
def p12() -> bytes:
    return create_unit_certificate(UNIT, PASSPHRASE)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return render_minutes(sample_minutes())


@pytest.fixture(scope="module")
def signed(unsigned, p12) -> bytes:
    return sign_pdf(unsigned, p12, PASSPHRASE, reason="会议纪实备案", location="青石乡")


def pdfsig(tmp_path, data: bytes) -> str:
    if not shutil.which("pdfsig"):
        pytest.skip("poppler-utils (pdfsig) is not installed")
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    # pdfsig exits non-zero for an untrusted issuer; its report is what counts.
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def byte_range(data: bytes) -> tuple[int, int, int, int]:
    found = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert found
    a, b, c, d = map(int, found.groups())
    return a, b, c, d


def test_poppler_finds_the_signature_valid(tmp_path, signed):
    report = pdfsig(tmp_path, signed)
    assert "Signature is Valid" in report
    assert f"Signer Certificate Common Name: {UNIT}" in report
    assert "Total document signed" in report
    assert "ETSI.CAdES.detached" in report  # PAdES


def test_pyhanko_finds_it_intact_valid_whole_and_untrusted(signed):
    report = verify_pdf_signature(signed)
    assert report.signed and report.intact and report.valid and report.covers_whole_file
    assert report.ok
    assert not report.trusted  # a self-made unit certificate chains to no trusted root
    assert report.signer == UNIT
    assert report.signed_at is not None


def test_signature_sits_on_the_signature_page(signed, unsigned):
    assert signed.startswith(unsigned)  # an incremental update: the rendered PDF is untouched
    reader = PdfFileReader(io.BytesIO(signed))
    field = reader.embedded_signatures[-1].sig_field
    last_page, _ = reader.find_page_for_modification(-1)
    assert field.raw_get("/P") == last_page


@pytest.mark.parametrize("where", ["start", "end"])
def test_one_changed_byte_in_the_signed_range_breaks_it(tmp_path, signed, where):
    _, first_len, second_start, second_len = byte_range(signed)
    # A byte inside a content stream of the first range, or of the signature's own /Reason
    # in the final range (a byte of its xref table would make the file unreadable instead).
    offset = signed.index(b"stream", 2000) + 20 if where == "start" \
        else signed.index(b"/Reason (", second_start) + 9
    assert offset < first_len or second_start <= offset < second_start + second_len
    tampered = bytearray(signed)
    tampered[offset] ^= 0x01
    report = verify_pdf_signature(bytes(tampered))
    assert not report.ok and not report.valid
    assert "签名后被改动" in report.problem_zh and "altered" in report.problem_en
    assert "Signature is Valid" not in pdfsig(tmp_path, bytes(tampered))


def test_an_unsigned_pdf_reports_so(unsigned):
    report = verify_pdf_signature(unsigned)
    assert not report.signed and not report.ok
    assert report.problem_zh == "PDF 未经数字签名"


def test_wrong_passphrase_is_a_clear_error(p12, unsigned):
    with pytest.raises(WrongPassphraseError, match="口令不正确"):
        load_p12(p12, "not the passphrase")
    with pytest.raises(WrongPassphraseError):
        sign_pdf(unsigned, p12, "", reason="备案", location="青石乡")


def test_damaged_certificate_file_is_told_apart(p12):
    with pytest.raises(CertificateFileError, match="PKCS#12"):
        load_p12(p12[: len(p12) // 2], PASSPHRASE)


def test_certificate_names_the_unit(p12):
    signer = load_p12(p12, PASSPHRASE)
    subject = signer.signing_cert.subject.native
    assert subject["common_name"] == UNIT and subject["organization_name"] == UNIT
    validity = signer.signing_cert["tbs_certificate"]["validity"]
    years = (validity["not_after"].native - validity["not_before"].native).days / 365
    assert years >= 25
    assert signer.signing_cert.public_key.algorithm == "ec"
