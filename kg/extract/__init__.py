"""Extract: parsed article paragraphs → mentions and facts (Relation records).

One pass per article, paragraph by paragraph and sentence by sentence, so that
pronouns and definite descriptions resolve to actors named earlier in the text.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.allies import ally_candidates
from kg.extract.appeals import appeal_candidates, demand_candidates, next_speaker, previous_speaker
from kg.extract.attributes import title_candidates
from kg.extract.clauses import Candidate, verb_candidates
from kg.extract.context import clause_date, clause_location, clause_tokens
from kg.extract.entities import ArticleEntities, Resolved
from kg.extract.epithets import epithet_candidates
from kg.extract.lexicon import Lexicon, lexicon
from kg.extract.judgements import judgement_candidates
from kg.extract.located import located_candidates
from kg.extract.memberships import membership_candidates
from kg.extract.nominal import infinitive_candidates, noun_candidates
from kg.extract.rebuttals import rebuttal_candidates
from kg.extract.quotes import quoted_sentences
from kg.extract.records import ACTOR_TYPES, ArticleFacts, EntityRef, Mention, Relation
from kg.extract.repair import repair
from kg.extract.succession import succession_candidates
from kg.ingest import Article
from kg.vocabulary import relation_types
from kg.nlp import Paragraph

__all__ = ["extract_article", "ArticleFacts", "EntityRef", "Mention", "Relation"]

# Prior precision of each construction and of each way an argument was resolved;
# a statement's confidence is their product (see kg.eval for the calibration table).
CONSTRUCTION_PRIOR = {"verb": 0.85, "passive": 0.8, "light verb": 0.85, "denial": 0.75,
                      "nominal": 0.7, "title": 0.8, "apposition": 0.85, "reported": 0.7,
                      "role phrase": 0.75, "participle": 0.75, "epithet": 0.7,
                      "appeal": 0.7, "judgement": 0.65, "copula": 0.8, "list": 0.75, "succession": 0.8,
                      "demonym": 0.75, "place phrase": 0.75, "office": 0.8,
                      "ally noun": 0.75, "rebuttal": 0.7, "demand": 0.7}
HEDGED = 0.75  # a fact under a modal verb is wanted or planned, less often done
SOURCE_PRIOR = {"gazetteer": 1.0, "ner": 0.9, "title": 0.95, "seat": 0.85, "people": 0.9,
                "demonym": 0.85, "pronoun": 0.7, "description": 0.7, "home": 0.8,
                "office": 0.85}


def confidence(c: Candidate) -> float:
    value = (CONSTRUCTION_PRIOR.get(c.construction, 0.6) * SOURCE_PRIOR.get(c.subject.source, 0.8)
             * SOURCE_PRIOR.get(c.object.source, 0.8) * (HEDGED if c.hedged else 1.0))
    return round(min(0.99, max(0.05, value)), 2)


def extract_article(article: Article, paragraphs: list[Paragraph],
                    lex: Lexicon | None = None) -> ArticleFacts:
    lex = lex or lexicon()
    entities = ArticleEntities(lex, article.id, date=article.date)
    facts = ArticleFacts(article.id)
    previous: list[Candidate] = []  # accusations of the sentence before, for rebuttals
    for para in paragraphs:
        repair(para.doc, lex)
        entities.read(para.doc, para.offset)
        sents = list(para.doc.sents)
        quoted = quoted_sentences(para.doc, lex)
        for k, sent in enumerate(sents):
            quote = quoted.get(sent.start)
            speaker = next_speaker(sents[k + 1] if k + 1 < len(sents) else None, lex) or \
                previous_speaker(sents[k - 1] if k else None, sent, lex) or (quote and quote.speaker)
            candidates = (title_candidates(sent, entities, lex) + membership_candidates(sent, entities, lex)
                          + succession_candidates(sent, entities, lex)
                          + located_candidates(sent, entities, lex))
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN") or tok.dep_ == "ROOT":
                    candidates += verb_candidates(tok, entities, lex)
                    candidates += epithet_candidates(tok, entities, lex)
                    candidates += appeal_candidates(tok, entities, lex, speaker)
                    candidates += judgement_candidates(tok, entities, lex, speaker)
                if tok.pos_ == "NOUN":
                    candidates += noun_candidates(tok, entities, lex, speaker)
                    candidates += ally_candidates(tok, entities, lex)
                elif tok.pos_ == "VERB":
                    candidates += infinitive_candidates(tok, entities, lex)
                    candidates += demand_candidates(tok, entities, lex)
            accusations = [c for c in candidates if c.relation in lex.accusing_relations]
            if previous or accusations:
                candidates += [c for tok in sent if tok.pos_ == "VERB"
                               for c in rebuttal_candidates(tok, entities, lex, previous + accusations)]
            previous = accusations
            for c in filter(_typed, candidates):
                if quote is not None and c.attribution is None and quote.holds(c.anchor):
                    c = _spoken_by(c, quote.speaker, entities)
                facts.relations.append(_relation(article, para.offset, sent, c, entities, lex))
            entities.note(sent)
    facts.mentions = entities.mentions
    return facts


#: Constructions that describe an actor ('president Trump') rather than report an event:
#: a quotation that names someone by title does not make the title the speaker's claim.
DESCRIPTIONS = frozenset({"title", "apposition", "role phrase", "office", "demonym",
                          "place phrase", "list", "succession"})


def _typed(c: Candidate) -> bool:
    """A fact whose arguments break its relation's domain or range ('sloot aan bij
    bondskanselier Merkel' is no membership of a person) is a misreading."""
    kind = relation_types().get(c.relation)
    return kind is None or (kind.domain in (None, c.subject.ref.type)
                            and kind.range in (None, c.object.ref.type))


def _spoken_by(c: Candidate, speaker: Token, entities: ArticleEntities) -> Candidate:
    """A fact inside a quotation is what its speaker says (kg.extract.quotes). A pronoun
    in the tag ('", schreef hij') takes up a person of earlier sentences, never one
    named inside the quote itself."""
    if c.construction in DESCRIPTIONS:
        return c
    if speaker.pos_ == "PRON":
        person = entities.last_person(speaker)
        return replace(c, attribution=Resolved(person, "pronoun", speaker)) if person else c
    actors = [r for r in entities.resolve(speaker) if r.ref.type in ACTOR_TYPES]
    return replace(c, attribution=actors[0]) if actors else c


def _relation(article: Article, offset: int, sent: Span, c: Candidate,
              entities: ArticleEntities, lex: Lexicon) -> Relation:
    tokens = clause_tokens(c.anchor)
    attributed = c.attribution.ref if c.attribution else None
    location = clause_location(tokens, entities, lex)
    relation = c.relation
    if location is not None and location.type == "Place" and c.construction == "verb":
        relation = lex.in_person.get(relation, relation)  # talking there is meeting there
    if c.subject.ref.type == c.object.ref.type == "Person":
        relation = lex.verbal.get(relation, relation)  # one person attacks another in words
    return Relation(
        article_id=article.id, subject=c.subject.ref, relation=relation, object=c.object.ref,
        polarity="negative" if c.negative else "positive", evidence=sent.text.strip(),
        char_start=offset + sent.start_char, char_end=offset + sent.end_char,
        confidence=confidence(c), construction=c.construction, about=c.about, for_=c.for_,
        location=location,
        date=clause_date(tokens, article.date, lex), attributed_to=attributed)
