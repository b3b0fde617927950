"""The relation vocabulary of the output contract, loaded once from TOML."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class RelationType:
    label: str
    local_name: str
    nl: str
    family: str
    symmetric: bool = False
    domain: str | None = None
    range: str | None = None


def local_name(label: str) -> str:
    """'holds liable' → 'holdsLiable' (the kgo: property name)."""
    first, *rest = label.split()
    return first + "".join(w[:1].upper() + w[1:] for w in rest)


@cache
def relation_types() -> dict[str, RelationType]:
    data = tomllib.loads(resources.files("kg.data").joinpath("relations.toml").read_text("utf-8"))
    return {
        label: RelationType(label=label, local_name=local_name(label), nl=v["nl"],
                            family=v["family"], symmetric=v.get("symmetric", False),
                            domain=v.get("domain"), range=v.get("range"))
        for label, v in data["relation"].items()
    }
