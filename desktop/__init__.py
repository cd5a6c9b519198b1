"""Topic Digest's Qt desktop GUI: panels, models and one worker over the nlp core."""
