"""The one parallel map: local processes and a real Dask LocalCluster give identical results."""

import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from summarizer import Document, OptionsError
from summarizer.parallel import parallel_map

ROOT = Path(__file__).resolve().parents[1]


def _square(number: int) -> int:
    return number * number


def test_results_come_back_in_order_whatever_the_jobs():
    items = list(range(50))
    assert parallel_map(_square, items, jobs=1) == parallel_map(_square, items, jobs=2) == [i * i for i in items]


def test_progress_counts_every_item():
    done = []
    parallel_map(_square, list(range(7)), jobs=2, progress=done.append)
    assert sum(done) == 7


def _fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three is not allowed")
    return number


def _die_on_three(number: int) -> int:
    if number == 3:
        os._exit(9)  # a worker killed mid-chunk (out of memory, say)
    return number


def test_a_workers_error_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="three is not allowed"):
        parallel_map(_fail_on_three, list(range(10)), jobs=2)


def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended unexpectedly"):
        parallel_map(_die_on_three, list(range(10)), jobs=2)


INTERRUPTED_WITH_LARGE_RESULTS = """
import sys
from summarizer.parallel import parallel_map

def large(number):
    return "x" * 8_000_000

def interrupt(done):
    raise KeyboardInterrupt

try:
    parallel_map(large, list(range(40)), jobs=2, chunksize=1, progress=interrupt)
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_an_interrupt_while_workers_send_large_results_ends_at_once(tmp_path):
    # multiprocessing's Pool hung here in 3 of 20 runs: a worker ended mid-write kept the result queue's lock.
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED_WITH_LARGE_RESULTS)
    for _ in range(8):
        finished = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
        assert finished.returncode == 130, finished.stderr.decode()


ORPHANED = """
import os, sys, time
from summarizer.parallel import parallel_map

def slow(number):
    open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
    time.sleep(0.2)
    return "x" * 1_000_000

if __name__ == "__main__":
    parallel_map(slow, list(range(500)), jobs=2, chunksize=1)
"""


def _running(pid: int) -> bool:
    try:
        return "\tZ" not in Path(f"/proc/{pid}/status").read_text().split("State:")[1].splitlines()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process states from /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    script, pids = tmp_path / "orphaned.py", tmp_path / "pids"
    script.write_text(ORPHANED)
    pids.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(pids)], env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(path.name) for path in pids.iterdir()]
    parent.kill()  # SIGKILL: no clean-up runs in the parent
    parent.wait()
    assert len(workers) == 2
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)


def test_an_unreachable_scheduler_is_one_clear_error():
    pytest.importorskip("distributed")
    with pytest.raises(OptionsError, match="cannot reach the Dask scheduler"):
        parallel_map(_square, [1, 2], scheduler="tcp://127.0.0.1:9")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:  # fmt: skip
        yield local.scheduler_address


def test_a_local_cluster_gives_the_same_results(cluster):
    assert parallel_map(_square, list(range(20)), scheduler=cluster) == [i * i for i in range(20)]
    # More items than are out at a time (4 a thread); each one sent and received through the hooks, in order.
    sent: list[int] = []
    received = parallel_map(_square, list(range(20)), scheduler=cluster, send=lambda i: sent.append(i) or i + 1,
                            receive=lambda r: -r)  # fmt: skip
    assert received == [-((i + 1) ** 2) for i in range(20)] and sent == list(range(20))


def test_daily_on_a_cluster_is_byte_identical_to_a_local_run(cluster, seed_documents, monkeypatch):
    from summarizer import daily

    daily_module = importlib.import_module("summarizer.stories.daily")  # the module, not the function

    bridge = [
        Document(id="bridge-a", source="City Paper", text="The harbor bridge reopened on Monday after two years of "
                 "repairs. The mayor cut the ribbon at dawn."),
        Document(id="bridge-b", source="Metro News", text="After two years of repair work, the harbor bridge is "
                 "open again. Mayor Lee cut a ribbon on Monday morning."),
    ]  # fmt: skip
    pile = [*seed_documents, *bridge]
    local = json.dumps(daily(pile, jobs=2).to_dict(), sort_keys=True)
    remote = json.dumps(daily(pile, scheduler=cluster).to_dict(), sort_keys=True)
    assert local == remote
    # A large day: the units the cluster returns are written to this machine's disk, and read back for each
    # story's job as it is sent (the client does not hold the day's units).
    # They come back pickled (never objects here) and go out to the story jobs as they lie on disk.
    scaleout = importlib.import_module("summarizer.stories.scaleout")
    written: list[tuple] = []
    unpacked = scaleout.unpacked
    monkeypatch.setattr(scaleout, "unpacked", lambda chunk, path: written.append(chunk) or unpacked(chunk, path))
    monkeypatch.setattr(daily_module, "SPILL_MIN_CHARACTERS", 0)
    spilled = json.dumps(daily(pile, scheduler=cluster).to_dict(), sort_keys=True)
    assert spilled == local and written  # written here, by the client
    # What the client received of each chunk: the units as one blob of bytes, and no article's terms.
    assert all(
        isinstance(chunk[2], bytes) and all(t == scaleout.TERMS_ON_CLUSTER for t in chunk[1]) for chunk in written
    )
    # The grouping on the client when it must see the terms (learned vectors): the same day through prepare_day.
    from summarizer.stories.options import GroupingOptions

    learning = GroupingOptions(learned=0.8, learn_from=1)
    learned = json.dumps(daily(pile, jobs=2, grouping=learning).to_dict(), sort_keys=True)
    assert json.dumps(daily(pile, scheduler=cluster, grouping=learning).to_dict(), sort_keys=True) == learned


def test_compare_on_a_cluster_matches_local(cluster, seeds_dir):
    from summarizer.comparisons.compare import compare, rouge_settings
    from summarizer.comparisons.datasets import DEFAULT_SETTINGS, Cluster
    from summarizer.documents import Budget
    from summarizer.sources.ingest import load_paths

    documents = tuple(load_paths([str(seeds_dir)]).documents)
    clusters = [
        Cluster(f"C{i}", documents[i : i + 3], ("Putin proposed direct talks with Ukraine.",)) for i in range(3)
    ]
    settings = rouge_settings(DEFAULT_SETTINGS)
    arguments = {"dataset": "seeds", "budget": Budget(words=60), "settings": settings}
    local = compare(clusters, ["textrank", "lead"], jobs=1, **arguments)
    remote = compare(clusters, ["textrank", "lead"], scheduler=cluster, **arguments)
    strip = [{k: v for k, v in row.items() if k != "seconds_per_cluster"} for row in local.rows()]
    assert strip == [{k: v for k, v in row.items() if k != "seconds_per_cluster"} for row in remote.rows()]


def _random_vectors(count: int, seed: int):
    import numpy as np
    import scipy.sparse as sp

    from summarizer.stories.grouping import ArticleVectors

    rng = np.random.default_rng(seed)
    body = sp.csr_matrix(rng.random((count, 60)) * (rng.random((count, 60)) > 0.85))
    body = sp.csr_matrix(sp.diags(1 / np.sqrt(body.multiply(body).sum(axis=1).A.ravel() + 1e-12)) @ body)
    names = sp.csr_matrix(rng.random((count, 20)) * (rng.random((count, 20)) > 0.9))
    days = rng.integers(0, 3, count).astype(float)
    return ArticleVectors(body, body, names, rng.random(count) > 0.3, days)


def test_the_neighbour_search_on_a_cluster_gives_the_local_graph(cluster):
    from summarizer.stories.grouping import neighbour_graph

    vectors = _random_vectors(400, 1)
    local = neighbour_graph(vectors, neighbours=6, block=48)  # nine blocks, searched here one by one
    remote = neighbour_graph(vectors, neighbours=6, block=48, scheduler=cluster)
    assert local.nnz > 400 and (local != remote).nnz == 0 and np.array_equal(local.data, remote.data)


def test_the_neighbour_search_in_local_workers_gives_the_same_graph(monkeypatch):
    from summarizer.stories import grouping

    vectors = _random_vectors(300, 2)
    alone = grouping.neighbour_graph(vectors, neighbours=5, block=40, jobs=1)
    monkeypatch.setattr(grouping, "PARALLEL_GRAPH_FROM", 0)  # the pile is small: spread it anyway
    spread = grouping.neighbour_graph(vectors, neighbours=5, block=40, jobs=2)
    assert alone.nnz > 300 and (alone != spread).nnz == 0 and np.array_equal(alone.data, spread.data)


def _story_terms(count: int, seed: int):
    """Articles of a few dozen stories: each shares its story's rare terms, and all share common ones."""
    from summarizer.stories.grouping import ArticleTerms

    rng = np.random.default_rng(seed)
    articles = []
    for i in range(count):
        story = int(rng.integers(0, count // 6))
        own = [f"s{story}w{int(w)}" for w in rng.integers(0, 12, 25)]
        noise = [f"n{int(w)}" for w in rng.integers(0, 3000, 30)]
        common = [f"c{int(w)}" for w in rng.integers(0, 8, 10)]
        names = [f"name{story}-{int(w)}" for w in rng.integers(0, 4, 3)] if i % 5 else []
        title = own[:4] if i % 7 else []
        articles.append(ArticleTerms(tuple(own + noise + common), tuple(title), tuple(names),
                                     f"2026-12-0{1 + int(rng.integers(0, 3))}" if i % 9 else None,
                                     tuple(own[:6])))  # fmt: skip
    return articles


@pytest.mark.parametrize("candidate_from", [0, 10**9])  # the pruned candidate search, and every pair scored
def test_the_day_grouped_on_the_cluster_is_the_local_grouping(cluster, candidate_from, monkeypatch):
    """Terms left on the workers in chunks (some empty), the vectors made there, the neighbour search per pair of
    chunks: the same vectors, graph and groups as grouping the whole day here; and the client receives edges, days,
    the side-by-side matrix and the bodies, never a chunk's terms or vectors."""
    from summarizer.parallel import cluster_client
    from summarizer.stories.grouping import ArticleVectors, grouping_of, grouping_vectors, words_side_by_side
    from summarizer.stories.options import GroupingOptions
    from summarizer.stories.scaleout import DayOnCluster

    terms = _story_terms(240, 3)
    options = GroupingOptions()
    monkeypatch.setattr(importlib.import_module("summarizer.stories.grouping"), "CANDIDATE_FROM", candidate_from)
    local = grouping_of(terms, options)
    client = cluster_client(cluster)
    chunks = [terms[0:70], [], terms[70:71], terms[71:200], terms[200:]]
    received: list[object] = []
    gather = client.gather
    client.gather = lambda futures: received.extend(found := gather(futures)) or found  # type: ignore[method-assign]
    day = DayOnCluster(client, [client.scatter([chunk], hash=False)[0] for chunk in chunks], len(terms))
    remote = day.grouping(options, candidate_from=candidate_from)
    assert remote.groups == local.groups and len(local.groups) < 200
    for graph in (remote.graph, local.graph):
        assert graph.nnz > 240 and graph.has_sorted_indices
    assert all(np.array_equal(getattr(remote.graph, a), getattr(local.graph, a)) for a in ("data", "indices", "indptr"))
    body = grouping_vectors(terms, options).body
    assert all(np.array_equal(getattr(remote.vectors.body, a), getattr(body, a)) for a in ("data", "indices", "indptr"))
    assert np.array_equal(remote.vectors.days, local.vectors.days, equal_nan=True)
    assert not any(isinstance(r, (ArticleVectors, list)) for r in received)  # no chunk's terms, no vectors
    sides = [r for r in received if getattr(r, "shape", (0, 0))[1] > body.shape[1]]
    assert sum(s.shape[0] for s in sides) == 240
    assert np.array_equal(sp_vstack(sides).data, words_side_by_side(local.vectors).data)
    assert client.status == "closed"


def sp_vstack(matrices):
    import scipy.sparse as sp

    return sp.csr_matrix(sp.vstack(matrices, format="csr"))


def test_results_one_at_a_time_come_in_order_and_closing_early_ends_the_workers():
    import contextlib
    import multiprocessing

    from summarizer.parallel import parallel_results

    items = list(range(40))
    assert list(parallel_results(_square, items, jobs=2, chunksize=3)) == [i * i for i in items]
    others = set(multiprocessing.active_children())  # a test cluster's, say
    with contextlib.closing(parallel_results(_square, items, jobs=2, chunksize=1)) as results:
        assert next(results) == 0
        assert set(multiprocessing.active_children()) - others  # the workers go on with the rest
    assert not set(multiprocessing.active_children()) - others


def test_items_are_made_ready_as_they_are_given_out_and_only_then(cluster):
    import contextlib

    from summarizer.parallel import parallel_results

    items = list(range(60))
    for where in ({"jobs": 1}, {"jobs": 2, "chunksize": 2}, {"scheduler": cluster}):
        made_ready: list[int] = []

        def ready(item: int, made_ready: list[int] = made_ready) -> int:
            made_ready.append(item)
            return item + 1

        with contextlib.closing(parallel_results(_square, items, ready=ready, **where)) as results:
            assert next(results) == 1
            assert len(made_ready) < len(items)  # the rest are still as given
            assert list(results) == [(i + 1) ** 2 for i in items[1:]]
        assert sorted(made_ready) == items, where
