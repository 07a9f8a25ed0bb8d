"""``warta batch``: parse and enrich large inputs on a Dask cluster into Parquet shards,
and load them into an archive (a thin shell over :mod:`warta.batch`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from warta.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    failure_line,
    json_text,
    safe,
    shown_db,
    source_options,
    usage_errors,
)
from warta.errors import UsageError

if TYPE_CHECKING:  # the batch stage is imported when the command runs (dask is an extra)
    from warta.batch import BatchReport

__all__ = ["register"]

EXIT_SHARDS_FAILED = 1


@click.command("batch")
@click.argument("sources", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="Folder for the Parquet shards (and manifest.jsonl); on a cluster, a path "
              "every worker can write.")
@click.option("--cluster", metavar="tcp://HOST:8786",
              help="Address of a running Dask scheduler (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one per core).")
@click.option("--load", "load", metavar="DB", help="Also store every shard in this archive "
              "(a SQLite file, or a database URL), one transaction per shard.")
@source_options
@click.option("--enrich/--no-enrich", default=True, show_default=True,
              help="Run entity/quote/amount/date enrichment, as warta ingest does.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None,
              help="Documents per shard (one Dask task each); default 2000.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@usage_errors
def batch_command(sources: tuple[str, ...], out: Path, cluster: str | None, workers: int | None,
                  load: str | None, fmt: str | None, mapping: str | None, enrich: bool,
                  shard_size: int | None, as_json: bool) -> None:
    """Parse and prepare files, folders and exports on a Dask cluster, shard by shard.

    Each shard is written to --out as one Parquet file (typed columns, as `warta export
    --format parquet`, plus what loading needs); with --load it is stored in the archive
    in input order, giving the same archive as `warta ingest` over the same input. A rerun
    skips finished and loaded shards; a worker that dies has its shard redone. Needs the
    dask extra: pip install 'warta[dask]'.
    Exit status: 0 done, 3 some documents failed, 1 some shards could not be computed,
    2 bad usage.
    """
    from warta.batch import DEFAULT_SHARD_SIZE, dask_client, run_batch
    from warta.ingest import default_workers
    from warta.parse import parse_mapping

    _check_can_run(cluster, workers, enrich)
    parsed = parse_mapping(mapping)

    def progress(event: str, result) -> None:  # type: ignore[no-untyped-def]
        if event == "computed":
            for source, _code, reason in result.failures:
                click.echo(f"failed: {failure_line(source, reason)}", err=True)
        if not as_json:
            click.echo(f"shard {result.number + 1} {event}: {result.articles} articles, "
                       f"{len(result.failures)} failed", err=True)

    with dask_client(cluster, workers or default_workers()) as client:
        report = run_batch(list(sources), out, client=client, load=load, fmt=fmt,
                           mapping=parsed or None, enrich=enrich,
                           shard_size=shard_size or DEFAULT_SHARD_SIZE, progress=progress)
    _print_report(report, out, load, as_json)
    for line in report.failed_shards:
        click.echo(f"error: {safe(line)}", err=True)
    if report.failed_shards:
        click.echo("rerun the same command to retry them (finished shards are kept)", err=True)
        sys.exit(EXIT_SHARDS_FAILED)
    if report.failures:
        where = f"warta failures --db {shown_db(load)}" if load else f"the *.failures.parquet files in {safe(out)}"
        click.echo(f"{report.failures} documents failed; see {where}", err=True)
    sys.exit(EXIT_SOME_FAILED if report.failures else EXIT_OK)


def _check_can_run(cluster: str | None, workers: int | None, enrich: bool) -> None:
    """UsageError, before any work, for options that exclude each other or need what is not
    installed."""
    from warta.ingest import enrich_available

    if cluster and workers is not None:
        raise UsageError("--cluster and --workers exclude each other: the cluster's own workers "
                         "do the work (start more with `dask worker`)")
    if enrich and not enrich_available():
        raise UsageError("--enrich needs the enrichment stage (warta.enrich), not installed; "
                         "reinstall warta, or pass --no-enrich")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("warta batch writes Parquet and needs pyarrow: pip install "
                         "'warta[dask]'") from None


def _print_report(report: BatchReport, out: Path, load: str | None, as_json: bool) -> None:
    """The run's totals on stdout: one JSON object, or one line for people."""
    if as_json:
        click.echo(json_text({"out": str(out), "load": shown_db(load) if load else None, **report.to_dict()}))
        return
    put = report.put
    loaded = (f"; loaded {report.loaded} shards into {shown_db(load)} ({put.added} new, "
              f"{put.updated} updated, {put.unchanged} unchanged)") if load else ""
    click.echo(f"{report.shards} shards ({report.computed} computed, "
               f"{report.shards - report.computed - len(report.failed_shards)} found done) "
               f"in {safe(out)}: {report.articles} articles, {report.failures} failed, "
               f"{report.workers} workers, {report.seconds:.1f} s{loaded}")


def register(group: click.Group) -> None:
    """Add ``warta batch`` to the ``warta`` group."""
    group.add_command(batch_command)
