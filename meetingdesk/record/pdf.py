"""Render Minutes to the filed PDF (ReportLab platypus), laid out after GB/T 9704-2012.

Every page carries a running head with the unit and the meeting, the page number "— n —" 7 mm
below the text area (odd pages on the right, even pages on the left, one character in), and at
the foot the record fingerprint and the number of pages ("共 N 页", also on the signature page),
so that a loose page still says where it belongs and a missing one shows. Every glyph comes from
a subset-embedded TrueType face, each level in its own (see fonts.py).
"""

from __future__ import annotations

import dataclasses
import io
from typing import Iterator

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate,
                                Table)

from meetingdesk.record.fonts import (CJKFont, FaceChain, FontNotFoundError, RecordFaces,
                                      find_record_faces, register_font)
from meetingdesk.record.layout import (BOTTOM_MARGIN, GRID, GRID_CELLS, LEFT_MARGIN, PAGE_HEIGHT,
                                       PAGE_NUMBER_SIZE, PAGE_WIDTH, RUNNING_SIZE, TEXT_HEIGHT,
                                       TEXT_WIDTH, TOP_MARGIN, PageCountCanvas, Styles,
                                       chinese_number, draw_page_count, field_rows, heading,
                                       para, table_style)
from meetingdesk.record.minutes import (BallotPapers, ItemMinutes, MemberVote, Minutes,
                                        Reconsideration, Speech, StanceRow, Vote)
from meetingdesk.record.sigpage import signature_section

VOTES_PER_ROW = 3  # name/choice pairs side by side in a vote table
CANDIDATES_PER_TABLE = 3  # candidate columns of a 逐一表态 table beside the name and the time
NAME_COLUMN, TIME_COLUMN = 30 * mm, 20 * mm
AFTER_ROUND = "到会，到会时本项已由主要负责人表态，未参加表态。"
SUPERSEDED = "（本人到会后当面表态，此书面意见不再有效）"
FINGERPRINT_KEY, MEETING_KEY, ATTACHMENT_KEY = "fingerprint:", "meeting:", "attachment:"


def render_minutes(m: Minutes, font: CJKFont | None = None) -> bytes:
    """The record as PDF bytes, each level in its face as found here (or all in ``font``)."""
    faces = RecordFaces.single(register_font(font)) if font else find_record_faces()
    _check_glyphs(m, faces.body)
    styles = Styles.for_faces(faces)
    font_name = styles.font
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
                                       onPage=lambda c, d: _decorate(c, d, m, styles))])
    doc.build(_story(m, styles), canvasmaker=PageCountCanvas.maker(styles.number_font))
    return out.getvalue()


def pdf_keywords(m: Minutes) -> list[str]:
    """The document's keywords: the fingerprint, the meeting and the SHA-256 of each attached
    file, for a verifier to read back (they are covered by the digital signature)."""
    return ([f"{FINGERPRINT_KEY}{m.fingerprint}", f"{MEETING_KEY}{m.meeting_uid}"]
            + [f"{ATTACHMENT_KEY}{a.sha256}" for a in m.attachments])


def _check_glyphs(m: object, faces: FaceChain | str) -> None:
    """Refuse text no face can show, rather than print boxes (every level's faces end with
    the body's)."""
    if isinstance(faces, str):
        faces = FaceChain((faces,))
    missing = sorted({ch for text in _texts(m) for ch in set(text) if ch.isprintable()
                      and faces.face_for(ch) is None})
    if missing:
        chars = "".join(missing)
        raise FontNotFoundError(
            f"所用字体缺少以下字符的字形：{chars}。请安装含这些字的仿宋或宋体字体。\n"
            f"The record fonts ({', '.join(faces.names)}) have no glyphs for: {chars}.")


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


def _decorate(canvas: Canvas, doc: BaseDocTemplate, m: Minutes, styles: Styles) -> None:
    """Running head, page number "— n —", fingerprint and page count: on every page."""
    font = styles.font
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    canvas.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
    head_y = PAGE_HEIGHT - TOP_MARGIN + 8 * mm
    canvas.setFont(font, RUNNING_SIZE + 1)
    canvas.drawString(LEFT_MARGIN, head_y, f"{m.unit_name}　{m.meeting_title}会议纪实")
    canvas.drawRightString(LEFT_MARGIN + TEXT_WIDTH, head_y, f"{m.date}")
    canvas.setLineWidth(0.4)
    canvas.line(LEFT_MARGIN, head_y - 2 * mm, LEFT_MARGIN + TEXT_WIDTH, head_y - 2 * mm)

    # GB/T 9704: the dashes 7 mm below the text area (a dash sits 0.35 em above the
    # baseline), odd pages on the right and even pages on the left, one character in.
    canvas.setFillColor(colors.black)
    canvas.setFont(styles.number_font, PAGE_NUMBER_SIZE)
    number_y = BOTTOM_MARGIN - 7 * mm - 0.35 * PAGE_NUMBER_SIZE
    number = f"— {doc.page} —"
    if doc.page % 2:
        canvas.drawRightString(LEFT_MARGIN + TEXT_WIDTH - GRID, number_y, number)
    else:
        canvas.drawString(LEFT_MARGIN + GRID, number_y, number)

    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    draw_page_count(canvas, LEFT_MARGIN + TEXT_WIDTH / 2, number_y - 9 * mm, font, RUNNING_SIZE,
                    f"记录指纹（SHA-256）：{m.fingerprint}　本纪实共", "页", centred=True)
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


def _marks(corrections: tuple[int, ...]) -> str:
    """The mark on a corrected entry, pointing to its corrections: "【见更正一】"."""
    return "".join(f"【见更正{chinese_number(n)}】" for n in corrections)


def _names(names: tuple[str, ...]) -> str:
    return "、".join(names)


def _row_each(label: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """One field row per value, the label on the first: a list that runs onto the next page
    keeps one entry to a line (a paragraph's own line breaks are lost where it is split)."""
    return [(label if n == 0 else "", value) for n, value in enumerate(values)]


def _header_rows(m: Minutes) -> list[tuple[str, str]]:
    rows = [
        ("时间", f"{m.date} {m.start}至{m.end}"),
        ("地点", m.place),
        ("主持人", m.chair),
        ("记录人", m.recorder),
    ]
    # The quorum and the agenda on page 1, before the lists that may run long.
    if m.quorum_text:
        rows.append(("到会情况", m.quorum_text))
    rows += _row_each("议程", m.agenda)
    rows += [
        ("应到会", f"{len(m.expected)}人：{_names(m.expected)}"),
        ("实到会", f"{len(m.present)}人：{_names(m.present)}"),
    ]
    rows += _row_each("时间核对", m.clock_checks)
    if m.absent:
        rows.append(("缺席", "；".join(
            f"{a.name}（{a.reason}）" + (f"，书面意见：{a.written_opinion}"
                                        if a.written_opinion else "") for a in m.absent)))
    if m.late:
        rows.append(("迟到", "；".join(f"{p.name}（{p.time}到会）{_marks(p.corrections)}"
                                      for p in m.late)))
    if m.early_leave:
        rows.append(("早退", "；".join(f"{p.name}（{p.time}离会" + (f"，{p.reason}" if p.reason else "")
                                      + f"）{_marks(p.corrections)}" for p in m.early_leave)))
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
        amended = f"（已于 {r.amended_at} 修改，见下）" if r.amended_at else ""
        sections.append(("汇报", [para(f"{r.time}　{r.presenter}：{r.words}{amended}"
                                     f"{_marks(r.corrections)}", styles.body)]))
    if item.speeches:
        said: list[Flowable] = [_speech(s, styles) for s in item.speeches]
        if item.stance_table:
            said.append(para("逐一表态情况：", styles.plain))
            said.extend(_stance_tables(item.candidate_names, item.stance_table, styles))
        said.extend(para(f"{p.name} {p.time} {AFTER_ROUND}", styles.body)
                    for p in item.after_round)
        sections.append(("发言（按发言顺序）", said))
    if item.written:
        sections.append(("书面意见（缺席成员会前提交，不计入表态和表决）",
                         [_speech(s, styles) for s in item.written]))
    granted = [r for r in item.reconsiderations if r.granted]
    if granted:
        sections.append(("复议", _reconsiderations(granted, styles)))
    if item.votes or item.proceed_reason:
        sections.append(("表决（复议后重新表决）" if granted else "表决", _votes(item, styles)))
    conclusion = _conclusion(item, styles)
    if conclusion:
        sections.append(("缓议" if item.deferral_reason else item.conclusion_label, conclusion))
    refused = [r for r in item.reconsiderations if not r.granted]
    if refused:
        sections.append(("复议", _reconsiderations(refused, styles)))
    for n, (title, body) in enumerate(sections, 1):
        page_break, title_para = heading(f"（{chinese_number(n)}）{title}", styles.subheading,
                                         lines_after=2)
        if title.startswith("表决"):
            # The vote, its ballot papers and its result on one page where they fit.
            out.extend([page_break, KeepTogether([title_para, *body])])
        else:
            out.extend([page_break, title_para, *body])
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
    if item.materials_given:
        rows.append(("材料送达", item.materials_given))
    if item.recusals:
        rows.append(("回避", "；".join(f"{r.name}（{r.reason}）" for r in item.recusals)))
    if item.carried_over_from:
        rows.append(("复议", item.carried_over_from))
    if item.reports_on:
        rows.append(("督办汇报", item.reports_on))
    return rows


def _speech(s: Speech, styles: Styles) -> Flowable:
    """One line of the record: time, who, the stance, the words, the reason; an amendment says
    what it amends and changed, an amended or superseded entry says so."""
    if s.procedural:
        mark = "（程序性发言）"
    elif s.written:
        mark = f"（书面意见，{s.stance_label}，不计入表态）" if s.stance_label else "（书面意见）"
    elif s.stance_label:
        mark = f"（{s.stance_label}）"
    else:
        mark = ""
    amends = f"【修改{s.amends}】" if s.amends else ""
    reason = f"理由：{s.reason}" if s.reason else ""
    each = ("逐一表态：" + "；".join(f"对{c.candidate}{c.stance_label}"
                                   + (f"，理由：{c.reason}" if c.reason else "")
                                   for c in s.per_candidate) + "。") if s.per_candidate else ""
    notes = (f"（改动：{'；'.join(s.changes)}）" if s.changes else "") + \
        (SUPERSEDED if s.superseded else "") + \
        (f"（已于 {s.amended_at} 修改，见下）" if s.amended_at else "") + _marks(s.corrections)
    return para(f"{s.time}　{amends}{s.name}{mark}：{s.words}{reason}{each}{notes}", styles.body)


def _stance_tables(candidates: tuple[str, ...], rows: tuple[StanceRow, ...],
                   styles: Styles) -> list[Table]:
    """逐一表态 at a glance: a row per member (chief last), a column per candidate; more
    candidates than fit beside the name and the time continue in a second table."""
    tables = []
    width = (TEXT_WIDTH - NAME_COLUMN - TIME_COLUMN) / CANDIDATES_PER_TABLE
    for first in range(0, len(candidates), CANDIDATES_PER_TABLE):
        shown = candidates[first:first + CANDIDATES_PER_TABLE]
        data: list[list] = [[para(t, styles.table) for t in ("姓名", "时间", *shown)]]
        for row in rows:
            stances = row.stances[first:first + CANDIDATES_PER_TABLE]
            data.append([para(row.name, styles.table), para(row.time, styles.table),
                         *(para(c.stance_label, styles.table) for c in stances)])
        table = Table(data, colWidths=[NAME_COLUMN, TIME_COLUMN] + [width] * len(shown),
                      hAlign="LEFT", repeatRows=1, spaceBefore=4, spaceAfter=4)
        table.setStyle(table_style(styles.font, *GRID_CELLS))
        tables.append(table)
    return tables


def _reconsiderations(requests: list[Reconsideration], styles: Styles) -> list[Flowable]:
    """R7a: the request and its reason, the vote on reconsidering, the result it concerns."""
    out: list[Flowable] = []
    for r in requests:
        verdict = "会议同意复议，重新表决。" if r.granted else "复议未获同意，原表决结果有效。"
        out.append(para(f"{r.time}　提请复议。理由：{r.reason}", styles.body))
        out.append(field_rows([("是否复议", f"{r.vote_text}。{verdict}"),
                               *_row_each("原表决", r.earlier_results)], styles))
    return out


def _votes(item: ItemMinutes, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if item.quorum_text:
        out.append(field_rows([("到会情况", item.quorum_text)], styles))
    if item.proceed_reason:
        out.append(para(f"意见分歧较大，主持人决定继续表决。理由：{item.proceed_reason}",
                        styles.body))
    if not item.votes:
        return out
    # What all ballots share is said once: the method, the papers, the scrutineers.
    shared = {(v.scrutineers, v.counters) for v in item.votes}
    common = [("表决方式", item.votes[0].method_label)]
    if item.ballot_papers:
        common.append(("选票", _papers(item.ballot_papers)))
    if len(shared) == 1:
        common += _scrutineer_rows(item.votes[0])
    out.append(field_rows(common, styles))
    for vote in item.votes:
        # A candidate's tally and result never part, when the whole vote is too long to keep.
        out.append(KeepTogether(_vote(vote, styles, own_scrutineers=len(shared) > 1)))
    return out


def _papers(p: BallotPapers) -> str:
    return f"发出 {p.issued} 张，收回 {p.returned} 张，有效 {p.valid} 张，废票 {p.void} 张"


def _scrutineer_rows(vote: Vote) -> list[tuple[str, str]]:
    rows = [("监票人", _names(vote.scrutineers))] if vote.scrutineers else []
    return rows + ([("计票人", _names(vote.counters))] if vote.counters else [])


def _vote(vote: Vote, styles: Styles, own_scrutineers: bool) -> list[Flowable]:
    rows = []
    if vote.candidate:
        c = vote.candidate
        rows.append(("候选人", f"{c.name}（现任{c.current_post}，拟任{c.proposed_post}）"))
    if vote.tally:
        t = vote.tally
        rows.append(("计票", f"同意 {t.agree} 票，不同意 {t.disagree} 票，弃权 {t.abstain} 票"))
        if own_scrutineers:
            rows += _scrutineer_rows(vote)
    out: list[Flowable] = []
    if rows:
        out.append(field_rows(rows, styles, space_before=6 if vote.candidate else 0))
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
