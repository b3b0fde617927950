"""The hand-written NER news gold (tests/gold/ner): well-formed, in sync with its spec, and
its offsets point at the annotated text. Fast: no pipeline is loaded."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from kg.nlp.training import news_gold  # noqa: E402
from kg.nlp.training.news_gold import GOLD_DIR, LABELS, corpus_dirs  # noqa: E402

CORPORA = corpus_dirs()
EXPECTED_ARTICLES = {"seeds": 5, "dev": 30}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_gold_rows_well_formed(corpus):
    rows = news_gold.load_gold(GOLD_DIR / f"{corpus}.jsonl")
    assert rows
    assert {r["label"] for r in rows} <= set(LABELS)
    assert news_gold.check(rows) == []
    assert all(r["text"] == r["text"].strip() and r["text"] for r in rows)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_gold_offsets_match_the_text_and_the_spec(corpus):
    folder = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} not found: the development articles live outside the repository (set KG_SHARED)")
    paras = news_gold.article_paragraphs(folder)
    rows = news_gold.load_gold(GOLD_DIR / f"{corpus}.jsonl")
    assert news_gold.check(rows, paras) == []
    spec = GOLD_DIR / f"{corpus}.ann"
    assert news_gold.build(spec, folder) == rows, "run: python -m kg.nlp.training.news_gold build"
    assert len(news_gold.covered_articles(spec, sorted(paras))) == EXPECTED_ARTICLES[corpus]


def test_spec_spans_follow_the_guidelines():
    spec = news_gold.ArticleSpec("x", strings={"EU": "ORG", "Rutte": "PER", "Noord-Korea": "LOC", "Korea": "LOC"},
                                 by_paragraph={1: {"EU": "O"}}, by_occurrence={(0, "Rutte", 2): "O"})
    text = "Rutte's plan: de EU-landen, de EU, VVD’er Rutte, Noord-Korea."
    got = [(text[s:e], label) for s, e, label in news_gold.paragraph_spans(spec, 0, text)]
    assert got == [("Rutte's", "PER"), ("EU", "ORG"), ("Noord-Korea", "LOC")]
    assert news_gold.paragraph_spans(spec, 1, "de EU") == []


def test_span_prf_exact_spans():
    from kg.nlp.training.evaluate import news_gold_scores

    art = {"paragraphs": ["x"], "gold": [(0, 0, 5, "PER"), (0, 10, 14, "LOC"), (0, 20, 23, "ORG")],
           "pred": [(0, 0, 5, "PER"), (0, 10, 14, "ORG"), (0, 30, 33, "LOC")]}
    res = news_gold_scores({("dev", "01_x"): art})["dev 01-20"]
    assert (res["entities"], res["ents_p"], res["ents_r"]) == (3, 0.3333, 0.3333)
    assert res["per_type"]["PER"] == {"n": 1, "p": 1.0, "r": 1.0, "f": 1.0}
    assert res["per_type"]["ORG"]["p"] == 0.0 and res["per_type"]["LOC"]["r"] == 0.0
