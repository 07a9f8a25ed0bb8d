-- warta archive, schema version 13: stories linked by the pair model (warta.link.stories,
-- link/data/story_pair_model.json). Story vectors now hold the title, lead and entity-rarity
-- features beside the core terms, so every article's features are computed again: the
-- story tables are emptied here and refilled by the backfill (the stories backfill of 011,
-- run by the migration runner right after this file, in its transaction).

DELETE FROM story_links;
DELETE FROM story_postings;
DELETE FROM story_members;
DELETE FROM stories;
DELETE FROM story_features;
