"""Parsing: bytes in any form people have a news page in → :class:`warta.Article`."""
