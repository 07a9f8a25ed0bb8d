"""Near-duplicate detection: MinHash over word 5-shingles (numpy), LSH banding, exact check.

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


# The signature scheme, fixed here because stored signatures must stay comparable: it is
# datasketch 2.0's default MinHash ("affine32", seed 1) computed with numpy alone.
# datasketch itself is not imported at run time: it pulls in scipy (~0.65 s of CPU at every
# start of `warta` or of an ingest worker) for a few numpy lines, and per article its MinHash
# object cost ~0.3 ms where these lines cost ~0.2. tests/unit/test_dedup_signature.py
# checks the bytes against datasketch's own MinHash whenever it is installed (a dev extra).
_SEED = 1
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3's 32-bit finalizer


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)`` of the NUM_PERM affine permutations ``h -> a*h + b mod 2**32`` (``a``
    odd), drawn as datasketch draws them for ``MinHash(num_perm=NUM_PERM, seed=1)``."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _hash32(grams: Iterable[str]) -> np.ndarray:
    """datasketch's ``sha1_hash32`` of each gram's UTF-8 bytes (the first four bytes of its
    SHA-1, little-endian), then the finalizer datasketch applies before permuting."""
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(g.encode("utf-8")).digest()[:4] for g in grams]),
                       dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv ^= hv >> np.uint32(s1)
    hv *= np.uint32(m1)  # uint32 arrays wrap: the intended arithmetic modulo 2**32
    hv ^= hv >> np.uint32(s2)
    hv *= np.uint32(m2)
    hv ^= hv >> np.uint32(s3)
    return hv


def shingles(terms: Sequence[str]) -> set[str]:
    """The word ``SHINGLE``-grams of ``terms`` (a shorter text is one shingle)."""
    if len(terms) < SHINGLE:
        return {" ".join(terms)} if terms else set()
    return {" ".join(terms[i : i + SHINGLE]) for i in range(len(terms) - SHINGLE + 1)}


def signature(terms: Sequence[str]) -> bytes:
    """MinHash signature (NUM_PERM uint32 values, as bytes) of the word shingles of ``terms``."""
    a, b = _permutations()
    hv = _hash32(shingles(terms) or {""})  # the minimum does not depend on the order
    return (hv[:, None] * a + b).min(axis=0).astype(np.uint32).tobytes()


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
