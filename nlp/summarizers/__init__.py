"""The summarisers, one module per family; :mod:`nlp.summarize` maps names to them."""
