"""kg: a knowledge-graph builder for Dutch news.

Reads Dutch articles, extracts subject–relation–object facts with English labels,
and writes SPARQL-queryable RDF plus an HTML network view, with provenance for
every fact.
"""

__version__ = "0.1.0"
