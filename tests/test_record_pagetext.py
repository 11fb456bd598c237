"""The record's pages bound to its log (record/pagetext.py): a record whose signed pages say
something else than the log it embeds and files (another decision, an added sentence, another
vote, another speaking order) is refused, by `verify` and at the county; the text is read from
the pages as a PDF reader shows it."""

from __future__ import annotations

import io
import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from county_packages import UNIT, new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.county.receipt import REFUSED, receive
from meetingdesk.county.trust import add_certificate
from meetingdesk.domain import Event, Meeting
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.notice import Cancellation, render_notice
from meetingdesk.record.pagetext import page_text
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.pdfa import archival_pdf
from meetingdesk.record.signing import create_unit_certificate, load_p12, sign_pdf
from meetingdesk.record.verify import INVALID, UNCONFIRMED, verify_bytes
from package_forge import parts, refit, write
from test_county_attack import KEY
from test_export_cli import rehashed

ADDED = "另拨付镇长办公室装修款一百万元。"


@pytest.fixture(scope="module")
def unit_p12() -> bytes:
    """The unit's own key: what signs is the unit, or whoever holds its key."""
    return create_unit_certificate(UNIT, KEY)


def shown_otherwise(source: Path, target: Path, p12: bytes,
                    edit: Callable[[list[dict]], None]) -> Path:
    """``source`` with its log, its fingerprint and everything else kept, but its pages rendered
    from an edited copy of the log and signed again: the pages say what the edit says."""
    files = parts(source)
    events = [Event.from_dict(d) for d in json.loads(files["events.json"])]
    edited = json.loads(files["events.json"])
    edit(edited)
    shown = Meeting.replay([Event.from_dict(d) for d in rehashed(edited)])
    pages = render_minutes(minutes_from_meeting(shown, events[-1].hash))
    files["record.pdf"] = sign_pdf(archival_pdf(pages, events, Meeting.replay(events)), p12, KEY,
                                   reason="", location="")
    write(target, refit(files))
    return target


def decided(text: str) -> Callable[[list[dict]], None]:
    def edit(events: list[dict]) -> None:
        next(d for d in events if d["type"] == "decision")["payload"]["text"] = text
    return edit


def failures(package: Path) -> list[str]:
    verdict = verify_bytes(package.read_bytes())
    assert verdict.status == INVALID
    return [f.text for f in verdict.findings if not f.ok and f is not verdict.signer]


def test_the_text_read_is_the_text_a_pdf_reader_shows(stick, tmp_path):
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(parts(stick.first)["record.pdf"])
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    pages = page_text(pdf.read_bytes())
    assert Counter(pages.body + pages.margins) == Counter("".join(shown.split()))
    assert "同意修缮村道。" in pages.body and "记录指纹" in pages.margins
    assert pages.images == 0


def test_genuine_records_old_and_new_have_pages_that_match_their_log(stick):
    data = Path(__file__).parent / "data" / "v1-package.mdpkg"  # format version 1, older layout
    for package in (stick.first, stick.corrected, stick.third, stick.cancelled, data):
        verdict = verify_bytes(package.read_bytes())
        assert verdict.status == UNCONFIRMED, [f.text for f in verdict.findings if not f.ok]
        assert any(f.ok and f.text.startswith("PDF 页面上的文字与") for f in verdict.findings)


def test_a_record_whose_pages_say_another_decision_than_its_log_is_refused(
        db_url, stick, unit_p12, tmp_path):
    """The decision on the pages, not the log's: before, the county filed it, and its index,
    search and signals showed the log's decision while the filed PDF showed another."""
    package = shown_otherwise(stick.first, tmp_path / "pages.mdpkg", unit_p12,
                              decided("同意修缮村道，" + ADDED))
    assert failures(package) == ["PDF 页面与会议记录不符：页面上没有其中的“同意修缮村道。”（或不在应在的位置）"]
    archive = new_archive(db_url, stick.certificate)
    try:
        with archive.session(write=True) as session:
            add_certificate(session, UNIT, load_p12(unit_p12, KEY).signing_cert.dump(),
                            "registered")
        [outcome] = receive(archive, [package]).outcomes
        assert outcome.status == REFUSED and "PDF 页面与会议记录不符" in outcome.line()
    finally:
        archive.close()


def test_a_sentence_the_log_does_not_have_is_named(stick, unit_p12, tmp_path):
    package = shown_otherwise(stick.first, tmp_path / "added.mdpkg", unit_p12,
                              decided("同意修缮村道。" + ADDED))
    assert failures(package) == [f"PDF 页面上有会议记录中没有的文字：“{ADDED}”"]


def test_another_vote_on_the_pages_is_refused(stick, unit_p12, tmp_path):
    def against(events: list[dict]) -> None:
        [d for d in events if d["type"] == "vote"][1]["payload"]["choice"] = "disagree"

    package = shown_otherwise(stick.first, tmp_path / "vote.mdpkg", unit_p12, against)
    assert failures(package)[0].startswith("PDF 页面与会议记录不符")


def test_another_speaking_order_on_the_pages_is_refused(stick, unit_p12, tmp_path):
    """Who spoke when (末位表态, R5): the two members' opinions shown the other way round."""
    def swapped(events: list[dict]) -> None:
        first, second = [d for d in events if d["type"] == "opinion"][:2]
        first["member_id"], second["member_id"] = second["member_id"], first["member_id"]

    package = shown_otherwise(stick.first, tmp_path / "order.mdpkg", unit_p12, swapped)
    assert failures(package)[0].startswith("PDF 页面与会议记录不符")


def test_text_not_shown_is_not_read_and_an_image_is_counted(tmp_path):
    """Text a reader cannot see (render mode 3, set at a fraction of a point, off the page)
    counts neither for nor against the log; a picture, which could show any words, is
    counted."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(100, 400, "shown")
    hidden = canvas.beginText(100, 380)
    hidden.setTextRenderMode(3)
    hidden.textLine("invisible")
    canvas.drawText(hidden)
    canvas.setFont("Helvetica", 0.5)
    canvas.drawString(100, 360, "tiny")
    canvas.setFont("Helvetica", 12)
    canvas.drawString(100, -50, "below the page")
    canvas.drawImage(ImageReader(PILImage.new("RGB", (4, 4))), 100, 200, 40, 40)
    canvas.showPage()
    canvas.save()
    pages = page_text(out.getvalue())
    assert pages.body + pages.margins == "shown" and pages.images == 1


def test_a_notice_whose_pages_give_another_reason_is_refused(stick, unit_p12, tmp_path):
    """The notice's facts are in its manifest and fingerprint; its pages must say them."""
    files = parts(stick.cancelled)
    genuine = Cancellation.from_dict(json.loads(files["manifest.json"])["cancellation"])
    assert genuine is not None

    class Shown(Cancellation):  # another reason printed over the genuine fingerprint
        fingerprint = genuine.fingerprint

    shown = Shown(**{**genuine.as_dict(), "reason": "另有安排"})
    files["record.pdf"] = sign_pdf(render_notice(shown), unit_p12, KEY, reason="", location="")
    package = tmp_path / "notice.mdpkg"
    write(package, refit(files))
    assert failures(package) == [
        f"PDF 页面与取消会议说明所载事项不符：页面上没有其中的“{genuine.reason}”（或不在应在的位置）"]
