"""The filing package (备案包): one ZIP file for the county, and what an archive checks on receipt.

    record.pdf          the signed record
    events.json         the meeting's event log, every event as sealed (Event.as_dict)
    rules.json          the rule set in force (as frozen into the log's first event)
    followup.json       the unit's follow-up log (督办) as it stood at export, every entry as
                        sealed; only when the unit has one. Its own chain, outside the record:
                        the PDF and its fingerprint do not cover it, so progress reaches the
                        county with the next filing without changing any closed record
    attachments/NN-名称  the items' material files
    manifest.json       format, meeting, archival description, and per part its SHA-256, SM3
                        and size (for programs)
    manifest.xml        the same description and digests as an archival manifest (for the
                        archive, in the spirit of DA/T 46 / DA/T 48: 题名, 责任者, 日期,
                        保管期限 永久, 密级 where set, 文件数, and per file 格式 and 摘要)

A cancelled meeting is filed as a package of kind "cancellation" (notice.py): record.pdf is
the signed notice of the cancellation, and there is no log; a package without "kind" is a record.

Format version 1 (until November 2026) had manifest.json with SHA-256 only and no manifest.xml;
such packages still verify. Version 3 is version 2 with followup.json: a package carrying the
follow-up log says so, so that a program that reads only up to version 2 refuses it (upgrade)
instead of passing over the part it does not know; a package without one stays version 2.
Version 2 packages with followup.json (made before version 3) still verify. Neither manifest is signed itself: the signed PDF anchors the rest.
It prints the fingerprint (the hash at the head of the log, which covers every event and so the
rule set) and lists the SHA-256 of every attached file.
"""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO, Sequence

from meetingdesk.domain import Event, Meeting
from meetingdesk.record.safezip import Entry, PackageReadError, read_entries
from meetingdesk.record.sm3 import sm3

FORMAT = "meetingdesk-filing"
FORMAT_VERSION = 3  # the newest this program reads; what it writes with followup.json
PLAIN_VERSION = 2  # what it writes without one, which programs reading version 2 still read
PDF_PATH = "record.pdf"
EVENTS_PATH = "events.json"
RULES_PATH = "rules.json"
FOLLOWUP_PATH = "followup.json"
MANIFEST_PATH = "manifest.json"
MANIFEST_XML_PATH = "manifest.xml"
ATTACHMENTS_DIR = "attachments/"
SUFFIX = ".mdpkg"
RETENTION = "永久"
ROLES = ("record", "events", "rules", "followup", "attachment")
KINDS = ("record", "cancellation")  # a meeting's record, or the notice of its cancellation
FORMATS = {PDF_PATH: "application/pdf", EVENTS_PATH: "application/json",
           RULES_PATH: "application/json", FOLLOWUP_PATH: "application/json"}
HEX64 = re.compile(r"[0-9a-f]{64}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


@dataclass(frozen=True)
class Description:
    """The archival description of a record (档案著录), as the log says it."""

    title: str  # 题名
    creator: str  # 责任者: the unit
    date: str  # 日期: the meeting's date, YYYY-MM-DD
    retention: str = RETENTION  # 保管期限
    classification: str = ""  # 密级, where the unit sets one

    @classmethod
    def of(cls, state: Meeting, classification: str = "") -> Description:
        header = state.header
        opened = state.opened_at or state.started_at
        return cls(title=f"{header['unit']['name']}{header['title']}会议纪实",
                   creator=header["unit"]["name"],
                   date=opened.date().isoformat() if opened else "",
                   classification=classification)

    def as_dict(self) -> dict[str, str]:
        out = {"title": self.title, "creator": self.creator, "date": self.date,
               "retention": self.retention}
        return {**out, "classification": self.classification} if self.classification else out


def file_format(path: str) -> str:
    return FORMATS.get(path) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def build_package(pdf: bytes, events: Sequence[Event], state: Meeting,
                  attachments: Sequence[Attachment], created_at: datetime,
                  classification: str = "", followup: Sequence[Event] = ()) -> bytes:
    """The package's bytes. ``events`` is the whole log the PDF was made from, ``state`` that
    log replayed; ``followup`` the unit's follow-up log, if it has one."""
    assert state.rules is not None
    head = events[-1]
    parts: list[tuple[str, str, str, bytes]] = [  # path, role, original name, content
        (PDF_PATH, "record", "", pdf),
        (EVENTS_PATH, "events", "", _json([e.as_dict() for e in events])),
        (RULES_PATH, "rules", "", _json(state.header["rule_set"])),
    ]
    if followup:
        parts.append((FOLLOWUP_PATH, "followup", "", _json([e.as_dict() for e in followup])))
    parts += [(f"{ATTACHMENTS_DIR}{n:02d}-{a.name}", "attachment", a.name, a.data)
              for n, a in enumerate(attachments, 1)]
    description = Description.of(state, classification)
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION if followup else PLAIN_VERSION,
        "meeting": {"uid": head.meeting_uid, "unit": description.creator,
                    "title": state.header["title"], "date": description.date},
        "archival": {**description.as_dict(), "file_count": len(parts)},
        "fingerprint": head.hash, "events": len(events),
        "created_at": created_at.isoformat(timespec="seconds"),
        "parts": [{"path": path, "role": role, "name": name, "format": file_format(path),
                   "size": len(data), "sha256": sha256(data), "sm3": sm3(data)}
                  for path, role, name, data in parts],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST_PATH, _json(manifest))
        zf.writestr(MANIFEST_XML_PATH, manifest_xml(manifest))
        for path, _, _, data in parts:
            zf.writestr(path, data)
    return out.getvalue()


# ---- the archival manifest (XML) ----------------------------------------------------------------

XML_FIELDS = (("题名", "title"), ("责任者", "creator"), ("日期", "date"), ("保管期限", "retention"),
              ("密级", "classification"), ("文件数", "file_count"))


def manifest_xml(manifest: dict[str, Any]) -> bytes:
    root = ET.Element("备案包", {"格式": FORMAT, "版本": str(manifest["version"])})
    described = ET.SubElement(root, "档案描述")
    for tag, key in XML_FIELDS:
        if key in manifest["archival"]:
            ET.SubElement(described, tag).text = str(manifest["archival"][key])
    ET.SubElement(described, "记录指纹", {"算法": "SHA-256"}).text = manifest["fingerprint"]
    ET.SubElement(described, "会议标识").text = manifest["meeting"]["uid"]
    for n, part in enumerate(manifest["parts"], 1):
        file = ET.SubElement(root, "文件", {"序号": str(n), "角色": part["role"]})
        ET.SubElement(file, "路径").text = part["path"]
        ET.SubElement(file, "格式").text = part["format"]
        ET.SubElement(file, "大小").text = str(part["size"])
        ET.SubElement(file, "摘要", {"算法": "SM3"}).text = part["sm3"]
        ET.SubElement(file, "摘要", {"算法": "SHA-256"}).text = part["sha256"]
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def parse_manifest_xml(data: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The archival description and the files of a manifest.xml, as text; a DOCTYPE (and so
    any entity, the XML bomb's vehicle) is refused before parsing."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageReadError("manifest.xml 含有文档类型声明（DOCTYPE），不予解析",
                               "manifest.xml has a DOCTYPE declaration; it is not parsed",
                               aspect="security", readable=True)
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise PackageReadError("manifest.xml 不是格式正确的 XML", "manifest.xml is not well-formed XML",
                               readable=True) from None
    described = root.find("档案描述")
    if root.tag != "备案包" or described is None:
        raise PackageReadError("manifest.xml 不是备案包清单", "manifest.xml is not a package manifest",
                               readable=True)
    fields = {key: described.findtext(tag, "") for tag, key in XML_FIELDS}
    fields.update(fingerprint=described.findtext("记录指纹", ""), uid=described.findtext("会议标识", ""),
                  format=root.get("格式", ""), version=root.get("版本", ""))
    files = []
    for file in root.findall("文件"):
        digests = {d.get("算法", ""): d.text or "" for d in file.findall("摘要")}
        files.append({"no": file.get("序号", ""), "role": file.get("角色", ""),
                      "path": file.findtext("路径", ""), "format": file.findtext("格式", ""),
                      "size": file.findtext("大小", ""), "sm3": digests.get("SM3", ""),
                      "sha256": digests.get("SHA-256", "")})
    return fields, files


# ---- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Package:
    """A package as read: its manifest (its shape checked) and every entry, hashed."""

    manifest: dict[str, Any]
    entries: dict[str, Entry]

    @property
    def version(self) -> int:
        return self.manifest["version"]

    def data(self, path: str) -> bytes:
        entry = self.entries[path]
        assert entry.data is not None
        return entry.data


def read_package(fp: BinaryIO) -> Package:
    entries = read_entries(fp)
    if MANIFEST_PATH not in entries:
        raise PackageReadError("备案包中没有 manifest.json", "the package has no manifest.json",
                               readable=True)
    manifest = loads(entries.pop(MANIFEST_PATH).data or b"", MANIFEST_PATH)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageReadError("不是会议纪实台的备案包（manifest.json 格式不符）",
                               "not a MeetingDesk filing package (unknown manifest format)",
                               readable=True)
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _malformed("version")
    if version > FORMAT_VERSION:
        raise PackageReadError("备案包由更新版本的会议纪实台生成，请升级后再验证",
                               "the package was made by a newer MeetingDesk; upgrade to verify it",
                               aspect="usability")
    _check_manifest_shape(manifest)
    return Package(manifest, entries)


def loads(data: bytes, name: str) -> Any:
    """JSON from the package, or a clear refusal (deep nesting included)."""
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise PackageReadError(f"{name} 嵌套层次过深，无法解析", f"{name} is nested too deeply to parse",
                               aspect="security", readable=True) from None
    except ValueError:
        raise PackageReadError(f"{name} 不是有效的 JSON 文件", f"{name} is not valid JSON",
                               readable=True) from None


def _malformed(field: str) -> PackageReadError:
    return PackageReadError(f"manifest.json 格式错误：“{field}”缺失或类型不符",
                            f"manifest.json is malformed: '{field}' is missing or of the wrong "
                            "type", readable=True)


def _check_manifest_shape(manifest: dict[str, Any]) -> None:
    """Every field the check reads has the type it expects, so that no check trips on one."""
    v2 = manifest["version"] >= 2

    def need(holder: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
        value = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _malformed(where)
        return value

    need(manifest, "fingerprint", str, "fingerprint")
    if manifest.get("kind", "record") not in KINDS:  # absent before cancellation notices
        raise _malformed("kind")
    try:
        if datetime.fromisoformat(need(manifest, "created_at", str, "created_at")).tzinfo is None:
            raise ValueError
    except ValueError:
        raise _malformed("created_at") from None
    need(manifest, "events", int, "events")
    meeting = need(manifest, "meeting", dict, "meeting")
    for key in ("uid", "unit", "title") + (("date",) if v2 else ()):
        need(meeting, key, str, f"meeting.{key}")
    if v2:
        archival = need(manifest, "archival", dict, "archival")
        for key in ("title", "creator", "date", "retention"):
            need(archival, key, str, f"archival.{key}")
        if "classification" in archival:
            need(archival, "classification", str, "archival.classification")
        need(archival, "file_count", int, "archival.file_count")
    parts = need(manifest, "parts", list, "parts")
    for n, part in enumerate(parts):
        where = f"parts[{n}]"
        need(part, "path", str, where + ".path")
        need(part, "name", str, where + ".name")
        need(part, "size", int, where + ".size")
        if need(part, "role", str, where + ".role") not in ROLES:
            raise _malformed(where + ".role")
        for digest in ("sha256", "sm3") if v2 else ("sha256",):
            if not HEX64.fullmatch(need(part, digest, str, f"{where}.{digest}")):
                raise _malformed(f"{where}.{digest}")
        if v2:
            need(part, "format", str, where + ".format")
