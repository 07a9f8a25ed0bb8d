-- warta archive, PostgreSQL, schema version 19 (as SQLite's 019): each stored quote keeps
-- whether its speaker is a public figure (warta.model.Quote.speaker_kind: 'public',
-- 'private', or NULL when not decided), so a listing of quotes can keep only one kind
-- (Archive.quotes_by(speaker_kind=…), `warta quotes --public`, GET
-- /api/quotes?speaker_kind=public). Quotes stored before this version have no kind (NULL)
-- until their article is enriched again; nothing is recomputed here.

ALTER TABLE quotes ADD COLUMN speaker_kind TEXT COLLATE "C" CHECK (speaker_kind IN ('public', 'private'));
