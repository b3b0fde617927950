"""Quotations over several sentences: who says what, and what a speaker's 'moet' is."""

from sentences import facts, find, mentions


def said_by(relation) -> str | None:
    return relation.attributed_to.label if relation.attributed_to else None


def test_every_sentence_of_a_tagged_quotation_is_the_speakers():
    relations = facts('"Iran heeft al een reputatie inzake geweld", zegt Kamerlid Koopmans. '
                      '"Er zijn zware verdenkingen. Iran moet Taghi uitleveren aan Nederland."')
    appeal = find(relations, "Koopmans", "calls on", "Iran")
    assert appeal is not None and said_by(appeal) == "Koopmans"


def test_a_bare_colon_tag_introduces_the_speaker():
    relations = facts('CDA-Kamerlid Van Helvert: "Dit is ernstig. Iran moet Taghi uitleveren aan Nederland."')
    assert find(relations, "Van Helvert", "calls on", "Iran") is not None
    relations = facts('Kamerlid Koopmans: "Dit is ernstig. Rusland heeft Oekraïne aangevallen."')
    attack = find(relations, "Russia", "attacks", "Ukraine")
    assert attack is not None and said_by(attack) == "Koopmans"


def test_a_narrators_sentence_between_two_quotations_ends_the_speakers_turn():
    relations = facts('"Dit is ernstig", zegt Kamerlid Koopmans. De minister reageerde niet. '
                      '"Rusland heeft Oekraïne aangevallen."')
    attack = find(relations, "Russia", "attacks", "Ukraine")
    assert attack is not None and said_by(attack) is None
    relations = facts('"Dit is ernstig", zegt Kamerlid Koopmans. "Rusland heeft Oekraïne aangevallen."')
    assert said_by(find(relations, "Russia", "attacks", "Ukraine")) == "Koopmans"


def test_a_title_named_inside_a_quotation_is_no_claim_of_the_speaker():
    relations = facts('"Ik heb president Poetin gesproken. Dit is ernstig", zegt Kamerlid Koopmans.')
    title = find(relations, "Vladimir Poetin", "leads", "Russia")
    assert title is not None and said_by(title) is None


def test_what_had_to_happen_and_what_a_reporter_explains_are_no_appeals():
    relations = facts('"Het was zwaar", zegt premier Rutte. "De Russen moesten zich terugtrekken."')
    assert not [r for r in relations if r.relation == "calls on"]
    relations = facts('"Het hof is streng", zegt correspondent Michel Maas. '
                      '"Dus moet Thaksin alle hoop vestigen op zijn oude partij."')
    assert not [r for r in relations if r.relation == "calls on"]


def test_a_surname_is_the_person_the_article_named_not_a_namesake_in_the_gazetteer():
    text = "Correspondent Michel Maas was in Bangkok. Volgens Maas is de situatie gespannen."
    labels = {m.text: m.entity.label for m in mentions(text, date="2019-03")}
    assert labels["Maas"] == "Michel Maas"
