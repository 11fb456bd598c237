"""Reading a filing package's ZIP as if it were hostile: nothing is decompressed before the
directory is judged, and nothing is decompressed beyond the limits.

The directory is judged first (its size, the number of entries, each name against the package's
layout, duplicates, encryption, the compression method, each declared size and the ratio of
declared to compressed size), then every entry is streamed in chunks through SHA-256 and SM3,
stopping as soon as it exceeds what was declared or allowed (a ZIP may lie about sizes). Only the
parts the check reads (manifests, logs, rules, PDF) are kept in memory; material files are only
hashed. Every failure is a ``PackageReadError`` in our own words: a library's message (often
English, sometimes misleading) is never shown.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from meetingdesk.record.sm3 import new_sm3

MiB = 1 << 20
MAX_PACKAGE_BYTES = 1024 * MiB  # the ZIP file itself
MAX_TOTAL_BYTES = 512 * MiB  # all entries, decompressed
MAX_DIRECTORY_BYTES = 4 * MiB  # the central directory: about 30 000 entries
MAX_ENTRIES = 1000
MAX_RATIO = 100  # decompressed : compressed, for an entry over RATIO_FLOOR
RATIO_FLOOR = MiB  # smaller entries may compress as well as they like (JSON does)
CHUNK = 256 * 1024

# name -> largest size allowed; material files match ATTACHMENT instead.
KEPT_PARTS = {"manifest.json": MiB, "manifest.xml": 4 * MiB, "events.json": 64 * MiB,
              "rules.json": MiB, "followup.json": 16 * MiB, "record.pdf": 128 * MiB}
ATTACHMENT = re.compile(r"attachments/(\d{2,4})-([^/\\\x00-\x1f]{1,200})")
MAX_ATTACHMENT_BYTES = 256 * MiB
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class PackageReadError(ValueError):
    """The package (or a file a record PDF carries) cannot be read safely. ``aspect`` is the
    四性 aspect it fails (integrity for a damaged or ill-formed file, security for a bomb or an
    encryption); ``readable`` is False when nothing in it could be checked (exit 2), True when
    it was read but breaks the expected layout (a duplicate or unexpected entry, a malformed
    manifest: not valid, exit 1)."""

    def __init__(self, zh: str, en: str, aspect: str = "integrity", readable: bool = False):
        super().__init__(en)
        self.zh, self.en, self.aspect, self.readable = zh, en, aspect, readable


@dataclass(frozen=True)
class Entry:
    """One file of the package as read: its digests and size, and its bytes if kept."""

    name: str
    size: int
    sha256: str
    sm3: str
    data: bytes | None


def read_entries(fp: BinaryIO) -> dict[str, Entry]:
    """Every entry of the package in ``fp`` (a seekable binary file), checked and hashed."""
    infos = _directory(fp)
    try:
        with zipfile.ZipFile(fp) as zf:
            return {info.filename: _read(zf, info) for info in infos}
    except PackageReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, RuntimeError, ValueError, struct.error, UnicodeError):
        raise PackageReadError("备案包已损坏：其中的文件无法解压或校验不符（CRC）",
                               "the package is damaged: an entry cannot be decompressed or "
                               "fails its CRC") from None


def check_package_size(size: int) -> None:
    """A package file of ``size`` bytes is not read at all when over the limit."""
    if size > MAX_PACKAGE_BYTES:
        raise PackageReadError(f"备案包过大（{size // MiB} MB，上限 {MAX_PACKAGE_BYTES // MiB} MB）",
                               f"the package is too large ({size // MiB} MB, at most "
                               f"{MAX_PACKAGE_BYTES // MiB} MB)", aspect="security")


def _directory(fp: BinaryIO) -> list[zipfile.ZipInfo]:
    """The ZIP's entries, judged before anything is decompressed."""
    fp.seek(0, 2)
    size = fp.tell()
    check_package_size(size)
    end = _check_end_record(fp, size)
    try:
        with zipfile.ZipFile(fp) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            struct.error, UnicodeError, NotImplementedError, RuntimeError):
        raise PackageReadError("备案包无法读取：不是完好的 ZIP 文件（可能已损坏或被截断）",
                               "the package cannot be read: not a sound ZIP file (damaged or "
                               "truncated?)") from None
    if end != size - 22 or min((i.header_offset for i in infos), default=0) != 0:
        # bytes no entry accounts for (a PDF before the ZIP, a comment or data after it) would be
        # filed unchecked, and make a file that verify reads as something else
        raise PackageReadError("备案包的 ZIP 之外还有其他数据（如前置的 PDF 或附加的内容），不是单纯的备案包",
                               "the package holds data outside its ZIP entries (a PDF before it, "
                               "a comment or data after it): not a plain filing package",
                               readable=True)
    if not _entries_adjoin(fp, infos, end):
        # the same, hidden inside: bytes between one entry and the next, or before the directory
        raise PackageReadError("备案包的 ZIP 文件之间夹有不属于任何文件的数据，不是单纯的备案包",
                               "the package holds bytes between its ZIP entries that belong to "
                               "no entry: not a plain filing package", readable=True)
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in names:
            raise PackageReadError(f"备案包中有两个同名文件“{name}”：无法确定哪一个是原件",
                                   f"the package holds two entries named '{name}': which one "
                                   "is the original cannot be told", readable=True)
        names.add(name)
        limit = _limit(name)
        if limit is None:
            raise PackageReadError(f"备案包中有不应有的文件“{shown(name)}”",
                                   f"the package holds an unexpected entry '{shown(name)}'",
                                   readable=True)
        if info.flag_bits & 0x1:
            raise PackageReadError(f"备案包中的文件“{name}”已加密，无法检查",
                                   f"the entry '{name}' is encrypted and cannot be checked",
                                   aspect="security")
        if info.compress_type not in COMPRESSIONS:
            raise PackageReadError(f"备案包中的文件“{name}”使用了不支持的压缩方式",
                                   f"the entry '{name}' uses an unsupported compression method")
        if info.file_size > limit:
            raise PackageReadError(
                f"备案包中的文件“{name}”解压后过大（{info.file_size // MiB} MB，上限 {limit // MiB} MB）",
                f"the entry '{name}' is too large decompressed ({info.file_size // MiB} MB, at "
                f"most {limit // MiB} MB)", aspect="security")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageReadError(
                f"备案包中的文件“{name}”压缩比异常（超过 {MAX_RATIO}:1），疑为压缩炸弹",
                f"the entry '{name}' has an abnormal compression ratio (over {MAX_RATIO}:1): "
                "a ZIP bomb?", aspect="security")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageReadError(f"备案包解压后总计过大（{total // MiB} MB，上限 {MAX_TOTAL_BYTES // MiB} MB）",
                               f"the package is too large decompressed ({total // MiB} MB, at "
                               f"most {MAX_TOTAL_BYTES // MiB} MB)", aspect="security")
    return infos


def _check_end_record(fp: BinaryIO, size: int) -> int:
    """Refuse a directory too large to list before zipfile lists it (its entries cost memory).
    A ZIP64 end record (over 65 535 entries or 4 GB) is more than a package ever needs. Returns
    where the end record starts (-1 if there is none)."""
    tail_size = min(size, 22 + 0xFFFF)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return -1  # zipfile will say it is not a ZIP
    count, directory_size = struct.unpack("<HI", tail[at + 10:at + 16])
    if count == 0xFFFF or directory_size == 0xFFFFFFFF or count > MAX_ENTRIES \
            or directory_size > MAX_DIRECTORY_BYTES:
        raise PackageReadError("备案包中的文件过多或目录过大",
                               "the package has too many entries or too large a directory",
                               aspect="security")
    return size - tail_size + at


def _entries_adjoin(fp: BinaryIO, infos: list[zipfile.ZipInfo], end: int) -> bool:
    """Whether every entry (local header, data, data descriptor) starts where the one before
    it ends, the central directory right after the last, and the end record after it."""
    fp.seek(end + 12)
    directory_size, directory_at = struct.unpack("<II", fp.read(8))
    at = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        fp.seek(info.header_offset)
        header = fp.read(30)
        if info.header_offset != at or len(header) < 30 or header[:4] != b"PK\x03\x04":
            return False
        name_size, extra_size = struct.unpack("<HH", header[26:30])
        at = info.header_offset + 30 + name_size + extra_size + info.compress_size
        if info.flag_bits & 0x08:  # sizes in a descriptor after the data (a streamed entry;
            fp.seek(at)           # never ZIP64 within the limits above)
            at += 16 if fp.read(4) == b"PK\x07\x08" else 12
    return at == directory_at and directory_at + directory_size == end


def _limit(name: str) -> int | None:
    if name in KEPT_PARTS:
        return KEPT_PARTS[name]
    return MAX_ATTACHMENT_BYTES if ATTACHMENT.fullmatch(name) and ".." not in name else None


def shown(name: str) -> str:
    """A name from the package as safe to print: no control characters, not too long."""
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return clean if len(clean) <= 80 else clean[:77] + "..."


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Entry:
    declared = info.file_size
    sha, sm = hashlib.sha256(), new_sm3()
    keep = info.filename in KEPT_PARTS
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > declared:  # zipfile stops at the declared size; this is a second guard
                raise PackageReadError(f"备案包中的文件“{info.filename}”比声明的更大",
                                       f"the entry '{info.filename}' is larger than declared",
                                       aspect="security")
            sha.update(chunk)
            sm.update(chunk)
            if keep:
                chunks.append(chunk)
    return Entry(info.filename, size, sha.hexdigest(), sm.hexdigest(),
                 b"".join(chunks) if keep else None)
