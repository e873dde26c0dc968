"""One parallel map for the whole package: local worker processes or a Dask cluster, results in input order.

Every stage that fans work out (cleaning and segmenting large inputs,
summarising the stories of a day, running systems over a benchmark) calls
`parallel_map`, so there is one place that decides how work is spread and
one place that makes the output independent of the number of jobs and of
where it ran: results always come back in the order of the items.

Given a scheduler address (`tcp://host:8786`), the work goes to that Dask
cluster through distributed's client (the optional extra
`summarizer[distributed]`); its workers need the same summarizer installed.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from .checks import check_count
from .errors import OptionsError

Item = TypeVar("Item")
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


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    chunksize: int | None = None,
    scheduler: str | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, in up to `jobs` processes (default: every core),
    or on the Dask cluster at `scheduler`.

    `function` must be a module-level function (it is pickled). `progress` is
    called with the number of items finished, as they finish.
    """
    check_count("jobs", jobs)
    if scheduler and items:
        return _on_cluster(function, items, scheduler, progress)
    workers = min(jobs or available_cores(), len(items))
    if workers <= 1:
        return list(_serial(function, items, progress))
    import multiprocessing  # most runs are serial: spare them the import

    chunk = chunksize or max(1, min(16, len(items) // (workers * 8)))
    results: list[Result] = []
    # multiprocessing's Pool, not concurrent.futures: on Ctrl-C or an error its terminate() ends the workers at
    # once, where ProcessPoolExecutor let them finish their chunks (8 to 20 s on a 50 MB digest) and has no
    # public way to stop them before Python 3.14.
    pool = multiprocessing.get_context().Pool(workers, initializer=_ignore_interrupts)
    try:
        for result in pool.imap(function, items, chunksize=chunk):
            results.append(result)
            if progress:
                progress(1)
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()
    return results


def _on_cluster(function: Callable[[Item], Result], items: Sequence[Item], scheduler: str,
                progress: Callable[[int], None] | None) -> list[Result]:  # fmt: skip
    try:
        from distributed import Client
    except ImportError:
        raise OptionsError(
            "a Dask scheduler needs the distributed extra: pip install 'summarizer[distributed]'"
        ) from None
    try:
        _check_reachable(scheduler)
        client = Client(scheduler, set_as_default=False, timeout=30)
    except OSError as error:
        raise OptionsError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    with client:
        futures = client.map(function, list(items), pure=False)
        results = []
        for future in futures:  # in the order of the items, as locally
            results.append(future.result())
            if progress:
                progress(1)
        return results


def _check_reachable(address: str) -> None:
    """Fail at once on a closed port, instead of after the client's whole connection timeout."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.hostname and parts.port:
        socket.create_connection((parts.hostname, parts.port), timeout=10).close()


def _serial(
    function: Callable[[Item], Result], items: Iterable[Item], progress: Callable[[int], None] | None
) -> Iterable[Result]:
    for item in items:
        result = function(item)
        if progress:
            progress(1)
        yield result
