"""Evaluation by epithet: naming or judging an actor with a loaded word.

``Trump noemde de burgemeester een loser`` → Trump criticizes the mayor;
``hij vindt haar een moedige vrouw`` → praises; ``X vergeleek Y met een dictator`` →
criticizes. No criticism verb is used: the sentiment lies in the predicate, so the
evaluative words are data (``evaluation.toml``: negative_epithets, positive_epithets).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate, _core_arguments, _subjects, with_case
from kg.extract.context import _dictionary_lemma, clause_tokens, dependents, negated, surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import Lexicon

# 'compound:prt': a predicate adjective the parser took for a particle of 'noemen'.
PREDICATE_DEPS = ("obj", "xcomp", "obl", "nmod", "advmod", "amod", "compound:prt")


def _forms(tok: Token) -> set[str]:
    """A word as written, its lemma, and an inflected adjective's base ('lompe' → 'lomp',
    'moedige' → 'moedig'), which a lemmatizer does not always give."""
    out = {tok.lower_, tok.lemma_.lower(), _dictionary_lemma(tok.lower_)}
    if tok.pos_ == "ADJ" and tok.lower_.endswith("e") and len(tok.lower_) > 4:
        out.add(tok.lower_[:-1])
    return out


def evaluation(words: list[Token], negative: frozenset[str], positive: frozenset[str]) -> str | None:
    """'criticizes' or 'praises' when the words (in text order) hold an evaluative word
    or two-word phrase of the given lists."""
    forms = {f for t in words for f in _forms(t)}
    bigrams = {f"{a.lower_} {b.lower_}" for a, b in zip(words, words[1:])}
    if forms & negative or bigrams & negative:
        return "criticizes"
    if forms & positive or bigrams & positive:
        return "praises"
    return None


def epithet_relation(phrase: Token, lex: Lexicon) -> str | None:
    """'criticizes' or 'praises' when the phrase holds an evaluative word; a negated
    epithet ('geen loser') says nothing either way."""
    words = [t for t in phrase.subtree if t.dep_ not in ("acl:relcl", "acl")]
    if any(t.lower_ in lex.negation for t in words):
        return None
    return evaluation(words, lex.negative_epithets, lex.positive_epithets)


def _absorbed_predicate(slot: Token, entities: ArticleEntities, lex: Lexicon) -> str | None:
    """'noemde het Witte Huis achterlijk' ('vindt het besluit van minister X juist') with
    the predicate parsed as part of the name: the words after the actor's mention are it."""
    named = [entities.by_token[t.i] for t in slot.subtree if t.i in entities.by_token]
    if not named:
        return None
    after = [t for t in slot.subtree if t.i >= named[-1].end]
    if not after or any(t.lower_ in lex.negation for t in after):
        return None
    return evaluation(after, lex.negative_epithets, lex.positive_epithets)


def epithet_candidates(verb: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'noemen'/'vinden' with an actor and an evaluative predicate; 'vergelijken met'
    an evaluative noun."""
    lemmas = set(verb_lemmas(verb)) | {verb.lemma_.lower()}
    for prt in (c.lower_ for c in verb.children if c.dep_ == "compound:prt"):
        lemmas |= {x[len(prt):] for x in lemmas if x.startswith(prt)}  # a predicate taken for a particle
    naming = bool(lemmas & lex.naming_verbs)
    if naming:
        # 'omschrijft het besluit als het toppunt van domheid': an 'als' predicate too.
        slots = [c for c in verb.children if c.dep_ in PREDICATE_DEPS or c.dep_ == "advcl" and any(
            m.lower_ == "als" for m in c.children if m.dep_ == "mark")]
    elif lemmas & lex.comparison_verbs:
        # The compared actor is the object (or the second core argument of a
        # mislabelled verb-second clause); 'met X' may hang on it or on the verb.
        core = _core_arguments(verb)
        compared = dependents(verb, "obj") or core[1:2]
        slots = compared + [m for h in [verb, *compared] for m in with_case(h, ("met",))]
    else:
        return []
    actors, relation = [], None
    for slot in slots:
        found = entities.resolve(slot) if slot.dep_ in ("obj", "nsubj") else []
        if not found and slot.dep_ == "obj" and naming and not actors:
            # 'noemt het besluit van Poetin onacceptabel': judging an actor's deed.
            actors = entities.owners(slot)
            if actors:
                relation = relation or _absorbed_predicate(slot, entities, lex)
                continue
        if found and not actors:
            actors = found
            if relation is None and naming:
                relation = _absorbed_predicate(slot, entities, lex)
        elif not found and relation is None:
            relation = epithet_relation(slot, lex)
    if relation is None or not actors or any(
            t.lower_ in lex.negation and t.head != verb for t in clause_tokens(verb)):
        return []  # a negated predicate ('noemde hem geen dictator') says nothing either way
    ctx = surroundings(verb, lex)
    subjects = _subjects(verb, ctx, entities, lex)
    negative = ctx.negative != negated(verb, lex)
    return [Candidate(s, relation, o, negative, verb, "epithet")
            for s in subjects for o in actors if s.ref != o.ref]
