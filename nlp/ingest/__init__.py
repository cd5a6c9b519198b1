"""Ingest: files of every supported format in, clean Articles out."""

from nlp.ingest.build import make_article
from nlp.ingest.loader import load_jsonl_text, load_paths, read_paths

__all__ = ["load_jsonl_text", "load_paths", "make_article", "read_paths"]
