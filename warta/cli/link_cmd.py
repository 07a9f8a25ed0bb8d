"""Linking commands: ``warta copies`` (wire copies and their original)."""

from __future__ import annotations

from typing import Any

import click

from warta.cli.archive_cmd import _emit, _open_existing, db_option, json_option
from warta.cli.common import safe, usage_errors

__all__ = ["register"]


def changes_text(changes: dict[str, Any]) -> str:
    """``title changed; +1 -0 ~2 paragraphs`` (added, removed, edited)."""
    parts = ["title changed"] if changes.get("title_changed") else []
    parts.append(f"+{len(changes.get('added', []))} -{len(changes.get('removed', []))} "
                 f"~{len(changes.get('edited', []))} paragraphs")
    return "; ".join(parts)


@click.command("copies")
@click.argument("article_id")
@db_option
@json_option
@usage_errors
def copies_command(article_id: str, db: str, as_json: bool) -> None:
    """Wire copies of ARTICLE_ID: the group's original (and how sure), and what each copy changed."""
    with _open_existing(db) as archive:
        group = archive.copy_group(article_id)
    if as_json:
        _emit(group.to_dict())
        return
    if group.original is None:
        click.echo("no copies")
        return
    agency = f"; agency {group.agency}" if group.agency else ""
    click.echo(safe(f"original: {group.original}  ({group.reason}, confidence {group.confidence}{agency})"))
    for copy in group.copies:
        click.echo(safe(f"  {copy.id}  {copy.outlet or '?'}  {copy.published or '?'}  {copy.relation}  "
                        f"{changes_text(copy.changes)}"))


def register(group: click.Group) -> None:
    """Add the linking commands to the ``warta`` group."""
    group.add_command(copies_command)
