"""The ``warta`` command line: a thin shell over the library.

Each stage owns one module here that defines its click commands; this module only assembles
the group, so adding a command never touches another stage's file.
"""

from __future__ import annotations

import importlib

import click

# Modules that define commands; each exposes ``register(group)``.
_COMMAND_MODULES = ["parse_cmd", "lang_cmd", "archive_cmd", "enrich_cmd", "serve_cmd", "live_cmd",
                    "transfer_cmd", "batch_cmd", "stories_cmd", "link_cmd"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="warta")
def cli() -> None:
    """warta — reads Indonesian news the way an editor does."""


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
