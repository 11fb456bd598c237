"""The follow-up log (督办) in the filing package (issue 12): the package of a meeting carries
the unit's follow-up log as it stands, the closed record unchanged by it, and `meetingdesk
verify` checks it (chain, follow-up rules, tasks on this meeting's decided items, size) and
reports its tasks. A package without one (old, or a unit with no tasks) verifies as before."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

import pytest

from meetingdesk.domain import seal
from meetingdesk.domain.chain import GENESIS_HASH
from meetingdesk.record import package
from meetingdesk.record.safezip import PackageReadError
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from package_forge import bomb, parts, refit, write
from submitted import MinuteClock
from test_export_package import PASSPHRASE, TZ
from test_verify_hardened import DATA, Filed, verify

UNIT = "清溪乡党委"
SUMMARY = "督办：截至 2026-06-01 共 3 项任务，办理中 2 项（其中逾期 1 项），已办结 1 项，已撤销 0 项"


def decided_meeting(desk: Desk, unit: int, when: str, votes: list[tuple[str, str]],
                    material: Path | None = None) -> int:
    """A closed meeting of the unit's members at ``when``, its items (title, the vote's choice)
    each discussed, voted on and decided."""
    ids = [m.id for m in desk.members(unit)]
    meeting = desk.create_meeting(unit, "party_committee", when, "乡政府会议室", ids[0], "周敏")
    for n, (title, _) in enumerate(votes):
        item = desk.add_item(meeting, title=title, kind="decision")
        if material is not None and n == 0:
            desk.attach_material(item, material)
    desk.start_meeting(meeting)
    for member in ids:
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    for no, (_, choice) in enumerate(votes, 1):
        desk.open_item(meeting, no)
        desk.report(meeting, no, ids[2], "汇报。")
        for member in desk.meeting(meeting).speaking_queue(no) + [ids[0]]:
            desk.record_opinion(meeting, no, member, "agree", "同意。", "")
        for member in desk.meeting(meeting).eligible(no):
            desk.cast_vote(meeting, no, member, choice)
        desk.decide(meeting, no, "决定。")
    desk.close_meeting(meeting)
    return meeting


@pytest.fixture(scope="module")
def followed(tmp_path_factory) -> Filed:
    """Two meetings of a unit and three tasks: on the first meeting's decision one completed;
    on the second's (the one exported; its item 2 voted down) one overdue and one in progress
    as of the log's last entry, 2026-06-01. The second meeting's record was exported before
    any of its tasks, as its fingerprint (fingerprint.txt) says."""
    folder = tmp_path_factory.mktemp("followed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEETINGDESK_DATA_DIR", str(folder / "data"))
        clock = MinuteClock(datetime(2026, 5, 6, 8, 30, tzinfo=TZ))
        desk = Desk.open(f"sqlite:///{folder}/db.sqlite3", clock=clock)
        unit = desk.create_unit(UNIT)
        chief, mayor, deputy = (desk.add_member(unit, name, post, rank, rank == 1) for rank, (
            name, post) in enumerate([("陈立", "党委书记"), ("吴桐", "乡长"), ("郑岩", "副乡长")], 1))
        first = decided_meeting(desk, unit, "2026-05-06T09:00:00+08:00",
                                [("硬化村道三公里", "agree")])
        task = desk.assign_task(first, 1, "完成村道硬化", "2026-05-31", member_id=deputy, by=chief)
        clock.now = datetime(2026, 5, 12, 10, 0, tzinfo=TZ)
        desk.note_progress(unit, task, "2026-05-12", "已完成招标。", by=deputy)
        desk.complete_task(unit, task, "已完工并验收。", by=deputy)
        clock.now = datetime(2026, 5, 20, 8, 30, tzinfo=TZ)
        material = folder / "预算.txt"
        material.write_text("预算二十万元。", encoding="utf-8")
        second = decided_meeting(desk, unit, "2026-05-20T09:00:00+08:00",
                                 [("修缮乡敬老院", "agree"), ("新建停车场", "disagree")], material)
        records = Records(desk)
        records.create_certificate(unit, PASSPHRASE)
        before = records.export(second, pdf_path=folder / "before.pdf", passphrase=PASSPHRASE)
        (folder / "fingerprint.txt").write_text(before.fingerprint)
        desk.assign_task(second, 1, "制定修缮方案", "2026-05-25", department="民政办", by=chief)
        desk.assign_task(second, 1, "完成修缮", "2026-06-30", member_id=mayor, by=chief)
        clock.now = datetime(2026, 6, 1, 9, 0, tzinfo=TZ)
        desk.note_progress(unit, 3, "2026-06-01", "施工队已进场。", by=mayor)
        (folder / "followup.json").write_text(json.dumps(
            [e.as_dict() for e in desk.unit_log_events(unit, "followup")], ensure_ascii=False))
        done = records.export(second, pdf_path=folder / "record.pdf",
                              package_path=folder / "record.mdpkg", passphrase=PASSPHRASE)
        desk.close()
    return Filed(folder, folder / "record.mdpkg", folder / "record.pdf", done.certificate_sha256)


def forged(source: Path, target: Path, change: Callable[[list[dict[str, Any]]], None],
           rehash: bool = True) -> Path:
    """The package with its follow-up entries changed by ``change``, the chain sealed again
    (unless not ``rehash``) and the manifests refitted: a forger who knows the format."""
    files = parts(source)
    entries = json.loads(files["followup.json"])
    change(entries)
    if rehash:
        prev = GENESIS_HASH
        for seq, e in enumerate(entries, 1):
            e.update(seal(e["meeting_uid"], seq, e["type"], e["at"], e["member_id"],
                          e["payload"], prev).as_dict())
            prev = e["hash"]
    write(target, refit({**files, "followup.json": json.dumps(entries, ensure_ascii=False
                                                              ).encode()}))
    return target


def test_the_package_carries_the_followup_log_and_verifies(followed, tmp_path):
    files = parts(followed.package)
    assert json.loads(files["followup.json"]) == json.loads(
        (followed.folder / "followup.json").read_text())
    manifest = json.loads(files["manifest.json"])
    [part] = [p for p in manifest["parts"] if p["path"] == "followup.json"]
    assert (part["role"], part["format"], part["size"]) == (
        "followup", "application/json", len(files["followup.json"]))
    listed = ET.fromstring(files["manifest.xml"]).findall("文件")
    assert "followup.json" in [f.findtext("路径") for f in listed]
    # version 3 says the package carries a follow-up log, so an older reader refuses it
    assert manifest["version"] == 3 and ET.fromstring(files["manifest.xml"]).get("版本") == "3"
    # the closed record is the one exported before any task: same fingerprint, same log
    assert manifest["fingerprint"] == (followed.folder / "fingerprint.txt").read_text()
    assert json.loads(files["events.json"])[-1]["hash"] == manifest["fingerprint"]

    report = tmp_path / "report.pdf"
    code, out = verify(followed.package, "--trust", followed.certificate, "--report", report)
    assert code == 0, out
    assert f"  {SUMMARY}" in out.splitlines()
    assert "√ 督办记录链完整，序号连续（共 6 条）" in out
    assert "√ 按督办规则重放督办记录，每一条都符合规则" in out
    assert "√ 本次会议的 2 项督办任务均指向记录中已作出的决定" in out
    _, out = verify(followed.package, "--lang", "en")
    assert ("  Follow-up (督办): 3 task(s) as of 2026-06-01: 2 in progress (1 overdue), "
            "1 completed, 0 cancelled") in out.splitlines()
    element = ET.parse(report.with_suffix(".xml")).getroot().find("followup")
    assert dict(element.attrib) == {"tasks": "3", "open": "2", "overdue": "1", "done": "1",
                                    "cancelled": "0", "as-of": "2026-06-01"}


def test_packages_without_a_followup_log_still_verify():
    code, out = verify(DATA / "v1-package.mdpkg", "--trust", DATA / "v1-unit-certificate.pem")
    assert code == 0 and "督办" not in out, out


def test_a_version_2_package_with_a_followup_log_made_before_version_3_still_verifies(
        followed, tmp_path):
    older = tmp_path / "v2.mdpkg"
    write(older, refit(parts(followed.package), version=2))
    code, out = verify(older, "--trust", followed.certificate)
    assert code == 0, out
    assert f"  {SUMMARY}" in out.splitlines()


def test_a_reader_of_version_2_refuses_a_package_carrying_a_followup_log(
        followed, tmp_path, monkeypatch: pytest.MonkeyPatch):
    """As the program before version 3 does: it would otherwise pass over followup.json."""
    plain = tmp_path / "plain.mdpkg"
    files = {k: v for k, v in parts(followed.package).items() if k != "followup.json"}
    manifest = json.loads(files["manifest.json"])
    manifest["parts"] = [p for p in manifest["parts"] if p["path"] != "followup.json"]
    manifest["archival"]["file_count"] -= 1
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    write(plain, refit(files, version=2))
    monkeypatch.setattr(package, "FORMAT_VERSION", 2)
    with pytest.raises(PackageReadError) as refused:
        with followed.package.open("rb") as fp:
            package.read_package(fp)
    assert refused.value.zh == "备案包由更新版本的会议纪实台生成，请升级后再验证"
    with plain.open("rb") as fp:
        assert package.read_package(fp).version == 2


def progress_after_completion(entries: list[dict[str, Any]]) -> None:
    done = next(e for e in entries if e["type"] == "task_completed")
    entries.append({**done, "type": "progress_noted",
                    "at": entries[-1]["at"], "payload": {"task": done["payload"]["task"],
                                                         "on": "2026-06-01", "note": "补记。"}})


def task_on(item_no: int, member_id: int | None = None) -> Callable[[list[dict]], None]:
    def change(entries: list[dict[str, Any]]) -> None:
        assigned = [e for e in entries if e["type"] == "task_assigned"][-1]
        payload = json.loads(json.dumps(assigned["payload"]))
        payload["decision"].update(item_no=item_no, item_title="新建停车场")
        if member_id is not None:
            payload.update(member_id=member_id, department="")
        entries.append({**assigned, "at": entries[-1]["at"], "payload": payload})
    return change


def edited_note(entries: list[dict[str, Any]]) -> None:
    entries[-1]["payload"]["note"] = "已全部完工。"


@pytest.mark.parametrize("change, rehash, says", [
    (edited_note, False, "× 督办记录链在第 6 条断开：事件内容与其哈希不符（事件被改动）"),
    (progress_after_completion, True, "× 第 7 条督办记录违反督办规则：第 1 号督办事项已办结，不能再登记。"),
    (task_on(2), True, "× 督办任务 4 所指的本次会议第 2 项在会议记录中不存在、未作出决定或与记录不符"),
    (task_on(9), True, "× 督办任务 4 所指的本次会议第 9 项"),
    (task_on(1, member_id=999), True,
     "× 第 7 条督办记录的责任人（编号 999）不是本次会议记录所载的成员，无法核对"),
], ids=["tampered", "progress-after-completion", "undecided-item", "no-such-item",
        "unknown-member"])
def test_a_forged_followup_log_is_refused(followed, tmp_path, change, rehash, says):
    target = forged(followed.package, tmp_path / "forged.mdpkg", change, rehash)
    code, out = verify(target, "--trust", followed.certificate)
    assert code == 1 and out.startswith("验证未通过"), out
    assert says in out, out
    assert "督办：" not in out  # no tasks are reported from a log that does not hold


def test_a_followup_log_of_wrong_types_is_refused_in_words(followed, tmp_path):
    files = parts(followed.package)
    write(tmp_path / "p.mdpkg", refit({**files, "followup.json": b'[{"seq": "1"}]'}))
    code, out = verify(tmp_path / "p.mdpkg", "--trust", followed.certificate)
    assert code == 1 and "followup.json 格式错误" in out, out


def test_a_bomb_sized_followup_log_is_refused(tmp_path):
    target = tmp_path / "bomb.mdpkg"
    bomb(target, "followup.json", 64 << 20)
    code, out = verify(target)
    assert code == 2 and "“followup.json”解压后过大（64 MB，上限 16 MB）" in out, out
