"""The county's receipt (受理) of real filing packages, on SQLite and PostgreSQL: a stick with
good packages, forgeries (re-signed with a self-made certificate named like the unit; an edited
log re-hashed and its PDF re-rendered) and a package of an unregistered unit; the 回执; the
same stick again; a correction that supersedes; refusals kept apart; never half-stored."""

from __future__ import annotations

import contextlib
import io
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from county_packages import (CANCEL_REASON, STRANGER, UNIT, new_archive,
                             stick)  # noqa: F401 (fixture)
from meetingdesk import cli
from meetingdesk.county import receipt as receipt_module
from meetingdesk.county.completeness import completeness
from meetingdesk.county.archive import open_archive
from meetingdesk.county.index import index_meeting, rebuild_index
from meetingdesk.county.models import (FiledAttendance, FiledCorrection, FiledItem, FiledMeeting,
                                       FiledOpinion, ReceiptBatch,
                                       FiledPackage, FiledSignature, FiledVote, RefusedPackage,
                                       SearchText)
from meetingdesk.county.receipt import ACCEPTED, ALREADY, REFUSED, receive
from meetingdesk.store.database import Database

NOT_COUNTY_CERTIFICATE = "签名证书不是县里签发或登记的证书"
INDEX = (FiledPackage, RefusedPackage, FiledMeeting, FiledItem, FiledAttendance, FiledOpinion,
         FiledVote, FiledSignature, SearchText)



@pytest.fixture
def archive(db_url, stick) -> Database:
    db = new_archive(db_url, stick.certificate)
    yield db
    db.close()


def by_file(batch) -> dict[str, object]:
    return {o.file_name: o for o in batch.outcomes}


def counts(archive: Database) -> dict[str, int]:
    with archive.session() as session:
        return {t.__tablename__: session.scalar(select(func.count()).select_from(t))
                for t in INDEX}


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_a_stick_is_received_and_forgeries_are_refused_with_their_reasons(archive, stick,
                                                                         tmp_path):
    seen = []
    batch = receive(archive, [stick.folder], progress=lambda n, total, o: seen.append((n, total)))
    outcome = by_file(batch)
    assert set(outcome) == {"m1.mdpkg", "m3.mdpkg", "m4-cancelled.mdpkg", "m1-resigned.mdpkg",
                            "m1-rehashed.mdpkg", "other.mdpkg"}  # a record PDF alone is not one
    assert seen == [(n, 6) for n in range(1, 7)]
    assert {outcome[f].status for f in ("m1.mdpkg", "m3.mdpkg", "m4-cancelled.mdpkg")} == {
        ACCEPTED}
    for forged in ("m1-resigned.mdpkg", "m1-rehashed.mdpkg"):
        assert outcome[forged].status == REFUSED
        assert NOT_COUNTY_CERTIFICATE in outcome[forged].line()
    assert outcome["other.mdpkg"].status == REFUSED
    assert f"单位“{STRANGER}”未在县里登记签名证书" in outcome["other.mdpkg"].line()
    with archive.session() as session:
        refused = {r.file_name: r for r in session.scalars(select(RefusedPackage))}
        filed = session.scalars(select(FiledPackage)).all()
        meetings = session.scalars(select(FiledMeeting).order_by(FiledMeeting.number)).all()
        assert {r.unit_name for r in refused.values()} == {UNIT, STRANGER}
        assert refused["other.mdpkg"].data == (stick.folder / "other.mdpkg").read_bytes()
        assert all(r.reasons and {"aspect", "zh", "en"} <= set(r.reasons[0])
                   for r in refused.values())
        assert [p.data for p in filed if p.file_name == "m1.mdpkg"] == [stick.first.read_bytes()]
        assert [(m.number, m.chair, m.present, m.cancelled, m.cancel_reason)
                for m in meetings] == [(1, "王堃", 3, False, None), (3, "王堃", 3, False, None),
                                       (4, None, None, True, CANCEL_REASON)]
        item = session.scalar(select(FiledItem).where(FiledItem.meeting_id == meetings[0].id))
        assert (item.outcome, item.agree, item.disagree, item.decision) == (
            "passed", 3, 0, "同意修缮村道。")
        chief_said = session.scalars(select(FiledOpinion.member).where(
            FiledOpinion.item_id == item.id, FiledOpinion.is_chief.is_(True))).all()
        assert chief_said == ["王堃"]
    text = pdf_text(batch.receipt_pdf, tmp_path)
    assert "青山县备案回执" in text and "受理 3 个" in text and "拒收 3 个" in text
    assert f"会议已取消，原因：{CANCEL_REASON}" in text
    assert text.count("拒收") >= 4 and "西岭乡党委" in text and "签名证书不是县里签发" in text
    with archive.session() as session:
        assert session.get(ReceiptBatch, batch.id).receipt_pdf == batch.receipt_pdf


def test_the_same_stick_again_changes_nothing(archive, stick):
    receive(archive, [stick.folder])
    before = counts(archive)
    again = by_file(receive(archive, [stick.folder]))
    assert again["m1.mdpkg"].status == again["m3.mdpkg"].status == ALREADY
    assert again["m1.mdpkg"].line().startswith("已受理过  东湖镇党委 2026年第1次党委会")
    assert again["other.mdpkg"].status == REFUSED  # still refused, kept once
    assert counts(archive) == before


def test_a_corrected_record_supersedes_the_earlier_and_both_are_kept(archive, stick):
    receive(archive, [stick.first])
    outcome = receive(archive, [stick.corrected]).outcomes[0]
    assert outcome.status == ACCEPTED and "取代已受理的较早版本" in outcome.line()
    with archive.session() as session:
        old, new = session.scalars(select(FiledPackage).order_by(FiledPackage.id)).all()
        assert old.superseded_by_id == new.id and new.superseded_by_id is None
        current = {m.package_id: m.current for m in session.scalars(select(FiledMeeting))}
        assert current == {old.id: False, new.id: True}
        assert session.scalar(select(func.count()).select_from(
            FiledCorrection)) == 1
    assert receive(archive, [stick.first]).outcomes[0].status == ALREADY


def test_an_older_version_of_a_record_on_file_is_refused_as_such(archive, stick):
    receive(archive, [stick.corrected])
    outcome = receive(archive, [stick.first]).outcomes[0]
    assert outcome.status == REFUSED
    assert "这是已受理记录的较早版本：已受理的版本有 18 条记录，此包只有 17 条" in outcome.line()
    with archive.session() as session:
        assert session.scalar(select(func.count()).select_from(FiledPackage)) == 1
        assert session.scalar(select(RefusedPackage.file_name)) == "m1.mdpkg"


def test_a_fault_while_filing_stops_the_batch_with_its_receipt_and_nothing_half_stored(
        archive, stick, monkeypatch, tmp_path):
    """The second package's indexing fails (a fault of ours, a full disk): the first stays
    filed, nothing of the second is stored, the third is not tried, and the 回执 says so."""
    calls = []

    def failing_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return index_meeting(*args, **kwargs)

    monkeypatch.setattr(receipt_module, "index_meeting", failing_on_the_second)
    folder = tmp_path / "stick"
    folder.mkdir()
    for n, source in enumerate((stick.first, stick.third, stick.corrected), 1):
        shutil.copy(source, folder / f"p{n}-{source.name}")
    batch = receive(archive, [folder])
    assert [o.status for o in batch.outcomes] == [ACCEPTED]
    assert batch.interrupted is not None and not batch.all_accepted
    assert batch.interrupted.undecided == ["p2-m3.mdpkg", f"p3-{stick.corrected.name}"]
    assert batch.interrupted.line().startswith("受理中断（程序出错：RuntimeError: disk full），2 个备案包未处理")
    after = counts(archive)
    assert after["filed_packages"] == after["filed_meetings"] == 1
    assert after["filed_items"] == 1 and after["refused_packages"] == 0
    with archive.session() as session:
        stored = session.get(ReceiptBatch, batch.id).receipt_pdf
    assert stored == batch.receipt_pdf
    text = pdf_text(stored, tmp_path)
    assert "受理中断" in text and "p2-m3.mdpkg" in text and "受理 1 个" in text


def test_stopping_the_import_command_midway_keeps_the_receipt_of_what_was_decided(
        db_url, stick, tmp_path):
    """Ctrl-C (SIGINT) once the first package is printed: the package being filed is rolled
    back whole, the 回执 of what was decided is stored and written, and the exit code is 2."""
    new_archive(db_url, stick.certificate).close()
    folder = tmp_path / "stick"
    folder.mkdir()
    for n in range(1, 13):  # enough packages to be stopped among them
        shutil.copy(stick.folder / ("m1.mdpkg" if n == 1 else "other.mdpkg"),
                    folder / f"p{n:02d}.mdpkg")
    receipt = tmp_path / "回执.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "meetingdesk.cli", "county", "import", str(folder), "--db",
         db_url, "--receipt", str(receipt)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert first.startswith("受理  东湖镇党委 2026年第1次党委会  （p01.mdpkg）"), (first, err)
    assert process.returncode == 2, (out, err)
    assert "受理中断（程序被中止，如按了 Ctrl-C 或关机）" in err and "p12.mdpkg" in err
    archive = open_archive(db_url)
    try:
        with archive.session() as session:
            [batch] = session.scalars(select(ReceiptBatch)).all()
            assert session.scalars(select(FiledPackage.file_name)).all() == ["p01.mdpkg"]
            assert session.scalar(select(func.count()).select_from(FiledMeeting)) == 1
            # the same bytes refused again and again are kept once
            assert session.scalar(select(func.count()).select_from(RefusedPackage)) <= 1
        assert batch.receipt_pdf == receipt.read_bytes()
        text = pdf_text(batch.receipt_pdf, tmp_path)
        assert "受理中断" in text and "p12.mdpkg" in text and "p01.mdpkg" in text
    finally:
        archive.close()


def test_rebuilding_the_index_from_the_stored_bytes_gives_the_same_rows(archive, stick):
    receive(archive, [stick.folder, stick.corrected])
    before = counts(archive)
    with archive.session() as session:
        titles = sorted(session.scalars(select(SearchText.text)))
    assert rebuild_index(archive) == 4
    assert counts(archive) == before
    with archive.session() as session:
        assert sorted(session.scalars(select(SearchText.text))) == titles


def test_numbering_gaps_and_cancelled_meetings_per_unit_type_and_year(archive, stick):
    receive(archive, [stick.folder])
    [group] = completeness(archive, year=2026)
    assert (group.unit, group.type_name, group.numbers, group.missing) == (
        UNIT, "党委会", [1, 3], [2])
    assert [(f.number, f.cancel_reason) for f in group.cancelled] == [(4, CANCEL_REASON)]
    assert completeness(archive, year=2025) == []


def run_cli(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_the_import_command_prints_a_line_a_package_and_exits_by_the_contract(
        sqlite_url, stick, tmp_path):
    new_archive(sqlite_url, stick.certificate).close()
    code, out, _ = run_cli("county", "import", stick.first, stick.third, "--db", sqlite_url)
    assert code == 0 and out.splitlines()[0].startswith("受理  东湖镇党委 2026年第1次党委会")
    receipt = tmp_path / "回执.pdf"
    code, out, _ = run_cli("county", "import", stick.folder, "--db", sqlite_url,
                           "--receipt", receipt)
    assert code == 1
    assert "拒收  西岭乡党委 2026年第1次党委会  （other.mdpkg）：单位“西岭乡党委”未在县里登记" in out
    assert "已受理过  东湖镇党委 2026年第3次党委会" in out
    assert "共 6 个备案包：受理 1，拒收 3，已受理过 2" in out
    assert receipt.read_bytes().startswith(b"%PDF")
    code, out, err = run_cli("county", "import", tmp_path / "没有", "--db", sqlite_url)
    assert code == 2 and "无法读取" in err and "未导入任何备案包" in err
    code, out, _ = run_cli("county", "gaps", "--db", sqlite_url, "--year", "2026")
    assert code == 0 and (f"东湖镇党委 党委会 2026年：已备案 1、3；缺号 2（1 个）；已取消 第4次（{CANCEL_REASON}）"
                          in out)


def test_a_township_database_is_not_taken_for_an_archive(stick, tmp_path):
    township = tmp_path / "township.sqlite3"
    shutil.copy(stick.folder.parent / "township.sqlite3", township)
    before = township.read_bytes()
    code, _, err = run_cli("county", "import", stick.folder, "--db", township)
    assert code == 2 and "不是县级备案库" in err
    assert township.read_bytes() == before
