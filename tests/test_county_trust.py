"""Trust with the county as the anchor (issue 10), through the real commands: the county makes
its root, issues a unit certificate from the request the township's program made, the township
imports it and files a signed package, and `verify --county` confirms the signer by the
registry; a unit's own certificate registered by fingerprint; revocation from a date. Forged
packages (re-signed with a self-made certificate named like the unit, or by another unit's
registered one) are refused with the reason. The archive on SQLite and on a real PostgreSQL.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import create_engine, inspect

from meetingdesk import cli
from meetingdesk.record.signing import create_unit_certificate, load_p12, sign_pdf
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from package_forge import parts, refit, write
from test_export_package import PASSPHRASE, TZ, briefed_meeting
from test_verify_hardened import unsigned

UNIT = "东湖镇党委"
ROOT_PASSPHRASE = "象山县-根证书-2026"


def run(*args: object) -> tuple[int, str]:
    """`meetingdesk ARGS` in-process: the exit code and everything printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROOT_PASS", ROOT_PASSPHRASE)
    monkeypatch.setenv("UNIT_PASS", PASSPHRASE)


@pytest.fixture
def county(db_url: str, env: None) -> str:
    code, out = run("county", "init", "--db", db_url, "--name", "象山县",
                    "--passphrase-env", "ROOT_PASS")
    assert code == 0, out
    return db_url


@pytest.fixture
def township(tmp_path: Path, env: None) -> tuple[str, int]:
    """A township database with a closed meeting of 东湖镇党委 (no certificate yet)."""
    url = f"sqlite:///{tmp_path / 'township.sqlite3'}"
    clock = iter(datetime(2026, 5, 6, 9, 0, tzinfo=TZ) + timedelta(minutes=k)
                 for k in range(1000))
    desk = Desk.open(url, clock=lambda: next(clock))
    _, meeting = briefed_meeting(desk, tmp_path)
    desk.close()
    return url, meeting


def certs(county: str) -> list[str]:
    code, out = run("county", "certs", "--db", county)
    assert code == 0, out
    return out.splitlines()[1:]


def issued(county: str, township: str, tmp_path: Path) -> Path:
    """The township's request, issued by the county and imported at the township."""
    request, cert = tmp_path / "request.pem", tmp_path / "unit.pem"
    code, out = run("cert", "request", "--db", township, "--out", request,
                    "--passphrase-env", "UNIT_PASS")
    assert code == 0 and f"已为“{UNIT}”建立签名密钥和单位证书" in out, out
    code, out = run("county", "issue", request, "--db", county, "--out", cert,
                    "--passphrase-env", "ROOT_PASS")
    assert code == 0 and f"已为“{UNIT}”签发单位证书：{cert}" in out, out
    code, out = run("cert", "import", cert, "--db", township, "--passphrase-env", "UNIT_PASS",
                    "--root-fingerprint", root_fingerprint(county))
    assert code == 0 and "已导入县里签发的" in out and "签发者：象山县县级备案根证书" in out, out
    return cert


def root_fingerprint(county: str) -> str:
    """The root's fingerprint as the county gives it to the unit (`county certs`' first line)."""
    code, out = run("county", "certs", "--db", county)
    assert code == 0, out
    return out.splitlines()[0].split("：")[1]


def export(township: str, meeting: int, path: Path) -> Path:
    desk = Desk.open(township)
    try:
        Records(desk).export(meeting, package_path=path, passphrase=PASSPHRASE)
    finally:
        desk.close()
    return path


def re_signed(package: Path, p12: bytes, passphrase: str, target: Path) -> Path:
    """``package`` with its record's signature stripped and made again with ``p12``, the
    manifests fixed to match: what a forger with pyHanko makes."""
    files = parts(package)
    files["record.pdf"] = sign_pdf(unsigned(files["record.pdf"]), p12, passphrase,
                                   reason="会议纪实备案", location=UNIT)
    write(target, refit(files))
    return target


# ---- issuing, and a package confirmed by the county ------------------------------------------

def test_the_county_issues_the_township_files_and_verify_confirms_by_the_registry(
        county, township, tmp_path):
    url, meeting = township
    cert = issued(county, url, tmp_path)
    chain = x509.load_pem_x509_certificates(cert.read_bytes())
    unit, root = chain
    assert unit.subject.rfc4514_string() == f"C=CN,O={UNIT},CN={UNIT}"
    assert root.subject == unit.issuer and "象山县县级备案根证书" in root.subject.rfc4514_string()
    unit.verify_directly_issued_by(root)
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not unit.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = unit.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert (unit.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
            .key_identifier == root.extensions.get_extension_for_class(
                x509.SubjectKeyIdentifier).value.digest)
    assert 3649 <= (unit.not_valid_after_utc - unit.not_valid_before_utc).days <= 3651
    assert isinstance(unit.public_key(), ec.EllipticCurvePublicKey)

    package = export(url, meeting, tmp_path / "filed.mdpkg")
    code, out = run("verify", package, "--county", county)
    fingerprint = hashlib.sha256(unit.public_bytes(Encoding.DER)).hexdigest()
    assert code == 0 and out.startswith(f"验证通过：备案包 {package}"), out
    assert (f"√ 签名人已确认：签名证书是县里签发给“{UNIT}”的证书，签名时有效（证书指纹 "
            f"{' '.join(fingerprint[i:i + 4] for i in range(0, 64, 4))}）") in out
    code, out = run("--lang", "en", "verify", package, "--county", county)
    assert code == 0 and f"the signer is confirmed: the certificate was issued by the county " \
                         f"for {UNIT}" in out, out
    # The signature carries the chain: the root alone, as --trust, confirms it too.
    (tmp_path / "root.pem").write_bytes(root.public_bytes(Encoding.PEM))
    assert run("verify", package, "--trust", tmp_path / "root.pem")[0] == 0
    [line] = certs(county)
    assert line.split("\t")[:3] == [UNIT, "县里签发", fingerprint] and line.endswith("有效")


def test_the_verdict_carries_the_signing_time_the_signature_states(county, township, tmp_path):
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.trust import judge_by
    from meetingdesk.record.trust import Trust
    from meetingdesk.record.verify import verify_bytes

    url, meeting = township
    issued(county, url, tmp_path)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    package = export(url, meeting, tmp_path / "filed.mdpkg")
    archive = open_archive(county)
    try:
        verdict = verify_bytes(package.read_bytes(), trust=Trust(judge=judge_by(archive)))
    finally:
        archive.close()
    assert verdict.ok and verdict.signed_at is not None
    assert before <= verdict.signed_at <= datetime.now(timezone.utc)


# ---- forged and misused signatures ---------------------------------------------------------------

@pytest.mark.parametrize("forger", [UNIT, "Mallory Forger"])
def test_a_package_re_signed_with_a_self_made_certificate_is_refused(county, township,
                                                                     tmp_path, forger):
    url, meeting = township
    issued(county, url, tmp_path)
    package = export(url, meeting, tmp_path / "filed.mdpkg")
    forged = re_signed(package, create_unit_certificate(forger, "x"), "x",
                       tmp_path / "forged.mdpkg")
    code, out = run("verify", forged, "--county", county)
    assert code == 3 and out.startswith("内容完整，但签名人无法确认：备案包"), out
    assert "× 签名人无法确认：签名证书不是县里签发或登记的证书（证书指纹 " in out
    code, out = run("--lang", "en", "verify", forged, "--county", county)
    assert "the signing certificate was neither issued nor registered by the county" in out


def test_a_certificate_registered_for_another_unit_does_not_sign_this_units_record(
        county, township, tmp_path):
    url, meeting = township
    issued(county, url, tmp_path)
    package = export(url, meeting, tmp_path / "filed.mdpkg")
    other = create_unit_certificate("西湖镇党委", "x")
    (tmp_path / "west.pem").write_bytes(load_p12(other, "x").signing_cert.dump())
    code, out = run("county", "register", tmp_path / "west.pem", "--unit", "西湖镇党委",
                    "--db", county)
    assert code == 0, out
    forged = re_signed(package, other, "x", tmp_path / "forged.mdpkg")
    code, out = run("verify", forged, "--county", county)
    assert code == 3, out
    assert f"× 签名人无法确认：签名证书登记给了“西湖镇党委”，而记录的单位是“{UNIT}”" in out


def test_a_signature_made_after_the_revocation_is_refused_with_its_date(county, township,
                                                                         tmp_path):
    url, meeting = township
    cert = issued(county, url, tmp_path)
    package = export(url, meeting, tmp_path / "filed.mdpkg")
    fingerprint = certs(county)[0].split("\t")[2]
    spaced = " ".join(fingerprint[i:i + 4] for i in range(0, 64, 4))
    # Revoked from tomorrow: today's signature still counts.
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).replace(microsecond=0)
    code, out = run("county", "revoke", spaced, "--from", tomorrow.isoformat(),
                    "--reason", "钥匙遗失", "--db", county)
    assert code == 0 and f"已吊销“{UNIT}”的证书" in out, out
    assert run("verify", package, "--county", county)[0] == 0
    code, out = run("county", "revoke", fingerprint, "--db", county)
    assert code == 1 and "已于" in out and "吊销，未作任何改动" in out, out
    assert certs(county)[0].endswith(f"自 {tomorrow.isoformat()[:16].replace('T', ' ')} 起吊销：钥匙遗失")

    # Revoked from an hour ago (the key was known lost then): the signature came after.
    cert.unlink()  # a second certificate for the unit's key
    code, out = run("county", "issue", tmp_path / "request.pem", "--db", county, "--out", cert,
                    "--passphrase-env", "ROOT_PASS")
    assert code == 0, out
    assert run("cert", "import", cert, "--db", url, "--passphrase-env", "UNIT_PASS")[0] == 0
    package = export(url, meeting, tmp_path / "again.mdpkg")
    second = certs(county)[1].split("\t")[2]
    hour_ago = (datetime.now().astimezone() - timedelta(hours=1)).replace(microsecond=0)
    code, out = run("county", "revoke", second, "--from", hour_ago.isoformat(), "--db", county)
    assert code == 0, out
    code, out = run("verify", package, "--county", county)
    shown = hour_ago.strftime("%Y-%m-%d %H:%M")
    assert code == 3 and f"× 签名人无法确认：签名证书已于 {shown} 吊销，签名时间" in out, out
    assert "在其后（未注明原因）" in out


# ---- registering a unit's own certificate --------------------------------------------------------

def test_a_units_own_certificate_registered_by_fingerprint_confirms_its_records(
        county, township, tmp_path):
    url, meeting = township
    desk = Desk.open(url)
    unit_id = desk.units()[0].id
    Records(desk).create_certificate(unit_id, PASSPHRASE)
    desk.close()
    public = tmp_path / "public.pem"
    code, out = run("cert", "export", "--out", public, "--db", url, "--passphrase-env",
                    "UNIT_PASS")
    assert code == 0, out
    der = x509.load_pem_x509_certificate(public.read_bytes()).public_bytes(Encoding.DER)
    fingerprint = hashlib.sha256(der).hexdigest()
    groups = [fingerprint[i:i + 4] for i in range(0, 64, 4)]

    code, out = run("county", "register", public, "--unit", "西湖镇党委", "--db", county)
    assert code == 1 and f"证书的名称（CN）是“{UNIT}”，不是“西湖镇党委”" in out, out
    assert certs(county) == []
    code, out = run("county", "register", public, "--unit", UNIT, "--db", county)
    assert code == 0 and f"已登记“{UNIT}”的单位证书" in out, out
    assert f"    {' '.join(groups[:8])}\n    {' '.join(groups[8:])}" in out
    code, out = run("county", "register", public, "--unit", UNIT, "--db", county)
    assert code == 1 and f"已是县里登记给“{UNIT}”的证书，未作任何改动" in out, out
    assert len(certs(county)) == 1 and "\t县里登记\t" in certs(county)[0]

    package = export(url, meeting, tmp_path / "filed.mdpkg")
    code, out = run("verify", package, "--county", county)
    assert code == 0 and f"签名证书是县里登记给“{UNIT}”的证书" in out, out


def test_a_certificate_authority_is_not_registered_to_a_unit(county, tmp_path):
    from meetingdesk.county.archive import open_archive
    from meetingdesk.county.models import Archive

    archive = open_archive(county)
    with archive.session() as session:
        root = session.get(Archive, 1).root_certificate
    archive.close()
    (tmp_path / "root.der").write_bytes(root)
    code, out = run("county", "register", tmp_path / "root.der", "--unit", "象山县",
                    "--db", county)
    assert code == 1 and "是签发机构（CA）证书，不是单位的签名证书" in out, out
    (tmp_path / "junk.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nnot one\n")
    code, out = run("county", "register", tmp_path / "junk.pem", "--unit", UNIT, "--db", county)
    assert code == 2 and "不是证书" in out, out
    assert certs(county) == []


# ---- what is refused and leaves everything as it was ----------------------------------------------

def test_a_wrong_root_passphrase_issues_nothing(county, township, tmp_path, monkeypatch):
    url, _ = township
    request = tmp_path / "request.pem"
    assert run("cert", "request", "--db", url, "--out", request,
               "--passphrase-env", "UNIT_PASS")[0] == 0
    monkeypatch.setenv("ROOT_PASS", "猜的口令")
    code, out = run("county", "issue", request, "--db", county, "--out", tmp_path / "c.pem",
                    "--passphrase-env", "ROOT_PASS")
    assert code == 2 and "县级根证书口令不正确，未签发证书" in out, out
    code, out = run("--lang", "en", "county", "issue", request, "--db", county, "--out",
                    tmp_path / "c.pem", "--passphrase-env", "ROOT_PASS")
    assert code == 2 and "Wrong passphrase for the county root" in out, out
    assert not (tmp_path / "c.pem").exists() and certs(county) == []


def request_named(cn: str | None) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "某单位")]
    if cn is not None:
        attributes.append(x509.NameAttribute(x509.NameOID.COMMON_NAME, cn))
    return (x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attributes))
            .sign(key, hashes.SHA256()).public_bytes(Encoding.DER))


def test_a_damaged_or_nameless_request_issues_nothing(county, tmp_path):
    good = request_named(UNIT)
    altered = bytearray(good)
    altered[-5] ^= 0x01  # inside the signature
    cases = {"garbage.req": (b"\x00" * 300, "证书申请文件已损坏或不是证书申请"),
             "truncated.req": (good[:len(good) // 2], "证书申请文件已损坏或不是证书申请"),
             "altered.req": (bytes(altered), "证书申请的签名不正确"),
             "nameless.req": (request_named(None), "证书申请中没有单位名称（CN 为空）"),
             "blank.req": (request_named(" "), "证书申请中没有单位名称（CN 为空）")}
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        code, out = run("county", "issue", tmp_path / name, "--db", county,
                        "--out", tmp_path / "c.pem", "--passphrase-env", "ROOT_PASS")
        assert code == 2 and message in out and "Traceback" not in out, (name, out)
    assert not (tmp_path / "c.pem").exists() and certs(county) == []
    (tmp_path / "good.req").write_bytes(good)  # a DER request is read as well as a PEM one
    assert run("county", "issue", tmp_path / "good.req", "--db", county, "--out",
               tmp_path / "c.pem", "--passphrase-env", "ROOT_PASS")[0] == 0


def test_county_init_refuses_a_township_database_unchanged(db_url, env, tmp_path):
    Desk.open(db_url).close()
    engine = create_engine(db_url)
    before = sorted(inspect(engine).get_table_names())
    path = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    data = path.read_bytes() if path else b""
    code, out = run("county", "init", "--db", db_url, "--passphrase-env", "ROOT_PASS")
    assert code == 2 and "不是县级备案库" in out and "未作任何改动" in out, out
    assert sorted(inspect(engine).get_table_names()) == before
    engine.dispose()
    if path:
        assert path.read_bytes() == data
    code, out = run("verify", tmp_path / "x.mdpkg", "--county", db_url)
    assert code == 2 and "不是县级备案库" in out, out


def test_county_init_needs_a_passphrase_and_is_done_once(county, tmp_path, monkeypatch):
    monkeypatch.setenv("EMPTY", "")
    fresh = tmp_path / "fresh.sqlite3"
    code, out = run("county", "init", "--db", fresh, "--passphrase-env", "EMPTY")
    assert code == 2 and "县级根证书必须设置口令" in out and not fresh.exists(), out
    code, out = run("county", "init", "--db", county, "--passphrase-env", "ROOT_PASS")
    assert code == 2 and "已经是县级备案库（象山县）" in out, out
    code, out = run("county", "certs")
    assert code == 2 and "请用 --db 指定县级备案库" in out, out


def test_the_township_imports_only_its_own_keys_certificate(county, township, tmp_path):
    url, _ = township
    cert = issued(county, url, tmp_path)
    desk = Desk.open(url)
    before = Records(desk).certificate_file(desk.units()[0].id)
    desk.close()
    # A certificate the county issued for another key in the unit's name (a second computer's
    # request) and one for another unit.
    for cn, message in ((UNIT, "该证书不是为本单位现有密钥签发的（公钥不同）"),
                        ("西湖镇党委", "该证书是签发给“西湖镇党委”的，不是“东湖镇党委”")):
        (tmp_path / "other.req").write_bytes(request_named(cn))
        assert run("county", "issue", tmp_path / "other.req", "--db", county, "--out",
                   tmp_path / "other.pem", "--passphrase-env", "ROOT_PASS", "--another")[0] == 0
        code, out = run("cert", "import", tmp_path / "other.pem", "--db", url,
                        "--passphrase-env", "UNIT_PASS")
        assert code == 1 and message in out, out
    code, out = run("cert", "import", cert, "--db", url, "--passphrase-env", "WRONG")
    assert code == 2 and "环境变量 WRONG 未设置" in out
    desk = Desk.open(url)
    assert Records(desk).certificate_file(desk.units()[0].id) == before
    desk.close()
