"""Entities: find mentions in a parsed paragraph and resolve arguments to actors.

Mentions come from the gazetteer (longest match over tokens), the pipeline's NER,
and proper-name runs introduced by a title word. Resolution follows the usual
heuristics for news text (cf. Lee et al. 2013, sieve-based coreference): exact
names first, then surnames of people named earlier in the article, then pronouns
and definite descriptions ("het land", "de minister") to the most recent actor of
the matching type. Capitals used as actors ("Moskou wil ...") stand for their state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.gender import agreeing
from kg.extract.institutions import foreign_counterpart, institution
from kg.extract.lexicon import Lexicon
from kg.extract.names import (after_particles, cut_at_office, genitive, known_surnames, name_part, place_noun,
                              capitalised,
                              organization_name, particle_before_name, surname_particles)
from kg.extract.offices import administration, holder
from kg.extract.records import EntityRef, Mention, TokenMention

MAX_NAME_TOKENS = 6
NER_TYPES = {"PER": "Person", "PERSON": "Person", "LOC": "Place", "GPE": "Place",
             "ORG": "Organization", "NORP": None, "MISC": None}
NAME_LINKS = {"appos", "flat", "flat:name", "compound", "nmod"}
DETERMINERS = {"de", "het", "een", "zijn", "haar", "hun"}


@dataclass(frozen=True)
class Resolved:
    ref: EntityRef
    source: str           # how the argument was resolved (affects confidence)
    token: Token


@dataclass
class ArticleEntities:
    """Per-article entity state: mentions so far and the recency lists for anaphora."""

    lex: Lexicon
    article_id: str
    date: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    recent: list[EntityRef] = field(default_factory=list)
    previous: list[EntityRef] = field(default_factory=list)  # actors of the last sentence
    people: dict[str, EntityRef] = field(default_factory=dict)   # surname → person
    first_words: dict[str, set[EntityRef]] = field(default_factory=dict)  # 'Wang' → {Wang Huiyao}
    titles: dict[EntityRef, tuple[str, EntityRef | None]] = field(default_factory=dict)
    by_token: dict[int, TokenMention] = field(default_factory=dict)

    # -- mention detection -------------------------------------------------------
    def read(self, doc: Doc, offset: int) -> None:
        """Find the mentions of one paragraph and remember them in reading order."""
        found: list[TokenMention] = []
        taken = [False] * len(doc)
        words, spaces = [t.text for t in doc], [t.whitespace_ for t in doc]
        i = 0
        while i < len(doc):
            hit = self._gazetteer_at(words, spaces, i)
            if hit and hit.ref.type == "Country":
                hit = institution(doc, hit, self.lex)
            if hit and foreign_counterpart(doc, hit, self.lex):
                hit = None
            if hit and hit.ref.type == "Person" and hit.end - hit.start == 1 and i and not taken[i - 1] \
                    and name_part(doc[i - 1]) and not self._title_word(doc[i - 1]) and (
                        doc[i - 1].i != doc[i - 1].sent.start or doc[i - 1].ent_type_ == "PER"):
                # 'Ivanka Trump' is another person ('Aartsbrexiteer Farage' is not).
                hit = TokenMention(i - 1, hit.end, self._person(doc[i - 1:hit.end].text), "propn")
            if hit:
                found.append(hit)
                if hit.ref.type == "Person":
                    self._remember(hit.ref)  # 'Wang Yi ... Wang' within one paragraph
                for k in range(hit.start, hit.end):
                    taken[k] = True
                i = hit.end
            else:
                i += 1
        for ent in doc.ents:
            # 'Akihito Nederland' tagged as one name: the part before a known name is one.
            free = next((k for k in range(ent.start, ent.end) if taken[k]), ent.end)
            if free == ent.start or free < ent.end and any(t.pos_ != "PROPN" for t in doc[ent.start:free]):
                continue
            mention = self._from_ner(Span(doc, ent.start, free, label=ent.label_))
            if mention:
                found.append(mention)
                for k in range(mention.start, mention.end):
                    taken[k] = True
        for tok in doc:
            if not taken[tok.i] and tok.i and place_noun(doc[tok.i - 1], self.lex) and capitalised(tok):
                end = next((k for k in range(tok.i, len(doc)) if taken[k] or not capitalised(doc[k])), len(doc))
                text = doc[tok.i:end].text
                found.append(TokenMention(tok.i, end, self.lex.names.get(text, EntityRef(text, "Place")), "place"))
                taken[tok.i:end] = [True] * (end - tok.i)
        for tok in doc:
            if not taken[tok.i] and self._titled_name(tok):
                end = tok.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and not taken[end]:
                    end += 1
                end = cut_at_office(doc, tok.i, end, self.lex)
                ref = self._person(doc[tok.i:end].text)
                found.append(TokenMention(tok.i, end, ref, "title"))
                for k in range(tok.i, end):
                    taken[k] = True
        for tok in doc:
            if not taken[tok.i] and name_part(tok) and (tok.i == 0 or not name_part(doc[tok.i - 1])):
                end = tok.i + 1
                while end < len(doc) and not taken[end]:
                    if name_part(doc[end]):
                        end += 1
                    elif particle_before_name(doc, end, self.lex) and not taken[after_particles(doc, end)]:
                        end = after_particles(doc, end) + 1  # 'de Lange', tagged as an adjective
                    else:
                        break
                end = cut_at_office(doc, tok.i, end, self.lex)
                if end - tok.i < 2 or any(taken[k] for k in range(tok.i, end)):
                    continue
                text = doc[tok.i:end].text
                ref = EntityRef(text, "Organization") if organization_name(text, self.lex) \
                    else self._person(text)
                found.append(TokenMention(tok.i, end, ref, "propn"))
                for k in range(tok.i, end):
                    taken[k] = True
        for m in found:
            if m.ref.type == "Person" and " " in m.ref.label:
                self._remember(m.ref)
        for tok in doc:
            # A name tagged as a common noun ('Wang' as 'wang'), or a known surname NER missed.
            if not taken[tok.i] and tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() \
                    and (known := self.named_before(tok.text) or (
                        tok.pos_ == "PROPN" and known_surnames(self.lex).get(tok.text))):
                found.append(TokenMention(tok.i, tok.i + 1, known, "gazetteer"))
                taken[tok.i] = True
        self.by_token = {k: m for m in found for k in range(m.start, m.end)}
        for m in sorted(found, key=lambda m: m.start):
            span = doc[m.start:m.end]
            self.mentions.append(Mention(self.article_id, offset + span.start_char,
                                         offset + span.end_char, span.text, m.ref))

    def _name_at(self, doc: Doc, i: int) -> TokenMention | None:
        """Whether a known name starts at ``doc[i]`` (its offsets relative to ``i``)."""
        window = doc[i:i + MAX_NAME_TOKENS]
        return self._gazetteer_at([t.text for t in window], [t.whitespace_ for t in window], 0) \
            if len(window) else None

    def _gazetteer_at(self, words: list[str], spaces: list[str], i: int) -> TokenMention | None:
        """The longest known name starting at token ``i`` (texts joined as in ``Span.text``)."""
        lex = self.lex
        texts = [words[i]]
        for k in range(i + 1, min(i + MAX_NAME_TOKENS, len(words))):
            texts.append(texts[-1] + spaces[k - 1] + words[k])
        for n in range(len(texts), 0, -1):
            text = texts[n - 1]
            if text in lex.names:
                return TokenMention(i, i + n, lex.names[text], "gazetteer")
            if text in lex.seats:
                place = lex.seat_places[text]
                return TokenMention(i, i + n, place, "seat", seat_of=lex.seats[text])
            if text in lex.people:
                return TokenMention(i, i + n, lex.people[text], "people")
            if n == 1 and (state := administration(text, lex)):  # 'regering-Trump'
                return TokenMention(i, i + 1, state, "gazetteer")
            if n == 1 and (owned := genitive(text)):  # 'Ruttes', "Pompeo's"
                stem, apostrophe = owned
                owner = self.people.get(stem) or (known_surnames(lex).get(stem) if apostrophe else None)
                if owner is not None:
                    return TokenMention(i, i + 1, owner, "gazetteer")
        return None

    def _from_ner(self, ent: Span) -> TokenMention | None:
        etype = NER_TYPES.get(ent.label_)
        tokens = [t for t in ent if t.lower_ not in DETERMINERS and not self._title_word(t)]
        if etype is None or not tokens or not tokens[0].text[:1].isupper():
            return None
        if tokens[0].pos_ == "ADJ" or tokens[0].lower_ in self.lex.adjectives:
            return None  # "Nederlandse", "Buitenlandse Handel": not a name
        before = ent.doc[tokens[0].i - 1] if tokens[0].i else None
        if before is not None and before.lower_ in self.lex.titles and ent.label_ != "ORG":
            etype = "Person"  # "minister Sigrid Kaag" tagged LOC
        start, end = tokens[0].i, tokens[-1].i + 1
        if etype == "Person":
            while start > 0 and ent.doc[start - 1].pos_ == "PROPN" and ent.doc[start - 1].text[:1].isupper() \
                    and ent.doc[start - 1].text.isalpha() and ent.doc[start - 1].text not in self.lex.names:
                start -= 1
            # NER often stops after a first name ('Stef' | 'Blok', 'Marcel' | 'de Graaff'):
            # take the name run, surname particles included.
            while end < len(ent.doc) and (ent.doc[end].dep_ in ("flat", "flat:name", "appos") and (
                    name_part(ent.doc[end]) or particle_before_name(ent.doc, end, self.lex)) or
                    surname_particles(ent.doc, end) and particle_before_name(ent.doc, end, self.lex)) \
                    and self._name_at(ent.doc, after_particles(ent.doc, end)) is None:
                end = end + 1 if name_part(ent.doc[end]) else after_particles(ent.doc, end) + 1
            end = cut_at_office(ent.doc, start, end, self.lex)
        text = ent.doc[start:end].text.strip(" ,.'\"“”‘’")
        if organization_name(text, self.lex):
            etype = "Organization"  # 'Cambridge University' tagged PER
        if not text:
            return None
        elif etype == "Person" or self.named_before(text):
            ref = self._person(text)  # a surname seen before is that person, whatever NER says
        else:
            ref = self.lex.names.get(text, EntityRef(text, etype))
        return TokenMention(start, end, ref, "ner")

    def _title_word(self, tok: Token) -> bool:
        """'minister', or a compound title 'VVD-collega' whose head word is a title."""
        return tok.lower_ in self.lex.titles or (
            "-" in tok.text and tok.lower_.rpartition("-")[2] in self.lex.titles)

    def _titled_name(self, tok: Token) -> bool:
        """A capitalised proper name right after a title word: 'minister Brinkhorst',
        'de staatssecretarissen Atsma en Bleker'."""
        prev = tok.doc[tok.i - 1] if tok.i else None
        return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and prev is not None
                and (prev.lower_ in self.lex.titles or prev.lemma_.lower() in self.lex.titles))

    def _person(self, name: str) -> EntityRef:
        known = self.lex.names.get(name) or known_surnames(self.lex).get(name)
        if known and known.type == "Person":
            ref = known
        elif " " not in name and self.named_before(name):
            ref = self.named_before(name)
        else:
            ref = EntityRef(name, "Person")
        self._remember(ref)
        return ref

    def _remember(self, person: EntityRef) -> None:
        words = person.label.split()
        self.people.setdefault(words[-1], person)
        if len(words) > 1:
            self.first_words.setdefault(words[0], set()).add(person)

    def named_before(self, word: str) -> EntityRef | None:
        """A person named in full earlier, by surname ('Blok') or, for names written
        family name first ('Wang Huiyao' → 'Wang', 'Xi Jinping' → 'Xi') or a first name
        standing alone ('Melania'), by the first word when only one person has it."""
        if word in self.people:
            return self.people[word]
        owners = self.first_words.get(word, set())
        return next(iter(owners)) if len(owners) == 1 else None

    # -- argument resolution -------------------------------------------------------
    def resolve(self, head: Token, actor: bool = True) -> list[Resolved]:
        """The actors a noun phrase headed by ``head`` names (conjuncts expanded)."""
        out = []
        for tok in [head, *_conjuncts(head)]:
            r = self._resolve_one(tok, actor)
            if r:
                out.append(r)
                if tok.lower_ != tok.lemma_.lower():
                    out += self._plural_others(tok, r)
        return out

    def _plural_others(self, tok: Token, first: Resolved) -> list[Resolved]:
        """'de ministers van Frankrijk, Duitsland en ...': each state's own office holder;
        a bare 'de ministers': up to two others last named with that title."""
        if first.source == "title":
            return [Resolved(ref, "title", tok) for ref in self._offices(tok)[1:]]
        if first.source != "description":
            return []
        title = tok.lemma_.lower()
        if title in self.lex.anaphora and title not in self.lex.titles:
            # 'deze landen': the others of that type the previous sentence named.
            return [Resolved(p, "description", tok) for p in self.previous
                    if p != first.ref and p.type == first.ref.type]
        return [Resolved(p, "description", tok) for p in reversed(self.recent)
                if p != first.ref and self.titles.get(p, ("",))[0] == title][:2]

    def owners(self, head: Token) -> list[Resolved]:
        """'de volharding van het JIT' → the JIT: the actor a common noun (or a noun-like
        infinitive, 'het optreden van Rusland') belongs to."""
        if head.pos_ not in ("NOUN", "VERB") or self.resolve(head):
            return []
        return [r for c in head.children if c.dep_ == "nmod" and any(
            x.lower_ == "van" for x in c.children if x.dep_ == "case") for r in self.resolve(c)]

    def _resolve_one(self, tok: Token, actor: bool) -> Resolved | None:
        m = self.by_token.get(tok.i)
        if m is None:
            for child in tok.children:
                # 'minister Blok' (appos/flat); a bare nmod only when it follows at once,
                # since a stranded 'onder leiding van X' also leaves X as a bare nmod.
                if child.dep_ in NAME_LINKS and not any(c.dep_ == "case" for c in child.children) \
                        and (child.dep_ != "nmod" or child.i == tok.i + 1):
                    m = self.by_token.get(child.i)
                    if m:
                        break
        if m is not None:
            ref = m.seat_of if (actor and m.seat_of) else m.ref
            return Resolved(ref, "seat" if (actor and m.seat_of) else m.source, tok)
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON" and lemma in self.lex.pronouns:
            ref = self._antecedent(tok)
            return Resolved(ref, "pronoun", tok) if ref else None
        if tok.pos_ in ("NOUN", "PROPN"):
            country = self._demonym(tok)
            if country and lemma in self.lex.state_nouns:
                return Resolved(country, "demonym", tok)
            if lemma in self.lex.titles and tok.dep_ != "appos":
                office = self._office_of(tok)
                if office is not None:
                    # "de premiers van Spanje en Portugal": the office holders act for the state.
                    return Resolved(office, "title", tok)
                ref = self._titled(lemma, country) or (
                    holder(self.lex, lemma, country, self.date) if country else None)
                if ref:
                    return Resolved(ref, "description", tok)
            wanted = self.lex.anaphora.get(lemma)
            if wanted and any(c.lower_ in ("het", "de", "dit", "deze", "dat") for c in tok.children):
                ref = self.last(wanted)
                return Resolved(ref, "description", tok) if ref else None
        return None

    def _antecedent(self, pronoun: Token) -> EntityRef | None:
        """A person named earlier in the same sentence (its subject first: 'Pompeo zou
        reizen, waar hij ...'), else the most salient person of earlier sentences."""
        fits = agreeing(pronoun, self.lex, self.titles)
        earlier = [self.by_token[t.i] for t in pronoun.sent if t.i < pronoun.i and t.i in self.by_token
                   and self.by_token[t.i].ref.type == "Person" and fits(self.by_token[t.i].ref)]
        if pronoun.dep_ in ("obj", "iobj"):
            # 'nadat May hem uitnodigde': an object pronoun is not its own clause's subject.
            verb = pronoun.head.head if pronoun.head.dep_ in ("aux", "aux:pass") else pronoun.head
            heads = [verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass"))]
            own = {t.i for h in heads for s in h.children if s.dep_ == "nsubj" for t in s.subtree}
            earlier = [m for m in earlier if m.start not in own]
        if earlier:
            subjects = [m for m in earlier if _in_subject(pronoun.doc[m.start])]
            return (subjects or earlier)[-1].ref
        return self.last("Person", fits=fits)

    def last_person(self, pronoun: Token) -> EntityRef | None:
        """The last person named that the pronoun agrees with in gender."""
        return self.last("Person", fits=agreeing(pronoun, self.lex, self.titles))

    def _office_of(self, title: Token) -> EntityRef | None:
        """The state a title noun names with 'van X' ('minister van Frankrijk')."""
        offices = self._offices(title)
        return offices[0] if offices else None

    def _offices(self, title: Token) -> list[EntityRef]:
        for child in title.children:
            if child.dep_.startswith("nmod") and any(c.lower_ == "van" for c in child.children
                                                      if c.dep_ == "case"):
                found = [m.seat_of or m.ref for t in [child, *_conjuncts(child)]
                         if (m := self.by_token.get(t.i)) is not None]
                if found and found[0].type == "Country":
                    return [r for r in found if r.type == "Country"]
        return []

    def pair(self) -> list[EntityRef]:
        """The two people last named, for 'de twee' and 'beiden'."""
        return people[-2:] if len(people := [r for r in self.recent if r.type == "Person"]) >= 2 else []

    def _demonym(self, tok: Token) -> EntityRef | None:
        return next((self.lex.adjectives[c.lower_] for c in tok.children
                     if c.dep_ == "amod" and c.lower_ in self.lex.adjectives), None)

    def _titled(self, title: str, country: EntityRef | None) -> EntityRef | None:
        for ref in reversed(self.recent):
            if ref in self.titles:
                t, c = self.titles[ref]
                if t == title and (country is None or c == country):
                    return ref
        return None

    def last(self, etype: str, besides: tuple[EntityRef, ...] = (), fits=lambda ref: True) -> EntityRef | None:
        for ref in reversed(self.recent):
            if ref.type == etype and ref not in besides and fits(ref):
                return ref
        return None

    def disjoint(self, subjects: list[Resolved], objects: list[Resolved]) -> list[Resolved]:
        """'Het VK ... De regering onderhoudt een relatie met Groot-Brittannië': a
        description or pronoun never means its own clause's other argument, so it takes
        the next actor of its type instead."""
        others = tuple(o.ref for o in objects)
        out = []
        for r in subjects:
            if r.ref in others and r.source in ("description", "pronoun"):
                ref = self.last(r.ref.type, others)
                r = Resolved(ref, r.source, r.token) if ref else None
            if r is not None:
                out.append(r)
        return out

    def note(self, sent: Span) -> None:
        """After each sentence: its actors become the most recent, subjects last, so a
        pronoun prefers the previous subject (the centering preference)."""
        mentions = [self.by_token[t.i] for t in sent if t.i in self.by_token]
        subjects = [m for m in mentions if _in_subject(sent.doc[m.start])]
        # A state named only by its capital or a demonym ('de bondsregering in Berlijn',
        # 'de Duitse bondskanselier') is as recent as the words that name it.
        states = [m.seat_of for m in mentions if m.seat_of] + [
            self.lex.adjectives[t.lower_] for t in sent if t.dep_ == "amod" and t.lower_ in self.lex.adjectives]
        refs = states + [m.ref for m in mentions if m not in subjects] + [m.ref for m in subjects]
        root = sent.root
        described = [r.ref for c in root.children if c.dep_ == "nsubj" and c.i not in self.by_token
                     and c.pos_ == "NOUN" and (r := self._resolve_one(c, True)) is not None]
        refs += described  # 'De president zei ...': the described subject is the topic too
        self.previous = list(dict.fromkeys(refs))
        for ref in refs:
            if ref in self.recent:
                self.recent.remove(ref)
            self.recent.append(ref)


def _conjuncts(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "conj"]


def _in_subject(tok: Token) -> bool:
    while tok.dep_ in ("flat", "flat:name", "appos", "conj", "compound") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubj:pass")
