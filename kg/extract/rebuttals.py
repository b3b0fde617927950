"""Rebuttals: denying an accusation made just before denies its accuser.

``De VS beschuldigt Rusland ..., maar Rusland ontkent dat`` → Russia denies the United
States. A denial verb whose object is a demonstrative (``dat``, ``dit``, ``het``) or an
accusation noun (``de beschuldiging``, ``het verwijt``) answers the last accusation in
this or the previous sentence whose target is the denier; its maker is the object.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate, _subjects
from kg.extract.context import dependents, negated, noun_lemmas, surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import Lexicon


def _answers_accusation(obj: Token, lex: Lexicon) -> bool:
    return obj.lower_ in lex.demonstratives or obj.lower_ == "het" or bool(
        set(noun_lemmas(obj)) & lex.accusation_nouns)


def rebuttal_candidates(verb: Token, entities: ArticleEntities, lex: Lexicon,
                        accusations: list[Candidate]) -> list[Candidate]:
    """``accusations``: accusing facts of this and the previous sentence, in text order."""
    if not accusations or not set(verb_lemmas(verb)) & lex.denial_verbs:
        return []
    subjects = dependents(verb, "nsubj")
    # A parser may leave 'dat' a second subject ('maar Rusland ontkent dat').
    objects = dependents(verb, "obj") + (subjects if len(subjects) > 1 else [])
    if not any(_answers_accusation(o, lex) for o in objects):
        return []
    ctx = surroundings(verb, lex)
    deniers = _subjects(verb, ctx, entities, lex)
    out = []
    for denier in deniers:
        made = [a for a in accusations if a.object.ref == denier.ref and (
            a.anchor.doc is not verb.doc or a.anchor.i < verb.i)]
        if made:
            accuser = made[-1].subject
            negative = ctx.negative != negated(verb, lex)
            out.append(Candidate(denier, "denies", accuser, negative, verb, "rebuttal"))
    return out
