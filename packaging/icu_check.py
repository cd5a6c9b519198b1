"""Print what Qt asks ICU for in a few locales: collation order and case mapping.

packaging/smoke.sh runs it twice, once with PySide6's own ICU data and once with the bundle's
(cut by packaging/icu_data.sh, put first by LD_LIBRARY_PATH), and requires the same output.
"""

from PySide6.QtCore import QCollator, QLocale

WORDS = ("chata", "hrad", "cesta", "Aarhus", "Zürich", "Ölfeld", "oase", "ß", "ss", "llama", "luz", "İstanbul",
         "ıslak", "été", "ångström", "中国", "北京", "上海", "한국", "서울", "東京", "Москва", "القاهرة")
LOCALES = ("en_US", "de_DE", "sv_SE", "da_DK", "cs_CZ", "es_ES", "tr_TR", "fr_FR", "zh_CN", "ja_JP", "ko_KR",
           "ru_RU", "ar_EG")

for name in LOCALES:
    locale = QLocale(name)
    collator = QCollator(locale)
    print(name, " ".join(sorted(WORDS, key=collator.sortKey)), locale.toUpper("ﬁx ß istanbul"),
          locale.toLower("İSTANBUL IŞIK"))
