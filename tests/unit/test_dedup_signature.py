"""MinHash signatures are computed in numpy, bit for bit as datasketch 2.0's default MinHash
(affine32, seed 1) made them: archives hold signatures written by either."""

from __future__ import annotations

import random

import numpy as np
import pytest

from warta.link.dedup import NUM_PERM, shingles, signature

# Written by datasketch 2.0.0's MinHash(num_perm=64, seed=1) (the code before this one).
FIXED = ["presiden", "jokowi", "resmi", "buka", "jalan", "tol", "baru"]


def test_signature_bytes_are_the_stored_ones() -> None:
    sig = signature(FIXED)
    assert len(sig) == NUM_PERM * 4
    assert sig.hex() == (
        "3ea55b0f9e14d11218fe550f72cd7278698cdf1b05f009755aa80a5208992735ad6b5f4a5137d434"
        "ef26150f75c8652bcc3eae194871a90602ddb13ed95d4d54ae626e16b5706d225f93bb1c6831ec18"
        "7277d088fff72397b2b203509aa5e5a2036a551998e52143abd18c0759506e62cee36225a67f8a67"
        "ceb8fb7f31b283253093f7859665ef5639ff250de0bf7768b62b8e2054db94124ae45b2ff9176f44"
        "d53604594dc120008f2e8952fbe2ad103ce7a3327c32a9051a650189e41d601d3e378e77c624593e"
        "7a02b609b91fe2565517937545a4b5517b25590dc1261a6cc1112036c248489a6ce6a760b0f5634e"
        "0cb3671086b7444380e1e420f3f30d3a")
    assert signature([])[:4].hex() == "6ce5348c"  # the empty text: one empty shingle
    assert signature(["satu", "dua"])[:4].hex() == "cdfdfaf7"


def test_signature_is_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch")  # a dev extra: the reference
    template = datasketch.MinHash(num_perm=NUM_PERM, seed=1)
    rnd = random.Random(7)
    words = ["kata", "rumah", "jakarta", "é", "日本", "", "2024"] + [f"w{i}" for i in range(40)]
    for _ in range(300):
        terms = [rnd.choice(words) for _ in range(rnd.randint(0, 40))]
        m = datasketch.MinHash(num_perm=NUM_PERM, permutations=template.permutations,
                               scheme=template.scheme)
        m.update_batch([g.encode("utf-8") for g in sorted(shingles(terms) or {""})])
        assert signature(terms) == m.hashvalues.astype(np.uint32).tobytes(), terms
