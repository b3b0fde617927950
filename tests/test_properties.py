"""Property tests: arbitrary text never crashes ingest, slugs, graph building or Turtle export."""

import os
import re
from pathlib import Path

import pyoxigraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.export import turtle
from kg.extract.records import ENTITY_TYPES, ArticleFacts, EntityRef, Mention, Relation
from kg.graph import GraphBuilder, slug, unique_slugs
from kg.ingest import Article, InputError, parse_article

SETTINGS = settings(max_examples=int(os.environ.get("KG_PROPERTY_EXAMPLES", "50")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the troublemakers over-represented: quotes, angle brackets, backslashes,
# whitespace, emoji, right-to-left script, control characters and lone surrogates excluded
# only where Python cannot encode them to UTF-8.
NASTY = st.sampled_from(['"', "'", "<", ">", "\\", " ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f",
                         "\u200f", "\u202e", "שלום", "مرحبا", "😀", "👩‍👩‍👧", "\ufeff", "é", "e\u0301",
                         "ß", "ﬁ", "\u2028", "date 2019-01", "date 2019-13", '"""', "^^", "@nl",
                         "#", "%20", ":", "_:", "{", "}"])
TEXT = st.lists(st.one_of(NASTY, st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)),
                max_size=12).map("".join)
NAME = TEXT.filter(lambda s: s.strip() != "")
RELATIONS = ["meets", "holds responsible", "accuses", "denies", "criticizes"]


@SETTINGS
@given(TEXT)
def test_parse_article_never_crashes(text):
    try:
        article = parse_article(Path("x.txt"), text)
    except InputError as err:
        assert str(err).startswith("x.txt: ")
        return
    assert article.text and article.text == article.text.strip()
    assert article.id == "x" and isinstance(article.title, str)
    if article.date:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", article.date)


@SETTINGS
@given(TEXT)
def test_slug_is_nonempty_ascii_word(name):
    s = slug(name)
    assert re.fullmatch(r"[A-Za-z0-9_]+", s), (name, s)
    assert slug(name) == s  # stable


@SETTINGS
@given(st.sets(TEXT, max_size=20))
def test_unique_slugs_are_distinct_and_valid(names):
    slugs = unique_slugs(names)
    assert set(slugs) == names
    assert len(set(slugs.values())) == len(names), slugs
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", s) for s in slugs.values())


def _relation_names() -> list[str]:
    from kg.vocabulary import relation_types

    names = list(relation_types())
    picked = [n for n in RELATIONS if n in names]
    return picked or names[:4]


@SETTINGS
@given(article_id=NAME, title=TEXT, body=TEXT, evidence=TEXT,
       labels=st.lists(st.tuples(NAME, st.sampled_from(ENTITY_TYPES)), min_size=2, max_size=5, unique_by=lambda x: x[0]),
       relation=st.sampled_from(_relation_names()), polarity=st.sampled_from(["positive", "negative"]),
       date=st.sampled_from([None, "2019-01", "2020-02-29"]), data=st.data())
def test_graph_of_arbitrary_text_round_trips(article_id, title, body, evidence, labels, relation,
                                             polarity, date, data):
    refs = [EntityRef(label, type_) for label, type_ in labels]
    article = Article(id=article_id, text=body, title=title, date=date)
    mentions = [Mention(article_id, 0, len(r.label), data.draw(TEXT), r) for r in refs]
    relations = [Relation(article_id, refs[i], relation, refs[(i + 1) % len(refs)], polarity, evidence,
                          0, len(evidence), data.draw(st.floats(0, 1)), "test",
                          about=refs[-1] if i == 0 else None, attributed_to=refs[0] if i == 1 else None,
                          date=date)
                 for i in range(len(refs))]
    builder = GraphBuilder()
    builder.add(article, ArticleFacts(article_id, mentions, relations))
    graph = builder.build()
    text = turtle(graph)

    parsed = Graph().parse(data=text, format="turtle")
    assert len(parsed) == len(graph)
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)

    from rdflib import RDFS, Literal
    from rdflib.namespace import DCTERMS

    assert (None, DCTERMS.identifier, Literal(article_id)) in parsed
    assert (None, DCTERMS.title, Literal(title)) in parsed
    from rdflib import SKOS

    labels_out = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in parsed.objects(None, p)}
    assert {r.label for r in refs} <= labels_out
    statements = set(parsed.subjects(predicate=builder.ns.kgo.evidence))
    assert statements, "every relation joins two different actors: at least one statement"
    assert all(str(o) == evidence for o in parsed.objects(None, builder.ns.kgo.evidence))
