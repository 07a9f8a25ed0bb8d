-- warta archive, schema version 5: enrichment (entities, quotes, amounts, dates) is derived
-- data, not a version of the article. `enriched` says whether the stored document carries
-- it; content hashes no longer cover it (warta.store.migrate recomputes them from the stored
-- documents, which SQL cannot read), and entities that no article mentions any more go.
ALTER TABLE articles ADD COLUMN enriched INTEGER NOT NULL DEFAULT 0;
