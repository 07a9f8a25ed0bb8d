"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataMissing

__all__ = ["shared_dir", "shared_path"]

_REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared data folder: ``$WARTA_SHARED``, else ``../shared`` beside the checkout."""
    env = os.environ.get("WARTA_SHARED")
    if env:
        return Path(env)
    return _REPO_ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under the shared data folder; raises :class:`DataMissing` if it is absent."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        raise DataMissing(
            f"{path} not found: set WARTA_SHARED to the folder holding warta's shared data "
            "(see README, 'Data')"
        )
    return path
