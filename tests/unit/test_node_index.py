"""A serving node's tantivy index of a PostgreSQL archive (warta/store/node_index.py): built
from the rows on first use, kept current by the change sequence (pg_migrations/015), and
rebuilt when the folder holds another archive's index. The search contract itself runs on
this backend in test_store_contract.py ("postgres-node"). Needs ``WARTA_TEST_PG``."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from tests.conftest import postgres_schema_url
from warta.model import Article
from warta.store.postgres import PostgresArchive
from warta.store.postgres_open import WRITE_LOCK


def _article(n: int, word: str) -> Article:
    return Article(title=f"Banjir {word} melanda desa {n}", paragraphs=[f"Air {word} naik."],
                   url=f"https://k.example/node/{n}", outlet="Kabar Fiksi")


def _titles(archive: PostgresArchive, query: str) -> list[str]:
    return [h.title for h in archive.search(query, snippets=False).hits]


def test_a_reader_node_follows_the_writers_changes(tmp_path: Path) -> None:
    url = postgres_schema_url()
    writer = PostgresArchive(url)
    writer.put_many([_article(1, "bandang")])
    node = PostgresArchive(url, read_only=True, node_index=tmp_path / "node")
    assert node.engine == "postgres-node-tantivy"
    assert _titles(node, "bandang") == ["Banjir bandang melanda desa 1"]
    start = node.node_index.position  # type: ignore[union-attr]

    writer.put_many([_article(2, "bandang")])  # a new article: one change
    assert sorted(_titles(node, "bandang")) == ["Banjir bandang melanda desa 1",
                                                "Banjir bandang melanda desa 2"]
    assert node.node_index.position == start + 1  # type: ignore[union-attr]

    writer.delete(_article(1, "bandang").id)  # a deletion: gone from the node's index too
    assert _titles(node, "bandang") == ["Banjir bandang melanda desa 2"]
    state = json.loads((tmp_path / "node" / "warta-node.json").read_text(encoding="utf-8"))
    assert state["seq"] == start + 2
    node.close()
    writer.close()


def test_a_reopened_node_resumes_and_another_archive_rebuilds(tmp_path: Path) -> None:
    first, second = postgres_schema_url(), postgres_schema_url()
    with PostgresArchive(first) as writer:
        writer.put_many([_article(1, "rob")])
    with PostgresArchive(second) as writer:
        writer.put_many([_article(7, "lahar")])
    folder = tmp_path / "node"
    with PostgresArchive(first, node_index=folder) as node:
        assert _titles(node, "rob") == ["Banjir rob melanda desa 1"]
        position = node.node_index.position  # type: ignore[union-attr]
    with PostgresArchive(first, node_index=folder) as node:  # resumes: nothing to apply
        assert node.node_index.position == position  # type: ignore[union-attr]
        assert node.node_index.catch_up() == 0  # type: ignore[union-attr]
    with PostgresArchive(second, node_index=folder) as node:  # another archive: rebuilt
        assert _titles(node, "rob") == []
        assert _titles(node, "lahar") == ["Banjir lahar melanda desa 7"]


def test_the_trigger_takes_the_archive_write_lock() -> None:
    # the change numbers are in commit order only if the trigger and warta's writers take
    # the same lock: the migration spells the constant in decimal
    sql = (resources.files("warta.store") / "pg_migrations" / "015_search_changes.sql"
           ).read_text(encoding="utf-8")
    assert re.findall(r"pg_advisory_xact_lock\((\d+)", sql) == [str(WRITE_LOCK)]


def test_a_second_worker_of_the_node_takes_the_position_from_the_state_file(
        tmp_path: Path) -> None:
    url = postgres_schema_url()
    folder = tmp_path / "node"
    with PostgresArchive(url) as writer:
        writer.put_many([_article(1, "rob")])
        with PostgresArchive(url, read_only=True, node_index=folder) as first, \
                PostgresArchive(url, read_only=True, node_index=folder) as second:
            writer.put_many([_article(2, "rob")])
            assert first.node_index.catch_up() == 1  # type: ignore[union-attr]
            # the other worker reads the moved position and has nothing left to apply
            assert second.node_index.catch_up() == 0  # type: ignore[union-attr]
            assert second.node_index.position == first.node_index.position  # type: ignore[union-attr]
            assert sorted(_titles(second, "rob")) == ["Banjir rob melanda desa 1",
                                                      "Banjir rob melanda desa 2"]
