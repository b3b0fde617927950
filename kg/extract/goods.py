"""Trade measures name their target through the goods they hit.

A tariff is levied on products, not on a state: ``tarieven op Amerikaanse producten``,
``heffingen op alle goederen die uit China worden geïmporteerd``, ``een ban op producten
van Huawei``. The target is where the goods come from: a demonym on a goods noun, or an
actor under an origin preposition (``uit``, ``vanuit``, ``van``) inside the goods phrase,
relative clauses included. Only phrases that contain a goods noun are read, so
``sancties tegen Russische oligarchen`` does not turn into a measure against Russia.

Measures that hurt a named actor also name their target by the verb of suffering:
``Iran, dat lijdt onder de Amerikaanse sancties`` → the United States sanctions Iran.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import RELATIVE, dependents, noun_lemmas
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.lexicon import Lexicon



def _goods_word(tok: Token, lex: Lexicon) -> bool:
    """A goods noun, compounds included ('landbouwproducten' → 'product')."""
    return tok.pos_ in ("NOUN", "PRON") and any(
        lemma == g or len(g) >= 4 and lemma.endswith(g)
        for lemma in noun_lemmas(tok) for g in lex.goods_nouns)


def goods_origin(head: Token, entities: ArticleEntities) -> list[Resolved]:
    """The actors a goods phrase headed by ``head`` comes from, in text order."""
    lex = entities.lex
    phrase = list(head.subtree)
    if not any(_goods_word(t, lex) for t in phrase):
        return []
    found: list[Resolved] = []
    for tok in phrase:
        if tok.dep_ == "amod" and tok.lower_ in lex.adjectives and _goods_word(tok.head, lex):
            found.append(Resolved(lex.adjectives[tok.lower_], "demonym", tok))
        elif any(c.dep_ == "case" and c.lower_ in lex.origin_prepositions for c in tok.children):
            found += entities.resolve(tok)
    seen, out = set(), []
    for r in found:
        if r.ref not in seen:
            seen.add(r.ref)
            out.append(r)
    return out


def affected(noun: Token, entities: ArticleEntities) -> list[Resolved]:
    """'Iran lijdt onder de sancties', 'getroffen door sancties': who suffers a measure
    is its target (the verb's subject; a relative pronoun resolves to its antecedent)."""
    verb = noun.head
    case = {c.lower_ for c in noun.children if c.dep_ == "case"}
    if noun.dep_ != "obl" or verb.lemma_.lower() not in entities.lex.affected_verbs or \
            not case & {"onder", "door"}:
        return []
    subjects = [verb.head if s.lower_ in RELATIVE and verb.dep_ == "acl:relcl" else s
                for s in dependents(verb, "nsubj", "nsubj:pass")]
    return [r for s in subjects for r in entities.resolve(s)]
