"""sumy's summarisers set up as our methods are: the reference the tests and benchmarks compare them with."""

from __future__ import annotations

from collections.abc import Callable


def sumy_classes() -> dict[str, Callable[..., object]]:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    class StemmedKL(KLSummarizer):  # type: ignore[misc]
        """sumy's KL-Sum fed stemmed content words everywhere (see nlp.summarize.frequency)."""

        def _content(self, sentence: object) -> list[str]:
            lowered = map(self.normalize_word, sentence.words)  # type: ignore[attr-defined]
            return [self.stem_word(w) for w in lowered if w not in self.stop_words]

        def _get_content_words_in_sentence(self, sentence: object) -> list[str]:
            return self._content(sentence)

        def _get_all_words_in_doc(self, sentences: object) -> list[str]:
            return [w for s in sentences for w in self._content(s)]  # type: ignore[attr-defined]

        def _get_all_content_words_in_doc(self, sentences: object) -> list[str]:
            return self._get_all_words_in_doc(sentences)

    return {
        "lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer, "kl": StemmedKL, "sumbasic": SumBasicSummarizer,
        "edmundson": EdmundsonSummarizer, "reduction": ReductionSummarizer,
    }


def sumy_summarizer(method: str, stem: Callable[[str], str] | None = None) -> Callable[..., object]:
    """sumy's summariser for ``method`` with our English stop words and (Edmundson) cue words.

    ``stem`` is our English stemmer unless given (the benchmark times sumy with its own).
    """
    from nlp.summarize import edmundson as cues
    from nlp.text.language import stemmer, stop_words

    summarizer = sumy_classes()[method](stem or stemmer("english"))
    summarizer.stop_words = stop_words("english")  # type: ignore[attr-defined]
    if method == "edmundson":
        summarizer.bonus_words = cues.BONUS_WORDS  # type: ignore[attr-defined]
        summarizer.stigma_words = cues.STIGMA_WORDS  # type: ignore[attr-defined]
        summarizer.null_words = stop_words("english") | cues.NULL_WORDS  # type: ignore[attr-defined]
    return summarizer  # type: ignore[no-any-return]
