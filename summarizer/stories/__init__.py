"""The daily digest: a day's articles grouped into stories, ranked, and each summarised.

daily.py      daily(): clean and split once, group, rank, summarise each story
grouping.py   article vectors, the sparse neighbour graph, average linkage on it
headlines.py  a story's headline
"""

from .daily import GROUPINGS, DailyDigest, GroupingOptions, Story, daily, group_articles
from .headlines import trim_headline

__all__ = ["GROUPINGS", "DailyDigest", "GroupingOptions", "Story", "daily", "group_articles", "trim_headline"]
