"""The ``warta`` command line: a thin shell over the library.

Each stage owns one module here that defines its click commands; this module only assembles
the group, so adding a command never touches another stage's file.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

# Modules that define commands; each exposes ``register(group)``.
_COMMAND_MODULES = ["parse_cmd", "lang_cmd", "archive_cmd", "enrich_cmd", "serve_cmd", "live_cmd",
                    "transfer_cmd", "batch_cmd", "stories_cmd", "link_cmd"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="warta")
def cli() -> None:
    """warta — reads Indonesian news the way an editor does."""
    _show_progress()


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a message comes (a test runner swaps it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _show_progress() -> None:
    """Long steps the library announces (a migration's backfill over a big archive) go to
    stderr as ``warta: …`` lines, so a wait of minutes is never silent."""
    logger = logging.getLogger("warta.store")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("warta: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a stage not built yet
        if exc.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(cli)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="warta")
