"""Verb clauses: dependency patterns over UD parses → candidate facts.

For each verb the lexicon knows (lemma with its separable particle, plus an
optional predicative complement or light-verb noun), the subject comes from
``nsubj`` — or from the ``door`` agent (``obl:agent``) in a passive — and the
object from the slot the frame names (``obj``, ``iobj`` or a preposition). Verbs
without their own subject inherit it along ``xcomp`` (subject control) and
``conj`` (coordinated verbs), and relative clauses take their antecedent.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.context import negated, surroundings, verb_lemmas
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.lexicon import Lexicon, VerbFrame
from kg.extract.records import EntityRef

RELATIVE = {"die", "dat", "wie", "welke", "wat"}


@dataclass(frozen=True)
class Candidate:
    """A fact before provenance is attached."""

    subject: Resolved
    relation: str
    object: Resolved
    negative: bool
    anchor: Token
    construction: str
    attribution: Resolved | None = None
    for_: EntityRef | None = None
    about: EntityRef | None = None


def _children(tok: Token, *deps: str) -> list[Token]:
    """Dependents of ``tok`` with one of ``deps``, including those a parser hung on
    its auxiliaries ('Nederland heeft Rusland ... gesteld' with Rusland under 'heeft')."""
    out = [c for c in tok.children if c.dep_ in deps]
    for aux in tok.children:
        if aux.dep_ in ("aux", "aux:pass", "cop"):
            out += [c for c in aux.children if c.dep_ in deps]
    return sorted(out, key=lambda t: t.i)


def _core_arguments(verb: Token) -> list[Token]:
    """Subject-like dependents in text order: a V2 clause with two of them and no
    object ('Nederland heeft Rusland ... gesteld' misparsed) has subject first."""
    return _children(verb, "nsubj", "obj")


def _with_case(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Obliques/nominal modifiers of ``tok`` introduced by one of ``preps``."""
    out = []
    for c in tok.children:
        if c.dep_.split(":")[0] in ("obl", "nmod"):
            case = [x.lower_ for x in c.children if x.dep_ == "case"]
            if case and case[0] in preps:
                out.append(c)
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)


def subject_heads(verb: Token) -> list[Token]:
    """The verb's subject, inherited through control, coordination and relatives."""
    tok = verb
    for _ in range(4):
        if is_passive(tok):
            agents = [c for c in tok.children if c.dep_ == "obl:agent"]
            if agents or tok is verb:
                return agents
        subjects = _children(tok, "nsubj")
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE and tok.dep_ == "acl:relcl":
                return [tok.head]
            return [subj]
        if (tok.dep_ in ("xcomp", "conj") or _te_infinitive(tok)) and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "acl:relcl":
            return [tok.head]
        break
    return []


def _te_infinitive(verb: Token) -> bool:
    """A controlled te-infinitive clause ('dreigde op te treden'): no subject of its own."""
    return verb.dep_ in ("ccomp", "advcl", "xcomp") and any(
        c.lower_ == "te" and c.dep_ == "mark" for c in verb.children)


def _frame_matches(verb: Token, frame: VerbFrame) -> Token | None:
    """The complement or light-verb noun token the frame needs (or the verb itself)."""
    if frame.complement:
        if verb.lemma_.lower() == frame.complement and any(c.dep_ == "cop" for c in verb.children):
            return verb
        for c in verb.children:
            if c.lemma_.lower() == frame.complement and c.dep_ in (
                    "xcomp", "compound:prt", "advmod", "obj", "amod", "obl", "nmod"):
                return c
        return None
    if frame.noun:
        slots = ("obj", "nsubj:pass") if is_passive(verb) else ("obj",)
        for c in verb.children:
            if c.dep_ in slots and (c.lemma_.lower() == frame.noun or
                                    c.lemma_.lower().endswith(frame.noun)):
                return c
        return None
    return verb


def _frames_for(verb: Token, lex: Lexicon) -> list[VerbFrame]:
    cop = next((c for c in verb.children if c.dep_ == "cop"), None)
    if cop is not None:
        return [f for f in lex.frames.get(cop.lemma_.lower(), []) if f.complement]
    for lemma in verb_lemmas(verb):
        if lemma in lex.frames:
            return lex.frames[lemma]
    return []


def _objects(verb: Token, frame: VerbFrame, extra: Token) -> list[Token]:
    passive = is_passive(verb)
    for slot in frame.object:
        if slot == "obj":
            found = _children(verb, "nsubj:pass" if passive else "obj")
            found = [f for f in found if f is not extra and f.pos_ in ("PROPN", "NOUN", "PRON")]
            core = _core_arguments(verb)
            if not found and not passive and len(core) >= 2 and core[0].dep_ == "nsubj":
                found = [core[1]]
        elif slot == "iobj":
            found = _children(verb, "iobj")
        else:
            found = _with_case(verb, (slot,)) or (
                _with_case(extra, (slot,)) if extra is not verb else [])
        if found:
            return found
    return []


def verb_candidates(verb: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """All facts one verb states (several for coordinated subjects or objects)."""
    out = []
    for frame in _frames_for(verb, lex):
        extra = _frame_matches(verb, frame)
        if extra is None:
            continue
        relation = frame.relation
        if (verb.dep_ == "xcomp" or _te_infinitive(verb)) and \
                "threatens" in {lex.control.get(x) for x in verb_lemmas(verb.head)}:
            relation = "threatens"
        ctx = surroundings(verb, lex)
        subj_heads = subject_heads(verb)
        construction = "passive" if is_passive(verb) else (
            "light verb" if frame.noun or frame.complement else "verb")
        subjects = [r for h in subj_heads for r in entities.resolve(h)]
        if not subjects and ctx.denier is not None and is_passive(verb):
            subjects = entities.resolve(ctx.denier)
            construction = "denial"
        objects = [r for h in _objects(verb, frame, extra) for r in entities.resolve(h)]
        if not subjects or not objects:
            continue
        negative = ctx.negative != negated(verb, lex, (extra,) if extra is not verb else ())
        if ctx.denier is not None:
            construction = "denial"
        attribution = None
        source = ctx.denier or ctx.attribution
        if source is not None:
            resolved = entities.resolve(source)
            attribution = resolved[0] if resolved else None
        for_ = _role(verb, extra, frame.for_, entities)
        about = _role(verb, extra, frame.about, entities)
        for s in subjects:
            for o in objects:
                if s.ref != o.ref:
                    out.append(Candidate(s, relation, o, negative, verb, construction,
                                         attribution, for_, about))
    return out


def _role(verb: Token, extra: Token, preps: tuple[str, ...], entities: ArticleEntities
          ) -> EntityRef | None:
    if not preps:
        return None
    heads = _with_case(verb, preps) or (_with_case(extra, preps) if extra is not verb else [])
    for head in heads:
        for tok in [head, *head.subtree]:
            m = entities.by_token.get(tok.i)
            if m:
                return m.ref
    return None
