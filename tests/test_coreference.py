"""In-document coreference: pronouns agree in gender with the person they refer to."""

from sentences import facts, find


def test_a_feminine_possessive_skips_a_man_named_since():
    # 'haar' is May's: Rutte, the subject named last, is a man.
    relations = facts("Mark Rutte bedankte Theresa May. Het door haar bereikte akkoord met de "
                      "Europese Unie blijft, zei Rutte.")
    assert find(relations, "Theresa May", "agrees with", "European Union") is not None
    assert find(relations, "Mark Rutte", "agrees with", "European Union") is None


def test_a_masculine_pronoun_skips_a_woman_named_since():
    relations = facts("Angela Merkel ontmoette Mark Rutte. Hij kreeg kritiek van Frankrijk omdat "
                      "zijn bezoek aan Rusland slecht viel.")
    assert find(relations, "Mark Rutte", "visits", "Russia") is not None
    assert find(relations, "Angela Merkel", "visits", "Russia") is None


def test_gender_comes_from_the_first_name_or_a_title():
    from kg.extract.gender import person_gender
    from kg.extract.lexicon import lexicon
    from kg.extract.records import EntityRef
    lex = lexicon()
    assert person_gender(EntityRef("Ursula von der Leyen", "Person"), None, lex) == "f"
    assert person_gender(EntityRef("Mark Rutte", "Person"), None, lex) == "m"
    assert person_gender(EntityRef("Albers", "Person"), "koningin", lex) == "f"
    assert person_gender(EntityRef("Albers", "Person"), None, lex) is None
