"""Benchmark: render and sign the record of a 40-item, 15-member meeting.

Two records: a meeting recorded through the rules core (every entry proposed and applied by
domain.Meeting, sealed into a hash chain; the record built from that state), and the specimen
Minutes of record/sample.py. Each is compared with a baseline that has ReportLab set the same
text as plain CJK Paragraphs (no tables, line-breaking rules, page decoration or signature page)
and signs it the same way. The record is made PDF/A-3b with the meeting's log embedded before it
is signed, as an export does. Target: the record takes at most 1.5 times its baseline. Run by
hand:

    python tests/bench_record.py [runs]     (with meetingdesk installed, or PYTHONPATH=.)
"""

from __future__ import annotations

import dataclasses
import io
import statistics
import sys
import time
from datetime import timedelta
from typing import Callable, Iterator
from xml.sax.saxutils import escape

from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from meeting_factory import FUND_ITEM, Harness, start_payload  # tests/ is sys.path[0]
from meetingdesk.domain import Event, Meeting
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.fonts import find_cjk_font, register_font
from meetingdesk.record.layout import (BODY_LEADING, BODY_SIZE, BOTTOM_MARGIN, LEFT_MARGIN,
                                       TEXT_WIDTH, TOP_MARGIN)
from meetingdesk.record.pdf import render_minutes
from meetingdesk.record.pdfa import archival_pdf
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


NAMES = ("林堃", "赵犇", "陈喆", "周玥", "吴珺", "郑燊", "孙昇", "李建国", "黄海燕", "欧阳文华",
         "钱立新", "冯晓东", "蒋春梅", "韩卫东", "杨光明")
WORDS = ("该事项前期调研比较充分，方案总体可行。建议在实施中严格执行招投标和资金管理规定，"
         "加强过程监管，确保工程质量和资金安全；同时做好群众解释工作，及时公开相关信息。")


def recorded_meeting(items: int = 40, members: int = 15) -> tuple[Meeting, list[Event]]:
    """A meeting of ``members`` with ``items`` fund items, recorded entry by entry through the
    rules core: every other member speaks, the chief last, everyone votes; every fifth item has
    a member recuse and every seventh is deferred on a sharp division. (state, log)."""
    team = [{"id": n, "name": name, "position": "党委委员", "rank": n, "is_chief": n == 1}
            for n, name in enumerate(NAMES[:members], 1)]
    agenda = [{**FUND_ITEM, "no": n, "title": f"关于第{n}批村级公益事业建设项目资金安排的议题",
               "amount": str(200000 + 1000 * n), "presenter_id": 4 + n % (members - 5)}
              for n in range(1, items + 1)]
    h = Harness(start_payload(agenda, members=team, expected=[m["id"] for m in team]))
    h.open(absent={members: "参加县委党校培训"})
    for n in range(1, items + 1):
        h.do("item_opened", item_no=n)
        if n % 5 == 0:
            h.do("recusal", 3, item_no=n, reason="项目涉及其亲属")
        h.do("report", h.meeting.items[n].spec.presenter_id, item_no=n,
             words="项目已经村民代表会议讨论通过，资金使用计划经乡财政所审核。")
        divided = n % 7 == 0
        for k, m in enumerate(h.meeting.speaking_queue(n)):
            stance = "disagree" if divided and k % 2 else "agree"
            h.do("opinion", m, item_no=n, stance=stance, words=WORDS,
                 reason="后续管护资金没有着落。" if stance == "disagree" else "")
        h.do("opinion", 1, item_no=n, stance="agree", words="同意大家的意见。")
        if divided:
            h.do("deferral", item_no=n, reason="意见分歧较大，暂缓表决，进一步调研后提交下次会议复议。")
            continue
        for m in h.meeting.eligible(n):
            h.do("vote", m, item_no=n, candidate=None, choice="agree")
        h.do("decision", item_no=n, text="会议同意该项目资金安排，按规定程序实施。")
    h.do("meeting_closed")
    h.clock += timedelta(minutes=5)
    h.do("signature", None, role="recorder", name="刘晓岚", strokes=[[[0.1, 0.1], [0.5, 0.2]]])
    return h.meeting, h.events


def compare(label: str, record: Callable[[], bytes], texts: list[str], font: str, p12: bytes,
            runs: int) -> None:
    def baseline() -> bytes:
        return sign_pdf(baseline_pdf(texts, font), p12, PASSPHRASE, "备案", "青石乡")

    record(), baseline()  # warm up
    t_record, pdf = median_seconds(record, runs)
    t_base, base = median_seconds(baseline, runs)
    print(label)
    for name, seconds, data in (("record (build + render + sign)", t_record, pdf),
                                ("baseline (Paragraphs + sign)", t_base, base)):
        print(f"  {name:32} {seconds * 1000:6.0f} ms median of {runs}, "
              f"{pages(data):3} pages, {len(data) // 1024} KiB")
    ratio = t_record / t_base
    print(f"  ratio: {ratio:.2f}x (target <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER TARGET'}")


def main(runs: int = 5) -> None:
    font = register_font(find_cjk_font())  # once per process, outside the timings
    p12 = create_unit_certificate("中共青石乡委员会", PASSPHRASE)

    start = time.perf_counter()
    state, events = recorded_meeting()
    head = events[-1].hash
    print(f"recording 40 items, 15 members through the rules core: "
          f"{(time.perf_counter() - start) * 1000:.0f} ms, {state.seq} events")

    def filed(pdf: bytes) -> bytes:  # as Records.export: PDF/A with the log, then signed
        return sign_pdf(archival_pdf(pdf, events, state), p12, PASSPHRASE, "备案", "青石乡")

    from_state = minutes_from_meeting(state, head)
    compare("meeting recorded through the domain (40 items, 15 members)",
            lambda: filed(render_minutes(minutes_from_meeting(state, head))),
            [t for t in strings(dataclasses.astuple(from_state)) if t.strip()], font, p12, runs)

    specimen = sample_minutes(items=40, members=15)  # (with the recorded meeting's log inside)
    compare("specimen minutes (record/sample.py, 40 items, 15 members)",
            lambda: filed(render_minutes(specimen)),
            [t for t in strings(dataclasses.astuple(specimen)) if t.strip()], font, p12, runs)


def pages(pdf: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
