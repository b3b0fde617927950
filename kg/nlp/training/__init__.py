"""Training of kg's own Dutch spaCy pipeline (nl_kg_news). Run ``python -m kg.nlp.training --help``."""
