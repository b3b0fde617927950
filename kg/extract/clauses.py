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

from kg.extract.context import (RELATIVE, ClauseContext, dependents, hedged, negated, noun_lemmas,
                                surroundings, verb_lemmas, wished)
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.gender import plural_verb
from kg.extract.goods import goods_origin
from kg.extract.lexicon import Lexicon, VerbFrame
from kg.extract.records import EntityRef
from kg.vocabulary import relation_types

NOMINAL = {"NOUN", "PROPN", "PRON", "X"}
SYMMETRIC = {t.label for t in relation_types().values() if t.symmetric}


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
    hedged: bool = False


def _core_arguments(verb: Token) -> list[Token]:
    """Subject-like dependents in text order: a V2 clause with two of them and no
    object ('Nederland heeft Rusland ... gesteld' misparsed) has subject first."""
    return dependents(verb, "nsubj", "obj")


def with_case(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Obliques/nominal modifiers of ``tok`` introduced by one of ``preps``."""
    out = []
    for c in tok.children:
        if c.dep_.split(":")[0] in ("obl", "nmod"):
            case = [x.lower_ for x in c.children if x.dep_ == "case"]
            if case and case[0] in preps:
                out.append(c)
    return out


def is_passive(verb: Token) -> bool:
    """A passive has a worden/zijn auxiliary or a door-agent; an 'nsubj:pass' beside
    'hebben' ('heeft Rusland opgeroepen') is an active clause the parser mislabelled."""
    deps = {c.dep_ for c in verb.children}
    if "aux:pass" in deps or "obl:agent" in deps:
        return True
    if "Part" in verb.morph.get("VerbForm") and any(
            c.dep_ == "aux" and c.lemma_.lower() in ("zijn", "worden") for c in verb.children) and any(
            c.dep_ == "obl" and any(x.dep_ == "case" and x.lower_ == "door" for x in c.children)
            for c in verb.children):
        return True  # 'is gisteren vervangen door Kim' with 'is' labelled plain aux
    return "nsubj:pass" in deps and not any(
        c.dep_ == "aux" and c.lemma_.lower() == "hebben" for c in verb.children)


def _own_subjects(verb: Token) -> list[Token]:
    """The verb's 'nsubj' dependents; failing those, for 'Gisteren hebben Nederland en
    Australië Rusland aansprakelijk gesteld' with both arguments labelled 'nsubj:pass'
    beside 'hebben', the first of them (in an active clause it is the subject)."""
    subjects = dependents(verb, "nsubj")
    if subjects:
        return subjects
    patients = dependents(verb, "nsubj:pass")
    return patients[:1] if len(patients) >= 2 and not is_passive(verb) else []


def co_subjects(verb: Token) -> list[Token]:
    """'samen met X' names X as a further subject ('Nederland heeft ... samen met
    Australië aansprakelijk gesteld')."""
    out = []
    children = list(verb.children) + [g for a in verb.children if a.dep_ in ("aux", "aux:pass")
                                      for g in a.children]
    for c in children:
        if c.lower_ == "samen":
            out += [x for x in c.children if x.dep_.startswith("obl") or x.dep_ == "nmod"]
        elif c.dep_.startswith("obl") and any(x.lower_ == "met" for x in c.children if x.dep_ == "case"):
            if c.i >= 2 and c.doc[c.i - 2].lower_ == "samen" or c.doc[c.i - 1].lower_ == "samen":
                out.append(c)
    return out


def subject_heads(verb: Token) -> list[Token]:
    """The verb's subject, inherited through control, coordination and relatives."""
    tok = verb
    for _ in range(4):
        if is_passive(tok):
            agents = [c for c in tok.children if c.dep_ == "obl:agent" or (
                c.dep_ == "obl" and any(x.lower_ == "door" for x in c.children if x.dep_ == "case"))]
            if agents or tok == verb:
                return agents
        subjects = _own_subjects(tok)
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE and tok.dep_ == "acl:relcl":
                return [tok.head]
            # 'prins Harry en zijn vrouw Meghan klagen ...' parsed as two subjects.
            return [subj] + [s for s in dependents(tok, "nsubj", "obj") if s != subj
                             and s.head == subj.head and _coordinated(subj, s)]
        if (tok.dep_ in ("xcomp", "conj") or _te_infinitive(tok)) and tok.head != tok:
            tok = tok.head
            continue
        if tok.dep_ == "acl:relcl":
            return [tok.head]
        break
    return []


def relative_swap(verb: Token) -> tuple[Token, Token] | None:
    """'Assad, die de VS verantwoordelijk houden': a plural verb cannot agree with a
    singular antecedent, so the relative pronoun is the object and the other noun
    phrase the subject. Returns (subject, object) heads when that is the case."""
    subjects, objects = dependents(verb, "nsubj"), dependents(verb, "obj")
    # A relative clause needs a finite verb: a bare '-en' form tagged infinitive
    # ('die de VS verantwoordelijk houden') is the plural present.
    bare_plural = verb.lower_.endswith("en") and not any(
        c.dep_ in ("aux", "aux:pass") for c in verb.children)
    if not subjects or subjects[0].lower_ not in RELATIVE or not objects or not (
            plural_verb(verb) or bare_plural):
        return None
    pronoun = subjects[0]
    if verb.dep_ == "acl:relcl":
        antecedent = verb.head
    else:  # a relative clause the parser attached elsewhere: the noun before ", die"
        before = [t for t in pronoun.doc[max(pronoun.i - 3, 0):pronoun.i] if not t.is_punct]
        antecedent = before[-1] if before else None
    if antecedent is None or "Plur" in antecedent.morph.get("Number") or antecedent.pos_ not in NOMINAL:
        return None
    return objects[0], antecedent


def content_subjects(tok: Token) -> list[Token]:
    """Subjects of a 'dat' clause the verb or noun governs: 'eist dat Rusland meewerkt',
    'stelt als voorwaarde dat de VS ...' → the one who is to act."""
    clauses = [c for c in tok.children if c.dep_ in ("ccomp", "advcl", "acl", "acl:relcl")
               and any(m.lower_ == "dat" and m.dep_ == "mark" for m in c.children)]
    return [s for c in clauses for s in dependents(c, "nsubj")]


def _te_infinitive(verb: Token) -> bool:
    """A controlled te-infinitive clause ('dreigde op te treden'): no subject of its own."""
    return verb.dep_ in ("ccomp", "advcl", "xcomp") and any(
        c.lower_ == "te" and c.dep_ == "mark" for c in verb.children)


def _frame_matches(verb: Token, frame: VerbFrame) -> Token | None:
    """The complement or light-verb noun token the frame needs (or the verb itself)."""
    if frame.complement:
        if frame.complement in (verb.lemma_.lower(), verb.lower_) and any(
                c.dep_ == "cop" for c in verb.children):
            return verb  # 'is teleurgesteld in', a participle lemmatized as its verb
        for c in verb.children:
            if frame.complement in (c.lemma_.lower(), c.lower_) and c.dep_ in (
                    "xcomp", "compound:prt", "advmod", "obj", "amod", "obl", "nmod"):
                return c
        # 'plaatste Huawei op een zwarte lijst' with the phrase hung on the object;
        # 'is het niet eens met' with 'eens' hung on 'het'.
        for obj in dependents(verb, "obj"):
            for c in obj.children:
                if c.lemma_.lower() == frame.complement and c.dep_ in ("nmod", "advmod") and c.i > obj.i:
                    return c
        return None
    if frame.noun:
        slots = ("obj", "nsubj:pass") if is_passive(verb) else ("obj",)
        for c in verb.children:
            # A bare noun phrase the parser made an oblique ('zestig dagen gegeven') too.
            bare = c.dep_ == "obl" and not any(x.dep_ == "case" for x in c.children)
            if (c.dep_ in slots or bare) and any(x.endswith(frame.noun) for x in noun_lemmas(c)):
                return c
        # 'het akkoord dat Iran sloot met de VS': the noun is the relative's antecedent.
        relative = verb.dep_ == "acl:relcl" or verb.dep_ == "acl" and any(
            c.lower_ in RELATIVE for c in verb.children if c.i < verb.i)
        if relative and any(x.endswith(frame.noun) for x in noun_lemmas(verb.head)) and not [
                c for c in verb.children if c.dep_ == "obj" and c.lower_ not in RELATIVE]:
            return verb.head
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


def _objects(verb: Token, frame: VerbFrame, extra: Token, entities: ArticleEntities
             ) -> list[Resolved]:
    """The frame's object, slot by slot; a mislabelled V2 clause falls back to the
    second core argument."""
    passive = is_passive(verb)
    for slot in frame.object:
        if slot == "obj":
            if passive:
                # The patient of a passive; a parser may label it plain nsubj.
                heads = dependents(verb, "nsubj:pass") or [
                    h for h in dependents(verb, "nsubj") if h.pos_ in NOMINAL]
            else:
                subjects = _own_subjects(verb)
                heads = [h for h in dependents(verb, "obj", "nsubj:pass")
                         if h not in subjects and not any(_coordinated(s, h) for s in subjects)]
            heads = [h for h in heads if h != extra]
        elif slot == "iobj":
            # Double-object verbs: the parser often labels the indirect object 'obj'
            # beside the light-verb noun ('legt Iran sancties op').
            heads = dependents(verb, "iobj") or [
                h for h in dependents(verb, "obj") if h != extra and extra != verb]
        elif slot == "dat":
            heads = content_subjects(verb) + (content_subjects(extra) if extra != verb else [])
        else:
            # The phrase may hang on the complement, or with it on the object
            # ('is het eens met X' with 'eens' and 'met X' under 'het').
            hosts = [verb] if extra == verb else [verb, extra] + (
                [extra.head] if extra.head.head == verb and extra.head.dep_ == "obj" else [])
            heads = next((found for h in hosts if (found := with_case(h, (slot,)))), [])
        if any(h.lower_ in entities.lex.reciprocals for h in heads):
            return []  # "elkaar": the subjects meet one another
        actor = frame.relation not in entities.lex.place_objects
        found = [r for h in heads for r in entities.resolve(h, actor)]
        if not found and frame.relation in entities.lex.evaluative | entities.lex.owner_objects:
            found = [r for h in heads for r in entities.owners(h)]
        if not found and frame.relation in entities.lex.trade_relations:
            found = [r for h in heads for r in goods_origin(h, entities)]
        if found:
            return found
    core = _core_arguments(verb)
    if "obj" in frame.object and not passive and len(core) >= 2 and core[0].dep_ == "nsubj" \
            and not _coordinated(core[0], core[1]):
        return entities.resolve(core[1])
    return []


def _coordinated(first: Token, second: Token) -> bool:
    """'prins Harry en zijn vrouw Meghan klagen ... aan' with the second conjunct parsed
    as another subject or an object: a conjunction between two arguments on the same
    side of the verb makes them one coordinated subject, not subject and object."""
    verb = first.head
    start, end = sorted((first.i, second.i))
    if start < verb.i < end:
        return False
    # The conjunction joins these two phrases, not names inside one ('Nederland en
    # Australië hebben Rusland ... gesteld': 'en' belongs to Australië).
    return any(t.dep_ == "cc" and t.head in (first, second) for t in first.doc[start + 1: end])


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
        construction = "passive" if is_passive(verb) else (
            "light verb" if frame.noun or frame.complement else "verb")
        if frame.holder == "speaker":
            holder = ctx.matrix or ctx.attribution
            subjects = entities.resolve(holder) if holder is not None else []
            objects = [r for h in dependents(verb, "nsubj") for r in entities.resolve(h)]
            construction = "reported"
        elif (swap := relative_swap(verb)) is not None:
            subjects, objects = entities.resolve(swap[0]), entities.resolve(swap[1])
        else:
            subjects = _subjects(verb, ctx, entities, lex)
            if not subjects and ctx.denier is not None and is_passive(verb):
                subjects = entities.resolve(ctx.denier)
            objects = _objects(verb, frame, extra, entities)
        if not objects and relation in SYMMETRIC and len(subjects) >= 2:
            # "Tillerson en Lavrov werken samen", "gaan elkaar ontmoeten": each pair.
            pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
        else:
            pairs = [(a, b) for a in entities.disjoint(subjects, objects) for b in objects]
        if not pairs:
            continue
        negative = ctx.negative != negated(verb, lex, (extra,) if extra != verb else ())
        if wished(verb, lex) and not (negative or _negated_wish(verb, lex)):
            continue  # "wil samenwerken" is only wanted; "wil niet onderhandelen" refuses
        negative = negative or _negated_wish(verb, lex)
        negative = negative != frame.opposes  # 'stemt tegen X' does not support X
        if negative and frame.negated and not ctx.negative and ctx.denier is None:
            relation, negative = frame.negated, False  # 'vertrouwt Johnson niet' criticizes him
        if ctx.denier is not None:
            construction = "denial"
        attribution = None
        source = ctx.denier or ctx.attribution
        if source is not None:
            resolved = entities.resolve(source)
            attribution = resolved[0] if resolved else None
        for_ = _role(verb, extra, frame.for_, entities)
        about = _role(verb, extra, frame.about, entities)
        modal = hedged(verb, lex)
        out += [Candidate(a, relation, b, negative, verb, construction, attribution, for_, about,
                          modal) for a, b in pairs if a.ref != b.ref]
    return out


def _negated_wish(verb: Token, lex: Lexicon) -> bool:
    """'Iran wil niet onderhandelen': the negation sits on the wish verb."""
    heads = [c for c in verb.children if c.dep_ == "aux"] + ([verb.head] if verb.dep_ == "xcomp" else [])
    return any(set(verb_lemmas(h)) & lex.wish_verbs and negated(h, lex) for h in heads)


def _subjects(verb: Token, ctx: ClauseContext, entities: ArticleEntities, lex: Lexicon
              ) -> list[Resolved]:
    """Resolve the subject, with pronouns that stand for a speaker or a group."""
    out = []
    for head in subject_heads(verb) + co_subjects(verb):
        word = head.lower_
        if word in lex.pair_words and (word != "twee" or any(
                c.lower_ == "de" for c in head.children)):
            out += [Resolved(ref, "pronoun", head) for ref in entities.pair()]
        elif word in lex.speaker_pronouns and ctx.attribution is not None:
            out += entities.resolve(ctx.attribution)
        elif word in lex.plural_pronouns and plural_verb(head.head) and ctx.matrix is not None \
                and any(c.dep_ == "conj" for c in ctx.matrix.children):
            out += entities.resolve(ctx.matrix)
        else:
            out += entities.resolve(head) or entities.resolve(_split_name(head))
    return out


def _split_name(subject: Token) -> Token:
    """'De VN-rapporteur voor de mensenrechten Philip Alston heeft ...' parsed as subject
    and another argument: in a main clause only one phrase precedes the finite verb
    (verb second), so a name between the title's phrase and the verb is its apposition."""
    verb, after = subject.head, subject.right_edge.i + 1
    nxt = subject.doc[after] if after < verb.i else None
    main = not any(c.dep_ == "mark" for c in verb.children) and verb.dep_ == "ROOT"
    if main and subject.pos_ == "NOUN" and subject.i < verb.i and nxt is not None \
            and nxt.head == verb and nxt.dep_ in ("nsubj", "obj") and nxt.pos_ == "PROPN" \
            and nxt.right_edge.i + 1 == verb.i:
        return nxt
    return subject


def _role(verb: Token, extra: Token, preps: tuple[str, ...], entities: ArticleEntities
          ) -> EntityRef | None:
    if not preps:
        return None
    heads = with_case(verb, preps) or (with_case(extra, preps) if extra != verb else [])
    for head in heads:
        for tok in [head, *head.subtree]:
            m = entities.by_token.get(tok.i)
            if m:
                return m.ref
    return None
