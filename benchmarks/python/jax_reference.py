#!/usr/bin/env python3
"""JAX (XLA on the CPU) side of the Replearn benchmarks: Algorithm 1's one-step pipeline as reference.py's `pipeline`.

What a researcher using the paper's own toolkit would write: the same algorithm as reference.py's `one_step`
(docs/math.md §3-4: data, α/β, de-linearized labels, the first gradient step of the symmetric ReLU network with the
RMS-1 step, the feature Gram, the ridge head over the same 100 λ chosen on the validation set), each step a
jit-compiled function, `jnp.linalg.eigh` for the head. The data comes from JAX's own generator with the same
distributions; `verify` feeds NumPy's data to both this file and reference.py and compares the results.

Usage:
  jax_reference.py time pipeline --threads T [--dtype float32|float64] [--n N --d D --m M --validation V
                                  --warmup W --warmup-seconds S --reps R --seed S]      one JSON line of timings
  jax_reference.py verify [--dtype float32|float64] [--n N --d D --m M --validation V --test T --seed S]
                                                                 compare with reference.py on the same NumPy data

`time` prints reference.py's JSON line (side "jax", plus "dtype"); the first run compiles, so `--warmup 0 --reps 1`
times a cold process's single call and `--warmup 1` times compiled calls. The thread count is fixed from --threads
before JAX is imported. JAX 0.10's CPU client sizes its thread pools from the cores the process may run on (the
thread flags of XLA_FLAGS do not bound them), so T below the core count means a CPU affinity to the first T cores;
eigh runs LAPACK through the BLAS SciPy is linked with (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS).
float64 sets `jax_enable_x64`; float32 is JAX's default.
"""
import argparse
import functools
import importlib.metadata
import importlib.util
import json
import math
import os
import sys
import time

from timing import timed

LAMBDAS_GRID = (-10.0, 15.0, 100)  # np.logspace(-10, 15, 100), as reference.py's LAMBDAS
NOISE_VARIANCE = 1.0


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("time", help="time the pipeline")
    t.add_argument("stage", choices=("pipeline",))
    t.add_argument("--threads", type=int, required=True)
    t.add_argument("--n", type=int, default=65536)
    t.add_argument("--d", type=int, default=64)
    t.add_argument("--m", type=int, default=1024)
    t.add_argument("--validation", type=int, default=10000)
    t.add_argument("--warmup", type=int, default=1)
    t.add_argument("--warmup-seconds", type=float, default=0.0, help="keep warming up until this many seconds passed")
    t.add_argument("--reps", type=int, default=3)
    t.add_argument("--seed", type=int, default=1)
    v = sub.add_parser("verify", help="JAX and reference.py's NumPy pipeline on the same NumPy data")
    v.add_argument("--threads", type=int, default=1)
    v.add_argument("--n", type=int, default=2048)
    v.add_argument("--d", type=int, default=16)
    v.add_argument("--m", type=int, default=64)
    v.add_argument("--validation", type=int, default=512)
    v.add_argument("--test", type=int, default=10000)
    v.add_argument("--seed", type=int, default=1)
    for s in (t, v):
        s.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    return p.parse_args(argv)


ARGS = parse_args(sys.argv[1:])
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(ARGS.threads)
_cores = sorted(os.sched_getaffinity(0))
if ARGS.threads < len(_cores):  # XLA sizes its thread pools from the cores this process may run on
    os.sched_setaffinity(0, _cores[:ARGS.threads])

import jax  # noqa: E402  (after the thread count is fixed)

jax.config.update("jax_enable_x64", ARGS.dtype == "float64")
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

DTYPE = jnp.dtype(ARGS.dtype)
LAMBDAS = jnp.logspace(*LAMBDAS_GRID[:2], LAMBDAS_GRID[2], dtype=DTYPE)
PARTS = {}  # wall time per part of the last pipeline run


# ---------------------------------------------------------------------------------------------------------------- math
def symmetric_init(key, m, d):
    """docs/math.md §3: w_j ~ N(0, I/d), b_j ~ N(0,1), a_j = ±1 for j < m/2, mirrored with a negated."""
    kw, kb, ka = jax.random.split(key, 3)
    half = m // 2
    w = jax.random.normal(kw, (half, d), DTYPE) / math.sqrt(d)
    b = jax.random.normal(kb, (half,), DTYPE)
    a = jax.random.rademacher(ka, (half,), DTYPE)
    return jnp.vstack([w, w]), jnp.concatenate([b, b]), jnp.concatenate([a, -a])


def target_frame(key, d):
    u = jax.random.normal(key, (d,), DTYPE)
    return u / jnp.linalg.norm(u)


@functools.partial(jax.jit, static_argnums=1)
def samples(key, rows, u):
    """x ~ N(0, I_d), y = h_2(u·x) + ε with ε ~ N(0, 1) (preset single-h2)."""
    kx, ke = jax.random.split(key)
    x = jax.random.normal(kx, (rows, u.size), DTYPE)
    z = x @ u
    return x, (z * z - 1.0) / math.sqrt(2.0) + math.sqrt(NOISE_VARIANCE) * jax.random.normal(ke, (rows,), DTYPE)


@jax.jit
def linear_part(x, y):
    """Algorithm 1 step 2: α = mean(y), β = mean(y_i x_i); and the de-linearized labels ỹ = y − α − β·x."""
    alpha, beta = y.mean(), x.T @ y / y.size
    return alpha, beta, y - alpha - x @ beta


@jax.jit
def first_step(x, yt, w, b, a):
    """W¹ = −√m ∇/‖∇‖ with ∇ = (2/n) Σ_i e_i a_j 1[s_ij > 0] x_i, e = f(x) − ỹ (docs/math.md §3)."""
    s = x @ w.T + b
    e = jax.nn.relu(s) @ a - yt
    grad = ((s > 0) * e[:, None] * a).T @ x * (2.0 / yt.size)
    return grad * (-math.sqrt(w.shape[0]) / jnp.linalg.norm(grad))


@jax.jit
def feature_gram(x, yt, w1, b):
    """(ΦᵀΦ/n, Φᵀỹ/n) with Φ = relu(X W¹ᵀ + b)."""
    phi = jax.nn.relu(x @ w1.T + b)
    return phi.T @ phi / yt.size, phi.T @ yt / yt.size


@jax.jit
def ridge_head(gram, phity, xv, ytv, w1, b):
    """Algorithm 1 step 5, eigen path: one eigh of ΦᵀΦ/n for the whole λ grid, λ chosen on validation."""
    ev, v = jnp.linalg.eigh(gram)
    ev = jnp.maximum(ev, 0.0)
    coefs = (v.T @ phity)[:, None] / (ev[:, None] + LAMBDAS[None, :])
    errors = ((jax.nn.relu(xv @ w1.T + b) @ v @ coefs - ytv[:, None]) ** 2).mean(axis=0)
    best = jnp.argmin(errors)
    return v @ coefs[:, best], LAMBDAS[best]


@jax.jit
def test_error(x, y, alpha, beta, w1, b, a1):
    """Mean squared error of the fitted model α + β·x + relu(x W¹ᵀ + b)·a¹ on labelled samples."""
    return jnp.mean((alpha + x @ beta + jax.nn.relu(x @ w1.T + b) @ a1 - y) ** 2)


def one_step(x, y, xv, yv, w, b, a, parts=None):
    """The whole one-step pipeline on in-memory data: returns (W¹, a¹, λ, α, β); wall time per part into `parts`."""
    parts = {} if parts is None else parts
    clock = [time.perf_counter()]

    def lap(name, *values):
        jax.block_until_ready(values)
        now = time.perf_counter()
        parts[name] = now - clock[0]
        clock[0] = now

    alpha, beta, yt = linear_part(x, y)
    lap("linear-part", yt)
    w1 = first_step(x, yt, w, b, a)
    lap("first-step", w1)
    gram, phity = feature_gram(x, yt, w1, b)
    lap("feature-gram", gram, phity)
    a1, lam = ridge_head(gram, phity, xv, yv - alpha - xv @ beta, w1, b)
    lap("ridge-head", a1, lam)
    return w1, a1, lam, alpha, beta


# ---------------------------------------------------------------------------------------------------------------- time
def time_pipeline(o):
    ku, ki = jax.random.split(jax.random.key(o.seed))
    u = target_frame(ku, o.d)
    w, b, a = symmetric_init(ki, o.m, o.d)

    def pipeline():  # data generation included, as on the NumPy and Java sides
        t0 = time.perf_counter()
        kt, kv = jax.random.split(jax.random.key(o.seed + 1))
        xt, yt = samples(kt, o.n, u)
        xv, yv = samples(kv, o.validation, u)
        jax.block_until_ready((xt, yt, xv, yv))
        PARTS.clear()
        PARTS["data"] = time.perf_counter() - t0
        return one_step(xt, yt, xv, yv, w, b, a, PARTS)

    times, k = timed(pipeline, o.warmup, o.warmup_seconds, o.reps)
    med = float(np.median(times))
    flops = 6.0 * o.n * o.m * o.d + float(o.n) * o.m * o.m
    print(json.dumps({"side": "jax", "dtype": o.dtype, "stage": o.stage, "threads": o.threads, "n": o.n, "d": o.d,
                      "m": o.m, "times": times, "median": med, "gflops": flops / med / 1e9,
                      "jax": jax.__version__, "jaxlib": importlib.metadata.version("jaxlib"), "warmup": k,
                      "cores": sorted(os.sched_getaffinity(0)),
                      "parts": {k: round(v, 4) for k, v in PARTS.items()}}))


# -------------------------------------------------------------------------------------------------------------- verify
def numpy_reference(threads):
    """reference.py as a module (its command line fixed to a valid `verify` one, which only sets the BLAS threads)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.py")
    spec = importlib.util.spec_from_file_location("reference", path)
    module = importlib.util.module_from_spec(spec)
    argv = sys.argv
    sys.argv = [path, "verify", ".", "--threads", str(threads)]
    try:
        spec.loader.exec_module(module)
    finally:
        sys.argv = argv
    return module


def verify(o):
    """Both pipelines on the same NumPy data and initialization; prints the relative differences and PASS or FAIL.

    float64: the same formulas in another summation order, amplified by the RMS-1 normalization and the
    eigendecomposition (reference.py verify's 1e-8 for the pipeline against Java). float32: a first-order bound from
    float32 rounding. Each sum of the pipeline (over the n samples, the d inputs or the m features) carries a
    relative error of at most (n + d + m) u, u = 2⁻²⁴; the ridge solve multiplies a relative error of the Gram matrix
    by its condition number κ = (μ_max + λ)/(μ_min + λ) at the chosen λ (μ: the eigenvalues of ΦᵀΦ/n, from the
    float64 run); a relative error δ of the network's predictions p moves the test error E by at most
    2 δ rms(p)/√E relative to E. The validation predictions and W¹ get (n + d + m) u κ and (n + d) u, λ must be the
    same grid point unless the validation errors at the two points differ by less than the predictions' bound.
    """
    ref = numpy_reference(o.threads)
    rng = np.random.default_rng(o.seed)
    u = ref.target_frame(o.d, rng)
    w, b, a = ref.symmetric_init(o.m, o.d, rng)
    x, y = ref.samples(o.n, u, rng)
    xv, yv = ref.samples(o.validation, u, rng)
    xs, ys = ref.samples(o.test, u, rng)
    w1, a1, lam, alpha, beta = ref.one_step(x, y, xv, yv, w, b, a)
    phi_v = np.maximum(xv @ w1.T + b, 0.0)
    pred_v = phi_v @ a1
    pred_s = alpha + xs @ beta + np.maximum(xs @ w1.T + b, 0.0) @ a1
    err = float(np.mean((pred_s - ys) ** 2))

    cast = [jnp.asarray(v, DTYPE) for v in (x, y, xv, yv, w, b, a)]
    jw1, ja1, jlam, jalpha, jbeta = one_step(*cast)
    jphi_v = jax.nn.relu(cast[2] @ jw1.T + cast[5])
    jpred_v = np.asarray(jphi_v @ ja1, float)
    jerr = float(test_error(jnp.asarray(xs, DTYPE), jnp.asarray(ys, DTYPE), jalpha, jbeta, jw1, cast[5], ja1))

    grid = np.asarray(LAMBDAS, float)
    ytv = yv - alpha - xv @ beta
    if DTYPE == jnp.float64:
        tol = {"w1": 1e-8, "val_pred": 1e-8, "test_error": 1e-8}
        close = 0.0
    else:
        eps = 2.0 ** -24
        gram, phity = ref.gram_sums(x, y - alpha - x @ beta, w1, b)
        mu = np.maximum(np.linalg.eigvalsh(gram / o.n), 0.0)
        kappa = (mu[-1] + lam) / (mu[0] + lam)
        close = (o.n + o.d + o.m) * eps * kappa
        rms = float(np.sqrt(np.mean((pred_s - alpha - xs @ beta) ** 2)))
        tol = {"w1": (o.n + o.d) * eps, "val_pred": close, "test_error": 2.0 * close * rms / math.sqrt(err)}
        print(f"float32 bound: u = {eps:.2e}, kappa(lambda) = {kappa:.3g}, (n + d + m) u kappa = {close:.2e}")
    # NumPy's validation errors at its λ and at JAX's: the same grid point, or two the rounding cannot tell apart
    errors = ref.ridge_head(gram / o.n, phity / o.n, phi_v, ytv)[2] if close else None
    j = int(np.argmin(np.abs(np.log(grid / float(jlam)))))
    lam_ok = j == int(np.argmin(np.abs(np.log(grid / lam)))) or (
        errors is not None and abs(errors[j] / errors.min() - 1.0) <= close)
    ok = lam_ok
    print(f"{'lambda':18s} numpy={lam:.6g} jax={float(jlam):.6g} {'ok' if lam_ok else 'MISMATCH'}")
    for name, mine, theirs in (("w1", np.asarray(jw1, float), w1), ("val_pred", jpred_v, pred_v),
                               ("test_error", np.array([jerr]), np.array([err]))):
        rel = float(np.max(np.abs(mine - theirs)) / max(np.max(np.abs(theirs)), 1e-300))
        good = rel <= tol[name]
        ok &= good
        print(f"{name:18s} shape={str(theirs.shape):14s} max rel err={rel:.2e} tol={tol[name]:.1e} "
              f"{'ok' if good else 'MISMATCH'}")
    print(f"verify jax {o.dtype}:", "PASS" if ok else "FAIL",
          f"(n={o.n}, d={o.d}, m={o.m}, validation={o.validation}, test={o.test}; test error numpy {err:.10g}, "
          f"jax {jerr:.10g})")
    return 0 if ok else 1


if __name__ == "__main__":
    if ARGS.command == "verify":
        sys.exit(verify(ARGS))
    time_pipeline(ARGS)
