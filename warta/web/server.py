"""uvicorn's HTTP protocol with TCP_NODELAY always on.

With ``--workers N`` uvicorn binds the listening socket itself as ``socket.socket(AF_INET,
SOCK_STREAM)`` (protocol number 0), and asyncio only disables Nagle's algorithm on accepted
sockets whose protocol is IPPROTO_TCP. The h11 protocol writes headers and body separately,
so Nagle plus the client's delayed ACK adds ~40 ms to every response (measured with
benchmarks/bench_web.py: 45 ms at one connection vs 1 ms single-process). Setting the option
on each connection removes it whatever the worker mode.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol", "PROTOCOL"]

PROTOCOL = "warta.web.server:NoDelayH11Protocol"  # uvicorn's `http=` accepts an import path


class NoDelayH11Protocol(H11Protocol):
    """h11 protocol that sets TCP_NODELAY on its connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all: nothing to tune
                pass
        super().connection_made(transport)
