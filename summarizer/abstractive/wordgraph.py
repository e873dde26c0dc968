"""Word-graph fusion and compression.

Fusion is multi-sentence compression over a word graph (Filippova 2010): the sentences that state one fact
are merged into a directed graph of words, where a word shared by several sentences becomes one node;
short, heavily travelled paths from start to end are candidate sentences. Candidates are reranked by how
many of the group's keyphrases they keep (Boudin & Morin 2013; keyphrase scores from PageRank over the
words' co-occurrence graph). The graphs are built with networkx. Compression drops attributions
("..., officials said") and parentheticals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice, pairwise

import networkx as nx

from ..text import stop_words
from .words import detokenize, has_verb, word_tokens

__all__ = ["compress", "fuse"]


_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:(?:he|she|they|it|officials?|police|experts?|analysts?|sources?|the \w+(?: \w+)?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
    r"\s+(?:said|says|told [\w ]{1,30}?|added|noted|wrote|explained|reported|announced|stated))"
    r"(?:\s+(?:on|in|at)\s+[\w ]{1,25}?)?(?=[.!?][\"”’']*$)"
)
_ATTRIBUTION_HEAD = re.compile(
    r"^(?:according to [^,]{3,60}|[A-Z][^,]{2,60} (?:said|says|told reporters))(?:,| that)\s+", re.I
)
_PARENTHETICAL = re.compile(r"\s*\((?![^()]*\d{4})[^()]{2,80}\)")


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
