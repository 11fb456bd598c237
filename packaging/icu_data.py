"""A smaller ICU data library for the bundle: Qt's libicudata with only what Qt asks of it.

    python packaging/icu_data.py LIBICUDATA OUT      # writes OUT (the same soname), prints sizes

PySide6's Qt links ICU, and libicudata.so.NN is 32 MB of data for every locale ICU knows: break
iterators and their dictionaries, transliteration, number spelling, the names of currencies,
units, languages and regions in 800 locales, 230 legacy converters. Qt calls ICU for four things
only (the ICU symbols libQt6Core imports; no other Qt library imports any): collation
(QCollator, which Qt's file dialog and model sorting use), case mapping (its tables are compiled
into libicuuc), time zone display names, and converters for encodings Qt has no codec of its
own for. The program runs in Chinese or English (meetingdesk/ui/i18n.py sets QLocale's default
to zh_CN or en_GB), so the data kept is: the locale tree's root and the zh and en locales,
collation (the root order and the zh tailorings: pinyin, stroke), time zone names and rules,
the supplemental data ICU resolves locales with, and the converter alias table with the two
Chinese national encodings (GB18030, GBK). About 3 MB.

The library holds one ICU "common data" package (format CmnD 1: a data header, a table of
contents of item names and offsets, the items, each 16-byte aligned) in the symbol
icudtNN_dat, which libicuuc links to. The package is rewritten with the kept items and put in a
library of the same soname with GNU as and ld (binutils, which the build has anyway for
objdump), so nothing else of ICU or Qt changes.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# Item names inside the package, without its "icudtNNl/" prefix.
KEPT = re.compile(r"""^(
    (res_index|root|pool|supplementalData|likelySubtags|langInfo|metaZones|timezoneTypes
     |zoneinfo64|windowsZones|keyTypeData|numberingSystems|icuver|icustd)\.res
  | (zh|en)(_\w+)?\.res
  | cnvalias\.icu | gb18030\.cnv | windows-936-2000\.cnv
  | coll/((res_index|root)\.res | ucadata\.icu | (zh|en)(_\w+)?\.res)
  | zone/((res_index|root|pool|tzdbNames)\.res | (zh|en)(_\w+)?\.res)
)$""", re.X)

ALIGN = 16


def data_symbol(library: Path) -> tuple[str, int]:
    """(name, size) of the icudtNN_dat symbol `library` exports."""
    listing = subprocess.run(["nm", "-D", "-S", "--defined-only", str(library)],
                             capture_output=True, text=True, check=True).stdout
    match = re.search(r"^[0-9a-f]+ ([0-9a-f]+) \w (icudt\d+_dat)$", listing, re.M)
    if not match:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    return match.group(2), int(match.group(1), 16)


def package_of(library: Path) -> tuple[str, bytes]:
    """The symbol's name and the common data package it holds."""
    symbol, size = data_symbol(library)
    raw = library.read_bytes()
    # The package starts with its header: headerSize, magic 0xda27, UDataInfo with "CmnD".
    start = raw.find(b"CmnD") - 12
    if start < 0 or raw[start + 2:start + 4] != b"\xda\x27":
        raise ValueError(f"{library}: no ICU common data package")
    return symbol, raw[start:start + size]


def items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its (name, data) items, in table order."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    toc = package[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(toc)]
    found = []
    for (name_at, data_at), end in zip(entries, ends):
        name = toc[name_at:toc.index(b"\0", name_at)].decode("ascii")
        found.append((name, toc[data_at:end]))
    return package[:header_size], found


def pack(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """A package of `kept` items (names stay sorted, as ICU looks them up by binary search)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    table = 4 + 8 * len(kept)
    first = table + len(names)
    first += -first % ALIGN
    offsets, data, name_at = [], b"", table
    for name, item in kept:
        offsets.append((name_at, first + len(data)))
        name_at += len(name) + 1
        data += item + b"\0" * (-len(item) % ALIGN)
    toc = struct.pack("<I", len(kept)) + b"".join(struct.pack("<II", *o) for o in offsets)
    toc += names
    toc += b"\0" * (first - len(toc))
    return header + toc + data


def trimmed(package: bytes) -> tuple[bytes, int]:
    """The package with the KEPT items only, and how many items it keeps."""
    header, found = items(package)
    kept = [(name, data) for name, data in found if KEPT.match(name.split("/", 1)[1])]
    return pack(header, kept), len(kept)


def soname_of(library: Path) -> str:
    dump = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True,
                          check=True).stdout
    return re.search(r"^\s+SONAME\s+(\S+)", dump, re.M).group(1)


def write_library(symbol: str, package: bytes, soname: str, out: Path) -> None:
    """A shared library exporting `symbol` with `package` as its contents."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "data.bin").write_bytes(package)
        (folder / "data.s").write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, STT_OBJECT\n'
            f'\t.balign {ALIGN}\n{symbol}:\n\t.incbin "data.bin"\n'
            f'\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",%progbits\n')
        subprocess.run(["as", "-o", "data.o", "data.s"], cwd=folder, check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-o", str(out.resolve()), "data.o"],
                       cwd=folder, check=True)


def make(library: Path, out: Path) -> tuple[int, int]:
    """Write the smaller library for `library` to `out`; returns (items kept, items before)."""
    symbol, package = package_of(library)
    smaller, kept = trimmed(package)
    write_library(symbol, smaller, soname_of(library), out)
    return kept, len(items(package)[1])


def main(argv: list[str]) -> int:
    library, out = Path(argv[0]), Path(argv[1])
    kept, before = make(library, out)
    print(f"{out}: {kept} of {before} items, {out.stat().st_size / 1e6:.1f} MB "
          f"(was {library.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
