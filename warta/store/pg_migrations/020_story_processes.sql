-- warta archive, PostgreSQL, schema version 20 (as SQLite's 020): the story features hold the
-- processes an article's title names a step of (warta.link.processes: a bill, a criminal case,
-- a selection, a disaster …, as "%kind:object" keys beside the other aside features), which
-- the pair model's process_conflict reads so that two steps of different processes of one
-- kind are never linked. Stored articles gain them only when their features are computed
-- again: the story tables are emptied here and refilled by the stories backfill (as 018's),
-- run by the migration runner right after this file, in its transaction.

DELETE FROM story_links;
DELETE FROM story_postings;
DELETE FROM story_members;
DELETE FROM stories;
DELETE FROM story_features;
