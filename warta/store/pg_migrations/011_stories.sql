-- warta archive, schema version 11 (PostgreSQL: the same tables as SQLite's 011): stories
-- (warta.link.stories, written by warta.store.postgres_stories). Existing archives are
-- backfilled from their stored terms and documents by the migration runner right after this
-- file, in its transaction (warta.store.postgres_stories.backfill_stories).
-- Numbers are DOUBLE PRECISION: SQLite's REAL is 8 bytes, and links compare sums of them.

CREATE TABLE story_features (
    article_rowid BIGINT PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    days          DOUBLE PRECISION,     -- published, days since 1970-01-01 UTC; NULL: undated
    vector        TEXT NOT NULL         -- JSON object feature -> weight (unit length)
);

-- The inverted index that finds an article's candidates: features by calendar day.
-- Undated articles sit on day -1000000000 (never within any dated article's window).
CREATE TABLE story_postings (
    feature       TEXT NOT NULL,
    day           INTEGER NOT NULL,
    article_rowid BIGINT NOT NULL,
    weight        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (feature, day, article_rowid)
);

CREATE TABLE story_links (
    a     BIGINT NOT NULL,
    b     BIGINT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (a, b)
);

CREATE TABLE story_members (
    article_rowid BIGINT PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story_id      TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

-- One row per story: what lists show, refreshed whenever its members change.
CREATE TABLE stories (
    story_id      TEXT PRIMARY KEY,
    first_days    DOUBLE PRECISION,     -- order key of the earliest member (days, then id)
    first_id      TEXT NOT NULL,
    label         TEXT,                 -- the most central member's title
    label_id      TEXT,
    size          INTEGER NOT NULL,
    outlets       TEXT NOT NULL DEFAULT '[]',  -- JSON list, by article count
    first_seen    TEXT,                 -- published of the earliest / latest dated member
    last_seen     TEXT,
    last_days     DOUBLE PRECISION,     -- the latest dated member (days): lists sort by it
    entities      TEXT NOT NULL DEFAULT '[]'   -- JSON list of main entity names
);
CREATE INDEX stories_last_days ON stories(last_days);
