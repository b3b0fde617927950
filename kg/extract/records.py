"""Small named records passed from extraction to graph building."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Country", "Organization", "Place", "Event")
ACTOR_TYPES = ("Person", "Country", "Organization")  # those that act: 'Europa moet ...' names none


@dataclass(frozen=True)
class EntityRef:
    """A resolved actor: canonical label plus type. Equal refs are the same actor."""

    label: str
    type: str


@dataclass(frozen=True)
class TokenMention:
    """A mention over tokens ``start:end`` of one paragraph Doc."""

    start: int
    end: int
    ref: EntityRef
    source: str           # gazetteer | ner | title | seat | people
    seat_of: EntityRef | None = None


@dataclass(frozen=True)
class Office:
    """Knowledge: who held the office a title names, from when until when."""

    titles: frozenset[str]
    of: EntityRef
    holder: EntityRef
    start: str            # YYYY-MM-DD, inclusive
    end: str | None       # YYYY-MM-DD, exclusive; None while in office


@dataclass(frozen=True)
class Mention:
    """A stretch of article text that names an entity."""

    article_id: str
    start: int
    end: int
    text: str
    entity: EntityRef


@dataclass(frozen=True)
class Relation:
    """One extracted fact with its provenance (becomes a statement node)."""

    article_id: str
    subject: EntityRef
    relation: str
    object: EntityRef
    polarity: str
    evidence: str
    char_start: int
    char_end: int
    confidence: float
    construction: str
    about: EntityRef | None = None
    for_: EntityRef | None = None
    location: EntityRef | None = None
    date: str | None = None
    attributed_to: EntityRef | None = None

    @property
    def fact(self) -> tuple:
        return (self.subject, self.relation, self.object, self.polarity)


@dataclass
class ArticleFacts:
    """Everything extraction learned from one article."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    failed: str = ""  # why extraction stopped on this article (its facts are then empty)
