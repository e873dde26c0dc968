"""`daily --explain`: why a story's articles were joined, and why a single article stayed alone."""

from __future__ import annotations

import json

from ..conftest import run_cli

DAY = "2021-06-28"  # allsides_days: three joined stories of three outlets, and an opinion roundup left in three


def _daily(shared_data, *options: str) -> str:
    path = shared_data / "allsides_days" / "allsides_days_dev.jsonl"
    result = run_cli("daily", str(path), "--date", DAY, "--sentences-per-story", "1", "--jobs", "1", *options)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_explain_gives_each_story_its_links_and_each_single_article_its_nearest_story(shared_data):
    stories = json.loads(_daily(shared_data, "--explain", "--format", "json"))["stories"]
    joined = [s for s in stories if len(s["documents"]) > 1]
    alone = [s for s in stories if len(s["documents"]) == 1]
    assert len(joined) == 3 and len(alone) == 3
    for story in joined:
        why = story["why"]
        assert why["nearest"] is None
        # A spanning tree: every article is in a link or came by the centroid step.
        held = {a for link in why["links"] for a in link["articles"]} | {c["article"] for c in why["by_centroid"]}
        assert held == set(story["documents"]) and len(why["links"]) < len(story["documents"])
        assert all(link["shared"] and link["days_apart"] == 0 for link in why["links"])
        assert [link["similarity"] for link in why["links"]] == sorted(
            (link["similarity"] for link in why["links"]), reverse=True
        )
    for story in alone:
        nearest = story["why"]["nearest"]
        assert nearest["article"] not in story["documents"] and nearest["reason"]
        if nearest["reason"] == "below the cut its pair needed":
            assert nearest["similarity"] < nearest["needed"]
        if nearest["story"] is not None:  # the number of the story it is in, as shown
            assert nearest["article"] in stories[nearest["story"] - 1]["documents"]
    # The Supreme Court columns: each one's nearest is another column, a little below the cut its pair needed.
    court = {s["documents"][0]: s["why"]["nearest"] for s in alone}
    assert court["allsides5912_center"]["article"] == "allsides5912_right"
    assert "supreme" in court["allsides5912_center"]["shared"]


def test_explain_in_text_and_nothing_of_it_without_explain(shared_data):
    text = _daily(shared_data, "--explain", "--format", "text")
    assert text.count("why: joined by ") == 3 and text.count("why alone: nearest story") == 3
    assert "below the cut its pair needed" in text
    plain = json.loads(_daily(shared_data, "--format", "json"))["stories"]
    assert all("why" not in story for story in plain)
    assert "why" not in _daily(shared_data, "--format", "text")
