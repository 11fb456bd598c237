"""Search across the filed records (titles, words spoken, decisions, names), in Chinese.

Chinese has no spaces to split words at, so the back ends index runs of characters: SQLite
FTS5 with the trigram tokenizer (table search_fts) serves a substring of three characters or
more, a shorter one (two characters: a surname and given name, 缓议) being matched by LIKE over
the texts; PostgreSQL a GIN index of each text's distinct character pairs (search_bigrams,
migration c0003: pg_trgm finds no words in Chinese under the C locale), two characters or more,
each candidate checked with LIKE.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, literal, select, text

from meetingdesk.county.models import FiledItem, FiledMeeting, SearchText, Unit
from meetingdesk.store.database import Database

TRIGRAM = 3
BIGRAM = 2
COMMON = 2000  # texts having a needle, from which on the newest meetings are read first
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


def search(archive: Database, needle: str, limit: int = 200) -> list[Hit]:
    """The current filed records' texts containing ``needle``, newest meetings first."""
    needle = needle.strip()
    if not needle:
        return []
    query = (select(SearchText.text, SearchText.field, FiledItem.no, FiledMeeting.id,
                    FiledMeeting.title, FiledMeeting.held_on, FiledMeeting.package_id, Unit.name)
             .join(FiledMeeting, FiledMeeting.id == SearchText.meeting_id)
             .join(Unit, Unit.id == FiledMeeting.unit_id)
             .outerjoin(FiledItem, FiledItem.id == SearchText.item_id)
             .where(FiledMeeting.current.is_(True))
             .order_by(FiledMeeting.held_on.desc(), SearchText.id).limit(limit))
    with archive.session() as session:
        common = not archive.is_sqlite and session.scalar(select(func.count()).select_from(
            matching(select(SearchText.id), needle, False).limit(COMMON).subquery())) >= COMMON
        rows = session.execute(matching(query, needle, archive.is_sqlite, common))
        return [Hit(unit, title, held_on or "", no, field, snippet(found, needle), meeting_id,
                    package_id)
                for found, field, no, meeting_id, title, held_on, package_id, unit in rows]


def matching(query: Select, needle: str, sqlite: bool, common: bool = False) -> Select:
    """``query`` narrowed to the search texts containing ``needle``, through the index where
    the needle is long enough for it. A ``common`` needle (PostgreSQL: COMMON texts or more
    have it) is looked for in the newest meetings first, without the index: its many
    candidates cost more to gather and sort than reading until the limit is reached, which the
    planner, taking the pairs for independent, cannot tell."""
    if sqlite and len(needle) >= TRIGRAM:
        phrase = '"' + needle.replace('"', '""') + '"'
        return query.where(SearchText.id.in_(
            select(text("rowid")).select_from(text("search_fts"))
            .where(text("search_fts MATCH :phrase").bindparams(phrase=phrase))))
    if not sqlite and common:
        return query.where(func.strpos(SearchText.text, needle) > 0)
    if not sqlite and len(needle) >= BIGRAM:
        # the pairs' index finds the candidates; strpos, which the planner does not take for
        # as narrow as a LIKE, lets it still weigh reading the newest meetings first
        return query.where(func.search_bigrams(SearchText.text).op("@>")(
            func.search_bigrams(literal(needle))), func.strpos(SearchText.text, needle) > 0)
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return query.where(SearchText.text.like(f"%{escaped}%", escape="\\"))


def snippet(found: str, needle: str) -> str:
    at = found.find(needle)
    start, end = max(0, at - SNIPPET), at + len(needle) + SNIPPET
    return ("…" if start else "") + found[start:end] + ("…" if end < len(found) else "")
