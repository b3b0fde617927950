"""Helpers for tests that extract facts from sentences written for them."""

from kg.extract import extract_article
from kg.ingest import Article
from kg.nlp import load_pipeline, parse


def extracted(text: str, date: str = "2019-05"):
    """Everything kg extracts from one article of this text (an ArticleFacts)."""
    article = Article(id="t", text=text, title="t", date=date)
    [(art, paragraphs)] = list(parse(load_pipeline(None), [article]))
    return extract_article(art, paragraphs)


def facts(text: str, date: str = "2019-05"):
    return extracted(text, date).relations


def mentions(text: str, date: str = "2019-05"):
    return extracted(text, date).mentions


def find(relations, subject, relation, obj):
    symmetric = relation in ("meets", "talks with", "negotiates with", "cooperates with", "agrees with")
    for r in relations:
        pair = (r.subject.label, r.object.label)
        if r.relation == relation and (pair == (subject, obj) or symmetric and pair == (obj, subject)):
            return r
    return None
