"""Chinese, Japanese, Korean and Arabic: sentences split, minimum lengths and word budgets counted in characters."""

from __future__ import annotations

import pytest

from nlp.run.pipeline import analyze_paths
from nlp.text.sentences import split_sentences, word_count
from nlp.types import Options
from tests.conftest import REPO

LANGUAGES = REPO / "tests" / "fixtures" / "ingest" / "languages"


def test_korean_and_arabic_paragraphs_split_into_sentences() -> None:
    korean = "시민들은 대체로 환영하는 분위기다. 다만 일부 버스 회사는 우려했다. 시는 다음 달 계획을 발표할 예정이다."
    assert split_sentences(korean) == ["시민들은 대체로 환영하는 분위기다.", "다만 일부 버스 회사는 우려했다.",
                                       "시는 다음 달 계획을 발표할 예정이다."]
    arabic = ("وأشار خبراء إلى أن تكلفة المشروع بلغت نحو ملياري دولار. هل ستنخفض أسعار المياه؟ "
              "قال الوزير إن الأسعار ستبقى ثابتة.")
    assert len(split_sentences(arabic)) == 3
    assert split_sentences(arabic)[1] == "هل ستنخفض أسعار المياه؟"


def test_chinese_and_japanese_split_at_full_width_marks() -> None:
    assert split_sentences("北京市政府周二宣布新计划。专家认为这有助于缓解拥堵！") == ["北京市政府周二宣布新计划。", "专家认为这有助于缓解拥堵！"]
    assert len(split_sentences("都の担当者は「協力を求めたい」と話した。一方で、心配する声も出ている。")) == 2


def test_word_count_counts_characters_of_unspaced_scripts_only() -> None:
    assert word_count("The council met on Monday.") == 5
    assert word_count("中国政府周一宣布。") == 8
    assert word_count("东京 2024年") == 4  # 东 京 年 and the number
    assert word_count("서울시는 내년까지 바꾸겠다고 밝혔다.") == 4


@pytest.mark.parametrize(("name", "language"), [("zh", "chinese"), ("ja", "japanese"), ("ko", "korean"),
                                                ("ar", "arabic")])
def test_digests_have_summaries_and_keep_to_one_sentence(name: str, language: str) -> None:
    analysis = analyze_paths([LANGUAGES / f"{name}.txt"], Options(language=language, sentences=1))
    (article,) = analysis.articles
    assert len(article.sentences) >= 5
    (sentence,) = [s for c in analysis.clusters for s in c.summary.sentences]
    assert sentence.text in [s.text for s in article.sentences]


def test_a_word_budget_counts_chinese_characters() -> None:
    analysis = analyze_paths([LANGUAGES / "zh.txt"], Options(language="chinese", sentences=None, words=60))
    chosen = [s.text for c in analysis.clusters for s in c.summary.sentences]
    assert chosen and sum(word_count(t) for t in chosen) <= 60


def test_a_short_chinese_paragraph_is_kept() -> None:
    analysis = analyze_paths([LANGUAGES / "zh_short.txt"], Options(language="chinese"))
    assert [s.text for s in analysis.articles[0].sentences] == ["上海今年夏天的降雨量比往年多出三成。"]
