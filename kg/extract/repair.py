"""Repair: fix parses that break UD's own rules before facts are read from them.

A statistical parser trained on little data sometimes gives a verb two subjects
(the object of a verb-second clause labelled ``nsubj``), a passive subject beside
'hebben', or leaves a separable particle hanging off another word. These
structures are impossible in UD Dutch, so each has one sensible repair (those inside
names and noun phrases are in kg.extract.repair_names):

* two subjects: the most agentive stays subject (a nominative pronoun, then a name),
  ties going to the first in word order (Dutch main clauses put the subject before
  the object, both in S-V-O and in inverted X-V-S-O order); the others become ``obj``;
* ``nsubj:pass`` with 'hebben' and no passive auxiliary: ``obj``;
* a clause with two objects and no subject ('Ook heeft Washington de druk opgevoerd'):
  the most agentive object is the subject, as above;
* no subject and one object before the finite auxiliary ('Het ministerie heeft
  aangekondigd ...' with 'ministerie' as obj): the first constituent is the subject;
* a common-noun subject beside two objects of which one names an actor ('Die waarschuwing
  heeft Pompeo zijn ambtgenoot Lavrov gegeven'): a fronted object; the most agentive
  object is the subject;
* a verb hung as ``conj`` on the first of two coordinated subjects ('China en de VS
  onderhandelden' parsed as China ← conj ← onderhandelden ← nsubj VS): the verb heads
  the clause and both nouns are its subject;
* a known name hung as ``flat`` on a common noun inside a prepositional phrase ('waarschuwde
  Trump via Twitter China'): names are flat only with names; it is the verb's object;
* a verb without particle followed in its clause by a bare particle word such that
  particle+verb is a verb the lexicon knows ('riep Moskou ... op'): ``compound:prt``;
* a name of a list hung as ``conj`` on the verb or on an earlier noun ('sloot met de VS,
  Rusland en China'): a name listed after a name is coordinated with it; it joins the
  list's first member;
* a known state's name hung as ``flat`` on a person's name ('bezocht Akihito Nederland'):
  it is the verb's object;
* a common noun with its own determiner hung as ``flat`` on a name ('dat May haar akkoord
  ... ging voorleggen'): names hold no determiners; it is the verb's object;
* an ``obj`` with its own preposition ('zich voor de kandidatuur inzetten'): objects
  have none, so it is an oblique;
* a participle hung as ``ccomp`` on a perfect auxiliary that holds the subject ('Rutte
  heeft zijn collega May bedankt'): it heads the clause, its 'subject' is the object;
* a content verb hung as ``aux`` on a verb after a subordinator ('Rutte heeft May bedankt
  nu zij haar aftreden heeft aangekondigd' with 'bedankt' an aux of 'aangekondigd'): a
  verb-final clause after a subordinator cannot hold the main clause before it, so the
  content verb heads the sentence and the subordinate clause is its ``advcl``;
* an adjective or adverb holding an auxiliary and one verb ('heeft economisch ... de druk
  opgevoerd', 'zal hem, samen met ..., ontvangen'): the verb heads the clause;
* an object of 'gaan', 'blijven' or a modal beside a bare infinitive ('gaat de tarieven
  verhogen'): these verbs take no object of their own there; it is the infinitive's;
* an object pronoun hung as ``flat`` on a name ('premier May hem uitnodigde'): it is the
  verb's object; a name after a title made a bare ``obl``: the title's apposition;
* a preposition hung as ``flat`` inside a name ('met premier May in Downing Street'):
  names have no prepositions, so it starts a phrase of the clause; its noun becomes an
  ``obl`` of the name's verb with the preposition as ``case``;
* a sentence whose only verb was parsed as part of a name ('Sadiq Khan vergeleek Trump
  met ...' as one name): a lower-case inflected form of a verb the lexicon knows heads
  the clause, with the name before it as subject and the name after it as object;
* a numeral with its own determiner hung before the preposition of a phrase ('spraken de
  twee over kwesties' with 'de twee' in 'over kwesties'): a phrase starts at its
  preposition, so it is the subject of a verb that has none;
* a 'verb' right after a name that is itself a subject ('de regering van president Bashar
  al-Assad is verantwoordelijk' with 'al-Assad' a verb holding 'regering'): a verb is no
  subject, so it is the name's last part, and its dependents go to its head;
* an 'om ... te' clause hung on a verb of which it follows the complement clause ('benadrukte
  dat Iran niet van plan is om ... te onderhandelen'): it belongs to the nearer clause;
* a relative clause opened by 'die' hung on a place name inside a phrase ('de Zwitserse
  ambassade in Teheran, die ... vertegenwoordigt'): place names are neuter and take 'dat',
  so 'die' refers to the noun the place phrase belongs to;
* a name hung as ``appos`` or ``nmod`` on the noun of a bare time phrase ('bezocht vorige
  week Duitsland' with Duitsland on 'week'): a time phrase takes no apposition, so the name
  is the verb's object (when the verb has none).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.context import RELATIVE
from kg.extract.lexicon import Lexicon
from kg.extract.repair_names import (NOMINAL, country_in_name, finite_verb_in_name, listed_name_on_verb,
                                     name_after_title,
                                     name_on_common_noun, noun_in_name, numeral_before_preposition,
                                     preposition_in_name, pronoun_in_name, relative_on_place,
                                     verb_in_name)

NOMINATIVE = {"ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "u"}
PARTICLES = {"op", "af", "uit", "aan", "mee", "in", "over", "toe", "terug", "door", "neer",
             "vrij", "samen", "bij", "voor", "na", "weg", "tegen"}
CLAUSE_END = {",", ";", ":", ".", "!", "?"}
PERFECT = {"hebben", "zijn"}


def repair(doc: Doc, lex: Lexicon) -> Doc:
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            finite_verb_in_name(tok, lex)
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN"):
            _coordinated_subject(tok)
    for tok in doc:
        if tok.pos_ in NOMINAL:
            listed_name_on_verb(tok)
            noun_in_name(tok)
            _prepositional_object(tok)
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX"):
            _participle_under_auxiliary(tok)
        elif tok.pos_ in ("ADJ", "ADV"):
            _verb_under_modifier(tok)
    for tok in doc:
        if tok.dep_ == "aux" and tok.pos_ == "VERB":
            _main_verb_before_subordinate(tok, lex)
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX"):
            _object_of_infinitive(tok, lex)
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN", "PROPN"):
            _one_subject(tok)
            _active_object(tok)
            _subject_among_objects(tok)
            _fronted_object(tok)
        if tok.pos_ == "VERB":
            _stranded_particle(tok, lex)
        if tok.dep_ == "flat" and tok.pos_ == "PROPN":
            name_on_common_noun(tok, lex)
            country_in_name(tok, lex)
        if tok.dep_ == "flat" and tok.pos_ == "ADP":
            preposition_in_name(tok, lex)
        if tok.dep_ == "flat" and tok.pos_ == "PRON":
            pronoun_in_name(tok)
        if tok.dep_ == "obl" and tok.pos_ == "PROPN":
            name_after_title(tok, lex)
        if tok.pos_ == "NUM" and tok.dep_ == "nummod":
            numeral_before_preposition(tok)
        if tok.pos_ == "VERB" and tok.dep_ == "nsubj":
            verb_in_name(tok)
        if tok.dep_ == "acl:relcl" and tok.head.pos_ == "PROPN":
            relative_on_place(tok)
        if tok.dep_ == "advcl" and any(c.lower_ == "om" and c.dep_ == "mark" for c in tok.children):
            _purpose_after_complement(tok)
        if tok.dep_ in ("appos", "nmod") and tok.pos_ == "PROPN":
            _name_after_time_phrase(tok, lex)
    return doc


def _name_after_time_phrase(name: Token, lex: Lexicon) -> None:
    time = name.head
    verb = time.head
    if (time.dep_ in ("obl", "obl:tmod", "nmod:tmod") and time.lower_ in lex.time_nouns
            and time.i < name.i and verb.pos_ in ("VERB", "AUX")
            and not any(c.dep_ == "case" for c in time.children)
            and not any(c.dep_ == "case" for c in name.children)
            and not any(c.dep_ == "obj" for c in verb.children)):
        name.head = verb
        name.dep_ = "obj"


def _purpose_after_complement(clause: Token) -> None:
    start = clause.left_edge.i
    for comp in clause.head.children:
        if comp.dep_ == "ccomp" and comp.right_edge.i + 1 == start:
            clause.head = comp
            return


def _prepositional_object(noun: Token) -> None:
    if noun.dep_ in ("obj", "iobj") and any(
            c.dep_ == "case" and c.pos_ == "ADP" and c.i < noun.i for c in noun.children):
        noun.dep_ = "obl"


def _participle_under_auxiliary(aux: Token) -> None:
    """'Rutte heeft zijn collega May bedankt' parsed with 'heeft' as the head and the
    participle as its ccomp: a complement clause needs 'dat' or 'te', so the participle
    heads the clause, 'heeft' is its auxiliary and what the parser made the participle's
    subject is its object."""
    if aux.lemma_.lower() not in PERFECT:
        return
    parts = [c for c in aux.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"
             and c.i > aux.i and not any(m.dep_ in ("mark", "aux", "aux:pass") for m in c.children)]
    subjects = [c for c in aux.children if c.dep_ == "nsubj"]
    if len(parts) != 1 or not subjects:
        return
    part = parts[0]
    for c in part.children:
        if c.dep_ == "nsubj":
            c.dep_ = "obj"
    part.head, part.dep_ = (part if aux.head == aux else aux.head), aux.dep_
    for c in list(aux.children):
        if c != part:
            c.head = part
    aux.head, aux.dep_ = part, "aux"


def _main_verb_before_subordinate(verb: Token, lex: Lexicon) -> None:
    head = verb.head
    if verb.lemma_.lower() in lex.infinitive_verbs | PERFECT | lex.copulas or head.i < verb.i:
        return
    opener = next((c for c in head.children if verb.i < c.i < head.i
                   and c.lower_ in lex.subordinators and c.dep_ in ("mark", "advmod")), None)
    if opener is None:
        return
    verb.head, verb.dep_ = (verb if head.head == head else head.head), head.dep_
    for c in list(head.children):
        if c.i < opener.i and c != verb:
            c.head = verb
    head.head, head.dep_ = verb, "advcl"
    opener.dep_ = "mark"


def _verb_under_modifier(word: Token) -> None:
    """'heeft ... economisch en militair de druk opgevoerd' parsed with the adverbial
    'economisch' holding the auxiliary and the participle as its acl: an adjective or
    adverb heads no auxiliary, so the one verb beside it heads the clause."""
    if not any(c.dep_ == "aux" for c in word.children):
        return
    verbs = [c for c in word.children if c.pos_ == "VERB" and c.i > word.i and c.dep_ in (
        "acl", "acl:relcl", "advcl", "ccomp", "xcomp") and not any(
        m.dep_ in ("mark", "aux", "aux:pass", "nsubj") or m.lower_ in RELATIVE for m in c.children)]
    if len(verbs) != 1:
        return
    verb = verbs[0]
    verb.head, verb.dep_ = (verb if word.head == word else word.head), word.dep_
    for c in list(word.children):
        if c != verb and c.dep_ not in ("advmod", "amod", "cc", "conj"):
            c.head = verb
    word.head, word.dep_ = verb, "advmod"


def _object_of_infinitive(verb: Token, lex: Lexicon) -> None:
    if not set(_lemmas(verb)) & lex.infinitive_verbs:
        return
    bare = [c for c in verb.children if c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm")
            and not any(m.lower_ == "te" for m in c.children)]
    if len(bare) != 1 or any(c.dep_ == "obj" for c in bare[0].children):
        return
    for c in list(verb.children):
        if c.dep_ == "obj" and c.i < bare[0].i:
            c.head = bare[0]


def _lemmas(verb: Token) -> tuple[str, ...]:
    return (verb.lemma_.lower(), verb.lower_)


def _arguments(verb: Token, dep: str) -> list[Token]:
    out = [c for c in verb.children if c.dep_ == dep]
    for aux in verb.children:
        if aux.dep_ in ("aux", "aux:pass", "cop"):
            out += [c for c in aux.children if c.dep_ == dep]
    return sorted(out, key=lambda t: t.i)


def _one_subject(verb: Token) -> None:
    subjects = [s for s in _arguments(verb, "nsubj") if s.pos_ in ("NOUN", "PROPN", "PRON")]
    if len(subjects) < 2:
        return
    keep = min(subjects, key=lambda s: (-_agentivity(s), s.i))
    for s in subjects:
        if s != keep:
            s.dep_ = "obj"
            s.head = verb


def _subject_among_objects(verb: Token) -> None:
    """No subject, or a fronted common noun as subject, beside two objects."""
    if verb.dep_ in ("acl:relcl", "xcomp", "acl") or any(
            c.dep_ in ("aux:pass", "mark") and c.lower_ in ("te", "om", "worden") or
            c.dep_ in ("nsubj:pass", "aux:pass", "expl") for c in verb.children):
        return
    if not any(c.dep_ in ("aux", "cop") for c in verb.children):
        return
    subjects = _arguments(verb, "nsubj")
    objects = [o for o in _arguments(verb, "obj") if o.pos_ in ("NOUN", "PROPN", "PRON")]
    if len(objects) < 2 or len(subjects) > 1:
        return
    subject = min(objects, key=lambda s: (-_agentivity(s), s.i))
    if not subjects:
        subject.dep_ = "nsubj"
    elif subjects[0].pos_ == "NOUN" and _agentivity(subjects[0]) == 1 < _agentivity(subject) \
            and subjects[0].i < verb.i:
        subjects[0].dep_, subject.dep_ = "obj", "nsubj"


def _fronted_object(verb: Token) -> None:
    """No subject and one object before the finite auxiliary: in a verb-second clause
    without a subject, that first constituent can only be the subject."""
    aux = [c for c in verb.children if c.dep_ == "aux" and "Fin" in c.morph.get("VerbForm")]
    if not aux or _arguments(verb, "nsubj") or _arguments(verb, "nsubj:pass") or any(
            c.dep_ in ("aux:pass", "expl", "mark") for c in verb.children):
        return
    objects = [o for o in _arguments(verb, "obj") if o.pos_ in ("NOUN", "PROPN", "PRON")]
    if len(objects) == 1 and objects[0].i < aux[0].i:
        objects[0].dep_ = "nsubj"


def _coordinated_subject(first: Token) -> None:
    verbs = [c for c in first.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for verb in verbs:
        second = next((c for c in verb.children if c.dep_ == "nsubj" and first.i < c.i < verb.i), None)
        if second is None or not any(c.dep_ == "cc" and first.i < c.i < second.i
                                     for c in [*first.children, *second.children]):
            continue
        if first.head.i == first.i:
            verb.head, verb.dep_ = verb, "ROOT"
        else:
            verb.head, verb.dep_ = first.head, first.dep_
        for c in list(first.children):
            if c.i > verb.i and c.dep_ in ("conj", "parataxis", "punct"):
                c.head = verb
        first.head, first.dep_ = verb, "nsubj"
        second.head, second.dep_ = first, "conj"
        return


def _agentivity(tok: Token) -> int:
    """How likely a noun phrase is the subject: nominative pronouns, names and definite
    noun phrases act; a fronted noun with a demonstrative ('Die waarschuwing heeft Pompeo
    ... gegeven') or none is a topic; 'als X' is a role."""
    if tok.lower_ in NOMINATIVE:
        return 3
    if tok.i and tok.doc[tok.i - 1].lower_ == "als":
        return 0  # 'Als Eurocommissaris startte Timmermans ...': a role, not the subject
    if tok.pos_ == "PROPN" or tok.ent_type_ or any(
            c.dep_ in ("appos", "flat", "flat:name") and c.pos_ == "PROPN" for c in tok.children):
        return 2
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("de", "het") for c in tok.children):
        return 2  # 'De Amerikaanse regering legt China heffingen op': the first stays subject
    return 1


def _active_object(verb: Token) -> None:
    deps = {c.dep_ for c in verb.children}
    if "nsubj:pass" in deps and "aux:pass" not in deps and "obl:agent" not in deps and any(
            c.dep_ == "aux" and c.lemma_.lower() == "hebben" for c in verb.children):
        for c in verb.children:
            if c.dep_ == "nsubj:pass":
                c.dep_ = "obj"


def _stranded_particle(verb: Token, lex: Lexicon) -> None:
    if any(c.dep_ == "compound:prt" for c in verb.children):
        return
    lemma = verb.lemma_.lower().replace("_", "")
    for tok in verb.doc[verb.i + 1: verb.sent.end]:
        if tok.text in CLAUSE_END or tok.pos_ in ("VERB", "AUX") and tok != verb:
            break
        if tok.dep_ == "case" and tok.head.i > tok.i and tok.head.dep_.startswith("nmod"):
            continue  # 'de plaatsing van Huawei op de zwarte lijst': inside a noun phrase
        if tok.lower_ in PARTICLES and not list(tok.children) and tok.lower_ + lemma in lex.frames:
            tok.head = verb
            tok.dep_ = "compound:prt"
            return
