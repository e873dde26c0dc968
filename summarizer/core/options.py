"""Every setting that changes a digest, validated once, where it is made.

The names an option may take come from the registries of the stages that
implement them (`represent.SIMILARITIES`, `select.SELECTIONS`,
`order.ORDERS`), so adding a similarity is one entry in one table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from ..checks import check_count, check_day
from ..errors import OptionsError
from .order import ORDERS
from .represent import SIMILARITIES
from .segment import LANGUAGES
from .select import SELECTIONS
from .versions import SAME_SENTENCE, VERSION_RULES

MODES = ("extractive", "abstractive")
DEFAULT_SENTENCES = 7  # the budget when none is given
MIN_BYTES = 4  # the widest UTF-8 character: a byte budget below it could hold nothing


def _choice(name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise OptionsError(f"unknown {name} {value!r}; choose {', '.join(sorted(allowed))}")


def _overridden(options: Any, overrides: dict[str, Any]) -> Any:
    """`options` with the given fields replaced; a name that is no field is an OptionsError, not a TypeError."""
    names = {f.name for f in fields(options)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise OptionsError(f"unknown option {unknown[0]!r}; options are {', '.join(sorted(names))}")
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(options, **given) if given else options


@dataclass(frozen=True)
class DigestOptions:
    """Every setting that changes a digest; it travels into JSON output."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    bytes: int | None = None
    similarity: str = "cosine"
    selection: str = "mmr"
    order: str = "article"
    damping: float = 0.85
    tolerance: float = 1.0e-6
    max_iterations: int = 200
    position_prior: float = 0.5  # how much PageRank teleports to article leads
    redundancy: float = 0.3  # cosine above which two sentences state one fact
    diversity: float = 0.7  # MMR lambda: weight of relevance against novelty
    neighbours: int = 50  # edges kept per sentence in large graphs
    language: str = "auto"
    mode: str = "extractive"
    model: str | None = None  # a local transformers model directory that rewrites the digest
    query: str | None = None  # a topic statement the digest is focused on
    query_weight: float = 0.2  # share of PageRank's teleport mass and of relevance given to the query
    # Share of a sentence's cosine with one already read (--seen) that counts as redundancy. eval/update.py
    # chose 0.6 on DUC 2007 (0.4 scores best on the B sets but lets restatements of seen facts through).
    seen_weight: float = 0.6
    versions: str = "merge"  # how versions of one story (copies, updated wire stories) are read: VERSION_RULES
    edited_sentence: float = SAME_SENTENCE  # token similarity at which two versions' sentences are one, edited
    differences: bool = True  # find where the outlets differ (figures, claims, omissions): summarizer.differences

    def __post_init__(self) -> None:
        for name in ("sentences", "words", "max_iterations", "neighbours"):
            check_count(name, getattr(self, name))
        check_count("bytes", self.bytes, minimum=MIN_BYTES)
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise OptionsError(f"ratio must be in (0, 1], not {self.ratio}")
        if not 0 < self.damping < 1:
            raise OptionsError(f"damping must be in (0, 1), not {self.damping}")
        if not 0 < self.tolerance < 1:
            raise OptionsError(f"tolerance must be in (0, 1), not {self.tolerance}")
        for name in ("position_prior", "redundancy", "diversity", "query_weight", "seen_weight", "edited_sentence"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise OptionsError(f"{name.replace('_', ' ')} must be between 0 and 1, not {value}")
        _choice("similarity", self.similarity, SIMILARITIES)
        if SIMILARITIES[self.similarity].meaning:
            from .semantic import require_installed

            require_installed()
        _choice("selection", self.selection, SELECTIONS)
        _choice("order", self.order, ORDERS)
        _choice("mode", self.mode, MODES)
        _choice("versions rule", self.versions, VERSION_RULES)
        if self.language != "auto" and self.language not in LANGUAGES:
            raise OptionsError(f"unsupported language {self.language!r}; choose auto or one of {', '.join(LANGUAGES)}")

    def with_overrides(self, **overrides: Any) -> DigestOptions:
        """A copy with every override that is not None applied (and validated)."""
        return _overridden(self, overrides)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
        from ..stories.grouping import GROUPINGS  # the stories package loads the pipeline, which reads these options

        _choice("grouping", self.method, GROUPINGS)
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
        return _overridden(self, overrides)
