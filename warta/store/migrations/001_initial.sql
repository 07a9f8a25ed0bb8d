-- warta archive, schema version 1.
-- Articles are stored whole as compressed JSON (doc); the columns beside it are the ones that
-- filters, facets and joins need. Analysed terms live in `terms`, the external content of the
-- FTS5 index, so FTS5 only ever sees terms produced by warta's Indonesian analyser.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT,
    outlet       TEXT,
    outlet_key   TEXT,
    section      TEXT,
    section_key  TEXT,
    title        TEXT,
    title_key    TEXT,
    published    TEXT,          -- ISO 8601 as written by the parser
    day          TEXT,          -- YYYY-MM-DD of published, for range filters
    month        TEXT,          -- YYYY-MM, for facets
    content_hash TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    ingested_at  TEXT NOT NULL,
    doc          BLOB NOT NULL  -- zlib-compressed Article.to_json()
);
CREATE INDEX articles_outlet ON articles(outlet_key);
CREATE INDEX articles_section ON articles(section_key);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_title_key ON articles(title_key);
CREATE INDEX articles_url ON articles(url);

CREATE TABLE article_authors (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    PRIMARY KEY (article_rowid, position)
) WITHOUT ROWID;
CREATE INDEX article_authors_key ON article_authors(name_key);

CREATE TABLE revisions (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    replaced_at  TEXT NOT NULL,
    doc          BLOB NOT NULL,
    PRIMARY KEY (article_id, revision)
) WITHOUT ROWID;

CREATE TABLE terms (
    rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    title TEXT NOT NULL,        -- analysed title terms, space-joined
    body  TEXT NOT NULL         -- analysed body terms, space-joined
);

CREATE VIRTUAL TABLE fts USING fts5(
    title, body,
    content = 'terms', content_rowid = 'rowid',
    tokenize = "unicode61 remove_diacritics 0 tokenchars '-'"
);
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');

CREATE TABLE entities (
    rowid         INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    label         TEXT NOT NULL,
    aliases       TEXT NOT NULL DEFAULT '[]',   -- JSON list
    article_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entity_names (           -- canonical name and aliases, for entity:"..." filters
    name_key      TEXT NOT NULL,
    entity_rowid  INTEGER NOT NULL REFERENCES entities(rowid) ON DELETE CASCADE,
    PRIMARY KEY (name_key, entity_rowid)
) WITHOUT ROWID;

CREATE TABLE article_entities (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity_rowid  INTEGER NOT NULL REFERENCES entities(rowid) ON DELETE CASCADE,
    mentions      INTEGER NOT NULL,
    PRIMARY KEY (article_rowid, entity_rowid)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_rowid);

CREATE TABLE read_also (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title_key     TEXT NOT NULL,
    url           TEXT,
    target_id     TEXT,              -- NULL while the linked article is not in the archive
    PRIMARY KEY (article_rowid, position)
) WITHOUT ROWID;
CREATE INDEX read_also_pending ON read_also(title_key) WHERE target_id IS NULL;

CREATE TABLE signatures (              -- MinHash of body shingles, for near-duplicate checks
    rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    sig   BLOB NOT NULL
);

CREATE TABLE lsh_bands (               -- LSH buckets of the signatures, kept in the same file
    bucket        INTEGER NOT NULL,      -- hash of (band number, rows of that band)
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_rowid)
) WITHOUT ROWID;                         -- rows are removed by recomputing buckets, no 2nd index

CREATE TABLE failures (
    rowid       INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    raw         BLOB,
    recorded_at TEXT NOT NULL,
    UNIQUE (source, code, reason)
);

CREATE INDEX read_also_pending_url ON read_also(url) WHERE target_id IS NULL AND url IS NOT NULL;
CREATE INDEX read_also_target ON read_also(target_id) WHERE target_id IS NOT NULL;
