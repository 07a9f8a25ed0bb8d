-- warta archive, schema version 4: quotes with a speaker, one row each, so that "quotes by
-- this speaker" is an indexed look-up instead of unpacking every article that mentions them.
-- Filled at put time; existing archives are backfilled from the stored documents by
-- warta.store.migrate (the documents are compressed JSON, which SQL cannot read).
CREATE TABLE quotes (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    role TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_rowid, position)
);
CREATE INDEX quotes_by_speaker ON quotes(speaker_key, article_rowid);
