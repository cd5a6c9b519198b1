"""A 2-D map of the corpus: the clustering vectors projected on their two main axes (PCA)."""

from __future__ import annotations

import numpy as np


def project(vectors: np.ndarray) -> np.ndarray:
    """Coordinates (n x 2, float64) of the rows of ``vectors`` on their two principal axes.

    PCA of the LSA vectors the clustering already made: the axes along which
    the articles differ most, so topics that differ most lie farthest apart.
    Exact (a thin SVD of an n x d matrix with d of at most a few hundred),
    deterministic (each axis's sign is fixed so its largest loading is
    positive), and scaled into [-1, 1]. Fewer than two dimensions or rows
    give zeros where there is nothing to spread.
    """
    data = np.asarray(vectors, dtype=np.float64)
    n = data.shape[0]
    coordinates = np.zeros((n, 2), dtype=np.float64)
    if n < 2 or data.ndim != 2 or data.shape[1] == 0:
        return coordinates
    centred = data - data.mean(axis=0)
    # The d x d covariance is small (d <= a few hundred): its eigenvectors are the principal axes,
    # cheaper than an SVD of the n x d matrix itself.
    values, axes = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1][:2]
    for column, axis in enumerate(order):
        if values[axis] <= 1e-12:
            continue
        direction = axes[:, axis]
        direction = direction * (1.0 if direction[np.argmax(np.abs(direction))] >= 0 else -1.0)
        coordinates[:, column] = centred @ direction
    extent = np.abs(coordinates).max(axis=0)
    return coordinates / np.where(extent > 0, extent, 1.0)
