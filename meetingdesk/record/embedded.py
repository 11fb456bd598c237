"""The files a record PDF carries inside itself (PDF/A-3 embedded files, the document's
/EmbeddedFiles name tree): the event log and the rule set, so that the PDF alone is enough to
verify the record. Read as hostile input: the name tree is walked without recursion and within
a count, and each file is inflated only up to a size limit (an embedded stream can be a bomb).
"""

from __future__ import annotations

import zlib
from typing import Any

from meetingdesk.record.pdfa import read_pdf
from meetingdesk.record.safezip import KEPT_PARTS, MiB, PackageReadError

EVENTS_NAME, RULES_NAME = "events.json", "rules.json"
WANTED = {EVENTS_NAME: KEPT_PARTS["events.json"], RULES_NAME: KEPT_PARTS["rules.json"]}
MAX_NODES = 1000  # name-tree nodes visited


def embedded_record_files(pdf: bytes) -> dict[str, bytes]:
    """The event log and rule set embedded in ``pdf``, by name; empty when it carries none (a
    record made before PDF/A-3, or an unreadable PDF: the signature check reports that)."""
    try:
        reader = read_pdf(pdf)
        names = reader.root["/Names"] if "/Names" in reader.root else {}
        specs = _leaves(names["/EmbeddedFiles"]) if "/EmbeddedFiles" in names else []
    except Exception:  # noqa: BLE001 - whatever the parser trips on: no embedded log read
        return {}
    found: dict[str, bytes] = {}
    for name, spec in specs:
        if name in WANTED:
            if name in found:  # which one the record was made from cannot be told
                raise PackageReadError(f"PDF 内嵌了两个名为 {name} 的文件", f"the PDF embeds two "
                                       f"files named {name}", readable=True)
            found[name] = _content(name, spec)
    return found


def _leaves(tree: Any) -> list[tuple[str, Any]]:
    """The (name, file specification) pairs of a name tree, breadth first, without recursion."""
    out, queue, visited = [], [tree], 0
    while queue:
        visited += 1
        if visited > MAX_NODES:
            raise ValueError("name tree too large")
        node = queue.pop(0)
        if "/Names" in node:
            pairs = node["/Names"]
            out += [(str(pairs[i]), pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
        if "/Kids" in node:
            kids = node["/Kids"]
            queue += [kids[i] for i in range(len(kids))]
    return out


def _content(name: str, spec: Any) -> bytes:
    limit = WANTED[name]
    try:
        stream = spec["/EF"]["/F"]
        raw = stream.encoded_data
        filters = stream["/Filter"] if "/Filter" in stream else []
        filters = [filters[i] for i in range(len(filters))] if isinstance(filters, list) \
            else [filters]
        if [str(f) for f in filters] not in ([], ["/FlateDecode"]):
            raise PackageReadError(f"PDF 内嵌的 {name} 使用了不支持的编码方式",
                                   f"the embedded {name} uses an unsupported encoding",
                                   readable=True)
        if filters:
            inflate = zlib.decompressobj()
            data = inflate.decompress(raw, limit + 1)
        else:
            data = raw
    except PackageReadError:
        raise
    except Exception:  # noqa: BLE001 - a damaged stream or specification
        raise PackageReadError(f"PDF 内嵌的 {name} 已损坏，无法读取",
                               f"the embedded {name} is damaged and cannot be read",
                               readable=True) from None
    if len(data) > limit:
        raise PackageReadError(f"PDF 内嵌的 {name} 过大（上限 {limit // MiB} MB）",
                               f"the embedded {name} is too large (at most {limit // MiB} MB)",
                               aspect="security", readable=True)
    return data
