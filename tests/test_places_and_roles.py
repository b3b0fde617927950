"""Places named by a kind-of-place noun, titles held over places, ministerial portfolios
and names the tagger runs together, on sentences written for the tests."""

from sentences import facts, find


def test_a_demonym_before_a_named_place_locates_it():
    relations = facts("Zijn broer werd in de Duitse stad Gronau aangehouden.")
    assert find(relations, "Gronau", "located in", "Germany") is not None
    relations = facts("In 2005 bezocht de keizer het Amerikaanse eiland Saipan.")
    assert find(relations, "Saipan", "located in", "United States") is not None


def test_a_state_organ_is_not_located_by_its_own_demonym():
    relations = facts("Het Nederlandse Openbaar Ministerie vervolgt Ivan Petrov.")
    assert not [r for r in relations if r.relation == "located in"]


def test_a_mayor_leads_a_place():
    assert find(facts("Burgemeester Femke Halsema van Amsterdam bezocht Rotterdam."),
                "Femke Halsema", "leads", "Amsterdam") is not None
    assert find(facts("Femke Halsema, burgemeester van Amsterdam, bezocht Rotterdam."),
                "Femke Halsema", "leads", "Amsterdam") is not None
    # A place is no state or organisation a minister serves or a member belongs to.
    assert not [r for r in facts("Minister Jan de Vries van Amsterdam bezocht Rusland.")
                if r.object.label == "Amsterdam"]


def test_a_portfolio_ends_a_name_and_a_plural_title_introduces_one():
    relations = facts("In 2011 hebben de staatssecretarissen Atsma van Milieu en Bleker van "
                      "Landbouw een heffing ingesteld.")
    assert find(relations, "Atsma", "minister of", "Netherlands") is not None
    assert not [r for r in relations if "Milieu" in r.subject.label]


def test_a_state_run_into_a_persons_name_is_the_object():
    # 'Akihito Nederland' tagged as one name.
    assert find(facts("In 2000 bezocht Akihito Nederland tijdens een staatsbezoek."),
                "Akihito", "visits", "Netherlands") is not None


def test_a_common_noun_before_a_known_name_is_no_entity():
    relations = facts("Zo plaatste Trump de Chinese Telecom-gigant Huawei op een zwarte lijst.")
    assert find(relations, "Donald Trump", "sanctions", "Huawei") is not None
    assert not [r for r in relations if "gigant" in r.object.label.lower()]


def test_a_party_compound_title_introduces_an_unknown_surname():
    relations = facts("PVV-Kamerlid Pietersen bekritiseert minister Jansen.")
    assert find(relations, "Pietersen", "member of", "PVV") is not None


def test_a_monarch_leads_the_state_of_the_office_held_on_the_article_date():
    assert find(facts("Koning Willem-Alexander bezocht India.", date="2019-05"),
                "Willem-Alexander", "leads", "Netherlands") is not None
    # Beatrix abdicated in 2013: in 2019 'koningin Beatrix' is a former queen.
    assert find(facts("Koningin Beatrix bezocht Leiden.", date="2019-05"), "Beatrix", "leads", "Netherlands") is None
    assert find(facts("Koningin Beatrix bezocht Leiden.", date="2010-05"), "Beatrix", "leads", "Netherlands")


def test_a_self_proclaimed_or_designated_title_is_no_office_held():
    assert find(facts("De VS erkennen de zelfbenoemde Amerikaanse president Jan Smit."),
                "Jan Smit", "leads", "United States") is None
    assert find(facts("Voormalig minister van Buitenlandse Zaken Boris Johnson bezocht Berlijn."),
                "Boris Johnson", "minister of", "United Kingdom") is not None


def test_a_foreign_minister_without_a_state_is_in_his_own_state():
    assert find(facts("Minister Zarif bezocht Parijs."), "Javad Zarif", "minister of", "Iran") is not None


def test_the_body_of_a_title_named_after_the_person():
    assert find(facts("Dat zegt analist Jan Smit van Clingendael."), "Jan Smit", "member of", "Clingendael")
    assert find(facts("Woordvoerder Jan Smit van de VVD zegt dat."), "Jan Smit", "represents", "VVD")
    # A minister's 'van' after the name is the portfolio; his state stays his own.
    assert find(facts("Minister Blok van Buitenlandse Zaken bezocht Moskou."), "Stef Blok", "minister of", "Netherlands")


def test_a_bare_van_after_a_first_name_starts_the_surname():
    found = facts("Dat zegt energie-expert Lucia van Geuns van het Haags Centrum voor Strategische Studies.")
    assert find(found, "Lucia van Geuns", "member of", "The Hague Centre for Strategic Studies")


def test_a_city_adjective_places_a_named_place_in_that_city():
    found = facts("Een man werd onder vuur genomen in de Zwolse wijk Stadshagen.")
    assert find(found, "Stadshagen", "located in", "Zwolle") is not None


def test_every_sovereign_state_is_a_country_with_its_dutch_name_and_demonym():
    """Countries beyond the big ones: the Dutch name (also the Taalunie spelling
    'Saoedi-Arabië'), the adjective and the capital as seat of government."""
    from kg.extract.lexicon import lexicon

    lex = lexicon()
    assert len({ref.label for ref in lex.names.values() if ref.type == "Country"}) >= 195
    assert lex.names["Saoedi-Arabië"].label == lex.names["Saudi-Arabië"].label == "Saudi Arabia"
    assert lex.names["Oeganda"].label == "Uganda" and lex.adjectives["ghanese"].label == "Ghana"
    assert lex.seats["Kigali"].label == "Rwanda" and lex.seat_places["Tokio"].label == "Tokyo"
    assert find(facts("Bolsonaro reisde vorige week naar Saoedi-Arabië."),
                "Jair Bolsonaro", "visits", "Saudi Arabia") is not None
    assert find(facts("De Ghanese president Akufo-Addo bezocht vorige week Duitsland."),
                "Akufo-Addo", "leads", "Ghana") is not None
    assert find(facts("Merkel bezocht vorige week Oeganda."),
                "Angela Merkel", "visits", "Uganda") is not None
