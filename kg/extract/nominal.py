"""Nominalisations: event nouns whose prepositional phrases name the participants.

Nominalised infinitives work like passives: ``het neerhalen van de drone door Iran``
→ Iran shoots down the drone ('van' gives the patient, 'door' the agent).

``een ontmoeting tussen Blok en Lavrov`` → Blok meets Lavrov;
``het bezoek van Blok aan Moskou`` → Blok visits Moscow;
``de ontmoeting van Tillerson met Poetin`` → Tillerson meets Poetin.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.clauses import Candidate, _frames_for, is_passive, subject_heads, with_case
from kg.extract.context import dependents, negated, noun_lemmas, surroundings, verb_lemmas, wished
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.gender import agreeing
from kg.extract.goods import affected, goods_origin
from kg.extract.lexicon import Lexicon, NounFrame


def noun_frame(lemma: str, lex: Lexicon) -> NounFrame | None:
    """The frame of an event noun, compounds included ('importtarief' → 'tarief',
    'staatsbezoek' → 'bezoek'): Dutch compounds are right-headed."""
    if lemma in lex.nouns:
        return lex.nouns[lemma]
    heads = [n for n in lex.nouns if len(n) >= 4 and lemma.endswith(n)]
    return lex.nouns[max(heads, key=len)] if heads else None


OCCASION = ("bij", "tijdens", "op")


def _place_name(noun: Token, phrase: Token, entities: ArticleEntities, lex: Lexicon) -> bool:
    """'het akkoord van Minsk', 'de top van Brussel': an agreement or meeting named after
    a city (a capital stands for no state there)."""
    if not any(x.endswith(tuple(lex.place_named_events)) for x in noun_lemmas(noun)):
        return False
    m = entities.by_token.get(phrase.i)
    return m is not None and (m.seat_of is not None or m.ref.type == "Place") and any(
        c.dep_ == "case" and c.lower_ == "van" for c in phrase.children)


def _present(noun: Token, entities: ArticleEntities) -> tuple[list[Resolved], list[Resolved]]:
    """'Pompeo gaf Lavrov die waarschuwing bij een ontmoeting': a gathering without
    participants of its own, as the occasion of a clause, is one between the people
    the clause names as subject and object."""
    case = [c.lower_ for c in noun.children if c.dep_ == "case"]
    if not noun.dep_.startswith("obl") or not case or case[0] not in OCCASION:
        return [], []
    verb = noun.head
    people = [[r for h in heads for r in entities.resolve(h) if r.ref.type == "Person"]
              for heads in (subject_heads(verb), dependents(verb, "obj", "iobj"))]
    return people[0], people[1]




def _possessor(det: Token, noun: Token, entities: ArticleEntities) -> list[Resolved]:
    """'zijn bezoek': a possessive in a clause refers to that clause's subject when it
    is a person ('Trump begon aan zijn staatsbezoek', 'May ging haar akkoord voorleggen'
    through the infinitive's controller), else to the last person."""
    verb = noun.head
    fits = agreeing(det, entities.lex, entities.titles)
    for subject in subject_heads(verb):
        found = [r for r in entities.resolve(subject) if r.ref.type == "Person" and fits(r.ref)]
        if found:
            return found
    if det.pos_ == "PRON" or det.dep_ == "nmod:poss":
        return entities.resolve(det)
    last = entities.last_person(det)
    return [Resolved(last, "pronoun", det)] if last else []


def _companions(noun: Token, entities: ArticleEntities) -> list[Resolved]:
    """'een ontmoeting met Merkel, samen met premier Michel': 'samen met' adds a guest."""
    return [r for c in noun.children if c.lemma_.lower() == "samen"
            for h in with_case(c, ("met",)) for r in entities.resolve(h)]


def _topic(guests: list[Resolved], noun: Token, entities: ArticleEntities) -> list[Resolved]:
    """'Een ontmoeting met Merkel staat ook op de agenda': a gathering that is its clause's
    subject and names only guests is the host's, the person the text is about (the last
    person named as a subject, by the centering preference of ``ArticleEntities.note``)."""
    host = entities.last("Person", tuple(g.ref for g in guests))
    return [Resolved(host, "description", noun)] if host else []


def _stranded(noun: Token, preps: tuple[str, ...]) -> list[Token]:
    """'sprak over zijn aanval van gisteren op Baudet' with 'op Baudet' hung on the verb:
    a phrase with the frame's preposition that follows the noun's own phrase at once
    is the noun's."""
    own = [noun] + [t for c in noun.children if c.dep_ not in ("appos", "punct", "acl:relcl")
                    for t in c.subtree]  # a misplaced apposition belongs to the phrase after
    end = max(t.i for t in own) + 1
    if end >= len(noun.doc) or noun.head == noun:
        return []
    case = noun.doc[end]
    phrase = case.head
    if case.dep_ == "case" and case.lower_ in preps and phrase.head == noun.head \
            and phrase.dep_.startswith("obl"):
        return [phrase]
    return []


def noun_candidates(noun: Token, entities: ArticleEntities, lex: Lexicon,
                    speaker: Token | None = None) -> list[Candidate]:
    """``speaker`` is who another sentence says spoke this one, for 'mijn'/'onze'."""
    frame = next(filter(None, (noun_frame(x, lex) for x in noun_lemmas(noun))), None)
    if frame is None or any(c.lower_ in lex.speculative for c in noun.children):
        return []
    subject_phrases = [h for h in with_case(noun, frame.subject) if not _place_name(noun, h, entities, lex)]
    subjects = [r for h in subject_phrases for r in entities.resolve(h)]
    demonym = next((lex.adjectives[c.lower_] for c in noun.children
                    if c.dep_ == "amod" and c.lower_ in lex.adjectives), None)
    if not subjects and demonym is not None:
        # "de Amerikaanse sancties tegen Iran": the demonym names the agent.
        subjects = [Resolved(demonym, "demonym", noun)]
    if subject_phrases:
        # A conjunct hung on the event noun instead of on the first participant
        # ("ontmoeting van Tillerson en Lavrov") still names a participant.
        subjects += [r for c in noun.children if c.dep_ == "conj" and c.pos_ == "PROPN"
                     for r in entities.resolve(c)]
    ctx = surroundings(noun.head if noun.dep_ != "ROOT" else noun, lex)
    possessors = []
    for child in noun.children:
        if child.lower_ in lex.speaker_pronouns and child.dep_ in ("det", "nmod:poss"):
            source = ctx.attribution if ctx.attribution is not None else speaker
            possessors += entities.resolve(source) if source is not None else []  # "mijn respect"
        elif child.dep_ in ("det", "nmod:poss") and child.pos_ == "PROPN":
            possessors += entities.resolve(child)  # "Pompeo's bezoek"
        elif child.dep_ == "nmod:poss" or (child.dep_ == "det" and child.lower_ in ("zijn", "haar")):
            possessors += _possessor(child, noun, entities)
    # The possessor is the 'van' side: 'Mays voorganger' is 'de voorganger van May'.
    owner_is_object = "van" in frame.object and "van" not in frame.subject
    if not owner_is_object:
        subjects += possessors
    governor = noun.head if noun.dep_ in ("obj", "nsubj:pass", "obl") and noun.head != noun else None
    object_phrases = with_case(noun, frame.object)
    if not object_phrases and governor is not None and noun.dep_ == "obj":
        object_phrases = with_case(governor, frame.object)  # "heeft een ontmoeting met X"
    if not object_phrases:
        object_phrases = _stranded(noun, frame.object)
    actor = frame.relation not in lex.place_objects
    objects = [r for h in object_phrases for r in entities.resolve(h, actor)]
    if not objects and frame.relation in lex.evaluative | lex.owner_objects:
        objects = [r for h in object_phrases for r in entities.owners(h)]
    if not objects and frame.relation in lex.trade_relations:
        objects = [r for h in object_phrases for r in goods_origin(h, entities)] or \
            affected(noun, entities)
    if owner_is_object:
        objects += possessors
    if not objects and subjects and governor is not None and noun.dep_ == "obj" and \
            set(verb_lemmas(governor)) & lex.receiving_verbs:
        # 'Rutte kreeg een uitnodiging van Trump': the receiver is the act's object.
        objects = [r for h in subject_heads(governor) for r in entities.resolve(h)]
    if frame.relation in lex.gatherings:
        objects += _companions(noun, entities)
        if not subjects and not objects:
            subjects, objects = _present(noun, entities)
        elif not subjects and noun.dep_ == "nsubj" and not possessors:
            subjects = _topic(objects, noun, entities)
    if not subjects and objects and frame.relation in lex.conversations and noun.dep_.startswith("obl") \
            and noun.head.pos_ == "VERB":
        # 'zei Rutte in een interview met de NOS': the clause's subject holds it.
        subjects = [r for h in subject_heads(noun.head) for r in entities.resolve(h)]
    if not objects and len(subjects) >= 2:
        # "tussen A en B" / "van A en B": the first names one side, the rest the other.
        subjects, objects = subjects[:1], subjects[1:]
    denied = governor is not None and bool(set(verb_lemmas(governor)) & lex.denial_verbs)
    if not subjects and objects and governor is not None and \
            set(verb_lemmas(governor)) & lex.support_verbs:
        # "Rohani wijst gesprekken met Trump af": the event's agent is the verb's subject,
        # or its controller ("zei respect te hebben voor X").
        subjects = [r for h in subject_heads(governor) for r in entities.resolve(h)]
    negative = negated(noun, lex) != denied
    if governor is not None and wished(governor, lex) and not negative:
        return []  # 'wil een akkoord sluiten met Iran': only wanted, as for verbs
    attribution = None
    if ctx.attribution is not None:
        resolved = entities.resolve(ctx.attribution)
        attribution = resolved[0] if resolved else None
    pairs = [(s, o) for s in subjects for o in objects]
    if frame.relation in lex.gatherings and subjects:
        # "een lunch met Macron en de premiers van Spanje en Portugal": one gathering,
        # so every guest meets every other guest as well as the host.
        pairs += [(a, b) for i, a in enumerate(objects) for b in objects[i + 1:]]
    return [Candidate(s, frame.relation, o, negative, noun, "nominal", attribution)
            for s, o in pairs if s.ref != o.ref]


def infinitive_candidates(verb: Token, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'het neerhalen van een Amerikaanse drone door Iran': the agent is the 'door'
    phrase (a parser may hang it on the patient), the patient the 'van' phrase."""
    if "Inf" not in verb.morph.get("VerbForm") or not any(
            c.dep_ == "det" and c.lower_ == "het" for c in verb.children):
        return []
    patients = with_case(verb, ("van",))
    agents = with_case(verb, ("door",)) + [a for p in patients for a in with_case(p, ("door",))]
    governor = verb.head
    if not agents and governor != verb and not is_passive(governor):
        # An active governor takes no agent: its 'door' phrase after the infinitive is the event's.
        agents = [a for a in with_case(governor, ("door",)) if a.i > verb.i]
    subjects = [r for h in agents for r in entities.resolve(h)]
    objects = [r for h in patients for r in entities.resolve(h)]
    frames = [f for f in _frames_for(verb, lex) if "obj" in f.object and not (
        f.noun or f.complement or f.holder)]
    negative = negated(verb, lex) != bool(set(verb_lemmas(governor)) & lex.denial_verbs)
    return [Candidate(s, f.relation, o, negative, verb, "nominal") for f in frames[:1]
            for s in subjects for o in objects if s.ref != o.ref]
