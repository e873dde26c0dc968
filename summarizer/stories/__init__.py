"""The daily digest: a day's articles grouped into stories, ranked, and each summarised.

daily.py      daily(): clean and split once, group, rank, summarise each story
grouping.py   GROUPINGS, article vectors, the sparse neighbour graph, average linkage on it
headlines.py  a story's headline
memory.py     remembered_daily(): the daily digest with the archive (stories across days)
options.py    GroupingOptions, DailyOptions and the GROUPINGS they name
"""

from ..documents import EarlierStory
from .daily import DailyDigest, Story, daily, group_articles
from .grouping import GROUPINGS
from .headlines import trim_headline
from .options import DailyOptions, GroupingOptions

__all__ = [
    "GROUPINGS",
    "DailyDigest",
    "DailyOptions",
    "EarlierStory",
    "GroupingOptions",
    "Story",
    "daily",
    "group_articles",
    "trim_headline",
]
