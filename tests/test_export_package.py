"""The filing package with material files, through the services API: the files travel in the
package, the signed PDF lists their SHA-256, and a swapped file is caught even when the manifest
is fixed to match it."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.domain import DomainError
from meetingdesk.record.errors import RecordError
from meetingdesk.record.signing import create_unit_certificate
from meetingdesk.record.trust import Trust
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from package_forge import parts, refit, write

TZ = timezone(timedelta(hours=8))
PASSPHRASE = "东湖镇-2026"


@pytest.fixture
def desk(sqlite_url) -> Desk:
    clock = iter(datetime(2026, 5, 6, 9, 0, tzinfo=TZ) + timedelta(minutes=k)
                 for k in range(1000))
    desk = Desk.open(sqlite_url, clock=lambda: next(clock))
    yield desk
    desk.close()


def briefed_meeting(desk: Desk, tmp_path: Path) -> tuple[int, int]:
    """A closed meeting whose one item (a briefing) has a material file; (unit, meeting)."""
    unit = desk.create_unit("东湖镇党委")
    ids = [desk.add_member(unit, name, post, rank, rank == 1)
           for rank, (name, post) in enumerate([("王堃", "党委书记"), ("李玥", "镇长"),
                                                 ("张珺", "副镇长")], 1)]
    meeting = desk.create_meeting(unit, "party_committee", "2026-05-06T09:00:00+08:00",
                                  "镇政府会议室", ids[0], "刘岚")
    item = desk.add_item(meeting, title="通报一季度安全生产情况", kind="briefing",
                         presenter_id=ids[2])
    material = tmp_path / "安全生产通报.txt"
    material.write_text("一季度全镇未发生安全生产事故。", encoding="utf-8")
    desk.attach_material(item, material)
    desk.start_meeting(meeting)
    for member in ids:
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, ids[2], "一季度全镇未发生安全生产事故。")
    desk.conclude_item(meeting, 1, "会议听取了通报。")
    desk.close_meeting(meeting)
    return unit, meeting


def test_material_files_travel_in_the_package_and_are_vouched_for(desk, tmp_path):
    unit, meeting = briefed_meeting(desk, tmp_path)
    records = Records(desk)
    records.create_certificate(unit, PASSPHRASE)
    package = tmp_path / "filed.mdpkg"
    done = records.export(meeting, package_path=package, passphrase=PASSPHRASE)
    assert done.signed and not done.filed
    trust = Trust(fingerprints=frozenset({done.certificate_sha256}))
    files = parts(package)
    content = "一季度全镇未发生安全生产事故。".encode()
    assert files["attachments/01-安全生产通报.txt"] == content
    manifest = json.loads(files["manifest.json"])
    assert manifest["version"] == 2  # no follow-up log: readers of version 2 still read it
    roles = {p["path"]: p["role"] for p in manifest["parts"]}
    assert roles["attachments/01-安全生产通报.txt"] == "attachment"
    verdict = records.verify(io.BytesIO(package.read_bytes()), trust)
    assert verdict.ok, [f.text for f in verdict.findings]
    assert any("1 个材料文件与 PDF 所列附件一致" in f.text for f in verdict.findings)

    # A forger swaps the file and fixes the manifest: the signed PDF still names the original.
    files["attachments/01-安全生产通报.txt"] = "一季度发生一起事故。".encode()
    forged = tmp_path / "forged.mdpkg"
    write(forged, refit(files))
    verdict = records.verify(io.BytesIO(forged.read_bytes()), trust)
    assert not verdict.ok
    assert [f.text for f in verdict.findings if not f.ok] == ["备案包中的材料文件与 PDF 所列附件不一致"]


def test_without_a_certificate_the_record_is_unsigned_and_verify_says_so(desk, tmp_path):
    _, meeting = briefed_meeting(desk, tmp_path)
    records = Records(desk)
    pdf = tmp_path / "unsigned.pdf"
    assert not records.export(meeting, pdf_path=pdf).signed
    verdict = records.verify(io.BytesIO(pdf.read_bytes()))
    assert not verdict.ok
    assert [f.en for f in verdict.findings if not f.ok] == ["the PDF is not digitally signed"]


def test_a_changed_material_file_stops_the_export(desk, tmp_path):
    unit, meeting = briefed_meeting(desk, tmp_path)
    stored = Path(desk.attachments(meeting)[0].stored_path)
    stored.write_text("改过的内容", encoding="utf-8")
    with pytest.raises(RecordError, match="SHA-256"):
        Records(desk).export(meeting, package_path=tmp_path / "x.mdpkg")
    assert not (tmp_path / "x.mdpkg").exists()


def test_a_wrong_passphrase_records_nothing(desk, tmp_path):
    unit, meeting = briefed_meeting(desk, tmp_path)
    records = Records(desk)
    records.create_certificate(unit, PASSPHRASE)
    before = len(desk.events(meeting))
    with pytest.raises(RecordError, match="口令不正确"):
        records.export(meeting, package_path=tmp_path / "x.mdpkg", passphrase="错",
                       mark_filed=True)
    assert len(desk.events(meeting)) == before and not desk.meeting(meeting).filed


def test_importing_a_certificate_needs_its_passphrase(desk, tmp_path):
    unit, _ = briefed_meeting(desk, tmp_path)
    records = Records(desk)
    p12 = create_unit_certificate("东湖镇党委", PASSPHRASE)
    with pytest.raises(RecordError):
        records.import_certificate(unit, p12, "错")
    assert not records.has_certificate(unit)
    records.import_certificate(unit, p12, PASSPHRASE)
    assert records.has_certificate(unit)


def test_only_a_closed_meeting_exports(desk, tmp_path):
    unit = desk.create_unit("西湖镇党委")
    desk.add_member(unit, "王堃", "党委书记", 1, True)
    meeting = desk.create_meeting(unit, "party_committee", "2026-05-06T09:00:00+08:00", "",
                                  None, "刘岚")
    with pytest.raises(DomainError, match="尚未闭会"):
        Records(desk).export(meeting, pdf_path=tmp_path / "x.pdf")
