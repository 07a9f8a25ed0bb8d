"""Language data of Indonesian news pages (kept apart from the logic in ``anatomy``).

Everything here is a phrase portals print, compiled by hand from how the outlets lay out
their pages; the regular expressions that use them live in :mod:`warta.parse.anatomy`.
"""

from __future__ import annotations

# Lines that are the portal, not the article: dropped wherever they stand in the body.
FURNITURE_LINES: tuple[str, ...] = (
    r"scroll to continue with content",
    r"advertisement",
    r"\(?advertisement\)?",
    r"iklan",
    r"simak (?:juga )?video.*",
    r"tonton (?:juga )?video.*",
    r"saksikan (?:juga )?video.*",
    r"\[gambas:.*\]",
    r"baca berita (?:lainnya|menarik lainnya).*",
    r"(?:dapatkan|ikuti) (?:update|berita|informasi).*(?:google news|telegram|whatsapp|channel).*",
    r"ikuti (?:kami|kanal|saluran) .*",
    r"ikuti (?:akun )?(?:twitter|instagram|facebook|tiktok|youtube|x) @?\w+ untuk .*",
    r"artikel ini telah (?:tayang|terbit|diterbitkan) di.*",
    r"halaman(?: selanjutnya)?:?\s*(?:\d+\s*)+",
    r"halaman selanjutnya",
    r"selanjutnya\s*>*",
    r"lihat juga:?.*",
    r"copyright ©?.*",
    r"©.*",
    r"share(?: this)?:?",
    r"bagikan(?: artikel)?:?",
    r"loading\.*",
    r"\(\s*\*\s*\)",
    # Social and app promos, comment and share widgets (short lines only: never prose: at most
    # 140 or 80 characters from the first word on). The length check stands AFTER each opening
    # word, shortened by that word's length: placed first it scanned every prose line of the
    # body, four times, before a word was compared (most of the body pass's cost on exports).
    r"(?:follow(?=.{0,134}$)|ikuti(?=.{0,135}$))\b.{0,60}\b(?:twitter|instagram|facebook|tiktok|youtube|google news|line today)\b.*",
    r"(?:download(?=.{0,132}$)|unduh(?=.{0,135}$)) (?:aplikasi|app)\b.*",
    r"klik(?=.{0,136}$) (?:di ?sini|link (?:ini|berikut))\b.*",
    r"(?:tulis(?=.{0,75}$)|beri(?=.{0,76}$)(?:kan)?|kirim(?=.{0,75}$)|lihat(?=.{0,75}$)|tampilkan(?=.{0,71}$)) komentar\b.*",
    r"\d+\s*(?:komentar|comments?|shares?|views?|kali dibaca|dibaca)",
    r"a-\s*a\+",
    r"(?:tweet|email|e-mail|whatsapp|telegram|facebook|twitter|print|cetak|share)(?:\s+\d+)?",
)

# Lines after which the rest of the page is the portal (related lists, comments, footers).
TERMINAL_LINES: tuple[str, ...] = (
    r"berita terkait",
    r"berita lainnya",
    r"berita terpopuler",
    r"terpopuler",
    r"artikel terkait",
    r"rekomendasi(?: untuk anda)?",
    r"komentar",
    r"tag(?:s)?:?",
    r"topik(?: terkait)?:?",
    r"topik pilihan",
    r"(?:berita )?rekomendasi(?: berita)?",
    r"pilihan redaksi",
    r"berita pilihan",
    r"artikel (?:menarik )?lainnya",
    r"related (?:news|articles?|posts?|stories)",
    r"most (?:popular|read|viewed)",
    r"(?:berita )?(?:populer|terkini|terbaru)",
    r"komentar pembaca",
    r"(?:video|foto) (?:pilihan|terkait|terpopuler)",
    r"you may also like",
)

# Header lines naming people: the key decides which Article field gets the name(s).
# Short capitalised words that page widgets print on a line of their own; an all-capitals line
# of two to four letters closing the body that is none of these is the editor's code ("AZF").
WIDGET_WORDS: frozenset[str] = frozenset(
    "top hot new baru live video foto tag tags info ads iklan news baca more menu home".split()
)

PEOPLE_LINES: dict[str, str] = {
    "editor": "editors",
    "redaktur": "editors",
    "penyunting": "editors",
    "penulis": "authors",
    "reporter": "authors",
    "pewarta": "authors",
    "wartawan": "authors",
    "oleh": "authors",
    "kontributor": "authors",
    "koresponden": "authors",
    "laporan": "authors",  # "Laporan: Nama" closing the body (the colon is required there)
}

# Role words that precede a name in people lines ("Kontributor Lhokseumawe, Masriadi").
PEOPLE_ROLE_PREFIXES: tuple[str, ...] = ("kontributor", "koresponden", "wartawan", "reporter", "pewarta")

# A "Sumber:" line names where the story came from (often a wire agency).
SOURCE_LINE_KEYS: tuple[str, ...] = ("sumber",)

# "Baca juga" and its siblings; the title follows after a colon (or inside [bacajuga:…]).
READ_ALSO_KEYS: tuple[str, ...] = (
    "baca juga",
    "baca pula",
    "simak juga",
    "lihat juga",
    "baca selengkapnya",
    "baca",
    "berita terkait",
    "artikel terkait",
    "simak",
)

# Labels printed where a dateline would stand, marking paid or sponsored content
# ("INFO BISNIS - Dengan latar …"): stripped from the text, never taken as a place.
# Lower-case words a title-case headline keeps inside it (``Anwar Usman Diberhentikan sebagai
# Ketua MK``, ``Jokowi Akan ke Papua``): a run-on ``Baca juga: Title Next sentence`` title does
# not end at them. Function words, auxiliaries and particles only: a lower-case verb or noun
# opens the next sentence. (Any other lower-case word of up to five letters is let through too.)
HEADLINE_FUNCTION_WORDS: frozenset[str] = frozenset(
    "di ke dari dan yang ini itu untuk jadi bisa akan ada tak tidak atau vs dengan pada oleh "
    "karena agar saat usai jelang soal kini lagi juga sudah masih belum bagi hingga sampai "
    "makin buat si sang para "
    "sebagai terhadap kepada tentang setelah sebelum antara melalui selama sejak menuju "
    "menjelang daripada bersama seperti sekitar tanpa".split()
)

CONTENT_LABELS: frozenset[str] = frozenset(
    {
        "info bisnis",
        "inforial",
        "advertorial",
        "adv",
        "konten sponsor",
        "konten bersponsor",
        "sponsored content",
        "sponsored",
        "promosi",
        "info iklan",
        "pariwara",
        "rilis pers",
        "siaran pers",
        "press release",
    }
)

# Wire agencies as credits write them → the canonical name warta reports.
AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "ap": "AP",
    "reuters": "Reuters",
    "antara": "Antara",
    "ant": "Antara",
    "xinhua": "Xinhua",
    "anadolu": "Anadolu",
    "aa": "Anadolu",
    "bernama": "Bernama",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "dpa": "DPA",
    "sputnik": "Sputnik",
    "tass": "TASS",
    "bloomberg": "Bloomberg",
    "bbc": "BBC",
    "cnn": "CNN",
    "efe": "EFE",
    "ansa": "ANSA",
    "upi": "UPI",
}

# Outlet names as pages print them (lower-cased) → the outlet's canonical domain.
OUTLETS: dict[str, str] = {
    "kompas.com": "kompas.com",
    "kompas": "kompas.com",
    "kompas.con": "kompas.com",  # a typo printed in real leads
    "kompas.id": "kompas.id",
    "kompas tv": "kompas.tv",
    "kompasotomotif": "kompas.com",
    "kompas otomotif": "kompas.com",
    "kompastekno": "kompas.com",
    "kompas tekno": "kompas.com",
    "kompasiana": "kompasiana.com",
    "kompastv": "kompas.tv",
    "liputan6.com": "liputan6.com",
    "liputan 6": "liputan6.com",
    "liputan6": "liputan6.com",
    "antara": "antaranews.com",
    "antara news": "antaranews.com",
    "antaranews": "antaranews.com",
    "antaranews.com": "antaranews.com",
    "tribunnews.com": "tribunnews.com",
    "tribunnews": "tribunnews.com",
    "tempo.co": "tempo.co",
    "tempo": "tempo.co",
    "detikcom": "detik.com",
    "detik.com": "detik.com",
    "detiknews": "detik.com",
    "detikfinance": "detik.com",
    "detiksport": "detik.com",
    "cnn indonesia": "cnnindonesia.com",
    "cnnindonesia.com": "cnnindonesia.com",
    "okezone": "okezone.com",
    "okezone.com": "okezone.com",
    "sindonews.com": "sindonews.com",
    "sindonews": "sindonews.com",
    "bisnis.com": "bisnis.com",
    "suara.com": "suara.com",
    "viva": "viva.co.id",
    "viva.co.id": "viva.co.id",
    "merdeka.com": "merdeka.com",
    "republika.co.id": "republika.co.id",
    "republika": "republika.co.id",
    "jpnn.com": "jpnn.com",
    "jawapos.com": "jawapos.com",
    "jawapos": "jawapos.com",
    "media indonesia": "mediaindonesia.com",
    "mediaindonesia.com": "mediaindonesia.com",
    "metrotvnews.com": "metrotvnews.com",
    "medcom.id": "medcom.id",
    "idn times": "idntimes.com",
    "idntimes.com": "idntimes.com",
    "kumparan": "kumparan.com",
    "kumparan.com": "kumparan.com",
    "cnbc indonesia": "cnbcindonesia.com",
    "katadata.co.id": "katadata.co.id",
    "wowkeren.com": "wowkeren.com",
    "pos kota": "poskotanews.com",
    "poskotanews": "poskotanews.com",
    "merdeka": "merdeka.com",
    "suara": "suara.com",
    "kapanlagi.com": "kapanlagi.com",
    "fimela.com": "fimela.com",
    "posmetro": "posmetro.co",
    "inews.id": "inews.id",
    "bola.com": "bola.com",
    "beritasatu.com": "beritasatu.com",
}

# Words that name a section when they open a URL path (``/nasional/read/2016/…``); other
# first segments (``/read/``, ``/berita/``, ``/2016/``) name none.
SECTION_WORDS: frozenset[str] = frozenset(
    """
    nasional internasional dunia global regional daerah metro megapolitan jabodetabek ekonomi
    bisnis finansial keuangan market pasar properti otomotif oto tekno teknologi sains olahraga
    sport sports bola sepakbola football hiburan entertainment seleb selebriti showbiz lifestyle
    gaya gayahidup travel wisata kuliner kesehatan health edukasi pendidikan hukum politik
    opini kolom foto video infografis humaniora religi islam syariah jateng jatim jabar
    """.split()
)

# Site names that follow a page title after a separator (`… - Kompas.com`).
TITLE_SITE_SEPARATORS: tuple[str, ...] = (" - ", " | ", " — ", " – ", " :: ")
