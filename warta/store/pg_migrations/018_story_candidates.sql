-- warta archive, schema version 18: every pair of articles within the story window whose core
-- dot product passes the candidate filter is scored (warta.store.story_placement_sql.MAX_CANDIDATES,
-- a bound on the work only), where an arriving article scored only its 40 closest before — so
-- which pairs were linked in a story bigger than that depended on arrival order. The stored
-- links are computed again: the story tables are emptied here and refilled by the stories
-- backfill (as 016's), run by the migration runner right after this file, in its transaction.

DELETE FROM story_links;
DELETE FROM story_postings;
DELETE FROM story_members;
DELETE FROM stories;
DELETE FROM story_features;
