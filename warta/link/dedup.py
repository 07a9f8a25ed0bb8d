"""Near-duplicate detection with MinHash (datasketch) over word shingles.

Wire copies (the same Antara/AFP story in several outlets) share almost all 3-word shingles
of their bodies. Each article gets a 64-permutation MinHash signature; LSH banding (8 bands
of 8 rows, candidate threshold ≈ 0.77) finds candidate copies, and the signature estimate of Jaccard similarity decides.
The bands are stored in the archive itself (not in datasketch's in-memory ``MinHashLSH``) so
that they are written in the same transaction as the article and survive restarts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from functools import lru_cache
from typing import Any

import numpy as np

__all__ = [
    "BANDS",
    "COPY_THRESHOLD",
    "NUM_PERM",
    "band_buckets",
    "jaccard",
    "signature",
]

NUM_PERM = 64
BANDS = 8
ROWS = NUM_PERM // BANDS
SHINGLE = 3
COPY_THRESHOLD = 0.8  # estimated Jaccard at or above which two bodies count as copies

@lru_cache(maxsize=1)
def _template() -> Any:
    """The seeded MinHash whose permutations every signature shares.

    datasketch is imported here, not at module load: it costs ~0.3 s, and every ``warta``
    command (``warta stem`` too) imports the store through the CLI.
    """
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def signature(terms: Sequence[str]) -> bytes:
    """MinHash signature (NUM_PERM uint32 values, as bytes) of the word 3-shingles of ``terms``."""
    template = _template()
    m = type(template)(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
    if len(terms) < SHINGLE:
        shingles = [" ".join(terms).encode("utf-8")]
    else:
        shingles = [
            " ".join(terms[i : i + SHINGLE]).encode("utf-8")
            for i in range(len(terms) - SHINGLE + 1)
        ]
    m.update_batch(shingles)
    return m.hashvalues.astype(np.uint32).tobytes()


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va = np.frombuffer(a, dtype=np.uint32)
    vb = np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(va == vb)) / len(va)


def band_buckets(sig: bytes) -> list[int]:
    """LSH bucket ids of a signature (one per band): articles sharing one are candidates."""
    width = ROWS * 4
    out: list[int] = []
    for band in range(BANDS):
        chunk = bytes([band]) + sig[band * width : (band + 1) * width]
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out
