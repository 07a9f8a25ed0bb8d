"""A migration that recomputes data for every article of a big archive says so on stderr
before it starts (it can take minutes), and says nothing on a small archive."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.demo import sample_articles
from warta.store import SQLiteArchive
from warta.store import migrate as migrate_module


def _archive_before_012(tmp_path: Path) -> Path:
    """An archive of the demo articles as a build without migration 012 left it."""
    db = tmp_path / "old.db"
    with SQLiteArchive(db) as archive:
        archive.put_many(sample_articles())
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE copy_pairs")
    conn.execute("DELETE FROM schema_version WHERE version = 12")
    conn.commit()
    conn.close()
    return db


def test_a_long_backfill_is_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _archive_before_012(tmp_path)
    articles = len(sample_articles())
    monkeypatch.setattr(migrate_module, "_ANNOUNCED", articles)  # "big" from this many
    result = CliRunner().invoke(cli, ["migrate", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"warta: {db}: migration 012 recomputes copy signatures and pairs for {articles} "
        "articles; this runs once and may take minutes")


def test_a_small_archive_migrates_without_the_notice(tmp_path: Path) -> None:
    db = _archive_before_012(tmp_path)
    result = CliRunner().invoke(cli, ["migrate", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "recomputes" not in result.stderr
