-- warta archive, PostgreSQL, schema version 17 (as SQLite's 017): each `Baca juga` link records
-- how it names its target (warta.link.titles.MATCH_KINDS: url, exact, glued, truncated,
-- fuzzy; `unknown` for a target an earlier build resolved that today's matcher does not
-- explain) and the match's score
-- (warta.link.titles.match_score), so that a link first resolved to a truncated or re-typed
-- look-alike moves when the article with the title itself arrives (warta.store.read_also_sql).
-- The backfill run right after this file, in its transaction, derives both for every stored
-- link from the stored titles and URLs and re-points a link whose better target is already
-- stored; a target it cannot explain is kept (as `unknown`), never dropped.
--
-- Links are now looked up by title and URL whether resolved or not (a resolved link may be
-- re-pointed): the partial indexes of pending links become whole ones.

ALTER TABLE read_also ADD COLUMN match_kind TEXT COLLATE "C"
    CHECK (match_kind IN ('url', 'exact', 'glued', 'truncated', 'fuzzy', 'unknown'));
ALTER TABLE read_also ADD COLUMN match_score DOUBLE PRECISION;
DROP INDEX read_also_pending;
DROP INDEX read_also_pending_url;
CREATE INDEX read_also_title ON read_also(title_key);
CREATE INDEX read_also_url ON read_also(url) WHERE url IS NOT NULL;
