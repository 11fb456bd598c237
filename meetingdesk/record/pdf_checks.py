"""The PDF-level checks of the 四性 report (DA/T 70): usability and security of a record PDF.

Usability: the file opens, how many pages, every font embedded, and the PDF/A-3b requirements
an archive checks first (identification in XMP, the output intent, XMP equal to the document
information dictionary). Security: not encrypted, no JavaScript or other actions that run or
reach outside (launch, links to the web or to other files, form submission), no embedded files
other than the event log and the rule set the record carries.

Any bytes may come in: a damaged or hostile file gives findings that are not ok, never an
exception. The object graph is walked without recursion and at most MAX_OBJECTS objects deep
into it, streams decode within pdfa.READ_LIMITS, and XML is parsed without entities or
network.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterator, NamedTuple

from lxml import etree
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.record.pdfa import CONFORMANCE, EMBEDDED, PART, read_pdf

MAX_OBJECTS = 200_000  # far more than a record has (a 40-item record: about 300)
RISKY_ACTIONS = {  # action type: what it does, in the finding
    "/JavaScript": "JavaScript 脚本", "/Launch": "启动外部程序", "/URI": "链接到网址",
    "/GoToR": "链接到其他文件", "/GoToE": "链接到嵌入文件", "/SubmitForm": "提交表单到外部",
    "/ImportData": "导入外部数据", "/Rendition": "播放多媒体", "/Sound": "播放声音",
    "/Movie": "播放影片", "/Hide": "隐藏页面内容", "/SetOCGState": "切换图层",
}
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}
INFO_IN_XMP = {  # document information entry: its XMP property (ISO 19005-1 6.7.3)
    "/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords", "/Creator": "xmp:CreatorTool", "/Producer": "pdf:Producer",
    "/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate",
}


class PdfFinding(NamedTuple):
    """One check of the 四性 report: its aspect (authenticity | integrity | usability |
    security), whether it passed, and what it found, in Chinese for the user."""

    aspect: str
    ok: bool
    text: str


class _Graph(NamedTuple):
    dicts: list[generic.DictionaryObject]  # every dictionary (and stream) reached
    fonts: list[generic.DictionaryObject]  # every font of a /Font resource dictionary
    pages: int
    complete: bool  # False when the walk stopped at MAX_OBJECTS


def check_pdf(data: bytes, pdfa_required: bool = True) -> list[PdfFinding]:
    """Usability and security findings for the PDF ``data``; never raises. Without
    ``pdfa_required``, a PDF that does not claim PDF/A at all (a record made before records were
    archival PDFs) gets a note instead of failed PDF/A findings."""
    try:
        reader = read_pdf(data)
        root = reader.root
        if not isinstance(root, generic.DictionaryObject):
            raise ValueError("no catalog")
    except Exception:  # noqa: BLE001 - any damage to the file is a finding, not a crash
        return [PdfFinding("usability", False, "PDF 文件已损坏或不是 PDF 文件，无法打开")]
    if "/Encrypt" in reader.trailer_view:
        return [PdfFinding("usability", False, "PDF 文件已加密，无法检查其内容"),
                PdfFinding("security", False, "PDF 文件已加密：归档文件不得加密")]
    try:
        graph = _walk(reader)
    except Exception:  # noqa: BLE001
        return [PdfFinding("usability", False, "PDF 文件的对象结构已损坏，无法读取")]
    findings = [PdfFinding("usability", graph.pages > 0,
                           f"PDF 文件可以打开，共 {graph.pages} 页" if graph.pages
                           else "PDF 文件中没有可显示的页面")]
    if not graph.complete:
        findings.append(PdfFinding("security", False,
                                   f"PDF 文件的对象超过 {MAX_OBJECTS} 个，未能全部检查"))
    for check in (_fonts, _pdfa, _actions, _attachments):
        try:
            if check is _pdfa and not pdfa_required and "pdfaid:part" not in _xmp(reader.root):
                findings.append(PdfFinding("usability", True, "本记录由早期版本生成，不是 PDF/A "
                                           "归档格式（提示：不影响真实性和完整性）"))
                continue
            findings.extend(check(data, reader, graph))
        except Exception:  # noqa: BLE001 - a part too damaged to check fails its check
            aspect = "security" if check in (_actions, _attachments) else "usability"
            findings.append(PdfFinding(aspect, False, f"PDF 文件的{_PARTS[check]}已损坏，无法检查"))
    return findings


def _walk(reader: PdfFileReader) -> _Graph:
    """Every dictionary reachable from the trailer (depth first, on a list rather than the
    stack, each indirect object once)."""
    dicts: list[generic.DictionaryObject] = []
    fonts: list[generic.DictionaryObject] = []
    seen: set[tuple[int, int]] = set()
    queue: list[generic.PdfObject] = [reader.trailer_view]
    pages = 0
    while queue:
        if len(seen) >= MAX_OBJECTS:
            return _Graph(dicts, fonts, pages, False)
        obj = queue.pop()
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, generic.DictionaryObject):
            dicts.append(obj)
            pages += dict.get(obj, "/Type") == "/Page"
            resources = _resolved(dict.get(obj, "/Font"))  # a resource dictionary's fonts
            if isinstance(resources, generic.DictionaryObject):
                fonts.extend(f for f in (_resolved(dict.get(resources, k)) for k in resources)
                             if isinstance(f, generic.DictionaryObject))
            queue.extend(dict.get(obj, k) for k in obj if k != "/Parent")
        elif isinstance(obj, generic.ArrayObject):
            queue.extend(list.__iter__(obj))
    return _Graph(dicts, fonts, pages, True)


def _get(d: generic.DictionaryObject, key: str, default: object = None) -> generic.PdfObject:
    """``d[key]`` resolved, or ``default``."""
    value = _resolved(dict.get(d, key))
    return default if value is None else value


def _resolved(obj: generic.PdfObject | None) -> generic.PdfObject | None:
    return obj.get_object() if isinstance(obj, generic.IndirectObject) else obj


def _fonts(data: bytes, reader: PdfFileReader, graph: _Graph) -> Iterator[PdfFinding]:
    """ISO 19005-3 6.2.11.4: the program of every font is embedded."""
    fonts = {id(f): f for f in graph.fonts}.values()
    missing = sorted({str(_get(f, "/BaseFont", "?")).lstrip("/") for f in fonts
                      if not _embedded(f)})
    if missing:
        yield PdfFinding("usability", False, f"字体未嵌入：{'、'.join(missing)}")
    else:
        yield PdfFinding("usability", True, f"全部 {len(fonts)} 种字体均已嵌入")


def _embedded(font: generic.DictionaryObject) -> bool:
    subtype = _get(font, "/Subtype")
    if subtype == "/Type3":
        return True  # its glyphs are content streams in the file
    if subtype == "/Type0":
        font = font["/DescendantFonts"][0]
    descriptor = _get(font, "/FontDescriptor")
    return isinstance(descriptor, generic.DictionaryObject) and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _pdfa(data: bytes, reader: PdfFileReader, graph: _Graph) -> Iterator[PdfFinding]:
    """PDF/A-3b as an archive checks it on receipt: the identification (6.6.4), the output
    intent (6.2.3), XMP that agrees with the document information dictionary, the file's
    header and ID (6.1.2, 6.1.3)."""
    root = reader.root
    xmp = _xmp(root)
    part, conformance = xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")
    if (part, conformance) == (PART, CONFORMANCE):
        yield PdfFinding("usability", True,
                         f"XMP 元数据声明符合 PDF/A-{PART}{CONFORMANCE}（ISO 19005-{PART}）")
    elif part:
        yield PdfFinding("usability", False, f"XMP 元数据声明 PDF/A-{part}{conformance or ''}，"
                                             f"不是归档要求的 PDF/A-{PART}{CONFORMANCE}")
    else:
        yield PdfFinding("usability", False, "不是 PDF/A 归档格式（XMP 元数据中没有 PDF/A 标识）")
    intents = [i for i in _resolved_list(_get(root, "/OutputIntents"))
               if _get(i, "/S") == "/GTS_PDFA1"
               and isinstance(_get(i, "/DestOutputProfile"), generic.StreamObject)]
    yield (PdfFinding("usability", True,
                      f"含 PDF/A 输出意图（{_get(intents[0], '/OutputConditionIdentifier', '')}，"
                      "内嵌 ICC 色彩特性文件）") if len(intents) == 1
           else PdfFinding("usability", False, "缺少 PDF/A 输出意图（内嵌 ICC 色彩特性文件）"))
    info = _get(reader.trailer_view, "/Info")
    differ = [key.lstrip("/") for key, prop in INFO_IN_XMP.items()
              if isinstance(info, generic.DictionaryObject) and key in info
              and not _same(info[key], xmp.get(prop))]
    if not xmp:
        yield PdfFinding("usability", False, "缺少 XMP 元数据")
    elif differ:
        yield PdfFinding("usability", False, f"XMP 元数据与文档信息不一致：{'、'.join(differ)}")
    else:
        yield PdfFinding("usability", True, "XMP 元数据与文档信息一致（题名、责任者、日期、关键词）")
    header_ok = data[:7] == b"%PDF-1." and data[7:8] in b"01234567" and _binary_comment(data)
    ids = _get(reader.trailer_view, "/ID")
    ends = data.rstrip(b"\r\n").endswith(b"%%EOF") and len(data) - len(data.rstrip(b"\r\n")) <= 2
    if header_ok and ends and isinstance(ids, generic.ArrayObject) and len(ids) == 2:
        yield PdfFinding("usability", True, "文件头、文件标识（ID）与文件结尾符合 PDF/A 要求")
    else:
        yield PdfFinding("usability", False, "文件头、文件标识（ID）或文件结尾不符合 PDF/A 要求"
                                             "（文件可能不完整）")


def _binary_comment(data: bytes) -> bool:
    """ISO 19005-3 6.1.2: the header line is followed by % and four bytes above 127."""
    line_end = data.find(b"\n", 0, 16)
    comment = data[line_end + 1:line_end + 6] if line_end > 0 else b""
    return len(comment) == 5 and comment[:1] == b"%" and all(b > 127 for b in comment[1:])


def _resolved_list(value: generic.PdfObject | None) -> list[generic.DictionaryObject]:
    value = _resolved(value) if value is not None else None
    if not isinstance(value, generic.ArrayObject):
        return []
    return [d for d in (_resolved(v) for v in value) if isinstance(d, generic.DictionaryObject)]


def _xmp(root: generic.DictionaryObject) -> dict[str, str]:
    """The XMP properties the checks read, as "prefix:name" -> text (the first item of an
    array); empty when there is no metadata stream or it is not well-formed XML."""
    stream = _get(root, "/Metadata")
    if not isinstance(stream, generic.StreamObject):
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        tree = etree.fromstring(stream.data, parser)
    except etree.XMLSyntaxError:
        return {}
    wanted = {f"{{{NS[p]}}}{n}": f"{p}:{n}" for p, n in (
        v.split(":") for v in [*INFO_IN_XMP.values(), "pdfaid:part", "pdfaid:conformance"])}
    out: dict[str, str] = {}
    for description in tree.iter(f"{{{NS['rdf']}}}Description"):
        for attr, value in description.attrib.items():
            if attr in wanted:
                out.setdefault(wanted[attr], value)
        for child in description:
            if child.tag in wanted:
                item = next(child.iter(f"{{{NS['rdf']}}}li"), child)
                out.setdefault(wanted[child.tag], (item.text or "").strip())
    return out


def _same(info_value: generic.PdfObject, xmp_value: str | None) -> bool:
    """An information entry and its XMP property say the same (dates as the same instant)."""
    if xmp_value is None:
        return False
    text = str(info_value)
    if text.startswith("D:"):
        try:
            return generic.parse_pdf_date(text) == datetime.fromisoformat(xmp_value)
        except (ValueError, TypeError, generic.PdfReadError):
            return False
    return text == xmp_value


def _actions(data: bytes, reader: PdfFileReader, graph: _Graph) -> Iterator[PdfFinding]:
    """No JavaScript, no actions that run something or reach outside the file, nothing run
    on opening (OpenAction other than going to a page, AA) and no JavaScript name tree."""
    found: set[str] = set()
    for d in graph.dicts:
        action = dict.get(d, "/S")
        if isinstance(action, generic.NameObject) and action in RISKY_ACTIONS:
            target = _get(d, "/URI", _get(d, "/F", ""))
            if isinstance(target, generic.DictionaryObject):  # a file specification
                target = _get(target, "/UF", _get(target, "/F", ""))
            found.add(RISKY_ACTIONS[action] + (f"（{target}）" if target else ""))
        if "/JS" in d:
            found.add(RISKY_ACTIONS["/JavaScript"])
        if "/AA" in d:
            found.add("打开页面或文档时自动执行的动作")
    names = _get(reader.root, "/Names")
    if isinstance(names, generic.DictionaryObject) and "/JavaScript" in names:
        found.add(RISKY_ACTIONS["/JavaScript"])
    if found:
        yield PdfFinding("security", False, f"PDF 中含有不允许的内容：{'、'.join(sorted(found))}")
    else:
        yield PdfFinding("security", True, "PDF 中没有脚本、外部链接或自动执行的动作")


def _attachments(data: bytes, reader: PdfFileReader, graph: _Graph) -> Iterator[PdfFinding]:
    """Only the event log and the rule set are embedded; no file is referred to outside."""
    specs = [d for d in graph.dicts if _get(d, "/Type") == "/Filespec" or "/EF" in d]
    names = sorted({str(_get(d, "/UF", _get(d, "/F", "?"))) for d in specs})
    external = sorted({str(_get(d, "/UF", _get(d, "/F", "?"))) for d in specs if "/EF" not in d})
    extra = sorted(set(names) - set(EMBEDDED) - set(external))
    if external:
        yield PdfFinding("security", False, f"PDF 引用了外部文件：{'、'.join(external)}")
    if extra:
        yield PdfFinding("security", False, f"PDF 中嵌有规定以外的文件：{'、'.join(extra)}")
    if not external and not extra:
        yield PdfFinding("security", True,
                         f"嵌入文件仅为会议记录和议事规则（{'、'.join(names)}）" if names
                         else "PDF 中没有嵌入文件")


_PARTS = {_fonts: "字体", _pdfa: "归档元数据", _actions: "动作", _attachments: "嵌入文件"}
