"""Processes as data (warta.link.processes): kind and object from a title, pair relation."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from warta.errors import UsageError
from warta.link import processes as pr
from warta.link import stories as st
from warta.model import Article, Entity
from warta.lang.analysis import analyze


def _article(title: str, people: tuple[str, ...] = (), places: tuple[str, ...] = ()) -> Article:
    entities = [Entity(name, "PER") for name in people] + [Entity(n, "LOC") for n in places]
    return Article(title=title, paragraphs=["Isi berita."], entities=entities)


def test_bills_are_named_by_their_cue_or_their_own_name() -> None:
    assert pr.processes(_article("Jokowi Minta Pengesahan RKUHP Ditunda")) == {"bill:kuhp"}
    assert pr.processes(_article("DPR Tunda Pengesahan RUU KUHP")) == {"bill:kuhp"}
    assert pr.processes(_article("Revisi UU KPK Disahkan DPR")) == {"bill:kpk"}
    assert pr.processes(_article("RUU Pemasyarakatan Disepakati")) == {"bill:pemasyarakatan"}


def test_a_protest_is_another_happening_not_a_step() -> None:
    assert pr.processes(_article("Demo Tolak RKUHP di Depan DPR Ricuh")) == frozenset()


def test_a_case_needs_a_step_and_takes_the_person_the_title_names() -> None:
    named = _article("KPK Periksa Imam Nahrawi", people=("Imam Nahrawi",))
    assert pr.processes(named) == {"case:imam nahrawi"}
    short = _article("Imam Dicegah ke Luar Negeri", people=("Imam Nahrawi",))
    assert pr.processes(short) == {"case:imam nahrawi"}
    assert pr.processes(_article("Imam Nahrawi Pamit", people=("Imam Nahrawi",))) == frozenset()


def test_a_selection_takes_the_office_after_its_cue() -> None:
    assert pr.processes(_article("Firli Terpilih Jadi Ketua KPK")) == {"selection:kpk"}
    assert pr.processes(_article("Uji Kelayakan Calon Pimpinan KPK")) == {"selection:kpk"}


def test_relation_same_conflict_and_none() -> None:
    kuhp, kpk = frozenset({"bill:kuhp"}), frozenset({"bill:kpk"})
    case = frozenset({"case:imam nahrawi"})
    assert pr.relation(kuhp, kuhp) == pr.SAME
    assert pr.relation(kuhp, kpk) == pr.CONFLICT
    assert pr.relation(kuhp, case) == pr.NONE
    assert pr.relation(kuhp, case, across_kinds=True) == pr.CONFLICT
    assert pr.relation(kuhp, frozenset()) == pr.NONE


def test_lexicon_lines_are_checked(tmp_path) -> None:
    bad = tmp_path / "p.tsv"
    for text, message in [
        ("bill\tcolour\tred\n", "1: the role must be one of needs, step, cue, named, alias, skip, "
                                "entity, exclude, got 'bill\\tcolour\\tred'"),
        ("# every kind\n*\tverb_affix\tdi\n", "2: a rule of kind '*' must be not_object, verb_affix "
                                            "(a prefix- or -suffix), generic or clause, got "
                                            "'*\\tverb_affix\\tdi'"),
    ]:
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(UsageError) as info:
            pr.lexicon(str(bad))
        assert str(info.value) == f"{bad}:{message}; fix or remove the line"
    extra = tmp_path / "q.tsv"
    extra.write_text("# a comment\n\nstrike\tneeds\tstep\nstrike\tstep\tmogok\n"
                     "strike\tentity\tLOC\n", encoding="utf-8")
    lex = pr.lexicon(str(extra))
    assert pr.processes(_article("Buruh Mogok di Bekasi", places=("Bekasi",)), lex) == {
        "strike:bekasi"}


def test_a_cue_names_its_object_in_its_own_clause() -> None:
    assert pr.processes(_article("Soal Revisi UU, Mahfud Minta KPK Tenang")) == frozenset()
    assert pr.processes(_article("UU yang Baru Disahkan Digugat")) == frozenset()


def _bill(title: str) -> Article:
    body = ["Rapat paripurna DPR di Senayan, Jakarta, membahas rancangan undang-undang itu "
            "bersama Menteri Hukum dan HAM Yasonna Laoly pada Selasa malam.",
            "Sejumlah fraksi menyampaikan catatan atas pasal-pasal yang dipersoalkan "
            "masyarakat sipil sebelum pengambilan keputusan tingkat II."]
    return Article(title=title, paragraphs=body, published=datetime(2019, 9, 17, 10, tzinfo=UTC))


@pytest.mark.parametrize("conflict", [None, "kind"])
def test_story_links_refuse_different_bills_only_when_the_model_says_so(
        conflict: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = st.pair_model()
    monkeypatch.setattr(st, "pair_model", lambda path=None: replace(
        shipped, process_conflict=conflict))
    one, other = _bill("DPR Setujui RKUHP"), _bill("DPR Setujui RUU Pemasyarakatan")
    fa, fb = (st.features(a, analyze(a.title or ""), analyze(a.text)) for a in (one, other))
    assert ("%bill:kuhp" in fa.vector) == (conflict is not None)
    assert st.core(fa.vector) == st.core(st.features(one, analyze(one.title or ""),
                                                     analyze(one.text)).vector)
    score = st.similarity(fa, fb)
    assert (score == -math.inf) == (conflict is not None)
    assert st.similarity(fa, fa) > st.LINK_THRESHOLD


def test_the_head_clause_alone_when_the_lexicon_says_so(tmp_path) -> None:
    title = "Revisi UU KPK Disahkan, Aktivis Bentangkan Poster"
    assert pr.processes(_article(title)) == {"bill:kpk"}
    head = tmp_path / "h.tsv"
    head.write_text(pr.LEXICON_PATH.read_text(encoding="utf-8").replace(
        "*\tclause\tall", "*\tclause\thead"), encoding="utf-8")
    lex = pr.lexicon(str(head))
    assert pr.processes(_article(title), lex) == frozenset()
    assert pr.processes(_article("Soal Jadwal, DPR Tunda RKUHP"), lex) == {"bill:kuhp"}


def test_every_role_the_message_names_is_read(tmp_path) -> None:
    # the refusal lists pr._ROLES: each of them must be a role add_row takes, not a typo
    mine = tmp_path / "r.tsv"
    values = {"needs": "step", "step": "mogok", "cue": "aksi", "named": "buruh=pekerja",
              "alias": "kspi", "skip": "hari", "entity": "loc", "exclude": "demo"}
    assert tuple(values) == pr._ROLES
    mine.write_text("".join(f"strike\t{role}\t{value}\n" for role, value in values.items()),
                    encoding="utf-8")
    kind = pr.lexicon(str(mine)).kinds["strike"]
    assert (kind.needs_step, kind.steps, kind.cues, kind.named, kind.aliases, kind.skips,
            kind.labels, kind.excludes) == (True, {"mogok"}, {"aksi"}, {"buruh": "pekerja"},
                                            {"kspi": "kspi"}, {"hari"}, {"LOC"}, {"demo"})
