"""The filing package (备案包): one ZIP file for the county.

    record.pdf          the signed record
    events.json         the meeting's event log, every event as sealed (Event.as_dict)
    rules.json          the rule set in force (as frozen into the log's first event)
    attachments/NN-名称  the items' material files
    manifest.json       format, meeting, fingerprint, and the SHA-256 and size of every part

The manifest is not signed itself; the signed PDF anchors the rest: it prints the fingerprint
(the hash at the head of the log, which covers every event and so the rule set) and lists the
SHA-256 of every attached file.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

from meetingdesk.domain import Event

FORMAT = "meetingdesk-filing"
FORMAT_VERSION = 1
PDF_PATH = "record.pdf"
EVENTS_PATH = "events.json"
RULES_PATH = "rules.json"
MANIFEST_PATH = "manifest.json"
ATTACHMENTS_DIR = "attachments/"
SUFFIX = ".mdpkg"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def build_package(pdf: bytes, events: Sequence[Event], rules: dict[str, Any],
                  attachments: Sequence[Attachment], created_at: datetime) -> bytes:
    """The package's bytes. ``events`` is the whole log the PDF was made from."""
    head = events[-1]
    start = events[0].payload
    parts: list[tuple[str, str, str, bytes]] = [  # path, role, original name, content
        (PDF_PATH, "record", "", pdf),
        (EVENTS_PATH, "events", "", _json([e.as_dict() for e in events])),
        (RULES_PATH, "rules", "", _json(rules)),
    ]
    parts += [(f"{ATTACHMENTS_DIR}{n:02d}-{a.name}", "attachment", a.name, a.data)
              for n, a in enumerate(attachments, 1)]
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION,
        "meeting": {"uid": head.meeting_uid, "unit": start["unit"]["name"],
                    "title": start["title"]},
        "fingerprint": head.hash, "events": len(events),
        "created_at": created_at.isoformat(timespec="seconds"),
        "parts": [{"path": path, "role": role, "name": name, "sha256": sha256(data),
                   "size": len(data)} for path, role, name, data in parts],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST_PATH, _json(manifest))
        for path, _, _, data in parts:
            zf.writestr(path, data)
    return out.getvalue()


@dataclass(frozen=True)
class Package:
    """A package as read: its manifest and the content of every file in it."""

    manifest: dict[str, Any]
    files: dict[str, bytes]


class PackageFormatError(ValueError):
    """Not a readable filing package: (Chinese, English)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def read_package(data: bytes) -> Package:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            files = {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise PackageFormatError(f"备案包无法读取（ZIP 文件损坏）：{exc}",
                                 f"the package cannot be read (damaged ZIP): {exc}") from exc
    try:
        manifest = json.loads(files.pop(MANIFEST_PATH))
    except KeyError:
        raise PackageFormatError("备案包中没有 manifest.json", "the package has no manifest.json")
    except ValueError as exc:
        raise PackageFormatError(f"manifest.json 格式错误：{exc}",
                                 f"manifest.json is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageFormatError("不是会议纪实台的备案包（manifest.json 格式不符）",
                                 "not a MeetingDesk filing package (unknown manifest format)")
    return Package(manifest, files)
