-- warta archive, PostgreSQL only, schema version 15: the change sequence of the search
-- documents, so that a serving node can keep its own tantivy index current
-- (warta/store/node_index.py; issue 14, option b). SQLite's own index has index_queue.
--
-- One row per write of an article row (insert, new version, enrichment, delete), numbered in
-- commit order: the trigger takes the archive's write lock (postgres_open.WRITE_LOCK,
-- 0x77610002, held to the end of the transaction), so no transaction can commit a lower
-- number after a node has read a higher one. Writers through warta hold it already; the
-- trigger makes it true for any other writer too (a COPY of `warta migrate-archive`).

CREATE TABLE search_changes (
    seq           BIGSERIAL PRIMARY KEY,
    article_rowid BIGINT NOT NULL
);

CREATE FUNCTION warta_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2002845698,  -- 0x77610002
         hashtext(current_schema()));
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_changes(article_rowid) VALUES (OLD.rowid);
    ELSE
        INSERT INTO search_changes(article_rowid) VALUES (NEW.rowid);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER articles_search_change AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION warta_search_change();

-- which archive a node's index was built from (a node index of another one is rebuilt)
INSERT INTO meta(key, value) VALUES ('archive_uuid', gen_random_uuid()::text)
    ON CONFLICT (key) DO NOTHING;
