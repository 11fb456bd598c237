"""Search across the filed records (titles, words spoken, decisions, names), in Chinese.

Chinese has no spaces to split words at, so the back ends index runs of characters: SQLite
FTS5 with the trigram tokenizer (table search_fts) serves a substring of three characters or
more, a shorter one (two characters: a surname and given name, 缓议) being matched by LIKE over
the texts; PostgreSQL a GIN index of each text's distinct character pairs (search_bigrams,
migration c0003: pg_trgm finds no words in Chinese under the C locale), two characters or more,
each candidate checked with strpos.

What a user reads is the newest hits first and how many there are. Each text carries its
meeting's date (c0004). On PostgreSQL, a needle few texts have (by the pairs' statistics) is
gathered whole through the pairs' index, counted exactly and sorted by that date; one that
thousands have is looked for month by month, newest first, through an index of the pairs by
month; one that a twentieth of all texts have, by reading the newest texts in date order. The
last two stop at the limit and say "more than" it: an exact count would read every one of the
needle's texts, scattered over the whole table, to tell the user a number. SQLite (a small
county's archive) counts through FTS5 what it finds fewer than RARE times, reads the newest
texts first for a needle it finds more often, and for two characters (LIKE).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from sqlalchemy import Select, func, literal, not_, or_, select, text
from sqlalchemy.orm import Session

from meetingdesk.county.models import FiledItem, FiledMeeting, SearchText, Unit
from meetingdesk.store.database import Database

TRIGRAM = 3
BIGRAM = 2
LIMIT = 200  # hits listed, newest first
# PostgreSQL chooses by how many texts have the needle's rarest pair (an upper bound of how
# many have the needle, from the pairs' statistics): over HOT, the newest texts are read in
# date order (up to NEWEST of them); over RARE, the pairs' index of each month is asked, from
# the newest month back over up to MONTHS; either, finding fewer than the limit, leaves the
# needle to the pairs' index, which gathers, counts and sorts every text having it
HOT = 0.05  # of the texts
NEWEST = 20_000
RARE = 20_000  # texts
MONTHS = 32  # asked in spans of 1, 1, 2, 4, 8 and 16 months
# what no stored text holds (PostgreSQL takes no NUL; a lone surrogate is no text) and a driver
# refuses: a needle with one finds nothing
UNSTORED = re.compile("[\x00\ud800-\udfff]")
SQLITE_NEWEST = 60_000  # texts read for a needle FTS5 finds RARE times or more (1 in 270)
STATISTICS_AGE = 300.0  # seconds the pairs' statistics are kept before being read again
FIELDS = {"title": ("题目", "title"), "words": ("发言", "words"), "decision": ("决定", "decision"),
          "name": ("姓名", "name")}
SNIPPET = 30  # characters either side of the match


@dataclass(frozen=True)
class Hit:
    unit: str
    meeting: str  # the meeting's title
    held_on: str
    item_no: int | None
    field: str
    snippet: str
    meeting_id: int
    package_id: int

    def line(self, lang: str = "zh") -> str:
        en = lang == "en"
        where = self.meeting + (f" item {self.item_no}" if en else f" 议题{self.item_no}") \
            if self.item_no else self.meeting
        return f"{self.unit}\t{where}\t{self.held_on or ''}\t" \
               f"{FIELDS[self.field][1 if en else 0]}\t{self.snippet}"


@dataclass(frozen=True)
class Found:
    """The newest hits and how many texts have the needle: ``count`` exactly, or, when
    ``more``, more than ``count`` (the hits listed)."""

    hits: list[Hit] = field(default_factory=list)
    count: int = 0
    more: bool = False

    def summary(self, lang: str = "zh") -> str:
        shown = len(self.hits)
        if lang == "en":
            if self.more:
                return f"More than {self.count} found; the newest {shown} are listed."
            return f"{self.count} found" + (
                f"; the newest {shown} are listed." if shown < self.count else ".")
        if self.more:
            return f"找到超过 {self.count} 处，列出最新的 {shown} 处。"
        return f"找到 {self.count} 处" + (
            f"，列出最新的 {shown} 处。" if shown < self.count else "。")


def search(archive: Database, needle: str, limit: int = LIMIT) -> Found:
    """The current filed records' texts containing ``needle``, newest meetings first."""
    needle = needle.strip()
    if not needle or UNSTORED.search(needle):
        return Found()
    with archive.session() as session:
        indexed = len(needle) >= (TRIGRAM if archive.is_sqlite else BIGRAM)
        if not archive.is_sqlite:
            # a plan for this needle, not a generic one after psycopg's fifth execution; no
            # JIT compilation (tenths of a second) for a query of milliseconds
            session.execute(text("SELECT set_config('plan_cache_mode', 'force_custom_plan', "
                                 "true), set_config('jit', 'off', true)"))
        if indexed:
            ids = common_needle(session, archive, needle, limit + 1)
            if len(ids) > limit:
                return Found(details(session, ids[:limit], needle), limit, True)
        if not indexed:  # read newest first to the end if need be: LIKE has no index
            ids = newest_first(session, needle, archive.is_sqlite, limit + 1)
            return Found(details(session, ids[:limit], needle), min(len(ids), limit),
                         len(ids) > limit)
        rows = session.execute(every_match(needle, archive.is_sqlite, limit)).all()
        return Found(details(session, [id_ for id_, _ in rows], needle),
                     rows[0][1] if rows else 0)


def common_needle(session: Session, archive: Database, needle: str, limit: int) -> list[int]:
    """The first ``limit`` hits of a needle many texts may have, newest first, if they are
    found by reading the newest texts (PostgreSQL: HOT; SQLite: FTS5 finds RARE or more) or
    the newest months (PostgreSQL: RARE); else fewer."""
    if archive.is_sqlite:
        having = session.scalar(select(func.count()).select_from(
            fts_rows(needle).limit(RARE).subquery()))  # FTS5 reads its lists lazily
        if having < RARE:
            return []
        return newest_first(session, needle, True, limit, SQLITE_NEWEST)
    statistics = pair_statistics(session, archive)
    bound = statistics.bound(needle)
    if bound > HOT * statistics.texts:
        return newest_first(session, needle, False, limit, NEWEST)
    if bound > RARE:
        return month_by_month(session, needle, limit)
    return []


def month_by_month(session: Session, needle: str, limit: int) -> list[int]:
    """The first ``limit`` hits, newest first, from the pairs' index of each month (c0004),
    the newest month first, then the one before, then spans of two, four... months, over
    MONTHS months at most."""
    newest = session.scalar(select(func.max(SearchText.held_on)))
    if not newest:
        return []
    month = int(newest[:4]) * 12 + int(newest[5:7]) - 1
    keys = func.search_month_pairs(SearchText.text, SearchText.held_on)
    ids: list[int] = []
    done = 0
    while done < MONTHS and len(ids) < limit:
        span = min(max(1, done), MONTHS - done)  # one month, one more, then twice as many
        months = [f"{m // 12:04d}-{m % 12 + 1:02d}"
                  for m in range(month - done, month - done - span, -1)]
        ids += session.scalars(
            select(SearchText.id)
            .where(or_(*(keys.op("@>")(func.search_month_pairs(literal(needle), literal(m)))
                         for m in months)),
                   contains(SearchText.text, needle, False), current(SearchText.meeting_id))
            .order_by(SearchText.held_on.desc(), SearchText.id).limit(limit - len(ids)))
        done += span
    return ids


def current(meeting_id):  # type: ignore[no-untyped-def]
    """Not a text of a superseded meeting (few: a hashed list, by a partial index)."""
    return meeting_id.not_in(select(FiledMeeting.id).where(not_(FiledMeeting.current)))


def newest_first(session: Session, needle: str, sqlite: bool, limit: int,
                 within: int | None = None) -> list[int]:
    """The ids of the first ``limit`` current texts containing ``needle``, newest first,
    among about the ``within`` newest texts (those from the date of the within-th; all
    without it), read in order through the index by date (c0004)."""
    query = (select(SearchText.id)
             .where(contains(SearchText.text, needle, sqlite), current(SearchText.meeting_id))
             .order_by(SearchText.held_on.desc(), SearchText.id).limit(limit))
    if within:
        oldest = session.scalar(select(SearchText.held_on).order_by(
            SearchText.held_on.desc(), SearchText.id).offset(within).limit(1))
        if oldest is not None:
            query = query.where(SearchText.held_on >= oldest)
    return list(session.scalars(query))


def every_match(needle: str, sqlite: bool, limit: int) -> Select:
    """The newest ``limit`` matches' ids, each with the count of all matches, through the
    index (all matches are read: for a needle the index finds few of)."""
    found = matching(select(SearchText.id, SearchText.held_on), needle, sqlite).where(
        current(SearchText.meeting_id)).subquery()
    return (select(found.c.id, func.count().over())
            .order_by(found.c.held_on.desc(), found.c.id).limit(limit))


def matching(query: Select, needle: str, sqlite: bool) -> Select:
    """``query`` narrowed to the search texts containing ``needle``, through the index where
    the needle is long enough for it."""
    if sqlite and len(needle) >= TRIGRAM:
        return query.where(SearchText.id.in_(fts_rows(needle)))
    if not sqlite and len(needle) >= BIGRAM:
        return query.where(func.search_bigrams(SearchText.text).op("@>")(
            func.search_bigrams(literal(needle))), contains(SearchText.text, needle, False))
    return query.where(contains(SearchText.text, needle, sqlite))


def fts_rows(needle: str) -> Select:
    """SQLite: the rowids of the texts having ``needle`` (three characters or more), by FTS5."""
    phrase = '"' + needle.replace('"', '""') + '"'
    return (select(text("rowid")).select_from(text("search_fts"))
            .where(text("search_fts MATCH :phrase").bindparams(phrase=phrase)))


def contains(column, needle: str, sqlite: bool):  # type: ignore[no-untyped-def]
    """``column`` has ``needle``: strpos on PostgreSQL (no LIKE pattern to escape), LIKE."""
    if not sqlite:
        return func.strpos(column, needle) > 0
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


@dataclass(frozen=True)
class PairStatistics:
    """PostgreSQL's statistics of the pairs' index: the most common pairs' share of the texts
    (a pair not among them has less than the least of them), and about how many texts."""

    shares: dict[str, float]
    least: float
    texts: float
    read_at: float

    def bound(self, needle: str) -> float:
        """About how many texts have the needle's rarest pair: no more have the needle."""
        if not self.shares:
            return 0.0
        pairs = {needle[i:i + 2] for i in range(len(needle) - 1)}
        return min(self.shares.get(pair, self.least) for pair in pairs) * self.texts


_statistics: "WeakKeyDictionary[Database, PairStatistics]" = WeakKeyDictionary()


def pair_statistics(session: Session, archive: Database) -> PairStatistics:
    """The pairs' statistics, read again after STATISTICS_AGE seconds (ANALYZE renews them)."""
    known = _statistics.get(archive)
    if known is not None and time.monotonic() - known.read_at < STATISTICS_AGE:
        return known
    row = session.execute(text(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs, "
        "(SELECT reltuples FROM pg_class WHERE relname = 'search') "
        "FROM pg_stats WHERE tablename = 'ix_search_bigrams'")).first()
    pairs, shares, texts = row if row and row[0] else ([], [0.0], 0.0)
    _statistics[archive] = known = PairStatistics(dict(zip(pairs, shares)), shares[len(pairs)],
                                                  max(texts, 0.0), time.monotonic())
    return known


def details(session: Session, ids: list[int], needle: str) -> list[Hit]:
    """The hits of the texts ``ids``, in the order of the search (newest first)."""
    if not ids:
        return []
    rows = session.execute(
        select(SearchText.id, SearchText.text, SearchText.field, FiledItem.no, FiledMeeting.id,
               FiledMeeting.title, FiledMeeting.held_on, FiledMeeting.package_id, Unit.name)
        .join(FiledMeeting, FiledMeeting.id == SearchText.meeting_id)
        .join(Unit, Unit.id == FiledMeeting.unit_id)
        .outerjoin(FiledItem, FiledItem.id == SearchText.item_id)
        .where(SearchText.id.in_(ids)))
    by_id = {row[0]: row[1:] for row in rows}
    return [Hit(unit, title, held_on or "", no, field_, snippet(found, needle), meeting_id,
                package_id)
            for found, field_, no, meeting_id, title, held_on, package_id, unit
            in (by_id[i] for i in ids)]


def snippet(found: str, needle: str) -> str:
    at = found.find(needle)
    start, end = max(0, at - SNIPPET), at + len(needle) + SNIPPET
    return ("…" if start else "") + found[start:end] + ("…" if end < len(found) else "")
