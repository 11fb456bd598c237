"""Search across the filed records in Chinese, on SQLite (FTS5 trigram) and PostgreSQL (GIN
over each text's character pairs): substrings of titles, words, decisions and names are found,
a three-character substring is served by the index (the query plan says so), two characters by
LIKE on SQLite and by the index on PostgreSQL, which hands over only the texts with the
needle's pairs (the C locale's pg_trgm found no words in Chinese and handed over every row).
On crafted texts with a known answer, the hits are exactly the newest, superseded records left
out, and the count is exact or said to be "more than" the hits listed, whichever way the
search went (newest texts first, or everything through the index)."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select, text

import county_records
from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk import cli
from meetingdesk.county import search as search_module
from meetingdesk.county.models import SearchText
from meetingdesk.county.receipt import receive
from meetingdesk.county.search import Found, matching, search
from meetingdesk.ui.county.window import RecordOpener, SearchTab



@pytest.fixture
def archive(db_url, stick):
    db = new_archive(db_url, stick.certificate)
    receive(db, [stick.first, stick.third, stick.cancelled])
    yield db
    db.close()


@pytest.mark.parametrize("needle, field, found", [
    ("修缮资金", "title", "村道修缮资金安排"),  # an item's title
    ("拟安排村道", "words", "拟安排村道修缮资金。"),  # the presenter's report
    ("购置农机", "decision", "同意购置农机。"),  # a decision
    ("防汛会", "decision", "书记赴省参加防汛会议"),  # a cancellation's reason
    ("王堃", "name", "王堃"),  # two characters: LIKE
    ("农机", "decision", "同意购置农机。"),
])
def test_chinese_substrings_are_found(archive, needle, field, found):
    hits = search(archive, needle).hits
    assert any(h.field == field and h.snippet == found and h.unit == "东湖镇党委"
               for h in hits), hits


def test_nothing_is_found_for_text_no_record_has(archive):
    assert search(archive, "违规占地") == Found() == search(archive, "  ")


def plan(archive, needle: str) -> str:
    query = matching(select(SearchText.id), needle, archive.is_sqlite)
    with archive.transaction() as conn:
        if archive.is_sqlite:
            compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
            return " ".join(str(r[-1]) for r in conn.execute(
                text(f"EXPLAIN QUERY PLAN {compiled}")))
        conn.execute(text("SET LOCAL enable_seqscan = off"))  # a few rows: ask what serves it
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        return " ".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))


def test_three_characters_are_served_by_the_trigram_index(archive):
    chosen = plan(archive, "修缮资")
    if archive.is_sqlite:
        assert "VIRTUAL TABLE INDEX" in chosen and "search_fts" in chosen, chosen
    else:
        assert "ix_search_bigrams" in chosen, chosen
    assert [h.snippet for h in search(archive, "修缮资").hits if h.field == "title"] == [
        "村道修缮资金安排"] * 2


@pytest.mark.parametrize("needle", ["王堃", "修缮资"])
def test_postgresql_index_hands_over_only_the_texts_with_the_needle(archive, needle):
    if archive.is_sqlite:
        pytest.skip("FTS5 on SQLite: the plan test above")
    query = matching(select(SearchText.id), needle, False)
    with archive.transaction() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        lines = [r[0] for r in conn.execute(text(f"EXPLAIN ANALYZE {compiled}"))]
        having = conn.execute(select(SearchText.id).where(
            SearchText.text.contains(needle))).all()
        total = len(conn.execute(select(SearchText.id)).all())
    scan = next(line for line in lines if "Index Scan on ix_search_bigrams" in line)
    candidates = int(re.search(r"actual time=\S+ rows=(\d+)", scan).group(1))
    assert 0 < len(having) == candidates < total, lines


def test_the_search_command_prints_a_line_a_hit(sqlite_url, stick):
    db = new_archive(sqlite_url, stick.certificate)
    receive(db, [stick.first])
    db.close()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["county", "search", "修缮村道", "--db", sqlite_url]) == 0
    assert out.getvalue().splitlines() == [
        "东湖镇党委\t2026年第1次党委会 议题1\t2026-05-06\t决定\t同意修缮村道。"]


# crafted texts: meetings filed out of date order (ids do not follow dates), one superseded
MANY = 250  # texts having 村道修缮: more than the 200 listed
DAYS = [date(2026, 1, 1) + timedelta(days=(37 * k) % 101) for k in range(50)]


@pytest.fixture
def crafted(db_url):
    """An archive of crafted texts, and for each text (newest first, as search lists them)
    its date, its meeting and the text itself, the superseded meeting's left out."""
    db = county_records.new_archive(db_url)
    texts: list[tuple[str, int, int, str]] = []  # (day, text id, meeting id, text)
    with db.transaction(write=True) as conn:
        rows = county_records.Rows(conn)
        unit = rows.unit("南岭镇党委")
        meetings = [(rows.meeting(unit, day), day, True) for day in DAYS]
        meetings.append((rows.meeting(unit, DAYS[-1], current=False), DAYS[-1], False))
        for n in range(MANY + 10):
            meeting, day, current = meetings[n % len(meetings)]
            words = f"第{n}段村道修缮，同意。" if n < MANY else f"第{n}段水渠清淤。"
            if n % 7 == 0:
                words = f"王堃：{words}"
            text_id = conn.execute(insert(SearchText).values(
                meeting_id=meeting, field="words", text=words)).inserted_primary_key[0]
            if current:
                texts.append((day.isoformat(), -text_id, meeting, words))
    if not db.is_sqlite:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")  # the pairs' statistics search chooses its way by
    texts.sort(reverse=True)  # newest day first, then the lower id
    yield db, [(day, meeting, words) for day, _, meeting, words in texts]
    db.close()


WAYS = {"index": {"HOT": 1, "RARE": 10**9},
        "newest": {"HOT": 0, "NEWEST": 10**6, "RARE": 0, "SQLITE_NEWEST": 10**6},
        "newest-then-index": {"HOT": 0, "NEWEST": 8, "RARE": 0, "SQLITE_NEWEST": 8},
        "months": {"HOT": 1, "RARE": 0}, "months-then-index": {"HOT": 1, "RARE": 0, "MONTHS": 1}}


@pytest.fixture(params=list(WAYS))
def way(request, monkeypatch, db_url):
    """The ways a search may go: every text with the needle through the index (as for a
    needle fewer than RARE texts have), the newest texts first (PostgreSQL: a needle a
    twentieth of the texts have; SQLite: one FTS5 finds RARE times), the pairs' index month
    by month (PostgreSQL: a needle some thousands have); each of the last two finding fewer
    than the limit in the newest texts or month, and then going to the index."""
    if request.param.startswith("months") and db_url.startswith("sqlite"):
        pytest.skip("no pairs by month on SQLite")
    for name, value in WAYS[request.param].items():
        monkeypatch.setattr(search_module, name, value)
    return request.param


@pytest.mark.parametrize("needle", ["村道修缮", "村道", "王堃", "水渠清淤", "航天发射"])
@pytest.mark.parametrize("limit", [200, 5])
def test_the_hits_are_exactly_the_newest_and_counted_honestly(crafted, way, needle, limit):
    db, texts = crafted
    expected = [(day, meeting, words) for day, meeting, words in texts if needle in words]
    found = search(db, needle, limit=limit)
    assert [(h.held_on, h.meeting_id, h.snippet) for h in found.hits] == expected[:limit]
    if found.more:  # said only when there are more than listed
        assert len(expected) > limit == found.count
    else:
        assert found.count == len(expected)
    if way == "index" and (len(needle) > 2 or not db.is_sqlite):  # SQLite: LIKE for two
        assert not found.more, "everything through the index: counted"
    if way in ("newest", "months") and len(expected) > limit:
        assert found.more, "the newest texts or months first: not all of them read, nor counted"
    assert bool(expected) == (needle != "航天发射") and (len(expected) > 200) == (
        needle in ("村道修缮", "村道"))


def test_a_text_takes_its_meetings_date(crafted):
    db, texts = crafted
    with db.session() as session:
        dated = dict(session.execute(select(SearchText.text, SearchText.held_on)).all())
    assert all(dated[words] == day for day, _, words in texts)


def test_the_search_tab_says_when_more_were_found_than_listed(qtbot, crafted, monkeypatch):
    db, texts = crafted
    monkeypatch.setattr(search_module, "HOT", 0)  # PostgreSQL: as for a common needle
    tab = SearchTab(db, RecordOpener(db))
    qtbot.addWidget(tab)
    tab.queryEdit.setText("村道")  # SQLite: two characters, newest first by LIKE
    tab.search()
    assert tab.status.text() == "找到超过 200 处，列出最新的 200 处"
    assert tab.results.rowCount() == 200 and tab.results.item(0, 2).text() == texts[0][0]
    tab.queryEdit.setText("王堃：第0段")
    tab.search()
    assert tab.status.text() == "找到 1 处" and tab.results.rowCount() == 1


def test_the_search_command_says_on_stderr_how_many_were_not_listed(crafted, db_url,
                                                                      capsys, monkeypatch):
    db, texts = crafted
    for name, value in WAYS["index"].items():  # PostgreSQL: counted through the index
        monkeypatch.setattr(search_module, name, value)
    assert cli.main(["county", "search", "村道修缮", "--db", db_url]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 200 and out.splitlines()[0].endswith(texts[0][2])
    having = sum("村道修缮" in words for _, _, words in texts)
    assert having == MANY - 4  # the superseded meeting's four left out
    assert err == f"找到 {having} 处，列出最新的 200 处。\n"
    assert cli.main(["county", "search", "村道", "--db", db_url, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 200
    assert err in (f"{having} found; the newest 200 are listed.\n",  # PostgreSQL: the index
                   "More than 200 found; the newest 200 are listed.\n")  # SQLite: LIKE
