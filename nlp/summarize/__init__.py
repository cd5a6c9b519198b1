"""Summaries: method name -> summariser (selection.METHODS), the methods, candidates and selection."""
