#!/usr/bin/env python3
"""The package's hand-written worker pool against loky, on the failures it was written for, and on speed.

`summarizer.parallel.parallel_map` spreads chunks over worker processes through `_in_processes`, one pipe
per worker (issue 34: multiprocessing's Pool hung on Ctrl-C and forever on a dead worker). loky
(joblib's executor) is said to handle both. Here the same `parallel_map` runs with its `_in_processes`
as it is ("hand-written"), or replaced by a loky map with the same contract (chunks of the same size,
results in input order, progress per chunk, a worker's error re-raised with its type, a dead worker a
RuntimeError, every worker killed on an interrupt or an error, SIGINT held while workers start and
ignored in them): on its own executor per map ("loky"),
or on loky's reusable executor ("loky reusable", `get_reusable_executor`). Every scenario runs in a
child process in a session of its own, so what it leaves behind can be counted:

  a. interrupted: two workers returning 8 MB results, interrupted with SIGINT after the first result:
     to the parent alone (`kill -INT`), and to the whole process group (what Ctrl-C in a terminal does).
     A hang is a run not ended `--hang` s (20) after the interrupt; an orphan is a process of the run's
     session still alive 5 s after its parent ended.
  b. a worker killed with SIGKILL: at the start of an item, and while it sends a 64 MB result back
     (at a varying delay, the race that hung Pool). Does the map raise, what, how soon (bound `--bound`, 30 s)?
  c. the parent killed with SIGKILL mid-map: do its workers end (bound `--bound`)?
  d. speed: `summarizer digest` of a JSON Lines file of real articles and `summarizer daily` of a few
     thousand (bench_daily.py's edited copies), whole process, --jobs 2; a synthetic CPU-bound map and a
     map of large results, in-process; runs of the three interleaved, min and median.
  e. memory: for d, the peak resident memory of the largest process and the peak of the run's summed
     proportional set size (Pss: shared pages counted once, which spawned workers do not share).

    .venv/bin/python eval/bench_parallel.py [--interrupts 30] [--kills 10] [--orphans 3] [--bound 30]
        [--repeat 5] [--cpu-items 4000] [--digest-mb 3] [--daily 3000] [--data ../shared/data]
        [--implementations hand-written,loky,loky reusable] [--out eval/results/parallel.md]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

EVAL = Path(__file__).resolve().parent
ROOT = EVAL.parent
DATA = ROOT.parent / "shared" / "data"
IMPLEMENTATIONS = ("hand-written", "loky", "loky reusable")


# --- the loky map: what `_in_processes` would be on loky ---------------------------------------------------


def _run_chunk(function: Callable, chunk: Sequence) -> list:
    return [function(item) for item in chunk]


def loky_in_processes(function: Callable, items: Sequence, *, workers: int, chunk: int,
                      progress: Callable[[int], None] | None, reuse: bool = False,
                      fresh: bool = False) -> Iterator:  # fmt: skip
    """`_in_processes` on loky: the same chunks, results in their order (a generator, as `_in_processes` is),
    progress per chunk; a dead worker is the package's RuntimeError; on an interrupt or an error every worker is
    killed before it is raised. `fresh` is the package's choice of fresh interpreters: loky's workers always are."""
    from concurrent.futures import as_completed
    from multiprocessing import resource_tracker

    import loky
    from loky.backend import resource_tracker as lokys_resource_tracker
    from loky.process_executor import TerminatedWorkerError

    parallel = pool_module()
    chunks = [(start, items[start : start + chunk]) for start in range(0, len(items), chunk)]
    finished, executor = False, None
    # Python 3.11's resource tracker, started with loky's first lock, unblocks SIGINT when it has started (it does
    # not restore the mask): started first, the interrupt stays held while the workers start.
    resource_tracker.ensure_running()
    lokys_resource_tracker.ensure_running()
    try:
        with parallel._interrupts_held():  # as the package starts its workers: SIGINT held until a worker ignores it
            if reuse:
                executor = loky.get_reusable_executor(max_workers=workers, initializer=parallel._ignore_interrupts)
            else:
                executor = loky.ProcessPoolExecutor(max_workers=workers, initializer=parallel._ignore_interrupts)
            futures = {executor.submit(_run_chunk, function, part): start for start, part in chunks}  # they start here
        done: dict[int, list] = {}
        for future in as_completed(futures):
            try:
                results = future.result()
            except TerminatedWorkerError as error:
                codes = str(error).rpartition("The exit codes of the workers are ")[2].split("\n")[0] or "unknown"
                raise RuntimeError(f"a worker process ended unexpectedly (exit codes {codes})") from None
            done[futures[future]] = results
            if progress:
                progress(len(results))
        finished = True
    finally:
        if executor is None:
            pass
        elif not finished:
            executor.shutdown(wait=True, kill_workers=True)
        elif not reuse:
            executor.shutdown(wait=True)
    yield from (result for start, _ in chunks for result in done[start])


def pool_module():
    """summarizer.parallel: the pool itself is measured here, below the package's public API."""
    import importlib

    return importlib.import_module("summarizer.parallel")


def use(implementation: str) -> Callable:
    """`summarizer.parallel.parallel_map`, its pool the one named."""
    import functools

    parallel = pool_module()
    if implementation != "hand-written":
        parallel._in_processes = functools.partial(loky_in_processes, reuse=implementation == "loky reusable")  # type: ignore[assignment]
    return parallel.parallel_map


# --- the work the children do -----------------------------------------------------------------------------


def large(number: int) -> str:
    return "x" * 8_000_000


def killed_at_five(number: int) -> int:
    if number == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.02)
    return number


def killed_while_sending(number: int) -> str:
    """64 MB back; item 3's worker is killed after a delay (from the environment) while it pickles or sends."""
    if number == 3:
        threading.Timer(float(os.environ["BENCH_KILL_DELAY"]), os.kill, (os.getpid(), signal.SIGKILL)).start()
    return "y" * 64_000_000


def slow(number: int) -> str:
    open(os.path.join(os.environ["BENCH_PIDS"], str(os.getpid())), "w").close()
    time.sleep(0.2)
    return "x" * 1_000_000


def busy(number: int) -> int:
    total = 0
    for k in range(10_000):  # about 1 ms of pure Python
        total = (total + k * number) % 1_000_003
    return total


def child(scenario: str, implementation: str) -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if started in the background
    parallel_map = use(implementation)
    if scenario in ("interrupt-parent", "interrupt-group"):

        def interrupt(done: int) -> None:
            print(time.monotonic(), flush=True)
            if scenario == "interrupt-group":
                os.killpg(os.getpgrp(), signal.SIGINT)
            else:
                os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the interrupt is raised here

        try:
            parallel_map(large, list(range(40)), jobs=2, chunksize=1, progress=interrupt)
        except KeyboardInterrupt:
            sys.exit(130)
        sys.exit(0)
    if scenario in ("killed", "killed-sending"):
        import faulthandler

        faulthandler.dump_traceback_later(float(os.environ["BENCH_BOUND"]), exit=True)  # where it hangs, if it does
        function = killed_at_five if scenario == "killed" else killed_while_sending
        started = time.monotonic()
        try:
            parallel_map(function, list(range(40 if scenario == "killed" else 12)), jobs=2, chunksize=1)
        except BaseException as error:
            print(json.dumps({"seconds": time.monotonic() - started, "error": f"{type(error).__name__}: {error}"}))
            sys.exit(1)
        print(json.dumps({"seconds": time.monotonic() - started, "error": None}))
        sys.exit(0)
    if scenario == "orphaned":
        parallel_map(slow, list(range(500)), jobs=2, chunksize=1)
        sys.exit(0)
    if scenario in ("cpu", "large-results", "twice"):
        function, items, chunksize = (
            (large, list(range(40)), 1)
            if scenario == "large-results"
            else (busy, list(range(int(os.environ["BENCH_CPU_ITEMS"]))), None)
        )
        started = time.perf_counter()
        results = parallel_map(function, items, jobs=2, chunksize=chunksize)
        first = time.perf_counter() - started
        if scenario == "twice":  # a second map in the same process: what reuse saves
            started = time.perf_counter()
            again = parallel_map(function, items, jobs=2, chunksize=chunksize)
            assert again == results
            first = time.perf_counter() - started
        assert len(results) == len(items)
        print(json.dumps({"seconds": first}))
        sys.exit(0)
    if scenario == "reuse-after-interrupt":
        # Reuse after an interrupt: the next map in the same process gets the right results, on fresh workers.
        def interrupt(done: int) -> None:
            raise KeyboardInterrupt

        with contextlib.suppress(KeyboardInterrupt):
            parallel_map(large, list(range(40)), jobs=2, chunksize=1, progress=interrupt)
        started = time.perf_counter()
        right = parallel_map(busy, list(range(400)), jobs=2) == [busy(n) for n in range(400)]
        pids = parallel_map(worker_pid, list(range(40)), jobs=2, chunksize=1)
        print(json.dumps({"right": right, "seconds": time.perf_counter() - started, "pids": sorted(set(pids))}))
        sys.exit(0)
    if scenario == "cli":
        import importlib

        sys.exit(importlib.import_module("summarizer.cli").main(sys.argv[sys.argv.index("--") + 1 :]))
    raise SystemExit(f"unknown scenario {scenario}")


def worker_pid(number: int) -> int:
    time.sleep(0.01)
    return os.getpid()


# --- the runner -------------------------------------------------------------------------------------------


def command(scenario: str, implementation: str, *extra: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", scenario, "--implementation", implementation,
            *extra]  # fmt: skip


def environment(**more: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **more}


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry))
    return found


def left_behind(session: int, grace: float = 5.0) -> list[int]:
    """Processes of the session still alive `grace` s after its leader ended; they are then killed."""
    deadline = time.monotonic() + grace
    while (alive := session_processes(session)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return alive


def kill_session(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def interrupted_run(scenario: str, implementation: str, hang: float) -> dict:
    process = subprocess.Popen(command(scenario, implementation), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment(), start_new_session=True)  # fmt: skip
    line = process.stdout.readline()  # the moment of the interrupt (a monotonic clock, the same in every process)
    signalled = float(line) if line.strip() else None
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=hang + 10)
    ended = time.monotonic()
    hung = process.poll() is None or (signalled is not None and ended - signalled > hang)
    if process.poll() is None:
        kill_session(process)
        orphans: list[int] = []
    else:
        orphans = left_behind(process.pid)
    error = process.stderr.read().decode(errors="replace")
    return {"hung": hung, "code": process.returncode, "seconds": ended - signalled if signalled else None,
            "orphans": len(orphans), "stderr": gist(error),
            "noisy": bool(error.strip())}  # fmt: skip


def gist(error: str) -> str:
    """What a run printed, in one line: its last warning or exception, else its last line."""
    import re

    lines = [line.strip() for line in error.strip().splitlines()]
    named = [line for line in lines if re.search(r"\w+(Warning|Error|Interrupt)\b", line)]
    return re.sub(r"^\S+\.py:\d+: ", "", (named or lines or [""])[-1])  # a warning's place aside


def killed_run(scenario: str, implementation: str, bound: float, delay: float = 0.0) -> dict:
    """A map with a worker killed: its error and how soon, or a hang (neither a result nor an error within `bound`
    s: the parent then prints where each of its threads waits, and ends)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command(scenario, implementation), stdout=out, stderr=err, start_new_session=True,
                                   env=environment(BENCH_KILL_DELAY=str(delay), BENCH_BOUND=str(bound)))  # fmt: skip
        try:
            process.wait(timeout=bound + 10)
        except subprocess.TimeoutExpired:
            kill_session(process)
        orphans = left_behind(process.pid)
        out.seek(0)
        err.seek(0)
        lines, dump = out.read().decode().strip().splitlines(), err.read().decode(errors="replace")
    report = json.loads(lines[-1]) if lines else {"error": None, "seconds": None}
    return {"hung": not lines, "stuck": stuck_at(dump) if not lines else "", "orphans": len(orphans), "delay": delay,
            **report}  # fmt: skip


def stuck_at(dump: str) -> str:
    """Where each thread of a faulthandler dump waits: its innermost frame outside threading.py."""
    import re

    places = []
    for thread in re.split(r"\n(?=(?:Current thread|Thread) 0x)", dump):
        frames = re.findall(r'File "([^"]+)", line \d+ in (\w+)', thread)
        inner = next(((file, name) for file, name in frames if not file.endswith("threading.py")), None)
        if inner:
            places.append(f"{inner[1]} ({Path(inner[0]).name})")
    return ", ".join(places)


def orphaned_run(implementation: str, bound: float) -> dict:
    with tempfile.TemporaryDirectory() as pids:
        process = subprocess.Popen(command("orphaned", implementation), env=environment(BENCH_PIDS=pids),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while len(os.listdir(pids)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = len(os.listdir(pids))
        process.kill()  # SIGKILL: no clean-up runs in the parent
        process.wait()
        killed = time.monotonic()
        deadline = killed + bound
        while (alive := session_processes(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        seconds = time.monotonic() - killed
        for pid in alive:
            os.kill(pid, signal.SIGKILL)
        return {"workers": workers, "left": len(alive), "seconds": seconds}


def measured(argv: list[str], env: dict[str, str]) -> dict:
    """Whole process: wall seconds, the largest process's peak RSS, the peak of the session's summed Pss."""
    peak_pss = 0
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        while True:
            finished, status, usage = os.wait4(process.pid, os.WNOHANG)
            if finished:
                break
            peak_pss = max(peak_pss, summed_pss(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "pss_mb": peak_pss / 1024, "code": process.returncode,
            "output": output}  # fmt: skip


def summed_pss(session: int) -> int:
    total = 0
    for pid in session_processes(session):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


def without_seconds(output: bytes) -> str:
    try:
        result = json.loads(output)
    except ValueError:
        return output.decode(errors="replace")
    result.get("stats", {}).pop("seconds", None)
    return json.dumps(result, sort_keys=True)


# --- the report -------------------------------------------------------------------------------------------


def spread(values: list[float], digits: int = 2) -> str:
    if not values:
        return "–"
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f}"


def build_inputs(folder: Path, megabytes: float, daily: int, data: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(EVAL))
    from bench_daily import edited, real_articles

    source = real_articles(data)
    digest_input, daily_input = folder / "large.jsonl", folder / "day.jsonl"
    rng = random.Random(7)
    with digest_input.open("w", encoding="utf-8") as stream:
        size = count = 0
        while size < megabytes * 1_000_000:
            line = json.dumps(edited(source[count % len(source)], count, rng)) + "\n"
            stream.write(line)
            size += len(line.encode("utf-8"))
            count += 1
    rng = random.Random(daily)
    with daily_input.open("w", encoding="utf-8") as stream:
        for number in range(daily):
            stream.write(json.dumps(edited(source[number % len(source)], number, rng)) + "\n")
    return digest_input, daily_input


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interrupts", type=int, default=30, help="interrupted runs per implementation and way")
    parser.add_argument("--kills", type=int, default=10, help="runs of each dead-worker scenario")
    parser.add_argument("--orphans", type=int, default=3, help="runs with the parent killed")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each speed measurement")
    parser.add_argument("--hang", type=float, default=20.0, help="seconds after the interrupt that make a hang")
    parser.add_argument("--bound", type=float, default=30.0, help="seconds given a map with a dead worker or parent")
    parser.add_argument("--cpu-items", type=int, default=4000, help="items of the synthetic CPU-bound map")
    parser.add_argument("--digest-mb", type=float, default=3.0, help="megabytes of the digest's input ('0' for none)")
    parser.add_argument("--daily", type=int, default=3000, help="articles of the daily ('0' for none)")
    parser.add_argument("--implementations", default=",".join(IMPLEMENTATIONS))
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=EVAL / "results" / "parallel.md", help="'-' for none")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--implementation", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    if args.child:
        child(args.child, args.implementation)
        return
    implementations = [i for i in args.implementations.split(",") if i]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cells: dict[str, str]) -> None:
        rows.append((label, [cells[i] for i in implementations]))
        print(f"{label}: " + "; ".join(f"{i}: {cells[i]}" for i in implementations), file=sys.stderr, flush=True)

    for way in ("parent", "group"):
        runs = {i: [interrupted_run(f"interrupt-{way}", i, args.hang) for _ in range(args.interrupts)]
                for i in implementations}  # fmt: skip
        who = "the parent alone" if way == "parent" else "the process group (Ctrl-C)"
        row(
            f"a. SIGINT to {who}: hangs (no exit {args.hang:g} s after)",
            {i: f"{sum(r['hung'] for r in rs)} of {len(rs)}" for i, rs in runs.items()},
        )
        row("   exit status 130 / orphans left", {i: f"{sum(r['code'] == 130 for r in rs)} / {sum(r['orphans'] for r in rs)}"
                                                  for i, rs in runs.items()})  # fmt: skip
        row("   seconds from the interrupt to exit, min / median / max",
            {i: (spread(s) + f" / {max(s):.2f}") if (s := [r["seconds"] for r in rs if r["seconds"] and not r["hung"]])
             else "–" for i, rs in runs.items()})  # fmt: skip
        row("   runs printing anything (the first one's last warning or exception)",
            {i: f"{sum(r['noisy'] for r in rs)}" + next((f" (`{r['stderr'][:90]}`)" for r in rs if r["noisy"]), "")
             for i, rs in runs.items()})  # fmt: skip

    runs = {i: [killed_run("killed", i, args.bound) for _ in range(args.kills)] for i in implementations}
    row(
        "b. worker killed (SIGKILL) at an item: raised / hung",
        {
            i: f"{sum(not r['hung'] and r['error'] is not None for r in rs)} / {sum(r['hung'] for r in rs)} of {len(rs)}"
            for i, rs in runs.items()
        },
    )
    row(
        "   seconds to the error, min / median",
        {i: spread([r["seconds"] for r in rs if not r["hung"]]) for i, rs in runs.items()},
    )
    row(
        "   the error",
        {
            i: next((f"`{r['error'][:90]}`" for r in rs if r.get("error")), "–").replace("\n", " ")
            for i, rs in runs.items()
        },
    )
    row("   processes left 5 s after the run ended", {i: str(sum(r["orphans"] for r in rs)) for i, rs in runs.items()})
    delays = [0.25 * k / max(1, args.kills - 1) for k in range(args.kills)]  # pickling and sending take ~0.1-0.2 s
    runs = {i: [killed_run("killed-sending", i, args.bound, delay) for delay in delays] for i in implementations}
    row(f"b. worker killed while sending 64 MB (delays 0–{max(delays) * 1000:.0f} ms): raised / hung",
        {i: f"{sum(not r['hung'] and r['error'] is not None for r in rs)} / {sum(r['hung'] for r in rs)} of {len(rs)}" for i, rs in runs.items()})  # fmt: skip
    row("   delays of the hung runs, ms; where the parent's threads waited in the first",
        {i: ", ".join(f"{r['delay'] * 1000:.0f}" for r in rs if r["hung"]) + next((f"; {r['stuck']}" for r in rs if r["hung"]), "")
            or "–" for i, rs in runs.items()})  # fmt: skip
    row(
        "   seconds to the error, min / median",
        {i: spread([r["seconds"] for r in rs if not r["hung"] and r.get("seconds")]) for i, rs in runs.items()},
    )
    row("   processes left 5 s after the run ended", {i: str(sum(r["orphans"] for r in rs)) for i, rs in runs.items()})

    runs = {i: [orphaned_run(i, args.bound) for _ in range(args.orphans)] for i in implementations}
    row(f"c. parent killed (SIGKILL): runs whose processes all ended within {args.bound:g} s",
        {i: f"{sum(r['left'] == 0 for r in rs)} of {len(rs)}" for i, rs in runs.items()})  # fmt: skip
    row(f"   processes left after {args.bound:g} s / seconds until all ended (median)",
        {i: f"{sum(r['left'] for r in rs)} / {statistics.median(r['seconds'] for r in rs):.1f}" for i, rs in runs.items()})  # fmt: skip

    reuse = {i: [json.loads(subprocess.run(command("reuse-after-interrupt", i), capture_output=True, env=environment(),
                                           timeout=120).stdout.decode().strip().splitlines()[-1])]
             for i in implementations}  # fmt: skip
    row("   after an interrupted map, the next map in the process: right results / distinct worker pids",
        {i: f"{r[0]['right']} / {len(r[0]['pids'])}" for i, r in reuse.items()})  # fmt: skip

    for scenario, label in (("cpu", f"d. {args.cpu_items:,} x 1 ms of pure Python, in-process, s"),
                            ("twice", "   the same map again in the same process, s"),
                            ("large-results", "   40 results of 8 MB, in-process, s")):  # fmt: skip
        times: dict[str, list[float]] = {i: [] for i in implementations}
        for _ in range(args.repeat):
            for i in implementations:
                finished = subprocess.run(command(scenario, i), capture_output=True, timeout=300,
                                          env=environment(BENCH_CPU_ITEMS=str(args.cpu_items)))  # fmt: skip
                times[i].append(json.loads(finished.stdout.decode().strip().splitlines()[-1])["seconds"])
        row(label + ", min / median", {i: spread(t) for i, t in times.items()})

    if args.data.is_dir() and (args.digest_mb > 0 or args.daily > 0):
        with tempfile.TemporaryDirectory() as tmp:
            digest_input, daily_input = build_inputs(Path(tmp), args.digest_mb, args.daily, args.data)
            runs_of = []
            if args.digest_mb > 0:
                runs_of.append((f"digest of {args.digest_mb:g} MB ({sum(1 for _ in digest_input.open())} articles)",
                                ["digest", str(digest_input), "--jobs", "2", "-f", "json", "-q"]))  # fmt: skip
            if args.daily > 0:
                runs_of.append((f"daily of {args.daily:,} articles",
                                ["daily", str(daily_input), "--jobs", "2", "-f", "json", "-q", "--date", "2025-04-21"]))  # fmt: skip
            for label, arguments in runs_of:
                results: dict[str, list[dict]] = {i: [] for i in implementations}
                for _ in range(args.repeat):
                    for i in implementations:
                        results[i].append(measured(command("cli", i, "--", *arguments), environment()))
                outputs = {without_seconds(r["output"]) for rs in results.values() for r in rs}
                row(f"d. `summarizer {label}`, s, min / median",
                    {i: spread([r["seconds"] for r in rs]) + ("" if all(r["code"] == 0 for r in rs) else " (failed)")
                     for i, rs in results.items()})  # fmt: skip
                row(
                    "   output identical across implementations and runs (stats.seconds aside)",
                    {i: "yes" if len(outputs) == 1 else f"no ({len(outputs)} outputs)" for i in implementations},
                )
                row(
                    "e. peak RSS of the largest process, MB, median",
                    {i: f"{statistics.median(r['peak_mb'] for r in rs):.0f}" for i, rs in results.items()},
                )
                row(
                    "   peak summed Pss of all its processes, MB, median",
                    {i: f"{statistics.median(r['pss_mb'] for r in rs):.0f}" for i, rs in results.items()},
                )

    import loky

    table = [f"# bench_parallel — {time.strftime('%Y-%m-%d')}", "",
             f"command: `python {' '.join(sys.argv)}`", "",
             f"Python {sys.version.split()[0]}, loky {loky.__version__}, {os.cpu_count()} cores (shared: timings are "
             "noisy; min / median of interleaved runs), commit "
             + (subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
                or "unknown") + " (and this script).",
             "", "| scenario | " + " | ".join(implementations) + " |", "|---|" + "---|" * len(implementations)]  # fmt: skip
    table += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    print("\n".join(table))
    if str(args.out) != "-":
        args.out.write_text("\n".join(table) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
