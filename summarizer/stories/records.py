"""Plain records of stories of earlier days, as the daily digest reads them (the archive adapts its rows to these)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["EarlierStory"]


@dataclass(frozen=True)
class EarlierStory:
    """A story of earlier days that today's articles may continue."""

    story_id: str
    first_day: str
    last_day: str
    headline: str
    article_terms: tuple[dict[str, Any], ...]  # the grouping terms of its articles (ArticleTerms.to_dict())
    told: tuple[str, ...]  # the sentences its earlier digests said (the latest run of each day)
    last_digest_day: str | None
