"""The warm-up and timing loop shared by the Python sides of the benchmarks (reference.py, jax_reference.py).

Imports nothing heavy, so a cold process of either side pays only for its own libraries.
"""
import time


def timed(run, warmup, warmup_seconds, reps):
    """Calls run() at least `warmup` times and for at least `warmup_seconds`, as the Java side warms up, then `reps`
    more times. Returns (the wall seconds of the timed calls, the number of warm-up calls)."""
    end = time.perf_counter() + warmup_seconds
    k = 0
    while k < warmup or time.perf_counter() < end:
        run()
        k += 1
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return times, k
