"""The notice of a cancelled meeting (取消会议说明), filed with the county so that the meeting's
number is accounted for (R11: numbers are never reused, a gap must be explained).

It travels as a filing package of kind "cancellation": the signed notice PDF (PDF/A) as
record.pdf, manifest.json and manifest.xml, and no log (the meeting never started). What the
notice states is in the manifest ("cancellation"); the notice's fingerprint, the SHA-256 of those
facts, is printed in the PDF's keywords under the digital signature, as a record's fingerprint
is, so the facts cannot be changed without breaking the signature or the match.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from meetingdesk.domain import DomainError, canonical_json, check_number
from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.package import (FORMAT, FORMAT_VERSION, MANIFEST_PATH, MANIFEST_XML_PATH,
                                        PDF_PATH, RETENTION, _json, file_format, manifest_xml,
                                        sha256)
from meetingdesk.record.pdf import FINGERPRINT_KEY, MEETING_KEY
from meetingdesk.record.sm3 import sm3

KIND = "cancellation"
FACT_FIELDS = {"uid": str, "unit": str, "meeting_type": str, "meeting_type_name": str,
               "year": int, "number": int, "title": str, "planned_at": str, "reason": str,
               "cancelled_by": str, "cancelled_at": str}


@dataclass(frozen=True)
class Cancellation:
    """What the notice states: the meeting as planned, and who cancelled it, when and why."""

    uid: str
    unit: str
    meeting_type: str  # the type's code
    meeting_type_name: str
    year: int
    number: int
    title: str
    planned_at: str  # ISO time with offset
    reason: str
    cancelled_by: str
    cancelled_at: str

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in FACT_FIELDS}

    @classmethod
    def from_dict(cls, d: Any) -> Cancellation | None:
        """The facts of a manifest, or None if any is missing or of the wrong type."""
        if not isinstance(d, dict) or set(d) != set(FACT_FIELDS) or any(
                not isinstance(d[k], t) or isinstance(d[k], bool) for k, t in FACT_FIELDS.items()):
            return None
        try:  # what the notice prints and the county files: times, and a number in range
            check_number(d["number"])
            for key in ("planned_at", "cancelled_at"):
                datetime.fromisoformat(d[key])
        except (DomainError, ValueError):
            return None
        return cls(**d)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(canonical_json(self.as_dict()).encode("utf-8")).hexdigest()

    @property
    def planned_on(self) -> date:
        return datetime.fromisoformat(self.planned_at).date()

    @property
    def document_title(self) -> str:
        return f"{self.unit}{self.title}取消会议说明"


def render_notice(c: Cancellation) -> bytes:
    """The notice as a PDF/A document (A4), ready for signing."""
    from meetingdesk.record.pdfa import archival_document

    font = register_font(find_cjk_font())
    body = ParagraphStyle("body", fontName=font, fontSize=14, leading=26, wordWrap="CJK",
                          firstLineIndent=28)
    title = ParagraphStyle("title", parent=body, fontSize=22, leading=34, alignment=TA_CENTER,
                           firstLineIndent=0)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    planned = datetime.fromisoformat(c.planned_at)
    cancelled = datetime.fromisoformat(c.cancelled_at)
    story = [p(f"{c.unit}", title), p("取消会议说明", title), Spacer(0, 8 * mm),
             p(f"原定于{_date(planned)} {planned:%H:%M}召开的{c.title}已取消，未召开。"),
             p(f"取消原因：{c.reason}"),
             p(f"经办人：{c.cancelled_by}，取消时间：{_date(cancelled)} {cancelled:%H:%M}。"),
             p(f"{c.year}年{c.meeting_type_name}第{c.number}次的编号不再使用，特此说明。"),
             Spacer(0, 16 * mm), p(f"{c.unit}", plain), p(_date(cancelled), plain),
             Spacer(0, 10 * mm), p(f"说明指纹：{c.fingerprint}",
                                   ParagraphStyle("small", parent=plain, fontSize=8, leading=12))]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                      topMargin=37 * mm, bottomMargin=35 * mm, title=c.document_title,
                      author=c.unit, subject=f"{c.meeting_type_name}取消会议说明",
                      creator="MeetingDesk 会议纪实台", lang="zh-CN", initialFontName=font,
                      keywords=[f"{FINGERPRINT_KEY}{c.fingerprint}", f"{MEETING_KEY}{c.uid}"]
                      ).build(story)
    return archival_document(out.getvalue(), c.planned_on, c.fingerprint, c.uid)


def _date(at: datetime) -> str:
    return f"{at.year}年{at.month}月{at.day}日"


def description(c: Cancellation, file_count: int) -> dict[str, Any]:
    return {"title": c.document_title, "creator": c.unit, "date": c.planned_on.isoformat(),
            "retention": RETENTION, "file_count": file_count}


def build_notice_package(pdf: bytes, c: Cancellation, created_at: datetime) -> bytes:
    """The cancellation package's bytes: the signed notice and its manifests."""
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION, "kind": KIND,
        "meeting": {"uid": c.uid, "unit": c.unit, "title": c.title,
                    "date": c.planned_on.isoformat()},
        "archival": description(c, 1), "cancellation": c.as_dict(),
        "fingerprint": c.fingerprint, "events": 0,
        "created_at": created_at.isoformat(timespec="seconds"),
        "parts": [{"path": PDF_PATH, "role": "record", "name": "", "format": file_format(PDF_PATH),
                   "size": len(pdf), "sha256": sha256(pdf), "sm3": sm3(pdf)}],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST_PATH, _json(manifest))
        zf.writestr(MANIFEST_XML_PATH, manifest_xml(manifest))
        zf.writestr(PDF_PATH, pdf)
    return out.getvalue()
