"""Daily digest: a day's articles grouped into stories, ranked, each summarised.

Every article is cleaned and split into sentences once; the same sentence
units feed the grouping (`grouping.py`) and each story's digest. On a large
day the units wait on disk (a spill file per chunk of articles) between the
two, so the main process holds only what grouping needs. Copies (syndicated
articles) count once. Stories are ranked by the number of distinct outlets
that cover them, then by size, then by recency.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ..checks import check_count
from ..core.options import DigestOptions
from ..core.pipeline import Prepared, summary_of_left_out
from ..core.result import Digest
from ..core.segment import input_language
from ..documents import JSON_SCHEMA_VERSION, CleanDocument, Document, EarlierStory, Unit
from ..parallel import Stages, no_stages
from ..sources.ingest import safe_documents
from ..text import content_terms, counted, tokenize
from .continuing import continued
from .explain import explain_groups
from .grouping import (
    ArticleTerms,
    ArticleVectors,
    Grouping,
    give_back_freed_memory,
    group_terms,
    grouping_by_vectors,
    grouping_vectors,
)
from .headlines import choose_headline
from .incremental import (
    DayPieces,
    DayState,
    KeptRow,
    KeptUnits,
    StoredOf,
    earlier_run_vectors,
    encode_prepared,
    grouping_on_kept_edges,
    neighbour_rows,
    preparation_key,
)
from .options import DailyOptions, GroupingOptions
from .preparation import (
    ArticleUnits,
    grouping_terms,
    loaded,
    prepare_day,
    spill_folder,
    spilled_texts,
    unit_count,
)
from .ranking import Candidate, rank_stories
from .scaleout import DayOnCluster, prepared_day, scales_out
from .story_jobs import StoryJob, digests, renumbered, told_units

__all__ = ["DailyDigest", "Story", "daily", "group_articles", "prepare_day"]

if TYPE_CHECKING:
    from ..sources.labels import LabelMap

# A continuing story's reader read yesterday's digest: a sentence as close to one of its sentences as two
# sentences stating one fact (cosine at the redundancy threshold) is a restatement and is left out.
CONTINUING_SEEN_WEIGHT = 1.0


@dataclass(frozen=True)
class Story:
    headline: str
    documents: tuple[str, ...]  # every article of the story, in input order
    duplicates: dict[str, str]  # copy id -> the article it copies
    sources: tuple[str, ...]  # distinct outlets (copies count once)
    latest: str | None
    digest: Digest
    story_id: str | None = None  # stable across days when the archive is used
    since: str | None = None  # a continuing story: the day of its last digest; this one tells what is new
    timeline: tuple[dict[str, Any], ...] = ()  # per day: articles that joined and that day's headline
    # With `daily --explain` (DailyOptions.explain), why the grouping made the story (stories.explain):
    # {"links": [{"articles": [id, id], "similarity", "needed", "days_apart", "shared": [terms]}] (the strongest
    # links that hold it, strongest first), "by_centroid": [{"article", "similarity"}] (articles joined by the
    # centroid step), "nearest": null, or for a single article {"article", "story" (its number in the day, or
    # null), "similarity", "needed", "days_apart", "shared", "reason", and "before_days" (the similarity before
    # days apart lowered it) or "average" and "average_needed" (its average with that story's articles as the
    # linkage weighs them, each pair's quiet bonus added, and the cut) when they apply}. In the JSON only then.
    why: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "since": self.since,
            "timeline": [dict(day) for day in self.timeline],
            "headline": self.headline,
            "sentences": [s.to_dict() for s in self.digest.sentences],
            "documents": list(self.documents),
            "sources": list(self.sources),
            "duplicates": dict(self.duplicates),
            "latest": self.latest,
            "words": self.digest.word_count,
            **self.digest.differences_dict(),
            **({"why": self.why} if self.why is not None else {}),
        }


@dataclass(frozen=True)
class DailyDigest:
    stories: tuple[Story, ...]
    date: str | None
    options: DigestOptions
    grouping: GroupingOptions
    dropped_singletons: int = 0
    skipped_by_date: int = 0
    notes: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()  # articles with no text after cleaning
    documents: dict[str, dict[str, str | None]] = field(default_factory=dict)  # id -> title, url (for pages)
    terms: dict[str, ArticleTerms] = field(default_factory=dict, repr=False)  # id -> what the archive keeps
    settings: DailyOptions | None = None  # every setting that made it (the JSON's "settings" are its parts)
    most_outlets: int = 0  # the most distinct outlets a story had, before --min-sources left any out
    state: DayState | None = field(default=None, repr=False)  # with `pieces`: what the next run of the day needs

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON contract of `summarizer daily --format json`."""
        return {
            "schema": JSON_SCHEMA_VERSION,
            "date": self.date,
            "stories": [story.to_dict() for story in self.stories],
            "settings": {"digest": self.options.to_dict(), "grouping": asdict(self.grouping)},
            "dropped_singletons": self.dropped_singletons,
            "skipped_by_date": self.skipped_by_date,
            "notes": list(self.notes),
            "left_out": list(self.left_out),
            "stats": self.stats,
        }


def group(
    prepared: Prepared, grouping: GroupingOptions, per_article: Sequence[Sequence[Unit]] | None = None
) -> tuple[list[list[int]], ArticleVectors, list[ArticleTerms]]:
    """Groups of article indices (into prepared.documents), the article vectors and their terms."""
    per_article = units_by_article(prepared) if per_article is None else per_article
    terms = grouping_terms(prepared.cleaned, per_article, prepared.language)
    groups, vectors = group_terms(terms, grouping)
    return groups, vectors, terms


def units_by_article(prepared: Prepared) -> list[list[Unit]]:
    """Each article's sentence units, in order (one pass, so that picking a story's is not a scan of all)."""
    per_article: list[list[Unit]] = [[] for _ in prepared.documents]
    for unit in prepared.units:
        per_article[unit.doc_order].append(unit)
    return per_article


def story_prepared(
    prepared: Prepared, members: Sequence[int], per_article: Sequence[Sequence[Unit]] | None = None
) -> Prepared:
    """The articles of one story, numbered from 0, ready for summarize_prepared."""
    per_article = units_by_article(prepared) if per_article is None else per_article
    units = renumbered(per_article[i] for i in members)
    return Prepared(tuple(prepared.documents[i] for i in members), tuple(prepared.cleaned[i] for i in members),
                    units, prepared.language)  # fmt: skip


# From this much text a day's sentence units are spilled to disk between cleaning and summarising (about
# 5,000 articles; below it they take a few hundred MB at most and stay in memory), and the story digests run in
# fresh worker processes (forked, each would carry a copy of the main process: the day's documents and vectors).
SPILL_MIN_CHARACTERS = 20_000_000


def of_day(documents: Sequence[Document], day: str | None) -> list[Document]:
    """The articles of `day` (YYYY-MM-DD) and the undated ones; every one without a day."""
    return [d for d in documents if not d.date or d.date[:10] == day] if day else list(documents)


def daily(
    documents: Sequence[Document],
    *,
    options: DailyOptions | None = None,
    jobs: int | None = None,
    stages: Stages = no_stages,
    scheduler: str | None = None,
    history: Sequence[EarlierStory] = (),
    context: Sequence[ArticleTerms] = (),
    keep_terms: bool = False,
    labels: LabelMap | None = None,
    pieces: DayPieces | None = None,
    **overrides: Any,
) -> DailyDigest:
    """A day's articles as ranked stories, each with its own digest.

    `options` (DailyOptions) hold every setting; keyword `overrides` of its fields (`stories=5`,
    `digest=DigestOptions(...)`) are a convenience that builds them. With a Dask `scheduler` address the
    per-article and per-story work runs on that cluster; the result is byte-identical to a local run.
    `history` are stories of earlier days (from the archive): a group of today's articles that reports the
    same event continues that story, and its digest tells only what its earlier digests did not. `context`
    are the grouping terms of earlier days' articles (the archive's latest): the learned vectors are learned
    from them too, so a small day can reach GroupingOptions.learn_from. `keep_terms` keeps each article's
    grouping terms in the result, for the archive (with `pieces`, those of the articles prepared in this run).
    `labels` (outlet labels, summarizer.differences.read_labels) give each story its coverage by label.
    `pieces`: the archive's day so far, which the run goes on from (see stories.incremental); the result's
    `state` is what the next run of the day needs.
    """
    settings = (options or DailyOptions()).with_overrides(**overrides)
    check_count("jobs", jobs)
    documents = safe_documents(documents)  # a caller's, as files' are: no control character, no lone surrogate
    kept = of_day(documents, settings.date)
    digest_options = _with_language(settings.story_options(), kept)
    large = sum(len(d.text) for d in kept) >= SPILL_MIN_CHARACTERS
    with spill_folder() if large else contextlib.nullcontext() as spill:
        on_cluster = scales_out(scheduler, settings, pieces, bool(history) or keep_terms)  # stories.scaleout
        day = _DayArticles.prepare(kept, digest_options.language, jobs=jobs, stages=stages, scheduler=scheduler,
                                   spill=spill, pieces=pieces, on_cluster=on_cluster)  # fmt: skip
        skipped_by_date, documents, kept = len(documents) - len(kept), [], []  # the articles go (their text: below)
        read_back = day.let_go_of_what_jobs_read_back(pieces, spill, explain=settings.explain)
        advance = stages("grouping articles into stories", 1)
        kept_terms = day.terms_to_keep(pieces) if keep_terms else {}
        grouping, state = _grouping(day, settings, context, pieces, jobs=jobs, scheduler=scheduler,
                                    terms_after=bool(history))  # fmt: skip
        groups, vectors, explained = grouping.groups, grouping.vectors, grouping if settings.explain else None
        del grouping  # the graph is kept only to explain it
        learned_from, unlearned = _learned_from(vectors, len(day.documents), len(context), settings.grouping)
        groups, continues = continued(groups, day.terms, history)
        if state is not None:  # every group, before singletons are left out
            state.groups = [tuple(day.documents[i].id for i in members) for members in groups]
        day.terms = []
        advance(1)
        shown = groups if settings.keep_singletons else [g for g in groups if len(g) > 1 or g[0] in continues]
        ranked, few_sources, most_outlets = rank_stories(shown, vectors, day.documents, day.cleaned, settings)
        work = _story_jobs(ranked, day, continues, digest_options)
        with contextlib.closing(digests(work, [c[0] for c in ranked], day.documents, continues, pieces, state,
                                        jobs=jobs, stages=stages, scheduler=scheduler, fresh=large,
                                        read_back=read_back)) as made:  # fmt: skip
            result = [_story(candidate, *story, day, vectors, continues) for candidate, story in zip(ranked, made)]
        if explained is not None:
            result = _explained(result, explained, [c[0] for c in ranked], day, digest_options.language)
        if labels is not None:
            result = _with_coverage(result, day, labels)
        return DailyDigest(
            stories=tuple(result),
            date=settings.date,
            options=digest_options,
            grouping=settings.grouping,
            dropped_singletons=len(groups) - len(shown),
            skipped_by_date=skipped_by_date,
            notes=_day_notes(day.left_out, few_sources, most_outlets, settings) + unlearned,
            left_out=day.left_out,
            stats={"articles": len(day.documents), "stories_found": len(groups), "learned_from": learned_from},
            documents={d.id: {"title": d.title, "url": d.url} for d in day.documents},
            terms=kept_terms,
            settings=settings,
            most_outlets=most_outlets,
            state=state,
        )


def _with_coverage(stories: Sequence[Story], day: _DayArticles, labels: LabelMap) -> list[Story]:
    """The stories, each digest with its coverage by outlet label."""
    from ..differences import coverage_of

    by_id = {d.id: replace(d, source=c.source or d.source) for d, c in zip(day.documents, day.cleaned)}
    return [replace(s, digest=replace(s.digest, coverage=coverage_of([by_id[i] for i in s.documents], labels)))
            for s in stories]  # fmt: skip


def _grouping(
    day: _DayArticles,
    settings: DailyOptions,
    context: Sequence[ArticleTerms],
    pieces: DayPieces | None,
    *,
    jobs: int | None,
    scheduler: str | None,
    terms_after: bool = True,
) -> tuple[Grouping, DayState | None]:
    """The day's grouping: from scratch, or with `pieces` of earlier runs on their kept edges; and then
    what the next run needs (each article's kept edges; its group comes once the groups are final).
    Unless `terms_after`, the day's terms are dropped once the vectors are made (hundreds of MB on a large day,
    while the neighbour search and the centroid step need as much again)."""
    ids = [d.id for d in day.documents]
    if pieces is not None and pieces.groups and not settings.explain:
        index = {doc_id: i for i, doc_id in enumerate(ids)}
        kept = [_kept_row(pieces.neighbours.pop(doc_id, None), index) for doc_id in ids]  # taken: read once
        vectors, learn = earlier_run_vectors(day.terms, settings.grouping, context=context)
        if not terms_after:
            day.terms = []  # as below: their memory back before the search and the centroid step
            give_back_freed_memory()
        grouping = grouping_on_kept_edges(vectors, kept, settings.grouping, learn=learn)
        del vectors, kept
    elif day.on_cluster is not None:  # the terms, vectors and neighbour search stay on the cluster (scaleout)
        grouping = day.on_cluster.grouping(settings.grouping)
    else:
        vectors = grouping_vectors(day.terms, settings.grouping, context=context, vocabulary=settings.explain)
        if not terms_after:
            day.terms = []  # grouping_by_vectors gives their memory back to the system first
        grouping = grouping_by_vectors(vectors, settings.grouping, jobs=jobs, scheduler=scheduler)
        del vectors
    if pieces is None:
        return grouping, None
    neighbours = dict(zip(ids, neighbour_rows(grouping.graph)))
    return grouping, DayState(neighbours=neighbours, ids=ids, prepared=day.fresh)


def _kept_row(edges: tuple[tuple[str, float], ...] | None, index: dict[str, int]) -> KeptRow | None:
    """An article's kept edges as indices into the day (an edge to an article no longer in it dropped)."""
    if edges is None:
        return None
    found = [(index[other], similarity) for other, similarity in edges if other in index]
    return np.array([c for c, _ in found], dtype=np.int64), np.array([s for _, s in found], dtype=float)


def _day_notes(left_out: Sequence[str], few_sources: int, most_outlets: int, settings: DailyOptions) -> tuple[str, ...]:
    """The notes on articles with no text and on the stories --min-sources left out."""
    notes = [summary_of_left_out(left_out)] if left_out else []
    if few_sources:
        notes.append(f"{counted(few_sources, 'story', 'stories')} covered by fewer than {settings.min_sources} "
                     f"outlets left out (--min-sources; the most any story had: {most_outlets})")  # fmt: skip
    return tuple(notes)


def _learned_from(
    vectors: ArticleVectors, articles: int, archived: int, grouping: GroupingOptions
) -> tuple[int, tuple[str, ...]]:
    """How many articles the learned vectors were learned from (their terms: the day's and the archive's), and the
    note saying why there are none where they were asked for."""
    learned_from = articles + archived if vectors.learned is not None else 0
    asked = grouping.learned > 0 and not learned_from
    return learned_from, (_words_only_note(articles, archived, grouping),) if asked else ()


def _explained(
    stories: list[Story], grouping: Grouping, members: Sequence[Sequence[int]], day: _DayArticles, language: str
) -> list[Story]:
    """The stories, each with why its articles were joined (--explain)."""
    whys = explain_groups(grouping, members, [d.id for d in day.documents], _written_words(day, language))
    return [replace(story, why=why) for story, why in zip(stories, whys)]


def _words_only_note(articles: int, archived: int, grouping: GroupingOptions) -> str:
    had = f"the day had {articles} and the archive {archived}" if archived else f"the day had {articles}"
    return f"grouped by words only: learned vectors need {grouping.learn_from} articles to learn from (--learn-from); {had}"


def _with_language(options: DigestOptions, documents: Sequence[Document]) -> DigestOptions:
    """The options with the day's language in place of "auto" (the articles' own, else detected on the first)."""
    language = input_language(documents, options.language, articles=200, characters=2000) if documents else "english"
    return replace(options, language=options.language if options.language != "auto" else language)


@dataclass
class _DayArticles:
    """The day's articles with text, cleaned and split once: each one's units (or where they were spilled)
    and grouping terms (dropped once grouped), and the ids of the articles left out (no text)."""

    documents: list[Document]
    cleaned: list[CleanDocument]
    units: list[ArticleUnits]
    terms: list[ArticleTerms]
    left_out: tuple[str, ...]
    fresh: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # with pieces: id -> (key, kept form)
    on_cluster: DayOnCluster | None = None  # the day's terms left on a cluster (scaleout): `terms` stand for them

    @classmethod
    def prepare(cls, documents: Sequence[Document], language: str, *, jobs: int | None, stages: Stages,
                scheduler: str | None, spill: str | None, pieces: DayPieces | None = None,
                on_cluster: bool = False) -> _DayArticles:  # fmt: skip
        kept = [pieces.kept_form(d, language) for d in documents] if pieces is not None else [None] * len(documents)
        if pieces is not None:
            pieces.prepared.clear()  # read once: what is used now lives in `kept` (their terms go once grouped)
        missing = [d for d, form in zip(documents, kept) if form is None]
        made, terms_there = prepared_day(missing, language=language, jobs=jobs, stages=stages, scheduler=scheduler,
                                         spill_directory=spill, on_cluster=on_cluster)  # fmt: skip
        fresh = {d.id: (preparation_key(d.language or language), encode_prepared(c, loaded(u)))
                 for d, (c, u, _) in zip(missing, made)} if pieces is not None else {}  # fmt: skip
        made_in_order = iter(made)
        articles = [form if form is not None else next(made_in_order) for form in kept]
        del made, kept
        has_text = [unit_count(units) > 0 for _, units, _ in articles]
        usable = [(d, *article) for d, article, kept in zip(documents, articles, has_text) if kept]
        del articles  # from here on the grouping terms are all that is left of it (and only while needed)
        return cls([d for d, _, _, _ in usable], [c for _, c, _, _ in usable], [u for _, _, u, _ in usable],
                   [t for _, _, _, t in usable], tuple(d.id for d, kept in zip(documents, has_text) if not kept),
                   fresh, terms_there)  # fmt: skip

    def let_go_of_what_jobs_read_back(self, pieces: DayPieces | None, spill: str | None, *,
                                      explain: bool) -> StoredOf | None:  # fmt: skip
        """What the articles need only in their stories' jobs, let go of once they are prepared, and the reader that
        gives it back (story_jobs): with an archive's day (`pieces` that read stored articles back) their text and
        kept units; on a large day (a `spill` folder) their text, written there first."""
        if pieces is not None and pieces.stored_of is not None:
            read_back = pieces.stored_of
            if not explain:  # an explanation reads the words of the articles' sentences here
                self.units = [replace(u, blob=b"") if isinstance(u, KeptUnits) else u for u in self.units]
        elif spill is not None:
            read_back = spilled_texts(self.documents, spill)
        else:
            return None
        self.documents = [replace(d, text="") for d in self.documents]
        give_back_freed_memory()  # else the grouping's arrays come on top of what was freed here
        return read_back

    def terms_to_keep(self, pieces: DayPieces | None) -> dict[str, ArticleTerms]:
        """Each article's grouping terms for the archive: with `pieces`, only the newly prepared ones' (the archive
        has the others')."""
        return {d.id: t for d, t in zip(self.documents, self.terms) if pieces is None or d.id in self.fresh}


def _written_words(day: _DayArticles, language: str) -> Callable[[int, str], str]:
    """How an article writes a stemmed term (its first word with that stem in its title or sentences; else the
    term): explanations show words, not stems."""
    written: dict[int, dict[str, str]] = {}

    def words(article: int, term: str) -> str:
        if article not in written:
            tongue = day.documents[article].language or language
            texts = [day.cleaned[article].title or "", *(u.text for u in loaded(day.units[article]))]
            found: dict[str, str] = {}
            for token in (t for text in texts for t in tokenize(text)):
                for stem in content_terms([token], language=tongue):
                    found.setdefault(stem, token)
            written[article] = found
        return written[article].get(term, term)

    return words


def _story_jobs(
    ranked: Sequence[Candidate], day: _DayArticles, continues: dict[int, EarlierStory], options: DigestOptions
) -> list[StoryJob]:
    """Each story's work for a worker, in the language most of its articles are in (their feeds' languages, else
    the day's); a continuing story's digest leaves out what its earlier digests said."""
    jobs: list[StoryJob] = []
    for members, *_ in ranked:
        languages = Counter(day.documents[i].language or options.language for i in members)
        language = max(languages, key=lambda name: languages[name])  # a tie: the first article's
        earlier = continues.get(members[0])
        story = replace(
            options, language=language, seen_weight=CONTINUING_SEEN_WEIGHT if earlier else options.seen_weight
        )
        told = told_units(earlier.told, language) if earlier else ()
        jobs.append((tuple(day.documents[i] for i in members), tuple(day.cleaned[i] for i in members),
                     tuple(day.units[i] for i in members), language, story, told, None))  # fmt: skip
    return jobs


def _story(
    candidate: Candidate, digest: Digest, headline: str | None, day: _DayArticles, vectors: ArticleVectors,
    continues: dict[int, EarlierStory],
) -> Story:  # fmt: skip
    members, copies, _originals, outlets, latest = candidate
    lead = digest.sentences[0].text if digest.sentences else None
    earlier = continues.get(members[0])
    return Story(
        headline=headline or choose_headline(members, day.cleaned, vectors.body, lead),
        documents=tuple(day.documents[i].id for i in members),
        duplicates={day.documents[c].id: day.documents[o].id for c, o in sorted(copies.items())},
        sources=outlets,
        latest=latest,
        digest=digest,
        story_id=earlier.story_id if earlier else None,
        since=(earlier.last_digest_day or earlier.last_day) if earlier else None,
    )


def group_articles(
    documents: Sequence[Document],
    *,
    grouping: GroupingOptions | None = None,
    language: str = "english",
    jobs: int | None = None,
) -> list[list[int]]:
    """The stories of a pile of articles as `daily` groups them, without summarising them: groups of indices
    into `documents`, each in input order. Articles with no text after cleaning are in no group."""
    grouping = grouping or GroupingOptions()
    articles = prepare_day(documents, language=language, jobs=jobs)
    with_text = [i for i, (_, units, _) in enumerate(articles) if unit_count(units) > 0]
    groups, _ = group_terms([articles[i][2] for i in with_text], grouping)
    return [[with_text[member] for member in members] for members in groups]
