-- warta archive, schema version 5: enrichment (entities, quotes, amounts, dates) is derived
-- data, not a version of the article. `enriched` says whether the stored document carries
-- it; content hashes no longer cover it (warta.store.migrate recomputes them from the stored
-- documents, which SQL cannot read), and entities that no article mentions any more go.
ALTER TABLE articles ADD COLUMN enriched INTEGER NOT NULL DEFAULT 0;
-- The name and label each article gives an entity: the archive's name and label of an entity
-- are the most frequent ones over its articles, so they do not depend on ingest order.
ALTER TABLE article_entities ADD COLUMN name TEXT;
ALTER TABLE article_entities ADD COLUMN label TEXT;
