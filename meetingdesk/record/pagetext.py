"""The record's pages bound to its log: what the signed PDF shows is what the log says.

The fingerprint in the PDF's keywords binds the PDF to a log, not what its pages print: a unit
(or a thief of its key) could sign pages that say another decision than the log it embeds and
files. So the verifier reads the text the pages show (the content streams decoded through each
font's ToUnicode map, pure Python over pyHanko's reader; form XObjects and annotation
appearances included) and asks two things of it, whitespace aside:

- everything the log makes the record print (the Minutes built from the replayed log: titles,
  names, times, opinions' words, stances, votes and results, decisions, corrections) appears in
  the text of the page bodies, in the order the record prints it;
- whatever else the pages show is the layout's own wording: the labels of record/pdf.py,
  layout.py, sigpage.py and build.py, the rules' words, numerals and punctuation, or the
  Minutes' texts again (the running head, the fingerprint at the foot). A sentence the log does
  not account for is named, and the record refused.

The labels are the string constants of those modules, not a list kept beside them, and the
header's rows may come in any order, so records made by earlier versions keep verifying as
long as they print the log's words in the log's order. Text a reader cannot see (invisible,
tiny, off the page) is not read, and a page may carry no image: text drawn as a picture could
say anything.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import re
import zlib
from functools import lru_cache
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, Sequence

from pyhanko.pdf_utils.generic import DictionaryObject, StreamObject
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.domain import DomainError
from meetingdesk.record.layout import BOTTOM_MARGIN, TEXT_HEIGHT
from meetingdesk.record.minutes import AttachedFile, ItemMinutes, Minutes, Speech

if TYPE_CHECKING:
    from meetingdesk.domain import Meeting
    from meetingdesk.record.notice import Cancellation

Finding = tuple[str, bool, str, str]  # verify.Finding's fields: aspect, ok, Chinese, English

MAX_DEPTH = 4  # form XObjects inside form XObjects
MAX_DECODED = 64 * 2 ** 20  # bytes of content streams a record's pages may decode to
MAX_OPERATORS = 2_000_000  # operators read over all pages (a long record has ~50,000)
MIN_SIZE = 2.0  # points: text set smaller is not read as shown
BAND_SLACK = 6.0  # points: a body line's baseline may sit this far outside the text area
QUOTE = 24  # characters of an unaccounted text quoted in the finding
# Always allowed between the log's texts: digits and the hexadecimal digits of the SHA-256
# fingerprints (whether an attachment's is the package's is checked apart), punctuation,
# numerals.
_FREE = set("0123456789abcdef.:;,-–—/()[]%+#*·　、，。：；？！“”‘’（）【】《》〈〉「」…"
            "〇一二三四五六七八九十百千万零两")


class PageText(NamedTuple):
    """The text of the pages: ``body`` inside the text area, ``margins`` the running heads and
    feet, both without whitespace; ``images`` how many images the pages draw."""

    body: str
    margins: str
    images: int


class Binding(NamedTuple):
    """What comparing the pages with the log found: ``missing`` the first text of the log the
    pages do not show where it belongs, ``extra`` the first text the log does not account for
    (both "" when none)."""

    missing: str
    extra: str
    images: int


def record_pages(pdf: bytes, state: Meeting, fingerprint: str,
                 parts: Sequence[dict[str, Any]] = ()) -> list[Finding]:
    """The finding on a record's pages against its replayed log (``parts`` the package's
    manifest parts, for the attachments the record lists)."""
    from meetingdesk.record.build import minutes_from_meeting

    attached = [AttachedFile(p["name"], p["sha256"]) for p in parts if p["role"] == "attachment"]
    return _finding(lambda pages: binding(minutes_from_meeting(state, fingerprint, attached),
                                          pages), pdf)


def notice_pages(pdf: bytes, notice: Cancellation) -> list[Finding]:
    """The finding on a cancellation notice's pages against the facts its manifest states."""
    from meetingdesk.record import notice as wording

    def bind(pages: PageText) -> Binding:
        facts = [notice.unit, notice.title, notice.reason, notice.cancelled_by,
                 notice.meeting_type_name, notice.fingerprint]
        known = frozenset(map(_squeezed, facts)) | _labels() | _constants((wording,))
        return _bound(pages, [(0, len(pages.body), [facts])], known)

    return _finding(bind, pdf, ("取消会议说明所载事项", "the notice's facts"))


def _finding(bind: Callable[[PageText], Binding], pdf: bytes,
             against: tuple[str, str] = ("会议记录", "the log")) -> list[Finding]:
    zh, en = against
    try:
        pages = page_text(pdf)
    except Exception:  # noqa: BLE001 - a page the reader cannot walk shows nothing checkable
        return [("authenticity", False, f"PDF 页面的文字无法读取，无法与{zh}核对",
                 f"the text of the PDF's pages cannot be read to compare with {en}")]
    try:
        b = bind(pages)
    except DomainError as error:  # a log that never started makes no record to compare
        return [("authenticity", False, f"无法与{zh}核对 PDF 页面：{error.message_zh}",
                 f"the PDF's pages cannot be compared with {en}: {error.message_en}")]
    if b.missing:
        return [("authenticity", False,
                 f"PDF 页面与{zh}不符：页面上没有其中的“{b.missing[:QUOTE]}”（或不在应在的位置）",
                 f"the PDF's pages do not match {en}: they lack "
                 f"'{b.missing[:QUOTE]}' (or show it elsewhere)")]
    if b.extra:
        return [("authenticity", False, f"PDF 页面上有{zh}中没有的文字：“{b.extra}”",
                 f"the PDF's pages show text {en} does not contain: '{b.extra}'")]
    if b.images:
        return [("authenticity", False, f"PDF 页面上有 {b.images} 幅图像，记录不应含图像",
                 f"the PDF's pages draw {b.images} image(s); a record has none")]
    return [("authenticity", True, f"PDF 页面上的文字与{zh}一致，没有其以外的内容",
             f"the text on the PDF's pages matches {en}, with nothing else")]


def page_text(pdf: bytes) -> PageText:
    """The text the PDF's pages show, in drawing order."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    out = _Collector()
    for page in _pages(reader.root["/Pages"]):
        box = [float(x) for x in _each(_get(page, "/MediaBox"))]
        out.box = (box[0], box[1], box[2], box[3]) if len(box) == 4 else (0, 0, 1e9, 1e9)
        streams = [s for s in _each(_get(page, "/Contents")) if isinstance(s, StreamObject)]
        out.run(b"\n".join(map(out.data, streams)), _get(page, "/Resources"), _IDENTITY, 0)
        for annotation in _each(_get(page, "/Annots")):
            appearance = _get(_get(annotation, "/AP"), "/N")
            if isinstance(appearance, StreamObject):
                out.form(appearance, _IDENTITY, 0, margin=True)
    return PageText("".join(out.body), "".join(out.margins), out.images)


def binding(m: Minutes, pages: PageText) -> Binding:
    """Compare the pages with the Minutes the log makes (see the module's docstring).

    The body is read in sections: the header up to the first item's title, each item up to
    the next one's, and what follows the last (corrections, attachments, signatures). Within a
    section each group of texts (a speech: its time, speaker, stance, words and reason; a vote:
    each member and choice, the result) must appear in order; the header's rows may come in
    another order (earlier versions printed them so)."""
    body = pages.body
    starts, cursor = [0], 0
    for entry in m.agenda:  # the header lists the agenda; the items follow it
        cursor = max(cursor, body.find(_squeezed(entry), cursor) + len(_squeezed(entry)))
    for item in m.items:  # an item's title opens its section
        at = body.find(_squeezed(f"、{item.title}"), max(cursor, starts[-1]))
        if at < 0:
            return Binding(item.title, "", pages.images)
        starts.append(at)
    starts.append(len(body))
    # the header, each item, then the rest (from the last item's title on)
    bounds = [*zip(starts, starts[1:]), (starts[-2], len(body))]
    known = frozenset(_squeezed(t) for t in _texts(m)) | _labels()
    return _bound(pages, [(lo, hi, groups) for (lo, hi), groups in zip(bounds, _sections(m))],
                  known)


def _bound(pages: PageText, sections: list[tuple[int, int, list[list[str]]]],
           known: frozenset[str]) -> Binding:
    """Each section's groups found in order between its bounds, and the rest of the text
    (between what was found, and the margins) made of ``known`` texts and free characters."""
    body = pages.body
    covered = bytearray(len(body))
    for start, end, groups in sections:
        for group in groups:
            cursor = start
            for text in filter(None, map(_squeezed, group)):
                at = body.find(text, cursor, end)
                if at < 0:
                    return Binding(text, "", pages.images)
                cursor = at + len(text)
                covered[at:cursor] = b"\x01" * len(text)
    runs = re.split("\x01+", "".join("\x01" if c else ch for ch, c in zip(body, covered)))
    extra = next((u for u in (_unaccounted(r, known) for r in [*runs, pages.margins]) if u), "")
    return Binding("", extra, pages.images)


def _sections(m: Minutes) -> list[list[list[str]]]:
    """The Minutes' texts as the record prints them (record/pdf.py's story): per section
    (the header, each item, the rest) the groups whose texts keep their order. What is said
    on an item, from the report to the decision, is one group: who spoke when, in turn, and
    who voted what."""
    header = [[m.unit_name, m.meeting_title, m.date, m.start, m.end, m.place, m.chair,
               m.recorder], [m.quorum_text], list(m.agenda), list(m.expected), list(m.present),
              list(m.clock_checks), *(list(_texts(a)) for a in m.absent),
              *([p.name, p.time, p.reason] for p in (*m.late, *m.early_leave)),
              list(m.observers), [m.rule_set_label],
              [t for s in m.remarks for t in _speech(s)]]
    items = [[[i.title, i.kind_label, i.category_label or "", i.amount_label or "",
               i.fund_type_label or "", i.presenter], list(i.materials),
              *([r.name, r.reason] for r in i.recusals), list(i.major_reasons),
              _said(i)] for i in m.items]
    rest = [*([c.time, c.author, c.refers_to or "", c.reason, c.text] for c in m.corrections),
            [a.name for a in m.attachments], [s.name for s in m.signers]]
    return [header, *items, rest]


def _said(i: ItemMinutes) -> list[str]:
    """An item's report, speeches, written opinions, votes and outcome, in print order."""
    def reconsidered(granted: bool) -> list[str]:
        return [t for r in i.reconsiderations if r.granted == granted
                for t in (r.time, r.reason, r.vote_text, *r.earlier_results)]

    return [*([i.report.time, i.report.presenter, i.report.words] if i.report else []),
            *(t for s in i.speeches for t in _speech(s)),
            *(t for row in i.stance_table
              for t in (row.name, row.time, *(c.stance_label for c in row.stances))),
            *(t for p in i.after_round for t in (p.name, p.time)),
            *(t for s in i.written for t in _speech(s)),
            *reconsidered(True), i.quorum_text or "", i.proceed_reason or "",
            *(t for v in i.votes for t in (
                *(_texts(v.candidate) if v.candidate else ()),
                *(t for mv in v.member_votes for t in (mv.name, mv.choice_label)),
                v.result_text)),
            i.deferral_reason or "", i.decision_text or "",
            *([i.head_decision.name, i.head_decision.decision_label,
               i.head_decision.reason or ""] if i.head_decision else []),
            *reconsidered(False)]


def _speech(s: Speech) -> list[str]:
    """A speech's texts in the order its line prints them."""
    return [s.time, s.name, s.stance_label or "", s.words, s.reason or "",
            *(t for c in s.per_candidate for t in (c.candidate, c.stance_label, c.reason or ""))]


def _texts(value: object) -> Iterator[str]:
    """Every string inside a value (dataclasses, tuples and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _texts(v)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _unaccounted(text: str, known: frozenset[str]) -> str:
    """The first stretch of ``text`` that is not made of ``known`` texts and free characters
    (a word break over the known texts), up to where known text begins again; "" when all of
    ``text`` is accounted for."""
    n = len(text)
    lengths = sorted({len(k) for k in known if len(k) <= n})
    reach = [True] + [False] * n
    for i in range(n):
        if reach[i]:
            if text[i] in _FREE:
                reach[i + 1] = True
            for length in lengths:
                if i + length <= n and text[i:i + length] in known:
                    reach[i + length] = True
    if reach[n]:
        return ""
    stuck = max(j for j in range(n + 1) if reach[j])
    end = next((j for j in range(stuck + 1, min(n, stuck + QUOTE))
                if any(text[j:j + length] in known for length in lengths if length > 1)), None)
    return text[stuck:end or stuck + QUOTE]


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    """The record layout's own wording (record/pdf.py, layout.py, sigpage.py, build.py and the
    rules' words)."""
    from meetingdesk.domain import outcome, words
    from meetingdesk.record import build, layout, pdf, sigpage

    return _constants((pdf, layout, sigpage, build, words, outcome))


def _constants(modules: Sequence[ModuleType]) -> frozenset[str]:
    """The string constants of ``modules``: their code's constants and their tables,
    docstrings left out, split where a value is put in ("（{s.stance_label}）" is compiled as
    the constants "（" and "）"), without whitespace."""
    found: set[str] = set()
    docs: set[str] = set()
    seen: dict[int, Any] = {}  # the objects kept, so that no id is reused while walking

    def walk(value: Any, module: str) -> None:
        code = inspect.isfunction(value) or inspect.isclass(value)
        if id(value) in seen or code and getattr(value, "__module__", None) != module:
            return  # a function or class imported from elsewhere is read in its own module
        seen[id(value)] = value
        if isinstance(value, str):
            found.add(_squeezed(value))
        elif isinstance(value, (tuple, list, frozenset, set)):
            for v in value:
                walk(v, module)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k, module)
                walk(v, module)
        elif isinstance(value, CodeType):
            walk(value.co_consts, module)
        elif code:
            docs.add(_squeezed(value.__doc__ or ""))
            walk(value.__code__ if inspect.isfunction(value) else list(vars(value).values()),
                 module)

    for module in modules:
        docs.add(_squeezed(module.__doc__ or ""))
        walk([v for k, v in vars(module).items() if not k.startswith("__")], module.__name__)
    return frozenset(found - docs - {""})


# ---- reading the content streams ---------------------------------------------------------------

_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_NUMBER = rb"[+-]?(?:\d+\.?\d*|\.\d+)"
_END = rb"(?=[\s/\[\]()<>{}%]|$)"
# Path construction and painting, colours and line styles with their numbers, read as one run:
# they show no text and leave the text state and the transformation alone (the bulk of a
# page's operators: table rules, signature strokes, the QR code's modules).
_GRAPHICS = (rb"(?:(?:" + _NUMBER + rb"\s+)*(?:re|m|l|c|v|y|h|f\*?|S|s|n|W\*?|B\*?|b\*?|w|J|"
             rb"j|M|i|g|G|rg|RG|k|K|sc|SC|scn|SCN)" + _END + rb"\s*)+")
_TOKEN = re.compile(
    rb"(?P<skip>\s+|%[^\r\n]*|<<|>>|" + _GRAPHICS + rb")|(?P<str>\((?:[^()\\]|\\.)*\))|(?P<open>\()"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)|(?P<name>/[^\s/\[\]()<>{}%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?![^\s/\[\]()<>{}%]))|(?P<lb>\[)|(?P<rb>\])"
    rb"|(?P<op>[^\s/\[\]()<>{}%]+)|(?P<other>.)", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r\n": b"",
            b"\n": b"", b"\r": b""}
_INLINE_END = re.compile(rb"\sEI(?=\s|$)")
_SHOW = {b"Tj", b"TJ", b"'", b'"'}


def _get(container: Any, key: str) -> Any:
    """``container[key]`` resolved, or None (pyHanko resolves only through ``[]``)."""
    try:
        return container[key] if isinstance(container, dict) and key in container else None
    except Exception:  # noqa: BLE001 - a dangling reference shows nothing
        return None


def _each(array: Any) -> Iterator[Any]:
    """The resolved elements of an array (or of a single object)."""
    items = array if isinstance(array, list) else [] if array is None else [array]
    for x in items:
        yield x.get_object() if hasattr(x, "get_object") else x


def _pages(node: Any, depth: int = 0) -> Iterator[DictionaryObject]:
    if depth > 32 or not isinstance(node, dict):
        return
    if _get(node, "/Type") == "/Page" or "/Kids" not in node:
        yield node
        return
    for kid in _each(_get(node, "/Kids")):
        yield from _pages(kid, depth + 1)


def _multiply(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """a x b for PDF matrices [a b c d e f]."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _unescaped(raw: bytes) -> bytes:
    """A literal string's bytes, its escapes (octal, \\n, a line continuation) resolved."""
    if b"\\" not in raw:
        return raw
    return _ESCAPE.sub(lambda m: bytes([int(m[1], 8) & 0xFF]) if m[1][:1] in b"01234567"
                       else _ESCAPES.get(m[1], m[1]), raw)


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string with unescaped nested parentheses, opening at ``start`` (after its
    "("): its bytes and the index after it."""
    depth, i = 1, start
    while i < len(data) and depth:
        c = data[i]
        i += 2 if c == 0x5C else 1  # a backslash escapes what follows
        depth += (c == 0x28) - (c == 0x29)
    return _unescaped(data[start:i - 1]), i


def _operands(data: bytes) -> Iterator[tuple[list[Any], bytes]]:
    """(operands, operator) pairs of a content stream; strings as bytes, names as str, arrays
    as lists; an inline image's data skipped (and reported as the operator BI)."""
    stack: list[Any] = []
    arrays: list[list[Any]] = []
    i, n = 0, len(data)
    while i < n:
        match = _TOKEN.match(data, i)
        assert match is not None
        kind, token, i = match.lastgroup, match.group(), match.end()
        if kind == "skip":
            continue
        target = arrays[-1] if arrays else stack
        if kind == "str":
            target.append(_unescaped(token[1:-1]))
        elif kind == "open":
            value, i = _literal(data, i)
            target.append(value)
        elif kind == "num":
            target.append(float(token))
        elif kind == "name":
            target.append(token.decode("latin-1"))
        elif kind == "hex":
            digits = re.sub(rb"\s", b"", token[1:-1])
            target.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif kind == "lb":
            arrays.append([])
        elif kind == "rb":
            if arrays:
                done = arrays.pop()
                (arrays[-1] if arrays else stack).append(done)
        elif token == b"BI":
            end = _INLINE_END.search(data, i)
            i = end.end() if end else n
            yield [], b"BI"
            stack = []
        elif kind == "op":
            yield stack, token
            stack = []


class _Font:
    """A font's codes to text: its ToUnicode map (code width from the map), else Latin-1."""

    def __init__(self, font: Any) -> None:
        self.map: dict[bytes, str] = {}
        self.width = 1
        cmap = _get(font, "/ToUnicode")
        if isinstance(cmap, StreamObject):
            self._read(cmap.data)

    def _read(self, data: bytes) -> None:
        def code(h: bytes) -> bytes:
            return bytes.fromhex(h.decode())

        def text(h: bytes) -> str:
            return code(h).decode("utf-16-be", "replace")

        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[code(src)] = text(dst)
                self.width = len(src) // 2
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, dst in re.findall(
                    rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
                first, last = int(lo, 16), int(hi, 16)
                self.width = len(lo) // 2
                targets = re.findall(rb"<([0-9A-Fa-f]*)>", dst)
                for k, value in enumerate(range(first, min(last, first + 65535) + 1)):
                    key = value.to_bytes(self.width, "big")
                    if dst.startswith(b"["):
                        if k < len(targets):
                            self.map[key] = text(targets[k])
                    else:
                        base = int(targets[0] or b"0", 16) + k
                        self.map[key] = chr(base) if base < 0x110000 else "\ufffd"

    def decode(self, raw: bytes) -> str:
        if not self.map:
            return raw.decode("latin-1")
        w = self.width
        return "".join(self.map.get(raw[i:i + w], "\ufffd") for i in range(0, len(raw), w))


class _Collector:
    """Walks content streams, keeping the shown text by where its baseline falls."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.margins: list[str] = []
        self.images = 0
        self.fonts: dict[tuple[int, int], _Font] = {}
        self.box = (0.0, 0.0, 1e9, 1e9)  # the page's MediaBox: text outside it is not shown
        self.left = MAX_DECODED  # bytes of content still to decode, operators still to read
        self.ops = MAX_OPERATORS

    def data(self, stream: StreamObject) -> bytes:
        """A stream's decoded bytes, within what is left of the budget: a deflate bomb or a
        form drawn over and over is refused, not followed."""
        filters = _get(stream, "/Filter")
        if filters in ("/FlateDecode", ["/FlateDecode"]) and not _get(stream, "/DecodeParms"):
            data = zlib.decompressobj().decompress(stream.encoded_data, self.left + 1)
        else:
            data = stream.data
        self.left -= len(data)
        if self.left < 0:
            raise ValueError("the pages' content is too large to read")
        return data

    def _font(self, fonts: Any, name: str) -> _Font:
        raw = dict.get(fonts, name) if isinstance(fonts, dict) else None
        if not hasattr(raw, "idnum"):  # a direct font dictionary: read it each time
            return _Font(_get(fonts, name))
        key = (raw.idnum, raw.generation)  # pyHanko gives a new object at each look-up
        if key not in self.fonts:
            self.fonts[key] = _Font(_get(fonts, name))
        return self.fonts[key]

    def form(self, form: StreamObject, ctm: tuple[float, ...], depth: int,
             margin: bool = False) -> None:
        matrix = tuple(float(x) for x in _each(_get(form, "/Matrix"))) or _IDENTITY
        self.run(self.data(form), _get(form, "/Resources"), _multiply(matrix, ctm), depth + 1,
                 margin)

    def run(self, data: bytes, resources: Any, ctm: tuple[float, ...], depth: int,
            margin: bool = False) -> None:
        if depth > MAX_DEPTH:
            return
        stack: list[tuple[tuple[float, ...], float]] = []
        tm = line = _IDENTITY
        leading, font, size, mode = 0.0, _Font(None), 0.0, 0.0
        fonts = _get(resources, "/Font")
        for args, op in _operands(data):
            self.ops -= 1
            if self.ops < 0:
                raise ValueError("the pages draw too many operators to read")
            if op == b"q":
                stack.append((ctm, mode))
            elif op == b"Q" and stack:
                ctm, mode = stack.pop()
            elif op == b"Tr" and args:
                mode = args[0]
            elif op == b"cm" and len(args) == 6:
                ctm = _multiply(tuple(args), ctm)
            elif op == b"BT":
                tm = line = _IDENTITY
            elif op == b"Tm" and len(args) == 6:
                tm = line = tuple(args)
            elif op in (b"Td", b"TD") and len(args) == 2:
                if op == b"TD":
                    leading = -args[1]
                tm = line = _multiply((1, 0, 0, 1, args[0], args[1]), line)
            elif op == b"TL" and args:
                leading = args[0]
            elif op == b"T*" or op in (b"'", b'"'):
                tm = line = _multiply((1, 0, 0, 1, 0, -leading), line)
            elif op == b"Tf" and len(args) == 2:
                font, size = self._font(fonts, args[0]), args[1]
            elif op == b"Do" and args:
                xobject = _get(_get(resources, "/XObject"), args[0])
                if isinstance(xobject, StreamObject):
                    if _get(xobject, "/Subtype") == "/Form":
                        self.form(xobject, ctm, depth, margin)
                    else:
                        self.images += 1
            elif op == b"BI":
                self.images += 1
            if op in _SHOW:
                at = _multiply(tm, ctm)
                x0, y0, x1, y1 = self.box
                if mode == 3 or abs(size * at[3]) < MIN_SIZE or not (
                        x0 <= at[4] <= x1 and y0 <= at[5] <= y1):
                    continue  # invisible, too small to read, or off the page: not shown
                shown = [a for a in (args[-1] if op == b"TJ" and args else args[-1:])
                         if isinstance(a, bytes)]
                text = _squeezed("".join(font.decode(s) for s in shown))
                inside = BOTTOM_MARGIN - BAND_SLACK <= at[5] <= BOTTOM_MARGIN + TEXT_HEIGHT \
                    + BAND_SLACK
                (self.body if inside and not margin else self.margins).append(text)
