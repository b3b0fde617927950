"""General Dutch verbs, idioms and event nouns of the relation vocabulary, each on a
sentence written for the test (the lexicon is kg/data/verbs.toml)."""

import pytest

from sentences import facts, find

CASES = [
    ("kritiseren", "Duitsland kritiseert Hongarije.", ("Germany", "criticizes", "Hungary")),
    ("zich keren tegen", "Frankrijk keert zich tegen Italië.", ("France", "criticizes", "Italy")),
    ("boos zijn op", "Turkije is boos op Nederland.", ("Turkey", "criticizes", "Netherlands")),
    ("afkeuren", "België keurt het optreden van Rusland af.", ("Belgium", "condemns", "Russia")),
    ("helpen", "Nederland helpt Oekraïne.", ("Netherlands", "supports", "Ukraine")),
    ("gelijk geven", "Het hof gaf Nederland gelijk.", None),
    ("akkoord gaan met", "Ierland gaat akkoord met Frankrijk.", ("Ireland", "agrees with", "France")),
    ("de troon overnemen van", "Naruhito nam de troon over van Akihito.", ("Naruhito", "succeeds", "Akihito")),
    ("het stokje overnemen van", "Kees Jansen nam het stokje over van Piet de Boer.",
     ("Kees Jansen", "succeeds", "Piet de Boer")),
    ("uitzetten", "Polen zet de Russische diplomaat Ivan Petrov uit.", ("Poland", "expels", "Ivan Petrov")),
    ("arrestatie door", "Na de arrestatie van Ivan Petrov door Turkije bleef het stil.",
     ("Turkey", "arrests", "Ivan Petrov")),
    ("vrijlating door", "De vrijlating van Ivan Petrov door Iran volgde snel.",
     ("Iran", "releases", "Ivan Petrov")),
    ("onderzoek naar", "Het onderzoek van Europol naar Ivan Petrov loopt nog.",
     ("Europol", "investigates", "Ivan Petrov")),
    ("oproep aan", "De oproep van Duitsland aan Rusland bleef onbeantwoord.",
     ("Germany", "calls on", "Russia")),
    ("de schuld geven", "Israël geeft Iran de schuld.", ("Israel", "holds responsible", "Iran")),
    ("zaak tegen", "De zaak van Oekraïne tegen Rusland begint morgen.", ("Ukraine", "accuses", "Russia")),
    ("interview met, as the occasion", "Dat zei Ivan Petrov in een interview met Reuters.",
     ("Ivan Petrov", "talks with", "Reuters")),
    ("aanslag op", "De aanslag van Hamas op Israël werd veroordeeld.", ("Hamas", "attacks", "Israel")),
    ("teleurgesteld in, a participle as predicate", "Polen is teleurgesteld in Duitsland.",
     ("Poland", "criticizes", "Germany")),
    ("eren, a participle the lemmatizer does not know", "Ivan Petrov werd door Polen geëerd.",
     ("Poland", "praises", "Ivan Petrov")),
    ("niet vertrouwen: the negated verb criticizes", "Polen zegt dat Duitsland Rusland niet vertrouwt.",
     ("Germany", "criticizes", "Russia")),
    ("het eens zijn met, 'eens' hung on 'het'", "Polen is het eens met Duitsland.",
     ("Poland", "agrees with", "Germany")),
    ("vragen with a direct object", "Polen vraagt Duitsland om meer te doen.", ("Poland", "calls on", "Germany")),
    ("receiving an act", "Polen kreeg een uitnodiging van Duitsland.", ("Germany", "invites", "Poland")),
    ("receiving support", "Oekraïne ontvangt steun van Duitsland.", ("Germany", "supports", "Ukraine")),
    ("a multi-word name with its abbreviation in brackets",
     "Het Internationaal Energie Agentschap (IEA) waarschuwde de OPEC dat er een tekort dreigt.",
     ("International Energy Agency", "warns", "OPEC")),
    ("deel uitmaken van", "Polen maakt deel uit van de NAVO.", ("Poland", "member of", "NATO")),
    ("naming an actor's deed", "Polen noemt het besluit van Rusland onaanvaardbaar.",
     ("Poland", "criticizes", "Russia")),
]


@pytest.mark.parametrize("construction,text,fact", [c for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_frame(construction, text, fact):
    r = find(facts(text), *fact)
    assert r is not None and r.polarity == "positive", [
        (x.subject.label, x.relation, x.object.label) for x in facts(text)]


def test_a_wished_event_is_no_fact_but_a_wish_to_express_is():
    assert find(facts("Trump wil een akkoord sluiten met Iran."), "Donald Trump", "agrees with", "Iran") is None
    assert find(facts("Ik wil mijn respect uitdrukken voor Theresa May, zei Michel Barnier."),
                "Michel Barnier", "praises", "Theresa May") is not None


def test_trust_without_negation_is_support():
    assert find(facts("Polen vertrouwt Duitsland."), "Poland", "supports", "Germany").polarity == "positive"


def test_disagreement_with_a_bracketed_abbreviation_and_its_conjunct():
    found = facts("De Schotse nationalisten (SNP) en de Liberaal-Democraten zijn het niet eens met Johnson.")
    for party in ("Scottish National Party", "Liberal Democrats"):
        r = find(found, party, "agrees with", "Boris Johnson")
        assert r is not None and r.polarity == "negative"


def test_passive_agents_coordinated_under_a_title():
    found = facts("Akihito werd geëerd door premier Abe en kroonprins Naruhito.")
    assert find(found, "Shinzo Abe", "praises", "Akihito") and find(found, "Naruhito", "praises", "Akihito")


def test_a_frame_that_states_the_relation_does_not_hold():
    r = find(facts("Frankrijk stemde tegen het voorstel van Duitsland."), "France", "supports", "Germany")
    assert r is not None and r.polarity == "negative"
    r = find(facts("Qatar ligt overhoop met Saudi-Arabië."), "Qatar", "agrees with", "Saudi Arabia")
    assert r is not None and r.polarity == "negative"


def test_a_past_form_dictionaries_read_as_another_word_is_still_the_verb():
    # 'vroeg' is also the adjective 'early'; tagged VERB it is 'vragen' (calls on).
    assert find(facts("Rutte vroeg Merkel om steun."), "Mark Rutte", "calls on", "Angela Merkel")


def test_the_members_or_delegation_of_an_actor_act_for_it():
    assert find(facts("Nu roept Blok de vijftien leden van de VN-Veiligheidsraad op tot actie."),
                "Stef Blok", "calls on", "UN Security Council")
    assert find(facts("De lidstaten van de EU steunen Ierland."),
                "European Union", "supports", "Ireland")
