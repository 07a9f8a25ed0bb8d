"""The news exports of ``../shared/data/news`` by corpus, shared by the evaluations that read
them all (eval_news.py, eval_exports.py): one list, so a corpus added there is seen by both."""

from __future__ import annotations

NEWS_CORPORA: dict[str, list[str]] = {
    "click-id": ["click-id.jsonl.gz"],
    "indosum": [f"indosum/dev.0{i}.jsonl.gz" for i in range(1, 6)],
    "tribunnews-1523": ["tribunnews-1523/bisnis_content.json", "tribunnews-1523/sains_content.json",
                        "tribunnews-1523/sport_content.json"],
    "liputan6-kompas-detik-399": ["liputan6-kompas-detik-399/media_news.csv"],
    "tribunnews-politik-199": ["tribunnews-politik-199/tribunnews_politik_full.csv"],
}
