"""One parallel map for the whole package: local worker processes or a Dask cluster, results in input order.

Every stage that fans work out (cleaning and segmenting large inputs,
summarising the stories of a day, running systems over a benchmark) calls
`parallel_map`, so there is one place that decides how work is spread and
one place that makes the output independent of the number of jobs and of
where it ran: results always come back in the order of the items.

Given a scheduler address (`tcp://host:8786`), the work goes to that Dask
cluster through distributed's client (the optional extra
`summarizer[distributed]`); its workers need the same summarizer installed.

Local workers are our own (`_in_processes`), not loky's, which was measured
against them on the same failures (eval/bench_parallel.py, results in
eval/results/parallel.md): with the parent killed by SIGKILL, loky's workers
and resource trackers were still running 30 s later in 3 of 3 runs (ours had
ended after 0.2 s), and a worker killed while sending a 64 MB result hung
loky's map in 1 of 30 runs, its manager thread waiting for the rest of it.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar, cast

from .checks import check_count
from .errors import OptionsError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Item = TypeVar("Item")
Shared = TypeVar("Shared")
Result = TypeVar("Result")
Advance = Callable[[int], None]  # report n more items done
Stages = Callable[[str, "int | None"], Advance]  # start a stage (what, how many items) -> its Advance


def no_stages(description: str, total: int | None) -> Advance:
    """Stages for callers that show no progress."""
    return lambda done: None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the group; only the parent answers it,
    # so a user sees one line instead of a traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while it was started


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """An interrupt waits while a worker starts, then is raised here: Python runs fork handlers where an
    exception is only printed (the run went on to the end), and a new worker must not see it before it
    ignores interrupts (the signal mask is inherited)."""
    previous = signal.getsignal(signal.SIGINT)
    main = threading.current_thread() is threading.main_thread()
    if not main or previous is None or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    noted: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGINT, previous)
    if noted:
        signal.raise_signal(signal.SIGINT)  # now to the handler that was there


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    chunksize: int | None = None,
    scheduler: str | None = None,
    fresh: bool = False,
    send: Callable[[Item], Item] | None = None,
    receive: Callable[[Result], Result] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, in up to `jobs` processes (default: every core),
    or on the Dask cluster at `scheduler`.

    `function` must be a module-level function (it is pickled). `progress` is
    called with the number of items finished, as they finish. `fresh` starts local workers
    from a new interpreter instead of a copy of this process: a second or two of start-up,
    but a large caller's memory is not carried into (and counted in) every worker.
    On a cluster, whose workers may not share this machine's disk, `send` is applied to each item here just
    before it goes (to read what it refers to on this disk) and `receive` to each result as it comes back, in
    order (to put its bulk on this disk); a bounded number of items is out at a time, so neither all the items
    read in nor all the results are held here at once.
    """
    with contextlib.closing(parallel_results(function, items, jobs=jobs, progress=progress, chunksize=chunksize,
                                             scheduler=scheduler, fresh=fresh, send=send,
                                             receive=receive)) as results:  # fmt: skip
        return list(results)


def parallel_results(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    chunksize: int | None = None,
    scheduler: str | None = None,
    fresh: bool = False,
    send: Callable[[Item], Item] | None = None,
    receive: Callable[[Result], Result] | None = None,
    ready: Callable[[Item], Item] | None = None,
) -> Generator[Result, None, None]:
    """parallel_map's results one at a time, in the order of the items, each as soon as it and those before it
    are done: the caller works on the first ones while the workers make the rest (this process otherwise waits).
    `ready` makes an item whole in this process just before it is given out, wherever it runs (items can stay
    light until then: a large day's story jobs read their articles' text as they go). Close it
    (`contextlib.closing`) when leaving early: that ends the workers."""
    check_count("jobs", jobs)
    if scheduler and items:
        to_send = send if ready is None else ready if send is None else _then(ready, send)
        return _on_cluster(function, items, scheduler, progress, send=to_send, receive=receive)
    workers = min(jobs or available_cores(), len(items))
    if workers <= 1:
        return _serial(function, items if ready is None else map(ready, items), progress)
    chunk = chunksize or max(1, min(16, len(items) // (workers * 8)))
    return _in_processes(function, items, workers=workers, chunk=chunk, progress=progress, fresh=fresh, ready=ready)


def _then(first: Callable[[Item], Item], second: Callable[[Item], Item]) -> Callable[[Item], Item]:
    return lambda item: second(first(item))


def parallel_map_shared(
    function: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    *,
    jobs: int | None = None,
    chunksize: int | None = None,
    scheduler: str | None = None,
    fresh: bool = False,
) -> list[Result]:
    """`[function(shared, item) for item in items]`, as parallel_map, with `shared` sent once to each worker
    (on a cluster: scattered to every worker once), not once per item."""
    check_count("jobs", jobs)
    if scheduler and items:
        return list(_on_cluster(function, items, scheduler, None, shared=(shared,)))
    workers = min(jobs or available_cores(), len(items))
    if workers <= 1:
        return [function(shared, item) for item in items]
    chunk = chunksize or max(1, min(16, len(items) // (workers * 8)))
    return list(_in_processes(function, items, workers=workers, chunk=chunk, progress=None, fresh=fresh,
                              shared=pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)))  # fmt: skip


def _in_processes(function: Callable[..., Result], items: Sequence[Item], *, workers: int, chunk: int,
                  progress: Callable[[int], None] | None, fresh: bool = False, shared: bytes | None = None,
                  ready: Callable[[Item], Item] | None = None) -> Generator[Result, None, None]:  # fmt: skip
    """Chunks of `items` to `workers` processes, each on its own pipe; results in the order of the items, each
    chunk's as soon as the chunks before it are in.

    Written by hand because multiprocessing's Pool deadlocks when stopped: its workers share one result
    queue and its lock, so a worker ended while writing a large result leaves the lock taken, and
    Pool.terminate() then waits for its task thread forever (3 of 20 interrupted runs returning 8 MB
    results hung), and a worker that dies (killed for memory) leaves Pool waiting for its chunk forever.
    Here no lock is shared: ending the workers is always safe and immediate, and a dead worker is an error.
    """
    import multiprocessing  # most runs are serial: spare them the import
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn" if fresh else None)
    chunks = [(start, items[start : start + chunk]) for start in range(0, len(items), chunk)]
    # each chunk made ready as it is sent: only the chunks out at a time are whole
    pending = iter(chunks) if ready is None else ((start, [ready(i) for i in part]) for start, part in chunks)
    done: dict[int, list[Result]] = {}
    given = 0  # chunks whose results were yielded
    workers_by_pipe: dict[Connection, BaseProcess] = {}
    try:
        for _ in range(min(workers, len(chunks))):
            parent_end, child_end = context.Pipe()
            # A spawned worker is given only its own end; a forked one holds a copy of the parent's, to close.
            held = None if fresh else parent_end
            process = context.Process(target=_serve, args=(child_end, held, function, shared is not None),
                                      daemon=True)  # fmt: skip
            with _interrupts_held():  # known to _stop before an interrupt is raised
                process.start()
                child_end.close()  # a worker that ends now shows as the end of its pipe
                workers_by_pipe[parent_end] = process
            if shared is not None:
                parent_end.send_bytes(shared)
            parent_end.send(next(pending))
        while given < len(chunks):
            for answered in wait(list(workers_by_pipe)):
                pipe = cast("Connection", answered)
                answer = _receive_bytes(pipe, workers_by_pipe[pipe])
                if (work := next(pending, None)) is not None:
                    pipe.send(work)  # first, so the worker goes on while its answer is unpickled here
                start, results = _unpack(answer)
                done[start] = results
                if progress:
                    progress(len(results))
            while given < len(chunks) and chunks[given][0] in done:
                yield from done.pop(chunks[given][0])
                given += 1
    finally:
        _stop(workers_by_pipe)


def _receive_bytes(pipe: Connection, process: BaseProcess) -> bytes:
    try:
        return pipe.recv_bytes()
    except EOFError:
        process.join(timeout=5)
        raise RuntimeError(f"a worker process ended unexpectedly (exit code {process.exitcode})") from None


def _unpack(answer: bytes) -> tuple[int, list]:
    """A worker's answer: its chunk's results, or its error raised here."""
    start, succeeded, outcome = pickle.loads(answer)
    if not succeeded:
        raise outcome
    return start, outcome


def _serve(connection: Connection, parents_end: Connection | None, function: Callable, shared: bool) -> None:
    """A worker: run `function` over each chunk it is sent, and send back the results or the error; with
    `shared`, the first message is the object passed to `function` before each item."""
    _ignore_interrupts()
    if parents_end is not None:  # a forked worker holds a copy: closed, the parent's death ends the pipe and it
        parents_end.close()
    if shared:
        try:
            function = functools.partial(function, connection.recv())
        except EOFError:
            return
    while True:
        try:
            start, chunk = connection.recv()
        except EOFError:  # the parent closed the pipe: no more work
            return
        message: tuple[int, bool, object]
        try:
            message = (start, True, [function(item) for item in chunk])
        except Exception as error:
            message = (start, False, error)
        try:
            connection.send(message)
        except OSError:  # the parent is gone (killed): nobody to work for
            return
        except Exception as error:  # the results or the error cannot be pickled
            connection.send((start, False, RuntimeError(f"a worker's result could not be sent back: {error}")))


def _stop(workers_by_pipe: dict[Connection, BaseProcess]) -> None:
    """End every worker at once (on an interrupt or an error they may be mid-chunk) and close the pipes."""
    for pipe, process in workers_by_pipe.items():
        pipe.close()
        if process.exitcode is None:
            process.kill()
    for process in workers_by_pipe.values():
        process.join()


# Tasks out on a cluster at a time, per worker thread: enough that no thread waits for its next task while the
# client collects results in order, few enough that the items sent and results waiting stay a small part of a day.
CLUSTER_TASKS_PER_THREAD = 4


def _on_cluster(function: Callable[..., Result], items: Sequence[Item], scheduler: str,
                progress: Callable[[int], None] | None, shared: tuple = (),
                send: Callable[[Item], Item] | None = None,
                receive: Callable[[Result], Result] | None = None) -> Generator[Result, None, None]:  # fmt: skip
    """Each item a task of the cluster, at most CLUSTER_TASKS_PER_THREAD per worker thread out at a time;
    `shared` (empty or one object) scattered once to every worker and passed before the item; `send` and
    `receive` as parallel_map's."""
    with cluster_client(scheduler) as client:
        before = (client.scatter(shared[0], broadcast=True, hash=False),) if shared else ()
        window = CLUSTER_TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
        waiting = iter(items)
        out: deque = deque()

        def submit_next() -> None:
            for item in itertools.islice(waiting, 1):
                out.append(client.submit(function, *before, send(item) if send else item, pure=False))

        for _ in range(window):
            submit_next()
        while out:  # in the order of the items, as locally
            result = out.popleft().result()
            submit_next()
            if progress:
                progress(1)
            yield receive(result) if receive else result


def cluster_client(scheduler: str):  # -> distributed.Client (an optional extra: not imported to be named here)
    """A client of the Dask cluster at `scheduler`, for work whose results stay on its workers from one step to
    the next (stories.scaleout); the caller closes it. The same errors as parallel_map's on a cluster."""
    try:
        from distributed import Client
    except ImportError:
        raise OptionsError(
            "a Dask scheduler needs the distributed extra: pip install 'summarizer[distributed]'"
        ) from None
    try:
        _check_reachable(scheduler)
        return Client(scheduler, set_as_default=False, timeout=30)
    except OSError as error:
        raise OptionsError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None


def _check_reachable(address: str) -> None:
    """Fail at once on a closed port, instead of after the client's whole connection timeout."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.hostname and parts.port:
        socket.create_connection((parts.hostname, parts.port), timeout=10).close()


def _serial(
    function: Callable[[Item], Result], items: Iterable[Item], progress: Callable[[int], None] | None
) -> Generator[Result, None, None]:
    for item in items:
        result = function(item)
        if progress:
            progress(1)
        yield result
