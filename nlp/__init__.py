"""Topic Digest's NLP core: ingest, cluster, label, summarise, export. Never imports Qt."""

__version__ = "0.1.0"
