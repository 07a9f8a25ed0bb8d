"""The quote stage's words and patterns: cue forms and attribution word classes from
``data/quote_cues.tsv`` and ``data/quote_words.tsv`` (plus one-word places from the NER
gazetteer and weekday/month names from ``data/date_words.tsv``), compiled once
(:func:`quote_lexicon`), and :func:`has_word`, the fast test whether a text holds any word of a
class. Every other ``quote_*`` module reads its words from here; a user extends the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import rows, trie_alternation


def _alt(words: Iterable[str]) -> str:
    """The words as one longest-first alternation, shaped as a trie (``kata(?:nya)?``): the
    same matches as the flat ``katanya|kata|…`` list it replaced (h16speed), since the words
    that match at one place are each a prefix of the next (the lists are lower-cased, so no two
    differ by case alone) and a trie's optional tails are greedy, so the longest is tried first
    and backtracking falls back to the shorter ones in the same order; but ``re`` rejects a
    place after one branch per character instead of trying each of ~100 cue words there
    (``before_verb``'s search ~5x faster). Every use wraps it in a group, so the outer
    ``(?:…)`` changes no precedence."""
    return trie_alternation(words)


class QuoteLexicon:
    """Cue forms and attribution words from ``data/quote_*.tsv``, with compiled patterns."""

    def __init__(self) -> None:
        cues = rows("quote_cues.tsv")
        self.cue_kind: dict[str, str] = {}
        for r in cues:
            self.cue_kind.setdefault(r[0].lower(), r[1])
        words = rows("quote_words.tsv")
        groups: dict[str, set[str]] = {}
        for word, role in ((r[0].lower(), r[1]) for r in words):
            groups.setdefault(role, set()).add(word)
        # frozen: read-only, and hashable, so has_word can key its compiled patterns by them
        self.word_role: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in groups.items()}
        self.pronouns = self.word_role["pronoun"]
        self.stop = self.word_role["stop"]
        self.titles = self.word_role["title"]
        self.orgheads = self.word_role["orghead"]
        self.places = _place_words()
        dates = rows("date_words.tsv")
        self.weekdays = [r[0].capitalize() for r in dates if r[1].startswith("D")]
        # weekday and month names are never a speaker's name, whatever NER says
        self.not_names = frozenset(r[0].lower() for r in dates if r[1][0] in "DM")
        self.deputies = self.word_role["deputy"]
        self.ranks = frozenset(self.word_role.get("rank", set()))
        self.place_nouns = frozenset(self.word_role.get("place_noun", set()))
        # places and the compass words that qualify them: a run of these alone names no one
        self.place_tails = self.word_role.get("place_tail", frozenset()) - self.places
        self.place_words = self.places | self.place_tails
        self.title_leads = frozenset(self.word_role.get("title_lead", set()))
        self.descriptors = self.word_role.get("descriptor", set())
        self.title_parts = self.word_role.get("title_part", set())
        self.subject_leads = self.word_role.get("subject_lead", set())
        self.nonspeakers = self.word_role.get("nonspeaker", set())
        # media and agencies passing on news, matched against the whole subject ('Reuters
        # melaporkan', 'kantor berita Bloomberg menyebut'), not its first word, so a name that
        # only starts with one ('Bloomberg New Energy Finance menyatakan') still speaks
        names = self.word_role.get("nonspeaker_name", frozenset())
        self._nonspeaker_name = re.compile(
            rf"(?:(?:{_alt(self.word_role['nonspeaker_lead'])})\s+)?"
            rf"(?:{_alt(names)})(?:\s+(?:{_alt(self.word_role['adverb'])}))*", re.IGNORECASE) if names else None
        # 'yang akrab disapa Gus Choi': the name a described person is called by
        self.nickname_cue = re.compile(
            rf"\s(?:yang\s+)?(?:{_alt(self.word_role['nickname_cue'])})\s+", re.IGNORECASE)
        # a verb of seeing reports what a witness saw, not a view ('Saksi melihat, pelaku …')
        self.seeing_cues = frozenset(self.word_role.get("seeing_cue", ()))
        self.witnesses = frozenset(self.word_role.get("witness", ()))
        self.purposes = self.word_role.get("purpose", frozenset())
        self.purpose_aims = self.word_role.get("purpose_aim", frozenset())
        self.promo = frozenset(self.word_role.get("promo", set()))
        # a paragraph that ends with a photo credit ('… . Foto: REUTERS/…', '(Foto: Antara)') is a caption
        credits = self.word_role.get("caption_credit")
        # (searched only in a paragraph's last 120 characters holding a colon)
        self.caption = re.compile(rf"(?:^|[.!?]\s+|\(\s*)(?:{_alt(credits)})\.?\s*:\s*\S[^\n]{{0,80}}$",
                                  re.IGNORECASE) if credits else None
        self.relatives = self.word_role["relative"]
        self.copulas = self.word_role.get("copula", frozenset())
        self.introducers = self.word_role.get("introducer", frozenset())
        self.guest_words = self.word_role.get("guest", frozenset())
        self.list_words = self.word_role.get("list", frozenset())
        # 'pesepak bola asal Blitar': a place of origin closes a description, with the comma
        # segments of capitalised words that continue its address ('asal Depok, Jawa Barat')
        self.origin = re.compile(rf"\s(?:{_alt(self.word_role['origin'])})\s+[A-Z][^,]*"
                                 r"(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*,?\s*$")
        self.passive = re.compile(rf"(?<!\w)(?P<cue>{_alt(self.word_role.get('passive_cue', ()))})\s+(?=[A-Z])")
        # a subject that describes a person already named ('Politikus PPP itu')
        self.description = re.compile(
            rf"^\s*\S+(?:\s+\S+){{0,7}}\s(?:{_alt(self.word_role['demonstrative'])})\s*$", re.IGNORECASE)
        # a sentence opening with such a description as the subject of any verb ('Siswi SMA X
        # tersebut memecahkan rekor …'): the article's apposition for the person it points back at
        # (matched at sentence starts only: .match)
        self.described_subject = re.compile(
            rf"(?P<subj>[A-Z][\w'’-]*(?:\s+[^\s,.;:!?“”\"()]+){{1,7}}?"
            rf"\s(?:{_alt(self.word_role['demonstrative'])}))\s+(?=[a-z])")
        # the quick test before reading a paragraph's sentence starts for one: a demonstrative
        # before a lower-case word somewhere in it (a third of news paragraphs)
        self.demonstrative_then_word = re.compile(rf"\s(?:{_alt(self.word_role['demonstrative'])})\s+[a-z]")
        self.anaphoric = re.compile(rf"^\s*[a-z][^,]*\s(?:{_alt(self.word_role['demonstrative'])})\s*$")
        # a bare speech verb needs a subject that ends in a name or pronoun (adverbs may follow)
        self.subject_end = re.compile(rf"(\S+)\s+(?:(?:{_alt(self.word_role['adverb'])})\s+)?$")
        self.date_segment = re.compile(rf"^\s*(?:(?:{_alt(self.weekdays)})\b|\(|\d)")
        self.complementizer_alt = _alt(self.word_role["complementizer"])
        self.complementizer = re.compile(rf"\b(?:{self.complementizer_alt})\b", re.IGNORECASE)
        # a form may have two kinds: 'bilang' follows a quote ('…, bilang Budi') and leads
        # reported speech ('Dia bilang, …'); cue_kind keeps the first, for carry-over
        post = sorted({r[0].lower() for r in cues if r[1] in ("post", "carry")})
        verbs = sorted({r[0].lower() for r in cues if r[1] == "verb"})
        # Set look-ups decide whether the (slower) attribution patterns need to run at all.
        self.verb_words = frozenset(verbs)
        # (a cue of several words, 'memberikan penegasan', is looked up by its last word: the
        # look-up matches single words only, and the first is often a common verb)
        self.cue_words = frozenset([*post, *verbs, *self.word_role["menurut"], *self.word_role["menurut_carry"],
                                    *self.word_role.get("passive_cue", ()), *self.word_role.get("attr_verb", ()),
                                    *(v + "nya" for v in self.word_role.get("attr_verb", ())),
                                    *(c.split()[-1] for c in [*post, *verbs] if " " in c)])
        # words that never start a person's name ('Menurut Mahfud' is Mahfud)
        # and sentence openers a tagger glues to the name after them ('Alhasil Saiful')
        self.openers = frozenset(self.word_role.get("opener", ()))
        self.never_names = frozenset(self.cue_words | self.word_role["menurut"] | self.openers)
        # 'warga Karah, Jambangan': where a person lives, never a name (origin words count too)
        self.residents = frozenset([*self.word_role.get("resident", ()), *self.word_role.get("origin", ())])
        # a speaker named by one word right after a cue ('kata Jumawan.', 'Menurut Sutarno,'):
        # how the article refers to the person, even where the tagger missed the name (a set
        # look-up on the word before the name; a cue of several words a user may add to the
        # data still attributes quotes, it only does not feed these references)
        self.one_word_cues = frozenset(c for c in [*post, *self.word_role["menurut"]] if " " not in c)
        # who the passage is about: a name takes over '-nya' cues only as the subject of a speech
        # verb ('Budi menyayangkan …'), the agent of a passive cue ('diungkapkan Budi') or after
        # a word that gives a view ('Menurut Budi', 'Bagi Budi'); data: speaker_verb, view_lead
        self.speaker_verbs = frozenset([*verbs, *self.word_role.get("speaker_verb", ())])
        self.speaker_leads = frozenset([*(r[0].lower() for r in cues if r[1] == "post"),
                                        *self.word_role["menurut"], *self.word_role.get("view_lead", ())])
        self.not_verbs = frozenset(self.word_role.get("not_verb", ()))
        self.quantifiers = frozenset(self.word_role.get("quantifier", ()))
        self.plurals = frozenset(self.word_role.get("plural", ()))
        # a cue verb anywhere in a sentence: its subject speaks even where no quote is reported
        self.speech_verb = re.compile(rf"(?<!\w)(?:{_alt(verbs)})(?!\w)", re.IGNORECASE)
        # 'Saiful Tomi selaku Ketua Tim Pemenangan …': a word that introduces the office after a name
        self.office_after = re.compile(
            rf"\s+(?:{_alt(self.word_role.get('office_link', ()))})\s+([^,.;:!?“”\"]+)", re.IGNORECASE)
        # 'Budi, yang juga menjabat sebagai Ketua …,', 'kata Budi yang juga Ketua …', 'Budi
        # merupakan Ketua …': a relative clause or a predicate that gives the office after a name
        adverbs = _alt(self.word_role.get("office_adverb", ()))
        links = _alt(self.word_role.get("copula", set()) | self.word_role.get("office_verb", set())
                     | self.word_role.get("office_link", set()))
        self.office_clause = re.compile(
            rf"(?:\s*,\s*yang|\s+yang|(?=\s+(?:(?:{adverbs})\s+)*(?:{links})\s))"
            rf"(?:\s+(?:{adverbs}))*(?:\s+(?:{links}))*\s+(?=\S)", re.IGNORECASE)
        self.next_attribution = self._next_attribution()
        # the capitals such a sentence can open with: one set look-up rules out most sentences
        self.attribution_initials = frozenset(
            w[:1].upper() for w in [*self.word_role.get("attr_lead", ()), *self.word_role.get("attr_noun", ())]
        ) if self.next_attribution is not None else frozenset()
        self._direct_patterns(post, verbs)
        self._indirect_patterns(post, verbs)

    def _next_attribution(self) -> re.Pattern[str] | None:
        """A sentence that attributes the statement before it (``Hal itu disampaikan Ketua …``,
        ``Demikian dikemukakan Budi``, ``Pernyataan tersebut juga diungkapkan oleh …``): a pointer
        (data ``attr_lead``, or ``attr_noun`` + ``demonstrative``), adverbs (``attr_also`` words
        among them), a passive speech verb (``attr_verb``, ``-nya``: the passage's speaker), then
        the speaker, capitalised, after an optional agent word (``attr_agent``) and a date
        (``Selasa (4/2) oleh …``, ``pada Selasa oleh …``: data ``attr_date_lead``; group ``date``; weekday and month names from ``date_words.tsv``),
        which is skipped, not read as the speaker. A class with no rows leaves its part out: no
        Indonesian word stands in for it here. Matched at a sentence's start only (``.match``), so
        it costs a few characters per sentence. The speaker runs to the sentence's end, past an
        initial's stop (``Agus D.W. Martowardojo``)."""
        role = self.word_role
        if not role.get("attr_verb") or not (role.get("attr_lead") or role.get("attr_noun")):
            return None
        # a class with no rows leaves its part out: no Indonesian word stands in for it here
        pointers = [_alt(role["attr_lead"])] if role.get("attr_lead") else []
        if role.get("attr_noun"):
            pointers.append(rf"(?:{_alt(role['attr_noun'])})\s+(?:{_alt(role['demonstrative'])})")
        agent = rf"(?:\s+(?i:{_alt(role['attr_agent'])}))?" if role.get("attr_agent") else ""
        # 'Demikian pula disampaikan …': an 'also' word stands where an adverb may
        adverbs = _alt(role["adverb"] | role.get("attr_also", frozenset()))
        return re.compile(
            rf"(?i:(?:{'|'.join(pointers)})(?:\s+(?:{adverbs})){{0,2}}\s+(?P<cue>{_alt(role['attr_verb'])})"
            rf"(?P<nya>nya)?(?!\w)){agent}{self._date_lead(agent)}"
            rf"(?:\s+(?P<rest>[A-Z](?:[^.!?;:“”\"]|(?<=\b[A-Z])\.)*))?")

    def _date_lead(self, agent: str) -> str:
        """An optional date before the speaker an attributing sentence names, then an optional
        agent word: a weekday, then bracketed dates, numbers and month names (``Selasa (4/2)``,
        ``Senin, 3 Februari 2020,``); empty when the date data has no weekday."""
        if not self.weekdays:
            return ""
        months = _alt(sorted({w.capitalize() for w in self.not_names} - set(self.weekdays)))
        part = rf"\s*\([^()]{{1,30}}\)|,?\s*\d[\d/.-]*|,?\s+{months}\b"
        lead = self.word_role.get("attr_date_lead")
        opening = rf"(?i:{_alt(lead)})\s+" if lead else ""
        return rf"(?:\s+(?P<date>(?:{opening})?{_alt(self.weekdays)}\b(?:{part})*,?){agent})?"

    def _direct_patterns(self, post: list[str], verbs: list[str]) -> None:
        """Attributions next to a quotation: after the closing mark or before the opening one."""
        complementizer = self.complementizer_alt
        # after a closing mark: ', ” kata juru bicara NATO Oana Lungescu.' / ' tuturnya.'
        role = self.word_role
        # '“…,” bunyi pernyataan FA': a statement noun after 'bunyi' stands for a post cue
        written = (rf"|(?:{_alt(role['statement_lead'])})\s+(?:{_alt(role['statement_noun'])})"
                   rf"(?:\s+(?:{_alt(role.get('statement_adjective', ()))}))?") if role.get("statement_lead") \
            and role.get("statement_noun") else ""
        self.after = re.compile(
            rf"^[\s,]*(?:(?:{_alt(role['cue_lead'])})\s+)?(?P<cue>{_alt(post)}{written})(?!\w)(?P<rest>[^.!?;:“”\"]*)",
            re.IGNORECASE,
        )
        # after a closing mark, subject first: '” Lungescu mengatakan.'
        self.after_subject = re.compile(
            rf"^[\s,]*(?P<subj>[^.!?;“”\"]{{1,80}}?)\s+(?P<cue>{_alt(verbs)})(?!\w)\s*[.,]", re.IGNORECASE
        )
        # before an opening mark: 'Lungescu mengatakan, “' / 'kata Lungescu: “'
        self.before_verb = re.compile(
            rf"(?P<subj>[^.!?;“”\"]{{1,120}}?)\s+(?P<cue>{_alt(verbs)})(?:\s+(?:{complementizer}))?\s*[,:]?\s*$",
            re.IGNORECASE,
        )
        # how every before_verb match ends (from the blank before the cue): one linear search
        # rules out most clauses, where before_verb tries its lazy subject from every start
        self.before_verb_end = re.compile(
            rf"\s(?:{_alt(verbs)})(?:\s+(?:{complementizer}))?\s*[,:]?\s*$", re.IGNORECASE)
        self.before_post = re.compile(
            rf"(?:^|[\s,])(?P<cue>{_alt(post)})\s+(?P<rest>[^.!?;“”\"]{{1,100}}?)\s*[,:]\s*$", re.IGNORECASE
        )
        weekdays = _alt(self.weekdays)
        # '(' ends the phrase only before a date or an age: 'Aji (34)', 'Senin (4/5/2020)';
        # an acronym in brackets belongs to the role: 'Lembaga Ilmu Pengetahuan Indonesia (LIPI)'
        # Case-sensitive: 'Menteri Dalam Negeri' is a role, 'dalam rapat' ends the phrase. Commas
        # do not end it ('Kepala Dusun X, Kelurahan Y, Wahyu Wibowo'); see fallback_name.
        self.stop_split = re.compile(
            rf"\s(?:{_alt(self.word_role['stop'])})(?!\w)|\s\((?![A-Z][^,()\d]*\))|,?\s+(?:{weekdays})\b"
        )

    def _indirect_patterns(self, post: list[str], verbs: list[str]) -> None:
        """Reported speech outside quotation marks."""
        complementizer = self.complementizer_alt
        menurut = _alt([*self.word_role["menurut"], *self.word_role["menurut_carry"]])
        self.menurut = re.compile(rf"(?:^|,\s*)(?P<cue>{menurut})(?P<rest>[^,.;]{{0,100}})(?:,\s*|$)", re.IGNORECASE)
        # indirect, subject first: 'Rumania … mengatakan bahwa mereka siap …'
        # (the verb must be followed by 'bahwa', a comma or a colon: 'menolak untuk mengakui
        # Ukraina' or 'menjelaskan hal itu' are not reported speech)
        self.verb_in_sentence = re.compile(
            rf"(?<!\w)(?P<cue>{_alt(verbs)})(?!\w)(?:\s+(?:{_alt(self.word_role['addressee'])})\s[^,.;]{{1,40}}?)?"
            rf"(?:\s+(?:{_alt(self.word_role['manner'])})\s+\w+(?=\s+(?:{complementizer})\b))?"
            rf"(?:\s+(?:{complementizer})\b|\s*[,:])\s*",
            re.IGNORECASE,
        )
        # 'Budi menjelaskan pasokan aman' — core speech verbs report speech without a comma,
        # unless an object follows ('menjelaskan hal itu', 'mengatakan kepada wartawan')
        bare = self.word_role["bare_verb"]
        not_content = self.word_role["not_content"]
        self.bare_verb = re.compile(
            rf"(?<!\w)(?P<cue>{_alt(bare)})\s+(?!(?:{_alt(not_content)})(?!\w))(?=[A-Za-z])", re.IGNORECASE
        )
        # 'Wasisto menilai hal tersebut tidak …', 'dia menyebut ini baru akan …': a not_content
        # word that is the reported clause's subject, told from an object ('menjelaskan hal itu
        # kepada wartawan') by a predicate word within the next few words of the clause
        subjects = self.word_role.get("content_subject", frozenset())
        predicates = self.word_role.get("predicate", frozenset())
        self.bare_subject = re.compile(
            rf"(?<!\w)(?P<cue>{_alt(bare)})\s+(?=(?:{_alt(subjects)})(?!\w))", re.IGNORECASE
        ) if subjects and predicates else None
        stops = self.word_role["clause_stop"]
        self.predicate_ahead = re.compile(
            rf"(?:(?!(?:{_alt(stops)})(?!\w))[^\s,.;:!?“”\"]+\s+){{1,4}}(?:{_alt(predicates)})(?!\w)",
            re.IGNORECASE) if predicates else None
        # 'Menurutnya tak ada keraguan …': a carried 'menurut' word with no comma after it
        # or a carried cue opening the sentence before a comma: 'Lanjutnya, Megawati …'
        # ('Katanya, …' is left out: it also means 'reportedly')
        carried = [c for c in post if self.cue_kind.get(c) == "carry" and c != "katanya"]
        self.menurut_bare = re.compile(
            rf"^(?:(?P<cue>{_alt(self.word_role['menurut_carry'])})\s+(?=[a-z])"
            rf"|(?P<lead>{_alt(carried)})\s*,\s*(?=\S))", re.IGNORECASE)
        # a post cue between commas inside the sentence: 'Jokowi, kata Sri Radjasa, butuh …' /
        # 'Padahal, kata dia, Jokowi merupakan …' / 'PKR, sambung Tuntas, dibentuk …'; or
        # opening it, like 'Menurut': 'Kata Baidowi, ide hak angket …' (h14quote)
        self.mid_post = re.compile(
            rf"(?:^|,)\s*(?P<cue>{_alt(post)})(?!\w)(?P<rest>[^,.!?;:“”\"]{{1,60}}?)\s*,\s*(?=\S)", re.IGNORECASE)
        self.leads = frozenset([*self.word_role["subject_lead"], *self.word_role["adverb"],
                                *self.word_role.get("connective", ()), *self.stop,
                                *self.word_role["demonstrative"]])
        # indirect, content first: '…, kata Budi.' / '…, ujarnya.'
        self.tail_post = re.compile(
            rf",\s*(?P<cue>{_alt(post)})(?!\w)(?P<rest>[^,.!?;]{{0,100}})[.!?]?\s*$", re.IGNORECASE
        )


def _place_words() -> frozenset[str]:
    """One-word place names from the NER gazetteer (``Klaten`` in ``Bupati Klaten Sri Mulyani``)."""
    try:
        places = rows("gazetteer_loc.txt")
    except FileNotFoundError:  # the NER data is optional for quotes
        return frozenset()
    return frozenset(r[0].lower() for r in places if " " not in r[0])


@lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    return QuoteLexicon()


_WORDS = re.compile(r"\w+")


def is_nonspeaker(subject: str, lex: QuoteLexicon) -> bool:
    """Whether a subject or a phrase after a cue is a source that is no speaker: one opening
    with a ``nonspeaker`` word (``Laporan BPS``, ``data dari …``), or, whole, a
    ``nonspeaker_name`` medium (``Reuters``, ``kantor berita Bloomberg``, ``AFP juga``)."""
    words = subject.split()
    if not words:
        return False
    if words[0].lower() in lex.nonspeakers:
        return True
    whole = subject.strip().strip(",.:;").strip()
    return lex._nonspeaker_name is not None and lex._nonspeaker_name.fullmatch(whole) is not None


def has_word(text: str, words: frozenset[str] | set[str]) -> bool:
    """Whether any of ``words`` occurs in ``text`` (case-insensitive)."""
    # one C search for the words as whole \w-runs instead of a list of all of the text's
    # words and a set test (this runs ~20 times per article; ~0.1 ms less): the same answer.
    # The lexicon's sets are frozen; another set is frozen here to key the pattern cache.
    pattern = _word_pattern(words if isinstance(words, frozenset) else frozenset(words))
    return pattern is not None and pattern.search(text.lower()) is not None


@lru_cache(maxsize=64)
def _word_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """``words`` that are one run of word characters each (no other can equal a word of
    the text), as a trie between word boundaries; ``None`` when there are none."""
    single = [w for w in words if _WORDS.fullmatch(w)]
    return re.compile(rf"\b{trie_alternation(single)}\b") if single else None
