"""Pieces every CLI command shares: source options, error reporting, progress, failures file."""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import UsageError, WartaError
from ..parse import FORMATS, Outcome, iter_outcomes, parse_mapping

__all__ = [
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "EXIT_USAGE",
    "FailureLog",
    "iter_with_progress",
    "outcomes_from_options",
    "source_options",
    "usage_errors",
]

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 2, 3
RAW_KEEP_LIMIT = 1_000_000  # larger raw documents are referenced by their source path

F = TypeVar("F", bound=Callable[..., Any])


def source_options(func: F) -> F:
    """``--format`` and ``--map``: how sources are read (shared by parse, enrich, ingest)."""
    func = click.option(
        "--map",
        "mapping",
        metavar="FIELD=COLUMN,...",
        help="Export columns for warta fields, e.g. title=judul,body=isi,published=tanggal "
        "(others are guessed from common names).",
    )(func)
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help="Input format; detected from the file name or content when omitted.",
    )(func)
    return func


def outcomes_from_options(sources: Iterable[str], fmt: str | None, mapping: str | None) -> Iterator[Outcome]:
    """The outcome stream for CLI options; a bad option raises a click usage error (exit 2)."""
    try:
        parsed = parse_mapping(mapping)
        return iter_outcomes(list(sources) or ["-"], fmt=fmt, mapping=parsed)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def usage_errors(func: F) -> F:
    """Turn library UsageErrors raised while running into click usage errors (exit 2)."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except WartaError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def iter_with_progress(items: Iterable[Outcome], *, desc: str = "parsing") -> Iterator[Outcome]:
    """Wrap with a tqdm bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit="doc", file=sys.stderr)


class FailureLog:
    """Appends failed documents (source, reason, raw bytes) to a JSON-lines file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0

    def record(self, outcome: Outcome) -> None:
        failure = outcome.failure
        assert failure is not None
        self.count += 1
        click.echo(f"failed: {failure.reason}", err=True)
        if self.path is None:
            return
        entry: dict[str, Any] = failure.to_dict()
        entry["time"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if failure.raw and len(failure.raw) <= RAW_KEEP_LIMIT:
            entry["raw_base64"] = base64.b64encode(failure.raw).decode("ascii")
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def summary(self, total: int) -> None:
        if self.count:
            where = f"; details in {self.path}" if self.path else ""
            click.echo(f"{self.count} of {total} documents failed{where}", err=True)
