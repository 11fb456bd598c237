"""Benchmark: render and sign the record of a 40-item, 15-member meeting.

Compared with a baseline that has ReportLab set the same text as plain CJK Paragraphs (no
tables, line-breaking rules, page decoration or signature page) and signs it the same way.
Target: the record takes at most 1.5 times the baseline. Run by hand:

    python tests/bench_record.py [runs]     (with meetingdesk installed, or PYTHONPATH=.)
"""

from __future__ import annotations

import dataclasses
import io
import statistics
import sys
import time
from typing import Callable, Iterator
from xml.sax.saxutils import escape

from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.layout import (BODY_LEADING, BODY_SIZE, BOTTOM_MARGIN, LEFT_MARGIN,
                                       TEXT_WIDTH, TOP_MARGIN)
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.sample import sample_minutes
from meetingdesk.record.signing import create_unit_certificate, sign_pdf

PASSPHRASE = "bench"


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from strings(v)


def baseline_pdf(texts: list[str], font: str) -> bytes:
    style = ParagraphStyle("b", fontName=font, fontSize=BODY_SIZE, leading=BODY_LEADING,
                           wordWrap="CJK")
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=font, leftMargin=LEFT_MARGIN,
                      rightMargin=A4[0] - LEFT_MARGIN - TEXT_WIDTH, topMargin=TOP_MARGIN,
                      bottomMargin=BOTTOM_MARGIN).build([Paragraph(escape(t), style)
                                                         for t in texts])
    return out.getvalue()


def median_seconds(job: Callable[[], bytes], runs: int) -> tuple[float, bytes]:
    times, result = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(runs: int = 5) -> None:
    m = sample_minutes(items=40, members=15)
    font = register_font(find_cjk_font())  # once per process, outside the timings
    p12 = create_unit_certificate(m.unit_name, PASSPHRASE)
    texts = [s for s in strings(dataclasses.astuple(m)) if s.strip()]

    def record() -> bytes:
        return sign_pdf(render_minutes(m), p12, PASSPHRASE, "备案", "青石乡")

    def baseline() -> bytes:
        return sign_pdf(baseline_pdf(texts, font), p12, PASSPHRASE, "备案", "青石乡")

    record(), baseline()  # warm up
    t_record, pdf = median_seconds(record, runs)
    t_base, base = median_seconds(baseline, runs)
    for label, seconds, data in (("record (render + sign)", t_record, pdf),
                                 ("baseline (Paragraphs + sign)", t_base, base)):
        print(f"{label:30} {seconds * 1000:6.0f} ms median of {runs}, "
              f"{pages(data):3} pages, {len(data) // 1024} KiB")
    ratio = t_record / t_base
    print(f"ratio: {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER TARGET'}")


def pages(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
