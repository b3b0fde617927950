"""Where organisations are: 'located in' from participles, places and demonyms.

``de in Den Haag gevestigde OPCW`` and ``het China Centre in Peking`` → located in the
place; ``het Chinese Huawei``, ``de Chinese telecomreus`` → located in China.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.clauses import Candidate
from kg.extract.context import verb_lemmas
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.lexicon import Lexicon
from kg.extract.names import place_noun

PLACE_PREPOSITIONS = ("in", "te")
DEMONYM_REACH = 3


def located_candidates(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    return (_participle(sent, entities, lex) + _place_after(sent, entities)
            + _demonym_before(sent, entities, lex))


#: How a participle before or after a noun ('gevestigde', 'gelegen') is tagged.
PARTICIPLE_TAGS = {"VERB", "ADJ", "AUX"}


def _participle(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'de in Den Haag gevestigde toezichthouder OPCW' → OPCW located in The Hague."""
    doc = sent.doc
    out = []
    for tok in sent:
        if tok.pos_ not in PARTICIPLE_TAGS or not (
                {tok.lower_, *verb_lemmas(tok)} & lex.location_participles):
            continue
        places = [c for c in tok.children if c.dep_.startswith("obl")
                  and any(x.lower_ in PLACE_PREPOSITIONS for x in c.children if x.dep_ == "case")]
        if not places:
            # Prenominal 'in X gevestigde': the phrase often hangs elsewhere in the parse.
            places = [t for t in doc[max(tok.i - 5, tok.sent.start):tok.i]
                      if t.i in entities.by_token and doc[t.i - 1].lower_ in PLACE_PREPOSITIONS]
        where = [r for c in places for r in entities.resolve(c, actor=False)]
        what = entities.resolve(tok.head) if tok.dep_ in ("amod", "acl") else []
        out += [Candidate(w, "located in", p, False, tok, "participle") for w in what for p in where
                if p.ref.type in ("Place", "Country") and w.ref.type in ("Organization", "Place")]
    return out


def _place_after(sent: Span, entities: ArticleEntities) -> list[Candidate]:
    """'het China Centre for Globalization in Peking': a place phrase the parser hangs
    on an organisation's name right after it (a capital is the city here)."""
    doc, out = sent.doc, []
    for tok in sent:
        if tok.lower_ not in PLACE_PREPOSITIONS or tok.i + 1 >= sent.end:
            continue
        org = entities.by_token.get(tok.i - 1)
        place = entities.by_token.get(tok.i + 1)
        if org is None or place is None or org.ref.type != "Organization" \
                or place.ref.type not in ("Place", "Country"):
            continue
        head = doc[place.start]
        if not (head.dep_ == "nmod" and org.start <= head.head.i < org.end) and not any(
                doc[k].dep_ == "nmod" and org.start <= doc[k].head.i < org.end
                for k in range(place.start, place.end)):
            continue
        out.append(Candidate(Resolved(org.ref, org.source, doc[org.start]), "located in",
                             Resolved(place.ref, place.source, head), False, tok, "place phrase"))
    return out


def _demonym_before(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'het Chinese Huawei', 'de Chinese telecom-gigant Huawei', 'de Chinese telecomreus',
    'de Duitse stad Gronau', 'de Zwolse wijk Stadshagen': a demonym or a city's adjective
    on an organisation's name or description, or on a named place, places it there."""
    doc, out = sent.doc, []
    for tok in sent:
        # A country's demonym, or a city's adjective ('de Zwolse wijk Stadshagen').
        country = lex.adjectives.get(tok.lower_) or lex.place_adjectives.get(tok.lower_)
        if country is None or tok.pos_ != "ADJ" and not (tok.pos_ == "PROPN" and tok.lower_ in lex.place_adjectives):
            continue
        for nxt in doc[tok.i + 1: min(tok.i + 1 + DEMONYM_REACH, sent.end)]:
            m = entities.by_token.get(nxt.i)
            found = [Resolved(m.ref, m.source, nxt)] if m is not None else (
                entities.resolve(nxt) if nxt.pos_ == "NOUN" else [])
            if found or nxt.pos_ not in ("ADJ", "NOUN") or nxt.lemma_.lower() in lex.titles:
                out += [Candidate(r, "located in", Resolved(country, "demonym", tok), False, nxt,
                                  "demonym") for r in found[:1] if (r.ref.type == "Organization" or (
                            r.ref.type == "Place" and any(place_noun(t, lex) for t in doc[tok.i + 1: nxt.i + 1])))
                        and r.ref.label not in lex.home_country]  # a state's organ: its own
                break
    return out
