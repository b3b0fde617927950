"""Mentions: where a parsed paragraph names an actor, and which one.

Mentions come from the gazetteer (longest match over tokens), the pipeline's NER,
named places after a kind-of-place noun, and proper-name runs introduced by a title
word; people named in full are remembered so a later surname, first name or genitive
finds them. ``ArticleEntities`` (kg.extract.entities) reads each paragraph through this.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.institutions import foreign_counterpart, institution
from kg.extract.lexicon import Lexicon
from kg.extract.names import (NAME_PARTICLES, after_particles, capitalised, cut_at_office, genitive,
                              known_surnames, name_part, name_run_end, organization_name,
                              organization_noun, particle_before_name, place_noun, surname_particles)
from kg.extract.offices import administration
from kg.extract.records import EntityRef, Mention, TokenMention

MAX_NAME_TOKENS = 6
NER_TYPES = {"PER": "Person", "PERSON": "Person", "LOC": "Place", "GPE": "Place",
             "ORG": "Organization", "NORP": None, "MISC": None}
DETERMINERS = {"de", "het", "een", "zijn", "haar", "hun"}


class MentionReader:
    """Mention detection over an article's paragraphs, in reading order."""

    lex: Lexicon
    article_id: str
    mentions: list[Mention]
    people: dict[str, EntityRef]
    first_words: dict[str, set[EntityRef]]
    by_token: dict[int, TokenMention]

    def read(self, doc: Doc, offset: int) -> None:
        """Find the mentions of one paragraph and remember them in reading order."""
        found: list[TokenMention] = []
        taken = [False] * len(doc)
        words, spaces = [t.text for t in doc], [t.whitespace_ for t in doc]
        i = 0
        while i < len(doc):
            hit = self._gazetteer_at(words, spaces, i)
            if hit and hit.ref.type == "Country":
                hit = institution(doc, hit, self.lex)
            if hit and foreign_counterpart(doc, hit, self.lex):
                hit = None
            if hit and hit.ref.type == "Person" and hit.end - hit.start == 1 and i and not taken[i - 1] \
                    and name_part(doc[i - 1]) and not self._title_word(doc[i - 1]) \
                    and doc[i - 1].text not in known_surnames(self.lex) and (
                        doc[i - 1].i != doc[i - 1].sent.start or doc[i - 1].ent_type_ == "PER"):
                # 'Ivanka Trump' is another person ('Aartsbrexiteer Farage' is not).
                hit = TokenMention(i - 1, hit.end, self._person(doc[i - 1:hit.end].text), "propn")
            if hit:
                found.append(hit)
                if hit.ref.type == "Person":
                    self._remember(hit.ref)  # 'Wang Yi ... Wang' within one paragraph
                for k in range(hit.start, hit.end):
                    taken[k] = True
                i = hit.end
            else:
                i += 1
        for ent in doc.ents:
            # 'Akihito Nederland' tagged as one name: the part before a known name is one.
            free = next((k for k in range(ent.start, ent.end) if taken[k]), ent.end)
            if free == ent.start or free < ent.end and any(t.pos_ != "PROPN" for t in doc[ent.start:free]):
                continue
            mention = self._from_ner(Span(doc, ent.start, free, label=ent.label_))
            if mention:
                found.append(mention)
                for k in range(mention.start, mention.end):
                    taken[k] = True
        for tok in doc:
            if not taken[tok.i] and tok.i and place_noun(doc[tok.i - 1], self.lex) and capitalised(tok):
                end = next((k for k in range(tok.i, len(doc)) if taken[k] or not capitalised(doc[k])), len(doc))
                text = doc[tok.i:end].text
                found.append(TokenMention(tok.i, end, self.lex.names.get(text, EntityRef(text, "Place")), "place"))
                taken[tok.i:end] = [True] * (end - tok.i)
            elif not taken[tok.i] and tok.i and organization_noun(doc[tok.i - 1], self.lex) \
                    and capitalised(tok) and tok.lower_ not in self.lex.adjectives:
                end = name_run_end(doc, tok.i, taken, self.lex)
                text = doc[tok.i:end].text
                ref = self.lex.names.get(text, EntityRef(text, "Organization"))
                found.append(TokenMention(tok.i, end, ref, "organization noun"))
                taken[tok.i:end] = [True] * (end - tok.i)
        for tok in doc:
            if not taken[tok.i] and self._titled_name(tok):
                end = tok.i + 1
                while end < len(doc) and not taken[end]:
                    if doc[end].pos_ == "PROPN":
                        end += 1
                    elif self._surname_particles(doc, tok.i, end) and not taken[after_particles(doc, end)]:
                        end = after_particles(doc, end) + 1  # 'energie-expert Lucia van Geuns'
                    else:
                        break
                end = cut_at_office(doc, tok.i, end, self.lex)
                ref = self._person(doc[tok.i:end].text)
                found.append(TokenMention(tok.i, end, ref, "title"))
                for k in range(tok.i, end):
                    taken[k] = True
        for tok in doc:
            if not taken[tok.i] and name_part(tok) and (tok.i == 0 or not name_part(doc[tok.i - 1])):
                end = tok.i + 1
                while end < len(doc) and not taken[end]:
                    if name_part(doc[end]):
                        end += 1
                    elif particle_before_name(doc, end, self.lex) and not taken[after_particles(doc, end)]:
                        end = after_particles(doc, end) + 1  # 'de Lange', tagged as an adjective
                    else:
                        break
                end = cut_at_office(doc, tok.i, end, self.lex)
                if end - tok.i < 2 or any(taken[k] for k in range(tok.i, end)):
                    continue
                text = doc[tok.i:end].text
                ref = EntityRef(text, "Organization") if organization_name(text, self.lex) \
                    else self._person(text)
                found.append(TokenMention(tok.i, end, ref, "propn"))
                for k in range(tok.i, end):
                    taken[k] = True
        for m in found:
            if m.ref.type == "Person" and " " in m.ref.label:
                self._remember(m.ref)
        for tok in doc:
            # A name tagged as a common noun ('Wang' as 'wang'), or a known surname NER missed.
            if not taken[tok.i] and tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() \
                    and (known := self.named_before(tok.text) or (
                        tok.pos_ == "PROPN" and known_surnames(self.lex).get(tok.text))):
                found.append(TokenMention(tok.i, tok.i + 1, known, "gazetteer"))
                taken[tok.i] = True
        self.by_token = {k: m for m in found for k in range(m.start, m.end)}
        for m in sorted(found, key=lambda m: m.start):
            span = doc[m.start:m.end]
            self.mentions.append(Mention(self.article_id, offset + span.start_char,
                                         offset + span.end_char, span.text, m.ref))

    def _name_at(self, doc: Doc, i: int) -> TokenMention | None:
        """Whether a known name starts at ``doc[i]`` (its offsets relative to ``i``)."""
        window = doc[i:i + MAX_NAME_TOKENS]
        return self._gazetteer_at([t.text for t in window], [t.whitespace_ for t in window], 0) \
            if len(window) else None

    def _gazetteer_at(self, words: list[str], spaces: list[str], i: int) -> TokenMention | None:
        """The longest known name starting at token ``i`` (texts joined as in ``Span.text``)."""
        lex = self.lex
        texts = [words[i]]
        for k in range(i + 1, min(i + MAX_NAME_TOKENS, len(words))):
            texts.append(texts[-1] + spaces[k - 1] + words[k])
        for n in range(len(texts), 0, -1):
            text = texts[n - 1]
            if text in lex.names:
                return TokenMention(i, i + n, lex.names[text], "gazetteer")
            if text in lex.seats:
                place = lex.seat_places[text]
                return TokenMention(i, i + n, place, "seat", seat_of=lex.seats[text])
            if text in lex.people:
                return TokenMention(i, i + n, lex.people[text], "people")
            if n == 1 and (state := administration(text, lex)):  # 'regering-Trump'
                return TokenMention(i, i + 1, state, "gazetteer")
            if n == 1 and (owned := genitive(text)):  # 'Ruttes', "Pompeo's"
                stem, apostrophe = owned
                owner = self.people.get(stem) or (known_surnames(lex).get(stem) if apostrophe else None)
                if owner is not None:
                    return TokenMention(i, i + 1, owner, "gazetteer")
        return None

    def _from_ner(self, ent: Span) -> TokenMention | None:
        etype = NER_TYPES.get(ent.label_)
        tokens = [t for t in ent if t.lower_ not in DETERMINERS and not self._title_word(t)]
        while len(tokens) > 1 and tokens[0].text in self.lex.portfolio_words:
            tokens = tokens[1:]  # 'minister van Financiën Bruno Le Maire' tagged as one name
        if etype is None or not tokens or not tokens[0].text[:1].isupper():
            return None
        if tokens[0].pos_ == "ADJ" or tokens[0].lower_ in self.lex.adjectives:
            return None  # "Nederlandse", "Buitenlandse Handel": not a name
        before = ent.doc[tokens[0].i - 1] if tokens[0].i else None
        if before is not None and self._title_word(before) and ent.label_ != "ORG":
            etype = "Person"  # "minister Sigrid Kaag", "SP-Kamerlid Karabulut" tagged LOC
        start, end = tokens[0].i, tokens[-1].i + 1
        if etype == "Person":
            while start > 0 and ent.doc[start - 1].pos_ == "PROPN" and ent.doc[start - 1].text[:1].isupper() \
                    and ent.doc[start - 1].text.isalpha() and ent.doc[start - 1].text not in self.lex.names \
                    and not self._title_word(ent.doc[start - 1]) \
                    and ent.doc[start - 1].text not in self.lex.portfolio_words:
                start -= 1
            # NER often stops after a first name ('Stef' | 'Blok', 'Marcel' | 'de Graaff'):
            # take the name run, surname particles included.
            while end < len(ent.doc) and (ent.doc[end].dep_ in ("flat", "flat:name", "appos") and (
                    name_part(ent.doc[end]) or particle_before_name(ent.doc, end, self.lex)) or
                    self._surname_particles(ent.doc, start, end)) \
                    and self._name_at(ent.doc, after_particles(ent.doc, end)) is None:
                end = end + 1 if name_part(ent.doc[end]) else after_particles(ent.doc, end) + 1
            end = cut_at_office(ent.doc, start, end, self.lex)
        text = ent.doc[start:end].text.strip(" ,.'\"“”‘’")
        if organization_name(text, self.lex):
            etype = "Organization"  # 'Cambridge University' tagged PER
        if not text:
            return None
        elif etype == "Person" or self.named_before(text):
            ref = self._person(text)  # a surname seen before is that person, whatever NER says
        else:
            ref = self.lex.names.get(text, EntityRef(text, etype))
        return TokenMention(start, end, ref, "ner")

    def _surname_particles(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the particles at ``end`` start the surname of the name begun at
        ``start``: 'van der', 'de', or a bare 'van' after a lone first name ('Lucia van
        Geuns'; after a surname it may open a phrase, 'Jansen van Shell')."""
        first_name = end == start + 1 and doc[start].text in self.lex.female_names | self.lex.male_names
        return (surname_particles(doc, end) or first_name and doc[end].lower_ == "van") \
            and particle_before_name(doc, end, self.lex)

    def _title_word(self, tok: Token) -> bool:
        """'minister', or a compound title 'VVD-collega' whose head word is a title."""
        return self.lex.title_head(tok.lower_) is not None or (
            "-" in tok.text and tok.lower_.rpartition("-")[2] in self.lex.titles)

    def _titled_name(self, tok: Token) -> bool:
        """A capitalised proper name right after a title word: 'minister Brinkhorst',
        'de staatssecretarissen Atsma en Bleker', 'Labour-partijvoorzitter Lavery'."""
        prev = tok.doc[tok.i - 1] if tok.i else None
        return ((tok.pos_ == "PROPN" and tok.text[:1].isupper() or tok.pos_ == "NOUN" and capitalised(tok)
                 and tok.text not in self.lex.portfolio_words) and prev is not None
                and (self._title_word(prev) or prev.lemma_.lower() in self.lex.titles))

    def _person(self, name: str) -> EntityRef:
        """A known full name, else the person this article named in full ('correspondent
        Michel Maas ... Maas'), else a known person of that surname, else a new person."""
        known = self.lex.names.get(name)
        if not (known and known.type == "Person"):
            known = self.named_before(name) or known_surnames(self.lex).get(name)
        ref = known if known and known.type == "Person" else EntityRef(name, "Person")
        self._remember(ref)
        return ref

    def _remember(self, person: EntityRef) -> None:
        words = person.label.split()
        self.people.setdefault(words[-1], person)
        if len(words) > 1:
            self.first_words.setdefault(words[0], set()).add(person)

    def named_before(self, word: str) -> EntityRef | None:
        """A person named in full earlier, by surname ('Blok') or, for names written
        family name first ('Wang Huiyao' → 'Wang', 'Xi Jinping' → 'Xi') or a first name
        standing alone ('Melania'), by the first word when only one person has it."""
        *particles, last = word.split()
        if particles:
            # 'De Mol' after 'John de Mol': the surname with its particles, any case.
            ref = self.people.get(last)
            wanted = " ".join(particles + [last]).lower()
            fits = ref is not None and all(p.lower() in NAME_PARTICLES for p in particles) \
                and ref.label.lower().endswith(" " + wanted)
            return ref if fits else None
        if word in self.people:
            return self.people[word]
        owners = self.first_words.get(word, set())
        return next(iter(owners)) if len(owners) == 1 else None
