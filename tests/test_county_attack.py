"""A forger's attacks on the county's receipt, each once a hole: packages made with the
township's own tools and pyHanko, signed with certificates the county registered, that still
must not be filed as they claim (or must not keep a genuine record out)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy import select

from county_packages import (CANCEL_REASON, STRANGER, UNIT, new_archive,
                             stick)  # noqa: F401 (fixture)
from meetingdesk.county.completeness import completeness
from meetingdesk.county.models import FiledMeeting, RefusedPackage
from meetingdesk.county.receipt import ACCEPTED, REFUSED, receive
from meetingdesk.county.trust import add_certificate, judge_by, revoke_certificate
from meetingdesk.domain import Event, Meeting
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.notice import Cancellation, build_notice_package, render_notice
from meetingdesk.record.package import Description
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.pdfa import archival_pdf
from meetingdesk.record.signing import create_unit_certificate, load_p12, sign_pdf
from meetingdesk.record.trust import Trust
from meetingdesk.record.verify import INVALID, UNCONFIRMED, verify_bytes
from meetingdesk.record import safezip
from meetingdesk.store.database import Database
from package_forge import parts, refit, with_hidden_bytes, write
from test_export_cli import rehashed

KEY = "x"


@dataclasses.dataclass
class Keys:
    """Self-made certificates the county registered: one for UNIT (beside the one the stick was
    signed with) and one for STRANGER."""

    unit: bytes
    stranger: bytes


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys(create_unit_certificate(UNIT, KEY), create_unit_certificate(STRANGER, KEY))


@pytest.fixture
def archive(db_url, stick, keys) -> Database:
    db = new_archive(db_url, stick.certificate)
    with db.session(write=True) as session:
        for unit, p12 in ((UNIT, keys.unit), (STRANGER, keys.stranger)):
            add_certificate(session, unit, load_p12(p12, KEY).signing_cert.dump(), "registered")
    yield db
    db.close()


def forge(source: Path, target: Path, p12: bytes,
          edit: Callable[[list[dict]], None] = lambda events: None,
          unit_in_pdf: str | None = None) -> Path:
    """``source`` with its log edited and sealed again, the record rendered anew (naming
    ``unit_in_pdf`` if given), signed with ``p12`` and the manifests refitted."""
    files = parts(source)
    raw = json.loads(files["events.json"])
    edit(raw)
    out = rehashed(raw)
    events = [Event.from_dict(d) for d in out]
    state = Meeting.replay(events)
    minutes = minutes_from_meeting(state, events[-1].hash)
    if unit_in_pdf is not None:
        minutes = dataclasses.replace(minutes, unit_name=unit_in_pdf)
    pdf = archival_pdf(render_minutes(minutes), events, state)
    files["record.pdf"] = sign_pdf(pdf, p12, KEY, reason="伪造", location="")
    files["events.json"] = json.dumps(out, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    archival = manifest["archival"]
    described = Description.of(state, archival.get("classification", ""))
    manifest["meeting"].update(uid=state.uid, date=described.date)
    manifest["archival"] = {**described.as_dict(), "file_count": archival["file_count"]}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    write(target, refit(files, fingerprint=events[-1].hash))
    return target


def uid_of(package: Path) -> str:
    return json.loads(parts(package)["manifest.json"])["meeting"]["uid"]


def with_uid(uid: str) -> Callable[[list[dict]], None]:
    def edit(events: list[dict]) -> None:
        for d in events:
            d["meeting_uid"] = uid
        events[0]["payload"]["uid"] = uid
    return edit


def outcome_of(archive: Database, package: Path):
    [outcome] = receive(archive, [package]).outcomes
    return outcome


def test_another_units_record_under_the_same_meeting_id_keeps_no_genuine_record_out(
        archive, stick, keys, tmp_path):
    squatter = forge(stick.folder / "other.mdpkg", tmp_path / "squat.mdpkg", keys.stranger,
                     with_uid(uid_of(stick.first)))
    assert outcome_of(archive, squatter).status == ACCEPTED  # STRANGER's own signed record
    genuine = outcome_of(archive, stick.first)
    assert genuine.status == ACCEPTED, genuine.line()
    with archive.session() as session:
        current = session.scalars(select(FiledMeeting).where(FiledMeeting.current)).all()
        assert len(current) == 2  # neither superseded the other


def test_another_units_notice_under_the_same_meeting_id_keeps_no_genuine_record_out(
        archive, stick, keys, tmp_path):
    facts = notice_facts(stick.cancelled)
    notice = dataclasses.replace(facts, unit=STRANGER, uid=uid_of(stick.first))
    squatter = notice_package(notice, keys.stranger, tmp_path / "squat.mdpkg")
    assert outcome_of(archive, squatter).status == ACCEPTED
    genuine = outcome_of(archive, stick.first)
    assert genuine.status == ACCEPTED, genuine.line()


def notice_facts(package: Path) -> Cancellation:
    facts = Cancellation.from_dict(json.loads(parts(package)["manifest.json"])["cancellation"])
    assert facts is not None
    return facts


def notice_package(notice: Cancellation, p12: bytes, target: Path) -> Path:
    pdf = sign_pdf(render_notice(notice), p12, KEY, reason="取消会议说明", location="")
    target.write_bytes(build_notice_package(pdf, notice, dt.datetime.now().astimezone()))
    return target


@pytest.mark.parametrize("notice_first", [False, True], ids=["record-first", "notice-first"])
def test_a_notice_for_a_number_that_was_held_is_refused_and_never_both(
        archive, stick, keys, tmp_path, notice_first):
    held = notice_facts(stick.cancelled)
    forged = notice_package(dataclasses.replace(held, uid="forged-" + held.uid, number=1),
                            keys.unit, tmp_path / "n1.mdpkg")
    first, later = (forged, stick.first) if notice_first else (stick.first, forged)
    assert outcome_of(archive, first).status == ACCEPTED
    outcome = outcome_of(archive, later)
    assert outcome.status == REFUSED
    assert "第 1 次" in outcome.line() and "已有备案" in outcome.line()
    [group] = completeness(archive)
    assert (group.numbers, [f.number for f in group.cancelled]) in (([1], []), ([], [1]))


def test_a_record_whose_pdf_names_another_unit_is_refused(archive, stick, keys, tmp_path):
    forged = forge(stick.first, tmp_path / "named.mdpkg", keys.unit, unit_in_pdf=STRANGER)
    outcome = outcome_of(archive, forged)
    assert outcome.status == REFUSED
    assert "PDF 所载单位" in outcome.line()


def test_a_record_signed_before_its_certificates_revocation_is_filed_naming_it(
        archive, stick, keys, tmp_path):
    fingerprint = load_p12(keys.unit, KEY).signing_cert.sha256.hex()
    forged = forge(stick.first, tmp_path / "signed.mdpkg", keys.unit)
    revoke_certificate(archive, fingerprint, dt.datetime.now().astimezone()
                       + dt.timedelta(seconds=1), "钥匙遗失")
    outcome = outcome_of(archive, forged)
    assert outcome.status == ACCEPTED, outcome.line()
    assert "吊销" in outcome.line() and "钥匙遗失" in outcome.line()


def test_a_link_in_a_folder_to_a_file_outside_it_is_not_read(archive, stick, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"the county's private notes")
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "m1.mdpkg").write_bytes(stick.first.read_bytes())
    (folder / "notes.mdpkg").symlink_to(secret)
    (folder / "loop").symlink_to(folder)
    batch = receive(archive, [folder])
    assert [o.file_name for o in batch.outcomes] == ["m1.mdpkg"]


def test_a_file_over_the_package_limit_is_refused_without_being_read_in(archive, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(safezip, "MAX_PACKAGE_BYTES", safezip.MiB)
    huge = tmp_path / "huge.mdpkg"
    with huge.open("wb") as out:
        out.truncate(2 * safezip.MiB)  # sparse: a stick's 20 GB file, in small
    outcome = outcome_of(archive, huge)
    assert outcome.status == REFUSED and "备案包过大" in outcome.line()
    with archive.session() as session:
        assert session.scalars(select(RefusedPackage.file_name)).all() == []


@pytest.mark.parametrize("wrap", [lambda pdf, zip_: pdf + zip_,
                                  lambda pdf, zip_: zip_ + b"\n%%EOF unchecked words"],
                         ids=["pdf-then-zip", "zip-then-words"])
def test_a_package_with_bytes_outside_its_zip_is_refused(archive, stick, tmp_path, wrap):
    """Bytes outside the ZIP's entries would be filed unchecked, and verify reads a file that
    starts as a PDF as a PDF: receipt and verify would judge two different things."""
    both = tmp_path / "both.mdpkg"
    both.write_bytes(wrap(parts(stick.first)["record.pdf"], stick.first.read_bytes()))
    outcome = outcome_of(archive, both)
    assert outcome.status == REFUSED and "ZIP 之外还有其他数据" in outcome.line()


@pytest.mark.parametrize("before_entry", [1, None], ids=["between-entries", "before-directory"])
def test_a_package_with_bytes_hidden_between_its_entries_is_refused(archive, stick, tmp_path,
                                                                    before_entry):
    """The same as bytes outside the ZIP, hidden inside it: every entry still reads with its
    CRC and every digest matches, but the file holds bytes no check looked at."""
    hidden = tmp_path / "hidden.mdpkg"
    hidden.write_bytes(with_hidden_bytes(stick.first.read_bytes(), before_entry,
                                         b"%PDF-1.7 unchecked words " * 40))
    outcome = outcome_of(archive, hidden)
    assert outcome.status == REFUSED
    assert "备案包的 ZIP 文件之间夹有不属于任何文件的数据，不是单纯的备案包" in outcome.line()
    assert "bytes between its ZIP entries" in outcome.line("en")
    verdict = verify_bytes(hidden.read_bytes())
    assert verdict.status == INVALID and "夹有不属于任何文件的数据" in verdict.reason.text
    assert verify_bytes(stick.first.read_bytes()).status == UNCONFIRMED  # the package as made


def test_a_record_made_after_the_revocation_and_signed_with_the_clock_set_back_is_refused(
        archive, stick, keys, tmp_path):
    """A lost key, revoked: the thief's record dates its meeting after the revocation and signs
    it with the clock set back before it. The signature covers the log's last entry, so it was
    made after that entry, whatever time it states."""
    def a_year_on(events: list[dict]) -> None:
        for d in events:
            d["at"] = (dt.datetime.fromisoformat(d["at"]) + dt.timedelta(days=365)).isoformat()

    forged = forge(stick.first, tmp_path / "later.mdpkg", keys.unit, a_year_on)
    fingerprint = load_p12(keys.unit, KEY).signing_cert.sha256.hex()
    revoke_certificate(archive, fingerprint, dt.datetime.now().astimezone()
                       + dt.timedelta(minutes=1), "钥匙遗失")
    outcome = outcome_of(archive, forged)
    assert outcome.status == REFUSED
    assert "吊销" in outcome.line() and "钥匙遗失" in outcome.line()
    verdict = verify_bytes(forged.read_bytes(), trust=Trust(judge=judge_by(archive)))
    assert verdict.status == UNCONFIRMED and "吊销" in verdict.signer.text  # verify --county agrees
