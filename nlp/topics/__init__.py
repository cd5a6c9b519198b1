"""Topics: near-duplicates, vectors, clustering, labels and key phrases."""
