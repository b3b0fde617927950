"""Repairs inside names and noun phrases (see kg.extract.repair for the list and why).

A name holds no verbs, determiners, prepositions or pronouns, and a phrase starts at its
preposition; where a parse says otherwise, the word is moved to where it belongs.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import _dictionary_lemma
from kg.extract.lexicon import Lexicon

NOMINAL = ("NOUN", "PROPN")
NAME_PARTS = ("flat", "flat:name", "fixed", "compound", "appos")


def phrase_head(tok: Token) -> Token:
    while tok.dep_ in NAME_PARTS and tok.head != tok:
        tok = tok.head
    return tok


def clause_verb(tok: Token) -> Token | None:
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def verb_in_name(verb: Token) -> None:
    name = verb.doc[verb.i - 1] if verb.i else None
    if name is None or name.pos_ != "PROPN" or any(
            c.dep_ in ("det", "aux", "aux:pass", "mark", "cop") for c in verb.children):
        return
    for child in list(verb.children):
        child.head = verb.head
    first = name.head if name.dep_ in ("flat", "flat:name") else name
    verb.head, verb.dep_, verb.pos_ = first, "flat", "PROPN"


def numeral_before_preposition(num: Token) -> None:
    noun = num.head
    verb = noun.head
    case = [c for c in noun.children if c.dep_ == "case"]
    if not case or case[0].i < num.i or not any(c.dep_ == "det" for c in num.children) or \
            noun.dep_ != "obl" or verb.pos_ not in ("VERB", "AUX") or \
            any(c.dep_.startswith("nsubj") for c in verb.children):
        return
    num.head, num.dep_ = verb, "nsubj"


def listed_name_on_verb(name: Token) -> None:
    holder = name.head
    if name.dep_ != "conj" or holder.i > name.i or holder.pos_ not in ("VERB", "AUX", "PROPN", "NOUN"):
        return
    j = name.i - 1
    while j >= 0 and (name.doc[j].is_punct or name.doc[j].dep_ == "cc" or name.doc[j].head == name):
        j -= 1
    if j < 0 or not any(t.lower_ in (",", "en", "of") for t in name.doc[j + 1:name.i]):
        return
    first = phrase_head(name.doc[j])
    if first.dep_ == "conj" and first.head.pos_ in NOMINAL:
        first = first.head
    if first.pos_ not in NOMINAL or first.dep_ in ("ROOT", "conj") or first in name.subtree:
        return
    if holder.pos_ in NOMINAL and not (name.pos_ == first.pos_ == "PROPN"):
        return  # a common noun may head the list; only names listed with names move
    name.head = first


def noun_in_name(noun: Token) -> None:
    name = noun.head
    if noun.dep_ != "flat" or noun.pos_ != "NOUN" or name.pos_ != "PROPN" or not any(
            c.dep_ in ("det", "nmod:poss") and c.i < noun.i for c in noun.children):
        return
    verb = clause_verb(name)
    if verb is not None:
        noun.head, noun.dep_ = verb, "obj"


def preposition_in_name(prep: Token, lex: Lexicon) -> None:
    name = prep.head
    rest = [t for t in name.doc[prep.i + 1:] if t.head == name and t.dep_ == "flat"]
    verb = name
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if prep.lower_ not in lex.location_prepositions or not rest or rest[0].i != prep.i + 1 \
            or rest[0].pos_ != "PROPN" or verb.pos_ not in ("VERB", "AUX"):
        return
    noun = rest[0]
    noun.head, noun.dep_ = verb, "obl"
    prep.head, prep.dep_ = noun, "case"
    for i, t in enumerate(rest[1:], start=1):
        if t.i != noun.i + i:
            break
        t.head = noun  # 'Downing Street': the rest of the place name


def pronoun_in_name(pronoun: Token) -> None:
    """'nadat premier May hem uitnodigde' with 'hem' as part of the name: names hold no
    pronouns; an object-case pronoun is the verb's object."""
    verb = clause_verb(pronoun.head)
    if verb is not None and "Acc" in pronoun.morph.get("Case"):
        pronoun.head, pronoun.dep_ = verb, "obj"


def name_after_title(name: Token, lex: Lexicon) -> None:
    """A name right after a title noun, made a bare oblique of the verb ('premier | May'):
    an oblique has a preposition, so the name is the title's apposition."""
    title = name.doc[name.i - 1] if name.i else None
    if title is None or title.text.lower() not in lex.titles or title.head != name.head or any(
            c.dep_ == "case" for c in name.children):
        return
    name.head, name.dep_ = title, "appos"


def name_on_common_noun(name: Token, lex: Lexicon) -> None:
    noun = name.head
    verb = noun.head
    if name.text not in lex.names or noun.pos_ != "NOUN" or not noun.dep_.startswith("obl") \
            or not any(c.dep_ == "case" for c in noun.children) or verb.pos_ != "VERB":
        return
    if not any(c.dep_ == "obj" for c in verb.children):
        name.head, name.dep_ = verb, "obj"


def country_in_name(name: Token, lex: Lexicon) -> None:
    """'bezocht Akihito Nederland' with 'Nederland' a flat part of 'Akihito': a person's
    name holds no state's name, so the state is the verb's object."""
    ref = lex.names.get(name.text)
    person = phrase_head(name)
    verb = clause_verb(person)
    if ref is None or ref.type != "Country" or person.ent_type_ != "PER" or verb is None \
            or person.head != verb or any(c.dep_ == "obj" for c in verb.children):
        return
    name.head, name.dep_ = verb, "obj"


def relative_on_place(clause: Token) -> None:
    place = clause.head
    if place.ent_type_ not in ("LOC", "GPE") or not any(
            c.lower_ == "die" and c.i < clause.i for c in clause.children if c.dep_.startswith(("nsubj", "obj"))):
        return
    noun = phrase_head(place).head
    if place.dep_ == "nmod" and noun.pos_ == "NOUN" and noun.i < place.i:
        clause.head = noun


def finite_verb_in_name(word: Token, lex: Lexicon) -> None:
    """'Sadiq Khan vergeleek Trump met ...' parsed as one name with the sentence's only
    verb in it: a lower-case word inflected from a verb the lexicon knows is no name
    part, so it heads the clause, the name before it its subject, a name after it its
    object, and the rest of the sentence its dependents."""
    name = word.head
    if word.dep_ != "flat" or not word.is_lower or name.head != name or name.pos_ not in NOMINAL \
            or any(t.pos_ in ("VERB", "AUX") for t in word.sent):
        return
    lemma = _dictionary_lemma(word.lower_)
    known = lemma in lex.frames or lemma in lex.speech_verbs | lex.naming_verbs | lex.comparison_verbs
    if lemma == word.lower_ or not known:
        return
    parts = sorted([c for c in name.children if c.dep_ in ("flat", "flat:name")], key=lambda t: t.i)
    after = [t for t in parts if t.i > word.i]
    for c in list(name.children):
        if c.i > word.i and c not in after:
            c.head = word
    word.head, word.dep_, word.pos_, word.lemma_ = word, "ROOT", "VERB", lemma
    name.head, name.dep_ = word, "nsubj"
    if after and after[0].i == word.i + 1 and after[0].pos_ == "PROPN":
        after[0].head, after[0].dep_ = word, "obj"
        for t in after[1:]:
            t.head = after[0]
    else:
        for t in after:
            t.head, t.dep_ = word, "dep"
