"""A unit's name prints as what it is (adversary 2, finding 7): a request named 东湖镇党委 with a
zero-width space or a word joiner made a second unit that printed exactly like the first, in
the receipt, `county certs`, the gaps view and the window. The rule is the domain's
(domain/unit_name.py): no control, format or otherwise invisible character, trimmed, and names
compared after NFKC normalisation; the township's setup, `county issue`/`register` and the
rules replayed at receipt all apply it."""

from __future__ import annotations

import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding,
                                                          pkcs12)

from county_packages import UNIT, stick  # noqa: F401 (fixture)
from meetingdesk.county.archive import open_archive
from meetingdesk.county.errors import CountyError
from meetingdesk.county.receipt import REFUSED, receive
from meetingdesk.county.trust import (add_certificate, certificates, create_root,
                                      issue_certificate)
from meetingdesk.domain import DomainError
from meetingdesk.domain import meeting as meeting_rules
from meetingdesk.domain.unit_name import same_unit, unit_name
from meetingdesk.record.signing import subject
from meetingdesk.services import Desk
from package_forge import parts, refit, write
from test_county_attack import KEY, forge
from test_county_trust import county, env, run  # noqa: F401 (fixtures)

ROOT_PASSPHRASE = "青山县的根证书口令"
LOOKALIKES = {"zwsp": UNIT + "\u200b", "word-joiner": "\u2060" + UNIT,
              "bom": "东湖\ufeff镇党委", "variation-selector": "东\ufe00湖镇党委",
              "thin-space": "东湖镇\u2009党委", "bell": "东湖镇党委\x07"}


# ---- the rule -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_name_with_a_character_that_does_not_print_is_refused(name):
    with pytest.raises(DomainError) as refused:
        unit_name(name)
    assert refused.value.code == "UNIT_NAME_INVISIBLE"
    shown = refused.value.message()
    assert "看不见的字符或控制字符" in shown and "[U+" in shown, shown


def test_a_name_is_trimmed_and_compared_as_it_prints():
    assert unit_name("  东湖镇（街道）党委\u3000") == "东湖镇（街道）党委"
    assert unit_name("Donghu Town 党委") == "Donghu Town 党委"
    assert same_unit("东湖镇（街道）党委", "东湖镇(街道)党委")  # full- and half-width
    assert same_unit("第１党支部", "第1党支部")
    assert same_unit("\uf900山村", "\u8c48山村")  # a compatibility ideograph and its unified form
    assert not same_unit("东湖镇党委", "西湖镇党委")


def test_the_townships_setup_refuses_a_look_alike_unit(sqlite_url):
    desk = Desk.open(sqlite_url)
    try:
        desk.create_unit("东湖镇（街道）党委")
        with pytest.raises(DomainError, match="看不见的字符"):
            desk.create_unit(UNIT + "\u200b")
        with pytest.raises(DomainError) as refused:
            desk.create_unit("东湖镇(街道)党委")
        assert refused.value.message() == (
            "单位名称“东湖镇(街道)党委”与已有的单位“东湖镇（街道）党委”看起来相同（仅全角半角或字形写法不同），"
            "不能作为另一个单位。")
        assert [u.name for u in desk.units()] == ["东湖镇（街道）党委"]
    finally:
        desk.close()


# ---- the county's registry ----------------------------------------------------------------------

def request_for(name: str) -> tuple[bytes, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject(name, name)).sign(
        key, hashes.SHA256())
    return csr.public_bytes(Encoding.PEM), key


@pytest.fixture
def rooted(db_url, stick):
    db = open_archive(db_url, create=True)
    create_root(db, "青山县", ROOT_PASSPHRASE)
    with db.session(write=True) as session:
        add_certificate(session, UNIT, stick.certificate, "registered")
    yield db
    db.close()


@pytest.mark.parametrize("name", [UNIT + "\u200b", "\u2060" + UNIT], ids=["zwsp", "word-joiner"])
def test_issue_refuses_a_request_named_like_a_unit_on_file_but_not_it(rooted, name):
    request, _ = request_for(name)
    delivered: list[bytes] = []
    with pytest.raises(CountyError) as refused:
        issue_certificate(rooted, request, ROOT_PASSPHRASE, delivered.append)
    assert refused.value.code == "UNIT_NAME_REFUSED" and not delivered
    assert "未签发或登记证书，未作任何改动" in refused.value.message()
    assert [c.unit for c in certificates(rooted)] == [UNIT]


def test_issue_and_register_refuse_a_name_that_prints_like_a_unit_on_file(county, tmp_path):
    (tmp_path / "full.req").write_bytes(request_for("东湖镇（街道）党委")[0])
    (tmp_path / "half.req").write_bytes(request_for("东湖镇(街道)党委")[0])
    issue = ("county", "issue", "--db", county, "--passphrase-env", "ROOT_PASS", "--out")
    assert run(*issue, tmp_path / "full.pem", tmp_path / "full.req")[0] == 0
    code, out = run(*issue, tmp_path / "half.pem", tmp_path / "half.req")
    assert code == 1 and "与备案库中的单位“东湖镇（街道）党委”看起来相同" in out, out
    assert not (tmp_path / "half.pem").exists()
    own = tmp_path / "own.pem"
    own.write_bytes(x509.CertificateBuilder().subject_name(subject("东湖镇(街道)党委", "x"))
                    .issuer_name(subject("东湖镇(街道)党委", "x"))
                    .public_key(request_for("x")[1].public_key()).serial_number(1)
                    .not_valid_before(x509.load_pem_x509_certificate(
                        (tmp_path / "full.pem").read_bytes()).not_valid_before_utc)
                    .not_valid_after(x509.load_pem_x509_certificate(
                        (tmp_path / "full.pem").read_bytes()).not_valid_after_utc)
                    .sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256())
                    .public_bytes(Encoding.PEM))
    code, out = run("county", "register", own, "--unit", "东湖镇(街道)党委", "--db", county)
    assert code == 1 and "看起来相同，写法却不同" in out, out


def test_a_second_certificate_for_a_unit_is_asked_for_explicitly(county, tmp_path):
    issue = ("county", "issue", "--db", county, "--passphrase-env", "ROOT_PASS", "--out")
    for n in (1, 2, 3):
        (tmp_path / f"{n}.req").write_bytes(request_for(UNIT)[0])
    assert run(*issue, tmp_path / "1.pem", tmp_path / "1.req")[0] == 0
    code, out = run(*issue, tmp_path / "2.pem", tmp_path / "2.req")
    assert code == 1 and f"“{UNIT}”已有有效的单位证书（县里签发，指纹 " in out, out
    assert "请加 --another" in out and not (tmp_path / "2.pem").exists()
    code, out = run(*issue, tmp_path / "2.pem", tmp_path / "2.req", "--another")
    assert code == 0 and f"已为“{UNIT}”签发单位证书" in out, out
    code, out = run("--lang", "en", *issue, tmp_path / "3.pem", tmp_path / "3.req")
    assert code == 1 and f"{UNIT} already has a valid certificate" in out, out


# ---- a record under a look-alike name, at receipt ---------------------------------------------

def test_a_record_under_a_name_that_prints_like_a_filed_unit_is_refused_at_receipt(
        rooted, stick, tmp_path):
    """Even with a certificate for the look-alike name on the registry (as an archive made
    before this rule could hold), the rules replayed at receipt refuse the record's name."""
    lookalike = UNIT + "\u200b"
    _, key = request_for(lookalike)
    cert = (x509.CertificateBuilder().subject_name(subject(lookalike, lookalike))
            .issuer_name(subject(lookalike, lookalike)).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(x509.load_der_x509_certificate(stick.certificate)
                              .not_valid_before_utc)
            .not_valid_after(x509.load_der_x509_certificate(stick.certificate)
                             .not_valid_after_utc)
            .sign(key, hashes.SHA256()))
    with rooted.session(write=True) as session:
        add_certificate(session, lookalike, cert.public_bytes(Encoding.DER), "registered")
    p12 = pkcs12.serialize_key_and_certificates(b"x", key, cert, None,
                                                BestAvailableEncryption(KEY.encode()))

    def renamed(events: list[dict]) -> None:
        events[0]["payload"]["unit"]["name"] = lookalike

    receive(rooted, [stick.first])
    with pytest.raises(DomainError):  # this program's replay refuses to make it at all
        forge(stick.first, tmp_path / "lookalike.mdpkg", p12, renamed)
    with pytest.MonkeyPatch.context() as mp:  # a forger's copy without the rule makes it
        mp.setattr(meeting_rules, "unit_name", lambda value: value)
        forged = forge(stick.first, tmp_path / "lookalike.mdpkg", p12, renamed)
    files = parts(forged)
    manifest = json.loads(files["manifest.json"])
    manifest["meeting"]["unit"] = lookalike
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    write(forged, refit(files))
    [outcome] = receive(rooted, [forged]).outcomes
    assert outcome.status == REFUSED, outcome.line()
    assert "单位名称“东湖镇党委[U+200B]”的第 6 个字符是看不见的字符" in outcome.line(), outcome.line()
