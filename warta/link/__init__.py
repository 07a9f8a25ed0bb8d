"""Linking articles: related news, ``Baca juga`` resolution, near-duplicate (wire copy) checks."""
