"""The supervision signals read from a county archive's index, on SQLite and PostgreSQL: a
crafted year of two units with a known answer for every signal, one unit's scope, the records
behind a row, and the exports."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from county_records import Rows, crafted, new_archive
from meetingdesk.county import signals as sig
from meetingdesk.county.signal_report import SignalTable, render_pdf, render_xlsx, run_all
from meetingdesk.domain import supervision as s

YEAR = s.Period.year(2026)
AS_OF = date(2026, 11, 29)


@pytest.fixture
def archive(db_url: str):  # type: ignore[no-untyped-def]
    db = new_archive(db_url)
    with db.transaction(write=True) as conn:
        ids = crafted(Rows(conn))
    yield db, ids
    db.close()


def signals(conn, unit: str | None = None) -> sig.Signals:  # type: ignore[no-untyped-def]
    return sig.Signals(conn, sig.Scope(YEAR, unit), as_of=AS_OF, min_stances=3)


def test_every_signal_has_its_known_answer(archive) -> None:  # type: ignore[no-untyped-def]
    db, ids = archive
    with db.transaction() as conn:
        got = signals(conn)
        [major] = got.major_items()
        assert (major.unit, major.category, major.items, major.total) == (
            "东陈乡", "funds", 1, Decimal(80000))
        assert major.behind == (s.Ref(ids["m1"], ids["major"]),)

        under = got.just_under()  # 西周镇's own rule set sets 30,000: 28,000 is just under it
        assert [(r.unit, r.amount, r.threshold) for r in under] == [
            ("东陈乡", Decimal(47000), Decimal(50000)), ("西周镇", Decimal(28000), Decimal(30000))]

        [series] = got.split_series()
        assert (series.unit, series.area, series.total, series.items) == (
            "东陈乡", "工程建设", Decimal(55000), 2)
        assert series.behind == (s.Ref(ids["m2"], ids["part1"]), s.Ref(ids["m3"], ids["part2"]))

        [against] = got.against_majority()  # the superseded record's copy is not counted
        assert (against.reason, against.agree, against.disagree) == ("已征得群众同意", 1, 4)
        assert against.behind == (s.Ref(ids["m4"], ids["against"]),)

        back, never = got.deferrals()
        assert (back.returned, back.days, back.returned_in) == (True, 18, "2026年第2次党委会")
        assert back.behind == (s.Ref(ids["m1"], ids["deferred"]), s.Ref(ids["m2"], ids["returned"]))
        assert (never.returned, never.days, never.reason) == (
            False, (AS_OF - date(2026, 3, 2)).days, "意见分歧较大")

        [unanimity] = got.unanimity()
        assert (unanimity.items, unanimity.unanimous) == (4, 3)
        assert unanimity.behind == (s.Ref(ids["m1"], ids["major"]),)
        members = {r.member: r for r in got.member_stances()}
        assert members["张委员"].echo and not members["李委员"].echo
        assert (members["李委员"].dissent, members["李委员"].stances) == (1, 4)
        assert members["王书记"].is_chief and members["王书记"].stances == 4  # not the remarks

        rows = {(r.unit, r.member): r for r in got.attendance()}
        chief = rows["东陈乡", "王书记"]
        assert (chief.is_chief, chief.meetings, chief.absent) == (True, 4, 1)
        assert chief.behind == (s.Ref(ids["m3"]),)
        assert rows["东陈乡", "张委员"].late == 1 and rows["西周镇", "赵镇长"].meetings == 1

        [correction] = got.corrections()
        assert (correction.meeting, correction.days_after) == ("2026年第2次党委会", 5)
        assert got.by_month(unanimity.behind + chief.behind) == {3: 1, 4: 1}


def test_one_units_scope(archive) -> None:  # type: ignore[no-untyped-def]
    db, ids = archive
    with db.transaction() as conn:
        got = signals(conn, "西周镇")
        assert [r.amount for r in got.just_under()] == [Decimal(28000)]
        assert got.major_items() == [] and got.deferrals() == [] and got.unanimity() == []
        assert [r.member for r in got.attendance()] == ["赵镇长"]
        assert signals(conn, "东陈乡").just_under()[0].amount == Decimal(47000)


def test_a_deferral_comes_back_only_within_its_own_unit(db_url: str) -> None:
    """Two units' meetings with the same uid (a township's database copied to start another,
    say): 西周镇's item carried back from "its" meeting, deferred again, is neither 东陈乡's
    return nor a deferral of 东陈乡, and is listed once."""
    from sqlalchemy import update

    from meetingdesk.county.models import FiledMeeting

    db = new_archive(db_url)
    with db.transaction(write=True) as conn:
        rows = Rows(conn)
        east, west = rows.unit("东陈乡"), rows.unit("西周镇")
        e1 = rows.meeting(east, date(2026, 3, 2))
        rows.item(e1, 1, "修建村道", outcome="deferred", deferral_reason="资金未落实")
        w1 = rows.meeting(west, date(2026, 3, 5))
        rows.item(w1, 1, "购置农机", outcome="deferred", deferral_reason="需比价")
        shared = rows.uid(e1)
        conn.execute(update(FiledMeeting).where(FiledMeeting.id == w1).values(meeting_uid=shared))
        w2 = rows.meeting(west, date(2026, 4, 1))
        rows.item(w2, 1, "购置农机", outcome="deferred", deferral_reason="仍需比价",
                  carried_from_uid=shared, carried_from_no=1)
    with db.transaction() as conn:
        assert [(r.unit, r.title, r.reason, r.returned_in) for r in signals(conn).deferrals()] == [
            ("东陈乡", "修建村道", "资金未落实", ""),
            ("西周镇", "购置农机", "需比价", "2026年第2次党委会"),
            ("西周镇", "购置农机", "仍需比价", "")]
        assert [(r.unit, r.returned) for r in signals(conn, "东陈乡").deferrals()] == [
            ("东陈乡", False)]
    db.close()


def test_another_year_is_empty_and_the_records_behind_read_back(archive) -> None:  # type: ignore[no-untyped-def]
    db, ids = archive
    with db.transaction() as conn:
        other = sig.Signals(conn, sig.Scope(s.Period.year(2025)), as_of=AS_OF)
        assert all(method(other) == [] for method in sig.SIGNAL_METHODS.values())
        [line] = sig.records_behind(conn, [s.Ref(ids["m2"], ids["returned"])])
        assert (line.unit, line.title, line.held_on, line.item_no, line.item_title) == (
            "东陈乡", "2026年第2次党委会", date(2026, 3, 20), 1, "调整村级办公用房")


@pytest.fixture
def tables(sqlite_url: str) -> list[SignalTable]:
    """Every signal of the crafted year, all units."""
    db = new_archive(sqlite_url)
    with db.transaction(write=True) as conn:
        crafted(Rows(conn))
    with db.transaction() as conn:
        found = run_all(signals(conn))
    db.close()
    return found


def test_workbook_has_a_sheet_per_signal_with_numbers(tables: list[SignalTable]) -> None:
    book = load_workbook(io.BytesIO(render_xlsx(tables, "全县", YEAR)))
    assert book.sheetnames[:3] == ["三重一大事项", "金额接近限额", "同领域拆分"]
    assert len(book.sheetnames) == 9
    sheet = book["金额接近限额"]
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["单位", "会议日期", "会议", "议题序号", "议题", "金额（元）"]
    amount = sheet.cell(row=4, column=6)
    assert amount.value == 47000 and amount.number_format == "#,##0.00"
    [li] = [row for row in book["成员表态与附和"].iter_rows(min_row=4) if row[1].value == "李委员"]
    assert (li[7].value, li[7].number_format) == (0.25, "0.0%")


def test_report_pdf_counts_every_signal(tables: list[SignalTable], tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(tables, "全县", YEAR))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "全县监督信号报告" in text and "2026年" in text
    assert "金额接近限额：2 条" in text and "缓议事项：2 条" in text
    assert "采购防汛物资" in text and "47,000.00" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "(A4)" in info and "841.89 x 595.276" in info  # landscape


def test_command_prints_counts_and_writes_both_files(sqlite_url: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from meetingdesk.cli import main

    db = new_archive(sqlite_url)
    with db.transaction(write=True) as conn:
        crafted(Rows(conn))
    db.close()
    xlsx, pdf = tmp_path / "signals.xlsx", tmp_path / "signals.pdf"
    assert main(["county", "signals", "--db", sqlite_url, "--year", "2026", "--xlsx", str(xlsx),
                 "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("全县2026年监督信号：")
    assert "金额接近限额：2 条" in out and "缓议事项：2 条" in out and "闭会后更正：1 条" in out
    assert "采购防汛物资" in out and "47,000.00" in out
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    assert main(["county", "signals", "--db", sqlite_url, "--year", "2026", "--unit", "西周镇",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Amounts just under a threshold: 1" in out and "Deferrals: 0" in out
    assert main(["county", "signals", "--db", sqlite_url, "--year", "2026",
                 "--unit", "无此乡"]) == 2
    assert "备案库中没有名为“无此乡”的单位" in capsys.readouterr().err


def test_sql_narrowing_finds_every_series_the_domain_finds_in_all_items(db_url: str) -> None:
    """A seeded year of many small same-area amounts (two units, two rule sets): the series
    from the SQL-narrowed candidates are exactly those of the domain over every item."""
    import random

    rnd = random.Random(7)
    db = new_archive(db_url)
    with db.transaction(write=True) as conn:
        rows = Rows(conn)
        units = [rows.unit("甲乡"), rows.unit("乙镇", regular=30000)]
        for n in range(120):
            day = date(2025, 12, 1) + timedelta(rnd.randrange(400))
            m = rows.meeting(rnd.choice(units), day)
            for no in range(1, 3):
                rows.item(m, no, f"事项{n}-{no}", rnd.randint(1, 40) * 1000,
                          area=rnd.choice(("水利", "林业")),
                          fund_type=rnd.choice((None, "regular", "project")),
                          outcome=rnd.choice(("passed", "passed", "rejected")))
    with db.transaction() as conn:
        got = sig.Signals(conn, sig.Scope(YEAR), as_of=AS_OF)
        everything = sig._filed(conn, sig._items_query(sig.M.c.current == sig.true()))
        expected = s.split_series(everything, YEAR, got.thresholds())
        assert len(expected) > 10
        assert got.split_series() == expected
    db.close()
