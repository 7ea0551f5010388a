"""Material the reliability tests build their inputs from: real Arabic snippets and
articles from the shared news set, written into tmp_path at test time."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED

NEWS = SHARED / "data" / "news" / "saudinewsnet.jsonl.gz"

# Sentences in the style of the dev articles (ISIS members fleeing Deir ez-Zor).
FLED = ("قال مصدر محلي لموقع الحل إن القيادي في تنظيم داعش حامد النوري فرّ من مدينة دير الزور "
        "إلى تركيا في حزيران الماضي، بعد أن دفع مبلغ عشرين ألف دولار لأحد المهربين.")
ARRESTED = ("وأفادت مصادر محلية أن قوات الأمن اعتقلت المدعو محمد الأحمد في مدينة أعزاز بريف حلب "
            "الشمالي، بعد فراره من دير الزور منتصف الشهر الماضي.")
ROLE = "وقالت المصادر إن المعتقل كان يشغل منصب أمير في التنظيم قبل أن يغادر مع عائلته."

ARTICLE = f"قوات الأمن تعتقل قيادياً في تنظيم داعش\n\nأخبار الآن\n\n{FLED}\n\n{ARRESTED}\n\n{ROLE}\n"

ENGLISH = ("Local sources told reporters on Monday that Hamid al-Nouri, a senior member of the group, "
           "fled from Deir ez-Zor to Turkey in June. The report was confirmed by activists and by the "
           "local council of the town, who said he paid smugglers twenty thousand dollars.")
FRENCH = ("Des sources locales ont indiqué lundi que Hamid al-Nouri, un cadre de l'organisation, a fui "
          "Deir ez-Zor vers la Turquie en juin. La nouvelle est confirmée par les militants et le conseil "
          "local de la ville, qui affirment qu'il a payé des passeurs.")


def news_records(n: int, min_len: int = 1200, max_len: int = 3500) -> list[dict]:
    """The first ``n`` news articles about داعش of moderate length (deterministic)."""
    if not NEWS.exists():
        pytest.skip(f"news set not found at {NEWS} (set TAHQIQ_SHARED)")
    out: list[dict] = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if "داعش" in r.get("content", "") and min_len < len(r["content"]) < max_len:
                out.append(r)
                if len(out) >= n:
                    break
    return out


def write_corpus(folder: Path, n_news: int = 37, first_part: int | None = None) -> Path:
    """~40 articles: ``n_news`` news records as JSONL plus the bundled example articles.

    With ``first_part`` the folder holds only the examples and that many news records;
    ``extend_corpus`` then adds the rest as a second file (an incremental build)."""
    folder.mkdir(parents=True, exist_ok=True)
    records = news_records(n_news)
    with open(folder / "news.jsonl", "w", encoding="utf-8") as fh:
        for r in records[:first_part]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for f in sorted(EXAMPLES.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


def extend_corpus(folder: Path, n_news: int = 37, first_part: int = 0) -> Path:
    """Add news records ``first_part..n_news`` as ``news2.jsonl``."""
    with open(folder / "news2.jsonl", "w", encoding="utf-8") as fh:
        for r in news_records(n_news)[first_part:]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return folder
