"""warta.enrich"""
