"""The records the abstractive mode passes around: source sentences, rewrites, the statistics of one run."""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import SentenceKind

__all__ = ["Description", "FusionStats", "Rewrite", "SourceSentence"]


@dataclass(frozen=True)
class SourceSentence:
    text: str
    document: str
    index: int


@dataclass(frozen=True)
class Rewrite:
    text: str
    kind: SentenceKind  # "fused", "compressed" or "neural"
    fused_from: tuple[tuple[str, int], ...]


@dataclass
class FusionStats:
    groups: int = 0
    fused: int = 0  # word-graph fusions that passed (candidates for the selection, not all chosen)
    enriched: int = 0  # main sentences enriched with a clause of a redundant one
    described: int = 0  # main sentences given another sentence's description of a name
    widened: int = 0  # main sentences with one phrase in another outlet's fuller wording
    compressed: int = 0
    fallbacks: int = 0  # groups where every candidate failed the guard
    model_written: int = 0  # sentences a local model wrote (--model), before the guard
    model_passed: int = 0  # of those, the ones that passed it (candidates for the selection)
    reasons: dict | None = None

    def to_dict(self) -> dict:
        counts = {"groups": self.groups, "fused": self.fused, "enriched": self.enriched,
                  "described": self.described, "widened": self.widened, "compressed": self.compressed,
                  "guard_fallbacks": self.fallbacks}  # fmt: skip
        if self.model_written:
            counts |= {"model_written": self.model_written, "model_passed": self.model_passed}
        return counts | {"guard_reasons": dict(sorted((self.reasons or {}).items()))}

    def note(self, reason: str) -> None:
        if self.reasons is None:
            self.reasons = {}
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


@dataclass(frozen=True)
class Description:
    """What one sentence says about a name between commas."""

    name: tuple[str, ...]  # the name's tokens, as written
    words: tuple[str, ...]  # the description's tokens, without the commas
    source: SourceSentence
    shared_surname: bool = False  # two people of the cluster have the name's last word
