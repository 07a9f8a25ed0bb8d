"""One error shape for every failing API request: ``{"error": {"code", "message"}}``.

Portal pages (outside ``/api``) get the same status with a small Indonesian HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta.errors import DocumentError, StoreError, UsageError, WartaError

__all__ = [
    "ApiError",
    "ErrorBody",
    "ErrorDetail",
    "BodyLimitMiddleware",
    "ERROR_RESPONSES",
    "install_error_handlers",
]

log = logging.getLogger("warta.web")

# status → (code, Indonesian page title) for HTTP errors raised by the framework itself
_HTTP_CODES = {
    400: ("bad_request", "Permintaan tidak valid"),
    401: ("unauthorized", "Perlu token"),
    403: ("forbidden", "Tidak diizinkan"),
    404: ("not_found", "Halaman tidak ditemukan"),
    405: ("method_not_allowed", "Metode tidak diizinkan"),
    413: ("too_large", "Permintaan terlalu besar"),
    422: ("validation_error", "Parameter tidak valid"),
    500: ("internal_error", "Kesalahan server"),
}


class ErrorDetail(BaseModel):
    """What went wrong: a stable machine ``code`` and a message for people."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": title}
    for status, (_, title) in _HTTP_CODES.items()
    if status not in (401, 403)
}


class ApiError(Exception):
    """Raised by handlers for an error response with a chosen status and code."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """JSON under /api, a small HTML page elsewhere."""
    if _is_api(request) or request.url.path in ("/openapi.json", "/docs"):
        body = ErrorBody(error=ErrorDetail(code=code, message=message))
        return JSONResponse(body.model_dump(), status_code=status, headers=headers)
    templates = getattr(request.app.state, "templates", None)
    title = _HTTP_CODES.get(status, ("", "Kesalahan"))[1]
    if templates is None:  # pragma: no cover - the app factory always sets templates
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "title": title, "message": message},
        status_code=status, headers=headers,
    )


def _without_slash(request: Request) -> Response | None:
    """``/api/articles/`` → 307 to ``/api/articles`` when that is a route. The Location is
    relative (path and query only): a target built from the Host header would let a client
    choose where the server sends people."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    if len(raw) < 2 or not raw.endswith(b"/") or raw.startswith(b"//"):
        return None
    target = raw.rstrip(b"/")
    scope = {**request.scope, "path": request.url.path.rstrip("/")}
    if not any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
        return None
    query = request.scope.get("query_string") or b""
    location = target.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")
    return RedirectResponse(location, status_code=307)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) + " (see /openapi.json for the parameters)"


_ID_RULES = {
    # pydantic error type → Indonesian text for portal readers ({ctx} fields filled in)
    "greater_than_equal": "paling kecil {ge}",
    "greater_than": "harus lebih dari {gt}",
    "less_than_equal": "paling besar {le}",
    "less_than": "harus kurang dari {lt}",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "string_too_long": "terlalu panjang (paling banyak {max_length} karakter)",
    "string_too_short": "terlalu pendek",
    "missing": "wajib diisi",
}
_ID_FORMS = {  # what a pattern-checked portal parameter should look like
    "bulan": "gunakan TTTT, TTTT-BB atau TTTT-BB-HH, mis. 2022-01",
    "urut": "gunakan relevansi atau terbaru",
}


def _validation_message_id(exc: RequestValidationError) -> str:
    """The portal's 422 message, in Indonesian, naming the parameter and the rule."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        kind = str(err.get("type", ""))
        if kind == "string_pattern_mismatch":
            rule = _ID_FORMS.get(where, "bentuknya tidak dikenali")
        else:
            try:
                rule = _ID_RULES[kind].format(**(err.get("ctx") or {}))
            except (KeyError, IndexError):
                rule = "tidak valid"
        parts.append(f"{where or 'permintaan'}: {rule}")
    return "Parameter tidak valid — " + "; ".join(parts) + "."


def install_error_handlers(app: FastAPI) -> None:
    """Route every error path of ``app`` through :func:`error_response`."""

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code, title = _HTTP_CODES.get(exc.status_code, (f"http_{exc.status_code}", "Kesalahan"))
        detail = exc.detail if isinstance(exc.detail, str) else title
        api = _is_api(request)
        if exc.status_code == 404 and detail == "Not Found":
            redirect = _without_slash(request)
            if redirect is not None:
                return redirect
            detail = (f"nothing at {request.url.path}; see /docs for the API" if api
                      else f"Tidak ada halaman di {request.url.path}.")
        if exc.status_code == 405:
            detail = (f"{request.method} is not allowed on {request.url.path}" if api
                      else f"Metode {request.method} tidak diizinkan di sini.")
        return error_response(request, exc.status_code, code, detail, exc.headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message = (_validation_message(exc) if _is_api(request)
                   else _validation_message_id(exc))
        return error_response(request, 422, "validation_error", message)

    async def on_warta(request: Request, exc: Exception) -> Response:
        # bad queries and unreadable documents are the caller's to fix: 400, never a 500
        status = 400 if isinstance(exc, (UsageError, DocumentError, StoreError)) else 500
        code = getattr(exc, "code", "warta_error")
        message = str(exc) if _is_api(request) else (
            f"Permintaan ini tidak dapat diproses. Rincian: {exc}")
        return error_response(request, status, code, message)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = ("the server failed on this request; it has been logged, please report it"
                   if _is_api(request) else
                   "Server gagal menjawab permintaan ini. Kesalahannya sudah dicatat; "
                   "mohon laporkan bila terulang.")
        return error_response(request, 500, "internal_error", message)

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: on_api_error,
        StarletteHTTPException: on_http,
        RequestValidationError: on_validation,
        WartaError: on_warta,
        Exception: on_crash,
    }
    for exc_class, handler in handlers.items():
        app.add_exception_handler(exc_class, handler)


class _TooLarge(StarletteHTTPException):
    """An HTTP error (not a bare exception) so that FastAPI's body reader passes it on to
    the 413 handler instead of reporting a generic 400 parse error."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large_message(max_bytes))


def _too_large_message(max_bytes: int) -> str:
    return f"request body over the limit of {max_bytes} bytes; send smaller batches"


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413 — by Content-Length up front, and
    by counting for chunked uploads (which name no length)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started |= message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:  # pragma: no cover - handlers read the whole body before answering
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        message = _too_large_message(self.max_bytes)
        response: Response
        if _is_api(request):
            body = ErrorBody(error=ErrorDetail(code="too_large", message=message))
            response = JSONResponse(body.model_dump(), status_code=413)
        else:
            response = HTMLResponse("<!doctype html><title>413</title><p>Permintaan terlalu besar.",
                                    status_code=413)
        await response(scope, receive, send)
