"""The watcher's fetch failure: what went wrong, whether to retry, and when.

Its own module because both the fetcher (:mod:`warta.live.fetch`) and the robots.txt cache
(:mod:`warta.live.robots`), which the fetcher consults before every request, raise or read it.
"""

from __future__ import annotations

from warta.errors import FetchError

__all__ = ["FetchFailure"]


class FetchFailure(FetchError):
    """A fetch that did not give a usable body; ``transient`` ones are retried later."""

    def __init__(self, message: str, *, code: str = "fetch_error", transient: bool = True,
                 retry_after: float | None = None, status: int | None = None,
                 what: str | None = None) -> None:
        super().__init__(message)
        self.what = what or message  # what happened, without the address and the advice
        self.code = code
        self.transient = transient
        self.retry_after = retry_after
        self.status = status
