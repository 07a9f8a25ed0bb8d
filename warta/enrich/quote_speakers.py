"""Who speaks: :class:`Attributor` resolves an attribution phrase (role + name) to a
speaker, and finds the passage's speaker that pronouns and ``-nya`` cues carry over to — the
last person attributed, or a person named since who speaks in their clause (the subject of a
speech verb, ``Menurut``/``Bagi`` X, a person introduced with an office or an age) — not a
person the passage only talks about."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Entity
from .quote_known import KnownSpeakers, Who
from .quote_lexicon import has_word, is_nonspeaker
from .quote_names import ORG_LINKS, fallback_name, looks_like_name, office_without_name, segment_name, word_offset
from .quote_offices import AGE, ROLE_LINKS, VERB_LIKE, mention_role
from .quote_roles import clean_role, is_common_word, organisation_as_whole, referred_cut, written_apart_cut


_NICKNAME = re.compile(r",?\s+sapaan(?:\s+akrab(?:nya)?)?\s+")
# a word of an organisation's name: capitalised or an acronym (no comma, bracket or lower-case word)
_ORG_WORD = re.compile(r"[A-Z][\w'’.-]*")


# the rest of a name's clause (to the sentence's end) and the asides in it: brackets, dashes;
# an active verb by its prefix ('memilih', 'bergerak'; data not_verb: 'bersama', 'berusia')
_ACTIVE_VERB = re.compile(r"(?:me|ber)[a-z]{3,}")


# a capitalised name and an age in brackets opening a clause ('Juli (55), wisatawan asal …')
_AGED_NAME = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,3})(?P<age>\s*\(\s*\d{1,3}"
                        r"(?:\s*(?:tahun|th))?\s*\))")
_DESCRIBED = re.compile(r",\s+(?P<first>[a-z]+)\s")  # 'Ruli, salah satu peserta, …'
_CLAUSE_REST = re.compile(r"[^.!?;:\u201c\u201d\"]*")
ASIDE = re.compile(r"\([^()]*\)|\s[\u2014\u2013-]\s[^\u2014\u2013]*?\s[\u2014\u2013-]\s")


# a sentence that opens with a capitalised run (an office, then a name) and goes on with a
# lower-case word: 'Wali Kota Manado Vicky Lumentut meminta …'
_TITLED_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s))(?P<run>(?:[A-Z][\w'’.-]*\s+){3,12})(?P<next>[a-z]+)")


# where a sentence ends and the next starts ('… rekor. Siswi SMA …')
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")


class Attributor(KnownSpeakers):
    """Resolves attribution phrases to speakers, in reading order: the phrase next to a
    quote, and the passage's speaker that pronouns and ``-nya`` cues carry over."""

    def carry(self, written: str | None = None, at: tuple[int, int] | None = None) -> Who | None:
        """The person ``tuturnya`` / ``kata dia`` refers to.

        The most recent speaker, unless a person was named (outside quotes) between that
        speaker's attribution and ``at``: news introduces the next speaker in a plain sentence
        (``Wimboh berharap …`` / ``Bagi Toto, …``, ``Hal serupa diungkapkan Budi.``, or a
        sentence opening with an office and a name the tagger missed) and then quotes them
        with ``katanya``.
        """
        newer = self._person_between(self.state.last_at, at) if at is not None else None
        untagged = self._untagged_subject_between(self.state.last_at, at) if at is not None else None
        aged = self._aged_name_between(self.state.last_at, at) if at is not None else None
        if aged is not None and (untagged is None or aged[0] > untagged[0]):
            untagged = aged
        if untagged is not None and (newer is None or untagged[0] > newer[0]):
            return untagged[1] if written is None else replace(untagged[1], mention=written)
        if newer is not None:
            # a short form ('Risma') is the person named in full earlier ('Tri Rismaharini')
            name = self._canonical(newer[1].name) if " " not in newer[1].name else newer[1].name
            return Who(name, written or newer[1].name, self.role_of(name))
        last = self.state.last
        if last is None:
            # nobody has spoken yet and no subject was named: the latest person named at all
            # ('Berdasarkan laporan … oleh Kepala Bidang … Dwi Oktavia, ada 575 kasus. “…,” katanya');
            # a plural pronoun ('Menurut mereka') is no one person
            plural = written is not None and written.lower() in self.lex.plurals
            who = self.recent_person(*at) if at is not None and not plural else None
            return replace(who, mention=written) if who is not None and written else who
        return Who(last.name, written or last.mention, last.role)

    def learn_descriptions(self, p: int, lo: int, hi: int) -> None:
        """Read the sentences of ``paragraphs[p][lo:hi]`` that open with a description pointing
        back at a person (an office or descriptor word first, a demonstrative last: ``Siswi SMA
        IGN Slamet Riyadi Jakarta tersebut memecahkan rekor …``), whatever their verb: the
        description is the article's apposition for the passage's person (:meth:`carry`), whose
        office it becomes when none is known (:meth:`_described`), for their quotes later on."""
        text = self.paragraphs[p]
        if self.lex.demonstrative_then_word.search(text, lo, hi) is None:
            return
        # sentence starts first, and the description pattern only where an office word opens one
        for k in [lo, *(b.end() for b in _SENTENCE_BREAK.finditer(text, lo, hi))]:
            first = text[k : k + 40].split(None, 1)
            low = first[0].lower() if first else ""
            if not first or not first[0][:1].isupper() or not (low in self.lex.titles or low in self.lex.descriptors):
                continue
            m = self.lex.described_subject.match(text, k, hi)
            if m is None or self._quoted(p, k) or self._entity_in(self.state.persons, p, k, m.end("subj")) is not None \
                    or self.description_office(m["subj"]) is None:
                continue  # (the office first: finding the person it points back at costs more)
            if self._persons_named_before(p, k) > 1:
                continue  # 'Aulia Rahma dan Budi Santoso hadir …': which of them it describes is unknown
            self._described(self.carry(m["subj"], (p, k)), m["subj"])

    def _persons_named_before(self, p: int, k: int) -> int:
        """How many persons the sentence before ``paragraphs[p][k]`` names (the paragraph's
        sentence before it, or the last sentence of the paragraph before)."""
        starts = [b.end() for b in _SENTENCE_BREAK.finditer(self.paragraphs[p], 0, k) if b.end() < k]
        if k > 0:
            lo = (p, starts[-1] if starts else 0)
        elif p > 0:
            prev = self.paragraphs[p - 1]
            breaks = [b.end() for b in _SENTENCE_BREAK.finditer(prev.rstrip())]
            lo = (p - 1, breaks[-1] if breaks else 0)
        else:
            return 0
        return len({ent.name for mp, ms, _, ent in self.state.persons if lo <= (mp, ms) < (p, k)})

    def continued(self, at: tuple[int, int]) -> Who | None:
        """The organisation whose quoted statement an unattributed quotation at ``at`` goes on
        with: news prints a body's statement (``“…,” bunyi pernyataan FA``) over several quoted
        paragraphs with no cue after the first. Only when that organisation spoke after the last
        person did and no person was named as a subject since."""
        body, since = self.state.last_body, self.state.last_body_at
        if body is None or self.state.last is not None and self.state.last_at > since or not since < at:
            return None
        if self._person_between(since, at) or self._subject_between(since, at) \
                or self._untagged_subject_between(since, at) or self._aged_name_between(since, at):
            return None
        return body

    def _subject_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> bool:
        """Whether a tagged person is the subject of a sentence between ``lo`` and ``hi``,
        whatever the verb (``Pelatih Erik ten Hag menolak berkomentar.``): the passage has
        moved to them, and an organisation's statement is not carried past them."""
        return any(lo < (mp, ms) < hi and mp not in self.captions and not self._quoted(mp, ms)
                   and self._subject_position(mp, ms) for mp, ms in self.tagged_persons)

    def _untagged_subject_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], Who] | None:
        """The latest sentence between ``lo`` and ``hi`` that opens with an office and a name
        the tagger missed (``Wali Kota Manado Vicky Lumentut meminta …``): its person, who
        takes a ``tuturnya`` that follows, as a tagged subject would."""
        best = None
        for p in range(lo[0], min(hi[0], len(self.paragraphs) - 1) + 1):
            text = self.paragraphs[p]
            if p in self.captions or not has_word(text, self.lex.titles):
                continue
            for m in _TITLED_SUBJECT.finditer(text):
                at = (p, m.start("run"))
                if not lo <= at < hi or self._quoted(p, m.start("run")) or m["run"].split()[0].lower() not in self.lex.titles:
                    continue
                if not (VERB_LIKE.fullmatch(m["next"]) or m["next"] in self.lex.cue_words
                        or m["next"] in self.lex.word_role["adverb"]):
                    continue  # 'Kepala Bidang Kedokteran dan …': the run goes on, no subject ends here
                if self._entity_in(self.state.persons, p, m.start("run"), m.end("run")) is not None:
                    continue  # tagged: _person_between has it
                span = segment_name(m["run"], self.lex, self.references)
                if span is None or span[1] < len(m["run"].rstrip()) or span[2]:
                    continue  # the name must end the run, after the office
                ms = m.start("run") + span[0]
                name = text[ms : m.start("run") + span[1]]
                who = self._who(self._canonical(name), name, text, m.start("run"), m.end("run"), ms,
                                m.start("run") + span[1])
                best = (at, who)
        return best

    def _aged_name_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], Who] | None:
        """The latest person between ``lo`` and ``hi`` introduced by a name the tagger missed
        and an age in brackets, as a subject or after a copula (``Restu Iryanti (30), pegawai
        di sebuah perusahaan, masih …``, ``Salah satunya adalah Sumiyati (52).``): a resident or
        witness the passage now quotes (see :meth:`_introduced`)."""
        best = None
        for p in range(lo[0], min(hi[0], len(self.paragraphs) - 1) + 1):
            text = self.paragraphs[p]
            if "(" not in text or p in self.captions:
                continue
            for m in _AGED_NAME.finditer(text):
                at = (p, m.start("name"))
                if not lo <= at < hi or self._quoted(p, m.start("name")) or self._passive_after(p, m.end("name")):
                    continue  # ('Andi (30) ditangkap …': acted upon, not speaking)
                name = m["name"]
                before = text[max(0, m.start() - 30) : m.start()].split()
                if before and before[-1].lower() not in self.lex.copulas and not self._subject_position(p, m.start()):
                    continue
                if self._entity_in(self.state.persons, p, m.start("name"), m.end("name")) is not None \
                        or self._entity_in(self.state.others, p, m.start("name"), m.end("name")) is not None:
                    continue  # tagged: a person is _introduced's, an organisation or place is nobody
                words = name.split()
                if any(w.lower() in self.lex.titles or w.lower() in self.lex.not_names for w in words) \
                        or words[0].lower() in self.lex.leads or not looks_like_name(name):
                    continue
                role = mention_role(text, m.start("name"), m.end("age"), self.lex)
                best = (at, Who(name, name, role))
        return best

    def _person_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], Entity] | None:
        """The latest person named as the subject of a clause between ``lo`` and ``hi``.

        Only a subject introduces the next speaker (``Wimboh berharap …``, ``Bagi Toto, …``);
        a person written in the middle of a clause is talked about (``… pencalonan Gibran``,
        ``… Presiden Jokowi dan Prabowo sudah datang``) and never takes ``katanya``."""
        for mp, ms, me, ent in reversed(self.state.persons):  # the latest first: stop at it
            if (mp, ms) < lo:
                return None
            if (mp, ms) >= hi or mp in self.captions or self._quoted(mp, ms) or self._passive_after(mp, me):
                continue
            if self._subject_position(mp, ms) and self._takes_over(mp, ms, me, ent) \
                    or self._introduced(mp, ms, me, ent):
                return (mp, ms), ent
        return None

    def _introduced(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether ``paragraphs[p][ms:me]`` introduces a new person to the passage: the first
        mention of ``ent``, with an age in brackets (``Deden (27) merasakan …``, ``Salah satunya
        adalah Fanda Riyanto (18).``), as a subject or after a copula. News introduces the
        residents, witnesses and patients it quotes that way, and the ``katanya`` that follows
        is theirs, not the official quoted before them."""
        text = self.paragraphs[p]
        age = AGE.match(text, me)
        if age is None:
            # or a plain description after a comma ('Ruli, salah satu peserta, merasa …')
            m = _DESCRIBED.match(text, me)
            if m is None or not (m["first"].lower() in self.lex.descriptors
                                 or m["first"].lower() in self.lex.introducers):
                return False
        first = next(((mp, s) for mp, s, _, e in self.state.persons if e is ent), None)
        if first != (p, ms):
            return False
        before = text[max(0, ms - 30) : ms].split()
        return self._subject_position(p, ms) or bool(before) and before[-1].lower() in self.lex.copulas

    def _takes_over(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether the person ``ent`` named at ``paragraphs[p][ms:me]`` becomes the speaker of
        the passage. Before anyone has spoken, any subject does (``Budi hadir …`` / ``“…,”
        katanya``); after that, only one who speaks in the clause: the subject of a speech
        verb (``Nawawi menyayangkan …``, ``Suharno, yang dihubungi, mengatakan …``), the agent
        of a passive cue (``diungkapkan Budi``), a name after ``Menurut``/``Bagi``, or a person
        introduced with their office in a clause with no verb of its own (``Salah satunya
        adalah Ketua … Hasbullah Thabrany.``). A person the passage talks about (``Mujiono
        memilih tetap di mobil``, ``Sophanah itu positif``) leaves ``katanya`` with the speaker."""
        if self.state.last is None:
            return True
        verb = self._clause_verb(p, me)
        if (verb is None or verb == "verb" and self._plain_subject(p, ms, me)) and self._first_with_office(p, ms, me, ent):
            # introduced with an office, whatever the verb ('Wali Kota Bekasi Rahmat Effendi sudah
            # menerbitkan peraturan …' / '“…,” ucapnya'), unless another speaker's cue follows
            # ('… Sophanah itu positif, menurut Hilal, …')
            return True
        return verb == "speech" or self._lead_word(p, ms) in self.lex.speaker_leads

    def _plain_subject(self, p: int, ms: int, me: int) -> bool:
        """Whether the name at ``paragraphs[p][ms:me]`` is the subject of its sentence as a
        whole: no clause word or preposition before it in the sentence (``Dalam jumpa pers yang
        dihadiri oleh ketua X, Budi …`` names guests) and no list after it (``Budi dan …``)."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind("? ", 0, ms), text.rfind("! ", 0, ms))
        before = [w.lower().strip("(),") for w in text[start + 1 if start >= 0 else 0 : ms].split()]
        if any(w in self.lex.stop or w in self.lex.guest_words for w in before):
            return False
        after = re.sub(r"^\s*(?:\([^()]*\))?\s*,?\s*", "", text[me : me + 40]).split()
        return not (after and after[0].lower() in self.lex.list_words)

    def _first_with_office(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether ``paragraphs[p][ms:me]`` is the first mention of ``ent`` and has an office
        written next to it: how news introduces the next person it quotes."""
        first = next(((mp, s) for mp, s, _, e in self.state.persons if e is ent), None)
        return first == (p, ms) and bool(mention_role(self.paragraphs[p], ms, me, self.lex))

    def _lead_word(self, p: int, ms: int) -> str | None:
        """The last word before the name in its clause that is no role word or capitalised
        word (``menurut`` in ``…, menurut Ketua Tim Hilal``), lower-cased."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind(", ", 0, ms), text.rfind("\u201d", 0, ms),
                    text.rfind('"', 0, ms))
        roles = self.lex.titles | self.lex.descriptors | ROLE_LINKS
        for w in reversed(text[start + 1 if start >= 0 else 0 : ms].split()):
            low = w.lower().strip("(),.")
            if low in self.lex.speaker_leads:
                return low
            if low in roles or w[:1].isupper() or w.startswith("("):
                continue
            return low
        return None

    def _speaks_after(self, p: int, end: int) -> bool | None:
        """Whether the words after a name (ending at ``paragraphs[p][end]``) make it the
        subject of a speech verb (data: the cue verbs and ``speaker_verb``): the first verb of
        its clause, past brackets, dashes, comma segments and a relative clause's own verb
        (``Reynaldi dari PT X mengatakan``, ``Suharno, yang dihubungi melalui telepon,
        mengatakan``, ``Roem yang dihubungi secara terpisah mengatakan``). Another active verb
        first (``Mujiono memilih …``) or another speaker's cue (``…, menurut Hilal,``) says no
        (False); a clause with no verb at all says None."""
        verb = self._clause_verb(p, end)
        return None if verb is None else verb == "speech"

    def _clause_verb(self, p: int, end: int) -> str | None:
        """What :meth:`_speaks_after` reads after a name: ``speech`` (a speech verb first),
        ``lead`` (another speaker's cue first: ``…, menurut Hilal,``), ``verb`` (another active
        verb first) or None (no verb)."""
        text = self.paragraphs[p]
        m = _CLAUSE_REST.match(text, end, min(len(text), end + 240))
        rest = ASIDE.sub(" ", m.group()) if m else ""
        lex = self.lex
        for segment in rest.split(",")[:5]:
            relative = False  # inside 'yang …': its first verb is the relative clause's
            for w in segment.split():
                low = w.lower().strip("()\u2014\u2013-.")
                if low in lex.speaker_verbs:
                    return "speech"
                if low in lex.speaker_leads:
                    return "lead"
                if low in lex.relatives:
                    relative = True
                elif _ACTIVE_VERB.fullmatch(low) and low not in lex.not_verbs:
                    if not relative:
                        return "verb"
                    relative = False
        return None

    def _passive_after(self, p: int, me: int) -> bool:
        """``Korban, Yosua Hutabarat, ditemukan tewas``: the subject of a passive verb is
        acted upon, not speaking (a role or an age in brackets may stand between)."""
        after = re.sub(r"^\s*(?:\([^()]*\))?\s*,?\s*", "", self.paragraphs[p][me : me + 80])
        word = after.split()[0].lower() if after.split() else ""
        return word.startswith("di") and len(word) > 5 and word.isalpha() and word not in self.lex.cue_words

    def _subject_position(self, p: int, ms: int) -> bool:
        """Whether the name at ``paragraphs[p][ms]`` opens its clause (after a role, an
        adverbial with a comma, ``Bagi``/``Menurut``, or nothing)."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind(", ", 0, ms), text.rfind("? ", 0, ms),
                    text.rfind("! ", 0, ms), text.rfind("\u201d", 0, ms), text.rfind('"', 0, ms))
        before = text[start + 1 if start >= 0 else 0 : ms].strip()
        if not before:
            return True
        words = before.split()
        if words[0].lower() in self.lex.subject_leads:
            words = words[1:]
        if words and words[0].lower() in self.lex.quantifiers:
            return False  # 'sebagian umat Muslim': a group, the name only qualifies it
        lower = [w.lower().strip("(),.") for w in words if w[:1].islower()]
        roles = self.lex.titles | self.lex.descriptors | ROLE_LINKS
        last = next((w for w in reversed(lower) if w not in roles), None)
        if last is not None and self.lex.cue_kind.get(last) == "post":
            return True  # 'Hal serupa juga diungkapkan Ahmed Zaki Iskandar.': the agent of a speech verb
        # what is left must be the role written before the name ('Ketua Umum Partai Golkar',
        # 'Co-Founder sekaligus Pembina Komunitas Bike to Work (B2W)'), with no verb, clause
        # word or noun that makes the name an object ('… pencalonan Gibran', '… kepada Budi')
        for w in words:
            low = w.lower().strip("(),.")
            if not w[:1].islower() or low in self.lex.titles or low in self.lex.descriptors or low in ROLE_LINKS:
                continue
            if VERB_LIKE.fullmatch(low) or low in self.lex.stop or low in self.lex.cue_words or (
                    len(low) >= 6 and low.endswith("an")):
                return False
        return True

    @staticmethod
    def _clipped_from(clip: str, name: str) -> bool:
        """Whether ``clip`` (a nickname's last word, lower-cased) is cut from a word of ``name``."""
        return len(clip) >= 3 and any(clip in word.lower() for word in name.split())

    def _nicknamed_description(self, phrase: str, p: int, start: int) -> Who | None:
        """``politikus yang akrab disapa Gus Choi ini``: a description that gives the name the
        person is called by (data ``nickname_cue``) and points back (``ini``) is the person
        the passage is about; the nickname becomes theirs, so a later ``kata Gus Choi`` is too."""
        words = phrase.split()
        if len(words) < 4 or not words[0].islower() or words[-1].lower() not in self.lex.word_role["demonstrative"]:
            return None
        cue = self.lex.nickname_cue.search(phrase)
        if cue is None:
            return None
        nickname = phrase[cue.end() : phrase.rstrip().rfind(" ")].strip(" ,")
        if not nickname[:1].isupper():
            return None
        # a nickname is clipped from the name ('Gus Choi' from Effendi Choirie, 'Toni' from
        # Raja Juli Antoni): the person is the latest one named so whose name holds its last word
        clip = nickname.split()[-1].lower()
        who = self.carry(phrase, (p, start))
        if who is None or not who.name or not self._clipped_from(clip, who.name):
            named = [ent.name for mp, ms, _, ent in self.state.persons
                     if (mp, ms) < (p, start) and ent.name != nickname and self._clipped_from(clip, ent.name)]
            if not named:
                return None
            who = Who(named[-1], phrase, self.role_of(named[-1]))
        self.state.aliases[nickname] = who.name
        return self._described(who, phrase[: cue.start()] + " " + words[-1])

    def phrase(self, p: int, start: int, end: int) -> Who | None:
        """Resolve the speaker phrase ``paragraphs[p][start:end]`` (role + name)."""
        text = self.paragraphs[p]
        while start < end and text[start] in " ,":
            start += 1
        while end > start and text[end - 1] in " ,":
            end -= 1
        if start >= end:
            return None
        phrase = text[start:end]
        if phrase.lower() in self.lex.pronouns:
            return self.carry(phrase, (p, start))
        words = phrase.split()
        if not words:  # only other white space (a no-break space the scraper left): no one
            return None
        if words[0].lower() in self.lex.pronouns and len(words) <= 4 \
                and all(w.isalpha() and w.islower() for w in words[1:]):
            # 'ucap dia tegas', 'tutur dia menambahkan': the pronoun, then how it was said
            return self.carry(words[0], (p, start))
        if self.lex.description.match(phrase) and phrase.split()[-1].lower() in self.lex.word_role["demonstrative"] \
                and self._entity_in(self.state.persons, p, start, end) is None:
            # 'Menurut Bacapres Koalisi … ini, …', 'Namun, Politikus NasDem ini ingin …': a
            # description pointing back at the person the passage is about
            return self._described(self.carry(phrase, (p, start)), phrase)
        named = self._nicknamed_description(phrase, p, start)
        if named is not None:
            return named
        nick = _NICKNAME.search(phrase)
        if nick is not None and " " not in phrase[: nick.start()].strip():
            # 'Castro, sapaan Herdiansyah': the person is the one named after 'sapaan', and
            # later 'kata Castro' is them too
            who = self.phrase(p, start + nick.end(), end)
            if who is not None and who.name:
                self.state.aliases[phrase[: nick.start()].strip()] = who.name
                return replace(who, mention=phrase[: nick.start()].strip())
        first = phrase.split()[0]
        origin = self.lex.origin.search(phrase) if first.islower() else None
        if origin is not None and self._entity_in(self.state.persons, p, start, start + origin.start()) is None:
            # 'sambung pesepak bola asal Blitar': a description by birthplace points back at the
            # passage's speaker; the place is nobody's name
            return self.carry(phrase, (p, start))
        if is_nonspeaker(phrase, self.lex) or first.islower() and first in self.lex.stop:
            # 'Menurut data dari Kementerian …', 'Laporan BPS menyebutkan …', 'menurut
            # dalam …': a document or a clause, not a speaker
            return None
        hit = self._entity_in(self.state.persons, p, start, end)
        span = fallback_name(phrase, self.lex, self.references)
        last_comma = phrase.rfind(",")
        if hit is not None and not (span is not None and span[2] and hit[0] < start + last_comma):
            # (a bare name after the last comma beats a PER mention before it:
            # 'Camat Neglasari, Kabupaten Tangerang, Ubaidillah Ansar')
            ms, me, ent = hit
            name = self.state.aliases.get(ent.name) or (self._canonical(ent.name) if " " not in ent.name else ent.name)
            name, me = self._trim_title(name, text, ms, me)
            return self._who(name, text[ms:me], text, start, end, ms, me)
        if span is None and office_without_name(phrase, self.lex):
            titled = self._titled_person(phrase, (p, start))
            if titled is not None:
                return Who(titled.name, phrase, self.role_of(titled.name) or clean_role(phrase))
        other = self._entity_in(self.state.others, p, start, end)
        if span is not None:
            # 'Badan Pengawas Obat dan Makanan (BPOM) menyatakan …': the subject is an
            # organisation whose name holds a capitalised word after 'dan', not a person ('Budi
            # Hartono CEO Maju Group' tagged as one organisation holds a person's office: kept)
            org = next(((ms, me, ent) for mp, ms, me, ent in self.state.others
                        if mp == p and ms == start and start + span[1] <= me <= end and ent.label == "ORG"), None)
            if org is not None and not any(w.lower() in self.lex.titles and w.lower() not in self.lex.orgheads
                                           for w in text[org[0] : org[1]].split()[1:]):
                span, other = None, org
        if span is None:
            return self._organisation_speaker(p, start, end, phrase, other)
        whole = self._whole_organisation(p, start, end, phrase[: span[1]])
        if whole is not None:
            return whole
        return self._named_speaker(p, start, end, span)

    def _whole_organisation(self, p: int, start: int, end: int, head: str) -> Who | None:
        """:meth:`phrase` when the capitalised run ``head`` that opens it, through the name the
        fallback found, is one organisation (``kata Kementerian Keuangan``): the organisation
        speaks as a whole; split, its last words would pass for a person under an office."""
        words = head.split()
        if not all(_ORG_WORD.fullmatch(w) or w in ORG_LINKS for w in words) \
                or not organisation_as_whole(words, self.references):
            return None
        text = self.paragraphs[p]
        who = self._who(head, head, text, start, end, start, start + len(head), person=False)
        if who.role and who.role.startswith(head):
            who.role = None  # its own name is no office
        return who

    def _organisation_speaker(self, p: int, start: int, end: int, phrase: str,
                              other: tuple[int, int, Entity] | None) -> Who | None:
        """:meth:`phrase` when it holds no person's name: the organisation or place tagged in
        it speaks (``Kemenkes mengatakan``), or a description points back at the passage's
        speaker, or names someone unnamed (``kata warga Jakarta Selatan``)."""
        text = self.paragraphs[p]
        first = phrase.split()[0]
        if other is None:
            return None
        if first.islower() and first in self.lex.descriptors:
            # a description the place is part of: 'pungkas anggota DPR RI dari Dapil … ini'
            # points back at the passage's speaker; 'kata warga Jakarta Selatan' is someone
            # unnamed, not the place
            clause = ASIDE.sub(" ", text[start : start + 240])
            clause = re.split(r"[,.!?;:\u201c\u201d\"]", clause, maxsplit=1)[0]
            if clause.split()[-1].lower() in self.lex.word_role["demonstrative"]:
                return self.carry(phrase, (p, start))
            return Who(None, phrase, clean_role(phrase))
        ms, me, ent = other
        who = self._who(ent.name, text[ms:me], text, start, end, ms, me, person=False)
        if who.role and who.role.startswith(ent.name):
            who.role = None  # ('Tim Kampanye … menegaskan': its own name is no office)
            if self.state.roles.get(ent.name, "").startswith(ent.name):
                del self.state.roles[ent.name]
        return who

    def _named_speaker(self, p: int, start: int, end: int, span: tuple[int, int, bool]) -> Who | None:
        """:meth:`phrase` when the name at ``span`` (inside the phrase) was found by the
        fallback segmentation: where the name starts is checked against how the article refers
        back to the person, and a capitalised common word opening a sentence is no name."""
        text = self.paragraphs[p]
        ms, me = start + span[0], start + span[1]
        mention = text[ms:me].rstrip(".,")
        # 'Ketua Badan Pengawas Pemilu Abhan' … 'kata Abhan': 'Pemilu' ends the office
        cut = referred_cut(mention.split(), self.cut_references, self.text)
        if not cut:
            # 'kata Kepala Lembah Hijau Wirasena Putra' / 'Lembah Hijau (LH) dibuka'; a cut part
            # tagged as a person of its own would make the office look like someone else's, so
            # it stays
            cut = written_apart_cut(mention.split(), self.text)
            if cut and " ".join(mention.split()[:cut]) in self._person_names:
                cut = 0
        if cut:
            ms += word_offset(mention, cut)
            mention = text[ms:me].rstrip(".,")
        me = ms + len(mention)
        if " " not in mention and mention not in self.references and text[:ms].rstrip()[-1:] in ("", ".", "!", "?") \
                and (is_common_word(mention) or mention.lower() in self.lex.leads):
            # 'Seorang pakar …', 'Tak sedikit …', 'Meski …': a common word capitalised only
            # because it opens the sentence, no name
            return None
        return self._who(self._canonical(mention), mention, text, start, end, ms, me)
