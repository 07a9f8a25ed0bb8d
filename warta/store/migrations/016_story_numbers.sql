-- warta archive, schema version 16: story vectors also hold the quantities an article states
-- (`#` features, warta.link.stories._numbers) and the pair model scores the quantities two
-- articles share (link/data/story_pair_model.json, refitted). Every article's features are
-- computed again: the story tables are emptied here and refilled by the stories backfill
-- (as 013's), run by the migration runner right after this file, in its transaction.

DELETE FROM story_links;
DELETE FROM story_postings;
DELETE FROM story_members;
DELETE FROM stories;
DELETE FROM story_features;
