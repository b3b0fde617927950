"""Clause context: polarity, attribution, time and place of a fact.

Polarity follows the negation cues inside the clause and any denial or refusal
verb above it; attribution climbs from the fact's verb to the nearest verb of
saying or to a ``volgens X`` / ``aldus X`` phrase in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from spacy.tokens import Span, Token

from kg.extract.entities import ArticleEntities
from kg.extract.lexicon import Lexicon, lexicon
from kg.extract.records import EntityRef

CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj"}
WEEKDAYS = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
            "gisteren", "vandaag", "eergisteren", "vanochtend", "vanmiddag", "vanavond"}
PLACE_OR_TIME = {"in", "te", "op", "bij", "tijdens", "na", "voor"}
YEAR = re.compile(r"^(19|20)\d\d$")
QUOTES = ("„", '"', "“", "”", "‘", "’", "'")


def verb_lemmas(verb: Token) -> tuple[str, ...]:
    """Candidate full lemmas, separable particle joined ('roept ... op' → 'oproepen').

    The pipeline's lemma comes first; simplemma's dictionary lemma and, for an
    infinitive, the form itself back it up, so a lemmatizer slip ('ontkend' → 'ontken',
    'treden' → 'trede') or another pipeline's conventions do not hide a verb."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "compound:prt"), "")
    return _verb_lemmas(verb.lemma_.lower(), verb.lower_, "Inf" in verb.morph.get("VerbForm"),
                        verb.pos_ == "VERB", particle)


@lru_cache(maxsize=65536)
def _verb_lemmas(lemma: str, word: str, infinitive: bool, tagged_verb: bool,
                 particle: str) -> tuple[str, ...]:
    """``verb_lemmas`` from the token's lemma, form, tags and particle (memoised: every
    construction asks for every verb's lemmas, 7 % of a build before)."""
    out: list[str] = []
    lemmas = [lemma, _dictionary_lemma(word), word if infinitive else ""]
    if tagged_verb and word in lexicon().verb_forms:
        lemmas.insert(0, lexicon().verb_forms[word])
    lemmas += [inf for stem in lemmas[:2] for inf in _from_stem(stem)]
    lemmas += _from_participle(word) if lemma == word else []
    for candidate in lemmas:
        if not candidate:
            continue
        candidate = candidate.replace("_", "")
        if particle and not candidate.startswith(particle):
            candidate = particle + candidate
        if candidate not in out:
            out.append(candidate)
    return tuple(out)


def _from_stem(stem: str) -> list[str]:
    """Infinitives a bare stem a lemmatizer returned may stand for: 'wijs' → 'wijzen',
    'leef' → 'leven', 'neem' → 'nemen', 'zet' → 'zetten' (Dutch spelling rules), and
    the third person of a verb in -aan/-oen/-ien ('staat' → 'staan')."""
    if len(stem) < 2 or stem.endswith("en") or not stem.isalpha() or stem[-1] in "aeiou":
        return []
    out = [stem + "en"]
    if stem[-1] == "t" and stem[-3:-1] in ("aa", "oe", "ie"):
        out.append(stem[:-1] + "n")  # 'staat' → 'staan', 'doet' → 'doen' (monosyllabic verbs)
    voiced = {"s": "z", "f": "v"}.get(stem[-1])
    if voiced:
        out.append(stem[:-1] + voiced + "en")
    if len(stem) >= 3 and stem[-3] == stem[-2] and stem[-2] in "aeou":
        out += [stem[:-2] + stem[-1:] + "en", stem[:-2] + (voiced or stem[-1]) + "en"]
    elif stem[-2] in "aeiou" and stem[-3:-2] not in ("a", "e", "i", "o", "u"):
        out.append(stem + stem[-1] + "en")
    return out


def _from_participle(word: str) -> list[str]:
    """Infinitives of a past participle no lemmatizer knew: 'geëerd' → 'eren',
    'gefaald' → 'falen' (the prefix off, a diaeresis dropped, the stem's spelling rules)."""
    if len(word) < 6 or not word.startswith("ge") or word[-1] not in "dt":
        return []
    stem = word[2:-1]
    return _from_stem({"ë": "e", "ï": "i"}.get(stem[0], stem[0]) + stem[1:])


#: Relative pronouns: a clause they open says something about its antecedent.
RELATIVE = frozenset({"die", "dat", "wie", "welke", "wat"})


@lru_cache(maxsize=65536)
def _dictionary_lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="nl")


def noun_lemmas(noun: Token) -> tuple[str, ...]:
    """The pipeline's lemma, simplemma's and the word itself: a plural the lemmatizer
    leaves as it is ('tarieven') still finds its frame ('tarief'), and a diminutive of an
    idiom ('het stokje overnemen') is not reduced to its base noun."""
    lemma = noun.lemma_.lower().replace("_", "")
    return tuple(dict.fromkeys((lemma, _dictionary_lemma(noun.lower_).lower(), noun.lower_)))


def dependents(tok: Token, *deps: str) -> list[Token]:
    """Dependents of ``tok`` with one of ``deps``, including those a parser hung on
    its auxiliaries ('Nederland heeft Rusland ... gesteld' with Rusland under 'heeft')."""
    out = [c for c in tok.children if c.dep_ in deps]
    for aux in tok.children:
        if aux.dep_ in ("aux", "aux:pass", "cop"):
            out += [c for c in aux.children if c.dep_ in deps]
    return sorted(out, key=lambda t: t.i)


def negated(head: Token, lex: Lexicon, extra: tuple[Token, ...] = ()) -> bool:
    """A negation word modifying the verb, the object noun, or given extra heads."""
    for tok in (head, *extra):
        for child in tok.children:
            if child.lower_ in lex.negation and child.dep_ in ("advmod", "det", "amod", "nmod"):
                return True
    return False


def _governing_verbs(verb: Token) -> list[set[str]]:
    """Lemma sets of the verb's auxiliaries and of the verbs it is the infinitive of."""
    out, tok = [], verb
    for _ in range(3):
        out += [set(verb_lemmas(c)) | {c.lemma_.lower()} for c in tok.children
                if c.dep_ in ("aux", "aux:pass")]
        if not (tok.dep_ == "xcomp" or tok.dep_ in ("ccomp", "advcl") and any(
                c.lower_ == "te" for c in tok.children)) or tok.head == tok:
            break
        tok = tok.head
        # 'is van plan om ... te': the words of a fixed expression count as its lemma.
        out.append(set(verb_lemmas(tok)) | {g.lemma_.lower() for c in tok.children
                                            for g in (c, *c.children) if g.dep_ == "fixed"})
    return out


def hedged(verb: Token, lex: Lexicon) -> bool:
    """Under a modal ('moet ... gaan zitten', 'kan ... plaatsvinden'): not yet done."""
    return any(lemmas & lex.modal_verbs for lemmas in _governing_verbs(verb))


def wished(verb: Token, lex: Lexicon) -> bool:
    """Under a verb of wishing ('wil ... samenwerken'): only wanted, so not stated; but
    wanting to express ('wil mijn respect uitdrukken') is expressing."""
    if set(verb_lemmas(verb)) & lex.performative_verbs:
        return False
    return any(lemmas & lex.wish_verbs for lemmas in _governing_verbs(verb)) or _wished_clause(verb, lex) \
        or questioned(verb)


def questioned(verb: Token) -> bool:
    """'Of hij president Poetin al had gebeld?', 'niets zeggen of hij het voorstel zou
    steunen': a question, direct or under 'of', asks whether the fact holds."""
    tok = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "of" for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head == tok:
            break
        tok = tok.head
    if tok.dep_ != "ROOT":
        return False
    last = next((t for t in reversed(verb.sent) if not t.is_space and t.text not in QUOTES), None)
    return last is not None and last.text == "?"


def _wished_clause(verb: Token, lex: Lexicon) -> bool:
    """'Rutte hoopt dat Poetin Oekraïne steunt', 'hij zou graag zien dat X ...': a dat-clause
    under a verb of wishing (or one modified by 'graag'/'liever') is only wanted."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "ccomp" or tok.head == tok:
            return False
        head = tok.head
        if set(verb_lemmas(head)) & lex.wish_verbs or any(
                c.dep_ == "advmod" and c.lower_ in lex.wish_adverbs for c in head.children):
            return True
        tok = head
    return False


@dataclass(frozen=True)
class ClauseContext:
    """What the clause's surroundings say about a fact."""

    negative: bool
    denier: Token | None
    attribution: Token | None
    matrix: Token | None = None   # subject of the clause this one is the content of


def surroundings(verb: Token, lex: Lexicon) -> ClauseContext:
    """Walk up the clause chain from ``verb`` looking for denial and speech verbs."""
    negative, denier, speaker, matrix = False, None, None, None
    tok = verb
    while tok.dep_ in CLAUSE_LINKS or (tok.dep_ == "conj" and tok.head != tok):
        head = tok.head
        lemmas = set(verb_lemmas(head))
        subject = _own_or_shared_subject(head)
        if tok.dep_ in ("ccomp", "parataxis", "csubj") and matrix is None:
            matrix = _experiencer(head) if subject is not None and subject.lower_ == "het" else subject
        if tok.dep_ != "conj":
            if lemmas & lex.denial_verbs and denier is None:
                negative, denier = not negative, subject
            elif any(lex.control.get(x) == "negative" for x in lemmas):
                negative = not negative
            elif lemmas & lex.speech_verbs and speaker is None and subject is not None:
                speaker = subject
            if negated(head, lex) and not lemmas & lex.speech_verbs:
                negative = not negative
        tok = head
    if speaker is None:
        speaker = source_phrase(verb.sent, lex)
    if speaker is None:
        speaker = _quoted_speaker(verb.sent, lex, verb)
    return ClauseContext(negative, denier, speaker, matrix)


def _experiencer(verb: Token) -> Token | None:
    """'het staat voor Nederland vast dat ...', 'het is voor ons duidelijk dat ...': with an
    empty 'het' subject, the 'voor' phrase names whose view the clause states."""
    return next((c for c in verb.children if c.dep_.startswith("obl") and any(
        x.dep_ == "case" and x.lower_ == "voor" for x in c.children)), None)


def _own_or_shared_subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ('Hij sprak ... en
    vindt dat ...': 'vindt' shares 'Hij')."""
    for _ in range(3):
        subject = next(iter(dependents(verb, "nsubj")), None)
        if subject is not None or verb.dep_ != "conj" or verb.head == verb:
            return subject
        verb = verb.head
    return None


def source_phrase(sent: Span, lex: Lexicon) -> Token | None:
    """'volgens X' / 'aldus X' anywhere in the sentence: X is the source."""
    for tok in sent:
        if tok.lower_ in lex.source_markers:
            if tok.dep_ == "case":
                return tok.head
            for right in tok.doc[tok.i + 1: min(tok.i + 6, sent.end)]:
                if right.pos_ in ("PROPN", "NOUN", "PRON"):
                    return right
    return None


def _quoted_speaker(sent: Span, lex: Lexicon, verb: Token) -> Token | None:
    """A sentence whose root is a verb of saying with the fact inside its quote, or
    whose quote is followed by an inverted tag ('"...", zegt Rutte') that the parser
    hung on the quote's root as ``parataxis``."""
    root = sent.root
    tags = [root] + [c for c in root.children if c.dep_ == "parataxis" and c.i > verb.i]
    for tag in tags:
        if tag != verb and set(verb_lemmas(tag)) & lex.speech_verbs:
            subject = next(iter(dependents(tag, "nsubj")), None)
            if subject is not None:
                return subject
    return None


def clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree minus embedded and coordinated clauses."""
    out, stack = [], [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children
                     if c.dep_ not in CLAUSE_LINKS and not (tok == verb and c.dep_ == "conj"))
    return sorted(out, key=lambda t: t.i)


def clause_date(tokens: list[Token], article_date: str | None, lex: Lexicon) -> str | None:
    """A date for the fact from time words in its clause, relative to the article date."""
    if not article_date:
        year_only = [t.text for t in tokens if YEAR.match(t.text)]
        return year_only[0] if year_only else None
    year, month = int(article_date[:4]), int(article_date[5:7])
    words = [t.lower_ for t in tokens]
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in lex.months:
            m = lex.months[w]
            if YEAR.match(nxt):
                return f"{nxt}-{m:02d}"
            if prev == "jaar" and i >= 2 and words[i - 2] in ("vorig", "vorige"):
                return f"{year - 1}-{m:02d}"
            return f"{year if m <= month else year - 1}-{m:02d}"
        if w == "jaar" and prev in ("vorig", "vorige") and nxt not in lex.months:
            return f"{year - 1}"
        if w in ("week", "maand") and prev in ("vorige", "afgelopen"):
            return article_date[:7] if w == "week" else _previous_month(year, month)
        if w in WEEKDAYS:
            return article_date
        if YEAR.match(w) and prev in ("in", "sinds", "van", "tot") and w != str(year):
            return w
    return None


def _previous_month(year: int, month: int) -> str:
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def _clause_level(phrase: Token) -> bool:
    """An oblique of the verb, or a place phrase a parser hung on a named subject or
    object ('ontmoet Merkel in Berlijn'); not one inside an event noun or oblique."""
    if phrase.dep_.startswith("obl"):
        return True
    holder = phrase.head
    if phrase.dep_ != "nmod":
        return False
    if holder.pos_ == "PROPN" and holder.dep_ in ("nsubj", "obj", "iobj", "appos", "flat", "flat:name"):
        return True
    # 'zei ... in een persconferentie in Moskou': a place inside a place or time phrase.
    outer = [c.lower_ for c in holder.children if c.dep_ == "case"]
    return holder.dep_.startswith("obl") and bool(outer) and outer[0] in PLACE_OR_TIME


def clause_location(tokens: list[Token], entities: ArticleEntities, lex: Lexicon
                    ) -> EntityRef | None:
    """A place named by 'in/te/op X' inside the clause."""
    for tok in tokens:
        # Only a place phrase of the clause itself ('ontmoet X in Berlijn'), not one
        # inside an argument ('spreken over de aanval in Syrië').
        if tok.dep_ == "case" and tok.lower_ in lex.location_prepositions \
                and _clause_level(tok.head):
            m = entities.by_token.get(tok.head.i)
            if m and m.ref.type in ("Place", "Country"):
                return m.ref
    return None
