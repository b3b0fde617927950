"""Constructions met in unseen news (development sets dev2 and fresh), on sentences
written for the tests: each asserts which fact is, or is not, extracted."""

from sentences import facts, find, mentions


def test_coordinated_subject_conjunct_is_no_object():
    # The parser may label the second conjunct 'obj' or a second 'nsubj'.
    relations = facts("De Britse prins Harry en zijn vrouw Meghan klagen de krant aan.")
    assert find(relations, "Prince Harry", "accuses", "Meghan Markle") is None
    relations = facts("Prins Harry en zijn vrouw Meghan klagen de tabloid Mail on Sunday aan.")
    assert find(relations, "Prince Harry", "accuses", "Meghan Markle") is None


def test_being_akkoord_with_an_actors_proposal_agrees_with_the_actor():
    relations = facts("De Britse Labour-leider Jeremy Corbyn is akkoord met het voorstel van Boris Johnson.")
    assert find(relations, "Jeremy Corbyn", "agrees with", "Boris Johnson") is not None


def test_advising_someone_to_act_calls_on_them():
    relations = facts("De Amerikaanse regering raadt Nederland aan om de handel met Iran te beperken.")
    assert find(relations, "United States", "calls on", "Netherlands") is not None


def test_a_demonym_inside_the_titles_van_phrase_names_the_body_not_a_state_led():
    relations = facts("Dat zegt toenmalig voorzitter van de Nederlandse privacytoezichthouder Jacob Kohnstamm.")
    assert find(relations, "Jacob Kohnstamm", "leads", "Netherlands") is None
    relations = facts("De voorzitter van de Franse senaat Gérard Larcher reageerde.")
    assert find(relations, "Gérard Larcher", "leads", "France") is None
    # A state noun in the phrase is the state itself.
    relations = facts("De minister van de Nederlandse regering Stef Blok reageerde.")
    assert find(relations, "Stef Blok", "minister of", "Netherlands") is not None


def test_a_plural_title_belongs_to_every_name_it_lists():
    relations = facts("De presidenten Macron en Poetin spraken elkaar.")
    assert find(relations, "Emmanuel Macron", "leads", "France") is not None
    assert find(relations, "Vladimir Poetin", "leads", "Russia") is not None
    relations = facts("In 2019 hebben de ministers Blok van Buitenlandse Zaken en Hoekstra van "
                      "Financiën een brief gestuurd.")
    assert find(relations, "Wopke Hoekstra", "minister of", "Netherlands") is not None
    # A singular title stays with the first name.
    relations = facts("De Franse onderhandelaar Barnier en Timmermans spraken elkaar.")
    assert find(relations, "Frans Timmermans", "represents", "France") is None


def test_a_surname_with_a_capitalised_particle_is_the_person_named_before():
    relations = facts("De zaak is aangespannen door John de Mol. Facebook raadde De Mol aan aangifte te doen.")
    assert find(relations, "Facebook", "calls on", "John de Mol") is not None
    # Only the same particles make the same person.
    relations = facts("De zaak is aangespannen door Jan Mol. Facebook raadde De Mol aan aangifte te doen.")
    assert find(relations, "Facebook", "calls on", "Jan Mol") is None


def test_an_organisation_after_a_persons_name_is_the_persons():
    relations = facts("Bart van der Sloot van de Tilburg University is gespecialiseerd in privacy.")
    assert find(relations, "Bart van der Sloot", "member of", "Tilburg University") is not None
    relations = facts("Volgens Jeroen Lenaers van het CDA is dat onzin.")
    assert find(relations, "Jeroen Lenaers", "member of", "CDA") is not None
    # A minister's portfolio is no organisation he belongs to.
    relations = facts("Van Zutphen heeft minister Bijleveld van Defensie vragen gesteld.")
    assert not [r for r in relations if r.relation == "member of" and r.subject.label.endswith("Bijleveld")]


def test_help_received_from_an_actor_is_support_and_a_services_demonym_its_state():
    relations = facts("Ridouan Taghi zit vast. Taghi krijgt hulp van de Iraanse geheime dienst.")
    assert find(relations, "Iran", "supports", "Ridouan Taghi") is not None
    relations = facts("De Belgische politie heeft de journalist Jan Peeters opgepakt.")
    assert find(relations, "Belgium", "arrests", "Jan Peeters") is not None


def test_a_compound_ministers_title_names_the_office():
    relations = facts("Vanwege de zaak stapte later ook Justitieminister Ard van der Steur op.")
    assert find(relations, "Ard van der Steur", "minister of", "Netherlands") is not None
    relations = facts("De Franse defensieminister Florence Parly bezocht Mali.")
    assert find(relations, "Florence Parly", "minister of", "France") is not None


def test_a_party_prefixed_title_makes_a_person_of_a_name_tagged_as_a_place():
    relations = facts("SP-Kamerlid Karabulut noemt de situatie heel ernstig.")
    assert find(relations, "Karabulut", "member of", "SP") is not None


def test_a_subject_named_through_a_title_in_apposition():
    relations = facts("Prinses Ubolratana is kandidaat. Haar broer, koning Maha Vajiralongkorn, noemde "
                      "de politieke ambities van Ubolratana ongepast en ongrondwettelijk.")
    assert find(relations, "Maha Vajiralongkorn", "criticizes", "Ubolratana") is not None


def test_concerns_about_an_actor_and_a_title_split_from_its_name_before_the_verb():
    relations = facts("De VN-rapporteur voor de mensenrechten Philip Alston heeft ernstige zorgen over Nederland.")
    assert find(relations, "Philip Alston", "criticizes", "Netherlands") is not None
    assert find(relations, "Philip Alston", "represents", "United Nations") is not None
    relations = facts("Rutte heeft zorgen over de gezondheid van zijn moeder.")
    assert not [r for r in relations if r.relation == "criticizes"]


def test_a_name_after_a_kind_of_organisation_is_that_organisation():
    relations = facts("De Britse prins Harry en zijn vrouw Meghan klagen de tabloid Mail on Sunday aan "
                      "wegens de publicatie van een brief.")
    assert find(relations, "Prince Harry", "accuses", "Mail on Sunday") is not None
    assert find(relations, "Meghan Markle", "accuses", "Mail on Sunday") is not None
    relations = facts("Dat meldt de Finse publieke omroep YLE.")
    assert find(relations, "YLE", "located in", "Finland") is not None


def test_subjects_joined_inside_one_phrase_leave_the_object_an_object():
    for text in ("Nederland en Australië hebben Rusland aansprakelijk gesteld voor het neerhalen van MH17.",
                 "Gisteren hebben Nederland en Australië Rusland aansprakelijk gesteld voor MH17."):
        relations = facts(text)
        assert find(relations, "Netherlands", "holds liable", "Russia") is not None, text
        assert find(relations, "Australia", "holds liable", "Russia") is not None, text


def test_a_known_surname_before_a_known_name_is_not_one_new_person():
    labels = {m.entity.label for m in mentions("Volgens de krant hebben Rutte en Blok Poetin ontmoet.")}
    assert {"Stef Blok", "Vladimir Poetin"} <= labels and "Blok Poetin" not in labels


def test_a_title_before_a_closed_apposition_is_not_the_next_conjuncts():
    relations = facts("Ook zijn prominenten aanwezig als Ivanka Trump, de dochter van de Amerikaanse "
                      "president, en koningin Máxima.")
    assert not [r for r in relations if r.subject.label == "Máxima" and r.relation == "leads"
                and r.object.label == "United States"]


def test_challenging_reclaiming_replacing_suing_and_joining():
    assert find(facts("Rutte daagde Baudet dinsdag uit om met hem in debat te gaan."),
                "Mark Rutte", "calls on", "Thierry Baudet") is not None
    assert find(facts("De Europese Commissie eist 17,4 miljoen euro terug van de Tsjechische premier Andrej Babis."),
                "European Commission", "demands from", "Andrej Babiš") is not None
    assert find(facts("Theresa May wordt vervangen door Boris Johnson."),
                "Boris Johnson", "succeeds", "Theresa May") is not None
    assert find(facts("John de Mol sleept Facebook voor de rechter."), "John de Mol", "accuses", "Facebook")
    assert find(facts("Brazilië sluit zich aan bij de OPEC."), "Brazil", "member of", "OPEC") is not None


def test_a_fact_against_its_relations_range_is_dropped():
    # 'aansluiten bij' a person is agreeing with her; membership needs an organisation.
    relations = facts("Walter Lübcke sloot met zijn opmerkingen aan bij bondskanselier Merkel.")
    assert not [r for r in relations if r.relation == "member of" and r.object.label == "Angela Merkel"]


def test_ze_with_a_plural_verb_is_a_group_not_the_last_woman_or_man():
    relations = facts("Donald Trump bezocht Japan. Ze zullen nooit de VS bekritiseren.")
    assert find(relations, "Donald Trump", "criticizes", "United States") is None


def test_procedures_decrees_and_debates_as_event_nouns():
    assert find(facts("Als Eurocommissaris startte Timmermans een procedure tegen Polen."),
                "Frans Timmermans", "accuses", "Poland") is not None
    assert find(facts("Trump tekende een decreet tegen Huawei."), "Donald Trump", "sanctions", "Huawei")
    assert find(facts("Het debat tussen Rutte en Baudet was fel."),
                "Mark Rutte", "talks with", "Thierry Baudet") is not None
    assert find(facts("Eurocommissaris Frans Timmermans bezocht Polen."),
                "Frans Timmermans", "member of", "European Commission") is not None


def test_wanting_to_know_from_an_actor_demands_it_of_them():
    assert find(facts("De Tweede Kamer wil van Rutte weten waarom hij zweeg."),
                "House of Representatives", "demands from", "Mark Rutte") is not None
    assert find(facts("Rutte wil weten van Poetin wat er gebeurde."),
                "Mark Rutte", "demands from", "Vladimir Poetin") is not None
    assert not [r for r in facts("De Tweede Kamer wil niet van Rutte weten.") if r.relation == "demands from"]
    assert not [r for r in facts("Rutte weet van Poetin wat er gebeurde.") if r.relation == "demands from"]


def test_an_agreement_named_after_a_city_has_no_party_there():
    relations = facts("Duitsland sloot in 2015 samen met Frankrijk, Rusland en Oekraïne het akkoord van Minsk.")
    assert not [r for r in relations if "Belarus" in (r.subject.label, r.object.label)]
    assert find(facts("Het akkoord van Rusland en Oekraïne hield stand."), "Russia", "agrees with", "Ukraine")


def test_a_clause_hoped_for_or_gladly_seen_states_no_fact():
    assert find(facts("Rutte hoopt dat Poetin Oekraïne steunt."), "Vladimir Poetin", "supports", "Ukraine") is None
    assert find(facts("Rutte zei dat Poetin Oekraïne steunt."), "Vladimir Poetin", "supports", "Ukraine")
    assert find(facts("Rutte zou graag zien dat Poetin Oekraïne steunt."), "Vladimir Poetin", "supports",
                "Ukraine") is None


def test_a_preposition_inside_a_noun_phrase_is_no_particle_of_the_verb():
    relations = facts("Daarmee zou China wraak kunnen nemen voor de plaatsing van Huawei op de zwarte lijst.")
    assert find(relations, "China", "supports", "Huawei") is None


def test_a_portfolio_is_no_part_of_the_ministers_name():
    relations = facts("De Amerikaanse minister van Handel Wilbur Ross verklaarde dat Huawei op de lijst blijft.")
    assert find(relations, "Wilbur Ross", "minister of", "United States") is not None


def test_a_minister_of_another_state_is_not_the_last_person_named():
    relations = facts("Donald Trump bezocht Londen. De Franse minister bekritiseerde China.")
    assert find(relations, "Donald Trump", "criticizes", "China") is None
    relations = facts("Emmanuel Macron bezocht Londen. De Franse president bekritiseerde China.")
    assert find(relations, "Emmanuel Macron", "criticizes", "China") is not None


def test_a_question_or_a_readiness_states_no_fact():
    assert find(facts("Of hij president Poetin al had gebeld?"), "Mark Rutte", "talks with", "Vladimir Poetin") is None
    assert find(facts("Heeft Rutte Poetin gebeld?"), "Mark Rutte", "talks with", "Vladimir Poetin") is None
    assert find(facts("Rutte heeft Poetin gebeld."), "Mark Rutte", "talks with", "Vladimir Poetin") is not None
    relations = facts("De Noord-Koreaanse leider Kim Jong-un is bereid om de Amerikaanse president Trump te ontmoeten.")
    assert find(relations, "Kim Jong-un", "meets", "Donald Trump") is None
