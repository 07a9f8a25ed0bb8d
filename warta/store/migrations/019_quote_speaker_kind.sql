-- warta archive, schema version 19: each stored quote keeps whether its speaker is a public
-- figure (warta.model.Quote.speaker_kind: 'public', 'private', or NULL when not decided), so
-- a listing of quotes can keep only one kind (Archive.quotes_by(speaker_kind=…), `warta quotes
-- --public`, GET /api/quotes?speaker_kind=public). Quotes stored before this version get their
-- kind from the stored record (its quotes, entities and paragraphs, by the function extraction
-- calls: warta.store.quote_kinds_sql), in the row and in the article's JSON, by the backfill
-- the migration runner runs right after this file, in its transaction.

ALTER TABLE quotes ADD COLUMN speaker_kind TEXT CHECK (speaker_kind IN ('public', 'private'));
