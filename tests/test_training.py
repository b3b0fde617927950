"""Tests for kg.nlp.training (nl_kg_news training) and the shipped pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from kg.nlp.training import paths  # noqa: E402

SHARED = paths.shared_dir()
UD_DEV = paths.ud_files(SHARED)["dev"]["alpino"]
MODEL_DIR = paths.DEFAULT_MODEL_DIR


def test_harmonise_lemma():
    from kg.nlp.training.conllu import harmonise_lemma

    assert harmonise_lemma("meenemen", "mee_nemen") == "meenemen"
    assert harmonise_lemma("_", "_") == "_"
    assert harmonise_lemma("huis", "_") == ""  # missing


def test_europeana_iob_repair():
    from kg.nlp.training.ner_data import split_token, to_iob2

    assert to_iob2(["O", "I-LOC", "I-LOC", "I-PER", "O"]) == ["O", "B-LOC", "I-LOC", "B-PER", "O"]
    assert split_token("Italië,") == (["Italië", ","], 0)


def test_silver_gazetteer_types_names_and_inherits_surnames():
    from kg.nlp.training.silver import build_gazetteer

    sentences = [s.split() for s in (
        "Gisteren zei minister Mark Rutte dat het kabinet doorgaat .",
        "Het kabinet van premier Mark Rutte zit vast .",
        "Volgens Rutte is dat niet waar , zegt hij .",
        "Daarna reisde hij door naar Moskou en Berlijn .",
    )]
    gazetteer = build_gazetteer(sentences)
    assert gazetteer["Mark Rutte"] == "PER"
    assert gazetteer["Rutte"] == "PER"  # surname of a typed person
    assert gazetteer["Moskou"] == "LOC"
    assert "Gisteren" not in gazetteer and "Volgens" not in gazetteer


@pytest.mark.skipif(not UD_DEV.exists(), reason=f"shared corpora not found at {SHARED} (set KG_SHARED)")
def test_convert_and_train_tiny(tmp_path: Path):
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    from kg.nlp.training.conllu import chunk, read_harmonised, sentences_to_doc

    nlp = spacy.blank("nl")
    sents = read_harmonised(UD_DEV)[:20]
    assert len(sents) == 20
    assert all("_" not in t.lemma or t.lemma == "_" for s in sents for t in s.tokens)
    docs = [sentences_to_doc(nlp.vocab, c) for c in chunk(sents, 5)]
    assert docs[0].has_annotation("DEP") and docs[0].has_annotation("POS")
    DocBin(docs=docs).to_disk(tmp_path / "train.spacy")
    DocBin(docs=docs[:1]).to_disk(tmp_path / "dev.spacy")
    out = tmp_path / "model"
    train(
        paths.CONFIG_PATH,
        out,
        use_gpu=-1,
        overrides={
            "paths.train": str(tmp_path / "train.spacy"),
            "paths.dev": str(tmp_path / "dev.spacy"),
            "components.tok2vec.model.encode.width": 32,
            "components.tok2vec.model.encode.depth": 1,
            "components.tok2vec.model.embed.rows": [500, 100, 200, 200],
            "components.parser.min_action_freq": 1,
            "components.trainable_lemmatizer.min_tree_freq": 1,
            "training.max_steps": 6,
            "training.eval_frequency": 3,
            "training.batcher.size.start": 500,
        },
    )
    trained = spacy.load(out / "model-last")
    doc = trained("De minister bezocht gisteren de haven van Rotterdam.")
    assert len(doc) == 9
    assert doc.has_annotation("DEP")
    assert all(t.dep_ for t in doc)
    assert all(t.pos_ for t in doc)
    assert sum(t.dep_ == "ROOT" for t in doc) >= 1


def test_shipped_model_parses():
    assert (MODEL_DIR / "config.cfg").exists(), f"no shipped pipeline at {MODEL_DIR}"
    import kg.nlp.components  # noqa: F401  (custom factories, if used)

    nlp = spacy.load(MODEL_DIR)
    assert nlp.meta["name"] == "nl_kg_news"
    doc = nlp("Minister Blok ontmoet zijn Russische ambtsgenoot Lavrov in Moskou.")
    roots = [t for t in doc if t.dep_ == "ROOT"]
    assert len(roots) == 1
    assert roots[0].pos_ == "VERB" and roots[0].text == "ontmoet"
    assert any(t.dep_ == "nsubj" and t.head == roots[0] for t in doc)
    assert all(t.lemma_ for t in doc)
