"""uvicorn's HTTP protocols with TCP_NODELAY always on.

With ``--workers N`` uvicorn binds the listening socket itself as ``socket.socket(AF_INET,
SOCK_STREAM)`` (protocol number 0), and asyncio only disables Nagle's algorithm on accepted
sockets whose protocol is IPPROTO_TCP. Responses go out as several writes, so Nagle plus the
client's delayed ACK added ~40 ms to every response (benchmarks/bench_web.py: 45 ms at one
connection vs 1 ms single-process). Setting the option on each connection removes it in
every worker mode.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol", "protocol"]


def _no_delay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all: nothing to tune
            pass


class NoDelayH11Protocol(H11Protocol):
    """h11 protocol that sets TCP_NODELAY on its connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        _no_delay(transport)
        super().connection_made(transport)


# httptools (uvicorn's C parser) measured no faster here (search API at 16 connections:
# 345 vs 355 req/s with h11), so the pure-Python h11 stays the only protocol.
_PROTOCOL = "warta.web.server:NoDelayH11Protocol"


def protocol() -> str:
    """Import path of the protocol class for uvicorn's ``http=`` setting."""
    return _PROTOCOL
