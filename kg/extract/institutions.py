"""Institutions named with a country: a longer proper name opened by a country name
is an institution ('China Centre for Globalization'), and a state organ named for
another state is that state's own ('het Iraanse ministerie van Buitenlandse Zaken')."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.records import EntityRef, TokenMention

CONNECTORS = {"for", "of", "voor", "van", "and", "en", "&"}


def institution(doc: Doc, hit: TokenMention, lex: Lexicon) -> TokenMention:
    """'China Centre for Globalization': a country name that opens a longer proper name
    (capitalised words the parser joins to it as one name) names an institution."""
    end = hit.end
    while end < len(doc) and doc[end].dep_ in ("flat", "flat:name") and doc[end].pos_ == "PROPN" \
            and (doc[end].text[:1].isupper() or doc[end].lower_ in CONNECTORS) \
            and doc[end].text not in lex.names and doc[end].text not in lex.seats:
        end += 1
    while end > hit.end and doc[end - 1].lower_ in CONNECTORS:
        end -= 1
    if end - hit.end < 1:
        return hit
    name = doc[hit.start:end].text
    return TokenMention(hit.start, end, EntityRef(name, "Organization"), "propn")


def foreign_counterpart(doc: Doc, hit: TokenMention, lex: Lexicon) -> bool:
    """'het Iraanse ministerie van Buitenlandse Zaken', 'het ministerie van Buitenlandse
    Zaken in Iran': a state's institution named for another state is that state's own."""
    home = lex.home_country.get(hit.ref.label)
    if home is None or hit.ref.type != "Organization" or hit.ref.label in lex.parties:
        return False
    before = lex.adjectives.get(doc[hit.start - 1].lower_) if hit.start else None
    after = lex.names.get(doc[hit.end + 1].text) if hit.end + 1 < len(doc) \
        and doc[hit.end].lower_ == "in" else None
    return any(c is not None and c.type == "Country" and c != home for c in (before, after))
