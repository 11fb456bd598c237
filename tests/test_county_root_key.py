"""The county root key's protection: a copy of the archive (a backup, a read-only database
user) must not be opened by guessing. The key is PKCS#8 under PBKDF2-SHA256 with 600,000
iterations (cryptography's own PKCS#8 writer uses OpenSSL's 2,048), the passphrase is not one
guessed first, and an archive made before keeps working, its key written in the new form the
next time the root issues (adversary 2's findings)."""

from __future__ import annotations

import pytest
from asn1crypto import keys, pem
from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding,
                                                          PrivateFormat)

from meetingdesk.county.archive import open_archive
from meetingdesk.county.authority import make_root, root_key
from meetingdesk.county.errors import CountyError
from meetingdesk.county.models import Archive
from meetingdesk.county.trust import create_root, issue_certificate, root_of
from test_county_trust import env, run  # noqa: F401 (fixture)
from test_county_trust import request_named

PASSPHRASE = "县里的口令"


def kdf_of(stored: bytes):
    _, _, der = pem.unarmor(stored)
    algorithm = keys.EncryptedPrivateKeyInfo.load(der)["encryption_algorithm"]
    return algorithm["parameters"]["key_derivation_func"]


def test_the_root_key_costs_600000_pbkdf2_rounds_a_guess_and_opens_with_openssl(tmp_path):
    import subprocess

    root = make_root("青山县", PASSPHRASE)
    kdf = kdf_of(root.key)
    assert kdf["algorithm"].native == "pbkdf2"
    assert kdf["parameters"]["iteration_count"].native >= 600_000
    assert kdf["parameters"]["prf"]["algorithm"].native == "sha256"
    root_key(root, PASSPHRASE)
    with pytest.raises(CountyError, match="县级根证书口令不正确"):
        root_key(root, "县里的口令?")
    (tmp_path / "root.key").write_bytes(root.key)  # standard PKCS#8: any tool reads it
    opened = subprocess.run(["openssl", "pkey", "-in", tmp_path / "root.key", "-passin",
                             f"pass:{PASSPHRASE}", "-noout"], capture_output=True)
    assert opened.returncode == 0, opened.stderr


@pytest.mark.parametrize("passphrase", ["1", "123456", "1234567890", "aaaaaaaaaaaa", "口令",
                                        "abc12"])
def test_a_root_passphrase_anyone_guesses_first_is_refused(passphrase):
    with pytest.raises(CountyError) as refused:
        make_root("青山县", passphrase)
    assert refused.value.code == "PASSPHRASE_WEAK"
    assert "县级根证书口令太容易猜中：至少 10 个字符（一个汉字算两个）" in refused.value.message()


def test_county_init_refuses_a_weak_passphrase_and_makes_nothing(env, tmp_path, monkeypatch):
    monkeypatch.setenv("WEAK", "123456")
    archive = tmp_path / "county.sqlite3"
    code, out = run("county", "init", "--db", archive, "--passphrase-env", "WEAK")
    assert code == 2 and "县级根证书口令太容易猜中" in out and "未作任何改动" in out, out
    assert not archive.exists()
    code, out = run("--lang", "en", "county", "init", "--db", archive, "--passphrase-env", "WEAK")
    assert code == 2 and "too easy to guess" in out, out


def test_an_archive_made_before_keeps_issuing_and_its_key_is_sealed_anew(sqlite_url):
    archive = open_archive(sqlite_url, create=True)
    try:
        create_root(archive, "青山县", PASSPHRASE)
        with archive.session(write=True) as session:  # the key as the archive stored it before
            row = session.get(Archive, 1)
            old = root_key(root_of(session), PASSPHRASE).private_bytes(
                Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(PASSPHRASE.encode()))
            row.root_key = old
        assert kdf_of(old)["parameters"]["iteration_count"].native == 2048
        chains: list[bytes] = []
        issue_certificate(archive, request_named("东湖镇党委"), PASSPHRASE, chains.append)
        assert chains
        with archive.session() as session:
            assert kdf_of(root_of(session).key)["parameters"]["iteration_count"].native == 600_000
            root_key(root_of(session), PASSPHRASE)
    finally:
        archive.close()

