"""Every setting that changes a digest, validated once, where it is made.

The names an option may take come from the registries of the stages that
implement them (`represent.SIMILARITIES`, `select.SELECTIONS`,
`order.ORDERS`), so adding a similarity is one entry in one table. The daily
digest's settings are in summarizer.stories.options.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from ..checks import check_count
from ..errors import OptionsError
from ..languages import LANGUAGES
from .order import ORDERS
from .represent import SIMILARITIES
from .select import SELECTIONS
from .versions import REPEAT_WEIGHT, SAME_SENTENCE, VERSION_PRIOR, VERSION_RULES

MODES = ("extractive", "abstractive")
DEFAULT_SENTENCES = 7  # the budget when none is given
MAX_VERSION_PRIOR = 10.0
MIN_BYTES = 4  # the widest UTF-8 character: a byte budget below it could hold nothing


def check_choice(name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise OptionsError(f"unknown {name} {value!r}; choose {', '.join(sorted(allowed))}")


def overridden(options: Any, overrides: dict[str, Any]) -> Any:
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
    repeat_weight: float = REPEAT_WEIGHT  # ranking weight of another version's wording of a sentence (0 to 1)
    # Teleport share, within its family's, of each further version that carries a sentence (0: none, the
    # default; 1: one share per version, as separate articles would give it): core/versions.py
    version_prior: float = VERSION_PRIOR
    other_words: bool = True  # one fact in other words (same-day leads, a lead's count, one quotation): core/facts.py
    differences: bool = True  # find where the outlets differ (figures, claims, omissions): summarizer.differences

    def __post_init__(self) -> None:
        for name in ("sentences", "words", "max_iterations", "neighbours"):
            check_count(name, getattr(self, name))
        check_count("bytes", self.bytes, minimum=MIN_BYTES)
        if not 0 <= self.version_prior <= MAX_VERSION_PRIOR:
            raise OptionsError(f"version prior must be between 0 and {MAX_VERSION_PRIOR}, not {self.version_prior}")
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise OptionsError(f"ratio must be in (0, 1], not {self.ratio}")
        if not 0 < self.damping < 1:
            raise OptionsError(f"damping must be in (0, 1), not {self.damping}")
        if not 0 < self.tolerance < 1:
            raise OptionsError(f"tolerance must be in (0, 1), not {self.tolerance}")
        for name in (
            "position_prior",
            "redundancy",
            "diversity",
            "query_weight",
            "seen_weight",
            "edited_sentence",
            "repeat_weight",
        ):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise OptionsError(f"{name.replace('_', ' ')} must be between 0 and 1, not {value}")
        check_choice("similarity", self.similarity, SIMILARITIES)
        if SIMILARITIES[self.similarity].meaning:
            from .semantic import require_installed

            require_installed()
        check_choice("selection", self.selection, SELECTIONS)
        check_choice("order", self.order, ORDERS)
        check_choice("mode", self.mode, MODES)
        check_choice("versions rule", self.versions, VERSION_RULES)
        if self.language != "auto" and self.language not in LANGUAGES:
            raise OptionsError(f"unsupported language {self.language!r}; choose auto or one of {', '.join(LANGUAGES)}")

    def with_overrides(self, **overrides: Any) -> DigestOptions:
        """A copy with every override that is not None applied (and validated)."""
        return overridden(self, overrides)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
