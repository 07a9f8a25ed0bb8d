"""warta.search"""
