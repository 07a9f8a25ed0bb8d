-- warta archive, schema version 19: a story is no longer every article its links connect. The
-- links of a connected group are taken strongest first and two stories of two or more
-- articles are merged only when their core centroids are as alike as two articles must be to
-- be compared (warta.link.stories.partition, cosine >= the pair model's candidate_min): one
-- article telling two happenings, or a broad issue's shared words, no longer joins them. The
-- links are unchanged; the stories are recomputed: the story tables are emptied here and
-- refilled by the stories backfill (as 018's), run by the migration runner right after this
-- file, in its transaction.

DELETE FROM story_links;
DELETE FROM story_postings;
DELETE FROM story_members;
DELETE FROM stories;
DELETE FROM story_features;
