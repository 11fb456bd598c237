"""Search at scale: a PostgreSQL index of each text's character pairs, and the meetings by date.

pg_trgm takes its trigrams from a text's "words", which it finds by the database's locale: under
the C locale (the default of a server made with --no-locale, and of the tests) Chinese has no
word characters, so the trigram index answered every query with every row, and a substring of
two characters (a surname and given name, 缓议) never used it. Each text's distinct pairs of
characters (bigrams) in a GIN index serve every needle of two characters or more in any locale;
the text is then checked with LIKE. The meetings' index by held_on lets a common needle's newest
hits be read first and the search stop at its limit.

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

POSTGRES_UP = (
    "CREATE FUNCTION search_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') "
    "FROM generate_series(1, char_length(t) - 1) AS i $$",
    "CREATE INDEX ix_search_bigrams ON search USING gin (search_bigrams(text))",
    "DROP INDEX ix_search_text_trgm",
)
POSTGRES_DOWN = (
    "CREATE INDEX ix_search_text_trgm ON search USING gin (text gin_trgm_ops)",
    "DROP INDEX ix_search_bigrams",
    "DROP FUNCTION search_bigrams(text)",
)


def upgrade() -> None:
    op.create_index("ix_filed_meetings_held_on", "filed_meetings", ["held_on"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
    op.drop_index("ix_filed_meetings_held_on", table_name="filed_meetings")
