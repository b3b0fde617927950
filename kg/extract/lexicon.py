"""Language knowledge loaded once from the data files in ``kg/data``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources

from kg.extract.records import EntityRef, Office


def _data(name: str) -> str:
    return resources.files("kg.data").joinpath(name).read_text("utf-8")


@dataclass(frozen=True)
class VerbFrame:
    verb: str
    relation: str
    object: tuple[str, ...]
    complement: str | None = None
    noun: str | None = None
    for_: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    holder: str | None = None
    negated: str | None = None   # the relation the verb states when negated
    opposes: bool = False        # the frame states the relation does not hold ('stemt tegen')


@dataclass(frozen=True)
class NounFrame:
    noun: str
    relation: str
    subject: tuple[str, ...]
    object: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    frames: dict[str, list[VerbFrame]]
    nouns: dict[str, NounFrame]
    control: dict[str, str]
    names: dict[str, EntityRef]           # surface form → actor
    adjectives: dict[str, EntityRef]      # demonym adjective → country
    people: dict[str, EntityRef]          # "Russen" → Russia
    seats: dict[str, EntityRef]           # "Moskou" → Russia (metonymy)
    seat_places: dict[str, EntityRef]     # "Moskou" → Moscow (the place)
    parties: frozenset[str]
    home_country: dict[str, EntityRef]    # person or party label → its country
    titles: dict[str, str]
    negation: frozenset[str]
    speech_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    source_markers: frozenset[str]
    location_prepositions: frozenset[str]
    anaphora: dict[str, str]
    pronouns: dict[str, str]
    state_nouns: frozenset[str]
    location_participles: frozenset[str] = frozenset()
    speaker_pronouns: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    reciprocals: frozenset[str] = frozenset()
    modal_verbs: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    place_adjectives: dict[str, EntityRef] = field(default_factory=dict)  # 'zwolse' → Zwolle
    unheld_title_words: frozenset[str] = frozenset()
    national_titles: frozenset[str] = frozenset()
    wish_verbs: frozenset[str] = frozenset()
    pair_words: frozenset[str] = frozenset()
    speculative: frozenset[str] = frozenset()
    months: dict[str, int] = field(default_factory=dict)
    evaluative: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    place_objects: frozenset[str] = frozenset()
    gatherings: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    in_person: dict[str, str] = field(default_factory=dict)
    verbal: dict[str, str] = field(default_factory=dict)
    comparison_verbs: frozenset[str] = frozenset()
    negative_epithets: frozenset[str] = frozenset()
    positive_epithets: frozenset[str] = frozenset()
    infinitive_verbs: frozenset[str] = frozenset()
    appeal_modals: frozenset[str] = frozenset()
    wish_adverbs: frozenset[str] = frozenset()
    demand_infinitives: frozenset[str] = frozenset()
    reporter_titles: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    title_prepositions: frozenset[str] = frozenset()
    organization_words: tuple[str, ...] = ()
    title_bodies: dict[str, str] = field(default_factory=dict)
    member_openers: frozenset[str] = frozenset()
    membership_words: frozenset[str] = frozenset()
    succession_nouns: dict[str, str] = field(default_factory=dict)
    offices: tuple[Office, ...] = ()
    compound_title_heads: tuple[str, ...] = ()
    member_predicates: dict[str, list[str]] = field(default_factory=dict)
    trade_relations: frozenset[str] = frozenset()
    goods_nouns: frozenset[str] = frozenset()
    origin_prepositions: frozenset[str] = frozenset()
    affected_verbs: frozenset[str] = frozenset()
    ally_nouns: frozenset[str] = frozenset()
    accusing_relations: frozenset[str] = frozenset()
    owner_objects: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    home_state_titles: frozenset[str] = frozenset()
    home_state: str = ""
    accusation_nouns: frozenset[str] = frozenset()
    negative_manner: frozenset[str] = frozenset()
    positive_manner: frozenset[str] = frozenset()
    manner_nouns: frozenset[str] = frozenset()
    negative_verbs: frozenset[str] = frozenset()
    negative_objects: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    place_titles: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    place_named_events: frozenset[str] = frozenset()
    organization_nouns: frozenset[str] = frozenset()
    organization_joiners: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    body_nouns: frozenset[str] = frozenset()
    verb_forms: dict[str, str] = field(default_factory=dict)  # 'vroeg' → 'vragen'
    conversations: frozenset[str] = frozenset()
    portfolio_words: frozenset[str] = frozenset()
    performative_verbs: frozenset[str] = frozenset()
    masculine_pronouns: frozenset[str] = frozenset()
    feminine_pronouns: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    female_titles: frozenset[str] = frozenset()
    male_titles: frozenset[str] = frozenset()

    def title_head(self, word: str) -> str | None:
        """The title a word is, compounds included: Dutch compounds are right-headed, so
        'brexitonderhandelaar' is an 'onderhandelaar' and 'justitieminister' a 'minister'
        (only for heads listed as compounding, since 'begeleider' is no 'leider')."""
        if word in self.titles:
            return word
        return next((h for h in self.compound_title_heads
                     if word.endswith(h) and len(word) - len(h) >= 3), None)


@cache
def lexicon() -> Lexicon:
    verbs = tomllib.loads(_data("verbs.toml"))
    frames: dict[str, list[VerbFrame]] = {}
    for f in verbs["frame"]:
        frame = VerbFrame(verb=f["verb"], relation=f["relation"], object=tuple(f["object"]),
                          complement=f.get("complement"), noun=f.get("noun"),
                          for_=tuple(f.get("for", ())), about=tuple(f.get("about", ())),
                          holder=f.get("holder"), negated=f.get("negated"),
                          opposes=f.get("polarity") == "negative")
        frames.setdefault(frame.verb, []).append(frame)
    nouns = {n["noun"]: NounFrame(n["noun"], n["relation"], tuple(n["subject"]), tuple(n["object"]))
             for n in verbs["noun"]}

    names: dict[str, EntityRef] = {}
    adjectives: dict[str, EntityRef] = {}
    people: dict[str, EntityRef] = {}
    seats: dict[str, EntityRef] = {}
    seat_places: dict[str, EntityRef] = {}
    for line in _data("countries.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, nl, adj, ppl, seat, seat_en = (line.split("\t") + [""] * 6)[:6]
        ref = EntityRef(label, "Country")
        names[label] = ref
        for name in filter(None, nl.split("|")):
            names[name] = ref
        for a in filter(None, adj.split("|")):
            adjectives[a.lower()] = ref
        for p in filter(None, ppl.split("|")):
            people[p] = ref
        english = seat_en.split("|")
        for i, s in enumerate(seat.split("|")):
            if s:
                seats[s] = ref
                place = english[i] if i < len(english) and english[i] else s
                seat_places[s] = EntityRef(place, "Place")
    gaz = tomllib.loads(_data("gazetteer.toml"))
    kinds = {"organization": "Organization", "party": "Organization", "place": "Place",
             "event": "Event", "person": "Person"}
    parties = set()
    home_country = {}
    for kind, etype in kinds.items():
        for entry in gaz.get(kind, []):
            ref = EntityRef(entry["label"], etype)
            for name in [entry["label"], *entry["names"]]:
                names.setdefault(name, ref)
            if kind == "party":
                parties.add(entry["label"])
            if "country" in entry:
                home_country[entry["label"]] = EntityRef(entry["country"], "Country")
    place_adjectives = {a.lower(): names.get(place, EntityRef(place, "Place"))
                        for a, place in gaz.get("place_adjectives", {}).items()}
    offices = tuple(Office(frozenset(o["titles"]), names.get(o["of"], EntityRef(o["of"], "Country")),
                           names.get(o["holder"], EntityRef(o["holder"], "Person")),
                           o["from"], o.get("to"))
                    for o in tomllib.loads(_data("offices.toml")).get("office", []))
    lang = tomllib.loads(_data("language.toml")) | tomllib.loads(_data("first_names.toml"))
    return Lexicon(
        **_word_lists(lang, verbs, tomllib.loads(_data("evaluation.toml"))),
        frames=frames, nouns=nouns, control=dict(verbs.get("control", {})), names=names,
        adjectives=adjectives, place_adjectives=place_adjectives, people=people, seats=seats, seat_places=seat_places,
        parties=frozenset(parties), home_country=home_country, titles=dict(lang["titles"]),
        anaphora=dict(lang["anaphora"]), pronouns=dict(lang["pronouns"]), months=dict(lang["months"]),
        in_person=dict(verbs.get("in_person", {})), verbal=dict(verbs.get("verbal", {})),
        home_state=lang["home_state"], verb_forms=dict(lang.get("verb_forms", {})),
        organization_words=tuple(sorted(lang.get("organization_words", ()))),
        title_bodies=dict(lang.get("title_bodies", {})),
        succession_nouns=dict(lang.get("succession_nouns", {})), offices=offices,
        member_predicates=dict(lang.get("member_predicates", {})),
        compound_title_heads=tuple(sorted(lang.get("compound_title_heads", ()), key=lambda h: (-len(h), h))))


#: Word lists kept in verbs.toml; every other one is in language.toml or, for the
#: words of judgement, evaluation.toml, under its field's name.
VERB_WORD_LISTS = frozenset({"evaluative", "place_objects", "gatherings", "trade_relations",
                             "accusing_relations", "owner_objects", "conversations"})


def _word_lists(lang: dict, verbs: dict, evaluation: dict) -> dict[str, frozenset[str]]:
    """Every plain word-list field of Lexicon, read from the data file key of its name."""
    wanted = [f.name for f in fields(Lexicon) if f.type == "frozenset[str]" and f.name != "parties"]
    return {name: frozenset((verbs if name in VERB_WORD_LISTS else
                             evaluation if name in evaluation else lang).get(name, ()))
            for name in wanted}
