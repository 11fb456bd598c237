"""The exported record is PDF/A-3b (ISO 19005-3) and carries its event log.

No PDF/A validator is at hand, so each requirement of ISO 19005-3 that applies to what the record
holds is checked on its own, with pikepdf (qpdf) and fontTools reading the signed demo record as
exported through the services; each test names its clause. Then the signature after the PDF/A
update (pdfsig, pyHanko), the log read back from the PDF, and check_pdf on good and tampered
files.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import time
import zipfile
import zlib
from datetime import datetime
from types import SimpleNamespace

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from meetingdesk.demo import DEMO_PASSPHRASE, build_demo
from meetingdesk.domain import Event, Meeting, verify_chain
from meetingdesk.record.pdf_checks import check_pdf
from meetingdesk.record.embedded import embedded_record_files as embedded_files
from meetingdesk.record.pdfa import RECORD_NS
from meetingdesk.record.safezip import PackageReadError
from meetingdesk.record.signing import verify_pdf_signature
from meetingdesk.services import Desk
from meetingdesk.services.records import Records

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_NS = {"rdf": RDF, "dc": "http://purl.org/dc/elements/1.1/",
          "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
          "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
          "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
          "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#", "mdrec": RECORD_NS}
# Properties of the schemas XMP and ISO 19005 predefine that a record uses (6.6.2.3.1).
PREDEFINED = {XMP_NS["dc"]: {"title", "creator", "description", "date"},
              XMP_NS["xmp"]: {"CreateDate", "ModifyDate", "CreatorTool", "MetadataDate"},
              XMP_NS["pdf"]: {"Keywords", "Producer", "PDFVersion", "Trapped"},
              XMP_NS["pdfaid"]: {"part", "conformance", "amd", "corr"},
              XMP_NS["pdfaExtension"]: {"schemas"}}


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> SimpleNamespace:
    """The demo's closed meeting exported as the unit files it: signed PDF and package."""
    folder = tmp_path_factory.mktemp("pdfa")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEETINGDESK_DATA_DIR", str(folder / "data"))
        desk = Desk.open(str(folder / "demo.sqlite3"))
        try:
            build_demo(desk)
            meeting_id = desk.list_meetings(status="closed")[0].id
            pdf, package = folder / "record.pdf", folder / "record.mdpkg"
            Records(desk).export(meeting_id, pdf_path=pdf, package_path=package,
                                 passphrase=DEMO_PASSPHRASE)
            events = desk.events(meeting_id)
        finally:
            desk.close()
    data = pdf.read_bytes()
    with zipfile.ZipFile(package) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    return SimpleNamespace(path=pdf, data=data, pdf=pikepdf.open(io.BytesIO(data)),
                           events=events, parts=parts, folder=folder)


def xmp_tree(pdf: pikepdf.Pdf) -> etree._Element:
    return etree.fromstring(pdf.Root.Metadata.read_bytes())


def xmp_value(tree: etree._Element, prefix: str, name: str) -> str | None:
    """A property in attribute or element form (the first item of an array)."""
    key = f"{{{XMP_NS[prefix]}}}{name}"
    for description in tree.iter(f"{{{RDF}}}Description"):
        if key in description.attrib:
            return description.attrib[key]
        child = description.find(key)
        if child is not None:
            item = next(child.iter(f"{{{RDF}}}li"), child)
            return item.text
    return None


def all_objects(pdf: pikepdf.Pdf):
    return [obj for obj in pdf.objects if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))]


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [obj for obj in all_objects(pdf) if obj.get("/Type") == "/Font"]


# ---- 6.1 file structure ----------------------------------------------------------------------

def test_6_1_2_header_then_a_binary_comment(record):
    """ISO 19005-3 6.1.2: %PDF-1.n (n 0..7) at byte 0, then % and four bytes above 127."""
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%", record.data)
    comment = record.data.split(b"\n", 1)[1]
    assert comment[:1] == b"%" and all(b > 127 for b in comment[1:5])


def test_6_1_3_trailer_has_an_id_no_encryption_nothing_after_eof(record):
    """ISO 19005-3 6.1.3: the trailer has ID, no Encrypt; nothing but one EOL after %%EOF."""
    ids = record.pdf.trailer.ID
    assert len(ids) == 2 and all(len(bytes(i)) == 16 for i in ids)
    assert "/Encrypt" not in record.pdf.trailer and not record.pdf.is_encrypted
    assert record.data.rstrip(b"\r\n").endswith(b"%%EOF")
    assert len(record.data) - len(record.data.rstrip(b"\r\n")) <= 2


def test_6_1_7_streams_refer_to_no_external_file_and_use_standard_filters(record):
    """ISO 19005-3 6.1.7: no F/FFilter/FDecodeParms in a stream, no LZW, only standard filters."""
    standard = {"/FlateDecode", "/ASCIIHexDecode", "/ASCII85Decode", "/RunLengthDecode",
                "/CCITTFaxDecode", "/JBIG2Decode", "/DCTDecode", "/JPXDecode"}
    for obj in all_objects(record.pdf):
        if isinstance(obj, pikepdf.Stream):
            assert not {"/F", "/FFilter", "/FDecodeParms"} & set(obj.keys())
            filters = obj.get("/Filter")
            names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
            assert {str(n) for n in names} <= standard


def test_6_1_4_to_6_1_9_syntax_is_sound_as_qpdf_checks_it(record):
    """ISO 19005-3 6.1.4-6.1.9 as far as qpdf checks them: cross-reference sections, every
    stream's Length, object syntax."""
    assert record.pdf.check_pdf_syntax() == []


def test_6_1_13_within_the_implementation_limits(record):
    """ISO 19005-3 6.1.13: integers within 32 bits, reals within ±3.403e38, strings below 32767
    bytes, names at most 127 bytes; q/Q nested at most 28 deep in every content stream."""
    def direct_values(obj):  # what an object holds, down to other indirect objects
        stack = [obj]
        while stack:
            value = stack.pop()
            yield value
            if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
                for key, item in value.items():
                    yield pikepdf.Name(key)
                    stack += [] if getattr(item, "is_indirect", False) else [item]
            elif isinstance(value, pikepdf.Array):
                stack += [v for v in value if not getattr(v, "is_indirect", False)]
    for obj in all_objects(record.pdf):
        for value in direct_values(obj):
            if isinstance(value, pikepdf.Name):
                assert len(bytes(str(value), "utf-8")) <= 128
            elif isinstance(value, pikepdf.String):
                assert len(bytes(value)) < 32767
            elif isinstance(value, int) and not isinstance(value, bool):
                assert -2**31 <= value < 2**31
    for page in record.pdf.pages:
        depth = deepest = 0
        for _, operator in pikepdf.parse_content_stream(page):
            depth += {"q": 1, "Q": -1}.get(str(operator), 0)
            deepest = max(deepest, depth)
        assert deepest <= 28


def test_6_2_2_content_streams_use_only_iso_32000_1_operators(record):
    """ISO 19005-3 6.2.2: no operator outside ISO 32000-1 (Annex A), on any page."""
    defined = set("b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g "
                  "gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD "
                  "Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"".split())
    for page in record.pdf.pages:
        for _, operator in pikepdf.parse_content_stream(page):
            assert str(operator) in defined


def test_pdf_1_7_as_iso_19005_3_requires(record):
    """ISO 19005-3 builds on ISO 32000-1 (PDF 1.7): the catalog declares 1.7, and no
    extension based on PDF 2.0 (pyHanko declares 2.0 for ECDSA unless told not to)."""
    assert record.pdf.Root.Version == "/1.7"
    for ext in (record.pdf.Root.get("/Extensions") or {}).values():
        for entry in (ext if isinstance(ext, pikepdf.Array) else [ext]):
            assert float(str(entry.BaseVersion)[1:]) <= 1.7


# ---- 6.2 graphics and fonts ------------------------------------------------------------------

def test_6_2_3_one_srgb_output_intent_with_its_icc_profile(record):
    """ISO 19005-3 6.2.3: a GTS_PDFA1 output intent whose DestOutputProfile is an ICC output
    or monitor profile (RGB, version below 5) with N = 3."""
    intents = [i for i in record.pdf.Root.OutputIntents if i.S == "/GTS_PDFA1"]
    assert len(intents) == 1
    profile = intents[0].DestOutputProfile
    icc = profile.read_bytes()
    assert profile.N == 3 and len(icc) == int.from_bytes(icc[:4], "big")
    assert icc[12:16] in (b"mntr", b"prtr") and icc[16:20] == b"RGB " and icc[36:40] == b"acsp"
    assert icc[8] < 5
    assert "sRGB" in str(intents[0].OutputConditionIdentifier)


def test_6_2_4_3_device_colours_only_rgb_or_grey_under_the_rgb_intent(record):
    """ISO 19005-3 6.2.4.3: DeviceRGB and DeviceGray need an RGB output intent (there is one);
    DeviceCMYK would need a CMYK one, so no content stream uses it."""
    cmyk = {"k", "K"}
    for page in record.pdf.pages:
        streams = [page, *[x for x in page.Resources.get("/XObject", {}).values()
                           if x.get("/Subtype") == "/Form"]]
        for stream in streams:
            for operands, operator in pikepdf.parse_content_stream(stream):
                assert str(operator) not in cmyk
                if str(operator) in ("cs", "CS"):
                    assert str(operands[0]) != "/DeviceCMYK"


def test_6_2_5_and_6_2_10_graphics_states_have_no_transfer_halftone_or_odd_blend(record):
    """ISO 19005-3 6.2.5 (no TR, TR2 other than Default, HTP) and 6.2.10 (standard blend
    modes; transparency allowed under the output intent)."""
    blends = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
              "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference",
              "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"}
    for obj in all_objects(record.pdf):
        if obj.get("/Type") == "/ExtGState" or {"/CA", "/ca", "/BM"} & set(obj.keys()):
            assert "/TR" not in obj and "/HTP" not in obj
            assert obj.get("/TR2", "/Default") == "/Default"
            assert str(obj.get("/BM", "/Normal")) in blends


def test_6_2_11_4_every_font_program_is_embedded_and_no_standard_14_font(record):
    """ISO 19005-3 6.2.11.4, as poppler sees it and in the font dictionaries: every font
    embedded, none of the standard 14 (Helvetica for a page number or the QR code) unembedded."""
    listed = subprocess.run(["pdffonts", str(record.path)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert listed and all(row.split()[-5] == "yes" for row in listed), listed
    for font in fonts(record.pdf):
        target = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
        if font.Subtype != "/Type3":
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(target.FontDescriptor.keys()), \
                font.BaseFont


def test_6_2_11_2_and_6_2_11_6_font_dictionaries_and_symbolic_truetype_cmaps(record):
    """ISO 19005-3 6.2.11.2 (Type, Subtype, BaseFont, FirstChar/LastChar and as many Widths) and
    6.2.11.6 (a symbolic TrueType font has no Encoding, and its cmap one subtable or (3,0))."""
    for font in fonts(record.pdf):
        assert font.Subtype in ("/TrueType", "/Type0", "/Type1", "/Type3", "/CIDFontType2")
        assert "/BaseFont" in font
        if font.Subtype == "/TrueType":
            assert len(font.Widths) == font.LastChar - font.FirstChar + 1
            descriptor = font.FontDescriptor
            program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
            subtables = {(t.platformID, t.platEncID) for t in program["cmap"].tables}
            if int(descriptor.Flags) & 4:  # symbolic
                assert "/Encoding" not in font
                assert len(subtables) == 1 or (3, 0) in subtables
            else:
                assert (3, 1) in subtables or (1, 0) in subtables


# ---- 6.3 - 6.5 annotations, forms, actions ---------------------------------------------------

def test_6_3_annotations_are_printed_and_the_signature_has_no_appearance_to_render(record):
    """ISO 19005-3 6.3.1-6.3.3: permitted types; F with Print set and Hidden, Invisible,
    NoView, ToggleNoView clear; an appearance (N only) unless the rectangle is empty, as the
    invisible signature's is (so signing adds no font)."""
    annotations = [a for page in record.pdf.pages for a in page.get("/Annots", [])]
    assert annotations  # the signature widget
    for a in annotations:
        assert a.Subtype in ("/Widget", "/Link", "/Text")
        flags = int(a.F)
        assert flags & 4 and not flags & (1 | 2 | 32 | 256)
        rect = [float(v) for v in a.Rect]
        if rect[0] != rect[2] or rect[1] != rect[3]:
            assert set(a.AP.keys()) == {"/N"}


def test_6_4_the_signature_field_has_no_actions_and_the_form_no_xfa(record):
    """ISO 19005-3 6.4.1 (no A or AA on widgets and fields, NeedAppearances not true) and
    6.4.2 (no XFA, no NeedsRendering)."""
    form = record.pdf.Root.AcroForm
    assert not bool(form.get("/NeedAppearances", False)) and "/XFA" not in form
    assert "/NeedsRendering" not in record.pdf.Root
    for field in form.Fields:
        assert "/A" not in field and "/AA" not in field


def test_6_5_no_forbidden_actions_and_no_additional_actions(record):
    """ISO 19005-3 6.5.1 (no Launch, JavaScript, ... actions) and 6.5.2 (no AA in the catalog
    or a page); 6.10/6.11: no AlternatePresentations, PresSteps or Requirements."""
    for obj in all_objects(record.pdf):
        assert "/JS" not in obj
        if "/S" in obj and obj.get("/Type") in (None, "/Action"):
            assert str(obj.S) in ("/GoTo", "/GoToR", "/Thread", "/URI", "/Named", "/SubmitForm",
                                  "/GTS_PDFA1")
    assert "/AA" not in record.pdf.Root and "/Requirements" not in record.pdf.Root
    assert "/AlternatePresentations" not in record.pdf.Root.get("/Names", {})
    for page in record.pdf.pages:
        assert "/AA" not in page and "/PresSteps" not in page


# ---- 6.6 metadata ----------------------------------------------------------------------------

def test_6_6_2_1_a_well_formed_xmp_metadata_stream_in_the_catalog(record):
    """ISO 19005-3 6.6.2.1: the catalog's Metadata is a Type Metadata, Subtype XML stream;
    the packet header has no bytes or encoding attribute; the XML is well formed."""
    stream = record.pdf.Root.Metadata
    assert stream.Type == "/Metadata" and stream.Subtype == "/XML"
    raw = stream.read_bytes()
    header = raw[:raw.index(b"?>")]
    assert header.startswith(b"<?xpacket begin=") and b"bytes=" not in header \
        and b"encoding=" not in header
    assert xmp_tree(record.pdf).tag == "{adobe:ns:meta/}xmpmeta"


def test_6_6_2_3_every_xmp_property_is_predefined_or_declared_in_the_extension_schema(record):
    """ISO 19005-3 6.6.2.3: each property belongs to a predefined schema or to one the file
    declares in pdfaExtension:schemas (namespace, prefix, and each property with its name,
    value type, category and description)."""
    tree = xmp_tree(record.pdf)
    declared: dict[str, set[str]] = {}
    for schema in tree.iter(f"{{{XMP_NS['pdfaExtension']}}}schemas"):
        for description in schema.find(f"{{{RDF}}}Bag"):
            s = description[0]
            uri = s.get(f"{{{XMP_NS['pdfaSchema']}}}namespaceURI") or s.find(
                f"{{{XMP_NS['pdfaSchema']}}}namespaceURI").get(f"{{{RDF}}}resource")
            assert s.get(f"{{{XMP_NS['pdfaSchema']}}}prefix") == "mdrec"
            assert s.get(f"{{{XMP_NS['pdfaSchema']}}}schema")
            declared[uri] = set()
            for prop in s.iter(f"{{{RDF}}}Description"):
                name = prop.get(f"{{{XMP_NS['pdfaProperty']}}}name")
                if name:
                    assert prop.get(f"{{{XMP_NS['pdfaProperty']}}}valueType") == "Text"
                    assert prop.get(f"{{{XMP_NS['pdfaProperty']}}}category") in ("external",
                                                                                  "internal")
                    assert prop.get(f"{{{XMP_NS['pdfaProperty']}}}description")
                    declared[uri].add(name)
    assert declared == {RECORD_NS: {"RetentionPeriod", "RecordFingerprint", "MeetingID"}}
    allowed = {**PREDEFINED, **declared}
    top = tree.find(f"{{{RDF}}}RDF")
    for description in top.findall(f"{{{RDF}}}Description"):
        names = [etree.QName(a) for a in description.attrib if etree.QName(a).namespace != RDF]
        names += [etree.QName(c) for c in description]
        for name in names:
            assert name.localname in allowed.get(name.namespace, set()), name


def test_6_6_4_identifies_itself_as_pdf_a_3b(record):
    """ISO 19005-3 6.6.4: pdfaid:part 3 and pdfaid:conformance B."""
    tree = xmp_tree(record.pdf)
    assert xmp_value(tree, "pdfaid", "part") == "3"
    assert xmp_value(tree, "pdfaid", "conformance") == "B"
    with record.pdf.open_metadata() as meta:  # and as pikepdf reads it
        assert meta.pdfa_status == "3B"


def test_xmp_and_the_document_information_say_the_same(record):
    """The document information dictionary and XMP agree wherever both hold a value (ISO
    19005-1 6.7.3; readers of later parts still compare them): title, the unit as author,
    subject, keywords, creator tool, producer and both dates, after signing too."""
    tree, info = xmp_tree(record.pdf), record.pdf.trailer.Info
    unit = record.events[0].payload["unit"]["name"]
    assert str(info.Author) == xmp_value(tree, "dc", "creator") == unit
    for key, (prefix, name) in {"/Title": ("dc", "title"), "/Subject": ("dc", "description"),
                                "/Keywords": ("pdf", "Keywords"),
                                "/Creator": ("xmp", "CreatorTool"),
                                "/Producer": ("pdf", "Producer")}.items():
        assert str(info[key]) == xmp_value(tree, prefix, name), key
    for key, name in {"/CreationDate": "CreateDate", "/ModDate": "ModifyDate"}.items():
        assert pikepdf.models.metadata.decode_pdf_date(str(info[key])) == \
            datetime.fromisoformat(xmp_value(tree, "xmp", name)), key
    assert "会议纪实" in str(info.Title) and unit in str(info.Title)


def test_xmp_carries_the_meeting_date_retention_and_fingerprint(record):
    """The archival metadata DOMAIN.md asks for: the meeting's date, retention 永久, and the
    fingerprint (the log's head) the pages print."""
    tree = xmp_tree(record.pdf)
    assert xmp_value(tree, "dc", "date") == "2026-11-10"
    assert xmp_value(tree, "mdrec", "RetentionPeriod") == "永久"
    assert xmp_value(tree, "mdrec", "RecordFingerprint") == record.events[-1].hash
    assert xmp_value(tree, "mdrec", "MeetingID") == record.events[-1].meeting_uid


# ---- 6.8 embedded files ----------------------------------------------------------------------

def test_6_8_the_log_and_the_rules_are_associated_files_with_mime_type_and_relationship(record):
    """ISO 19005-3 6.8: each embedded file has a MIME Subtype, its file specification F and UF
    and an AFRelationship, and is associated with the document through the catalog's AF."""
    af = {spec.objgen for spec in record.pdf.Root.AF}
    names = record.pdf.Root.Names.EmbeddedFiles.Names
    specs = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    assert list(specs) == ["events.json", "rules.json"]  # a name tree is sorted
    relationships = {}
    for name, spec in specs.items():
        assert spec.objgen in af
        assert str(spec.F) == str(spec.UF) == name
        relationships[name] = str(spec.AFRelationship)
        stream = spec.EF.F
        assert stream.Subtype == "/application/json" and stream.Type == "/EmbeddedFile"
        assert "/ModDate" in stream.Params and int(stream.Params.Size) == len(stream.read_bytes())
    assert relationships == {"events.json": "/Source", "rules.json": "/Data"}


def test_the_embedded_log_is_the_package_s_byte_for_byte_and_replays(record):
    """The PDF alone is enough: its log is the package's events.json byte for byte, its chain
    holds, it replays through the rules core to the closed meeting, its head is the
    fingerprint, and the embedded rule set is the one in force."""
    files = embedded_files(record.data)
    assert files["events.json"] == record.parts["events.json"]
    assert files["rules.json"] == record.parts["rules.json"]
    events = [Event.from_dict(d) for d in json.loads(files["events.json"])]
    assert events == record.events and not verify_chain(events)
    state = Meeting.replay(events)
    assert state.phase == "closed"
    assert json.loads(files["rules.json"]) == state.rules.to_dict()
    assert events[-1].hash in subprocess.run(["pdftotext", str(record.path), "-"],
                                             capture_output=True, text=True).stdout


def test_embedded_files_of_a_damaged_or_plain_pdf_is_empty(record):
    assert embedded_files(record.data[:1000]) == {}
    assert embedded_files(b"not a pdf") == {}


def test_an_embedded_bomb_is_not_unpacked(record):
    """A hostile PDF whose events.json inflates to 80 MiB: refused, not read into memory."""
    pdf = pikepdf.open(io.BytesIO(record.data))
    spec = pdf.Root.Names.EmbeddedFiles.Names[1]
    spec.EF.F.write(zlib.compress(bytes(80 * 1024 * 1024), 9), filter=pikepdf.Name.FlateDecode)
    bomb = saved(pdf, compress_streams=False)
    assert len(bomb) < 1024 * 1024
    start = time.thread_time()
    with pytest.raises(PackageReadError, match="too large"):
        embedded_files(bomb)
    assert time.thread_time() - start < 5


# ---- the signature after the PDF/A update ----------------------------------------------------

@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils is not installed")
def test_the_signature_is_valid_for_pdfsig_and_pyhanko_and_covers_the_pdf_a_update(record):
    report = subprocess.run(["pdfsig", str(record.path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in report and "Total document signed" in report
    check = verify_pdf_signature(record.data)
    assert check.ok and check.covers_whole_file
    # The signature's revision comes after the one that made the file PDF/A.
    assert record.data.count(b"%%EOF") == 3


# ---- check_pdf -------------------------------------------------------------------------------

def saved(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def failed(findings, aspect: str) -> list[str]:
    return [f.text for f in findings if f.aspect == aspect and not f.ok]


def test_check_pdf_finds_the_exported_record_usable_and_safe(record):
    findings = check_pdf(record.data)
    assert all(f.ok for f in findings), findings
    texts = " ".join(f.text for f in findings)
    assert "共 " in texts and "PDF/A-3B" in texts and "均已嵌入" in texts
    assert {f.aspect for f in findings} == {"usability", "security"}


def test_check_pdf_finds_javascript_run_on_opening(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")))
    assert any("JavaScript" in t for t in failed(check_pdf(saved(pdf)), "security"))


def test_check_pdf_finds_a_link_to_the_web_and_a_launch_action(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))]))
    problems = " ".join(failed(check_pdf(saved(pdf)), "security"))
    assert "启动外部程序" in problems and "cmd.exe" in problems


def test_check_pdf_finds_an_unembedded_font(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    font = fonts(pdf)[0]
    del font.FontDescriptor["/FontFile2"]
    problems = failed(check_pdf(saved(pdf)), "usability")
    assert any("字体未嵌入" in t and str(font.BaseFont)[1:] in t for t in problems)


def test_check_pdf_finds_an_extra_embedded_file(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    pdf.attachments["run-me.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ")
    assert any("run-me.exe" in t for t in failed(check_pdf(saved(pdf)), "security"))


def test_check_pdf_finds_a_pdf_that_is_not_pdf_a(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    del pdf.Root["/Metadata"], pdf.Root["/OutputIntents"]
    problems = failed(check_pdf(saved(pdf)), "usability")
    assert any("不是 PDF/A" in t for t in problems) and any("输出意图" in t for t in problems)


def test_check_pdf_reports_an_encrypted_pdf_without_reading_it(record):
    pdf = pikepdf.open(io.BytesIO(record.data))
    data = saved(pdf, encryption=pikepdf.Encryption(owner="o", user="u", R=6))
    findings = check_pdf(data)
    assert failed(findings, "security") == ["PDF 文件已加密：归档文件不得加密"]
    assert failed(findings, "usability")


def test_check_pdf_never_raises_on_damaged_bytes(record):
    cases = [record.data[:n] for n in (0, 8, 1000, len(record.data) // 2, len(record.data) - 10)]
    cases += [b"%PDF-1.7\n1 0 obj\n" + b"[" * 50_000 + b"\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF",
              b"%PDF-1.7\ntrailer\n<</Root 1 0 R>>\n%%EOF", record.data.replace(b"/Root", b"/Ruut")]
    for data in cases:
        findings = check_pdf(data)
        assert findings and not all(f.ok for f in findings)


def test_check_pdf_survives_random_damage_quickly(record):
    """60 seeded mutations (bit flips, cuts, runs of brackets): never an exception, at most
    a second of this thread's CPU each (a runaway parse, not a machine busy with others)."""
    rnd = random.Random(9)
    for n in range(60):
        data = bytearray(record.data)
        if n % 3 == 0:
            for _ in range(rnd.randint(1, 30)):
                data[rnd.randrange(len(data))] ^= 1 << rnd.randrange(8)
        elif n % 3 == 1:
            del data[rnd.randrange(len(data)):]
        else:
            at = rnd.randrange(len(data))
            data[at:at] = b"<<[" * 3000
        start = time.thread_time()
        findings = check_pdf(bytes(data))
        assert findings and time.thread_time() - start < 1.0
