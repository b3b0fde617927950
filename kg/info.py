"""Info: what kg is, which pipeline it uses, and what the current graph holds."""

from __future__ import annotations

from pathlib import Path

from kg import __version__
from kg.nlp import DEFAULT_PIPELINE, default_pipeline_path, read_meta

COUNTS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <http://schema.org/>
SELECT
  (COUNT(DISTINCT ?a) AS ?articles)
  (COUNT(DISTINCT ?e) AS ?entities)
  (COUNT(DISTINCT ?st) AS ?statements)
  (COUNT(DISTINCT ?neg) AS ?negative)
WHERE {
  { ?a a schema:NewsArticle }
  UNION { ?e a ?t FILTER(?t IN (schema:Person, schema:Country, schema:Organization, schema:Place, schema:Event)) }
  UNION { ?st a rdf:Statement }
  UNION { ?neg a rdf:Statement ; ?p "negative" }
}
"""


def _name(meta: dict) -> str:
    """spaCy package names are lang_name ('nl_core_news_md'); kg's own meta already is."""
    name, lang = meta.get("name", "?"), meta.get("lang", "nl")
    return name if name.startswith(f"{lang}_") else f"{lang}_{name}"


def pipeline_lines(model: str | None) -> list[str]:
    if model in (None, DEFAULT_PIPELINE):
        path = default_pipeline_path()
        meta = read_meta(path)
        name = _name(meta) if meta else DEFAULT_PIPELINE
    else:
        from kg.nlp import load_pipeline
        nlp = load_pipeline(model)
        meta = nlp.meta
        path = Path(nlp.path) if nlp.path else Path(model)
        name = _name(meta)
    lines = [f"pipeline: {name} {meta.get('version', '')}".rstrip(),
             f"pipeline path: {path.resolve()}"]
    perf = meta.get("performance") or {}
    shown = {k: v for k, v in perf.items() if isinstance(v, (int, float)) and
             k in ("pos_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc", "ents_f",
                   "speed", "tag_acc")}
    if shown:
        lines.append("pipeline accuracy: " + ", ".join(
            f"{k} {v:.3f}" if v <= 1 else f"{k} {v:,.0f}" for k, v in sorted(shown.items())))
    else:
        lines.append("pipeline accuracy: unknown")
    return lines


def cache_line() -> str:
    """Where parsed articles are cached and how many (read without changing the file)."""
    import sqlite3

    from kg.cache import FILE_NAME, default_cache_dir

    path = default_cache_dir() / FILE_NAME
    if not path.exists():
        return f"cache: {path} (empty)"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            n = db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    except sqlite3.Error:
        return f"cache: {path} (unreadable: the next build starts it again)"
    return f"cache: {path} ({n} parsed articles, {path.stat().st_size / 1e6:.1f} MB)"


def info_lines(graph_path: Path, model: str | None = None) -> list[str]:
    lines = [f"kg {__version__}", *pipeline_lines(model), cache_line()]
    if graph_path.exists():
        from kg.query import load_graph
        g = load_graph(graph_path)
        row = next(iter(g.query(COUNTS)))
        lines += [f"graph: {graph_path} ({len(g)} triples)",
                  f"articles: {row.articles}", f"entities: {row.entities}",
                  f"statements: {row.statements} ({row.negative} negative)"]
    else:
        lines.append(f"graph: {graph_path} not built yet (run 'kg build')")
    return lines
