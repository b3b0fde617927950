"""Membership from a group named beside the list of its members.

``de E3 (Frankrijk, Duitsland en het VK)`` and ``Frankrijk, Duitsland en het VK (de E3)``
→ each state member of the E3; ``het JIT, met Nederland, België en Australië``;
``het JIT, waarin Nederland en België samenwerken``; a party's person: ``de PVV van
Geert Wilders``. News writes such lists on the
surface, punctuation and all, and the parser often scatters them, so the patterns
are read over tokens and mentions rather than over the tree.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.clauses import Candidate, with_case
from kg.extract.context import dependents, negated
from kg.extract.entities import ArticleEntities, Resolved, TokenMention
from kg.extract.lexicon import Lexicon

LIST_GLUE = {",", "en", "de", "het"}
MAX_PARENTHESIS = 20
MIN_MEMBERS = 2
PARTY_REACH = 4


def membership_candidates(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """Each listed state is a member of the group the list stands beside."""
    doc, out = sent.doc, _party_of(sent, entities, lex) + _person_of(sent, entities, lex) + \
        _member_predicates(sent, entities, lex)
    for tok in sent:
        if tok.text == "(":
            out += _parenthesised(doc, tok.i, sent, entities, lex)
        elif tok.i > sent.start and doc[tok.i - 1].text == "," and tok.lower_ in lex.member_openers:
            group = _group_ending_at(doc, tok.i - 1, entities, lex)
            if group is None:
                continue
            if tok.lower_ == "met":
                members = _list(doc, tok.i + 1, _list_end(doc, tok.i + 1, sent.end), entities)
                out += _facts(members, group, doc, tok.i, MIN_MEMBERS)
            else:
                out += _facts(_relative_members(doc, tok.i + 1, sent.end, entities, lex), group,
                              doc, tok.i, 1)
    return out


def _party_of(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'de Conservatieve Partij van premier Theresa May', 'de PVV van Wilders': the
    person a party is said to be of belongs to it."""
    doc, out = sent.doc, []
    for tok in sent:
        party = entities.by_token.get(tok.i - 1)
        if tok.lower_ != "van" or party is None or party.end != tok.i or party.ref.label not in lex.parties:
            continue
        for nxt in doc[tok.i + 1: min(tok.i + 1 + PARTY_REACH, sent.end)]:
            m = entities.by_token.get(nxt.i)
            if m is not None:
                if m.ref.type == "Person":
                    out.append(Candidate(Resolved(m.ref, m.source, nxt), "member of",
                                         Resolved(party.ref, party.source, doc[party.start]),
                                         False, tok, "apposition"))
                break
            if nxt.pos_ not in ("DET", "ADJ") and nxt.lower_ not in lex.titles:
                break
    return out


def _person_of(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'Bart van der Sloot van de Tilburg University', 'Jansen van Shell': an organisation
    in a 'van' phrase right after a person's name is the one the person works for (a
    minister's 'van Defensie' is a portfolio, read with the title)."""
    doc, out = sent.doc, []
    for tok in sent:
        person = entities.by_token.get(tok.i - 1)
        if tok.lower_ != "van" or person is None or person.end != tok.i or person.ref.type != "Person":
            continue
        at = tok.i + 2 if tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in ("de", "het") else tok.i + 1
        group = entities.by_token.get(at)
        if group is not None and group.start == at and group.ref.type == "Organization" \
                and doc[at].text not in lex.portfolio_words:
            out.append(Candidate(Resolved(person.ref, person.source, doc[person.start]), "member of",
                                 Resolved(group.ref, group.source, doc[at]), False, tok, "apposition"))
    return out


def _member_predicates(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'Turkije is lid van de NAVO', 'omdat Polen een bondgenoot in de NAVO is': a copula
    whose predicate is a membership noun with its group ('bondgenoot van de VS' is only an
    ally, so each noun lists the prepositions that make it membership)."""
    out = []
    for tok in sent:
        preps = lex.member_predicates.get(tok.lemma_.lower())
        if preps is None or tok.pos_ != "NOUN":
            continue
        predicate = tok.head if tok.dep_ == "conj" else tok
        if not any(c.dep_ == "cop" for c in predicate.children):
            continue
        groups = [r for h in with_case(tok, tuple(preps)) for r in entities.resolve(h)
                  if r.ref.type == "Organization" and r.ref.label not in lex.parties]
        members = [r for h in dependents(predicate, "nsubj") for r in entities.resolve(h)
                   if r.ref.type in ("Country", "Person", "Organization")]
        out += [Candidate(m, "member of", g, negated(predicate, lex), tok, "copula")
                for m in members for g in groups if m.ref != g.ref]
    return out


def _parenthesised(doc: Doc, open_i: int, sent: Span, entities: ArticleEntities,
                   lex: Lexicon) -> list[Candidate]:
    """'de E3 (A, B en C)' or 'A, B en C (de E3)'."""
    close = next((t.i for t in doc[open_i + 1: min(open_i + MAX_PARENTHESIS, sent.end)]
                  if t.text == ")"), None)
    if close is None:
        return []
    inside = _list(doc, open_i + 1, close, entities)
    group = _group_ending_at(doc, open_i, entities, lex)
    if group is not None:
        return _facts(inside, group, doc, open_i, MIN_MEMBERS)
    if inside is None or len(inside) != 1 or not _is_group(inside[0], lex):
        return []
    start = open_i
    while start > sent.start and (doc[start - 1].lower_ in LIST_GLUE or start - 1 in entities.by_token):
        start -= 1
    return _facts(_list(doc, start, open_i, entities), inside[0], doc, open_i, MIN_MEMBERS)


def _list(doc: Doc, start: int, end: int, entities: ArticleEntities) -> list[TokenMention] | None:
    """The mentions of ``doc[start:end]`` when that stretch is nothing but a list of them."""
    found: list[TokenMention] = []
    i = start
    while i < end:
        m = entities.by_token.get(i)
        if m is not None and m.end <= end:
            found.append(m)
            i = m.end
        elif doc[i].lower_ in LIST_GLUE:
            i += 1
        else:
            return None
    return found or None


def _list_end(doc: Doc, start: int, end: int) -> int:
    """A list after 'met' runs to the next punctuation that is not a comma."""
    return next((t.i for t in doc[start:end] if t.is_punct and t.text != ","), end)


def _relative_members(doc: Doc, start: int, end: int, entities: ArticleEntities,
                      lex: Lexicon) -> list[TokenMention] | None:
    """'waarin de politiediensten van A en B samenwerken': the states named before the
    relative clause's verb, when the clause speaks of taking part."""
    members, joined = [], False
    for tok in doc[start:end]:
        m = entities.by_token.get(tok.i)
        if m is not None and m not in members:
            members.append(m)
        if tok.lemma_.lower() in lex.membership_words or tok.lower_ in lex.membership_words:
            joined = True
        if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text != ","):
            break
    return members if joined else None


def _group_ending_at(doc: Doc, i: int, entities: ArticleEntities, lex: Lexicon) -> TokenMention | None:
    m = entities.by_token.get(i - 1)
    return m if m is not None and m.end == i and _is_group(m, lex) else None


def _is_group(m: TokenMention, lex: Lexicon) -> bool:
    """An organisation states can belong to; a party's members are people."""
    return m.ref.type == "Organization" and m.ref.label not in lex.parties


def _facts(members: list[TokenMention] | None, group: TokenMention, doc: Doc, at: int,
           least: int) -> list[Candidate]:
    """A list of states only (a list that names people or places is no membership)."""
    states = [m for m in members or [] if m.ref.type == "Country" or m.seat_of is not None]
    if len(states) < least or (least > 1 and len(states) != len(members or [])):
        return []
    g = Resolved(group.ref, group.source, doc[group.start])
    return [Candidate(Resolved(m.seat_of or m.ref, m.source, doc[m.start]), "member of", g, False,
                      doc[at], "list") for m in states]
