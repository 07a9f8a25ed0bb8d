"""Shared test helpers.

Tests that read ``../shared`` call :func:`shared_or_fail`: it returns the path, skips when the
data is absent on a developer machine, and FAILS when ``CI`` is set — CI must never go green by
skipping the real-data tests.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from warta.config import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"
EVALS = Path(__file__).resolve().parents[1] / "evals"


def shared_or_fail(*parts: str) -> Path:
    """Path to shared data under ``$WARTA_SHARED``; fail under CI, skip elsewhere, if missing."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path} (set WARTA_SHARED)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def need_news_corpora(module: ModuleType, corpora: tuple[str, ...]) -> None:
    """Fail under CI (skip elsewhere) unless the ``../shared/data/news`` files an evaluation
    module reads for ``corpora`` (its ``CORPORA[name][0]``) are there."""
    for corpus in corpora:
        shared_or_fail("data", "news", corpus, module.CORPORA[corpus][0])


def load_eval(name: str) -> ModuleType:
    """The evaluation script ``evals/<name>.py`` imported as a module, so a test scores with
    exactly the code the evaluation runs (registered in ``sys.modules`` first: dataclasses
    look their module up by name)."""
    spec = importlib.util.spec_from_file_location(name, EVALS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def import_evals(*names: str) -> tuple[ModuleType, ...]:
    """The evaluation scripts ``names`` imported as top-level modules, with ``evals/`` on
    the path while they load (they import each other so: ``import eval_stories_events``)."""
    sys.path.insert(0, str(EVALS))
    try:
        return tuple(importlib.import_module(name) for name in names)
    finally:
        sys.path.remove(str(EVALS))


def seed_path() -> Path:
    """The seed page the project began from."""
    return shared_or_fail("seed", "000_721b307032f8015b.txt")


def postgres_or_fail() -> str:
    """URL of the test PostgreSQL database (``WARTA_TEST_PG``, set by
    scripts/pg-test-cluster.sh, which `make test` runs the suite in); fail under CI, skip
    elsewhere, when it is not set or psycopg is not installed."""
    url = os.environ.get("WARTA_TEST_PG")
    message = ""
    if not url:
        message = ("WARTA_TEST_PG is not set: run the tests through `make test` (or "
                   "scripts/pg-test-cluster.sh) to get a throwaway PostgreSQL")
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            message = "psycopg is not installed: pip install 'warta[postgres]'"
    if message:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert url is not None
    return url


_SCHEMAS = iter(range(1, 10**9))


def postgres_schema_url(name: str | None = None) -> str:
    """A URL of a fresh, empty schema in the test database: each test gets its own archive
    (a new schema is far cheaper than a new database). Dropped with the throwaway cluster."""
    import psycopg

    url = postgres_or_fail()
    schema = f"t{os.getpid()}_{next(_SCHEMAS)}" if name is None else name
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


BACKENDS = ("sqlite", "postgres")  # the backends of store tests parameterised by backend


def empty_archive(backend: str):  # an Archive (imported lazily)
    """A new empty archive of ``backend``: SQLite in memory, or PostgreSQL in a fresh schema
    of the test database (needs WARTA_TEST_PG; fails under CI without it)."""
    if backend == "sqlite":
        from warta.store import SQLiteArchive

        return SQLiteArchive(":memory:")
    from warta.store.postgres import PostgresArchive

    if backend == "postgres-node":  # searches and related candidates from a node's index
        import atexit
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="warta-node-")
        atexit.register(shutil.rmtree, folder, True)
        return PostgresArchive(postgres_schema_url(), node_index=folder)
    return PostgresArchive(postgres_schema_url())
