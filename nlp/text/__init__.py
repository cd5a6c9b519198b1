"""Text: sentence splitting, per-language resources (stop words, stemming, terms)."""
