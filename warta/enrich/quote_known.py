"""What the quote stage knows about an article's people while it reads: the resolved
speaker (:class:`Who`), the persons index and the roles recorded so far
(:class:`SpeakerState`), and :class:`KnownSpeakers`, which turns a name into the person
named in full earlier and gives their office (the apposition around the first mention that
has one, carried to every later quote). :func:`make_quote` builds the :class:`Quote` record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Entity, Quote
from .quote_index import entity_index
from .lexicon import starts_word
from .quote_lexicon import has_word, quote_lexicon
from .quote_names import segment_name, speaker_references, word_offset
from .quote_offices import extends_office, mention_role
from .quote_roles import clean_role, person_references, referred_cut, split_affiliation


@dataclass(slots=True)
class Who:
    """A resolved speaker."""

    name: str | None
    mention: str | None
    role: str | None
    person: bool = True  # False for an organisation or place speaking ('Kemenkes mengatakan')


# the most words a bracketed photo credit may follow and still close a caption, not running text
# ('Erick Thohir (Foto: Antara)', 'Suasana rapat di DPR (Foto: …)')
_CAPTION_LABEL_WORDS = 5


@dataclass
class SpeakerState:
    """What the attribution of later quotes depends on: the last speaker and known roles."""

    persons: list[tuple[int, int, int, Entity]]  # (paragraph, start, end, entity) PER mentions
    others: list[tuple[int, int, int, Entity]]
    last: Who | None = None
    last_at: tuple[int, int] = (0, 0)
    # the last organisation quoted ('bunyi pernyataan FA') and where: an unattributed quotation
    # right after its statement goes on with it (a '-nya' cue never points back to it)
    last_body: Who | None = None
    last_body_at: tuple[int, int] = (0, 0)
    roles: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # 'Castro' → 'Herdiansyah Hamzah'


_LEFT_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,5}$")
_RIGHT_RUN = re.compile(r"(?:\s+[A-Z][\w'’.-]*){1,2}")


# a role after the name: ', Ketua BAZNAS' / ' Ketua BAZNAS' — not ', ditemui' (a passive verb)
_APPOSITION = re.compile(r"^\s*(?:,\s*(?!di[a-z]{3,}\b)\w|[A-Z])")


def make_quote(text: str, kind: str, who: Who | None, cue: str | None, p: int, s: int, e: int, p1: int) -> Quote:
    # the comma before the attribution (',” kata …') belongs to the sentence, not the quote
    core = text.strip().rstrip(",;").rstrip()
    s += len(text) - len(text.lstrip())
    e -= len(text) - len(text.rstrip()) + len(text.rstrip()) - len(text.rstrip().rstrip(",;").rstrip())
    return Quote(
        text=core,
        kind=kind,
        speaker=who.name if who else None,
        speaker_mention=who.mention if who else None,
        role=who.role if who else None,
        cue=cue.lower() if cue else None,
        paragraph=p,
        start=s,
        end=e,
        end_paragraph=p1 if p1 != p else None,
        affiliation=split_affiliation(who.role) if who else None,
    )


class KnownSpeakers:
    """What the article says about its people: the persons index, the names and offices
    known so far, and who spoke last (the state later attributions read)."""

    def __init__(self, paragraphs: list[str], entities: list[Entity], cued: list[bool] | None = None) -> None:
        self.paragraphs = paragraphs
        self.lex = quote_lexicon()
        # per paragraph: does it hold a cue word? (asked by the references and the reported-speech
        # pass; given by extract_quotes, which has asked already)
        self.cued = [has_word(p, self.lex.cue_words) for p in paragraphs] if cued is None else cued
        self.references = person_references(entities, paragraphs)
        # with the one-word speakers after cues and clause subjects: only where a name meets its
        # office (referred_cut); a word found that way may be a title ('kata Menpora.'), which
        # must never join a name as a left-out given name
        self.cut_references = speaker_references(self.references, paragraphs, self.lex, self.cued)
        self.text = "\n".join(paragraphs)  # where references and organisation words are looked up
        persons, others = entity_index(entities, self.lex.places | self.lex.not_names, paragraphs, self.lex.never_names,
                                        self.references, self.text, self.cut_references)
        self.state = SpeakerState(persons, others)
        # every PER mention as tagged, the ones the index leaves out too ('Erik ten Hag'): where a
        # person is written, which ends an organisation's statement carried over (quote_speakers)
        self.tagged_persons = sorted((m.paragraph, m.start) for e in entities if e.label == "PER" for m in e.mentions)
        self.covered: dict[int, list[tuple[int, int]]] = {}
        # photo captions left among the paragraphs: whom they picture is no subject of the passage
        self.captions = frozenset(p for p, text in enumerate(paragraphs) if self._caption(text))
        self._full_names: dict[str, str | None] = {}
        self._no_role: set[str] = set()
        self._before_name: dict[str, bool] = {}
        # multi-word names only: a one-word name ('Agung') is too often a word of a role
        self._person_names = sorted({e.name for _, _, _, e in persons if " " in e.name}, key=len, reverse=True)

    def _quoted(self, p: int, offset: int) -> bool:
        return any(lo <= offset < hi for lo, hi in self.covered.get(p, ()))

    def _described(self, who: Who | None, phrase: str) -> Who | None:
        """``who`` with the office its description gives (``kata kiper utama AC Milan
        tersebut``), when no role is known for them: the description is the article's own
        apposition for the person, carried to their later quotes."""
        if who is None or who.role or not who.name or not who.person:
            return who
        role = self.description_office(phrase)
        if role is None:
            return who
        self.state.roles[who.name] = role
        self._no_role.discard(who.name)
        return replace(who, role=role)

    def description_office(self, phrase: str) -> str | None:
        """The office a description pointing back gives (``kiper utama AC Milan tersebut`` →
        ``kiper utama AC Milan``), or None: a group, a class or no office word opening it."""
        first = phrase.split()[0].lower() if phrase.split() else ""
        if first in self.lex.quantifiers or first in self.lex.plurals or first in self.lex.word_role.get("group", ()):
            return None  # 'Kedua lulusan SMA itu': a group, not this one person's office
        role = clean_role(re.sub(r"\s+\S+$", "", phrase))  # the demonstrative out
        lead = role.split()[0].lower() if role else ""
        if role is None or len(role.split()) < 2 or not (lead in self.lex.titles or lead in self.lex.descriptors):
            # 'pria itu', 'politisi ini', 'Tim tersebut': a class, no office; 'hasil penghitungan
            # … versi KPU itu': no office word opens it
            return None
        return role

    def _trim_title(self, name: str, text: str, ms: int, me: int) -> tuple[str, int]:
        """A tagged name that runs on into a title ('Bambang Sudibyo Ketua BAZNAS') is cut
        before it; the title stays in the phrase and becomes the role."""
        name_words = name.split()
        cut = next((k for k in range(2, len(name_words)) if name_words[k].lower() in self.lex.titles), None)
        if cut is not None:
            name = " ".join(name_words[:cut])
        words = text[ms:me].split()
        for k in range(2, len(words)):
            if words[k].lower() in self.lex.titles:
                return name, ms + text[ms:me].index(words[k]) - 1
        return name, me

    def _titled_person(self, title: str, at: tuple[int, int]) -> Entity | None:
        """``kata Presiden`` → the latest person written with that title (``Presiden Joko
        Widodo``), else the latest speaker whose role holds it."""
        low = title.lower()
        best = None
        for mp, ms, _, ent in self.state.persons:
            if (mp, ms) < at:
                before = self.paragraphs[mp][max(0, ms - len(title) - 30) : ms].lower()
                k = before.rfind(low)
                if k >= 0 and not any(before[:k].rstrip().endswith(d) for d in self.lex.deputies) \
                        and not re.search(r"[,.;:]", before[k + len(low) :]):
                    # ('mendampingi Presiden, Menteri Perhubungan Budi': a comma ends the title's run)
                    best = ent
        if best is not None:
            return best
        for name, role in reversed(list(self.state.roles.items())):
            if low in role.lower():
                return next((e for _, _, _, e in self.state.persons if e.name == name), None)
        return None

    def _entity_in(self, index: list[tuple[int, int, int, Entity]], p: int, start: int, end: int) -> tuple[int, int, Entity] | None:
        best = None
        for mp, ms, me, ent in index:
            if mp == p and ms >= start and me <= end:
                best = (ms, me, ent)  # the last one: names follow their roles
        return best

    def _canonical(self, mention: str) -> str:
        """A short name (``Lungescu``) joins the fuller name seen earlier (``Oana Lungescu``)."""
        if mention in self.state.aliases:
            return self.state.aliases[mention]
        if any(ent.name == mention for _, _, _, ent in self.state.others):
            return mention  # a place or organisation as speaker ('Rumania … mengatakan') is no nickname
        words = mention.split()
        for name in reversed(self.state.names):
            full = name.split()
            if len(full) > len(words) and any(full[k : k + len(words)] == words for k in range(len(full))):
                return name
        for _, _, _, ent in self.state.persons:
            if ent.name != mention and mention in ent.name.split():
                return ent.name
        if len(words) == 1 and len(mention) >= 4:
            # nicknames cut from a name: 'Risma' for 'Tri Rismaharini', 'Yuri' for 'Yurianto'
            for name in [*reversed(self.state.names), *(e.name for _, _, _, e in self.state.persons)]:
                if name != mention and any(w.startswith(mention) for w in name.split()):
                    return name
            return self._written_full_name(mention) or mention
        return mention

    def _written_full_name(self, short: str) -> str | None:
        """The first capitalised name in the article that holds ``short`` as a word or a word's
        start (``Wali Kota Tri Rismaharini`` for ``Risma``), when NER tagged none."""
        if short in self._full_names:
            return self._full_names[short]
        self._full_names[short] = None
        word = re.compile(rf"{starts_word(re.escape(short))}\w*")
        for paragraph in self.paragraphs:
            for m in word.finditer(paragraph):
                left = _LEFT_RUN.search(paragraph, max(0, m.start() - 80), m.start())
                right = _RIGHT_RUN.match(paragraph, m.end(), m.end() + 60)
                run = paragraph[left.start() if left else m.start() : right.end() if right else m.end()]
                span = segment_name(run, self.lex, self.references)
                if span is not None:
                    cut = referred_cut(run[span[0] : span[1]].split(), self.cut_references, self.text)
                    if cut:
                        span = (span[0] + word_offset(run[span[0] : span[1]], cut), span[1], span[2])
                    name = run[span[0] : span[1]]
                    # (one word when an office is written before it: 'Kepala Dinas Pariwisata
                    # Kota Batam Ardiwinata' is the 'Ardi' of 'kata Ardi')
                    if name != short and (len(name.split()) > 1 or not span[2] and len(name) > len(short) and name.startswith(short)):
                        self._full_names[short] = name
                        ns = (left.start() if left else m.start()) + span[0]
                        role = mention_role(paragraph, ns, ns + len(name), self.lex)
                        if role:
                            self.state.roles.setdefault(name, role)
                        return name
        return None

    def _who(self, name: str, mention: str, text: str, start: int, end: int, ms: int, me: int,
             person: bool = True) -> Who:
        # the role precedes the name, or follows it after a comma ('Aziz, anggota tim hukum');
        # words after the name without a comma are adverbs ('Anthony juga menyampaikan')
        after = text[me:end]
        # an organisation holds no office found elsewhere: 'Ketua Umum PSSI Erick Thohir' further
        # on is Erick's office, not PSSI's (only what its own phrase says is read)
        known = self.role_of(name) if person else None
        here = self._own_role(clean_role(text[start:ms]), name)
        role = known or here or (
            self._own_role(clean_role(after.strip(" ,").split(",")[0]), name) if _APPOSITION.match(after) else None)
        if known and here and extends_office(here, known) and not set(name.split()) & set(here.split()):
            # 'Kepala Dinas Kesehatan Kota Surabaya Febria' after 'Kepala Dinas Kesehatan Febria':
            # the fuller form of the same office
            role = self.state.roles[name] = here
        if role and person:
            self.state.roles.setdefault(name, role)
        if name not in self.state.names:
            self.state.names.append(name)
        return Who(name, mention, role, person)

    def _caption(self, text: str) -> bool:
        """Whether paragraph ``text`` is a photo caption: it ends with a photo credit after a
        sentence (``… penalti. Foto: ANTARA/…``), or in brackets after a few words only
        (``Erick Thohir (Foto: Antara)``). A bracketed credit closing running text (``Erick Thohir
        hadir dalam acara itu (Foto: Antara)``) is the page's credit for a sentence of the article,
        whose person stays a subject of the passage."""
        caption = self.lex.caption
        tail = text[-120:]
        if caption is None or ":" not in tail:
            return False
        m = caption.search(tail)
        if m is None:
            return False
        if m.group().lstrip()[:1] != "(":
            return True
        before = text[: len(text) - len(tail) + m.start()].rstrip()
        return not before or before[-1] in ".!?" or len(before.split()) <= _CAPTION_LABEL_WORDS

    def _always_before_a_name(self, other: str) -> bool:
        """Whether every mention of the tagged person ``other`` runs straight into another
        person's name (``Pimpinan Pusat Muhammadiyah`` + ``Abdul Mu’ti``): the words of an
        office the tagger took for a person, not someone the office belongs to."""
        if other not in self._before_name:
            starts = {(p, s) for p, s, _, _ in self.state.persons}
            ends = [(p, e) for p, _, e, ent in self.state.persons if ent.name == other]
            self._before_name[other] = bool(ends) and all(
                (p, e + 1) in starts and self.paragraphs[p][e : e + 1] == " " for p, e in ends)
        return self._before_name[other]

    def _ticket(self, other: str) -> bool:
        """Whether the tagged "person" ``other`` is a pair of two other people's names
        (``Prabowo Gibran`` beside ``Prabowo Subianto`` and ``Gibran Rakabuming Raka``): an
        election ticket, so in ``Wakil Komandan Echo TKN Prabowo Gibran`` it names the
        organisation, not someone whose office that is."""
        words = other.replace("-", " ").split()
        if len(words) != 2:
            return False
        firsts = [{n for n in self._person_names if n != other and n.split()[0] == w} for w in words]
        return all(firsts) and not firsts[0] & firsts[1]

    def _names_organisation(self, role: str, other: str) -> bool:
        """Whether the tagged person ``other`` in ``role`` follows an organisation head
        (``Direktur Perusahaan Daerah Panca Karya``): the organisation's name, not a person."""
        before = role[: role.index(other)].split()
        return bool(before) and before[-1].lower() in self.lex.orgheads

    def _own_role(self, role: str | None, name: str) -> str | None:
        """``role`` without another person in it: 'Ketua PP Muhammadiyah Busyro Muqoddas dan
        Wakil Ketua Umum PBNU' is Busyro's office and then the speaker's; a role that is only
        someone else's ('Gubernur Jawa Tengah Ganjar Pranowo') is none."""
        if not role:
            return None
        for other in self._person_names:
            if other != name and other in role and not self._always_before_a_name(other) \
                    and not self._names_organisation(role, other) and not self._ticket(other):
                rest = role[role.rindex(other) + len(other) :]
                if not rest.strip():
                    # 'juru bicara Nurdin Abdullah', 'kuasa hukum Joko Tjandra': an office held
                    # for that person is the speaker's own (data: person_office)
                    before = role[: role.rindex(other)].lower().split()
                    offices = self.lex.word_role.get("person_office", set())
                    if " ".join(before[-2:]) in offices or before[-1:] and before[-1] in offices:
                        return role
                    return None
                if re.match(r"\s*(?:,|dan\s)", rest):
                    return clean_role(re.sub(r"^\s*(?:,\s*)?(?:dan\s+)?", "", rest))
        return role

    def role_of(self, name: str | None) -> str | None:
        """The role known for ``name``: the one recorded with an earlier attribution, else the
        apposition around the first mention of that person that has one (``Gubernur Bank
        Indonesia Perry Warjiyo meninjau …`` gives ``Perry`` and ``katanya`` later a role)."""
        if not name:
            return None
        if name in self.state.roles or name in self._no_role:
            return self.state.roles.get(name)
        for mp, ms, me, ent in self.state.persons:
            if ent.name == name and not self._quoted(mp, ms):
                role = self._own_role(mention_role(self.paragraphs[mp], ms, me, self.lex), name)
                if role:
                    self.state.roles[name] = role
                    return role
        # a name NER missed: where it is written in full (a plain substring search first:
        # this runs for every speaker of every article)
        for p, paragraph in enumerate(self.paragraphs):
            k = paragraph.find(name)
            while k >= 0:
                end = k + len(name)
                whole = (k == 0 or not paragraph[k - 1].isalnum()) and (
                    end == len(paragraph) or not paragraph[end].isalnum())
                if whole and not self._quoted(p, k):
                    role = self._own_role(mention_role(paragraph, k, end, self.lex), name)
                    if role:
                        self.state.roles[name] = role
                        return role
                k = paragraph.find(name, end)
        self._no_role.add(name)
        return None

    def recent_person(self, p: int, start: int) -> Who | None:
        """Fallback for an unattributed quote: the last PER mention before it."""
        best = None
        for mp, ms, _, ent in self.state.persons:
            if (mp, ms) < (p, start):
                best = ent
        if best is None:
            return None
        return Who(best.name, best.name, self.role_of(best.name))

    def speak(self, who: Who | None, at: tuple[int, int]) -> None:
        """Record ``who`` as the latest speaker, attributed up to position ``at``."""
        if who is not None and who.name is not None and who.person:
            # an organisation is quoted through its people: '-nya' never points back to it
            self.state.last = who
            self.state.last_at = at
        elif who is not None and who.name is not None:
            self.state.last_body, self.state.last_body_at = who, at
