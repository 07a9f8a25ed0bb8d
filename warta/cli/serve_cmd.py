"""``warta serve``: the archive as a news portal and REST API."""

from __future__ import annotations

import os
from pathlib import Path

import click

from warta.cli.common import usage_errors
from warta.errors import UsageError

__all__ = ["register"]


@click.command("serve")
@click.option("--db", "db", default="warta.db", show_default=True, envvar="WARTA_DB",
              help="The archive file (SQLite) to serve; env WARTA_DB.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="TCP port.")
@click.option("--token-env", default=None, metavar="NAME",
              help="Name of the environment variable holding the bearer token that allows "
              "POST /api/ingest (read-only without it), e.g. --token-env WARTA_TOKEN.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (use the number of cores under load).")
@click.option("--watch", "watch_sources", is_flag=True,
              help="Also run the watcher (`warta watch`) in this process: new articles from "
              "the archive's sources appear as they are published.")
@click.option("--min-gap", type=click.FloatRange(min=0.0), default=2.0, show_default=True,
              help="With --watch: seconds between two requests to one host:port.")
@click.option("--contact", envvar="WARTA_CONTACT", default=None,
              help="With --watch: who runs this watcher (URL or address, in the User-Agent); "
              "env WARTA_CONTACT.")
@usage_errors
def serve_command(db: str, host: str, port: int, token_env: str | None, workers: int,
                  watch_sources: bool, min_gap: float, contact: str | None) -> None:
    """Serve the portal (/, /artikel/ID, /cari, /sumber) and the API (/api, docs at /docs)."""
    from warta.store import is_database_url
    from warta.web import serve

    if not is_database_url(db) and not Path(db).is_file():
        raise UsageError(f"no archive at {db}; build one with `warta ingest SOURCES --db {db}` "
                         "or run `warta demo`")
    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise UsageError(f"--token-env {token_env}: that environment variable is empty or "
                             f"unset; export {token_env}=<a long random secret> first")
    if not watch_sources:
        serve(db, host, port, token, workers=workers)
        return
    from warta.live.fetch import FetchConfig
    from warta.live.watcher import WatchConfig, background_watch

    config = WatchConfig(fetch=FetchConfig(min_gap=min_gap, contact=contact))
    with background_watch(db, config=config, log=lambda line: click.echo(
            f"watch: {line['status']} {line['source']}: {line['added']} new", err=True)):
        serve(db, host, port, token, workers=workers)


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``warta`` command group."""
    group.add_command(serve_command)
