"""Closing-credit codes that name an outlet (``(kmp)``, ``(viva)``): registry data, not code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.model import Credits
from warta.parse import lexicon, outlets, parse
from warta.parse.anatomy import canonical_outlet, split_credit


@pytest.mark.parametrize(
    ("paragraph", "rest", "credits"),
    [
        ("Rumah itu terbakar habis. (kmp)", "Rumah itu terbakar habis.", Credits(["kompas.com"], ["kmp"])),
        ("Rumah itu terbakar habis. (KMP)", "Rumah itu terbakar habis.", Credits(["kompas.com"], ["KMP"])),
        ("Laga berakhir imbang. (viva)", "Laga berakhir imbang.", Credits(["viva.co.id"], ["viva"])),
        ("Laga berakhir imbang. (azr/nvl/dtk)", "Laga berakhir imbang.",
         Credits(["detik.com"], ["azr", "nvl", "dtk"])),
        ("Laga berakhir imbang. (ant/trb)", "Laga berakhir imbang.", Credits(["Antara", "tribunnews.com"], ["trb"])),
        # An agency code was already a credit; an editor's code stays a code only.
        ("Laga berakhir imbang. (ant)", "Laga berakhir imbang.", Credits(["Antara"], [])),
        ("Laga berakhir imbang. (rsa)", "Laga berakhir imbang.", Credits([], ["rsa"])),
    ],
)
def test_a_closing_code_of_a_registered_outlet_names_the_outlet(paragraph: str, rest: str, credits: Credits) -> None:
    assert split_credit(paragraph, closing=True) == (rest, credits)


def test_a_word_in_brackets_inside_prose_is_still_no_credit() -> None:
    # The decision whether a bracket is a credit is unchanged: the code only names the outlet after.
    assert split_credit("Ia menonton (viva) di rumah", closing=False) == ("Ia menonton (viva) di rumah", None)


def test_an_export_row_reprinted_from_an_outlet_credits_it() -> None:
    article = parse({
        "judul": "Kebakaran di Pasar Lama",
        "isi": "MEDAN - Api melalap sepuluh kios di Pasar Lama pada Senin malam. "
               "Petugas memadamkan api setelah dua jam, kata warga setempat. (trb)",
        "url": "https://posmetro-medan.com/2019/09/11/kebakaran-di-pasar-lama",
    })
    assert article.credits == Credits(["tribunnews.com"], ["trb"])
    assert article.paragraphs == ["Api melalap sepuluh kios di Pasar Lama pada Senin malam. "
                                  "Petugas memadamkan api setelah dua jam, kata warga setempat."]


def test_a_text_page_reprinted_from_an_outlet_credits_it() -> None:
    page = ("Kebakaran di Pasar Lama\n\n"
            "MEDAN - Api melalap sepuluh kios di Pasar Lama pada Senin malam.\n\n"
            "Petugas memadamkan api setelah dua jam, kata warga setempat. (kmp)\n")
    article = parse(page, format="text")
    assert article.credits == Credits(["kompas.com"], ["kmp"])
    assert article.paragraphs[-1] == "Petugas memadamkan api setelah dua jam, kata warga setempat."


def test_a_user_file_adds_codes_and_a_new_entry_wins_a_shared_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "codes.json"
    extra.write_text(json.dumps({"outlets": [
        {"domain": "rmol.id", "names": ["RMOL"], "credit_codes": ["rmol"]},
        {"domain": "kompas.com", "credit_codes": ["kcm"]},
        {"domain": "kabarmedan.id", "credit_codes": ["viva"]},
    ]}), "utf-8")
    monkeypatch.setenv(outlets.ENV, str(extra))
    assert split_credit("Teks selesai. (rmol)", closing=True) == ("Teks selesai.", Credits(["rmol.id"], ["rmol"]))
    assert split_credit("Teks selesai. (kcm)", closing=True) == ("Teks selesai.", Credits(["kompas.com"], ["kcm"]))
    assert split_credit("Teks selesai. (kmp)", closing=True) == ("Teks selesai.", Credits(["kompas.com"], ["kmp"]))
    assert split_credit("Teks selesai. (viva)", closing=True) == ("Teks selesai.", Credits(["kabarmedan.id"], ["viva"]))
    assert outlets.registry().profile("kompas.com").credit_codes == ["kmp", "kompas", "kcm"]  # type: ignore[union-attr]


def test_shipped_codes_are_unambiguous_and_no_agency_code() -> None:
    claimed: dict[str, str] = {}
    for outlet in outlets.load().outlets.values():
        for code in outlet.credit_codes:
            assert code == code.lower(), code
            assert code not in claimed, (code, claimed.get(code), outlet.domain)
            assert code not in lexicon.AGENCIES, code
            claimed[code] = outlet.domain
    assert claimed["kmp"] == "kompas.com" and claimed["trb"] == "tribunnews.com" and claimed["viva"] == "viva.co.id"


def test_a_reprint_from_rmol_credits_the_shipped_outlet(monkeypatch: pytest.MonkeyPatch) -> None:
    # CLICK-ID's posmetro-medan.com rows close reprints of Rakyat Merdeka Online with "(rmol)".
    monkeypatch.delenv(outlets.ENV, raising=False)
    assert split_credit("Teks selesai. (rmol)", closing=True) == ("Teks selesai.", Credits(["rmol.id"], ["rmol"]))
    assert canonical_outlet("RMOL") == "rmol.id"
    assert canonical_outlet("Rakyat Merdeka Online") == "rmol.id"
