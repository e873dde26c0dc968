"""Every setting that changes a daily digest: how articles are grouped into stories (GroupingOptions) and
what the day shows (DailyOptions, which carries each story's DigestOptions)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..checks import check_count, check_day
from ..core.options import DigestOptions, check_choice, overridden
from ..errors import OptionsError

__all__ = ["DEFAULT_SENTENCES_PER_STORY", "GROUPINGS", "DailyOptions", "GroupingOptions"]

# How a day's articles are grouped into stories (GroupingOptions.method; `daily --grouping`).
GROUPINGS: dict[str, str] = {
    "centroid": "average linkage on a sparse top-k neighbour graph, then each article moves to its closest story",
    "average": "average linkage on a sparse top-k neighbour graph of body, title and name vectors",
}


@dataclass(frozen=True)
class GroupingOptions:
    """How a day's articles are grouped into stories."""

    method: str = "centroid"  # a name of GROUPINGS
    distance: float = 0.8  # the cut, as 1 - similarity (eval/grouping.py chose it on the Multi-News pile)
    # Share of similarity from vectors learned (stories.grouping.learned_vectors) from the day's articles and, with
    # an archive, its latest (stories.memory.LEARNING_CONTEXT); `learned_distance` is the cut then. From fewer than
    # `learn_from` articles they group worse than words (a random 100-article day alone: B3 F1 0.88 against
    # 0.92), so the grouping keeps to words there; with the archive the same days group as well as or better
    # than with words (eval/archive_grouping.py). Off by default: with the archive, they joined an unrelated
    # article (a sitcom revival) to a continuing story in eval/linking.py, where words join none.
    learned: float = 0.0
    learned_distance: float = 0.6
    learn_from: int = 1000
    duplicate: float = 0.9  # body cosine at or above which two articles are copies of one

    def __post_init__(self) -> None:
        check_choice("grouping", self.method, GROUPINGS)
        for name in ("distance", "learned", "learned_distance", "duplicate"):
            if not 0 <= getattr(self, name) <= 1:
                raise OptionsError(f"{name} must be between 0 and 1, not {getattr(self, name)}")
        if self.learn_from < 0:
            raise OptionsError(f"learn_from must be 0 or more articles, not {self.learn_from}")


DEFAULT_SENTENCES_PER_STORY = 3  # a story's digest when no budget is given


@dataclass(frozen=True)
class DailyOptions:
    """Every setting that changes a daily digest, validated when made and carried in the result: which day,
    how many stories, each story's budget, how articles are grouped, and the digest options of every story."""

    date: str | None = None  # keep only articles of this day (undated ones are kept)
    stories: int | None = None  # at most this many stories
    words_per_story: int | None = None
    sentences_per_story: int | None = None  # DEFAULT_SENTENCES_PER_STORY when neither budget is given
    keep_singletons: bool = True  # stories only one article covers
    close_after: int = 3  # with the archive: a story with no new article for this many days is closed
    min_sources: int | None = None  # leave out stories fewer distinct outlets cover
    hot_hours: float | None = None  # rank by the outlets reporting in the last hours (before the day's newest article)
    outlet_weights: tuple[tuple[str, float], ...] = ()  # outlet -> what it counts for in ranking (else 1)
    explain: bool = False  # say why each story's articles were joined and why a single article stayed alone
    grouping: GroupingOptions = field(default_factory=GroupingOptions)
    digest: DigestOptions = field(default_factory=DigestOptions)

    def __post_init__(self) -> None:
        for name in ("stories", "words_per_story", "sentences_per_story", "close_after", "min_sources"):
            check_count(name, getattr(self, name))
        if self.hot_hours is not None and not 0 < self.hot_hours < float("inf"):
            raise OptionsError(f"hot_hours must be a number of hours above 0, not {self.hot_hours!r}")
        if any(not 0 <= weight < float("inf") for _, weight in self.outlet_weights):
            raise OptionsError("an outlet's weight must be a number of at least 0")
        if self.date is not None:
            object.__setattr__(self, "date", check_day(self.date))

    def story_options(self) -> DigestOptions:
        """The digest options of one story: the day's, with the story's budget."""
        sentences = self.sentences_per_story
        if self.words_per_story is None and sentences is None:
            sentences = DEFAULT_SENTENCES_PER_STORY
        return replace(self.digest, words=self.words_per_story, sentences=sentences)

    def with_overrides(self, **overrides: Any) -> DailyOptions:
        """A copy with every override that is not None applied (and validated)."""
        return overridden(self, overrides)
