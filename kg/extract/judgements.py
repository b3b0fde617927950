"""Judgements: a clause someone states that judges its own subject.

``Farage zegt dat de premier de stemming verkeerd heeft ingeschat`` → Farage
criticizes the premier; ``volgens Rouhani is de regering-Trump wanhopig`` → Rouhani
criticizes the United States; ``"Khan doet zijn werk slecht", schreef hij``. No verb
of criticising is used: the judgement lies in what the clause says of its subject,
so only clauses with an evaluative word in a judging position count — a copula's
predicate, an adverb or manner phrase of the verb ('op een lompe manier'), a verb of
failing, an object naming a failure. The words are data (``evaluation.toml``); any
other reported clause states no judgement. Negation in the clause or above it makes
the fact negative, never the opposite relation.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate, _subjects
from kg.extract.context import dependents, hedged, negated, surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.epithets import evaluation
from kg.extract.lexicon import Lexicon
from kg.extract.records import ACTOR_TYPES

MODIFIERS = ("amod", "advmod", "flat", "flat:name", "fixed", "compound", "det")


def _words(tok: Token) -> list[Token]:
    """A predicate word with its own modifiers ('erg moedige', 'volslagen loser')."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in MODIFIERS or c.dep_ == "acl" and c.pos_ == "ADJ":
            out += _words(c)
    return out


def judging_words(head: Token, lex: Lexicon) -> tuple[str | None, list[Token]]:
    """The relation the clause headed by ``head`` states of its subject, and the
    words that state it."""
    if any(c.dep_ == "cop" for c in head.children):
        words = sorted(_words(head), key=lambda t: t.i)
        return evaluation(words, lex.negative_epithets, lex.positive_epithets), words
    lemmas = set(verb_lemmas(head)) | {head.lemma_.lower()}
    if lemmas & lex.negative_verbs:
        return "criticizes", [head]
    for c in head.children:
        words: list[Token] = []
        if c.dep_ in ("advmod", "xcomp") and c.pos_ in ("ADJ", "ADV"):
            words = _words(c)
        elif c.dep_.startswith("obl") and c.lemma_.lower() in lex.manner_nouns:
            words = [w for w in _words(c) if w != c]  # 'op een lompe manier'
        elif c.dep_ == "obj" and {c.lower_, c.lemma_.lower()} & lex.negative_objects:
            return "criticizes", [c]
        relation = evaluation(words, lex.negative_manner, lex.positive_manner)
        if relation:
            return relation, words
    return None, []


def _reported_by(head: Token, lex: Lexicon) -> Token | None:
    """The subject of a verb of saying whose 'dat' clause this is, even when the parser
    did not label it a complement ('benadrukte dat Johnson een geweldige leider is')."""
    gov = head.head
    if gov == head or not any(c.dep_ == "mark" and c.lower_ == "dat" for c in head.children):
        return None
    if not set(verb_lemmas(gov)) & lex.speech_verbs:
        return None
    return next(iter(dependents(gov, "nsubj")), None)


def _judge(source: Token, entities: ArticleEntities) -> list[Resolved]:
    """The speaker; a pronoun in a quote tag ('"Khan doet zijn werk slecht", schreef hij')
    names someone of the sentences before, not a person the quote itself names."""
    if source.pos_ == "PRON" and source.lemma_.lower() in entities.lex.pronouns:
        last = entities.last_person(source)
        return [Resolved(last, "pronoun", source)] if last else []
    return entities.resolve(source)


def judgement_candidates(head: Token, entities: ArticleEntities, lex: Lexicon,
                         speaker: Token | None = None) -> list[Candidate]:
    """The speaker judges the subject of a clause they state; ``speaker`` is who the
    next sentence says spoke ('Dat zegt X'), if anyone."""
    if head.dep_ in ("aux", "aux:pass", "cop") or not dependents(head, "nsubj", "nsubj:pass") \
            or set(verb_lemmas(head)) & (lex.speech_verbs | lex.naming_verbs | lex.comparison_verbs):
        return []
    relation, words = judging_words(head, lex)
    if relation is None:
        return []
    ctx = surroundings(head, lex)
    source = ctx.attribution or _reported_by(head, lex) or speaker
    if source is None or ctx.denier is not None:
        return []
    judges = [r for r in _judge(source, entities) if r.ref.type in ACTOR_TYPES]
    judged = [r for r in _subjects(head, ctx, entities, lex)
              if r.ref.type in ACTOR_TYPES and r.token.lower_ not in lex.speaker_pronouns]
    negative = ctx.negative != (negated(head, lex) or any(w.lower_ in lex.negation for w in words))
    modal = hedged(head, lex)
    return [Candidate(j, relation, s, negative, head, "judgement", hedged=modal)
            for j in judges[:1] for s in judged if j.ref != s.ref]
