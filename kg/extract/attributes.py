"""Attributes from titles and appositions.

``de Russische president Vladimir Poetin`` → Poetin leads Russia;
``minister van Buitenlandse Zaken Rex Tillerson`` with ``Amerikaanse`` → minister of
the United States; ``minister Stef Blok (Buitenlandse Zaken, VVD)`` → member of VVD;
``topman van ExxonMobil`` → leads ExxonMobil. ``ambtsgenoot``/``collega`` take the
title of the person they are the counterpart of.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import Candidate
from kg.extract.entities import ArticleEntities, Resolved, TokenMention
from kg.extract.lexicon import Lexicon
from kg.extract.offices import held_office, holder
from kg.extract.records import EntityRef

WINDOW = 8
DEFINITE = {"de", "het"}
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]{1,5}$")


def title_candidates(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """Attribute facts of one sentence (after the sentences before it were read)."""
    doc = sent.doc
    out: list[Candidate] = _role_phrases(sent, entities, lex) + _office_descriptions(sent, entities, lex)
    seen = set()
    mentions = {entities.by_token[t.i] for t in sent if t.i in entities.by_token}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.ref.type != "Person" or mention.start in seen:
            continue
        seen.add(mention.start)
        party = _party_in_parentheses(doc, mention, entities, lex) or _party_after_van(
            doc, mention, entities, lex)
        out += _titles_before(doc, mention, entities, lex, party)
        out += _title_after(doc, mention, entities, lex)
        if party is not None:
            person = Resolved(mention.ref, mention.source, doc[mention.start])
            out.append(Candidate(person, "member of", Resolved(party, "gazetteer", doc[mention.end]),
                                 False, doc[mention.end], "apposition"))
    return out


def _title_of(tok: Token, lex: Lexicon) -> tuple[str, str, EntityRef | None] | None:
    """(title word, relation, target named inside the word) for a title token;
    'EU-buitenlandchef' is a title whose target is the EU."""
    for word in (tok.lower_, tok.lemma_.lower()):
        if word in lex.title_bodies:
            head = lex.title_head(word)
            return word, lex.titles[head] if head else "member of", lex.names.get(lex.title_bodies[word])
        if word in lex.titles:
            return word, lex.titles[word], None
    head, _, rest = tok.text.rpartition("-")
    if head and lex.title_head(rest.lower()):
        target = lex.names.get(head) or lex.adjectives.get(head.lower())
        return rest.lower(), lex.titles[lex.title_head(rest.lower())], target
    if not head and (compound := lex.title_head(tok.lower_)):
        # The head word, so that 'de minister' later and the offices table find it.
        return compound, lex.titles[compound], None
    return None


def _inside_body_phrase(adjective: Token, title_tok: Token | None, lex: Lexicon) -> bool:
    """'voorzitter van de Franse senaat', 'oud-voorzitter van de Duitse Bundesbank': a
    demonym inside the title's 'van' phrase modifies the body the person heads, so it
    names no state he leads, unless that body is the state ('van de Franse regering')."""
    if title_tok is None or adjective.head.lemma_.lower() in lex.state_nouns:
        return False
    return any(t.lower_ == "van" for t in adjective.doc[title_tok.i + 1: adjective.i])


def _titles_before(doc: Doc, mention: TokenMention, entities: ArticleEntities, lex: Lexicon,
                   party: EntityRef | None) -> list[Candidate]:
    start = max(mention.start - WINDOW, doc[mention.start].sent.start)
    title = title_word = title_tok = country = None
    prefix_party = None
    unheld = False
    for tok in doc[start:mention.start]:
        found = _title_of(tok, lex)
        if tok.lower_ in lex.unheld_title_words:
            unheld = True  # 'de zelfbenoemde interim-president', 'de beoogde premier'
        elif found:
            title_word, title, inside = found
            title_tok, country = tok, inside or country
        elif tok.lower_ in lex.adjectives:
            if not _inside_body_phrase(tok, title_tok, lex):
                country = lex.adjectives[tok.lower_]
        elif tok.text.partition("-")[0] in lex.parties and "-" in tok.text:
            prefix_party = lex.names[tok.text.partition("-")[0]]  # 'D66-Tweede Kamerlid'
        elif tok.text == "," and mention.start - tok.i <= 2 or tok.lower_ in lex.honorifics:
            continue  # 'de opperste leider van Iran, ayatollah Khamenei'
        elif tok.is_punct or tok.pos_ in ("VERB", "AUX") or (
                _other_person(tok, mention, entities) or _after_apposition(tok)) and not _plural_title(title_tok):
            # 'de Franse onderhandelaar Barnier en Timmermans': the title was Barnier's;
            # 'de staatssecretarissen Atsma van Milieu en Bleker': a plural title is both's;
            # '..., de dochter van de Amerikaanse president, en koningin Máxima': a new conjunct.
            title = title_word = title_tok = country = prefix_party = None
            unheld = False
    if title is None or unheld:
        return []
    person = Resolved(mention.ref, mention.source, doc[mention.start])
    party_target = prefix_party or (country if country is not None and country.label in lex.parties else None)
    if party_target is not None:
        # 'VVD-Kamerlid X', 'Labour-leider X': the party is the person's own.
        entities.titles[mention.ref] = (title_word, None)
        relation = "leads" if title == "leads" else "member of"
        return [Candidate(person, relation, Resolved(party_target, "gazetteer", title_tok), False,
                          title_tok, "title")]
    if title == "same":
        counterpart = next((t for r, (t, _) in reversed(list(entities.titles.items()))
                            if r != mention.ref and t in lex.titles), None)
        title_word = counterpart or "minister"
        title = lex.titles.get(title_word, "minister of")
    target, source = country, "demonym"
    held = ("Country", "Organization", "Place") if title_word in lex.place_titles else ("Country", "Organization")
    # 'burgemeester Halsema van Amsterdam', 'analist Jan Smit van Clingendael'; a
    # minister's 'van' after the name is his portfolio, not a body.
    after = doc[mention.end: mention.end + 3]
    if target is None:
        # 'burgemeester van Amsterdam Femke Halsema'
        for tok in [*doc[title_tok.i + 1: mention.start], *after]:
            m = entities.by_token.get(tok.i)
            if tok.i >= mention.end and m and title == "minister of" and m.ref.type != "Country":
                continue
            before = doc[tok.i - 2] if doc[tok.i - 1].pos_ == "DET" else doc[tok.i - 1]
            if m and m.ref.type in held and before.lower_ == "van":
                target, source = (m.ref if title_word in lex.place_titles else m.seat_of or m.ref), "title"
                break
    if target is None and title_word in lex.national_titles:
        # 'premier Rutte', 'minister Blok (VVD)': the office he held on the article's date,
        # else one in the person's own state, unless he is known to have held it only then.
        known, target = held_office(lex, title_word, mention.ref, entities.date)
        if target is None and not known:
            target = lex.home_country.get(mention.ref.label) or (
                lex.home_country.get(party.label) if party else None)
        if target is None and not known:
            # Named before with a state ('de Franse minister Le Drian'), that one; else, for
            # an office the newspaper's own state has, that state ('minister Grapperhaus').
            earlier = entities.titles.get(mention.ref, (None, None))[1]
            target = earlier or (lex.names.get(lex.home_state) if title_word in lex.home_state_titles else None)
        source = "home"
    entities.titles[mention.ref] = (title_word, target)
    if target is None or not _fits(title, target, title_word in lex.place_titles):
        return []
    return [Candidate(person, title, Resolved(target, source, title_tok), False, title_tok, "title")]


def _party_after_van(doc: Doc, mention: TokenMention, entities: ArticleEntities, lex: Lexicon
                     ) -> EntityRef | None:
    """'Ayhan Tonca van Denk', 'Kamerlid Sjoerdsma van D66'."""
    if mention.end + 1 < len(doc) and doc[mention.end].lower_ == "van":
        m = entities.by_token.get(mention.end + 1)
        if m is not None and m.ref.label in lex.parties:
            return m.ref
    return None


def _title_after(doc: Doc, mention: TokenMention, entities: ArticleEntities, lex: Lexicon
                 ) -> list[Candidate]:
    """'Wang Huiyao, president bij het China Centre', 'Thierry Baudet, de partijleider van
    Forum voor Democratie' (apposition) and 'Pieter Jansen is hoofdeconoom van Rabobank'
    (copula): a title after the name, its organisation after a linking preposition."""
    end = doc[mention.start].sent.end
    i = _skip_parenthesis(doc, mention.end, end)
    if i >= end or not (doc[i].text == "," or doc[i].lemma_.lower() in lex.copulas):
        return []
    construction = "apposition" if doc[i].text == "," else "copula"
    title_tok = None
    for tok in doc[i + 1: min(i + 5, end)]:
        if _title_of(tok, lex):
            title_tok = tok
            break
        if construction == "copula" and (tok.is_punct or tok.pos_ in ("ADP", "VERB", "AUX")):
            return []  # 'X is met president Y ...': the title is not the subject's
    if title_tok is None or title_tok.i + 1 < len(doc) and _other_person(
            doc[title_tok.i + 1], mention, entities):
        return []  # 'A, de Franse onderhandelaar B': a list of titled names
    title_tok, target = _title_target(doc, title_tok, end, entities, lex)
    word, relation, _ = _title_of(title_tok, lex)
    entities.titles.setdefault(mention.ref, (word, target))
    if target is None or not _fits(relation, target, word in lex.place_titles):
        return []
    person = Resolved(mention.ref, mention.source, doc[mention.start])
    return [Candidate(person, relation, Resolved(target, "title", title_tok), False, title_tok,
                      construction)]


def _after_apposition(tok: Token) -> bool:
    """', en': a conjunction after a closed apposition opens the next conjunct."""
    return tok.pos_ == "CCONJ" and tok.i > 0 and tok.doc[tok.i - 1].text == ","


def _plural_title(title_tok: Token | None) -> bool:
    return title_tok is not None and "Plur" in title_tok.morph.get("Number")


def _other_person(tok: Token, mention: TokenMention, entities: ArticleEntities) -> bool:
    m = entities.by_token.get(tok.i)
    return m is not None and m.ref.type == "Person" and m.ref != mention.ref


def _skip_parenthesis(doc: Doc, i: int, end: int) -> int:
    """Past '(joost@bank.nl)' or '(45)' right after a name."""
    if i < end and doc[i].text == "(":
        close = next((t.i for t in doc[i: min(i + 12, end)] if t.text == ")"), None)
        if close is not None:
            return close + 1
    return i


def _title_target(doc: Doc, title_tok: Token, end: int, entities: ArticleEntities,
                  lex: Lexicon) -> tuple[Token, EntityRef | None]:
    """The organisation or state a title is held at: named inside the word
    ('EU-commissaris'), right after it ('directeur Achmea') or after a linking
    preposition ('docent economie aan Oxford University'); a later title in the same
    phrase ('econoom en directeur van X') is the one held there."""
    inside = _title_of(title_tok, lex)[2]
    if inside is not None:
        return title_tok, inside
    nxt = entities.by_token.get(title_tok.i + 1)
    if nxt is not None and nxt.ref.type == "Organization":
        return title_tok, nxt.ref
    linked = False
    for tok in doc[title_tok.i + 1: min(title_tok.i + 7, end)]:
        m = entities.by_token.get(tok.i)
        if linked and m is not None:
            return title_tok, (m.ref if _title_of(title_tok, lex)[0] in lex.place_titles else _held_at(m))
        if tok.is_punct or tok.pos_ in ("VERB", "AUX") or m is not None:
            break
        if tok.lower_ in lex.title_prepositions:
            linked = True
        elif _title_of(tok, lex) and not linked:
            title_tok = tok
    return title_tok, None


def _held_at(m: TokenMention) -> EntityRef:
    """Where a title is held: a capital stands for its state, and a name the tagger
    guessed to be a place ('hoofdeconoom van Robeco') is an organisation there."""
    if m.seat_of is not None:
        return m.seat_of
    return EntityRef(m.ref.label, "Organization") if (m.source, m.ref.type) == ("ner", "Place") else m.ref


def _fits(relation: str, target: EntityRef, over_place: bool = False) -> bool:
    """A minister serves a state; a member or leader of a state is not said by a title
    ('de Amerikaanse econoom' is no member of the United States); a mayor leads a place."""
    if over_place:
        return relation == "leads" and target.type in ("Place", "Country")
    if relation in ("none", "same") or target.type not in ("Country", "Organization"):
        return False
    if relation == "minister of":
        return target.type == "Country"
    return relation != "member of" or target.type == "Organization"


def _party_in_parentheses(doc: Doc, mention: TokenMention, entities: ArticleEntities,
                          lex: Lexicon) -> EntityRef | None:
    """'Stef Blok (Buitenlandse Zaken, VVD)': a party inside the parentheses after a name."""
    if mention.end >= len(doc) or doc[mention.end].text != "(":
        return None
    for tok in doc[mention.end + 1: min(mention.end + 10, len(doc))]:
        if tok.text == ")":
            break
        m = entities.by_token.get(tok.i)
        if m and m.ref.label in lex.parties:
            return m.ref
    inner = doc[mention.end + 1: mention.end + 3]
    initials = "".join(t.text[0] for t in doc[mention.start:mention.end]).upper()
    if len(inner) == 2 and inner[1].text == ")" and ACRONYM.match(inner[0].text) \
            and inner[0].text not in lex.names and inner[0].text.upper() != initials:
        return EntityRef(inner[0].text, "Organization")  # '(CDU)': an unknown party acronym
    return None


def _role_phrases(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'Als topman van ExxonMobil werd hij ...': the clause's subject holds the role."""
    out = []
    for tok in sent:
        role = lex.titles.get(tok.lemma_.lower()) or lex.titles.get(tok.lower_)
        if role in (None, "same") or not any(c.lower_ == "als" for c in tok.children
                                            if c.dep_ in ("case", "mark")):
            continue
        targets = [r for c in tok.children if c.dep_.startswith("nmod")
                   and any(x.lower_ == "van" for x in c.children if x.dep_ == "case")
                   for r in entities.resolve(c)]
        verb = tok.head
        subjects = [r for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")
                    for r in entities.resolve(c)]
        out += [Candidate(s, role, t, False, tok, "role phrase") for s in subjects for t in targets
                if s.ref.type == "Person" and t.ref.type in ("Country", "Organization")]
    return out


def _office_descriptions(sent: Span, entities: ArticleEntities, lex: Lexicon) -> list[Candidate]:
    """'de Amerikaanse president is bezig ...': a definite title with its state and no
    name names the office holder of the day, who holds that office."""
    out = []
    for tok in sent:
        title = tok.lemma_.lower() if tok.lemma_.lower() in lex.titles else tok.lower_
        relation = lex.titles.get(title)
        if relation in (None, "none", "same") or tok.pos_ != "NOUN" or _named(tok, entities):
            continue
        if not any(c.lower_ in DEFINITE for c in tok.children if c.dep_ == "det"):
            continue
        of = next((lex.adjectives[c.lower_] for c in tok.children
                   if c.dep_ == "amod" and c.lower_ in lex.adjectives), None)
        who = holder(lex, title, of, entities.date) if of is not None else None
        if who is not None:
            out.append(Candidate(Resolved(who, "office", tok), relation, Resolved(of, "demonym", tok),
                                 False, tok, "office"))
    return out


def _named(tok: Token, entities: ArticleEntities) -> bool:
    """'de Amerikaanse president Trump': the name, not knowledge, says who."""
    nxt = tok.i + 1
    return (nxt < len(tok.doc) and nxt in entities.by_token) or any(
        c.dep_ in ("appos", "flat", "flat:name") and c.pos_ == "PROPN" for c in tok.children)
