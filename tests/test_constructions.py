"""Dutch constructions the extractor must handle, on sentences written for the tests.

Each case names the construction; the assertion is on the extracted fact itself
(subject, relation, object, polarity and the n-ary arguments)."""

import pytest

from kg.extract import extract_article
from kg.ingest import Article
from kg.nlp import load_pipeline, parse
from sentences import facts, find


CASES = [
    ("verb-second", "Premier Mark Rutte ontmoet bondskanselier Angela Merkel in Berlijn.",
     ("Mark Rutte", "meets", "Angela Merkel"), "positive"),
    ("verb-final", "Het kabinet meldt dat Mark Rutte gisteren Angela Merkel heeft ontmoet.",
     ("Mark Rutte", "meets", "Angela Merkel"), "positive"),
    ("separable verb", "Frankrijk roept Rusland op om de gevangenen vrij te laten.",
     ("France", "calls on", "Russia"), "positive"),
    ("complex predicate", "Nederland stelt Rusland aansprakelijk voor het neerhalen van MH17.",
     ("Netherlands", "holds liable", "Russia"), "positive"),
    ("passive with door", "Rusland werd door Australië aansprakelijk gesteld.",
     ("Australia", "holds liable", "Russia"), "positive"),
    ("modal chain", "Duitsland zal Frankrijk blijven steunen.",
     ("Germany", "supports", "France"), "positive"),
    ("coordinated subjects", "Mark Rutte en Angela Merkel ontmoeten Vladimir Poetin.",
     ("Angela Merkel", "meets", "Vladimir Poetin"), "positive"),
    ("nominalisation tussen", "Er was gisteren een ontmoeting tussen Merkel en Macron.",
     ("Angela Merkel", "meets", "Emmanuel Macron"), "positive"),
    ("negation niet", "Iran wil niet onderhandelen met de Verenigde Staten.",
     ("Iran", "negotiates with", "United States"), "negative"),
    ("title and demonym", "De Russische president Poetin ontmoet Erdogan in Ankara.",
     ("Vladimir Poetin", "leads", "Russia"), "positive"),
    ("metonymy", "Moskou bekritiseert Washington.",
     ("Russia", "criticizes", "United States"), "positive"),
    ("demonym state noun", "De Amerikaanse regering sanctioneert Iran.",
     ("United States", "sanctions", "Iran"), "positive"),
    ("party-prefixed title, surname particle", "Dat zegt VVD-collega Johan de Wit.",
     ("Johan de Wit", "member of", "VVD"), "positive"),
    ("name ends before a ministry", "Minister Pieter Smit van Defensie bezocht gisteren Litouwen.",
     ("Pieter Smit", "visits", "Lithuania"), "positive"),
    ("party after van", "Kamerlid Fatima el Amrani van Denk bekritiseert Israël.",
     ("Fatima el Amrani", "member of", "DENK"), "positive"),
    ("known surname", "Minister Blok bezocht gisteren Rusland.",
     ("Stef Blok", "minister of", "Netherlands"), "positive"),
    ("light-verb noun as relative antecedent",
     "Het handelsakkoord dat Japan vorig jaar sloot met Canada, loopt binnenkort af.",
     ("Japan", "agrees with", "Canada"), "positive"),
    ("evaluative object through its owner", "Duitsland sprak zijn waardering uit voor de inzet van de NAVO.",
     ("Germany", "praises", "NATO"), "positive"),
    ("evaluative verb object through its owner", "Frankrijk steunt het voorstel van Italië.",
     ("France", "supports", "Italy"), "positive"),
    ("office holders of coordinated states",
     "De ministers van Buitenlandse Zaken van Spanje, Italië en Griekenland overleggen morgen met Oekraïne.",
     ("Italy", "talks with", "Ukraine"), "positive"),
    ("genitive possessor of an event noun", "Het is Pompeo's tweede bezoek aan Japan dit jaar.",
     ("Mike Pompeo", "visits", "Japan"), "positive"),
    ("travel verb with destination", "President Erdogan reist volgende week naar Moskou.",
     ("Recep Tayyip Erdogan", "visits", "Moscow"), "positive"),
    ("arrival verb, a capital as the place itself",
     "De Japanse premier Abe landt morgen in Washington voor overleg.",
     ("Shinzo Abe", "visits", "Washington"), "positive"),
    ("demand with a dat-clause", "Canada eist dat China de twee gevangenen vrijlaat.",
     ("Canada", "demands from", "China"), "positive"),
    ("insisting with a dat-clause", "Merkel hamerde er vooral op dat Griekenland zijn economie moet hervormen.",
     ("Angela Merkel", "calls on", "Greece"), "positive"),
    ("condition with a dat-clause", "Moskou stelt als voorwaarde dat de NAVO zijn troepen terugtrekt.",
     ("Russia", "demands from", "NATO"), "positive"),
    ("country name opening an institution's name",
     "Dat zegt Li Wei, directeur van het Japan Institute for Strategic Studies in Tokio.",
     ("Li Wei", "leads", "Japan Institute for Strategic Studies"), "positive"),
    ("honorific between title and name",
     "De hoogste leider van Iran, ayatollah Khamenei, sprak gisteren op de televisie.",
     ("Ali Khamenei", "leads", "Iran"), "positive"),
    ("name-calling epithet", "Premier Mark Rutte noemde Thierry Baudet gisteren een gevaarlijke populist.",
     ("Mark Rutte", "criticizes", "Thierry Baudet"), "positive"),
    ("praising epithet", "Poetin noemt Merkel een moedige vrouw.",
     ("Vladimir Poetin", "praises", "Angela Merkel"), "positive"),
    ("comparison with an epithet", "Merkel heeft Poetin vergeleken met een tiran.",
     ("Angela Merkel", "criticizes", "Vladimir Poetin"), "positive"),
    ("gathering noun: guests meet one another", "Rutte had gisteren een lunch met Merkel en Macron.",
     ("Angela Merkel", "meets", "Emmanuel Macron"), "positive"),
    ("gathering noun: host meets guests", "Rutte had gisteren een lunch met Merkel en Macron.",
     ("Mark Rutte", "meets", "Emmanuel Macron"), "positive"),
    ("conversation at a place is a meeting", "Merkel sprak dinsdag in Amsterdam met Macron.",
     ("Angela Merkel", "meets", "Emmanuel Macron"), "positive"),
    ("conversation without a place", "Merkel sprak dinsdag met Macron over de begroting.",
     ("Angela Merkel", "talks with", "Emmanuel Macron"), "positive"),
    ("place phrase parsed into a name", "Vanmiddag spreekt Macron met premier Johnson in Downing Street.",
     ("Emmanuel Macron", "meets", "Boris Johnson"), "positive"),
    ("listed names hung on the wrong head",
     "Het verdrag dat Brazilië vorig jaar sloot met Spanje, Italië, Canada en Duitsland loopt binnenkort af.",
     ("Brazil", "agrees with", "Germany"), "positive"),
    ("possessive event noun under an infinitive's controller",
     "Het leek erop dat Merkel haar akkoord met Frankrijk aan de Bondsdag ging voorleggen.",
     ("Angela Merkel", "agrees with", "France"), "positive"),
    ("reflexive verb with a preposition, object through its owner",
     "Macron zei zich voor de kandidatuur van Rutte in te zetten.",
     ("Emmanuel Macron", "supports", "Mark Rutte"), "positive"),
    ("object of 'gaan' belongs to the infinitive, demonym goods",
     "Het Japanse ministerie heeft aangekondigd om de importtarieven van Canadese producten te gaan verhogen.",
     ("Japan", "sanctions", "Canada"), "positive"),
    ("standing behind an actor", "Ook Canada staat volledig achter de NAVO.",
     ("Canada", "supports", "NATO"), "positive"),
    ("family name first, used alone later",
     "De Chinese minister Wang Yi was gisteren in Berlijn. Wang waarschuwt Duitsland voor de gevolgen.",
     ("Wang Yi", "warns", "Germany"), "positive"),
    ("appeal: what a speaker says another actor must do",
     '"De sancties blijven, maar Rusland moet zich aan de afspraken houden", zegt Macron.',
     ("Emmanuel Macron", "calls on", "Russia"), "positive"),
    ("appeal in a dat-clause", "Merkel zegt dat Griekenland zijn schulden moet terugbetalen.",
     ("Angela Merkel", "calls on", "Greece"), "positive"),
    ("object pronoun is not its own clause's subject",
     "Poetin landde gisteren in Parijs. Twee dagen nadat president Macron hem ontving, vertrok hij weer.",
     ("Emmanuel Macron", "meets", "Vladimir Poetin"), "positive"),
    ("a described subject is the next pronoun's antecedent",
     "President Trump bezocht gisteren Japan en sprak met premier Abe. De president zei later dat Abe "
     "een goede vriend is. Ook vindt hij dat China zijn markt moet openen.",
     ("Donald Trump", "calls on", "China"), "positive"),
    ("speaker named by the next sentence",
     '"Italië moet zijn begroting aanpassen." Dat zegt minister Olaf Scholz in een interview.',
     ("Olaf Scholz", "calls on", "Italy"), "positive"),
    ("appeal taken up as a noun of saying",
     '"Japan moet de handel openstellen." Die oproep deed president Trump gisteren.',
     ("Donald Trump", "calls on", "Japan"), "positive"),
    ("predecessor named by apposition", "Theresa May, de opvolger van David Cameron, trad af.",
     ("Theresa May", "succeeds", "David Cameron"), "positive"),
    ("possessive predecessor", "Trump bekritiseerde gisteren zijn voorganger Barack Obama.",
     ("Donald Trump", "succeeds", "Barack Obama"), "positive"),
    ("possessive successor", "Merkel sprak gisteren met haar opvolger Olaf Scholz.",
     ("Olaf Scholz", "succeeds", "Angela Merkel"), "positive"),
    ("gathering as the occasion of a clause",
     "Macron gaf Merkel die boodschap tijdens een ontmoeting in Parijs.",
     ("Emmanuel Macron", "meets", "Angela Merkel"), "positive"),
    ("adverbs holding the auxiliary",
     "De Franse regering heeft de afgelopen maanden economisch en diplomatiek de druk op Syrië opgevoerd.",
     ("France", "threatens", "Syria"), "positive"),
    ("object pronoun under a modal, adverb holding the modal",
     "Macron landt vandaag in Berlijn. Bondskanselier Merkel zal hem, samen met haar ministers, eerst "
     "ontvangen voor een diner.",
     ("Angela Merkel", "meets", "Emmanuel Macron"), "positive"),
    ("nominalised infinitive with van-patient and door-agent",
     "Japan protesteert tegen het bombarderen van Taiwan door China.",
     ("China", "attacks", "Taiwan"), "positive"),
    ("denied nominalised infinitive, demonym equipment",
     "Rusland ontkent het neerhalen van een Oekraïense straaljager door het Russische leger.",
     ("Russia", "shoots down", "Ukraine"), "negative"),
    ("maintaining ties", "Duitsland onderhoudt nauwe banden met Frankrijk.",
     ("Germany", "cooperates with", "France"), "positive"),
    ("Engeland for the United Kingdom", "Vorig jaar sloot Iran een akkoord met Engeland.",
     ("Iran", "agrees with", "United Kingdom"), "positive"),
    ("tariff on goods named by a demonym", "Washington verhoogt de importtarieven op Mexicaanse auto's.",
     ("United States", "sanctions", "Mexico"), "positive"),
    ("tariff on goods from a country, in a relative clause",
     "Canada stelt heffingen in op staal dat uit China wordt ingevoerd.",
     ("Canada", "sanctions", "China"), "positive"),
    ("negated tariff on goods", "Japan legt geen heffingen op aan Zuid-Koreaanse chips.",
     ("Japan", "sanctions", "South Korea"), "negative"),
    ("target suffering a measure", "Venezuela, dat zwaar lijdt onder de Amerikaanse sancties, zoekt steun bij Rusland.",
     ("United States", "sanctions", "Venezuela"), "positive"),
    ("blacklist", "De Verenigde Staten zetten Huawei op een zwarte lijst.",
     ("United States", "sanctions", "Huawei"), "positive"),
    ("plural definite description for the people with that title",
     "Minister Stef Blok ontving gisteren minister Jean Asselborn in Den Haag. "
     "Later spraken de ministers met president Macron.",
     ("Stef Blok", "talks with", "Emmanuel Macron"), "positive"),
    ("description is not its clause's other argument; a demonym makes its state recent",
     "De Duitse bondskanselier Angela Merkel reageerde op het vertrek van de Britse premier. "
     "De regering onderhoudt een nauwe relatie met het Verenigd Koninkrijk.",
     ("Germany", "cooperates with", "United Kingdom"), "positive"),
    ("definite description skips its co-argument",
     "Frankrijk zegt dat het zijn grenzen sluit. Het Verenigd Koninkrijk vertrekt. "
     "Het land onderhoudt sterke banden met het Verenigd Koninkrijk.",
     ("France", "cooperates with", "United Kingdom"), "positive"),
    ("ally noun with a genitive owner", "Lavrov sprak ook over Ruslands bondgenoot Syrië.",
     ("Syria", "cooperates with", "Russia"), "positive"),
    ("ally noun as copula predicate", "Saudi-Arabië is een bondgenoot van de Verenigde Staten.",
     ("Saudi Arabia", "cooperates with", "United States"), "positive"),
    ("negated ally noun", "Syrië is geen bondgenoot van Frankrijk.",
     ("Syria", "cooperates with", "France"), "negative"),
    ("threat of a tariff on goods", "Trump dreigde met een heffing van 45 procent op alles wat vanuit Mexico wordt ingevoerd.",
     ("Donald Trump", "threatens", "Mexico"), "positive"),
    ("threat noun with a demonym and a direction", "Het Amerikaanse wapengekletter richting Iran baart zorgen.",
     ("United States", "threatens", "Iran"), "positive"),
    ("rebuttal of an accusation in the same sentence",
     "Kiev beschuldigt Moskou van de aanslag, maar Rusland ontkent dat.",
     ("Russia", "denies", "Ukraine"), "positive"),
    ("rebuttal noun in the next sentence",
     "Oekraïne beschuldigde Rusland van de aanval. Rusland wees de beschuldiging af.",
     ("Russia", "denies", "Ukraine"), "positive"),
    ("gathering noun as subject names its guests; the host is the topic; 'samen met' adds one",
     "President Macron is vandaag in Rome. Een ontmoeting met premier Giuseppe Conte, samen met "
     "de Spaanse premier Pedro Sánchez, staat op het programma.",
     ("Emmanuel Macron", "meets", "Pedro Sánchez"), "positive"),
    ("plural demonstrative description: the states the previous sentence named",
     "Duitsland en Frankrijk sloten gisteren een akkoord. Deze landen steunen Oekraïne.",
     ("Germany", "supports", "Ukraine"), "positive"),
    ("a quotation standing alone is the words of the previous sentence's subject",
     "Minister Blok reageerde gisteren op Iran. „Iran moet zich aan de afspraken houden.”",
     ("Stef Blok", "calls on", "Iran"), "positive"),
    ("experiencer of an empty 'het' holds the view",
     "Premier Rutte zei dat het voor Nederland vaststaat dat Iran verantwoordelijk is voor de aanslag.",
     ("Netherlands", "holds responsible", "Iran"), "positive"),
    ("negated intention, 'om te' clause after a complement clause",
     "Rutte benadrukte dat Nederland niet van plan is om met Rusland te gaan onderhandelen.",
     ("Netherlands", "negotiates with", "Russia"), "negative"),
    ("relative 'die' after a place name refers to the noun it belongs to; the object through its owner",
     "De Zweedse ambassade in Caracas, die de belangen van Canada vertegenwoordigt, is gesloten.",
     ("Sweden", "represents", "Canada"), "positive"),
    ("light verb: belangen behartigen",
     "Volgens de krant belde Macron de Zweedse ambassade in Caracas, die de belangen van Canada "
     "in Venezuela behartigt.",
     ("Sweden", "represents", "Canada"), "positive"),
    ("a government named after its leader is the leader's state",
     "Het kabinet-Rutte steunt Oekraïne.", ("Netherlands", "supports", "Ukraine"), "positive"),
    ("a definite noun phrase before the verb stays subject beside a name after it",
     "De Amerikaanse regering legt China nieuwe heffingen op.",
     ("United States", "sanctions", "China"), "positive"),
    ("deadline given: a bare measure phrase as the light-verb noun",
     "Noord-Korea heeft Japan en Zuid-Korea dertig dagen gegeven om de sancties op te heffen.",
     ("North Korea", "demands from", "South Korea"), "positive"),
    ("prosecution accuses", "Het Openbaar Ministerie vervolgt Shell wegens omkoping.",
     ("Dutch Public Prosecution Service", "accuses", "Shell"), "positive"),
    ("a fine sanctions", "De EU legt Google een boete op.", ("European Union", "sanctions", "Google"), "positive"),
    ("congratulating praises; a known surname NER missed",
     "Rutte feliciteerde Johnson met zijn overwinning.", ("Mark Rutte", "praises", "Boris Johnson"), "positive"),
    ("agreeing to an actor's plan", "Het kabinet-Rutte stemt in met het plan van Duitsland.",
     ("Netherlands", "agrees with", "Germany"), "positive"),
    ("contradicting an actor's accusations denies the accuser",
     "Moskou spreekt de beschuldigingen van Kiev tegen.", ("Russia", "denies", "Ukraine"), "positive"),
    ("negated rebuttal", "Oekraïne beschuldigde Rusland van de aanval. Rusland ontkent dat niet.",
     ("Russia", "denies", "Ukraine"), "negative"),
    ("epithet parsed into the name or as a particle",
     "In een interview noemde Macron het Witte Huis onbetrouwbaar.",
     ("Emmanuel Macron", "criticizes", "United States"), "positive"),
    ("complaint about an actor", "De Poolse regering klaagt over Duitsland.",
     ("Poland", "criticizes", "Germany"), "positive"),
    ("complaint that an actor acts", "Macron klaagt dat Italië de afspraken over migratie negeert.",
     ("Emmanuel Macron", "criticizes", "Italy"), "positive"),
    ("verb of respect", "Merkel zegt dat ze Macron altijd heeft gerespecteerd.",
     ("Angela Merkel", "praises", "Emmanuel Macron"), "positive"),
    ("admiration noun", "Poetin sprak zijn bewondering uit voor Xi Jinping.",
     ("Vladimir Poetin", "praises", "Xi Jinping"), "positive"),
    ("evaluative noun under a controlled infinitive",
     "Blok zei veel respect te hebben voor het werk van de OPCW.",
     ("Stef Blok", "praises", "Organisation for the Prohibition of Chemical Weapons"), "positive"),
    ("first person in a quote is the speaker", "„Ik heb Macron altijd bewonderd”, zegt Merkel.",
     ("Angela Merkel", "praises", "Emmanuel Macron"), "positive"),
    ("quote alone after a sentence of reacting, possessive first person",
     "Macron reageerde gisteren op het vertrek van Merkel. „Ik wil graag mijn grote respect "
     "uitdrukken voor Angela Merkel.”",
     ("Emmanuel Macron", "praises", "Angela Merkel"), "positive"),
    ("one person's attack on another is criticism", "Trump viel Macron gisteren aan op Twitter.",
     ("Donald Trump", "criticizes", "Emmanuel Macron"), "positive"),
    ("event noun's phrase hung on the verb", "Rutte sprak ook over zijn aanval van gisteren op Geert Wilders.",
     ("Mark Rutte", "criticizes", "Geert Wilders"), "positive"),
    ("reported judgement: manner adverb",
     "Minister Blok zegt dat Poetin de situatie in Syrië verkeerd heeft beoordeeld.",
     ("Stef Blok", "criticizes", "Vladimir Poetin"), "positive"),
    ("reported judgement: negated", "Merkel zegt dat Macron het conflict niet verkeerd heeft aangepakt.",
     ("Angela Merkel", "criticizes", "Emmanuel Macron"), "negative"),
    ("reported judgement: manner noun in a quote",
     '"Rusland heeft op een schandalige manier gehandeld", zegt minister Stef Blok.',
     ("Stef Blok", "criticizes", "Russia"), "positive"),
    ("reported judgement: praising copula", "Merkel benadrukte dat Macron een uitstekende president is.",
     ("Angela Merkel", "praises", "Emmanuel Macron"), "positive"),
    ("reported judgement: volgens", "Volgens Poetin is de Oekraïense regering wanhopig.",
     ("Vladimir Poetin", "criticizes", "Ukraine"), "positive"),
    ("reported judgement: verb of failing", "Rutte zegt dat Italië heeft gefaald.",
     ("Mark Rutte", "criticizes", "Italy"), "positive"),
    ("reported judgement: object naming a failure",
     "Merkel zei dat Duitsland een blunder heeft begaan met Frankrijk.",
     ("Angela Merkel", "criticizes", "Germany"), "positive"),
    ("reported judgement: quote tag pronoun names an earlier speaker",
     'Merkel sprak gisteren in Berlijn. "Macron doet zijn werk slecht", zei ze.',
     ("Angela Merkel", "criticizes", "Emmanuel Macron"), "positive"),
]


def test_a_sentence_that_is_no_quotation_has_no_borrowed_speaker():
    relations = facts("Minister Blok reageerde gisteren op Iran. Iran moet zich aan de afspraken houden.")
    assert find(relations, "Stef Blok", "calls on", "Iran") is None


def test_an_intention_is_no_fact():
    relations = facts("Rutte zei dat Nederland van plan is om met Rusland te onderhandelen.")
    assert find(relations, "Netherlands", "negotiates with", "Russia") is None
    assert find(relations, "Mark Rutte", "negotiates with", "Russia") is None


def test_a_first_name_before_a_known_surname_is_another_person():
    relations = facts("Gisteren prees Ivanka Trump de Japanse premier Abe.")
    assert find(relations, "Ivanka Trump", "praises", "Shinzo Abe") is not None
    assert find(relations, "Donald Trump", "praises", "Shinzo Abe") is None


def test_surname_particles_extend_a_first_name_tagged_alone():
    relations = facts("Dat zegt Ruud van der Meer, die Rusland bekritiseert.")
    assert find(relations, "Ruud van der Meer", "criticizes", "Russia") is not None


def test_a_bare_ministerial_title_is_the_home_state_unless_named_with_another():
    assert find(facts("Minister Jan Pietersen bezocht gisteren Kiev."),
                "Jan Pietersen", "minister of", "Netherlands") is not None
    relations = facts("De Franse minister Jean Dupont was in Rome. Later zei minister Dupont dat Italië gelijk heeft.")
    assert find(relations, "Jean Dupont", "minister of", "France") is not None
    assert find(relations, "Jean Dupont", "minister of", "Netherlands") is None


def test_a_denial_without_an_accusation_denies_nobody():
    relations = facts("Frankrijk sprak met Duitsland. Rusland ontkent dat.")
    assert not [r for r in relations if r.relation == "denies"]


def test_a_measure_against_people_is_not_one_against_their_country():
    relations = facts("De EU kondigt sancties aan tegen Russische oligarchen.")
    assert find(relations, "European Union", "sanctions", "Russia") is None


def test_negated_epithet_states_nothing():
    relations = facts("Angela Merkel noemde Vladimir Poetin geen dictator.")
    assert find(relations, "Angela Merkel", "criticizes", "Vladimir Poetin") is None


def test_judging_an_actors_deed_by_epithet():
    assert find(facts("Het CDA vindt het besluit van minister Van Nieuwenhuizen verstandig."),
                "CDA", "praises", "Cora van Nieuwenhuizen") is not None
    assert find(facts("Minister Zarif omschrijft het besluit van Duitsland als het toppunt van domheid."),
                "Javad Zarif", "criticizes", "Germany") is not None


def test_citing_as_an_example_is_no_praise():
    relations = facts("Als voorbeeld noemt Blok de aanslag op het leven van de Russische spion Sergei Skripal.")
    assert not [r for r in relations if r.relation in ("criticizes", "praises")]


def test_neutral_comparison_states_nothing():
    relations = facts("Merkel vergelijkt Duitsland met Frankrijk.")
    assert not [r for r in relations if r.relation in ("criticizes", "praises")]


def test_negation_inside_a_named_predicate_states_nothing():
    relations = facts("In een interview noemde Macron het Witte Huis niet onbetrouwbaar.")
    assert not [r for r in relations if r.relation in ("criticizes", "praises") and r.polarity == "positive"]


def test_a_quote_after_a_sentence_without_saying_has_no_speaker():
    relations = facts("Macron was gisteren in Parijs. „Ik wil graag mijn grote respect uitdrukken "
                      "voor Angela Merkel.”")
    assert not [r for r in relations if r.relation == "praises"]


def test_an_attack_on_a_state_stays_an_attack():
    relations = facts("Rusland viel Oekraïne aan.")
    assert find(relations, "Russia", "attacks", "Ukraine") and not find(relations, "Russia", "criticizes", "Ukraine")


def test_a_reported_clause_without_a_judging_word_judges_nothing():
    relations = facts("Rutte zegt dat Italië goed moet nadenken over de gevaarlijke situatie.")
    assert not [r for r in relations if r.relation in ("criticizes", "praises")]


@pytest.mark.parametrize("construction, text, fact, polarity", CASES, ids=[c[0] for c in CASES])
def test_construction(construction, text, fact, polarity):
    relations = facts(text)
    found = find(relations, *fact)
    assert found is not None, f"{construction}: {fact} not in {[(r.subject.label, r.relation, r.object.label) for r in relations]}"
    assert found.polarity == polarity
    assert found.evidence in text and len(found.evidence) > 10


def test_pronoun_resolves_to_previous_subject():
    relations = facts("Mark Rutte was dinsdag in Berlijn. Daar ontmoette hij Angela Merkel.")
    assert find(relations, "Mark Rutte", "meets", "Angela Merkel")


def test_volgens_attributes_the_fact():
    r = find(facts("Volgens Macron steunt Duitsland Frankrijk."), "Germany", "supports", "France")
    assert r is not None and r.attributed_to is not None and r.attributed_to.label == "Emmanuel Macron"


def test_denial_is_negative_and_attributed_to_the_denier():
    r = find(facts("Rusland ontkent dat MH17 is neergehaald met een Russische raket."),
             "Russia", "shoots down", "MH17")
    assert r is not None and r.polarity == "negative" and r.attributed_to.label == "Russia"


def test_relative_date_and_location():
    r = find(facts("Nederland heeft Rusland vorig jaar mei aansprakelijk gesteld.", "2019-02"),
             "Netherlands", "holds liable", "Russia")
    assert r is not None and r.date == "2018-05"
    r = find(facts("Premier Mark Rutte ontmoet bondskanselier Angela Merkel in Berlijn."),
             "Mark Rutte", "meets", "Angela Merkel")
    assert r.location is not None and r.location.label == "Berlin"


def test_unknown_names_still_become_entities():
    relations = facts("Minister Jan Pietersen bezoekt zijn ambtsgenoot Karel de Vries in Brussel.")
    assert any(r.subject.label == "Jan Pietersen" and r.subject.type == "Person" for r in relations)


def test_a_wish_is_not_a_fact_and_a_modal_lowers_confidence():
    assert find(facts("Nederland wil met China samenwerken."), "Netherlands", "cooperates with", "China") is None
    planned = find(facts("Duitsland zal Frankrijk steunen."), "Germany", "supports", "France")
    done = find(facts("Duitsland steunt Frankrijk."), "Germany", "supports", "France")
    assert planned is not None and done is not None and planned.confidence < done.confidence


def test_verb_lemma_rebuilt_from_a_bare_stem():
    # 'wijst ... af' lemmatised to the stem 'wijs': the frame lookup needs 'afwijzen'.
    relations = facts("De Franse president Macron wijst gesprekken met Poetin af.")
    r = find(relations, "Emmanuel Macron", "talks with", "Vladimir Poetin")
    assert r is not None and r.polarity == "negative"


def test_own_duty_is_no_appeal():
    assert not [r for r in facts('"We moeten onze economie beschermen", zei Macron.')
                if r.relation == "calls on"]


def test_demonstrative_without_a_speaker_names_none():
    relations = facts('"Japan moet de handel openstellen." Dat zegt niets over Japan.')
    assert not [r for r in relations if r.relation == "calls on"]


def test_gathering_occasion_joins_only_people():
    relations = facts("Trump bekritiseerde China tijdens een bijeenkomst in Ohio.")
    assert not [r for r in relations if r.relation == "meets"]


def test_adverbs_holding_the_auxiliary_give_a_light_verb_fact():
    relations = facts("De Franse regering heeft de afgelopen maanden economisch en diplomatiek de druk "
                      "op Syrië opgevoerd.")
    assert any(r.construction == "light verb" and (r.subject.label, r.relation, r.object.label)
               == ("France", "threatens", "Syria") for r in relations)


# Attributes from titles, appositions, copulas, compounds and lists.
ROLE_CASES = [
    ("copula with a title and its organisation", "Pieter Jansen is hoofdeconoom van Rabobank.",
     ("Pieter Jansen", "member of", "Rabobank")),
    ("apposition, organisation after 'aan'",
     "Anna Smit, docent economie aan Oxford University, zegt dat het slecht gaat.",
     ("Anna Smit", "member of", "Oxford University")),
    ("copula, organisation right after the title", "Kees Visser is algemeen directeur Brabant Vermogensbeheer.",
     ("Kees Visser", "leads", "Brabant Vermogensbeheer")),
    ("compound title naming its body", "De Deense EU-commissaris Mette Jensen is kritisch.",
     ("Mette Jensen", "member of", "European Commission")),
    ("group before a parenthesised list of states",
     "Volgens Macron moeten de E3 (Frankrijk, Duitsland en het VK) samen optrekken.",
     ("Germany", "member of", "E3")),
    ("list of states before the group in parentheses",
     "Frankrijk, Duitsland en Groot-Brittannië (de E-3) steunen het akkoord.",
     ("United Kingdom", "member of", "E3")),
    ("list of states after 'met'", "Het strafproces is voorbereid door het JIT, met Nederland, België en Oekraïne.",
     ("Belgium", "member of", "Joint Investigation Team")),
    ("relative clause of taking part", "De NAVO, waarin ook Turkije en Griekenland zitten, vergadert in Brussel.",
     ("Turkey", "member of", "NATO")),
    ("predecessor of X in apposition",
     "Ook de voorganger van Rutte, de christendemocratische premier Jan Peter Balkenende, sprak.",
     ("Mark Rutte", "succeeds", "Jan Peter Balkenende")),
    ("possessive predecessor", "Biden draait het beleid terug van zijn voorganger Donald Trump.",
     ("Joe Biden", "succeeds", "Donald Trump")),
    ("successor as copula predicate", "Sigrid Kaag wordt de opvolger van Stef Blok.",
     ("Sigrid Kaag", "succeeds", "Stef Blok")),
    ("place phrase on an organisation's name",
     "Volgens Li Wei, onderzoeker bij het Japan Institute for Strategic Studies in Tokio, is dat onverstandig.",
     ("Japan Institute for Strategic Studies", "located in", "Tokyo")),
    ("demonym on an organisation's description",
     "Huawei ontslaat personeel. De Chinese techreus lijdt onder de sancties.",
     ("Huawei", "located in", "China")),
    ("compound title, body after 'namens'",
     "Hanna Visser, de handelsonderhandelaar namens de Europese Commissie, sprak met China.",
     ("Hanna Visser", "represents", "European Commission")),
    ("compound title, body before the hyphen", "De Duitse EU-brexitonderhandelaar Stefan Müller reageerde somber.",
     ("Stefan Müller", "represents", "European Union")),
    ("counterpart spelled 'ambtgenoot'",
     "De Britse minister van Buitenlandse Zaken Hunt sprak zijn Franse ambtgenoot Le Gall.",
     ("Le Gall", "minister of", "France")),
    ("party of a person", "De PVV van Geert Wilders verliest zetels.",
     ("Geert Wilders", "member of", "PVV")),
    ("surname after a particle tagged as an adjective",
     "Dat zei SP-lijsttrekker in Brabant, Marieke de Lange afgelopen week op de radio.",
     ("Marieke de Lange", "member of", "SP")),
    ("compound title whose first part names the body, relation from its head",
     "Commissievoorzitter Ursula von der Leyen sprak gisteren in Straatsburg.",
     ("Ursula von der Leyen", "leads", "European Commission")),
]


@pytest.mark.parametrize("construction, text, fact", ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_role(construction, text, fact):
    relations = facts(text)
    found = find(relations, *fact)
    assert found is not None, f"{construction}: {fact} not in {[(r.subject.label, r.relation, r.object.label) for r in relations]}"
    assert found.polarity == "positive" and found.evidence in text


def test_a_demonym_makes_no_member_and_a_copula_no_title():
    relations = facts("De Amerikaanse econoom Paul Krugman is kritisch.")
    assert not [r for r in relations if r.relation == "member of"]
    relations = facts("Premier Rutte is met president Macron in Parijs.")
    assert find(relations, "Mark Rutte", "leads", "France") is None


def test_a_list_of_people_after_a_group_is_no_membership():
    relations = facts("Rutte sprak met de NAVO, met Stoltenberg en Merkel.")
    assert not [r for r in relations if r.relation == "member of"]


def test_first_name_opening_a_sentence_tagged_as_noun():
    relations = facts("Sigrid Kaag is hoogleraar aan Harvard University.")
    assert find(relations, "Sigrid Kaag", "member of", "Harvard University")


def test_a_foreign_ministry_is_not_the_dutch_one():
    text = "Een woordvoerder van het Iraanse ministerie van Buitenlandse Zaken reageerde woedend."
    [(art, paragraphs)] = list(parse(load_pipeline(None), [Article(id="t", text=text, title="t", date="2019-05")]))
    assert not [m for m in extract_article(art, paragraphs).mentions if "Dutch" in m.entity.label]
    relations = facts("Het Nederlandse Openbaar Ministerie vervolgt vier verdachten.")
    assert not [r for r in relations if r.relation == "located in"]


def test_office_holder_of_the_article_date():
    # A definite title with its state and no name is whoever held the office then.
    relations = facts("Volgens de krant is de Duitse bondskanselier erg ontstemd.", "2015-03")
    assert find(relations, "Angela Merkel", "leads", "Germany")
    relations = facts("Volgens de krant is de Duitse bondskanselier erg ontstemd.", "2023-03")
    assert find(relations, "Olaf Scholz", "leads", "Germany")


def test_a_bare_title_outside_the_office_term_states_no_office():
    relations = facts("Premier Cameron sprak gisteren in Oxford.", "2014-06")
    assert find(relations, "David Cameron", "leads", "United Kingdom")
    relations = facts("Premier Cameron sprak gisteren in Oxford.", "2019-06")
    assert find(relations, "David Cameron", "leads", "United Kingdom") is None


def test_titles_in_a_list_of_names_stay_with_their_own_name():
    relations = facts("Hij noemde drie namen: de Deense EU-commissaris Mette Jensen, "
                      "de Duitse EU-brexitonderhandelaar Stefan Müller en Pieter Smit.")
    assert find(relations, "Stefan Müller", "represents", "European Union")
    assert not [r for r in relations if r.subject.label in ("Pieter Smit", "Mette Jensen")
                and r.relation == "represents"]


def test_a_bare_title_without_an_article_date_uses_the_home_state():
    assert find(facts("Premier Rutte sprak gisteren in Brussel.", None), "Mark Rutte", "leads", "Netherlands")


def test_membership_noun_as_copula_predicate():
    assert find(facts("Turkije is al sinds 1952 lid van de NAVO."), "Turkey", "member of", "NATO")
    relations = facts("Omdat Polen een belangrijke handelspartner en een bondgenoot in de NAVO is.")
    assert find(relations, "Poland", "member of", "NATO")
    assert not [r for r in facts("Japan is een bondgenoot van de VS.") if r.relation == "member of"]
