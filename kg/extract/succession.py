"""Succession from the nouns 'voorganger' and 'opvolger'.

``de voorganger van May, premier David Cameron`` and ``zijn voorganger Barack Obama``
→ the one whose predecessor is named succeeds the named; ``Johnson is de opvolger van
May`` → Johnson succeeds May. Which noun means which direction is data
(``language.toml``: succession_nouns).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import Candidate
from kg.extract.context import dependents, negated
from kg.extract.entities import ArticleEntities, Resolved, TokenMention
from kg.extract.lexicon import Lexicon

POSSESSIVES = {"zijn", "haar"}
APPOSITION_SKIP = 5


def succession_candidates(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    out = []
    for tok in sent:
        kind = lex.succession_nouns.get(tok.lower_) or lex.succession_nouns.get(tok.lemma_.lower())
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        of, after = _of_side(sent.doc, tok, entities)
        holder = _holder(sent.doc, tok, after, entities)
        if holder is None:
            continue
        if of is None:
            of = _possessor(tok, holder, entities)
        if of is None or of.ref == holder.ref:
            continue
        successor, predecessor = (of, holder) if kind == "predecessor" else (holder, of)
        out.append(Candidate(successor, "succeeds", predecessor, negated(tok, lex), tok, "succession"))
    return out


def _person_at(doc: Doc, i: int, entities: ArticleEntities) -> TokenMention | None:
    m = entities.by_token.get(i) if 0 <= i < len(doc) else None
    return m if m is not None and m.ref.type == "Person" else None


def _of_side(doc: Doc, noun: Token, entities: ArticleEntities) -> tuple[Resolved | None, int]:
    """Whose predecessor or successor: 'van May' after the noun, a genitive before it
    ('Mays opvolger'), or a possessive ('zijn voorganger'). Also where the phrase ends."""
    i = noun.i + 1
    if i < len(doc) and doc[i].lower_ == "van":
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].pos_ == "DET")
        m = _person_at(doc, j, entities)
        if m is not None:
            return Resolved(m.ref, m.source, doc[m.start]), m.end
    m = _person_at(doc, noun.i - 1, entities)
    if m is not None and doc[noun.i - 1].text.endswith("s"):
        return Resolved(m.ref, m.source, doc[m.start]), noun.i + 1
    if any(c.lower_ in POSSESSIVES and c.dep_ in ("det", "nmod:poss") for c in noun.children):
        return None, noun.i + 1
    return None, -1


def _holder(doc: Doc, noun: Token, after: int, entities: ArticleEntities) -> Resolved | None:
    """Who is the predecessor or successor: the name right after the noun ('zijn
    voorganger Barack Obama'), an apposition after the phrase ('..., premier David
    Cameron'), the name the phrase is in apposition to ('May, de opvolger van Cameron')
    or the subject of a copula ('Johnson is de opvolger van May')."""
    if after < 0:
        return None
    m = _person_at(doc, noun.i + 1, entities)
    if m is None and after < len(doc) and doc[after].text == ",":
        found = (_person_at(doc, k, entities) for k in range(after + 1, min(after + APPOSITION_SKIP, len(doc))))
        m = next((f for f in found if f is not None), None)
    if m is not None:
        return Resolved(m.ref, m.source, doc[m.start])
    if noun.dep_ == "appos":  # 'May, de opvolger van Cameron'
        heads = [noun.head]
    elif any(c.dep_ == "cop" for c in noun.children):
        heads = dependents(noun, "nsubj")
    else:
        return None
    found = [r for h in heads for r in entities.resolve(h) if r.ref.type == "Person"]
    return found[0] if found else None


def _possessor(noun: Token, holder: Resolved, entities: ArticleEntities) -> Resolved | None:
    """'zijn voorganger': the last other person named in the sentence, else before it."""
    earlier = [m for t in noun.sent if t.i < noun.i and (m := entities.by_token.get(t.i)) is not None
               and m.ref.type == "Person" and m.ref != holder.ref]
    if earlier:
        return Resolved(earlier[-1].ref, "pronoun", noun)
    last = next((r for r in reversed(entities.recent) if r.type == "Person" and r != holder.ref), None)
    return Resolved(last, "pronoun", noun) if last is not None else None
