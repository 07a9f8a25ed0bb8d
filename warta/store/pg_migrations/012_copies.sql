-- warta archive, schema version 12 (PostgreSQL: the same tables as SQLite's 012): wire copies.
-- Signatures become MinHash over word 5-shingles banded 16x4 (see warta/link/dedup.py); the
-- backfill (warta.store.postgres_copies.backfill_copies, run by the migration runner right
-- after this file, in its transaction) recomputes them and the bands from `terms`.
-- copy_pairs holds every verified copy pair in both directions, so an article's copies are
-- one index look-up.

CREATE TABLE copy_pairs (
    article_rowid BIGINT NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    other_rowid   BIGINT NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    jaccard       DOUBLE PRECISION NOT NULL,  -- SQLite REAL: 8 bytes
    PRIMARY KEY (article_rowid, other_rowid)
);
CREATE INDEX copy_pairs_other ON copy_pairs(other_rowid);

DELETE FROM lsh_bands;
