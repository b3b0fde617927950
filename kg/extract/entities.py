"""Entities: resolve arguments to the actors an article's mentions name.

Mentions are found by kg.extract.mentions. Resolution follows the usual
heuristics for news text (cf. Lee et al. 2013, sieve-based coreference): exact
names first, then surnames of people named earlier in the article, then pronouns
and definite descriptions ("het land", "de minister") to the most recent actor of
the matching type. Capitals used as actors ("Moskou wil ...") stand for their state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.gender import agreeing, plural_verb
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import MentionReader
from kg.extract.offices import holder
from kg.extract.records import EntityRef, Mention, TokenMention

NAME_LINKS = {"appos", "flat", "flat:name", "compound", "nmod"}


@dataclass(frozen=True)
class Resolved:
    ref: EntityRef
    source: str           # how the argument was resolved (affects confidence)
    token: Token


@dataclass
class ArticleEntities(MentionReader):
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

    # -- argument resolution -------------------------------------------------------
    def resolve(self, head: Token, actor: bool = True) -> list[Resolved]:
        """The actors a noun phrase headed by ``head`` names (conjuncts expanded)."""
        out = []
        # 'premier Abe en kroonprins Naruhito', 'de nationalisten (SNP) en de Lib-Dems'
        # with the conjunct hung on the name.
        names = [c for c in head.children if c.dep_ == "appos" or _in_brackets(c, head)]
        for tok in [head, *_conjuncts(head), *(c for n in names for c in _conjuncts(n))]:
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
        return self._of_phrase(head)

    def _of_phrase(self, head: Token) -> list[Resolved]:
        """The actors of the 'van' phrases hung on ``head``."""
        return [r for c in head.children if c.dep_ == "nmod" and any(
            x.lower_ == "van" for x in c.children if x.dep_ == "case") for r in self.resolve(c)]

    def _resolve_one(self, tok: Token, actor: bool) -> Resolved | None:
        m = self.by_token.get(tok.i)
        if m is None:
            for child in tok.children:
                # 'minister Blok' (appos/flat); a bare nmod only when it follows at once
                # or in brackets ('de Schotse nationalisten (SNP)'), since a stranded
                # 'onder leiding van X' also leaves X as a bare nmod.
                if child.dep_ in NAME_LINKS and not any(c.dep_ == "case" for c in child.children) \
                        and (child.dep_ != "nmod" or child.i == tok.i + 1 or _in_brackets(child, tok)):
                    m = self.by_token.get(child.i) or self._titled_apposition(child)
                    if m:
                        break
        if m is not None:
            ref = m.seat_of if (actor and m.seat_of) else m.ref
            return Resolved(ref, "seat" if (actor and m.seat_of) else m.source, tok)
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON" and lemma in self.lex.pronouns:
            if _plural_subject(tok, self.lex):
                return None  # 'moeten ze zich bij de EU aansluiten': a group, not one person
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
                # 'de Franse minister' is no earlier minister of another state.
                ref = self.last(wanted, fits=lambda p: country is None or lemma not in self.lex.titles
                                or country in (self.titles.get(p, ("", None))[1], self.lex.home_country.get(p.label)))
                return Resolved(ref, "description", tok) if ref else None
            if tok.pos_ == "NOUN" and (lemma in self.lex.body_nouns or tok.lower_ in self.lex.body_nouns):
                body = [r for r in self._of_phrase(tok) if r.ref.type in ("Country", "Organization")]
                return Resolved(body[0].ref, "description", tok) if len(body) == 1 else None
        return None

    def _titled_apposition(self, child: Token) -> TokenMention | None:
        """'haar broer, koning Maha Vajiralongkorn': the name under a title in apposition."""
        if child.dep_ != "appos" or self.lex.title_head(child.lemma_.lower()) is None:
            return None
        return next((m for c in child.children if c.dep_ in ("appos", "flat", "flat:name")
                     and (m := self.by_token.get(c.i))), None)

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


def _in_brackets(child: Token, head: Token) -> bool:
    """'de Schotse nationalisten (SNP)': a name in brackets right after its noun."""
    if child.dep_ != "nmod" or child.i <= head.i + 1 or child.nbor(-1).text != "(":
        return False
    # Between noun and bracket only the rest of a multi-word name ('Internationaal
    # Energie Agentschap (IEA)').
    return all(t.head == head and t.dep_ in ("fixed", "flat", "flat:name", "compound")
               for t in head.doc[head.i + 1:child.i - 1])


def _in_subject(tok: Token) -> bool:
    while tok.dep_ in ("flat", "flat:name", "appos", "conj", "compound") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubj:pass")


def _plural_subject(pronoun: Token, lex: Lexicon) -> bool:
    """'ze'/'zij' as the subject of a plural finite verb (or auxiliary)."""
    return pronoun.lower_ in lex.plural_pronouns and pronoun.dep_.startswith("nsubj") \
        and plural_verb(pronoun.head)
