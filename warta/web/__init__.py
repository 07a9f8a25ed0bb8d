"""warta.web — the archive served as a REST API (``/api``) and a news portal.

``create_app(db_path, token=None)`` builds the ASGI app; ``serve(...)`` runs it with uvicorn
(``warta serve`` and ``warta demo`` call it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(db_path: str | Path, token: str | None = None, **options: Any) -> FastAPI:
    """The FastAPI app over the archive at ``db_path`` (see :func:`warta.web.app.create_app`)."""
    from warta.web.app import create_app as _create

    return _create(db_path, token, **options)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, *, workers: int = 1, log_level: str = "warning") -> None:
    """Serve the portal and API on ``http://host:port/`` until interrupted.

    With ``workers > 1`` uvicorn starts that many processes (each opens the archive itself).
    """
    import uvicorn

    from warta.web.app import create_app as _create
    from warta.web.server import protocol

    print(f"warta: portal at http://{host}:{port}/  (API: http://{host}:{port}/docs)",
          flush=True)
    if workers <= 1:
        uvicorn.run(_create(db_path, token), host=host, port=port, log_level=log_level,
                    http=protocol())
        return
    _create(db_path, token).state.backend.close()  # validate the archive before the workers
    os.environ["WARTA_WEB_DB"] = str(db_path)
    if token is not None:
        os.environ["WARTA_WEB_TOKEN"] = token
        os.environ["WARTA_WEB_TOKEN_ENV"] = "WARTA_WEB_TOKEN"
    uvicorn.run("warta.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, http=protocol())
