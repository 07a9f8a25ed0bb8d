-- warta archive, schema version 11: stories (warta.link.stories) — the happenings behind the
-- articles. Every stored article has its story features; two articles whose decayed
-- similarity reaches the link threshold are linked (both directions kept, so an article's
-- links are one key range); a story is a connected group of linked articles. Existing
-- archives are backfilled from their stored terms and documents by warta.store.migrate.

CREATE TABLE story_features (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    days          REAL,             -- published, days since 1970-01-01 UTC; NULL: undated
    vector        TEXT NOT NULL     -- JSON object feature -> weight (unit length)
);

-- The inverted index that finds an article's candidates: features by calendar day.
-- Undated articles sit on day -1000000000 (never within any dated article's window).
-- Rows are removed from the article's stored vector, so no second index is needed.
CREATE TABLE story_postings (
    feature       TEXT NOT NULL,
    day           INTEGER NOT NULL,
    article_rowid INTEGER NOT NULL,
    weight        REAL NOT NULL,
    PRIMARY KEY (feature, day, article_rowid)
) WITHOUT ROWID;

CREATE TABLE story_links (
    a     INTEGER NOT NULL,
    b     INTEGER NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE TABLE story_members (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    story_id      TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

-- One row per story: what lists show, refreshed whenever its members change.
CREATE TABLE stories (
    story_id      TEXT PRIMARY KEY,
    first_days    REAL,             -- order key of the earliest member (days, then id)
    first_id      TEXT NOT NULL,
    label         TEXT,             -- the most central member's title
    label_id      TEXT,
    size          INTEGER NOT NULL,
    outlets       TEXT NOT NULL DEFAULT '[]',  -- JSON list, by article count
    first_seen    TEXT,             -- published of the earliest / latest dated member
    last_seen     TEXT,
    last_days     REAL,             -- the latest dated member (days): lists sort by it
    entities      TEXT NOT NULL DEFAULT '[]'   -- JSON list of main entity names
) WITHOUT ROWID;
CREATE INDEX stories_last_days ON stories(last_days);
