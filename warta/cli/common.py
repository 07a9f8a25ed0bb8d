"""Pieces every CLI command shares: source options, error reporting, progress, failures file."""

from __future__ import annotations

import base64
import json
import re
import sys
from collections import Counter
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
    "FailureTally",
    "article_output_options",
    "failure_kind",
    "json_text",
    "outcomes_from_options",
    "pages_to_articles",
    "safe",
    "source_options",
    "write_articles",
    "usage_errors",
]

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 2, 3
RAW_KEEP_LIMIT = 1_000_000  # larger raw documents are referenced by their source path

# Characters a terminal acts on instead of showing: C0 controls but tab and newline, DEL, C1
# controls (ESC [ ... starts an escape sequence; \x9b is a one-byte CSI), and the bidi
# controls that reorder what follows ("Trojan Source"). Text from the archive is data.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# what json.dumps(ensure_ascii=False) leaves raw but a terminal may act on (C0 are escaped)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_KIND_END = re.compile(r" \(|;|: |, ")

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


def article_output_options(func: F) -> F:
    """``--pretty`` and ``--failures``: how a command that prints Articles writes them."""
    func = click.option(
        "--failures",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("warta-failures.jsonl"),
        show_default=True,
        help="Append failed documents (source, reason, raw bytes) here.",
    )(func)
    func = click.option("--pretty", is_flag=True, help="Indented JSON for people (one object per document).")(func)
    return func


def pages_to_articles(func: F) -> F:
    """The arguments of a command that reads pages and prints Articles (parse, enrich): the
    sources (optional: none reads nothing), how they are read and how Articles are written."""
    func = article_output_options(func)
    func = source_options(func)
    return click.argument("sources", nargs=-1, metavar="PATH|URL|-...")(func)


def write_articles(
    outcomes: Iterable[Outcome],
    *,
    pretty: bool,
    failures: Path | None,
    transform: Callable[[Any], Any] | None = None,
    desc: str = "parsing",
) -> int:
    """Print each Article as JSON (after ``transform``), report failures; return the exit code."""
    log = FailureLog(failures)
    total = 0
    for outcome in iter_with_progress(outcomes, desc=desc):
        total += 1
        if outcome.failure:
            log.record(outcome)
            continue
        article = outcome.article
        assert article is not None
        for warning in article.warnings:
            click.echo(f"warning: {safe(outcome.source)}: {safe(warning)}", err=True)
        if transform is not None:
            article = transform(article)
        sys.stdout.write(article.to_json(pretty=pretty) + "\n")
    log.summary(total)
    return EXIT_SOME_FAILED if log.count else EXIT_OK


def outcomes_from_options(sources: Iterable[str], fmt: str | None, mapping: str | None) -> Iterator[Outcome]:
    """The outcome stream for CLI options; a bad option or a missing source raises a click
    usage error (exit 2) now, before the caller opens or creates anything."""
    from ..parse.sources import check_sources

    try:
        parsed = parse_mapping(mapping)
        checked = check_sources(list(sources) or ["-"])
        return iter_outcomes(checked, fmt=fmt, mapping=parsed)
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
        click.echo(f"failed: {failure_line(failure.source, failure.reason)}", err=True)
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


def safe(text: object) -> str:
    """``text`` made safe to print on a terminal: every control character that a terminal
    would act on (escape sequences, C1 controls, bidi overrides) is shown as its escape,
    e.g. ``\\x1b``, instead of being sent. JSON output needs none of this (it escapes them)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def shown_db(db: object) -> str:
    """The ``--db`` value as messages print it: terminal-safe, a database URL's password
    replaced by ``***``."""
    from warta.store.postgres_open import is_postgres_url, redact

    return safe(redact(db) if is_postgres_url(db) else db)  # type: ignore[arg-type]


def json_text(data: Any) -> str:
    """Indented JSON whose strings are exactly the data's, with the characters a terminal
    would act on written as ``\\uXXXX`` escapes (the same JSON value, safe to print)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def failure_line(source: str, reason: str) -> str:
    """``source: reason`` for one failure (reasons usually start with their source already)."""
    text = reason if reason.startswith(f"{source}:") else f"{source}: {reason}"
    return safe(text)


def failure_kind(source: str, reason: str) -> str:
    """The short kind of a failure reason for summaries: ``empty document``, ``not valid
    JSON`` (the reason without its source and without details)."""
    text = reason.removeprefix(f"{source}: ").strip()
    return safe(_KIND_END.split(text, maxsplit=1)[0].strip() or "unknown reason")


class FailureTally:
    """Counts failures by kind as a batch goes, printing each one on stderr."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()

    def watch(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        """Pass ``outcomes`` through, reporting each failure as it arrives."""
        for outcome in outcomes:
            failure = outcome.failure
            if failure is not None:
                click.echo(f"failed: {failure_line(failure.source, failure.reason)}", err=True)
                self.kinds[failure_kind(failure.source, failure.reason)] += 1
            yield outcome

    def summary(self, total: int) -> str:
        """``2 failed: 1 empty document, 1 not valid JSON`` (``total`` from the report also
        counts failures found after parsing)."""
        kinds = sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        other = total - sum(self.kinds.values())
        parts = [f"{n} {kind}" for kind, n in kinds] + ([f"{other} other"] if other > 0 else [])
        return f"{total} failed: " + ", ".join(parts)
