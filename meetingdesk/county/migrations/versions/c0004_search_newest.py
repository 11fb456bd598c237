"""Search at scale, newest first: each search text carries its meeting's date, kept by a trigger.

A search lists the newest meetings' hits first. With the date only on filed_meetings, a needle
that thousands of texts have was found either by gathering and sorting all of them, or by
reading meeting after meeting, newest first, each meeting's some fifty texts through its own
index look-up: 10,000 meetings for a name that a hundred meetings of a few units have. With the
date on the text and an index by (date, id), the newest texts are read in order, a page at a
time, and a needle the pairs' index finds few of is sorted by the text's own column. The date
is set by a trigger from the meeting, for every writer of the table (receipt, cancellation
notices, the benchmark's bulk load); a meeting's date never changes once filed.

A needle some thousands of texts have (a village, a thing: one text in 200) is still read
20,000 texts deep for the newest 200, or gathered whole from all over the table. A second GIN
index keys each pair by the text's month ("2026-11" + the pair): the newest month's texts with
the needle's pairs, a few hundred, are found and sorted at once.

The superseded meetings (a corrected record filed later) are few; a partial index lists them,
so leaving their texts out costs a small hashed list rather than a join of every hit.

PostgreSQL keeps statistics of 1,000 pairs rather than 100 (the most common pairs, by which
search chooses its way): the frequency of a needle's rarest pair bounds how many texts have it.

Revision ID: c0004
Revises: c0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None

# the pairs' index is made again after the dates are written: updating 5 million rows under a
# GIN index costs several times making it anew
POSTGRES_UP = (
    "DROP INDEX ix_search_bigrams",
    "UPDATE search SET held_on = coalesce(m.held_on, '') FROM filed_meetings m "
    "WHERE m.id = search.meeting_id",
    "CREATE FUNCTION search_held_on() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.held_on := coalesce((SELECT held_on FROM filed_meetings WHERE id = NEW.meeting_id), "
    "''); RETURN NEW; END $$",
    "CREATE TRIGGER search_held_on BEFORE INSERT ON search FOR EACH ROW "
    "EXECUTE FUNCTION search_held_on()",
    "CREATE INDEX ix_search_bigrams ON search USING gin (search_bigrams(text))",
    "ALTER INDEX ix_search_bigrams ALTER COLUMN 1 SET STATISTICS 1000",
    "CREATE FUNCTION search_month_pairs(t text, held_on text) RETURNS text[] LANGUAGE sql "
    "IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT coalesce(array_agg(DISTINCT left(held_on, 7) "
    "|| substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$",
    "CREATE INDEX ix_search_month_pairs ON search USING gin (search_month_pairs(text, held_on))",
    "ANALYZE search",
)
POSTGRES_DOWN = (
    "DROP INDEX ix_search_month_pairs",
    "DROP FUNCTION search_month_pairs(text, text)",
    "DROP TRIGGER search_held_on ON search",
    "DROP FUNCTION search_held_on()",
    "ALTER INDEX ix_search_bigrams ALTER COLUMN 1 SET STATISTICS -1",
)
SQLITE_UP = (
    "UPDATE search SET held_on = coalesce((SELECT held_on FROM filed_meetings m "
    "WHERE m.id = search.meeting_id), '')",
    "CREATE TRIGGER search_held_on AFTER INSERT ON search BEGIN "
    "UPDATE search SET held_on = coalesce((SELECT held_on FROM filed_meetings m "
    "WHERE m.id = new.meeting_id), '') WHERE id = new.id; END",
)


def upgrade() -> None:
    op.add_column("search", sa.Column("held_on", sa.Text(), nullable=False,
                                      server_default=""))
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES_UP if postgres else SQLITE_UP:
        op.execute(statement)
    op.create_index("ix_search_newest", "search", [sa.text("held_on DESC"), "id"])
    # each as SQLAlchemy writes ``not_(current)`` there, for the planner to see it applies
    op.create_index("ix_filed_meetings_superseded", "filed_meetings", ["id"],
                    postgresql_where=sa.text("NOT current"), sqlite_where=sa.text("current = 0"))


def downgrade() -> None:
    op.drop_index("ix_filed_meetings_superseded", table_name="filed_meetings")
    op.drop_index("ix_search_newest", table_name="search")
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP TRIGGER search_held_on")
    op.drop_column("search", "held_on")
