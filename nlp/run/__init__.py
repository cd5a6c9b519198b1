"""Running an analysis: the pipeline, its worker processes, progress and cancel."""
