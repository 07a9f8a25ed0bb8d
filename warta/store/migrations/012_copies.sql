-- warta archive, schema version 12: wire copies.
-- Signatures become MinHash over word 5-shingles banded 16x4 (high recall at Jaccard >= 0.7,
-- see warta/link/dedup.py); the backfill recomputes them and the bands from `terms`.
-- copy_pairs holds every verified copy pair (exact shingle Jaccard >= 0.7) in both
-- directions, so an article's copies are one index look-up.

CREATE TABLE copy_pairs (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    other_rowid   INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    jaccard       REAL NOT NULL,
    PRIMARY KEY (article_rowid, other_rowid)
) WITHOUT ROWID;
CREATE INDEX copy_pairs_other ON copy_pairs(other_rowid);

DELETE FROM lsh_bands;
