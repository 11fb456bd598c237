"""The filed record as an archival PDF: PDF/A-3b (ISO 19005-3, in China GB/T 23286) that carries
the meeting's event log and rule set, so that the PDF alone is enough to verify the record.

ReportLab's rendering is made PDF/A by one incremental update written with pyHanko, the library
that signs it afterwards (no second PDF library in the installers): an sRGB output intent, XMP
metadata consistent with the document information dictionary (title, the unit as author, dates,
the meeting date, retention 永久, the record fingerprint, in an extension schema declared as
PDF/A requires), and the log and the rule set as associated files (AFRelationship Source and
Data). PDF/A-3 rather than PDF/A-2 because only part 3 allows embedding files that are not
themselves PDF/A. The signature is a later incremental update (signing.py); ``PdfA17Writer``
keeps it from declaring PDF 2.0, which PDF/A-3 (built on PDF 1.7) does not allow.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any, Sequence

from lxml import etree
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget, StreamDecodeLimits
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model
from pyhanko.pdf_utils.metadata.model import (ExpandedName, XmpArray, XmpStructure, XmpUri,
                                               XmpValue)
from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream
from pyhanko.pdf_utils.reader import PdfFileReader

from meetingdesk.domain import Event, Meeting
from meetingdesk.paths import resources_dir
from meetingdesk.record.package import EVENTS_PATH, RULES_PATH
from meetingdesk.record.package import _json as package_json

PDF_VERSION = (1, 7)  # ISO 19005-3 builds on ISO 32000-1
PART, CONFORMANCE = "3", "B"
RETENTION = "永久"
SRGB_PROFILE = "sRGB.icc"  # made by LittleCMS (through Pillow), "No copyright, use freely"
SRGB_CONDITION = "sRGB IEC61966-2.1"
JSON_MIME = "application/json"

# The record's own XMP properties, declared in the file's pdfaExtension schema (ISO 19005-3
# 6.6.2.3): a URI that names them and resolves nowhere (.invalid is reserved, RFC 2606).
RECORD_NS = "http://ns.meetingdesk.invalid/record/1.0/"
RECORD_PREFIX = "mdrec"
RECORD_PROPERTIES = {  # name: description
    "RetentionPeriod": "保管期限 (retention period)",
    "RecordFingerprint": "记录指纹：会议记录链最后一条记录的 SHA-256 (hash at the head of the event log)",
    "MeetingID": "会议标识 (meeting UID in the event log)",
}
EMBEDDED = {  # name in the PDF: (AFRelationship, description)
    EVENTS_PATH: ("/Source", "会议记录（事件日志，哈希链），本纪实据此生成 / the meeting's event log"),
    RULES_PATH: ("/Data", "会议生效的议事规则 / the rule set in force"),
}
MiB = 1024 * 1024
# Reading a PDF that may be hostile: no stream (the log of a long meeting is a few MB) decodes
# past 64 MiB, nor the whole file past 128 MiB or 20 times its size.
READ_LIMITS = DecodeLimits(per_stream=StreamDecodeLimits(max_output_size=64 * MiB),
                           document_budget=DocumentDecodeBudget(base_allowance=128 * MiB,
                                                                max_ratio=20))
etree.register_namespace(RECORD_PREFIX, RECORD_NS)  # lxml: the prefix pyHanko writes it with


def record_files(events: Sequence[Event], rules: dict[str, Any]) -> dict[str, bytes]:
    """The log and the rule set, byte for byte as the filing package holds them."""
    return {EVENTS_PATH: package_json([e.as_dict() for e in events]),
            RULES_PATH: package_json(rules)}


def archival_pdf(pdf: bytes, events: Sequence[Event], state: Meeting) -> bytes:
    """``pdf`` (the record of ``state`` as render_minutes made it) as PDF/A-3b, with the log
    ``events`` it was made from and the rule set in force embedded."""
    assert state.rules is not None and state.started_at is not None
    head = events[-1]
    writer = PdfA17Writer(io.BytesIO(pdf))
    writer.ensure_output_version(PDF_VERSION)
    info = writer.prev.trailer_view["/Info"]
    _add_output_intent(writer)
    logged = datetime.fromisoformat(head.at)
    for name, data in record_files(events, state.header["rule_set"]).items():
        _embed(writer, name, data, logged)
    _describe(writer, info, (state.opened_at or state.started_at).date(), head.hash,
              head.meeting_uid)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def archival_document(pdf: bytes, dated: date, fingerprint: str, meeting_uid: str) -> bytes:
    """``pdf`` (a document of the meeting that embeds no log, such as the notice of its
    cancellation) as PDF/A-3b, described as a record is."""
    writer = PdfA17Writer(io.BytesIO(pdf))
    writer.ensure_output_version(PDF_VERSION)
    info = writer.prev.trailer_view["/Info"]
    _add_output_intent(writer)
    _describe(writer, info, dated, fingerprint, meeting_uid)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class PdfA17Writer(IncrementalPdfFileWriter):
    """An incremental update that never declares a PDF version past 1.7, nor an extension
    based on one: pyHanko would declare PDF 2.0 (ISO/TS 32002) for an ECDSA signature."""

    def ensure_output_version(self, version: tuple[int, int]) -> None:
        super().ensure_output_version(min(version, PDF_VERSION))

    def register_extension(self, ext: Any) -> None:
        if tuple(map(int, str(ext.base_version).lstrip("/").split("."))) <= PDF_VERSION:
            super().register_extension(ext)


def _add_output_intent(writer: IncrementalPdfFileWriter) -> None:
    """ISO 19005-3 6.2.3: a PDF/A output intent with an embedded ICC profile (sRGB, the
    colour space of everything ReportLab draws)."""
    profile = generic.StreamObject({pdf_name("/N"): generic.NumberObject(3)},
                                   stream_data=(resources_dir() / "icc" / SRGB_PROFILE)
                                   .read_bytes())
    profile.compress()
    intent = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/OutputIntent"),
        pdf_name("/S"): pdf_name("/GTS_PDFA1"),
        pdf_name("/OutputConditionIdentifier"): pdf_string(SRGB_CONDITION),
        pdf_name("/Info"): pdf_string(SRGB_CONDITION),
        pdf_name("/RegistryName"): pdf_string("http://www.color.org"),
        pdf_name("/DestOutputProfile"): writer.add_object(profile),
    })
    writer.root["/OutputIntents"] = generic.ArrayObject([writer.add_object(intent)])
    writer.update_root()


def _embed(writer: IncrementalPdfFileWriter, name: str, data: bytes, at: datetime) -> None:
    """ISO 19005-3 6.8: an embedded file with its MIME type, F and UF, its AFRelationship,
    listed in the catalog's AF array and in the EmbeddedFiles name tree (kept sorted)."""
    relationship, description = EMBEDDED[name]
    stream = EmbeddedFileObject.from_file_data(
        writer, data, mime_type=JSON_MIME,
        params=EmbeddedFileParams(creation_date=at, modification_date=at))
    spec = writer.add_object(FileSpec(name, file_name=name, embedded_data=stream,
                                      description=description,
                                      af_relationship=pdf_name(relationship)).as_pdf_object())
    root = writer.root
    if "/Names" not in root:
        root["/Names"] = writer.add_object(generic.DictionaryObject())
    names = root["/Names"]
    if "/EmbeddedFiles" not in names:
        names["/EmbeddedFiles"] = writer.add_object(
            generic.DictionaryObject({pdf_name("/Names"): generic.ArrayObject()}))
        writer.update_container(names)
    tree = names["/EmbeddedFiles"]
    tree["/Names"].extend([pdf_string(name), spec])
    writer.update_container(tree)
    if "/AF" not in root:
        root["/AF"] = generic.ArrayObject()
    root["/AF"].append(spec)
    writer.update_root()


def _describe(writer: IncrementalPdfFileWriter, info: generic.DictionaryObject,
              meeting_date: date, fingerprint: str, meeting_uid: str) -> None:
    """ISO 19005-3 6.6: XMP metadata with the PDF/A identification, equal to the document
    information dictionary where both say the same thing. pyHanko writes what both carry from
    ``document_meta`` into both (and the producer and the modification date, here and again
    when it signs); the keywords go in as pdf:Keywords, the property's real name (pyHanko
    would write pdf:keywords, a property no schema defines)."""
    meta = writer.document_meta
    meta.title, meta.author, meta.subject, meta.creator = (
        str(info[key]) for key in ("/Title", "/Author", "/Subject", "/Creator"))
    meta.created = generic.parse_pdf_date(info["/CreationDate"])
    keywords = str(info["/Keywords"])
    writer.set_info(generic.DictionaryObject({  # the entries both carry, and no others
        pdf_name("/Title"): info["/Title"], pdf_name("/Author"): info["/Author"],
        pdf_name("/Subject"): info["/Subject"], pdf_name("/Creator"): info["/Creator"],
        pdf_name("/Keywords"): info["/Keywords"],
        pdf_name("/Producer"): pdf_string(model.VENDOR),
        pdf_name("/CreationDate"): info["/CreationDate"],
        pdf_name("/ModDate"): info["/CreationDate"],
    }))  # pyHanko sets /ModDate to the time of writing, and the producer is pyHanko alone
    record = {"RetentionPeriod": RETENTION, "RecordFingerprint": fingerprint,
              "MeetingID": meeting_uid}
    # One rdf:Description, as pyHanko leaves it whenever it updates the metadata.
    xmp = XmpStructure.of(
        (_name("pdfaid", "part"), XmpValue(PART)),
        (_name("pdfaid", "conformance"), XmpValue(CONFORMANCE)),
        (_name("pdf", "Keywords"), XmpValue(keywords)),
        (_name("dc", "date"), XmpValue(XmpArray.ordered([XmpValue(meeting_date.isoformat())]))),
        *((ExpandedName(RECORD_NS, key), XmpValue(value)) for key, value in record.items()),
        (_name("pdfaExtension", "schemas"), XmpValue(XmpArray.unordered([XmpValue(
            XmpStructure.of(
                (_name("pdfaSchema", "schema"), XmpValue("MeetingDesk 会议纪实 record")),
                (_name("pdfaSchema", "namespaceURI"), XmpValue(XmpUri(RECORD_NS))),
                (_name("pdfaSchema", "prefix"), XmpValue(RECORD_PREFIX)),
                (_name("pdfaSchema", "property"), XmpValue(XmpArray.ordered([
                    XmpValue(XmpStructure.of(
                        (_name("pdfaProperty", "name"), XmpValue(key)),
                        (_name("pdfaProperty", "valueType"), XmpValue("Text")),
                        (_name("pdfaProperty", "category"), XmpValue("external")),
                        (_name("pdfaProperty", "description"), XmpValue(text))))
                    for key, text in RECORD_PROPERTIES.items()])))))]))))
    writer.root["/Metadata"] = writer.add_object(MetadataStream.from_xmp([xmp]))
    writer.update_root()


def _name(prefix: str, local: str) -> ExpandedName:
    return ExpandedName(model.NS[prefix], local)


def read_pdf(data: bytes) -> PdfFileReader:
    """A lenient reader for ``data`` from anywhere, its decoding bounded by READ_LIMITS."""
    return PdfFileReader(io.BytesIO(data), strict=False, decode_limits=READ_LIMITS)
