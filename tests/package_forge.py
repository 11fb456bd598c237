"""A forger's tools for filing packages: read one into a dict of entries, write one back, and
make its manifests agree with whatever content the forger put in (sizes, SHA-256, SM3, XML)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from meetingdesk.record.package import manifest_xml
from meetingdesk.record.sm3 import sm3


def parts(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write(package: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)


def refit(files: dict[str, bytes], **manifest_changes: object) -> dict[str, bytes]:
    """``files`` with manifest.json (and manifest.xml, if there is one) describing their
    current content, after applying ``manifest_changes`` to the manifest's top level."""
    manifest = json.loads(files["manifest.json"])
    manifest.update(manifest_changes)
    for part in manifest["parts"]:
        data = files[part["path"]]
        part["size"], part["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        if "sm3" in part:
            part["sm3"] = sm3(data)
    out = {**files, "manifest.json": json.dumps(manifest, ensure_ascii=False).encode()}
    if "manifest.xml" in files:
        out["manifest.xml"] = manifest_xml(manifest)
    return out
