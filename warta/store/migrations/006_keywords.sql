-- warta archive, schema version 6: an article's keywords (computed with enrichment), one row
-- each, so that search can count them as a facet ("Kata kunci") over any match set.
-- Filled at put time; existing archives are backfilled from the stored documents by
-- warta.store.migrate.
CREATE TABLE article_keywords (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    keyword TEXT NOT NULL,
    keyword_key TEXT NOT NULL,
    PRIMARY KEY (article_rowid, position)
);
CREATE INDEX article_keywords_by_key ON article_keywords(keyword_key, article_rowid);
