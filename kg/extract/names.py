"""Name shape: where a person's name begins and ends in running text.

Particles ('de', 'van der') belong to a surname; a 'van' phrase naming a ministry or
a known organisation ends the name; a gazetteer surname stands for its person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.records import EntityRef

NAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "van der", "von", "al", "bin", "le", "la"}


def capitalised(tok: Token) -> bool:
    """A capitalised word inside a sentence, whatever its tag ('Gronau' tagged as a noun)."""
    return tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() and tok.i != tok.sent.start


def name_part(tok: Token) -> bool:
    """A capitalised word tagged as a proper name: unknown multi-word runs of these
    ('Salima Belhaj', 'Halbe Zijlstra') are, in news text, overwhelmingly people."""
    if not (tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()):
        return False
    # A first name opening a sentence is often tagged as a noun ('Sigrid' in 'Sigrid
    # Kaag wordt ...'); the surname hung on it as a flat name gives it away.
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.i == tok.sent.start and any(
        c.dep_.startswith("flat") and c.pos_ == "PROPN" and c.i == tok.i + 1 for c in tok.children))


_SURNAMES: dict[int, dict[str, EntityRef]] = {}


def known_surnames(lex: Lexicon) -> dict[str, EntityRef]:
    """Gazetteer people by surname ('Blok' → Stef Blok), for a name already known to
    be a person's; a surname two known people share stays unresolved."""
    if id(lex) in _SURNAMES:
        return _SURNAMES[id(lex)]
    by_surname: dict[str, set[EntityRef]] = {}
    for ref in lex.names.values():
        if ref.type == "Person" and " " in ref.label:
            by_surname.setdefault(ref.label.split()[-1], set()).add(ref)
    _SURNAMES[id(lex)] = {n: next(iter(refs)) for n, refs in by_surname.items() if len(refs) == 1}
    return _SURNAMES[id(lex)]


def genitive(text: str) -> tuple[str, bool] | None:
    """'Ruttes' → ('Rutte', False), "Pompeo's" → ('Pompeo', True): the owner a genitive
    -s names, and whether an apostrophe marks it (then it cannot be a plural)."""
    if not text.endswith("s"):
        return None
    apostrophe = text[-2:-1] in ("'", "’")
    return (text[:-2] if apostrophe else text[:-1]), apostrophe


def after_particles(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].lower_ in NAME_PARTICLES:
        i += 1
    return min(i, len(doc) - 1)


def surname_particles(doc: Doc, i: int) -> bool:
    """Particles that only a surname takes ('van der', 'de', 'ter'), unlike a bare 'van',
    which may also start a phrase ('Jansen van Shell')."""
    j = after_particles(doc, i)
    return j - i >= 2 or j > i and doc[i].lower_ != "van"


def particle_before_name(doc: Doc, i: int, lex: Lexicon) -> bool:
    """'de' in 'Marcel de Graaff', 'van der' in 'Ursula von der Leyen'; the surname may
    be a word the tagger reads as an adjective or noun ('Esther de Lange'), but not a
    demonym ('Rutte de Nederlandse ...')."""
    j = after_particles(doc, i)
    return j > i and (name_part(doc[j]) or (
        doc[j].pos_ != "PUNCT" and doc[j].text[:1].isupper() and doc[j].text.isalpha()
        and doc[j].lower_ not in lex.adjectives))


def _surname_at(doc: Doc, i: int, lex: Lexicon) -> bool:
    """'van der Meer': surname particles before an unknown capitalised word."""
    return surname_particles(doc, i) and particle_before_name(doc, i, lex) \
        and doc[after_particles(doc, i)].text not in lex.names


def cut_at_office(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """'Bijleveld van Defensie', 'Atsma van Milieu', 'Tonca van Denk': a 'van' phrase
    naming a ministry (a common noun or a portfolio word) or a known organisation ends the
    person's name; 'van der Meer' is a surname."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "van" and (doc[i + 1].text in lex.portfolio_words or not _surname_at(doc, i, lex) and (
                doc[i + 1].pos_ != "PROPN" or doc[i + 1].text in lex.names)):
            end = i
            break
    while end - start > 1 and doc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1  # 'Pieter Smit van' | 'Defensie'
    return end


def organization_name(text: str, lex: Lexicon) -> bool:
    """'Cambridge University', 'Fintessa Vermogensbeheer': a multi-word name whose last
    word is (or ends in) an organisation noun names an organisation, not a person."""
    words = text.split()
    return len(words) > 1 and words[-1].lower().endswith(lex.organization_words)


def place_noun(tok: Token, lex: Lexicon) -> bool:
    """'stad', 'havenstad', 'eiland': a noun naming a kind of place (Dutch compounds are
    right-headed)."""
    word = tok.lower_
    return tok.pos_ == "NOUN" and (word in lex.place_nouns or word.endswith(tuple(lex.place_nouns)))


def organization_noun(tok: Token, lex: Lexicon) -> bool:
    """'krant', 'oliebedrijf', 'oppositiepartij': a noun naming a kind of organisation."""
    return tok.pos_ == "NOUN" and tok.lower_.endswith(tuple(lex.organization_nouns))


def name_run_end(doc, start: int, taken: list[bool], lex: Lexicon) -> int:
    """The end of a capitalised name run from ``start``; a joining word ('Mail on
    Sunday', 'Forum voor Democratie') continues it when a capitalised word follows."""
    end = start
    while end < len(doc) and not taken[end]:
        if capitalised(doc[end]):
            end += 1
        elif doc[end].lower_ in lex.organization_joiners and end + 1 < len(doc) \
                and not taken[end + 1] and capitalised(doc[end + 1]):
            end += 2
        else:
            break
    return end
