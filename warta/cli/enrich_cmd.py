"""``warta enrich`` (parse + enrich → JSON lines), ``warta ner --conll`` and ``warta train
ner|summary|keywords``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from ..errors import UsageError
from .common import outcomes_from_options, pages_to_articles, usage_errors, write_articles

__all__ = ["read_conll", "register"]


@click.command("enrich")
@pages_to_articles
@usage_errors
def enrich_command(sources: tuple[str, ...], fmt: str | None, mapping: str | None, pretty: bool, failures: Path) -> None:
    """Parse and enrich news pages: one Article per line as JSON, with entities, quotes,
    amounts, dates, keywords and an extractive summary filled in.

    Takes the same sources as `warta parse` (pages, folders, exports, `-` for standard input).
    Exit status: 0 all enriched, 3 some failed, 2 bad usage.
    """
    from ..enrich import enrich

    outcomes = outcomes_from_options(sources, fmt, mapping)
    sys.exit(write_articles(outcomes, pretty=pretty, failures=failures, transform=enrich, desc="enriching"))


def read_conll(handle: TextIO, name: str) -> Iterator[list[str]]:
    """Sentences of tokens from CoNLL text: the first column is the token, extra columns are
    ignored, a blank line ends a sentence, ``#`` lines (CoNLL-U comments) are skipped."""
    sentence: list[str] = []
    for number, line in enumerate(handle, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if sentence:
                yield sentence
                sentence = []
            continue
        if line.startswith("#") and "\t" not in line:
            continue
        token = line.split("\t")[0] if "\t" in line else line.split()[0]
        if not token.strip():
            raise UsageError(f"{name}, line {number}: empty token column; put the token first on each line")
        sentence.append(token)
    if sentence:
        yield sentence


@click.command("ner")
@click.option(
    "--conll",
    "conll",
    type=click.File("r", encoding="utf-8"),
    required=True,
    help="CoNLL file (token per line, blank line between sentences; `-` for standard input).",
)
@click.option("--model", type=click.Path(dir_okay=False, exists=True), help="Another CRF model file.")
@usage_errors
def ner_command(conll: TextIO, model: str | None) -> None:
    """Tag CoNLL tokens with the NER model: `token<TAB>tag` (BIO) per line, blank line between
    sentences, so any labelled corpus can be scored."""
    from ..enrich.ner import load_tagger

    tagger = load_tagger(model)
    out = sys.stdout
    for sentence in read_conll(conll, conll.name):
        for token, tag in zip(sentence, tagger.tag(sentence)):
            out.write(f"{token}\t{tag}\n")
        out.write("\n")


F = TypeVar("F", bound=Callable[..., Any])


def output_option(what: str) -> Callable[[F], F]:
    """``--output PATH`` of a ``warta train`` command: where to write ``what`` (default: the
    file shipped in the package, so a rebuild replaces it)."""
    return click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Where to write the {what} (default: the one shipped in the package).",
    )


@click.command("ner")
@output_option("model")
@click.option("--iterations", type=click.IntRange(1), default=150, show_default=True, help="CRF training iterations.")
@usage_errors
def train_ner_command(output: Path | None, iterations: int) -> None:
    """Rebuild the NER model from the corpora under the shared data folder; prints a JSON summary."""
    from ..enrich import ner_train

    target = output if output is not None else ner_train.DEFAULT_MODEL
    summary = ner_train.train(target, max_iterations=iterations, verbose=False)
    click.echo(json.dumps(summary, ensure_ascii=False))


@click.command("summary")
@output_option("ranker")
@usage_errors
def train_summary_command(output: Path | None) -> None:
    """Rebuild the summary sentence ranker from IndoSum under the shared data folder (needs
    lightgbm, in the dev extra); prints a JSON summary."""
    from ..enrich import summary_train

    click.echo(json.dumps(summary_train.train(output), ensure_ascii=False))


@click.command("keywords")
@output_option("IDF table")
@usage_errors
def train_keywords_command(output: Path | None) -> None:
    """Rebuild the keyword IDF table from the news corpora under the shared data folder;
    prints a JSON summary."""
    from ..enrich import keywords_train

    click.echo(json.dumps(keywords_train.build_idf(output), ensure_ascii=False))


@click.group("train")
def train_group() -> None:
    """Rebuild warta's shipped models from the shared data folder."""


def register(group: click.Group) -> None:
    """Add ``enrich``, ``ner`` and ``train ner|summary|keywords`` to the ``warta`` group."""
    group.add_command(enrich_command)
    group.add_command(ner_command)
    train = group.commands.get("train")
    if not isinstance(train, click.Group):
        train = train_group
        group.add_command(train)
    train.add_command(train_ner_command)
    train.add_command(train_summary_command)
    train.add_command(train_keywords_command)
