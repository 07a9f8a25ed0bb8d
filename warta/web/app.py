"""The ASGI application: ``create_app(db_path, token=None)`` wires the API, the portal,
security headers, the body limit and the error handlers around one archive file."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import anyio.to_thread
import jinja2
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta.errors import UsageError
from warta.store import is_database_url
from warta.web import api, portal, sources, stories
from warta.web.backend import THREADS, Backend
from warta.web.errors import BodyLimitMiddleware, install_error_handlers

__all__ = ["DOCS_CSP", "MAX_BODY_BYTES", "Backend", "app_from_env", "create_app"]

HERE = Path(__file__).parent
MAX_BODY_BYTES = 2_000_000  # an ingest batch of a few hundred pages; larger: split it
CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self'"
)
DOCS_PATH = "/docs"
DOCS_ASSETS = "/docs-files"
DOCS_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>warta API</title>
<link rel="stylesheet" href="{DOCS_ASSETS}/swagger-ui.css">
<link rel="icon" href="{DOCS_ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
# /docs runs Swagger UI from files installed with warta (the fastapi-offline package) and
# its starter script from warta's own static folder: scripts from this server only, no CDN.
DOCS_CSP = CSP.replace("script-src 'none'", "script-src 'self'")


class SecurityHeaders:
    """Adds CSP, nosniff and framing headers to every response (pure ASGI: cheap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope.get("path") == DOCS_PATH

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() not in {k for k, _ in _SECURITY_HEADERS}]
                for name, value in _SECURITY_HEADERS:
                    if docs and name == b"content-security-policy":
                        value = DOCS_CSP.encode()  # Swagger UI is a script
                    headers.append((name, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)


def create_app(db_path: str | Path, token: str | None = None, *,
               max_body_bytes: int = MAX_BODY_BYTES, threads: int = THREADS) -> FastAPI:
    """The web application over the archive at ``db_path``.

    Read-only unless ``token`` is given; then ``POST /api/ingest`` accepts requests carrying
    ``Authorization: Bearer <token>``.
    """
    path = str(db_path)
    if path == ":memory:" or not is_database_url(path) and not Path(path).is_file():
        raise UsageError(
            f"no archive at {path}; build one with `warta ingest SOURCES --db {path}` "
            "(or `warta demo`)"
        )
    backend = Backend(path, token, size=threads + 1)
    backend.warm()  # fail now, not on the first request, if it is no archive

    from warta import __version__

    app = FastAPI(
        title="warta",
        version=__version__,
        description="REST API of a warta news archive: articles, search, related news, "
        "entities and quotes. Every error is `{\"error\": {\"code\", \"message\"}}`.",
        lifespan=_lifespan(backend, threads),
        docs_url=None,  # served below from installed files, not a CDN
        redoc_url=None,
        # no automatic trailing-slash redirect: Starlette builds its target from the Host
        # header; the 404 handler redirects with a relative Location instead
        redirect_slashes=False,
    )
    app.state.backend = backend
    app.state.templates = _templates()
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(portal.router)
    app.include_router(sources.router)  # live sources: /api/sources, /sumber
    app.include_router(stories.router)  # stories: /api/stories, /cerita
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    install_docs(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _lifespan(backend: Backend, threads: int
              ) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's start and stop: ``threads`` handler threads, the archive connections warm."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Few threads and as many warm archive connections (plus one for the request that
        # waits for a thread) beat anyio's default 40: the GIL runs one handler at a time
        # anyway, and every extra connection is opened (and its caches warmed) again.
        # Measured with bench_web.py on 2 cores: article page 24 ms -> 5.5 ms at one
        # connection going from 40 to 4 threads; 1-2 threads beat
        # 4 slightly under load; 2 keeps one slow request from stalling a whole process.
        # Scale with `warta serve --workers`.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        await anyio.to_thread.run_sync(backend.warm)  # again after a previous shutdown
        yield
        backend.close()

    return lifespan


def _templates() -> Jinja2Templates:
    """The portal's templates, with the filters they use."""
    # autoescape on for every template: article text is data, never markup
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    templates = Jinja2Templates(env=env)
    portal.setup_templates(templates)
    return templates


def install_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI from the files of the installed ``fastapi-offline`` package,
    started by ``static/docs.js`` (no inline script, so the page's CSP needs no exception
    beyond scripts from this server)."""
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get(DOCS_PATH, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several worker processes: reads
    ``WARTA_WEB_DB`` and the token from the variable named by ``WARTA_WEB_TOKEN_ENV``."""
    token_env = os.environ.get("WARTA_WEB_TOKEN_ENV")
    token = os.environ.get(token_env) if token_env else None
    return create_app(os.environ["WARTA_WEB_DB"], token)
