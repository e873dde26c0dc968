"""A tiny copy of ../shared/data's layout, made from the seed articles, for the eval scripts' smoke tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval"

BRIDGE = [
    ("bridge-a", "Harbor bridge reopens", "The harbor bridge reopened on Monday after two years of repairs. The mayor "
     "cut the ribbon at dawn. Traffic engineers expect ten thousand cars a day to cross the bridge."),
    ("bridge-b", "Bridge open again", "After two years of repair work, the harbor bridge is open again. Mayor Lee cut "
     "a ribbon on Monday morning. About ten thousand cars a day will use the harbor bridge, engineers said."),
    ("bridge-c", "Bridge traffic heavy", "Traffic on the reopened harbor bridge was heavy on its first day. Engineers "
     "counted twelve thousand cars by Tuesday evening. The mayor said the repairs had been worth the wait."),
]  # fmt: skip
SEED_SUMMARY = ("Putin proposed bilateral talks with Ukraine for the first time in years. Zelenskyy said Kyiv was "
                "ready for any discussion to halt attacks on civilian targets. Talks are planned in London.")  # fmt: skip
BRIDGE_SUMMARY = "The harbor bridge reopened on Monday after two years of repairs; ten thousand cars a day will use it."


def _cluster(cluster_id: str, documents: list[dict], references: list[str], **extra) -> dict:
    return {"id": cluster_id, "documents": documents, "references": references, "meta": extra.pop("meta", {}), **extra}


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory, seed_documents) -> Path:
    """Two clusters per benchmark set, two DUC 2007-style topics, a small ECB+ pile and three web pages."""
    root = tmp_path_factory.mktemp("data")
    seeds = [{"id": d.id, "title": d.title, "text": d.text} for d in seed_documents]
    bridge = [{"id": i, "title": t, "text": x} for i, t, x in BRIDGE]
    for folder in ("tac2011_multiling_en", "multinews_test_sample250", "duc2003_task2"):
        (root / folder).mkdir()
        for cluster in (_cluster("M000", seeds, [SEED_SUMMARY, SEED_SUMMARY.upper().capitalize()]),
                        _cluster("M001", bridge, [BRIDGE_SUMMARY, BRIDGE_SUMMARY])):  # fmt: skip
            (root / folder / f"{cluster['id']}.json").write_text(json.dumps(cluster), encoding="utf-8")
    (root / "duc2007_update").mkdir()
    topics = {"D0701A": (seeds, SEED_SUMMARY, "Putin and Ukraine talks"),
              "D0702B": (bridge, BRIDGE_SUMMARY, "The harbor bridge")}  # fmt: skip
    for topic, (documents, summary, title) in topics.items():
        parts = {"A": documents[:-2], "B": documents[-2:-1], "C": documents[-1:]}
        for k, (subset, members) in enumerate(parts.items()):
            # Not the very texts of the other sets, which linking.py mixes in as unrelated news.
            dated = [{**d, "text": d["text"] + f"\n\nThis report was updated on day {k + 1}.", "date": f"2025-04-2{k}"}
                     for d in members]  # fmt: skip
            meta = {"subset": subset, "earlier": [f"{topic}-{s}" for s in "AB"[:k]]}
            cluster = _cluster(f"{topic}-{subset}", dated, [summary] * 4, meta=meta,
                               query={"title": title, "narrative": f"What happened with {title.lower()}?"})  # fmt: skip
            (root / "duc2007_update" / f"{topic}-{subset}.json").write_text(json.dumps(cluster), encoding="utf-8")
    (root / "ecbplus_events").mkdir()
    lines = [{"id": d["id"], "title": d["title"], "text": d["text"], "cluster": label, "topic": 1, "date": None,
              "source": None} for label, group in ((1, seeds), (2, bridge)) for d in group]  # fmt: skip
    (root / "ecbplus_events" / "ecbplus.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n", encoding="utf-8")
    pages = root / "html_pages_trafilatura"
    (pages / "html").mkdir(parents=True)
    annotations = []
    for number, document in enumerate(seed_documents[:3]):
        paragraphs = [p for p in document.text.split("\n") if len(p.split()) > 8][:6]
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = (f"<html><head><title>Page {number}</title></head><body><nav>Home | World | Sport</nav><article>"
                f"<h1>Page {number}</h1>{body}</article><footer>Cookie settings and privacy</footer></body></html>")  # fmt: skip
        (pages / "html" / f"page {number}.html").write_text(html, encoding="utf-8")
        annotations.append({"id": f"p{number}", "file": f"html/page {number}.html", "url": None,
                            "with": [paragraphs[1][:60], paragraphs[-1][-60:]], "without": ["Cookie settings", "Sport"],
                            "lang_guess": "en"})  # fmt: skip
    (pages / "annotations.jsonl").write_text("\n".join(map(json.dumps, annotations)) + "\n", encoding="utf-8")
    return root


def run_script(name: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """An eval script as its README shows it, in a subprocess; its output is text."""
    return subprocess.run([sys.executable, str(EVAL / name), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)  # fmt: skip
