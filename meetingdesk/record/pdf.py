"""Render Minutes to the filed PDF (ReportLab platypus), laid out after GB/T 9704-2012.

Every page carries a running head with the unit and the meeting, the page number "— n —" below
the text area and the record fingerprint at the foot, so that a loose page still says where it
belongs. Every glyph comes from one subset-embedded TrueType font (see fonts.py).
"""

from __future__ import annotations

import dataclasses
import io
from typing import Iterator

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate,
                                Table)

from meetingdesk.record.fonts import CJKFont, FontNotFoundError, find_cjk_font, register_font
from meetingdesk.record.layout import (BOTTOM_MARGIN, LEFT_MARGIN, PAGE_HEIGHT, PAGE_NUMBER_SIZE,
                                       PAGE_WIDTH, RUNNING_SIZE, TEXT_HEIGHT, TEXT_WIDTH,
                                       TOP_MARGIN, Styles, chinese_number, field_rows,
                                       GRID_CELLS, heading, para, table_style)
from meetingdesk.record.minutes import ItemMinutes, MemberVote, Minutes, Speech, Vote
from meetingdesk.record.sigpage import signature_section

VOTES_PER_ROW = 3  # name/choice pairs side by side in a vote table
FINGERPRINT_KEY, MEETING_KEY, ATTACHMENT_KEY = "fingerprint:", "meeting:", "attachment:"


def render_minutes(m: Minutes, font: CJKFont | None = None) -> bytes:
    """The record as PDF bytes, in ``font`` (default: the best Chinese font found here)."""
    font_name = register_font(font or find_cjk_font())
    _check_glyphs(m, font_name)
    styles = Styles.for_font(font_name)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=font_name,
        leftMargin=LEFT_MARGIN, rightMargin=PAGE_WIDTH - LEFT_MARGIN - TEXT_WIDTH,
        topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=f"{m.unit_name}{m.meeting_title}会议纪实", author=m.unit_name,
        subject=f"{m.meeting_type}会议纪实", creator="MeetingDesk 会议纪实台",
        keywords=pdf_keywords(m), lang="zh-CN")
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, TEXT_WIDTH, TEXT_HEIGHT, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("record", [frame],
                                       onPage=lambda c, d: _decorate(c, d, m, font_name))])
    doc.build(_story(m, styles))
    return out.getvalue()


def pdf_keywords(m: Minutes) -> list[str]:
    """The document's keywords: the fingerprint, the meeting and the SHA-256 of each attached
    file, for a verifier to read back (they are covered by the digital signature)."""
    return ([f"{FINGERPRINT_KEY}{m.fingerprint}", f"{MEETING_KEY}{m.meeting_uid}"]
            + [f"{ATTACHMENT_KEY}{a.sha256}" for a in m.attachments])


def _check_glyphs(m: Minutes, font_name: str) -> None:
    """Refuse text the font cannot show, rather than print boxes."""
    has = pdfmetrics.getFont(font_name).face.charToGlyph
    missing = sorted({ch for text in _texts(m) for ch in text if ch.isprintable()
                      and ord(ch) not in has})
    if missing:
        chars = "".join(missing)
        raise FontNotFoundError(
            f"所用字体缺少以下字符的字形：{chars}。请安装含这些字的仿宋或宋体字体。\n"
            f"The record font {font_name} has no glyphs for: {chars}.")


def _texts(value: object) -> Iterator[str]:
    """Every string inside a Minutes value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from _texts(v)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name))


def _decorate(canvas: Canvas, doc: BaseDocTemplate, m: Minutes, font: str) -> None:
    """Running head, page number "— n —" and fingerprint: on every page."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    canvas.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
    head_y = PAGE_HEIGHT - TOP_MARGIN + 8 * mm
    canvas.setFont(font, RUNNING_SIZE + 1)
    canvas.drawString(LEFT_MARGIN, head_y, f"{m.unit_name}　{m.meeting_title}会议纪实")
    canvas.drawRightString(LEFT_MARGIN + TEXT_WIDTH, head_y, f"{m.date}")
    canvas.setLineWidth(0.4)
    canvas.line(LEFT_MARGIN, head_y - 2 * mm, LEFT_MARGIN + TEXT_WIDTH, head_y - 2 * mm)

    canvas.setFillColor(colors.black)
    canvas.setFont(font, PAGE_NUMBER_SIZE)
    number_y = BOTTOM_MARGIN - 7 * mm - PAGE_NUMBER_SIZE * 0.8
    canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, number_y, f"— {doc.page} —")

    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    canvas.setFont(font, RUNNING_SIZE)
    canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, number_y - 9 * mm,
                             f"记录指纹（SHA-256）：{m.fingerprint}")
    canvas.restoreState()


def _story(m: Minutes, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [para(m.unit_name, styles.title),
                             para(f"{m.meeting_title}会议纪实", styles.title)]
    story.append(field_rows(_header_rows(m), styles))
    if m.remarks:
        story.extend(heading("会议中的其他发言", styles.heading, lines_after=2))
        story.extend(_speech(s, styles) for s in m.remarks)
    for item in m.items:
        story.extend(_item(item, styles))
    if m.corrections:
        page_break, title = heading("更正记录", styles.heading, lines_after=3)
        story.append(page_break)
        for n, c in enumerate(m.corrections, 1):
            rows = [("更正理由", c.reason), ("更正内容", c.text)]
            if c.refers_to:
                rows.insert(0, ("所更正", c.refers_to))
            if c.voided:
                rows.append(("签名作废", f"此前的签名（{_names(c.voided)}）随本更正作废，须重新签名。"))
            # One correction on one page where it fits (the first with the title); a longer
            # one still splits.
            story.append(KeepTogether([title] * (n == 1) + [
                para(f"【更正{chinese_number(n)}】{c.time}，{c.author}。", styles.body),
                field_rows(rows, styles)]))
    if m.attachments:
        story.extend(heading("附件（随备案包报送）", styles.heading, lines_after=2))
        story.extend(para(f"{n}. {a.name}　SHA-256：{a.sha256}", styles.small)
                     for n, a in enumerate(m.attachments, 1))
    story.extend(signature_section(m, styles))
    return story


def _names(names: tuple[str, ...]) -> str:
    return "、".join(names)


def _header_rows(m: Minutes) -> list[tuple[str, str]]:
    rows = [
        ("时间", f"{m.date} {m.start}至{m.end}"),
        ("地点", m.place),
        ("主持人", m.chair),
        ("记录人", m.recorder),
        ("应到会", f"{len(m.expected)}人：{_names(m.expected)}"),
        ("实到会", f"{len(m.present)}人：{_names(m.present)}"),
    ]
    if m.absent:
        rows.append(("缺席", "；".join(
            f"{a.name}（{a.reason}）" + (f"，书面意见：{a.written_opinion}"
                                        if a.written_opinion else "") for a in m.absent)))
    if m.late:
        rows.append(("迟到", "；".join(f"{p.name}（{p.time}到会）" for p in m.late)))
    if m.early_leave:
        rows.append(("早退", "；".join(f"{p.name}（{p.time}离会" + (f"，{p.reason}" if p.reason else "")
                                      + "）" for p in m.early_leave)))
    if m.observers:
        rows.append(("列席", _names(m.observers)))
    rows.append(("议事规则", m.rule_set_label))
    return rows


def _item(item: ItemMinutes, styles: Styles) -> list[Flowable]:
    out = heading(f"{chinese_number(item.number)}、{item.title}", styles.heading, lines_after=4)
    out.append(field_rows(_item_rows(item), styles))
    if item.major_matter:
        out.append(para("【三重一大】" + "；".join(item.major_reasons), styles.badge))

    sections: list[tuple[str, list[Flowable]]] = []
    if item.report:
        r = item.report
        sections.append(("汇报", [para(f"{r.time}　{r.presenter}：{r.words}", styles.body)]))
    if item.speeches:
        sections.append(("发言（按发言顺序）", [_speech(s, styles) for s in item.speeches]))
    if item.votes or item.proceed_reason:
        sections.append(("表决", _votes(item, styles)))
    conclusion = _conclusion(item, styles)
    if conclusion:
        sections.append(("缓议" if item.deferral_reason else item.conclusion_label, conclusion))
    for n, (title, body) in enumerate(sections, 1):
        out.extend(heading(f"（{chinese_number(n)}）{title}", styles.subheading, lines_after=2))
        out.extend(body)
    return out


def _item_rows(item: ItemMinutes) -> list[tuple[str, str]]:
    rows = [("议题类型", item.kind_label)]
    if item.category_label:
        rows.append(("事项类别", item.category_label))
    if item.amount_label:
        fund = f"（{item.fund_type_label}）" if item.fund_type_label else ""
        rows.append(("金额", item.amount_label + fund))
    rows.append(("汇报人", item.presenter))
    if item.materials:
        rows.append(("材料", "；".join(item.materials)))
    if item.recusals:
        rows.append(("回避", "；".join(f"{r.name}（{r.reason}）" for r in item.recusals)))
    if item.carried_over_from:
        rows.append(("复议", item.carried_over_from))
    return rows


def _speech(s: Speech, styles: Styles) -> Flowable:
    if s.procedural:
        mark = "（程序性发言）"
    elif s.written:
        mark = f"（书面意见，{s.stance_label}）" if s.stance_label else "（书面意见）"
    elif s.stance_label:
        mark = f"（{s.stance_label}）"
    else:
        mark = ""
    reason = f"理由：{s.reason}" if s.reason else ""
    return para(f"{s.time}　{s.name}{mark}：{s.words}{reason}", styles.body)


def _votes(item: ItemMinutes, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if item.proceed_reason:
        out.append(para(f"意见分歧较大，主持人决定继续表决。理由：{item.proceed_reason}",
                        styles.body))
    for vote in item.votes:
        out.extend(_vote(vote, styles))
    return out


def _vote(vote: Vote, styles: Styles) -> list[Flowable]:
    rows = []
    if vote.candidate:
        c = vote.candidate
        rows.append(("候选人", f"{c.name}（现任{c.current_post}，拟任{c.proposed_post}）"))
    rows.append(("表决方式", vote.method_label))
    if vote.tally:
        t = vote.tally
        rows.append(("计票", f"同意 {t.agree} 票，不同意 {t.disagree} 票，弃权 {t.abstain} 票"))
        rows.append(("监票人", _names(vote.scrutineers)))
        if vote.counters:
            rows.append(("计票人", _names(vote.counters)))
    out: list[Flowable] = [field_rows(rows, styles, space_before=6 if vote.candidate else 0)]
    if vote.member_votes:
        out.append(_vote_table(vote.member_votes, styles))
    out.append(field_rows([("表决结果", vote.result_text)], styles))
    return out


def _vote_table(votes: tuple[MemberVote, ...], styles: Styles) -> Table:
    header = [para(t, styles.table) for _ in range(VOTES_PER_ROW) for t in ("姓名", "表决")]
    rows: list[list] = [header]
    for i in range(0, len(votes), VOTES_PER_ROW):
        row: list = []
        for v in votes[i:i + VOTES_PER_ROW]:
            row += [para(v.name, styles.table), para(v.choice_label, styles.table)]
        rows.append(row + [""] * (2 * VOTES_PER_ROW - len(row)))
    table = Table(rows, colWidths=[TEXT_WIDTH / (2 * VOTES_PER_ROW)] * (2 * VOTES_PER_ROW),
                  repeatRows=1, spaceBefore=4, spaceAfter=4)
    table.setStyle(table_style(styles.font, *GRID_CELLS))
    return table


def _conclusion(item: ItemMinutes, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if item.deferral_reason:
        out.append(para(f"本议题暂缓表决。理由：{item.deferral_reason}", styles.body))
    if item.decision_text:
        out.append(para(item.decision_text, styles.body))
    if item.head_decision:
        h = item.head_decision
        reason = f"理由：{h.reason}" if h.reason else ""
        when = f"{h.time}　" if h.time else ""
        out.append(para(f"{when}主要负责人（{h.name}）决定：{h.decision_label}。{reason}",
                        styles.body))
    return out
