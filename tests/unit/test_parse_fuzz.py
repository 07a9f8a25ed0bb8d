"""Seeded, bounded fuzzing of the parser (issue 9, point 18).

Real inputs from ``tests/fixtures`` (and warta's own records) are mutated — truncated, bytes
flipped, invalid UTF-8 spliced in, re-encoded as UTF-16, huge lines, deep nesting, gzipped
then cut or corrupted — and fed to :func:`warta.iter_outcomes` and :func:`warta.parse`.
Whatever the input, every document must end as an Article or a recorded Failure: no other
exception, no hang (pytest-timeout), and for the bomb and huge-line cases, bounded memory.

Hypothesis runs derandomized (the same examples every run) with a bounded example count.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta import iter_outcomes, parse
from warta.errors import DocumentError, InvalidRecord, UsageError
from warta.model import Article

from ..conftest import FIXTURES

MB = 1_000_000
SEEDS: list[tuple[str, bytes]] = sorted(
    (path.name, path.read_bytes()) for path in FIXTURES.rglob("*") if path.is_file()
)
_DEMO = Path(__file__).parents[2] / "warta" / "demo_data" / "fiksi.jsonl"
SEEDS.append(("own.jsonl", b"".join(_DEMO.read_bytes().splitlines(keepends=True)[:3])))
CODES = {"empty_document", "binary_document", "document_too_large", "not_an_article", "mapping_error",
         "invalid_record", "corrupt_file", "document_timeout", "document_error"}
SUFFIXES = ("", ".txt", ".html", ".csv", ".jsonl", ".json", ".tsv")
FUZZ = settings(max_examples=120, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file under some name, changed by a few mutations."""
    name, data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 3))):
        data = draw(_mutation(data))
    stem, _, suffix = name.rpartition(".")
    suffix = draw(st.sampled_from((f".{suffix}", f".{suffix}", *SUFFIXES)))
    if draw(st.integers(0, 5)) == 0:
        packed = gzip.compress(data, mtime=0)
        cut = draw(st.integers(0, len(packed)))
        flip = draw(st.integers(0, len(packed) - 1))
        packed = bytearray(packed[: max(cut, 10)] if draw(st.booleans()) else packed)
        if draw(st.booleans()) and flip < len(packed):
            packed[flip] ^= 0xFF
        return f"{stem}{suffix}.gz", bytes(packed)
    return f"{stem}{suffix}", data


def _mutation(data: bytes) -> st.SearchStrategy[bytes]:
    at = st.integers(0, len(data))
    return st.one_of(
        at.map(lambda i: data[:i]),  # truncation
        st.tuples(at, st.integers(1, 255)).map(  # a byte flipped
            lambda t: data[: t[0]] + bytes([(data[t[0]] ^ t[1]) if t[0] < len(data) else t[1]]) + data[t[0] + 1:]),
        st.tuples(at, st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xe2\x80"])).map(
            lambda t: data[: t[0]] + t[1] + data[t[0]:]),  # invalid UTF-8, a NUL
        st.sampled_from(["utf-16", "utf-16-le", "utf-32"]).map(  # re-encoded
            lambda enc: data.decode("utf-8", "replace").encode(enc)),
        st.tuples(at, st.integers(1, 300_000)).map(  # a huge line
            lambda t: data[: t[0]] + b"x" * t[1] + data[t[0]:]),
        st.tuples(at, st.integers(1, 50_000), st.sampled_from([b"[", b"{\"a\":", b"[{\"isi\":"])).map(
            lambda t: data[: t[0]] + t[2] * t[1] + data[t[0]:]),  # deep nesting
        st.tuples(at, st.sampled_from([b'"\\ud800"', b"9" * 5000, b"\n", b";", b"\t", b'"', b"\r"])).map(
            lambda t: data[: t[0]] + t[1] + data[t[0]:]),  # surrogates, huge numbers, separators
    )


def _check(outcomes: list) -> None:
    for outcome in outcomes:
        assert (outcome.article is None) != (outcome.failure is None)
        if outcome.failure is not None:
            assert outcome.failure.code in CODES, outcome.failure
            assert outcome.failure.reason.startswith(outcome.failure.source.split("#")[0]), outcome.failure
            assert "internal parser error" not in outcome.failure.reason, outcome.failure
        else:
            text = outcome.article.to_json()
            text.encode("utf-8")  # no lone surrogate got through
            assert Article.from_json(text) == outcome.article


@pytest.mark.timeout(120)
@FUZZ
@given(mutated())
def test_iter_outcomes_never_raises(case: tuple[str, bytes]) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        _check(list(iter_outcomes([str(path)])))


@pytest.mark.timeout(120)
@FUZZ
@given(mutated())
def test_parse_raises_only_document_errors(case: tuple[str, bytes]) -> None:
    name, data = case
    try:
        article = parse(data, source=name)
    except (DocumentError, UsageError):
        return
    Article.from_json(article.to_json())


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
OWN = json.loads(_DEMO.read_text().splitlines()[0])


@pytest.mark.timeout(60)
@settings(max_examples=200, derandomize=True, deadline=None, database=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(OWN)), JSON), min_size=1, max_size=3))
def test_own_records_with_any_field_changed(changes: list[tuple[str, object]]) -> None:
    record = {**OWN, **dict(changes)}
    try:
        article = Article.from_dict(record)
    except InvalidRecord as exc:
        assert str(exc).startswith(("field '", "the record")), exc
        return
    assert Article.from_json(article.to_json()) == article


@pytest.mark.timeout(120)
@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["a.jsonl", "a.csv", "a.json", "a.txt"]), st.booleans(), st.integers(0, 2))
def test_bombs_and_huge_lines_take_bounded_memory(name: str, packed: bool, row: int) -> None:
    """A 1 GB gzip bomb or a 25 MB line in the middle of an export: peak memory stays < 60 MB."""
    rows = [json.dumps({"judul": f"J{i}", "isi": f"Isi berita {i}."}) for i in range(3)]
    if name.endswith(".csv"):
        rows = ["judul,isi"] + [f"J{i},Isi berita {i}." for i in range(3)]
    if name.endswith(".json"):
        head, tail = '[{"isi": "Isi satu."}, ', "]"
        rows = [head + '{"isi": "', '"}' + tail]
        row = 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name + (".gz" if packed else ""))
        if packed:
            member = gzip.compress(b"x" * MB, mtime=0)
            before = gzip.compress(("\n".join(rows[:row]) + "\n").encode(), mtime=0) if row else b""
            path.write_bytes(before + member * 1000 + gzip.compress(("\n" + "\n".join(rows[row:])).encode(), mtime=0))
        else:
            with path.open("wb") as handle:
                handle.write(("\n".join(rows[:row]) + ("\n" if row and not name.endswith(".json") else "")).encode())
                for _ in range(25):
                    handle.write(b"x" * MB)
                handle.write(("\n" if not name.endswith(".json") else "").encode() + "\n".join(rows[row:]).encode())
        tracemalloc.start()
        try:
            got = list(iter_outcomes([str(path)]))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    _check(got)
    assert any(o.failure and o.failure.code == "document_too_large" for o in got)
    assert peak < 60 * MB, peak
