"""Appeals: what a speaker says another actor must do.

``"Iran moet zich aan de afspraken houden", zegt Rutte`` → Rutte calls on Iran. The
obligation modal ('moeten', 'dienen') in a clause attributed to a speaker turns the
clause's subject into the addressee of an appeal; the modals are data
(``language.toml``: appeal_modals), and so is the relation they state.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate, _subjects
from kg.extract.context import surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import Lexicon

APPEAL = "calls on"
ACTORS = ("Person", "Country", "Organization")  # 'Europa moet ...' names a continent, no actor


def appeal_candidates(modal: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """The speaker calls on the subject of an obligation they state; one's own duty
    ('we moeten ...') is no appeal, and a denied or negated report states none."""
    if not set(verb_lemmas(modal)) & lex.appeal_modals or not (
            modal.dep_ == "aux" or any(c.dep_ == "xcomp" for c in modal.children)):
        return []  # 'dient als gezant' is no obligation
    clause = modal.head if modal.dep_ == "aux" else modal
    ctx = surroundings(clause, lex)
    if ctx.attribution is None or ctx.denier is not None or ctx.negative:
        return []
    speakers = [r for r in entities.resolve(ctx.attribution) if r.ref.type in ACTORS]
    addressees = [r for r in _subjects(clause, ctx, entities, lex)
                  if r.token.lower_ not in lex.speaker_pronouns and r.ref.type in ACTORS]
    return [Candidate(s, APPEAL, a, False, clause, "appeal") for s in speakers[:1]
            for a in addressees if s.ref != a.ref]
