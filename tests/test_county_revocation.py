"""A revocation dated back reaches what is on file (adversary 2, finding 5): the key was lost
on the 1st, the county learns it on the 20th and revokes from the 1st. Whatever the key signed
since and the county filed meanwhile stops counting: it is kept with the reason, leaves the
gaps view, search and signals, the earlier version of that meeting (signed before) counts
again, and `county revoke` names each record. On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import select

from county_packages import UNIT, stick  # noqa: F401 (fixture)
from meetingdesk.county import signals as sig
from meetingdesk.county.completeness import completeness
from meetingdesk.county.models import FiledMeeting, FiledPackage
from meetingdesk.county.index import rebuild_index
from meetingdesk.county.receipt import ACCEPTED, REFUSED, receive
from meetingdesk.county.search import search
from meetingdesk.county.trust import judge_by, revoke_certificate
from meetingdesk.county.withdrawals import WithdrawnFiling
from meetingdesk.domain import supervision as s
from meetingdesk.record.signing import load_p12
from meetingdesk.record.trust import Trust
from meetingdesk.record.verify import UNCONFIRMED, verify_bytes
from test_county_attack import KEY, archive, forge, keys  # noqa: F401 (fixtures)
from test_county_trust import run


def filed(archive, package) -> int:
    [outcome] = receive(archive, [package]).outcomes
    assert outcome.status == ACCEPTED, outcome.line()
    return outcome.package_id


def current(archive) -> list[tuple[int, str]]:
    """The current filed meetings: (package id, file name)."""
    with archive.session() as session:
        return session.execute(select(FiledPackage.id, FiledPackage.file_name)
                               .join(FiledMeeting, FiledMeeting.package_id == FiledPackage.id)
                               .where(FiledMeeting.current.is_(True))
                               .order_by(FiledPackage.id)).all()


def an_hour_ago() -> str:
    return (dt.datetime.now().astimezone() - dt.timedelta(hours=1)).isoformat(timespec="seconds")


def test_a_record_on_file_signed_after_a_backdated_revocation_stops_counting(
        archive, db_url, stick, keys, tmp_path):
    stolen = forge(stick.first, tmp_path / "stolen.mdpkg", keys.unit)
    package = filed(archive, stolen)
    assert [g.numbers for g in completeness(archive)] == [[1]]
    assert search(archive, "修缮村道").hits
    fingerprint = load_p12(keys.unit, KEY).signing_cert.sha256.hex()
    code, out = run("county", "revoke", fingerprint, "--from", an_hour_ago(),
                    "--reason", "私钥遗失", "--db", db_url)
    assert code == 0, out
    assert "已备案的记录中有 1 份是在此之后以它签名的，不再计入备案（原包仍予保存）：" in out
    assert f"    {UNIT} 2026年第1次党委会（stolen.mdpkg，签名于 " in out, out

    verdict = verify_bytes(stolen.read_bytes(), trust=Trust(judge=judge_by(archive)))
    assert verdict.status == UNCONFIRMED  # verify --county refuses it; the archive agrees:
    assert current(archive) == [] and completeness(archive) == []
    assert search(archive, "修缮村道").hits == []
    with archive.transaction() as conn:
        assert sig.Signals(conn, sig.Scope(s.Period.year(2026))).attendance() == []
    with archive.session() as session:
        [withdrawn] = session.scalars(select(WithdrawnFiling)).all()
        assert withdrawn.package_id == package
        assert withdrawn.reason.startswith("签名证书（指纹 ") and "起吊销（私钥遗失），此记录签名于 " \
            in withdrawn.reason and withdrawn.reason.endswith("在其后，不再计入备案")
        assert session.get(FiledPackage, package).data == stolen.read_bytes()  # kept as received


def test_the_earlier_version_signed_before_counts_again(archive, db_url, stick, keys, tmp_path):
    """The unit's own record is on file; a thief with the unit's other key files a "correction"
    of it. Revoked from before, the correction gives way and the unit's record is current."""
    genuine = filed(archive, stick.first)
    correction = forge(stick.corrected, tmp_path / "correction.mdpkg", keys.unit)
    filed(archive, correction)
    assert [name for _, name in current(archive)] == ["correction.mdpkg"]
    fingerprint = load_p12(keys.unit, KEY).signing_cert.sha256.hex()
    code, out = run("--lang", "en", "county", "revoke", fingerprint, "--from", an_hour_ago(),
                    "--db", db_url)
    assert code == 0, out
    assert "1 record(s) on file were signed with it since then and no longer count" in out
    assert "(correction.mdpkg, signed " in out and "the earlier version m1.mdpkg counts again" in out
    assert current(archive) == [(genuine, "m1.mdpkg")]
    assert [(g.numbers, g.filed[0].package_id) for g in completeness(archive)] == [([1], genuine)]
    with archive.session() as session:
        assert session.get(FiledPackage, genuine).superseded_by_id is None

    [again] = receive(archive, [correction]).outcomes  # the thief's bytes once more
    assert again.status == REFUSED and "不再计入备案" in again.line()
    rebuild_index(archive)  # the index rebuilt from the bytes keeps the withdrawal
    assert current(archive) == [(genuine, "m1.mdpkg")]
    # the unit's own correction of the same meeting (the same log, its own signature) is
    # judged against what counts: it supersedes the unit's record
    [own] = receive(archive, [stick.corrected]).outcomes
    assert own.status == ACCEPTED, own.line()
    assert current(archive) == [(own.package_id, stick.corrected.name)]


def test_a_record_received_before_the_revocation_date_keeps_counting_and_one_after_is_named(
        archive, stick, keys, tmp_path):
    """Received before the revocation's date: signed before it, whatever it states. Received
    after it yet dated before it (the signer's word): still counting, named to be checked."""
    before = filed(archive, forge(stick.first, tmp_path / "before.mdpkg", keys.unit))
    third = forge(stick.third, tmp_path / "third.mdpkg", keys.unit)  # signed now ...
    time.sleep(1.1)
    since = dt.datetime.now().astimezone()
    time.sleep(1.1)
    later = filed(archive, third)  # ... received after the revocation's date
    fingerprint = load_p12(keys.unit, KEY).signing_cert.sha256.hex()
    done = revoke_certificate(archive, fingerprint, since, "")
    assert done.withdrawn == []
    assert [a.file_name for a in done.to_check] == ["third.mdpkg"]
    assert "third.mdpkg" in done.to_check[0].line()
    assert [package for package, _ in current(archive)] == [before, later]
