#!/usr/bin/env python3
"""Do continuing stories find their story? DUC 2007 update sets mixed into a pile of unrelated news.

Day 1 holds the ten A sets, day 2 the ten B sets, day 3 the ten C sets, each day mixed with a third
of the unrelated articles (Multi-News and ECB+). `daily` runs day by day with one archive, as a
user's cron job would; every article is dated the day it arrives, as a feed would bring it. A B or
C set "joins its A story" when most of its articles land in the story that holds most of its A
set's articles. Targets (issue 12): at least 19 of the 20 B and C sets join; no unrelated article
joins a DUC story.

    .venv/bin/python eval/linking.py [--data ../shared/data] [--topics N] [--unrelated N] [--learned W]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import Archive, DigestOptions, Document, GroupingOptions, remembered_daily  # noqa: E402

DAYS = {"A": "2025-04-20", "B": "2025-04-21", "C": "2025-04-22"}


def unrelated(data: Path = DATA, *, limit: int | None = None) -> list[Document]:
    """Unrelated news to mix the DUC sets into: Multi-News and ECB+ articles with text (`limit`: the first N)."""
    documents = []
    for path in sorted((data / "multinews_test_sample250").glob("*.json")):
        for n, d in enumerate(json.loads(path.read_text(encoding="utf-8"))["documents"]):
            if d.get("text", "").strip():
                documents.append(Document(id=f"mn-{path.stem}-{n}", text=d["text"], title=d.get("title")))
    for line in (data / "ecbplus_events" / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if (record.get("text") or "").strip():
            documents.append(Document(id=f"ecb-{record['id']}", text=record["text"], title=record.get("title")))
    return documents[:limit]


def measure(
    data: Path = DATA, *, topics: int | None = None, unrelated_limit: int | None = None, learned: float = 0.0
) -> dict:
    """Three days of `daily` with one archive: how many B and C sets join their A set's story, and which
    unrelated articles joined a DUC story. `topics` and `unrelated_limit` shrink the run (a smoke test)."""
    sets = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "duc2007_update").glob("*.json"))}
    chosen = sorted({name.split("-")[0] for name in sets})[:topics]
    pile = unrelated(data, limit=unrelated_limit)
    topic_of: dict[str, tuple[str, str]] = {}  # article id -> (topic, subset)
    started = time.perf_counter()
    story_of: dict[str, str] = {}  # article id -> story id it was put in (on its day)
    with tempfile.TemporaryDirectory() as folder, Archive(Path(folder) / "news.db") as archive:
        for k, (subset, day) in enumerate(DAYS.items()):
            documents = []
            for name, record in sets.items():
                topic = name.split("-")[0]
                if record["meta"]["subset"] != subset or topic not in chosen:
                    continue
                for d in record["documents"]:
                    doc_id = f"{topic}-{subset}-{d['id']}"
                    topic_of[doc_id] = (topic, subset)
                    documents.append(Document(id=doc_id, text=d["text"], title=d.get("title"), date=day))
            documents += [replace(d, date=day) for d in pile[k::3]]
            result = remembered_daily(archive, documents, day=day, digest=DigestOptions(language="english"),
                                      sentences_per_story=3, grouping=GroupingOptions(learned=learned))  # fmt: skip
            for story in result.stories:
                for doc_id in story.documents:
                    story_of[doc_id] = story.story_id or ""
    seconds = time.perf_counter() - started

    def main_story(topic: str, subset: str) -> tuple[str, float]:
        stories = Counter(story_of.get(i, "") for i, t in topic_of.items() if t == (topic, subset))
        story, n = stories.most_common(1)[0]
        return story, n / sum(stories.values())

    rows, joined, joined_any = [], 0, 0
    duc_stories = {s for i, s in story_of.items() if i in topic_of}
    for topic in sorted({t for t, _ in topic_of.values()}):
        a_story, a_share = main_story(topic, "A")
        a_stories = {story_of.get(i) for i, t in topic_of.items() if t == (topic, "A")}
        for subset in ("B", "C"):
            story, share = main_story(topic, subset)
            ok = story == a_story
            joined += ok
            joined_any += story in a_stories
            rows.append((topic, subset, a_story, a_share, story, share, ok))
    intruders = sorted(i for i, s in story_of.items() if i not in topic_of and s in duc_stories)
    return {"joined": joined, "joined_any": joined_any, "sets": len(rows), "intruders": intruders, "rows": rows,
            "unrelated": len(pile), "seconds": seconds}  # fmt: skip


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--topics", type=int, help="only the first N topics (a smoke test)")
    parser.add_argument("--unrelated", type=int, help="only the first N unrelated articles (a smoke test)")
    parser.add_argument("--learned", type=float, default=0.0, help="`daily --learned W` (learned from the archive too)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"linking: {args.data} is not present")
    m = measure(args.data, topics=args.topics, unrelated_limit=args.unrelated, learned=args.learned)
    rows, intruders = m["rows"], m["intruders"]
    print(f"# continuing stories on DUC 2007 update sets — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`; {m['unrelated']} unrelated articles (Multi-News, ECB+) spread "
          f"over the three days; {m['seconds']:.0f} s\n")  # fmt: skip
    print(f"**{m['joined']} of {len(rows)}** B and C sets join the story of their own A set (target ≥ 19); "
          f"**{len(intruders)}** unrelated articles joined a DUC story (target 0). Counting any story that holds "
          f"articles of the set's A set (where day 1 split an A set): **{m['joined_any']} of {len(rows)}**.\n")  # fmt: skip
    print("| topic | set | A's story (share of A) | set's story (share of set) | joins |")
    print("|---|---|---|---|---|")
    for topic, subset, a_story, a_share, story, share, ok in rows:
        print(f"| {topic} | {subset} | {a_story} ({a_share:.0%}) | {story} ({share:.0%}) | {'yes' if ok else 'no'} |")
    if intruders:
        print("\nUnrelated articles in DUC stories: " + ", ".join(intruders[:20]))


if __name__ == "__main__":
    main()
