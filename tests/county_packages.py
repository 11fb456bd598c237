"""Real filing packages for the county's tests, made once through the township's services:
a unit's meetings 1 and 3 (2 was prepared and dropped: a gap), meeting 1 again after a
correction, forgeries of meeting 1, and a package of a unit the county has not registered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from meetingdesk.county.archive import open_archive
from meetingdesk.county.models import Archive
from meetingdesk.county.trust import add_certificate
from meetingdesk.domain import Event, Meeting, seal
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.pdfa import archival_pdf
from meetingdesk.record.signing import create_unit_certificate, load_p12, sign_pdf
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from meetingdesk.store.database import Database
from package_forge import parts, refit, write
from test_export_package import PASSPHRASE, TZ

UNIT = "东湖镇党委"
STRANGER = "西岭乡党委"
COUNTY = "青山县"
MEMBERS = [("王堃", "党委书记"), ("李玥", "镇长"), ("张珺", "副镇长")]


@dataclass
class Stick:
    """A USB stick's worth of packages, and the unit's certificate (DER)."""

    folder: Path
    first: Path  # meeting 1 as closed
    corrected: Path  # meeting 1 after a correction (a longer log)
    third: Path  # meeting 3 (2 was dropped)
    resigned: Path  # meeting 1 re-signed with a self-made certificate named like the unit
    rehashed: Path  # meeting 1 with an edited opinion, chain re-hashed, PDF re-rendered, re-signed
    stranger: Path  # a unit with no certificate on the county's register
    certificate: bytes


def make_stick(folder: Path) -> Stick:
    for sub in ("stick", "later"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    clock = iter(datetime(2026, 5, 6, 9, 0, tzinfo=TZ) + timedelta(minutes=k)
                 for k in range(5000))
    desk = Desk.open(f"sqlite:///{folder / 'township.sqlite3'}", clock=lambda: next(clock))
    records = Records(desk)
    try:
        unit, ids = _unit(desk, UNIT)
        records.create_certificate(unit, PASSPHRASE)
        first = _closed_meeting(desk, unit, ids, "2026-05-06T09:00:00+08:00", "同意修缮村道。")
        records.export(first, package_path=folder / "stick" / "m1.mdpkg", passphrase=PASSPHRASE)
        desk.create_meeting(unit, "party_committee", "2026-05-20T09:00:00+08:00",
                            "镇政府会议室", ids[0], "刘岚")  # prepared, then dropped: number 2
        third = _closed_meeting(desk, unit, ids, "2026-06-03T09:00:00+08:00", "同意购置农机。")
        records.export(third, package_path=folder / "stick" / "m3.mdpkg", passphrase=PASSPHRASE)
        desk.add_correction(first, "刘岚", "记录笔误", "议题一的金额应为四万元。")
        records.export(first, package_path=folder / "later" / "m1-corrected.mdpkg",
                       passphrase=PASSPHRASE)
        der = load_p12(records._certificate(unit), PASSPHRASE).signing_cert.dump()
        other, other_ids = _unit(desk, STRANGER)
        records.create_certificate(other, PASSPHRASE)
        elsewhere = _closed_meeting(desk, other, other_ids, "2026-05-08T09:00:00+08:00", "同意。")
        records.export(elsewhere, package_path=folder / "stick" / "other.mdpkg",
                       passphrase=PASSPHRASE)
    finally:
        desk.close()
    stick = folder / "stick"
    resigned, rehashed = stick / "m1-resigned.mdpkg", stick / "m1-rehashed.mdpkg"
    _resign(stick / "m1.mdpkg", resigned, edit=False)
    _resign(stick / "m1.mdpkg", rehashed, edit=True)
    (stick / "m1.pdf").write_bytes(parts(stick / "m1.mdpkg")["record.pdf"])  # not a package
    return Stick(stick, stick / "m1.mdpkg", folder / "later" / "m1-corrected.mdpkg",
                 stick / "m3.mdpkg", resigned, rehashed, stick / "other.mdpkg", der)


def _unit(desk: Desk, name: str) -> tuple[int, list[int]]:
    unit = desk.create_unit(name)
    return unit, [desk.add_member(unit, n, post, rank, rank == 1)
                  for rank, (n, post) in enumerate(MEMBERS, 1)]


def _closed_meeting(desk: Desk, unit: int, ids: list[int], at: str, decision: str) -> int:
    meeting = desk.create_meeting(unit, "party_committee", at, "镇政府会议室", ids[0], "刘岚")
    desk.add_item(meeting, title="村道修缮资金安排", kind="decision", presenter_id=ids[2])
    desk.start_meeting(meeting)
    for member in ids:
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, ids[2], "拟安排村道修缮资金。")
    for member in (ids[2], ids[1], ids[0]):
        desk.record_opinion(meeting, 1, member, "agree", "同意。")
    for member in ids:
        desk.cast_vote(meeting, 1, member, "agree")
    desk.decide(meeting, 1, decision)
    desk.close_meeting(meeting)
    desk.add_signature(meeting, "recorder", "刘岚")
    desk.add_signature(meeting, "chair", "王堃")
    return meeting


def _resign(source: Path, target: Path, edit: bool) -> None:
    """A forger's package: the record signed again with a self-made certificate named like the
    unit; with ``edit``, an opinion changed first, the chain sealed again and the PDF rendered
    anew from the forged log, the manifests refitted."""
    files = parts(source)
    events_json = json.loads(files["events.json"])
    if edit:
        opinion = next(e for e in events_json if e["type"] == "opinion")
        opinion["payload"]["words"] = "同意，并建议追加预算。"
        out, prev = [], "0" * 64
        for d in events_json:
            ev = seal(d["meeting_uid"], d["seq"], d["type"], d["at"], d["member_id"],
                      d["payload"], prev)
            out.append(ev.as_dict())
            prev = ev.hash
        events_json = out
    events = [Event.from_dict(d) for d in events_json]
    state = Meeting.replay(events)
    pdf = archival_pdf(render_minutes(minutes_from_meeting(state, events[-1].hash)), events,
                       state)
    p12 = create_unit_certificate(UNIT, "x")
    files["record.pdf"] = sign_pdf(pdf, p12, "x", reason="伪造", location=UNIT)
    files["events.json"] = json.dumps(events_json, ensure_ascii=False).encode()
    write(target, refit(files, fingerprint=events[-1].hash))


def new_archive(url: str, unit_certificate: bytes | None = None) -> Database:
    """A county archive at ``url`` with ``unit_certificate`` registered for UNIT."""
    db = open_archive(url, create=True)
    with db.session(write=True) as session:
        session.add(Archive(id=1, name=COUNTY, root_certificate=b"-", root_key=b"-",
                            root_sha256="0" * 64))
        if unit_certificate is not None:
            add_certificate(session, UNIT, unit_certificate, "registered")
    return db
