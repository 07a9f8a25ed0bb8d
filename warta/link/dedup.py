"""Near-duplicate detection: MinHash (datasketch) over word 5-shingles, LSH banding, exact check.

Wire copies (the same Antara/AFP story in several outlets) share most 5-word shingles of their
bodies. Each article gets a 64-permutation MinHash signature; LSH banding with 16 bands of 4
rows makes two bodies of Jaccard 0.7 candidates with probability 1 − (1 − 0.7⁴)¹⁶ ≈ 0.988
(0.8: 0.9998; the earlier 8 bands of 8 rows: 0.38 at 0.7). Banding only proposes: every
candidate is verified on the exact Jaccard of the two shingle sets (:func:`exact_jaccard`), so
the low band threshold costs a few extra comparisons, never a false copy.

The bands are stored in the archive itself (not in datasketch's in-memory ``MinHashLSH``) so
that they are written in the same transaction as the article and survive restarts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = [
    "BANDS",
    "COPY_JACCARD",
    "COPY_THRESHOLD",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "band_buckets",
    "candidate_probability",
    "exact_jaccard",
    "jaccard",
    "shingle_set",
    "shingles",
    "signature",
    "verified_copies",
]

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
COPY_JACCARD = 0.7  # exact shingle Jaccard at or above which two bodies are copies
COPY_THRESHOLD = COPY_JACCARD  # the same bar on the signature estimate (related news' filter)


@lru_cache(maxsize=1)
def _template() -> Any:
    """The seeded MinHash whose permutations every signature shares.

    datasketch is imported here, not at module load: it costs ~0.3 s, and every ``warta``
    command (``warta stem`` too) imports the store through the CLI.
    """
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def shingles(terms: Sequence[str]) -> set[str]:
    """The word ``SHINGLE``-grams of ``terms`` (a shorter text is one shingle)."""
    if len(terms) < SHINGLE:
        return {" ".join(terms)} if terms else set()
    return {" ".join(terms[i : i + SHINGLE]) for i in range(len(terms) - SHINGLE + 1)}


def signature(terms: Sequence[str]) -> bytes:
    """MinHash signature (NUM_PERM uint32 values, as bytes) of the word shingles of ``terms``."""
    template = _template()
    m = type(template)(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
    grams = shingles(terms) or {""}
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m.hashvalues.astype(np.uint32).tobytes()


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va = np.frombuffer(a, dtype=np.uint32)
    vb = np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(va == vb)) / len(va)


def exact_jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets (0.0 when both are empty), 4 decimals."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return round(inter / (len(a) + len(b) - inter), 4)


def shingle_set(terms: Sequence[str]) -> set[tuple[str, ...]]:
    """The word ``SHINGLE``-grams of ``terms`` as tuples (a shorter text is one shingle).

    One to one with :func:`shingles` (terms hold no spaces), so Jaccard values are the same;
    built by ``zip`` in C instead of a ``join`` per shingle, about three times faster — the
    exact check of copy candidates needs only the sets, not the strings MinHash hashes."""
    if len(terms) < SHINGLE:
        return {tuple(terms)} if terms else set()
    return set(zip(*(terms[i:] for i in range(SHINGLE))))


def verified_copies(terms: Sequence[str], candidates: Iterable[tuple[int, str, str]]
                    ) -> list[tuple[int, float]]:
    """(rowid, exact shingle Jaccard) of the ``candidates`` — (rowid, analysed title,
    analysed body) rows — that are copies (Jaccard ≥ :data:`COPY_JACCARD`) of an article
    made of ``terms``; a candidate's terms are its body's, its title's when the body is empty.

    Exact and cheaper than shingling every candidate: each distinct candidate text is
    checked once (a wire story nine outlets ran verbatim is one check, not nine), and a text
    with exactly the article's terms is a copy at 1.0 without shingling at all."""
    own_terms = list(terms)
    own: set[tuple[str, ...]] | None = None
    seen: dict[str, float] = {}
    out: list[tuple[int, float]] = []
    for rowid, title, body in candidates:
        key = body
        other = body.split()
        if not other:
            key, other = "\0" + title, title.split()  # the title stands in; never equal to a body
        similarity = seen.get(key)
        if similarity is None:
            if other == own_terms:
                similarity = 1.0 if other else 0.0
            else:
                if own is None:
                    own = shingle_set(own_terms)
                similarity = exact_jaccard(own, shingle_set(other))
            seen[key] = similarity
        if similarity >= COPY_JACCARD:
            out.append((rowid, similarity))
    return out


def band_buckets(sig: bytes) -> list[int]:
    """LSH bucket ids of a signature (one per band): articles sharing one are candidates."""
    return list(_band_buckets(sig))


@lru_cache(maxsize=256)
def _band_buckets(sig: bytes) -> tuple[int, ...]:
    # cached: storing an article asks for its buckets twice (to write them, then to find its
    # candidates), and the blake2b rounds were a tenth of copy detection
    width = ROWS * 4
    out: list[int] = []
    for band in range(BANDS):
        chunk = bytes([band]) + sig[band * width : (band + 1) * width]
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return tuple(out)


def candidate_probability(similarity: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Probability that two sets of Jaccard ``similarity`` share at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands
