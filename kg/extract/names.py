"""Names: how a person's name is spelled in Dutch news text.

Proper-name runs, surname particles ('Marcel de Graaff', 'Ursula von der Leyen') and
gazetteer people by surname; used by mention detection in ``kg.extract.entities``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.records import EntityRef

NAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "van der", "von", "al", "bin", "le", "la"}


def _name_part(tok: Token) -> bool:
    """A capitalised word tagged as a proper name: unknown multi-word runs of these
    ('Salima Belhaj', 'Halbe Zijlstra') are, in news text, overwhelmingly people."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()


_SURNAMES: dict[int, dict[str, EntityRef]] = {}


def _known_surnames(lex: Lexicon) -> dict[str, EntityRef]:
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


def _after_particles(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].lower_ in NAME_PARTICLES:
        i += 1
    return min(i, len(doc) - 1)


def _particle_before_name(doc: Doc, i: int) -> bool:
    """'de' in 'Marcel de Graaff', 'van der' in 'Ursula von der Leyen'."""
    j = _after_particles(doc, i)
    return j > i and _name_part(doc[j])
