"""Furniture sentences of flattened exports found in round 3 of issue 10: calls to click a
lost link, and a press release's social-media promo whose web addresses hold dots."""

from __future__ import annotations

from warta.parse.flatten import flatten


def test_call_to_click_sentence_goes_whole() -> None:
    flat = flatten(["Mobil itu ikonik buatan Italia.", "Untuk mengetahui daftar lengkapnya, klik link berikut"])
    assert flat.paragraphs == ["Mobil itu ikonik buatan Italia."]


def test_click_here_inside_a_sentence() -> None:
    flat = flatten(["Pendaftaran bisa melalui tautan berikut ini klik di sini. Acara digelar Sabtu."])
    assert flat.paragraphs == ["Acara digelar Sabtu."]


def test_social_promo_sentence_with_web_addresses() -> None:
    flat = flatten([
        "Ia siap bertarung, urainya. Untuk informasi terbaru tentang liga itu, kunjungi www.contoh.com, "
        "ikuti kami di Twitter dan Instagram @contoh, dan sukai kami di Facebook https://www.facebook.com/contoh."
    ])
    assert flat.paragraphs == ["Ia siap bertarung, urainya."]


def test_prose_about_clicking_stays() -> None:
    text = "Warga cukup mengeklik tombol di aplikasi untuk melapor."
    assert flatten([text]).paragraphs == [text]


def test_social_account_promo_sentence() -> None:
    flat = flatten(["Tiket dijual mulai 20 September. Ikuti akun instagram @contohacara untuk informasi tiket."])
    assert flat.paragraphs == ["Tiket dijual mulai 20 September."]


def test_campaign_hashtag_line_goes_but_hashtag_in_prose_stays() -> None:
    flat = flatten(["Riasan mata itu memukau para tamu.", "#BeraniTampil bersama Contoh"])
    assert flat.paragraphs == ["Riasan mata itu memukau para tamu."]
    prose = "Yuk, bangun mental #BeraniTampil dalam diri kita."
    assert flatten([prose]).paragraphs == [prose]
