"""Fewer garbage collections while a run builds its millions of long-lived objects."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_GC_LOCK = threading.Lock()
_GC_DEPTH = 0
_GC_SAVED = gc.get_threshold()
BULK_GC_THRESHOLD = 100_000
"""Allocations between young-generation collections while a run is going (Python's default: 700)."""


@contextmanager
def bulk_allocations() -> Iterator[None]:
    """Collect garbage less often while the pipeline runs; restore the thresholds after.

    A run allocates millions of small tuples (sentences, stems, spans) that
    all live until it ends. With Python's default thresholds the collector
    walks them again and again, finding nothing. The pipeline
    makes no reference cycles of its own, so nothing piles up meanwhile.
    Nested and concurrent runs share one setting; the last one out restores it.
    """
    global _GC_DEPTH, _GC_SAVED
    with _GC_LOCK:
        if _GC_DEPTH == 0:
            _GC_SAVED = gc.get_threshold()
            gc.set_threshold(max(_GC_SAVED[0], BULK_GC_THRESHOLD), *_GC_SAVED[1:])
        _GC_DEPTH += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_DEPTH -= 1
            if _GC_DEPTH == 0:
                gc.set_threshold(*_GC_SAVED)
