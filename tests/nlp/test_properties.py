"""Properties that hold for any input (hypothesis): no crash, exact spans, determinism, a partition."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nlp.errors import NoArticlesError
from nlp.ingest.decode import DecodeError, decode_bytes
from nlp.ingest.plaintext import parse_plaintext
from nlp.run.pipeline import analyze
from nlp.topics.vectors import article_tokens
from nlp.types import Article, Options

_WORDS = ("council", "budget", "storm", "harbour", "Seoul", "talks", "minister", "vote", "flood",
          "U.S.", "Mr.", "Kim", "said", "the", "on", "Monday", "2024", "ferry", "summit", "Japan")
_sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)
_article_text = st.lists(_paragraph, min_size=1, max_size=4).map("\n\n".join)
_any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
_PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(article: Article) -> None:
    for sentence in article.sentences:
        assert article.body[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


@_PROPERTY
@given(_any_text)
def test_any_text_cleans_without_crashing_and_sentences_are_exact_spans(text: str) -> None:
    _check_spans(parse_plaintext(text, id="x", path="x.txt"))


@_PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_a_clear_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_article_text, _any_text), min_size=1, max_size=7), st.sampled_from(["centroid", "lexrank", "lsa"]))
@example(["Council.\n\nU.s. u.s.."], "centroid")  # sentences, and not one content word: NoArticlesError
def test_any_corpus_gives_a_partition_exact_summary_spans_and_the_same_result_twice(
    texts: list[str], method: str
) -> None:
    articles = [parse_plaintext(t, id=f"a{i:02d}", path=f"a{i:02d}.txt") for i, t in enumerate(texts)]
    options = Options(method=method, sentences=3)
    try:
        first = analyze(articles, options)
    except NoArticlesError:  # nothing to cluster on: no sentence, or no content word ("U.s. u.s..")
        assert not any(a.sentences and article_tokens(a) for a in articles)
        return
    loaded = sorted(a.id for a in first.articles)
    assert loaded == sorted(a.id for a in articles if a.sentences)
    assert sorted(i for c in first.clusters for i in c.article_ids) == loaded
    for cluster in first.clusters:
        assert len(cluster.summary.sentences) <= 3
        for s in cluster.summary.sentences:
            article = first.article(s.article_id)
            assert s.article_id in cluster.article_ids
            assert article.body[s.start : s.end] == s.text == article.sentences[s.sentence_index].text
    assert analyze(list(reversed(articles)), options) == first
