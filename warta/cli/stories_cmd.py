"""Story commands: ``warta stories`` (the stories of an archive) and ``warta story ID``.

Both open the archive read-only, like every reading command (see ``archive_cmd``).
"""

from __future__ import annotations

import click

from warta.cli.archive_cmd import _emit, _open_existing, db_option, json_option
from warta.cli.common import safe, shown_db, usage_errors
from warta.errors import StoreError
from warta.search.query import MAX_LIMIT, MAX_OFFSET
from warta.store.stories import Story

__all__ = ["register"]


@click.command("stories")
@db_option
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              help="Only stories with an article on or after this day.")
@click.option("--min-size", default=1, show_default=True, type=click.IntRange(1, None),
              help="Only stories with at least this many articles.")
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, MAX_OFFSET))
@json_option
@usage_errors
def stories_command(db: str, since: str | None, min_size: int, limit: int, offset: int,
                    as_json: bool) -> None:
    """The stories of the archive, latest first, with their article ids in time order."""
    with _open_existing(db) as archive:
        total, stories = archive.list_stories(since=since, min_size=min_size, limit=limit,
                                              offset=offset)
    if as_json:
        _emit({"total": total, "stories": [s.to_dict() for s in stories]})
        return
    click.echo(f"{total} stories" + (f" since {since}" if since else ""))
    for story in stories:
        click.echo(safe(f"{story.id}  {story.size:>3}  {_span(story)}  "
                        f"{story.label or '(untitled)'}"))
        click.echo(safe("     " + ", ".join(story.outlets) + "  ·  " + " ".join(story.article_ids)))


def _span(story: Story) -> str:
    first = (story.first_seen or "undated")[:10]
    last = (story.last_seen or "undated")[:10]
    return first if first == last else f"{first}..{last}"


@click.command("story")
@click.argument("story_id")
@db_option
@json_option
@usage_errors
def story_command(story_id: str, db: str, as_json: bool) -> None:
    """One story: its label, outlets, main entities, timeline and quotes."""
    with _open_existing(db) as archive:
        story = archive.story(story_id)
    if story is None:
        raise StoreError(f"no story with id {story_id!r} in {shown_db(db)}; list them with `warta stories`")
    if as_json:
        _emit(story.to_dict())
        return
    click.echo(safe(story.label or "(untitled)"))
    click.echo(safe(f"{story.id} · {story.size} articles · {_span(story)} · "
                    + ", ".join(story.outlets)))
    if story.entities:
        click.echo(safe("entities: " + ", ".join(story.entities)))
    click.echo("")
    for item in story.timeline or []:
        when = (item["published"] or "undated")[:16].replace("T", " ")
        click.echo(safe(f"{when}  {item['outlet'] or '?'}  {item['title'] or '(untitled)'}  "
                        f"{item['id']}"))
    for quote in story.quotes or []:
        click.echo(safe(f"“{quote['text']}” — {quote['speaker']}"))


def register(group: click.Group) -> None:
    """Add ``stories`` and ``story`` to the ``warta`` command group."""
    group.add_command(stories_command)
    group.add_command(story_command)
