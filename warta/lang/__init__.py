"""Indonesian language core: tokens, sentences, stems and the one search analyser.

Language data (word lists) lives in ``warta/lang/data``; this package holds the logic.
"""
