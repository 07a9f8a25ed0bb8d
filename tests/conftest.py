"""Shared test helpers.

Tests that read ``../shared`` call :func:`shared_or_fail`: it returns the path, skips when the
data is absent on a developer machine, and FAILS when ``CI`` is set — CI must never go green by
skipping the real-data tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.config import shared_dir

FIXTURES = Path(__file__).parent / "fixtures"


def shared_or_fail(*parts: str) -> Path:
    """Path to shared data under ``$WARTA_SHARED``; fail under CI, skip elsewhere, if missing."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path} (set WARTA_SHARED)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def seed_path() -> Path:
    """The seed page the project began from."""
    return shared_or_fail("seed", "000_721b307032f8015b.txt")
