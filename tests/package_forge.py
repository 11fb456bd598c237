"""A forger's tools for filing packages: read one into a dict of entries, write one back, and
make its manifests agree with whatever content the forger put in (sizes, SHA-256, SM3, XML)."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
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


def bomb(path: Path, name: str, size: int, declared: int | None = None) -> None:
    """A ZIP holding one entry ``name`` of ``size`` zero bytes, deflated (about 1000:1), that
    says it holds ``declared`` bytes (default: the truth). Written block by block: a block of
    zeros deflated after a full flush always compresses to the same bytes, so a gigabyte costs
    one block's compression and a CRC pass."""
    block = b"\0" * (1 << 20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    blocks, rest = divmod(size, len(block))
    assert rest == 0
    crc = 0
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    tail = squeeze.flush()
    compressed = len(packed) * blocks + len(tail)
    usize = size if declared is None else declared
    raw = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, compressed,
                        usize, len(raw), 0) + raw
    with path.open("wb") as out:
        out.write(local)
        for _ in range(blocks):
            out.write(packed)
        out.write(tail)
        directory = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21,
                                crc, compressed, usize, len(raw), 0, 0, 0, 0, 0, 0) + raw
        start = out.tell()
        out.write(directory)
        out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), start, 0))


def with_hidden_bytes(package: bytes, before_entry: int | None, hidden: bytes) -> bytes:
    """``package`` with ``hidden`` inserted just before its entry number ``before_entry`` (None:
    after the last entry, before the central directory), every offset after it moved along:
    each entry still reads, with its CRC."""
    end = package.rindex(b"PK\x05\x06")
    directory_size, directory_at = struct.unpack("<II", package[end + 12:end + 20])
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        offsets = sorted(info.header_offset for info in zf.infolist())
    at = directory_at if before_entry is None else offsets[before_entry]
    directory = bytearray(package[directory_at:directory_at + directory_size])
    record = 0
    while record < len(directory):  # each central directory record: shift its local offset
        (offset,) = struct.unpack_from("<I", directory, record + 42)
        if offset >= at:
            struct.pack_into("<I", directory, record + 42, offset + len(hidden))
        names = struct.unpack_from("<HHH", directory, record + 28)
        record += 46 + sum(names)
    tail = bytearray(package[end:])
    struct.pack_into("<I", tail, 16, directory_at + len(hidden))
    return package[:at] + hidden + package[at:directory_at] + bytes(directory) + bytes(tail)
