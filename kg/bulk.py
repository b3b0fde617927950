"""Bulk output for big triple stores: sorted N-Triples shards, a manifest, and loading.

``kg build --format nt --shards N`` writes the graph as N files of sorted, distinct
N-Triples lines (their concatenation is the whole graph, still sorted) and
``manifest.json`` (files, triple counts, SHA-256). Stores bulk-load N-Triples
fastest, several files can load in parallel, and the manifest lets a loader check
that it has every shard, unchanged. ``kg load-store`` loads them into an Oxigraph
store folder that ``kg query --graph FOLDER`` and ``oxigraph serve-read-only`` read.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rdflib import Graph

import kg
from kg.store import oxigraph_ntriples

SHARD_DIR = "shards"
MANIFEST = "manifest.json"


class BulkError(Exception):
    """A shard folder or store that cannot be used; the message says which file."""


def shard_name(i: int, n: int) -> str:
    return f"kg-{i:05d}-of-{n:05d}.nt"


def shard_files(graph: Graph, out_dir: Path, shards: int) -> dict[Path, str]:
    """Shard texts and the manifest, keyed by target path (for ``export.write_all``)."""
    lines = oxigraph_ntriples(graph).splitlines(keepends=True)
    shards = max(1, min(shards, len(lines) or 1))
    per = -(-len(lines) // shards)
    folder = out_dir / SHARD_DIR
    files: dict[Path, str] = {}
    entries = []
    for i in range(shards):
        text = "".join(lines[i * per:(i + 1) * per])
        name = shard_name(i, shards)
        files[folder / name] = text
        entries.append({"file": name, "triples": text.count("\n"),
                        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
    manifest = {"format": "application/n-triples", "kg_version": kg.__version__,
                "sorted": True, "distinct": True, "triples": len(lines), "shards": entries}
    files[folder / MANIFEST] = json.dumps(manifest, indent=1) + "\n"
    return files


def remove_stale_shards(out_dir: Path, keep: set[Path]) -> None:
    """Shards of an earlier build with more shards would be loaded twice: remove them."""
    for path in (out_dir / SHARD_DIR).glob("kg-*-of-*.nt"):
        if path not in keep:
            path.unlink(missing_ok=True)


def read_manifest(path: Path) -> tuple[Path, dict]:
    """The shard folder and its manifest (``path`` is either)."""
    manifest = path / MANIFEST if path.is_dir() else path
    try:
        data = json.loads(manifest.read_text("utf-8"))
        data["shards"][0]["file"]
    except FileNotFoundError:
        raise BulkError(f"{manifest}: no manifest (build with --format nt --shards N)") from None
    except (ValueError, KeyError, IndexError, TypeError):
        raise BulkError(f"{manifest}: not a kg shard manifest") from None
    return manifest.parent, data


def load_store(path: Path, location: Path) -> int:
    """Bulk-load every shard of the manifest at ``path`` into the Oxigraph store folder
    ``location`` (created if needed), after checking each shard's SHA-256."""
    import pyoxigraph as ox

    folder, manifest = read_manifest(path)
    for entry in manifest["shards"]:
        shard = folder / entry["file"]
        try:
            digest = hashlib.sha256(shard.read_bytes()).hexdigest()
        except FileNotFoundError:
            raise BulkError(f"{shard}: shard listed in the manifest is missing") from None
        if digest != entry["sha256"]:
            raise BulkError(f"{shard}: content differs from the manifest (changed or truncated)")
    store = ox.Store(str(location))
    for entry in manifest["shards"]:
        store.bulk_load(path=str(folder / entry["file"]), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    count = len(store)
    del store
    return count
