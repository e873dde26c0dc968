"""The daily digest: a day's articles grouped into stories, ranked, and each summarised.

daily.py       daily(): clean and split once, group, rank, summarise each story
grouping.py    GROUPINGS, article vectors (body, headline and lead, names and figures), dates, the neighbour graph
linkage.py     average linkage with a cut that falls in a quiet neighbourhood, the centroid step
explain.py     why a story's articles were joined and why an article stayed alone (daily --explain)
continuing.py  today's groups that continue an open story of the archive
headlines.py   a story's headline
ranking.py     which stories show, in what order
memory.py      remembered_daily(): the daily digest with the archive (stories across days)
options.py     GroupingOptions, DailyOptions and the GROUPINGS they name
"""

from ..documents import EarlierStory
from .daily import DailyDigest, Story, daily, group_articles
from .grouping import GROUPINGS
from .headlines import trim_headline
from .memory import remembered_daily_at
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
    "remembered_daily_at",
    "trim_headline",
]
