"""Entities and quote rows for the quote tests (shared by test_quote_roles and
test_quotes_offices): hand-made mentions, so a test states exactly what NER found."""

from __future__ import annotations

from warta.model import Entity, Mention, Quote


def person(name: str, paragraphs: list[str], forms: list[str] | None = None, label: str = "PER") -> Entity:
    """An entity with a mention at every place one of ``forms`` is written."""
    mentions = []
    for p, text in enumerate(paragraphs):
        for form in forms or [name]:
            k = text.find(form)
            while k >= 0:
                mentions.append(Mention(form, p, k, k + len(form)))
                k = text.find(form, k + len(form))
    return Entity(name=name, label=label, mentions=mentions)


def only_in(entity: Entity, paragraph: int) -> Entity:
    """``entity`` with its mentions in ``paragraph`` only (a one-word name the fixture finds
    inside the full name too)."""
    entity.mentions = [m for m in entity.mentions if m.paragraph == paragraph]
    return entity


def located(quotes: list[Quote]) -> list[tuple[str | None, str | None, str | None, str | None, int, int, int]]:
    """Speaker, mention, role, affiliation and where the statement is (paragraph, start, end)."""
    return [(q.speaker, q.speaker_mention, q.role, q.affiliation, q.paragraph, q.start, q.end) for q in quotes]
