-- warta archive, schema version 3: a sequence number on queued index work, so that a process
-- that indexed an older version of an article does not dequeue the newer version's entry
-- (two processes may sync the same archive: an API server and a `warta ingest`).
ALTER TABLE index_queue ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
