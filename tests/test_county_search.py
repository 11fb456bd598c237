"""Search across the filed records in Chinese, on SQLite (FTS5 trigram) and PostgreSQL (GIN
over each text's character pairs): substrings of titles, words, decisions and names are found,
a three-character substring is served by the index (the query plan says so), two characters by
LIKE on SQLite and by the index on PostgreSQL, which hands over only the texts with the
needle's pairs (the C locale's pg_trgm found no words in Chinese and handed over every row)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from sqlalchemy import select, text

from county_packages import new_archive, stick  # noqa: F401 (fixture)
from meetingdesk import cli
from meetingdesk.county.models import SearchText
from meetingdesk.county.receipt import receive
from meetingdesk.county.search import matching, search



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
    hits = search(archive, needle)
    assert any(h.field == field and h.snippet == found and h.unit == "东湖镇党委"
               for h in hits), hits


def test_nothing_is_found_for_text_no_record_has(archive):
    assert search(archive, "违规占地") == [] and search(archive, "  ") == []


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
    assert [h.snippet for h in search(archive, "修缮资") if h.field == "title"] == [
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
