-- warta archive, schema version 2: the ranked-search index (tantivy) lives beside the SQLite
-- file and is derived from it. Rows written in a batch are queued here in the same
-- transaction and dequeued once the index has committed them, so a crash between the two
-- commits is repaired on the next open by replaying the queue.
CREATE TABLE index_queue (
    rowid INTEGER PRIMARY KEY       -- articles.rowid to (re)index or remove from the index
);
