"""Allies: relational nouns that say two actors work together.

``Ruslands bondgenoot Iran``, ``zijn handelspartner China``, ``Iran is een bondgenoot van
Rusland`` → the two cooperate. One side is the noun's owner (a genitive, a possessive or a
``van`` phrase), the other the name in apposition to it or the subject of a copula. The
nouns are data (``language.toml``: ally_nouns); a bare ``partner`` in a compound such as
``gesprekspartner`` is not one, so only listed lemmas count. ``bondgenoot in de NAVO``
(membership) is read by kg.extract.memberships.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate
from kg.extract.context import negated, noun_lemmas, surroundings
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.lexicon import Lexicon
from kg.extract.names import genitive

OWNER_DEPS = ("det", "nmod:poss", "amod")


def _genitive(tok: Token, entities: ArticleEntities) -> list[Resolved]:
    """'Ruslands', 'Amerika's': a name with the genitive -s names its owner."""
    owned = genitive(tok.text)
    ref = entities.lex.names.get(owned[0]) if owned else None
    return [Resolved(ref, "gazetteer", tok)] if ref else []


def _owners(noun: Token, entities: ArticleEntities) -> list[Resolved]:
    out: list[Resolved] = []
    for c in noun.children:
        if c.dep_ in OWNER_DEPS and c.i < noun.i and c.pos_ in ("PROPN", "ADJ", "PRON"):
            out += _genitive(c, entities) or (entities.resolve(c) if c.pos_ != "ADJ" else [])
        elif c.dep_ == "nmod" and any(x.dep_ == "case" and x.lower_ == "van" for x in c.children):
            out += entities.resolve(c)
    return out


def ally_candidates(noun: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    if not set(noun_lemmas(noun)) & lex.ally_nouns:
        return []
    owners = _owners(noun, entities)
    if not owners:
        return []
    named = [c for c in noun.children if c.dep_ in ("appos", "flat") and c.i > noun.i]
    if any(c.dep_ == "cop" for c in noun.children):
        named += [c for c in noun.children if c.dep_ == "nsubj"]
    allies = [r for c in named for r in entities.resolve(c)]
    ctx = surroundings(noun.head if noun.dep_ != "ROOT" else noun, lex)
    negative = ctx.negative != negated(noun, lex)
    return [Candidate(a, "cooperates with", o, negative, noun, "ally noun")
            for a in allies for o in owners if a.ref != o.ref]
