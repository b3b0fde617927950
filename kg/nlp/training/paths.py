"""Locations of the repository, the shared data folder, the cache and the model.

The shared data lives next to the repository (``<repo>/../shared``); set the
environment variable ``KG_SHARED`` (or pass ``--shared``) to use another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

# kg/nlp/training/paths.py -> parents[3] is the repository root
REPO_ROOT = Path(__file__).resolve().parents[3]
TRAINING_DIR = Path(__file__).resolve().parent
DATA_DIR = TRAINING_DIR / "data"
CONFIG_PATH = TRAINING_DIR / "config.cfg"
NER_CONFIG_PATH = TRAINING_DIR / "ner.cfg"
NER_SHARED_CONFIG_PATH = TRAINING_DIR / "ner_shared.cfg"
MODELS_DIR = REPO_ROOT / "kg" / "nlp" / "models"
MODEL_NAME = "nl_kg_news"
DEFAULT_MODEL_DIR = MODELS_DIR / MODEL_NAME
DEFAULT_CACHE_DIR = TRAINING_DIR / ".cache"


def shared_dir(override: str | os.PathLike | None = None) -> Path:
    """Return the shared data folder (option > $KG_SHARED > <repo>/../shared)."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("KG_SHARED")
    if env:
        return Path(env).expanduser().resolve()
    return (REPO_ROOT / ".." / "shared").resolve()


def ud_files(shared: Path) -> dict[str, dict[str, Path]]:
    """The UD treebank files, grouped by role."""
    ud = shared / "corpora" / "ud"
    alp = ud / "UD_Dutch-Alpino"
    las = ud / "UD_Dutch-LassySmall"
    return {
        "train": {
            "alpino": alp / "nl_alpino-ud-train-partial-2017.conllu",
            "lassysmall": las / "nl_lassysmall-ud-train-v2.0.conllu",
        },
        "dev": {
            "alpino": alp / "nl_alpino-ud-dev.conllu",
            "lassysmall": las / "nl_lassysmall-ud-dev.conllu",
        },
        "test": {
            "alpino": alp / "nl_alpino-ud-test.conllu",
            "lassysmall": las / "nl_lassysmall-ud-test.conllu",
        },
    }


def ner_file(shared: Path) -> Path:
    return shared / "corpora" / "ner" / "europeana-newspapers-nl" / "enp_NL.kb.bio"


def news_file(shared: Path) -> Path:
    return shared / "bench" / "news.jsonl.gz"


def gold_bench_ids() -> set[str]:
    """Bench article ids of the extraction gold sets (``tests/gold/*/articles.tsv``), kept out of training."""
    ids: set[str] = set()
    for table in sorted((REPO_ROOT / "tests" / "gold").glob("*/articles.tsv")):
        for line in table.read_text(encoding="utf-8").splitlines()[1:]:
            if "\t" in line:
                ids.add(line.split("\t")[1].strip())
    return ids
