#!/usr/bin/env python3
"""Cold start: whole-process wall time of `replearn train` against the NumPy reference's and the JAX side's.

What a user pays for one run: a fresh JVM (start-up, class loading, the JIT compiling the Vector API kernels while
they run) doing `replearn train` (one-step: data, α/β, first step, feature Gram, ridge over 100 λ chosen on the
validation set, then the test error and the exact population error, which the other sides do not compute), against
a fresh Python process running `reference.py time pipeline --warmup 0 --reps 1` (interpreter start, NumPy/SciPy
import, data, the same algorithm) on the same problem; with --jax, also fresh processes of
`jax_reference.py time pipeline --warmup 0 --reps 1` in float32 and float64 (JAX import, the JIT compiling each step
on its first call, the same algorithm). All are timed from the outside, from fork to exit, so the interpreter's start
counts on every side. Each round runs one process of each side, the order alternating (forward, then backward); one
untimed run of each primes the file cache (and lets the launcher create its class-data archive, part of the build).
Without an importable JAX the JAX sides are left out with one line on stderr.

usage: cold.py --replearn PATH --reference PATH [--jax PATH] --threads T --runs R --n N --d D --m M --validation V
               [--seed S]
Prints one JSON line per timed process (the format of reference.py's `time` lines, stage "cold"), with the process's
CPU time, the load average after it, and `replearn: warning` lines from its stderr (VectorGuard's cliff report).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--replearn", required=True, help="the launcher (with the jar already built beside it)")
    p.add_argument("--reference", required=True, help="benchmarks/python/reference.py")
    p.add_argument("--jax", help="benchmarks/python/jax_reference.py (float32 and float64 sides when JAX imports)")
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--n", type=int, default=65536)
    p.add_argument("--d", type=int, default=64)
    p.add_argument("--m", type=int, default=1024)
    p.add_argument("--validation", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args(argv)


def run(cmd):
    """Runs cmd to completion: (wall seconds, CPU seconds of the process and its children, stdout, stderr)."""
    before = os.times()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = os.times()
    if done.returncode != 0:
        sys.exit(f"cold: {' '.join(cmd)} failed with exit {done.returncode}:\n{done.stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, done.stdout, done.stderr


def main(o):
    sizes = ["--n", str(o.n), "--d", str(o.d), "--m", str(o.m), "--validation", str(o.validation)]
    java = [o.replearn, "train", "--target", "single-h2", "--noise", "1", "--seed", str(o.seed),
            "--threads", str(o.threads), "--json", "--quiet"] + sizes
    numpy = [sys.executable, o.reference, "time", "pipeline", "--threads", str(o.threads), "--warmup", "0",
             "--reps", "1", "--seed", str(o.seed)] + sizes
    sides = {("java", None): java, ("numpy", None): numpy}
    if o.jax and importlib.util.find_spec("jax") is None:
        print("JAX not importable: pip install jax==0.10.2", file=sys.stderr)
    elif o.jax:
        for dtype in ("float32", "float64"):
            sides["jax", dtype] = [sys.executable, o.jax, "time", "pipeline", "--threads", str(o.threads), "--warmup",
                                   "0", "--reps", "1", "--seed", str(o.seed), "--dtype", dtype] + sizes
    flops = 6.0 * o.n * o.m * o.d + float(o.n) * o.m * o.m
    for cmd in sides.values():
        run(cmd)
    order = list(sides)
    for r in range(o.runs):
        for side, dtype in (order if r % 2 == 0 else order[::-1]):
            wall, cpu, out, err = run(sides[side, dtype])
            line = json.loads(out.strip().splitlines()[-1])
            parts = line.get("stage_seconds") if side == "java" else line.get("parts")
            print(json.dumps({"side": side, **({"dtype": dtype} if dtype else {}), "stage": "cold",
                              "threads": o.threads, "n": o.n, "d": o.d, "m": o.m,
                              "times": [wall], "median": wall, "gflops": flops / wall / 1e9, "cpu": cpu,
                              "run": r, "load": os.getloadavg()[0],
                              "warnings": [w for w in err.splitlines() if w.startswith("replearn: warning")],
                              "parts": {k: round(v, 4) for k, v in (parts or {}).items()}}), flush=True)


if __name__ == "__main__":
    main(parse_args(sys.argv[1:]))
