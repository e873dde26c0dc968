"""Abstractive mode: fuse what several outlets say into one sentence, and compress.

Fusion is multi-sentence compression over a word graph (Filippova 2010): the
sentences that state one fact are merged into a directed graph of words,
where a word shared by several sentences becomes one node; short, heavily
travelled paths from start to end are candidate sentences. Candidates are
reranked by how many of the group's keyphrases they keep (Boudin & Morin
2013; keyphrase scores from PageRank over the words' co-occurrence graph).
The graphs are built with networkx.

Compression drops attributions ("..., officials said") and parentheticals.
Enrichment adds the unique trailing clause of a redundant sentence; a
description sets another outlet's appositive or relative clause about a name
after that name's first mention.

Nothing is used unless it passes the guard: it has a verb, balanced quotes
and brackets, ends with punctuation, keeps the subject, and contains no
number, name or negation its sources lack, nor drops a negation they have.
Otherwise the extracted sentence stands.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from .documents import SentenceKind
from .grammar import link_parser, subjects_from_one_source
from .resources import irregular_verb_forms
from .segment import quote_depth, quotes_balanced
from .text import stop_words

__all__ = [
    "Description",
    "FusionStats",
    "Rewrite",
    "SourceSentence",
    "TrigramModel",
    "adds_content",
    "compress",
    "describe",
    "descriptions",
    "detokenize",
    "dropped_spans",
    "enrich",
    "fuse",
    "grammar_check_name",
    "guard",
    "has_verb",
    "rewrite_alternatives",
    "subject_and_verb_from_one_source",
    "widen",
    "word_tokens",
]

_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "”", ")", "]", "’", "%", "…"}
_NO_SPACE_AFTER = {"“", "(", "[", "$", "‘"}
_NEGATIONS = {"not", "no", "never", "n't", "without", "nor", "none", "nobody", "nothing", "neither", "cannot"}
_NUMBER = re.compile(r"^\d[\d.,]*$")
_POSSESSIVE = re.compile(r"['’]s$")
_NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "first",
    "second",
    "third",
    "half",
    "dozen",
    "dozens",
}
_AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "made",
    "make",
    "makes",
    "went",
    "goes",
    "go",
    "came",
    "come",
    "comes",
    "took",
    "take",
    "takes",
    "gave",
    "give",
    "gives",
    "got",
    "get",
    "gets",
    "found",
    "find",
    "finds",
    "held",
    "hold",
    "holds",
    "met",
    "meet",
    "meets",
    "left",
    "leave",
    "leaves",
    "led",
    "lead",
    "leads",
    "ran",
    "run",
    "runs",
    "won",
    "win",
    "wins",
    "lost",
    "lose",
    "loses",
    "saw",
    "see",
    "sees",
    "knew",
    "know",
    "knows",
    "thought",
    "think",
    "thinks",
    "began",
    "begin",
    "begins",
    "kept",
    "keep",
    "keeps",
    "put",
    "puts",
    "set",
    "sets",
    "sent",
    "send",
    "sends",
    "paid",
    "pay",
    "pays",
    "spoke",
    "speak",
    "speaks",
    "wrote",
    "write",
    "writes",
    "struck",
    "strike",
    "strikes",
    "remain",
    "remains",
    "seek",
    "seeks",
    "sought",
    "want",
    "wants",
    "plan",
    "plans",
    "warn",
    "warns",
    "hope",
    "hopes",
    "stand",
    "stands",
    "stood",
    "became",
    "become",
    "becomes",
    "fell",
    "fall",
    "falls",
    "rose",
    "rise",
    "rises",
    "brought",
    "bring",
    "brings",
    "built",
    "build",
    "builds",
    "bought",
    "buy",
    "buys",
    "sold",
    "sell",
    "sells",
    "meant",
    "mean",
    "means",
    "felt",
    "feel",
    "feels",
    "heard",
    "hear",
    "hears",
    "shot",
    "shoot",
    "shoots",
    "fought",
    "fight",
    "fights",
    "chose",
    "choose",
    "chooses",
    "caught",
    "catch",
    "catches",
    "drew",
    "draw",
    "draws",
    "grew",
    "grow",
    "grows",
    "hit",
    "hits",
    "cut",
    "cuts",
    "let",
    "lets",
    "quit",
    "quits",
    "killed",
    "kill",
    "kills",
}
_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:(?:he|she|they|it|officials?|police|experts?|analysts?|sources?|the \w+(?: \w+)?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
    r"\s+(?:said|says|told [\w ]{1,30}?|added|noted|wrote|explained|reported|announced|stated))"
    r"(?:\s+(?:on|in|at)\s+[\w ]{1,25}?)?(?=[.!?][\"”’']*$)"
)
_ATTRIBUTION_HEAD = re.compile(
    r"^(?:according to [^,]{3,60}|[A-Z][^,]{2,60} (?:said|says|told reporters))(?:,| that)\s+", re.I
)
_PARENTHETICAL = re.compile(r"\s*\((?![^()]*\d{4})[^()]{2,80}\)")


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


# --------------------------------------------------------------------------
# Tokens


def word_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def detokenize(tokens: Sequence[str]) -> str:
    out = ""
    quote_open = False
    for token in tokens:
        if not out:
            out = token
        elif token in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER or token.startswith(("'s", "’s", "n't")):
            out += token
        elif token == '"':
            out += token if quote_open else " " + token
        elif out.endswith('"') and quote_open:
            out += token
        else:
            out += " " + token
        if token == '"':
            quote_open = not quote_open
    return out


def has_verb(tokens: Sequence[str]) -> bool:
    """A heuristic verb test (no tagger model is available offline)."""
    stops = stop_words("english")
    for token in tokens:
        lower = token.lower()
        if lower in _AUXILIARIES or lower in irregular_verb_forms():
            return True
        participle = lower.endswith(("ed", "ing")) and not lower.endswith(("need", "speed", "seed", "feed", "bed"))
        if participle and len(lower) > 4 and lower.isalpha() and lower not in stops and token[0].islower():
            return True
    return False


def _names(tokens: Sequence[str]) -> set[str]:
    """Capitalised words not at the start of the sentence (after an opening quote)."""
    names = set()
    started = False
    for token in tokens:
        if not token[0].isalnum():
            continue
        if started and token[0].isupper():
            names.add(token)
        started = True
    return names


def _numbers(tokens: Sequence[str]) -> set[str]:
    return {t.lower() for t in tokens if _NUMBER.match(t) or t.lower() in _NUMBER_WORDS}


def _negations(tokens: Sequence[str]) -> set[str]:
    found = set()
    for token in tokens:
        lower = token.lower().replace("’", "'")
        if lower in _NEGATIONS or lower.endswith("n't"):
            found.add("not")
    return found


# Words that make a statement uncertain, planned or second-hand: "was due to be sworn in" is not "was sworn in".
_HEDGES = frozenset(
    [
        "would",
        "could",
        "may",
        "might",
        "should",
        "must",
        "due",
        "expected",
        "expects",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "alleged",
        "suspected",
        "apparently",
        "possibly",
        "probably",
        "planned",
        "plans",
        "scheduled",
    ]
)


def _hedges(tokens: Sequence[str]) -> set[str]:
    return {t.lower() for t in tokens} & _HEDGES


def _subject(tokens: Sequence[str]) -> str | None:
    """The first content word of a sentence's main clause, taken as its subject's head: after an opening
    phrase ("On Monday, ...", "In his address, ...") when there is one."""
    stops = stop_words("english")
    if tokens and _SUBORDINATE_START.match(tokens[0]) and "," in tokens:
        tokens = tokens[tokens.index(",") + 1 :]
    for token in tokens:
        if token[0].isalnum() and token.lower() not in stops:
            return token.lower()
    return None


# --------------------------------------------------------------------------
# The guard


_SUBORDINATE_START = re.compile(
    r"^[\"“]?(?:despite|although|though|while|whereas|when|whenever|after|before|because|if|since|unless|until|"
    r"as|in|on|at|during|following|amid|with|without|for|by|from|under|over|through|according|speaking|"
    r"and|but|or|so|which|who|whose|that)\b",
    re.I,
)


def _trigrams(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    lowered = ["<s>", *(t.lower() for t in tokens), "</s>"]
    return set(zip(lowered, lowered[1:], lowered[2:]))


def guard(candidate: str, sources: Sequence[str], *, main: str | None = None, fused: bool = False) -> str | None:
    """None when the candidate may replace its sources, else the reason it may not.

    For fused sentences two fluency checks apply as well: every three-word
    window must occur in some source (the sentence changes source only where
    the sources overlap), and a sentence that opens with a subordinate or
    prepositional phrase must go on, after a comma, to a main clause.
    """
    tokens = word_tokens(candidate)
    source_tokens = [word_tokens(s) for s in sources]
    every_source_token = {t for ts in source_tokens for t in ts}
    lowered_source_tokens = {t.lower() for t in every_source_token}
    if not tokens:
        return "empty"
    if not re.search(r"[.!?][\"”’')\]]*$", candidate):
        return "does not end with punctuation"
    if not quotes_balanced(candidate):
        return "unbalanced quotes or brackets"
    if not has_verb(tokens):
        return "no verb"
    new_numbers = _numbers(tokens) - {t.lower() for t in every_source_token}
    if new_numbers:
        return f"number not in the sources: {sorted(new_numbers)[0]}"
    source_names = {t for ts in source_tokens for t in ts if t[0].isupper()}
    new_names = {n for n in _names(tokens) if n not in source_names and n.lower() not in lowered_source_tokens}
    if new_names:
        return f"name not in the sources: {sorted(new_names)[0]}"
    if _negations(tokens) and not any(_negations(ts) for ts in source_tokens):
        return "adds a negation"
    reference = word_tokens(main) if main else source_tokens[0]
    if _negations(reference) and not _negations(tokens):
        return "drops a negation"
    dropped_hedges = _hedges(reference) - _hedges(tokens)
    if dropped_hedges:
        return f"drops a hedge: {sorted(dropped_hedges)[0]}"
    subject = _subject(reference)
    if subject and subject not in {t.lower() for t in tokens}:
        return "drops the subject"
    if fused:
        known = set().union(*(_trigrams(ts) for ts in source_tokens))
        if not _trigrams(tokens) <= known:
            return "joins sources where they do not overlap"
        if _SUBORDINATE_START.match(candidate):
            after = candidate.split(",", 1)
            if len(after) < 2 or not has_verb(word_tokens(after[1])):
                return "a fragment: no main clause"
    return None


# --------------------------------------------------------------------------
# Word-graph fusion


def _build_word_graph(sentences: Sequence[list[str]]) -> tuple[nx.DiGraph, dict, list[list]]:
    stops = stop_words("english")
    graph = nx.DiGraph()
    start, end = ("<s>", 0), ("</s>", 0)
    graph.add_node(start, word="<s>", freq=len(sentences))
    graph.add_node(end, word="</s>", freq=len(sentences))
    nodes_by_word: dict[str, list] = {}
    surface: dict = {}
    paths: list[list] = []

    def neighbours_overlap(node, previous_word, next_word) -> int:
        overlap = 0
        if previous_word and any(graph.nodes[p]["word"] == previous_word for p in graph.predecessors(node)):
            overlap += 1
        if next_word and any(graph.nodes[n]["word"] == next_word for n in graph.successors(node)):
            overlap += 1
        return overlap

    for tokens in sentences:
        used: set = set()
        path = [start]
        for position, token in enumerate(tokens):
            word = token.lower()
            previous_word = tokens[position - 1].lower() if position else "<s>"
            next_word = tokens[position + 1].lower() if position + 1 < len(tokens) else "</s>"
            candidates = [n for n in nodes_by_word.get(word, []) if n not in used]
            content = token[0].isalnum() and word not in stops
            chosen = None
            if candidates:
                ranked = sorted(
                    candidates,
                    key=lambda n: (-neighbours_overlap(n, previous_word, next_word), -graph.nodes[n]["freq"], n[1]),
                )
                best = ranked[0]
                if content or neighbours_overlap(best, previous_word, next_word) > 0:
                    chosen = best
            if chosen is None:
                chosen = (word, len(nodes_by_word.get(word, [])))
                nodes_by_word.setdefault(word, []).append(chosen)
                graph.add_node(chosen, word=word, freq=0)
                surface[chosen] = token
            graph.nodes[chosen]["freq"] += 1
            used.add(chosen)
            path.append(chosen)
        path.append(end)
        paths.append(path)
        for a, b in pairwise(path):
            if graph.has_edge(a, b):
                graph[a][b]["count"] += 1
            else:
                graph.add_edge(a, b, count=1)
    # Filippova's weights: frequent nodes that sit close together in many sentences are cheap.
    for a, b in graph.edges:
        inverse_distances = 0.0
        for path in paths:
            if a in path and b in path:
                i, j = path.index(a), path.index(b)
                if i < j:
                    inverse_distances += 1.0 / (j - i)
        fa, fb = graph.nodes[a]["freq"], graph.nodes[b]["freq"]
        weight = (fa + fb) / inverse_distances if inverse_distances else float(fa + fb)
        graph[a][b]["weight"] = weight / (fa * fb)
    return graph, surface, paths


def _keyphrase_scores(sentences: Sequence[list[str]]) -> dict[tuple[str, ...], float]:
    """Boudin & Morin: PageRank over content-word co-occurrence, summed over each keyphrase."""
    stops = stop_words("english")
    words = nx.Graph()
    phrases: set[tuple[str, ...]] = set()
    for tokens in sentences:
        content = [t.lower() if (t[0].isalnum() and t.lower() not in stops) else None for t in tokens]
        for a, b in pairwise(content):
            if a and b and a != b:
                words.add_edge(a, b, weight=words.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
        run: list[str] = []
        for word in [*content, None]:
            if word:
                run.append(word)
            elif run:
                phrases.add(tuple(run))
                run = []
    if words.number_of_nodes() == 0:
        return {}
    rank = nx.pagerank(words, weight="weight")
    return {p: sum(rank.get(w, 0.0) for w in p) / (len(p) + 1) for p in phrases}


def fuse(sentences: Sequence[str], *, candidates: int = 80, min_words: int = 8) -> list[str]:
    """Candidate fusions of sentences that state one fact, best first."""
    tokenized = [word_tokens(s) for s in sentences]
    graph, surface, _ = _build_word_graph(tokenized)
    keyphrases = _keyphrase_scores(tokenized)
    start, end = ("<s>", 0), ("</s>", 0)
    originals = {" ".join(t).lower() for t in tokenized}
    scored = []
    try:
        paths = islice(nx.shortest_simple_paths(graph, start, end, weight="weight"), candidates)
        for path in paths:
            inner = path[1:-1]
            tokens = [surface[n] for n in inner]
            words = [t for t in tokens if t[0].isalnum()]
            if len(words) < min_words or " ".join(tokens).lower() in originals:
                continue
            if not has_verb(tokens):
                continue
            weight = sum(graph[a][b]["weight"] for a, b in pairwise(path))
            lowered = " ".join(t.lower() for t in tokens)
            covered = sum(score for phrase, score in keyphrases.items() if " ".join(phrase) in lowered)
            scored.append((weight / (len(words) * (1.0 + covered)), detokenize(tokens)))
    except nx.NetworkXNoPath:
        return []
    scored.sort(key=lambda pair: (pair[0], pair[1]))
    seen, ordered = set(), []
    for _, text in scored:
        if text not in seen:
            seen.add(text)
            ordered.append(text)
    return ordered


# --------------------------------------------------------------------------
# Compression


def compress(sentence: str) -> str:
    """Drop a trailing or leading attribution and short parentheticals."""
    text = _PARENTHETICAL.sub("", sentence)
    text = _ATTRIBUTION_TAIL.sub("", text)
    head = _ATTRIBUTION_HEAD.match(text)
    if head:
        rest = text[head.end() :]
        if rest:
            text = rest[0].upper() + rest[1:]
    return " ".join(text.split())


# --------------------------------------------------------------------------
# One group


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


class TrigramModel:
    """A trigram language model of one cluster's sentences (stupid backoff, Brants et al. 2007).

    The grammar check that needs no parser and nothing downloaded: a fusion is
    made of its sources' words, so its log-probability per word under the
    model of those very sentences says whether its joins read as well as the
    sources do. Tokens are lowercased words and punctuation.
    """

    BACKOFF = 0.4

    def __init__(self, sentences: Sequence[str]):
        self.unigrams: dict[str, int] = {}
        self.bigrams: dict[tuple[str, str], int] = {}
        self.trigrams: dict[tuple[str, str, str], int] = {}
        for sentence in sentences:
            tokens = self._tokens(sentence)
            for k in range(len(tokens)):
                self.unigrams[tokens[k]] = self.unigrams.get(tokens[k], 0) + 1
                if k >= 1:
                    pair = (tokens[k - 1], tokens[k])
                    self.bigrams[pair] = self.bigrams.get(pair, 0) + 1
                if k >= 2:
                    triple = (tokens[k - 2], tokens[k - 1], tokens[k])
                    self.trigrams[triple] = self.trigrams.get(triple, 0) + 1
        self.total = sum(self.unigrams.values()) or 1
        self._per_token: dict[str, float] = {}  # sources are scored once per candidate checked against them

    @staticmethod
    def _tokens(text: str) -> list[str]:
        return ["<s>", "<s>", *(t.lower() for t in word_tokens(text)), "</s>"]

    def _score(self, u: str, v: str, w: str) -> float:
        triple = self.trigrams.get((u, v, w), 0)
        if triple:
            return triple / self.bigrams[(u, v)]
        pair = self.bigrams.get((v, w), 0)
        if pair:
            return self.BACKOFF * pair / self.unigrams[v]
        return self.BACKOFF * self.BACKOFF * (self.unigrams.get(w, 0) + 0.5) / (self.total + len(self.unigrams))

    def per_token(self, text: str) -> float:
        """Mean log-probability of the text's tokens (higher reads better)."""
        if text not in self._per_token:
            tokens = self._tokens(text)
            scores = [math.log(self._score(tokens[k - 2], tokens[k - 1], tokens[k])) for k in range(2, len(tokens))]
            self._per_token[text] = sum(scores) / max(len(scores), 1)
        return self._per_token[text]


def _first_verb(tokens: Sequence[str]) -> str | None:
    for token in tokens:
        if has_verb([token]):
            return token.lower()
    return None


def subject_and_verb_from_one_source(candidate: str, sources: Sequence[str]) -> bool:
    """The fusion's subject and its first verb stand, in that order, in one source sentence."""
    tokens = word_tokens(candidate)
    subject, verb = _subject(tokens), _first_verb(tokens)
    if subject is None or verb is None:
        return False
    for source in sources:
        lowered = [t.lower() for t in word_tokens(source)]
        if subject in lowered and verb in lowered and lowered.index(subject) < lowered.index(verb):
            return True
    return False


# --------------------------------------------------------------------------
# Enrichment: the unique clause of a redundant sentence, joined to the one that states the shared part

# A tail that can follow a complete sentence after a comma and still modify it: a participle
# ("saying ..."), a time or cause clause, or a place or time phrase.
_TAIL_OPENERS = frozenset(
    {"after", "before", "when", "while", "as", "because", "since", "until", "following", "amid", "despite",
     "during", "in", "on", "at", "near", "with", "saying", "adding", "citing", "calling", "leaving", "killing",
     "injuring", "forcing", "prompting", "making", "bringing"}
)  # fmt: skip
_RELATIVE_OPENERS = frozenset({"which", "who", "where"})
ENRICH_MIN_NEW_WORDS = 2  # content words the tail must add to the main sentence
ENRICH_MIN_NEW_SHARE = 0.6  # and the share of the tail's content words that are new
ENRICH_TAIL_WORDS = (3, 25)


def adds_content(words: Sequence[str], known: set[str]) -> bool:
    """Whether the content words among `words` are mostly new to a sentence whose lowercased words are `known`."""
    stops = stop_words("english")
    content = {w.lower() for w in words if w[0].isalnum() and w.lower() not in stops}
    new = content - known
    return bool(content) and len(new) >= ENRICH_MIN_NEW_WORDS and len(new) >= ENRICH_MIN_NEW_SHARE * len(content)


def enrich(main: str, other: str) -> list[str]:
    """`main` with a trailing clause of `other` that states what `main` does not, shortest first.

    The clause must start after a comma of `other` with a word that lets it modify
    a whole sentence (see _TAIL_OPENERS), or with a relative pronoun whose
    antecedent is the last word of `main` too; `other` must name the subject of
    `main` before the clause, so that the clause is about the same event.
    """
    if not re.search(r"\w\.$", main):  # a plain full stop: quotes and questions end differently
        return []
    main_tokens = word_tokens(main)
    main_words = {t.lower() for t in main_tokens}
    subject = _subject(main_tokens)
    other_tokens = word_tokens(other)
    lowered = [t.lower() for t in other_tokens]
    if not other_tokens or other_tokens[-1] != "." or subject is None:
        return []
    last_of_main = main_tokens[-2].lower()
    out = []
    for comma in (k for k, t in enumerate(other_tokens[:-1]) if t == ","):
        tail = other_tokens[comma + 1 : -1]
        opener = tail[0].lower() if tail else ""
        relative = opener in _RELATIVE_OPENERS and comma > 0 and lowered[comma - 1] == last_of_main
        if not (opener in _TAIL_OPENERS or relative) or subject not in lowered[:comma]:
            continue
        words = [t for t in tail if t[0].isalnum()]
        if not ENRICH_TAIL_WORDS[0] <= len(words) <= ENRICH_TAIL_WORDS[1]:
            continue
        if _numbers(tail) & _numbers(main_tokens):  # it restates what main says
            continue
        if adds_content(words, main_words):
            out.append(detokenize([*main_tokens[:-1], ",", *tail, "."]))
    return sorted(out, key=lambda text: (len(text), text))


# An appositive ("Steve Redgrave, a five-time Olympic champion,") or a non-restrictive relative clause
# ("Hasan, who was wounded in the shootout,") that another sentence gives a name: the outlet's
# description of someone, set off by commas, which fits after the same name in any sentence.
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "who", "whose", "his", "her", "their", "its", "aged"})
APPOSITIVE_WORDS = (3, 16)


@dataclass(frozen=True)
class Description:
    """What one sentence says about a name between commas."""

    name: tuple[str, ...]  # the name's tokens, as written
    words: tuple[str, ...]  # the description's tokens, without the commas
    source: SourceSentence
    shared_surname: bool = False  # two people of the cluster have the name's last word


def _name_runs(tokens: Sequence[str], *, lone_first_word: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words, the first word of the sentence alone only with
    `lone_first_word` (a lone capitalised first word is usually not a name)."""
    stops = stop_words("english")
    runs, start = [], None
    for k, token in enumerate([*tokens, "."]):
        capital = token[:1].isupper() and token[0].isalpha() and token.lower() not in stops
        if capital and start is None:
            start = k
        elif not capital and start is not None:
            if start > 0 or k - start > 1 or lone_first_word:
                runs.append((start, k))
            start = None
    return runs


# Words that stand before a surname without being a first name ("Mr Love", "President Obama").
_TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "president", "vice", "prime", "minister",
     "secretary", "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "judge", "justice",
     "detective", "officer", "sgt", "sergeant", "capt", "captain", "major", "gen", "general", "colonel", "col",
     "lt", "chief", "coach", "king", "queen", "prince", "princess", "pope", "rev", "father", "sister", "brother",
     "professor", "prof", "chancellor", "ambassador", "agent", "commissioner", "inspector", "superintendent"}
)  # fmt: skip


def descriptions(sentences: Sequence[SourceSentence]) -> dict[str, list[Description]]:
    """Every appositive or relative clause that follows a name between commas, by the name's last word.

    A last word that two people share in the cluster ("Joe Wethington" and "Mackenzie Wethington")
    is marked: the surname alone would not say whom a description is about.
    """
    found: dict[str, list[Description]] = {}
    given_names: dict[str, set[str]] = {}
    runs_of = [
        (sentence, tokens, _name_runs(tokens)) for sentence in sentences for tokens in [word_tokens(sentence.text)]
    ]
    for _, tokens, runs in runs_of:
        for start, end in runs:
            if end - start >= 2 and tokens[end - 2].lower() not in _TITLE_WORDS:
                given_names.setdefault(tokens[end - 1], set()).add(tokens[end - 2])
    for sentence, tokens, runs in runs_of:
        for start, end in runs:
            shared = len(given_names.get(tokens[end - 1], ())) > 1
            if (shared and end - start < 2) or quote_depth(" ".join(tokens[:end])) > 0:
                continue
            if end + 1 >= len(tokens) or tokens[end] != "," or tokens[end + 1].lower() not in _APPOSITIVE_OPENERS:
                continue
            close = next((k for k in range(end + 1, len(tokens)) if tokens[k] in {",", ".", ";", ":"}), None)
            if close is None or tokens[close] != ",":
                continue  # a description must be closed by a comma: what ends the sentence may be its predicate
            words = tuple(tokens[end + 1 : close])
            relative = words[0].lower() in {"who", "whose"}
            if "of" in (t.lower() for t in tokens[max(start - 2, 0) : start]):
                continue  # "the President of the Conference, the minister,": it describes the President
            opener = _SUBORDINATE_START.match(tokens[0]) or re.match(r"^[A-Z]\w+ing$", tokens[0])
            if opener and "," not in tokens[:end]:
                continue  # the comma closes an opening phrase ("At the Conference, the minister said ...")
            if tokens[close + 1 : close + 2] in (["and"], ["or"]):
                continue  # "Miley Cyrus, a hashtag ..., and Cara Delevingne": items of a list
            if _name_runs(tokens[close + 1 : close + 2], lone_first_word=True):
                continue  # "the minister, Rachmat Witoelar,": the description introduces the name that follows
            if not APPOSITIVE_WORDS[0] <= len(words) <= APPOSITIVE_WORDS[1] or any(
                not quotes_balanced(w) for w in words
            ):
                continue
            if not relative and has_verb(words):
                continue  # "Putin, the president said, ..." is not a description
            name = tuple(tokens[start:end])
            found.setdefault(name[-1], []).append(Description(name, words, sentence, shared))
    return found


def describe(main: str, known: dict[str, list[Description]]) -> list[tuple[str, SourceSentence]]:
    """`main` with another outlet's description of a name it mentions, set after the name's first
    mention, when the description adds content words `main` lacks; shortest first."""
    tokens = word_tokens(main)
    main_words = {t.lower() for t in tokens}
    out: dict[str, SourceSentence] = {}
    met: set[str] = set()
    for start, end in _name_runs(tokens, lone_first_word=True):  # only names described elsewhere count
        last, following = tokens[end - 1], tokens[end] if end < len(tokens) else ""
        first_mention = last not in met  # the first mention is where a reader meets the name
        met.add(_POSSESSIVE.sub("", last))
        if not first_mention or following in {",", "(", "-", ""} or not (following[0].isalnum() or following in ".;"):
            continue  # already described, or inside punctuation
        if quote_depth(" ".join(tokens[:end])) > 0 or following in {"and", "or"}:
            continue  # a quotation stays as it was said; a list item takes no description
        for description in known.get(last, []):
            width = min(len(description.name), end - start)
            if tuple(tokens[end - width : end]) != description.name[-width:] or description.source.text == main:
                continue
            if description.shared_surname and width < 2:
                continue  # "Wethington" alone: the father or the daughter
            if not adds_content(description.words, main_words):
                continue
            closing = [] if following in ".;" else [","]
            text = detokenize([*tokens[:end], ",", *description.words, *closing, *tokens[end:]])
            out.setdefault(text, description.source)
    return sorted(out.items(), key=lambda item: (len(item[0]), item[0]))


# --------------------------------------------------------------------------
# Widening: one phrase of the main sentence in another outlet's fuller wording

WIDEN_RUN_TOKENS = 10  # the longest run taken from the other sentence: a phrase, not a clause


def _inside_quotes(tokens: Sequence[str]) -> list[bool]:
    """For each token, whether a quotation is open where it stands."""
    return [quote_depth(" ".join(tokens[: k + 1])) > 0 for k in range(len(tokens))]


def widen(main: str, other: str) -> list[str]:
    """`main` with the run between two of its anchors replaced by what `other` says between the same
    anchors, when that run keeps every content word of `main`'s run and adds one `main` lacks
    ("up for Best Supporting Actress for August" -> "... for her role in August"); shortest first.

    An anchor is a pair of adjacent words, one of them a content word, found once in each sentence,
    so every three-word window of the result is in one of the two and the two runs stand in the same
    place. Neither run may hold punctuation (a comma can open a clause), a verb, a negation, a hedge,
    or be in a quotation; the new run brings no number `main` lacks (outlets' counts differ). `other`
    must have the subject and the first verb of `main`: it states the same thing, in other words.
    """
    stops = stop_words("english")
    tokens, theirs = word_tokens(main), word_tokens(other)
    lowered, their_lowered = [t.lower() for t in tokens], [t.lower() for t in theirs]
    main_words = {_POSSESSIVE.sub("", t) for t in lowered}
    main_numbers = _numbers(tokens)

    def content(run: Sequence[str]) -> set[str]:
        return {_POSSESSIVE.sub("", t) for t in run if t[0].isalnum() and t not in stops}

    def plain(run: Sequence[str]) -> bool:
        words_only = all(t[0].isalnum() for t in run)
        return words_only and not (has_verb(run) or _negations(run) or _hedges(run))

    def unique_anchors(words: Sequence[str]) -> dict[tuple[str, str], int]:
        """Each adjacent pair with a content word that occurs once, to the index of its second word."""
        pairs = list(pairwise(words))
        counts = Counter(pairs)
        return {pair: k + 1 for k, pair in enumerate(pairs) if counts[pair] == 1 and content(pair)}

    subject, verb = _subject(tokens), _first_verb(tokens)
    if subject is None or subject not in their_lowered or (verb is not None and verb not in their_lowered):
        return []  # not the same statement: a place or time of another event's sentence is not this one's
    mine, their_anchors = unique_anchors(lowered), unique_anchors(their_lowered)
    quoted, their_quoted = _inside_quotes(tokens), _inside_quotes(theirs)
    out: set[str] = set()
    for (left, i), (right, j) in itertools.product(mine.items(), mine.items()):
        p, q = their_anchors.get(left), their_anchors.get(right)
        # The runs lie between the left pair's second word and the right pair's first word.
        if p is None or q is None or not (i < j <= i + WIDEN_RUN_TOKENS) or not (p < q <= p + WIDEN_RUN_TOKENS + 1):
            continue
        old, new = lowered[i + 1 : j - 1], their_lowered[p + 1 : q - 1]
        if new == old or quoted[i] or their_quoted[p] or not content(old) <= content(new):
            continue
        if not content(new) - main_words or not _numbers(new) <= main_numbers:
            continue
        if plain(theirs[p + 1 : q - 1]) and plain(tokens[i + 1 : j - 1]):
            out.add(detokenize([*tokens[: i + 1], *theirs[p + 1 : q - 1], *tokens[j - 1 :]]))
    return sorted(out, key=lambda text: (len(text), text))


# --------------------------------------------------------------------------
# One group: every rewrite of a sentence that passes the guard


def dropped_spans(candidate: Sequence[str], main: Sequence[str]) -> list[list[str]] | None:
    """The runs of `main`'s tokens that `candidate` leaves out, or None when it is not `main` with words dropped."""
    spans: list[list[str]] = []
    run: list[str] = []
    position = 0
    for token in (t.lower() for t in candidate):
        while position < len(main) and main[position].lower() != token:
            run.append(main[position])
            position += 1
        if position == len(main):
            return None
        if run:
            spans.append(run)
            run = []
        position += 1
    if position < len(main):
        spans.append(list(main[position:]))
    return spans


def _contiguous(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    width = len(needle)
    return any(list(haystack[k : k + width]) == list(needle) for k in range(len(haystack) - width + 1))


def _substitution(candidate: Sequence[str], main: Sequence[str], others: Sequence[Sequence[str]]) -> bool:
    """Whether candidate is `main` (words left out, no verb among them) with one run of `main` between two
    content words replaced by what another source says between the same two words, with no verb in either."""
    stops = stop_words("english")
    lowered = [t.lower() for t in candidate]
    main_lowered = [t.lower() for t in main]

    def anchor(token: str) -> bool:
        return token[0].isalnum() and token not in stops

    for i in range(1, len(lowered) - 1):
        if not anchor(lowered[i - 1]):
            continue
        for j in range(i + 1, len(lowered)):
            if not anchor(lowered[j]):
                continue
            inserted = lowered[i:j]
            if has_verb(inserted) or not any(_contiguous(lowered[i - 1 : j + 1], o) for o in others):
                continue
            head_end = next((a for a in range(len(main_lowered)) if main_lowered[a] == lowered[i - 1]
                             and dropped_spans(lowered[:i], main_lowered[: a + 1]) is not None), None)  # fmt: skip
            head = dropped_spans(lowered[:i], main_lowered[: head_end + 1]) if head_end is not None else None
            if head_end is None or head is None or any(has_verb(span) for span in head):
                continue
            for b in range(len(main_lowered) - 1, head_end + 1, -1):
                if main_lowered[b] != lowered[j] or has_verb(main_lowered[head_end + 1 : b]):
                    continue
                tail = dropped_spans(lowered[j:], main_lowered[b:])
                if tail is not None and not any(has_verb(span) for span in tail):
                    return True
    return False


def _structure_reason(candidate: str, main: str, others: Sequence[str] = ()) -> str | None:
    """A word-graph fusion keeps the main sentence's structure: it leaves out words (never a verb) and
    at most swaps one run between two content words for another outlet's wording of it.

    The graph can jump between two mentions of one word ("they were in [Iranian waters while
    the UK insists they were operating] in Iraqi waters") and reverse what the sentence says;
    a dropped run with a verb in it is such a jump, or a clause that changes the meaning. A
    swap needs content words on both sides, so nothing is tacked onto the end ("won stage 13
    of the Tour de France [general classification]").
    """
    tokens, main_tokens = word_tokens(candidate), word_tokens(main)
    spans = dropped_spans(tokens, main_tokens)
    if spans is not None:
        return "leaves out a verb" if any(has_verb(span) for span in spans) else None
    if _substitution(tokens, main_tokens, [[t.lower() for t in word_tokens(o)] for o in others]):
        return None
    return "not the main sentence with words left out or one wording swapped"


def _grammar_reason(candidate: str, sources: Sequence[str], model: TrigramModel | None) -> str | None:
    """Link Grammar's verdict where installed (it must parse completely, subjects as in one source), else the trigram model's."""
    parser = link_parser()
    if parser is not None:
        parse = parser.parse(candidate)
        if parse is None:
            return "does not parse"
        if not subjects_from_one_source(parse, [[t.lower() for t in word_tokens(s)] for s in sources]):
            return "subject and verb from different sources"
        return None
    if not subject_and_verb_from_one_source(candidate, sources):
        return "subject and verb from different sources"
    if model is not None and model.per_token(candidate) < max(model.per_token(s) for s in sources):
        return "reads worse than its best source"
    return None


def grammar_check_name() -> str:
    """The grammar check this process applies to rewrites (for the digest's stats)."""
    parser = link_parser()
    return parser.name if parser is not None else "trigram model of the cluster"


def rewrite_alternatives(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    *,
    stats: FusionStats | None = None,
    compress_over: int = 28,
    model: TrigramModel | None = None,
    accept: Callable[[str, Sequence[SourceSentence]], bool] | None = None,
    rules: bool = True,
    rewriter: Callable[[Sequence[str]], Sequence[str]] | None = None,
    known: dict[str, list[Description]] | None = None,
) -> list[Rewrite]:
    """Rewrites that may stand for `main` in the selection: at most one fusion, one enrichment, one
    description of a name from `known` (see `descriptions`), one compression (`rules`), and one
    sentence written by `rewriter` (a local model: the group's texts in, sentences out).

    Each must pass the guard, keep every number of `main`, pass the grammar
    check (see _grammar_reason), and satisfy `accept(text, replaced)`: the
    caller's check of information per word against the sentences it replaces.
    """
    stats = stats or FusionStats()
    accept = accept or (lambda text, replaced: True)
    group = [main, *others]
    texts = [s.text for s in group]
    main_numbers = _numbers(word_tokens(main.text))
    found: list[Rewrite] = []

    def reason_against(
        candidate: str, sources: Sequence[SourceSentence], *, fused: bool, replaces: int | None = None
    ) -> str | None:
        """Why `candidate` may not stand for the first `replaces` of `sources` (all of them by default)."""
        source_texts = [s.text for s in sources]
        reason = guard(candidate, source_texts, main=main.text, fused=fused)
        if reason is None and not main_numbers <= _numbers(word_tokens(candidate)):
            reason = "drops a number of the main sentence"
        if reason is None:
            reason = _grammar_reason(candidate, source_texts, model)
        if reason is None and not accept(candidate, sources[:replaces]):
            reason = "less information per word than the sentences it replaces"
        return reason

    if rewriter is not None:
        found += _model_rewrite(rewriter, group, stats, reason_against)
    if not rules:
        return found
    if others:
        stats.groups += 1
        total = sum(len(t.split()) for t in texts)
        for candidate in fuse(texts)[:25]:
            if len(candidate.split()) >= total:
                continue
            reason = _structure_reason(candidate, main.text, [o.text for o in others]) or reason_against(
                candidate, group, fused=True
            )
            if reason is None:
                stats.fused += 1
                found.append(Rewrite(candidate, "fused", tuple((s.document, s.index) for s in group)))
                break
            stats.note(reason)
        else:
            stats.fallbacks += 1
        enriched = None
        for other in others:
            pair = [main, other]
            for candidate in enrich(main.text, other.text):
                reason = reason_against(candidate, pair, fused=False)
                if reason is None:
                    enriched = Rewrite(candidate, "fused", ((main.document, main.index), (other.document, other.index)))
                    break
                stats.note(f"enrichment: {reason}")
            if enriched is not None:
                stats.enriched += 1
                found.append(enriched)
                break
        found += _widening(main, others, stats, reason_against)
    for candidate, source in describe(main.text, known or {}):
        # It takes a phrase of `source`, not its statement: it must be as dense as `main` alone.
        reason = reason_against(candidate, [main, source], fused=False, replaces=1)
        if reason is None:
            stats.described += 1
            found.append(Rewrite(candidate, "fused", ((main.document, main.index), (source.document, source.index))))
            break
        stats.note(f"description: {reason}")
    if len(main.text.split()) > compress_over:
        shorter = compress(main.text)
        if shorter != main.text and guard(shorter, [main.text], main=main.text) is None and accept(shorter, [main]):
            stats.compressed += 1
            found.append(Rewrite(shorter, "compressed", ((main.document, main.index),)))
    return found


def _new_verb(candidate: str, main: str) -> str | None:
    """Why not, when the parser reads a verb `main` lacks in `candidate` ("did not release [or confirm]
    the names"): the word tests in `widen` miss verbs without a telltale ending."""
    parser = link_parser()
    parse = parser.parse(candidate) if parser is not None else None
    if parse is None:
        return None
    main_words = {t.lower() for t in word_tokens(main)}
    new = [verb for verb in parse.verbs if verb not in main_words]
    return f"adds a verb: {new[0]}" if new else None


def _widening(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The shortest widening of `main` by one of `others` (see `widen`) that passes every check."""
    for other in others:
        for candidate in widen(main.text, other.text):
            # It takes a phrase of `other`, not its statement: it must be as dense as `main` alone.
            reason = reason_against(candidate, [main, other], fused=True, replaces=1) or _new_verb(candidate, main.text)
            if reason is None:
                stats.widened += 1
                return [Rewrite(candidate, "fused", ((main.document, main.index), (other.document, other.index)))]
            stats.note(f"widening: {reason}")
    return []


def _model_rewrite(
    rewriter: Callable[[Sequence[str]], Sequence[str]],
    group: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The first sentence the model writes for the group that passes every check, and is not a copy of a
    source (a copy adds nothing the original does not already offer the selection)."""
    texts = {" ".join(s.text.split()) for s in group}
    for sentence in rewriter([s.text for s in group]):
        sentence = " ".join(sentence.split())
        if not sentence or sentence in texts:
            continue
        stats.model_written += 1
        # A model paraphrases: its words need not run in the sources' order (fused=False), but
        # names, numbers, negations, hedges, the subject and the grammar are checked as for a fusion.
        reason = reason_against(sentence, group, fused=False)
        if reason is None:
            stats.model_passed += 1
            return [Rewrite(sentence, "neural", tuple((s.document, s.index) for s in group))]
        stats.note(f"model: {reason}")
    return []
