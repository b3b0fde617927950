"""Export: write graph serialisations and the view atomically.

Every file is written to a temporary file in the destination folder and renamed
into place, so a failed or interrupted build never leaves a half-written export.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rdflib import Graph


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_all(files: dict[Path, str]) -> None:
    """Write several files so that either all are replaced or none is.

    All contents are first written to temporary files beside their targets; only
    when every one is complete are they renamed into place."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            temps.append((Path(tmp), target))
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def turtle(graph: Graph) -> str:
    """Turtle as rdflib writes it (sorted subjects and predicates: stable bytes)."""
    return graph.serialize(format="turtle")


def write_turtle(graph: Graph, target: Path) -> None:
    write_text(target, turtle(graph))
