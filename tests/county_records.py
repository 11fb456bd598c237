"""Crafted rows of a county archive's index, written straight into its tables (for the
supervision signals' tests and benchmark): units, packages that carry a rule set and a record
PDF, meetings, items, attendance, stances and corrections."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert

from meetingdesk.county import models as cm
from meetingdesk.county.archive import open_archive
from meetingdesk.record.package import PDF_PATH, RULES_PATH
from meetingdesk.services.setup import default_settings
from meetingdesk.store.database import Database

CST = timezone(timedelta(hours=8))
TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids"
            b"[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"
            b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def new_archive(url: str) -> Database:
    """An archive as far as the signals need one: the tables, and the row that makes it one
    (its root certificate is not used here)."""
    db = open_archive(url, create=True)
    with db.transaction(write=True) as conn:
        conn.execute(insert(cm.Archive).values(name="测试县", root_certificate=b"-",
                                               root_key=b"-", root_sha256="0" * 64))
    return db


def package_bytes(regular: int = 50000, project: int = 200000) -> bytes:
    """A package as far as the signals read one: its rule set and its record PDF."""
    rules = dict(default_settings()["rule_set"], regular_spending_threshold=str(regular),
                 project_funds_threshold=str(project))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(RULES_PATH, json.dumps(rules, ensure_ascii=False))
        z.writestr(PDF_PATH, TINY_PDF)
    return out.getvalue()


class Rows:
    """Writes index rows one at a time through a connection; ids come back for assertions."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.batch = self._add(cm.ReceiptBatch, received_at=_iso(date(2026, 1, 1)),
                               source="test")
        self.packages: dict[int, bytes] = {}
        self.numbers: dict[tuple[int, str], int] = {}

    def _add(self, model: Any, **values: Any) -> int:
        return self.conn.execute(insert(model).values(**values)).inserted_primary_key[0]

    def unit(self, name: str, regular: int = 50000, project: int = 200000) -> int:
        unit_id = self._add(cm.Unit, name=name)
        self.packages[unit_id] = package_bytes(regular, project)
        return unit_id

    def meeting(self, unit_id: int, day: date, meeting_type: str = "党委会", chief: str = "王书记",
                current: bool = True, **extra: Any) -> int:
        key = (unit_id, meeting_type)
        number = self.numbers[key] = self.numbers.get(key, 0) + 1
        uid = f"u{unit_id}-{meeting_type}-{number}-{current}"
        package = self._add(
            cm.FiledPackage, batch_id=self.batch, sha256=f"{uid:0>64}"[-64:].replace("-", "0"),
            data=self.packages[unit_id], file_name=f"{uid}.mdpkg", received_at=_iso(day),
            unit_id=unit_id, meeting_uid=uid, fingerprint="0" * 64, kind="record",
            certificate_sha256="0" * 64, log_entries=10)
        return self._add(
            cm.FiledMeeting, package_id=package, unit_id=unit_id, meeting_uid=uid,
            meeting_type=meeting_type, meeting_type_name=meeting_type, year=day.year,
            number=number,
            title=f"{day.year}年第{number}次{meeting_type}", held_on=day.isoformat(), chief=chief,
            current=current, cancelled=False, received_at=_iso(day), **extra)

    def uid(self, meeting_id: int) -> str:
        from sqlalchemy import select

        return self.conn.execute(select(cm.FiledMeeting.meeting_uid).where(
            cm.FiledMeeting.id == meeting_id)).scalar_one()

    def item(self, meeting_id: int, no: int, title: str, amount: int | str | None = None,
             **fields: Any) -> int:
        values = dict(kind="decision", category="general", mode="vote", outcome="passed",
                      major=False)
        values.update(fields)
        return self._add(cm.FiledItem, meeting_id=meeting_id, no=no, title=title,
                         amount=None if amount is None else Decimal(str(amount)), **values)

    def attend(self, meeting_id: int, member: str, status: str = "present",
               is_chief: bool = False, reason: str | None = None) -> None:
        self._add(cm.FiledAttendance, meeting_id=meeting_id, member=member, is_chief=is_chief,
                  status=status, reason=reason)

    def stance(self, item_id: int, member: str, stance: str | None, is_chief: bool = False,
               kind: str = "opinion", seq: int = 1) -> None:
        self._add(cm.FiledOpinion, item_id=item_id, seq=seq, at=_iso(date(2026, 1, 1)),
                  member=member, is_chief=is_chief, kind=kind, stance=stance, words="……")

    def correction(self, meeting_id: int, at: datetime, after_closing: bool = True,
                   reason: str = "记录有误", text: str = "更正") -> None:
        self._add(cm.FiledCorrection, meeting_id=meeting_id, at=at.isoformat(), author="李记录",
                  reason=reason, text=text, after_closing=after_closing)


def _iso(day: date) -> str:
    return datetime.combine(day, time(9), CST).isoformat()


def crafted(rows: Rows) -> dict[str, int]:
    """Two units' 2026 with one known answer per signal; the ids, by name, for assertions."""
    ids: dict[str, int] = {}
    east = ids["east"] = rows.unit("东陈乡")
    west = ids["west"] = rows.unit("西周镇", regular=30000)  # its own rule set's threshold
    m1 = ids["m1"] = rows.meeting(east, date(2026, 3, 2))
    ids["major"] = rows.item(m1, 1, "拨付道路修缮资金", 80000, category="funds", major=True,
                             area="工程建设")
    ids["under"] = rows.item(m1, 2, "采购防汛物资", 47000, area="水利")
    ids["deferred"] = rows.item(m1, 3, "调整村级办公用房", outcome="deferred",
                                deferral_reason="需进一步调研")
    ids["never"] = rows.item(m1, 4, "引进养殖项目", outcome="deferred",
                             deferral_reason="意见分歧较大")
    m2 = ids["m2"] = rows.meeting(east, date(2026, 3, 20))
    ids["returned"] = rows.item(m2, 1, "调整村级办公用房", carried_from_uid=rows.uid(m1),
                                carried_from_no=3)
    ids["part1"] = rows.item(m2, 2, "修缮文化礼堂（一期）", 20000, area="工程建设")
    m3 = ids["m3"] = rows.meeting(east, date(2026, 4, 10))
    ids["part2"] = rows.item(m3, 1, "修缮文化礼堂（二期）", 35000, area="工程建设")
    m4 = ids["m4"] = rows.meeting(east, date(2026, 5, 5), meeting_type="乡镇长办公会")
    ids["against"] = rows.item(m4, 1, "调整垃圾清运方案", mode="head", head_decision="agree",
                               head_reason="已征得群众同意", against_majority=True, agree=1,
                               disagree=4)
    old = rows.meeting(east, date(2026, 5, 5), meeting_type="乡镇长办公会", current=False)
    rows.item(old, 1, "调整垃圾清运方案", mode="head", head_decision="agree",
              against_majority=True)  # superseded by its correction: not counted
    m5 = ids["m5"] = rows.meeting(west, date(2026, 6, 1))
    ids["west_under"] = rows.item(m5, 1, "购置办公设备", 28000)
    for n, m in enumerate((m1, m2, m3, m4)):
        rows.attend(m, "王书记", "absent" if m == m3 else "present", is_chief=True,
                    reason="出差" if m == m3 else None)
        rows.attend(m, "张委员", "late" if n == 1 else "present")
        rows.attend(m, "李委员")
    rows.attend(m5, "赵镇长", is_chief=True)
    for item in (ids["major"], ids["under"], ids["part1"], ids["part2"]):
        rows.stance(item, "张委员", "agree")
        rows.stance(item, "李委员", "disagree" if item == ids["major"] else "agree")
        rows.stance(item, "王书记", "agree", is_chief=True)
        rows.stance(item, "王书记", None, is_chief=True, kind="remark")
    rows.correction(m2, datetime(2026, 3, 25, 10, 0, tzinfo=CST))
    rows.correction(m3, datetime(2026, 4, 10, 11, 0, tzinfo=CST), after_closing=False)
    return ids
