"""The NLP stage: what kg changes in a loaded spaCy pipeline."""

from kg.nlp import load_pipeline


def test_a_full_stop_after_a_word_or_name_is_its_own_token():
    nlp = load_pipeline(None)
    assert [t.text for t in nlp("Rusland ontkent dat.")] == ["Rusland", "ontkent", "dat", "."]
    assert [t.text for t in nlp("Ze reizen naar de VS.")][-2:] == ["VS", "."]
    # Abbreviations and initials keep their period.
    assert [t.text for t in nlp("Dat zei prof. Jansen.")][2] == "prof."
    assert [t.text for t in nlp("J. Smit kwam.")][0] == "J."
