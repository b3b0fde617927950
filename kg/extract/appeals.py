"""Appeals: what a speaker says another actor must do.

``"Iran moet zich aan de afspraken houden", zegt Rutte`` → Rutte calls on Iran. The
obligation modal ('moeten', 'dienen') in a clause attributed to a speaker turns the
clause's subject into the addressee of an appeal; the modals are data
(``language.toml``: appeal_modals), and so is the relation they state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.clauses import Candidate, _subjects, with_case
from kg.extract.context import QUOTES, negated, surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import Lexicon
from kg.extract.records import ACTOR_TYPES

APPEAL = "calls on"
DEMAND = "demands from"


def next_speaker(sent: Span | None, lex: Lexicon) -> Token | None:
    """'Dat zegt Lu Kang.', 'Die oproep deed premier Rutte.': a sentence that opens with a
    demonstrative taking up what was just said, then a verb of saying (or a noun of
    saying and its verb), names the speaker of the sentence before it. Read in word
    order: the parser often gets this inverted clause wrong."""
    words = [t for t in sent or () if not t.is_punct]
    if len(words) < 3 or words[0].lower_ not in lex.demonstratives:
        return None
    noun = words[1].lemma_.lower() in lex.speech_nouns or words[1].lower_ in lex.speech_nouns
    verb = words[2] if noun else words[1]
    if verb.pos_ not in ("VERB", "AUX") or not (noun or set(verb_lemmas(verb)) & lex.speech_verbs):
        return None
    rest = [t for t in words[words.index(verb) + 1:] if t.pos_ not in ("DET", "ADJ", "ADV")]
    return rest[0] if rest and rest[0].pos_ in ("NOUN", "PROPN") else None


OPENING = ("„", "“", "‘")


def previous_speaker(prev: Span | None, sent: Span, lex: Lexicon) -> Token | None:
    """'Barnier reageerde per tweet. „Ik wil ...”': a quote standing alone, with no verb
    of saying of its own, is spoken by the subject of the sentence before when that
    sentence's verb is one of saying or reacting."""
    words = [t for t in sent if not t.is_space]
    if prev is None or not words or any(
            set(verb_lemmas(t)) & lex.speech_verbs for t in words if t.pos_ in ("VERB", "AUX")):
        return None
    # The sentence splitter may leave the opening quote at the end of the sentence before.
    if words[0].text not in QUOTES and prev[-1].text not in OPENING:
        return None
    root = prev.root
    if not set(verb_lemmas(root)) & lex.speech_verbs:
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)


def appeal_candidates(modal: Token, entities: ArticleEntities, lex: Lexicon,
                      speaker: Token | None = None) -> list[Candidate]:
    """The speaker calls on the subject of an obligation they state; one's own duty
    ('we moeten ...') is no appeal, a reporter's explanation neither, and a denied or
    negated report states none.
    ``speaker`` is who the next sentence says spoke ('Dat zegt X'), if anyone."""
    if not set(verb_lemmas(modal)) & lex.appeal_modals or not (
            modal.dep_ == "aux" or any(c.dep_ == "xcomp" for c in modal.children)):
        return []  # 'dient als gezant' is no obligation
    if "Past" in modal.morph.get("Tense") and not any(
            c.dep_ == "aux" and c.lemma_ == "zullen" for c in modal.head.children):
        return []  # 'ze moesten zich richten op het doelwit' tells what was, not what should be
    clause = modal.head if modal.dep_ == "aux" else modal
    ctx = surroundings(clause, lex)
    source = ctx.attribution if ctx.attribution is not None else speaker
    if source is None or ctx.denier is not None or ctx.negative:
        return []
    speakers = [r for r in entities.resolve(source) if r.ref.type in ACTOR_TYPES
                and entities.titles.get(r.ref, ("",))[0] not in lex.reporter_titles]
    addressees = [r for r in _subjects(clause, ctx, entities, lex)
                  if r.token.lower_ not in lex.speaker_pronouns and r.ref.type in ACTOR_TYPES]
    return [Candidate(s, APPEAL, a, False, clause, "appeal") for s in speakers[:1]
            for a in addressees if s.ref != a.ref]


def demand_candidates(learn: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'Kamerleden willen van minister Blok weten welke stappen ...': wanting to learn
    something from an actor demands it of them. The 'van' phrase may hang on the
    infinitive or on the wish verb (parsers do both)."""
    if not set(verb_lemmas(learn)) & lex.demand_infinitives:
        return []
    wish = learn.head if learn.dep_ == "xcomp" else next(
        (c for c in learn.children if c.dep_ == "aux"), None)
    if wish is None or not set(verb_lemmas(wish)) & lex.wish_verbs:
        return []
    ctx = surroundings(learn, lex)
    if ctx.negative or ctx.denier is not None or negated(wish, lex) or negated(learn, lex):
        return []
    sources = [r for h in with_case(learn, ("van",)) + with_case(wish, ("van",))
               for r in entities.resolve(h) if r.ref.type in ACTOR_TYPES]
    askers = [r for r in _subjects(learn, ctx, entities, lex) if r.ref.type in ACTOR_TYPES]
    return [Candidate(a, DEMAND, s, False, learn, "demand") for a in askers for s in sources
            if a.ref != s.ref]
