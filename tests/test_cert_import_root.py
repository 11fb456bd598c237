"""`meetingdesk cert import` takes only the county's certificate (adversary 2, finding 6): the
unit's public key is in every PDF it filed, so anyone can make a certificate for it in its name,
from a home-made authority named like the county's root, or one already expired. The township
knows its county's root: the first import shows the root's fingerprint to be checked against
the one `county issue` printed (--root-fingerprint, or asked on a terminal); from then on the
root is pinned in the unit's PKCS#12, and another root only with --replace-root."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding

from meetingdesk.record.signing import key_usage, self_signed, subject
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from test_county_trust import (UNIT, county, env, issued, root_fingerprint,  # noqa: F401
                               run, township)

IMPORT = ("cert", "import", "--passphrase-env", "UNIT_PASS")


def impostor_certificate(genuine_pem: bytes, days: tuple[int, int]) -> bytes:
    """A certificate for the key of ``genuine_pem``'s unit, in its name, from an authority
    named like the county's root, valid ``days`` (from, to) around now; PEM with that root."""
    genuine = x509.load_pem_x509_certificates(genuine_pem)[0]
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = self_signed(ca_key, "象山县县级备案根证书", "象山县", 30, authority=True)
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject(UNIT, UNIT))
            .issuer_name(ca.subject).public_key(genuine.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + dt.timedelta(days=days[0]))
            .not_valid_after(now + dt.timedelta(days=days[1]))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(key_usage(False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    return cert.public_bytes(Encoding.PEM) + ca.public_bytes(Encoding.PEM)


def certificate_file(url: str) -> bytes | None:
    desk = Desk.open(url)
    try:
        return Records(desk).certificate_file(desk.units()[0].id)
    finally:
        desk.close()


@pytest.mark.parametrize("days, message", [
    ((-3650, 3650), "不是本单位已确认的县级根证书“象山县县级备案根证书”"),
    ((-3650, -1), "该证书已于 "),
    ((1, 3650), "该证书要到 ")], ids=["foreign-root", "expired", "not-yet-valid"])
def test_cert_import_keeps_the_countys_certificate_against_an_impostors(
        county, township, tmp_path, days, message):
    url, _ = township
    genuine = issued(county, url, tmp_path)
    before = certificate_file(url)
    fake = tmp_path / "县里新证书.pem"
    fake.write_bytes(impostor_certificate(genuine.read_bytes(), days))
    code, out = run(*IMPORT, fake, "--db", url)
    assert code == 1 and message in out and "单位证书未作改动" in out, out
    assert certificate_file(url) == before
    # Even with its fingerprint given: the pinned root is replaced only when asked to.
    impostor = x509.load_pem_x509_certificates(fake.read_bytes())[1]
    code, out = run(*IMPORT, fake, "--db", url, "--root-fingerprint",
                    impostor.fingerprint(hashes.SHA256()).hex())
    assert code == 1 and certificate_file(url) == before, out


def test_the_first_import_needs_the_roots_fingerprint_confirmed(county, township, tmp_path):
    url, _ = township
    request, cert = tmp_path / "request.pem", tmp_path / "unit.pem"
    assert run("cert", "request", "--db", url, "--out", request,
               "--passphrase-env", "UNIT_PASS")[0] == 0
    code, out = run("county", "issue", request, "--db", county, "--out", cert,
                    "--passphrase-env", "ROOT_PASS")
    root = root_fingerprint(county)
    assert code == 0 and f"  县级根证书指纹（交单位导入证书时逐组核对）：\n    {root[:39]}\n" in out, out
    self_made = certificate_file(url)
    code, out = run(*IMPORT, cert, "--db", url)  # a script, no terminal: nothing confirmed
    assert code == 1 and f"其根证书指纹（SHA-256）为 {root}，尚未确认" in out, out
    assert "--root-fingerprint" in out and certificate_file(url) == self_made
    code, out = run(*IMPORT, cert, "--db", url, "--root-fingerprint", "0" * 64)
    assert code == 1 and "尚未确认" in out and certificate_file(url) == self_made, out
    code, out = run(*IMPORT, cert, "--db", url, "--root-fingerprint", root.replace(" ", ":"))
    assert code == 0 and "签发者：象山县县级备案根证书" in out, out
    # The pinned root: the next certificate it issues is imported without asking again.
    code, out = run(*IMPORT, cert, "--db", url)
    assert code == 0, out


def test_a_county_that_changed_its_root_is_taken_only_with_replace_root(
        county, township, tmp_path):
    url, _ = township
    issued(county, url, tmp_path)
    before = certificate_file(url)
    other = f"sqlite:///{tmp_path / 'new-county.sqlite3'}"
    assert run("county", "init", "--db", other, "--name", "象山县",
               "--passphrase-env", "ROOT_PASS")[0] == 0
    new = tmp_path / "new.pem"
    assert run("county", "issue", tmp_path / "request.pem", "--db", other, "--out", new,
               "--passphrase-env", "ROOT_PASS")[0] == 0
    code, out = run(*IMPORT, new, "--db", url)
    assert code == 1 and "名称相同不代表是同一个根证书" in out and "--replace-root" in out, out
    code, out = run(*IMPORT, new, "--db", url, "--replace-root")
    assert code == 1 and "尚未确认" in out and certificate_file(url) == before, out
    code, out = run(*IMPORT, new, "--db", url, "--replace-root",
                    "--root-fingerprint", root_fingerprint(other))
    assert code == 0 and certificate_file(url) != before, out
