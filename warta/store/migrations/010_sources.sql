-- warta archive, schema version 10: live sources (`warta sources`, `warta watch`).
-- Numbered 010 to leave room for other migrations; the runner applies every missing number.
-- The watcher's whole state lives here, written by the archive's one writer right after the
-- articles it found, so a restart after kill -9 resumes from it (see warta/live/watcher.py).

CREATE TABLE sources (
    rowid          INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,   -- the feed or sitemap, as normalised
    kind           TEXT NOT NULL,          -- rss | atom | sitemap | sitemapindex | newssitemap | unknown
    outlet         TEXT,                   -- the feed's title or the news sitemap's publication
    added_at       TEXT NOT NULL,
    interval_s     REAL NOT NULL,          -- current adaptive poll interval
    next_poll      REAL NOT NULL DEFAULT 0,  -- unix time the source is next due
    last_poll      TEXT,                   -- ISO time of the last poll (UTC)
    status         TEXT NOT NULL DEFAULT 'new',  -- new | ok | unchanged | error
    last_error     TEXT,
    failures       INTEGER NOT NULL DEFAULT 0,   -- consecutive failed polls (backoff exponent)
    polls          INTEGER NOT NULL DEFAULT 0,
    articles_found INTEGER NOT NULL DEFAULT 0,   -- articles stored from this source
    note           TEXT                    -- what `sources add` found (e.g. unreachable)
);

-- Conditional-GET state of every feed/sitemap document fetched (a sitemap index's children too).
CREATE TABLE source_docs (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    body_hash     TEXT,                    -- blake2b of the body: some servers change no ETag
    checked_at    TEXT NOT NULL
) WITHOUT ROWID;

-- Every article URL the watcher has settled, by its de-duplication key.
CREATE TABLE source_urls (
    key          TEXT PRIMARY KEY,         -- normalised URL without www./m./amp. variants
    url          TEXT NOT NULL,            -- the URL fetched
    source_rowid INTEGER REFERENCES sources(rowid) ON DELETE SET NULL,
    version      TEXT,                     -- the item's updated/lastmod as the feed said it
    status       TEXT NOT NULL,            -- stored | failed | skipped
    attempts     INTEGER NOT NULL DEFAULT 1,
    article_id   TEXT,
    published_raw TEXT,                    -- the feed's published string, as written
    reason       TEXT,
    fetched_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX source_urls_url ON source_urls(url);
