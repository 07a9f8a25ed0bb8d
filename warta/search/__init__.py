"""warta.search — the search engine the archive writes and reads: the query language
(`query.py`), the tantivy and FTS5 engines and snippets. It sits between link and store:
the store indexes and queries through it, and it never imports the store."""
