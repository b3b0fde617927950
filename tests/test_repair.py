"""kg's parse repairs (kg.extract.repair), each on a hand-built misparse of the kind the
parser produces, or on a sentence it misparses."""

from sentences import facts, find


def _repaired(words, heads, deps, pos, **attrs):
    """A hand-built parse (``attrs``: morphs, lemmas) after kg's repairs."""
    import spacy
    from spacy.tokens import Doc
    from kg.extract.lexicon import lexicon
    from kg.extract.repair import repair
    return repair(Doc(spacy.blank("nl").vocab, words=words, heads=heads, deps=deps, pos=pos, **attrs), lexicon())


def test_repair_verb_hung_on_first_coordinated_subject():
    # 'Japan en Korea onderhandelden gisteren' misparsed as Japan ← conj ← onderhandelden.
    doc = _repaired(["Japan", "en", "Korea", "onderhandelden", "gisteren", "."],
                    [0, 2, 3, 0, 3, 0], ["ROOT", "cc", "nsubj", "conj", "advmod", "punct"],
                    ["PROPN", "CCONJ", "PROPN", "VERB", "ADV", "PUNCT"])
    assert doc[3].dep_ == "ROOT" and doc[3].head.i == 3
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 3) and (doc[2].dep_, doc[2].head.i) == ("conj", 0)


def test_repair_clause_with_two_objects_and_no_subject():
    # 'Ook heeft Moskou de druk opgevoerd': Moskou labelled obj under 'heeft'.
    doc = _repaired(["Ook", "heeft", "Moskou", "de", "druk", "opgevoerd"],
                    [5, 5, 1, 4, 5, 5], ["advmod", "aux", "obj", "det", "obj", "ROOT"],
                    ["ADV", "AUX", "PROPN", "DET", "NOUN", "VERB"])
    assert doc[2].dep_ == "nsubj" and doc[4].dep_ == "obj"


def test_repair_fronted_object_beside_two_objects():
    # 'Die boodschap heeft Jansen Pietersen gegeven': the fronted noun is the object.
    doc = _repaired(["Die", "boodschap", "heeft", "Jansen", "Pietersen", "gegeven"],
                    [1, 5, 5, 5, 5, 5], ["det", "nsubj", "aux", "obj", "obj", "ROOT"],
                    ["DET", "NOUN", "AUX", "PROPN", "PROPN", "VERB"])
    assert [doc[i].dep_ for i in (1, 3, 4)] == ["obj", "nsubj", "obj"]


def test_repair_known_name_hung_on_a_common_noun():
    # 'Gisteren waarschuwde Merkel via Facebook Turkije': Turkije is no part of 'Facebook'.
    doc = _repaired(["Gisteren", "waarschuwde", "Merkel", "via", "Facebook", "Turkije", "."],
                    [1, 1, 1, 4, 1, 4, 1], ["advmod", "ROOT", "nsubj", "case", "obl", "flat", "punct"],
                    ["ADV", "VERB", "PROPN", "ADP", "NOUN", "PROPN", "PUNCT"])
    assert (doc[5].dep_, doc[5].head.i) == ("obj", 1)


def test_repair_participle_hung_on_auxiliary():
    # 'Jansen heeft zijn collega Pietersen bedankt' with 'heeft' as head, 'bedankt' its ccomp.
    doc = _repaired(["Jansen", "heeft", "zijn", "collega", "Pietersen", "bedankt", "."],
                    [1, 1, 3, 5, 3, 1, 1], ["nsubj", "ROOT", "det", "nsubj", "appos", "ccomp", "punct"],
                    ["PROPN", "AUX", "DET", "NOUN", "PROPN", "VERB", "PUNCT"],
                    lemmas=["", "hebben", "", "", "", "", ""])
    assert doc[5].dep_ == "ROOT" and (doc[1].dep_, doc[1].head.i) == ("aux", 5)
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 5) and (doc[3].dep_, doc[3].head.i) == ("obj", 5)


def test_repair_pronoun_and_name_after_title():
    # 'nadat premier Jansen hem belde': 'Jansen' a bare obl, 'hem' flat inside the name.
    doc = _repaired(["nadat", "premier", "Jansen", "hem", "belde"], [4, 4, 4, 2, 4],
                    ["mark", "nsubj", "obl", "flat", "ROOT"], ["SCONJ", "NOUN", "PROPN", "PRON", "VERB"],
                    morphs=["", "", "", "Case=Acc|Person=3|PronType=Prs", ""])
    assert (doc[3].dep_, doc[3].head.i) == ("obj", 4) and (doc[2].dep_, doc[2].head.i) == ("appos", 1)


def test_repair_numeral_subject_hung_inside_a_phrase():
    # 'Toen spraken de twee over handel' with 'de twee' a nummod of 'handel'.
    doc = _repaired(["Toen", "spraken", "de", "twee", "over", "handel"], [1, 1, 3, 5, 5, 1],
                    ["advmod", "ROOT", "det", "nummod", "case", "obl"], ["ADV", "VERB", "DET", "NUM", "ADP", "NOUN"])
    assert (doc[3].dep_, doc[3].head.i) == ("nsubj", 1)


def test_repair_verb_ending_a_name_is_no_subject():
    # 'de regering van Bashar al-Assad is schuldig' with 'al-Assad' a verb holding 'regering'.
    doc = _repaired(["de", "regering", "van", "Bashar", "al-Assad", "is", "schuldig"], [1, 4, 3, 1, 6, 6, 6],
                    ["det", "nsubj", "case", "nmod", "nsubj", "cop", "ROOT"],
                    ["DET", "NOUN", "ADP", "PROPN", "VERB", "AUX", "ADJ"])
    assert (doc[4].dep_, doc[4].head.i, doc[4].pos_) == ("flat", 3, "PROPN")
    assert (doc[1].dep_, doc[1].head.i) == ("nsubj", 6)




def test_repair_main_verb_hung_as_auxiliary_of_a_subordinate_clause():
    # 'Jansen heeft Pietersen bedankt nu zij haar vertrek heeft aangekondigd' parsed with
    # the subordinate verb as root and 'bedankt' as its auxiliary.
    doc = _repaired(["Jansen", "heeft", "Pietersen", "bedankt", "nu", "zij", "vertrek", "heeft",
                     "aangekondigd", "."],
                    [8, 3, 3, 8, 8, 8, 8, 8, 8, 8],
                    ["obj", "aux", "obj", "aux", "advmod", "nsubj", "obj", "aux", "ROOT", "punct"],
                    ["PROPN", "AUX", "PROPN", "VERB", "SCONJ", "PRON", "NOUN", "AUX", "VERB", "PUNCT"],
                    lemmas=["Jansen", "hebben", "Pietersen", "bedanken", "nu", "zij", "vertrek",
                            "hebben", "aankondigen", "."])
    assert doc[3].dep_ == "ROOT" and (doc[8].dep_, doc[8].head.i) == ("advcl", 3)
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 3) and (doc[2].dep_, doc[2].head.i) == ("obj", 3)
    assert doc[4].dep_ == "mark" and doc[5].head.i == 8


def test_main_clause_before_a_subordinate_clause_keeps_its_fact():
    relations = facts("Premier Mark Rutte heeft zijn Britse collega Theresa May bedankt en zijn "
                      "respect overgebracht nu zij haar aftreden heeft aangekondigd.")
    assert find(relations, "Mark Rutte", "praises", "Theresa May") is not None


def test_repair_finite_verb_parsed_into_a_name():
    # 'Jan Smit vergeleek Piet Jansen met een dictator' parsed as one name.
    doc = _repaired(["Jan", "Smit", "vergeleek", "Piet", "Jansen", "met", "een", "dictator", "."],
                    [0, 0, 0, 0, 0, 7, 7, 0, 0],
                    ["ROOT", "flat", "flat", "flat", "flat", "case", "det", "nmod", "punct"],
                    ["PROPN", "PROPN", "NOUN", "PROPN", "PROPN", "ADP", "DET", "NOUN", "PUNCT"])
    assert (doc[2].dep_, doc[2].pos_, doc[2].lemma_) == ("ROOT", "VERB", "vergelijken")
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 2) and (doc[3].dep_, doc[3].head.i) == ("obj", 2)
    assert doc[4].head.i == 3 and doc[7].head.i == 2 and doc[1].head.i == 0


def test_repair_name_hung_on_a_time_phrase():
    # 'Merkel bezocht vorige week Oeganda' with Oeganda as appos of 'week'.
    doc = _repaired(["Merkel", "bezocht", "vorige", "week", "Oeganda", "."],
                    [1, 1, 3, 1, 3, 1], ["nsubj", "ROOT", "amod", "obl", "appos", "punct"],
                    ["PROPN", "VERB", "ADJ", "NOUN", "PROPN", "PUNCT"])
    assert (doc[4].dep_, doc[4].head.i) == ("obj", 1)
    # a verb that already has its object keeps it: the name stays where it was
    doc = _repaired(["Merkel", "bezocht", "Kenia", "vorige", "week", "Oeganda"],
                    [1, 1, 1, 4, 1, 4], ["nsubj", "ROOT", "obj", "amod", "obl", "appos"],
                    ["PROPN", "VERB", "PROPN", "ADJ", "NOUN", "PROPN"])
    assert (doc[5].dep_, doc[5].head.i) == ("appos", 4)
