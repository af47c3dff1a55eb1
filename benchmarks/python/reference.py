#!/usr/bin/env python3
"""NumPy (OpenBLAS) reference of the Replearn pipeline stages, the baseline the Java benchmarks are compared with.

What a researcher would write instead of Replearn: the same algorithm (docs/math.md §3-4) in idiomatic NumPy, vectorized,
BLAS for every product, no hand fusion. Timings, not values, are compared with Java, so the data comes from NumPy's
own generator; `verify` checks on a small input exchanged through .npy files that both sides compute the same numbers.

Usage:
  reference.py time STAGE --threads T [--n N --d D --m M --reps R --warmup W --warmup-seconds S ...]
                                                                         one JSON line of timings
  reference.py verify DIR                                                        compare with Java's outputs in DIR

The BLAS thread count is fixed from --threads (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS) before NumPy
is imported.
"""
import argparse
import json
import math
import os
import sys
import time

from timing import timed

STAGES = ("dgemm", "dgemm_ejml", "hermite", "forward", "gradient", "gram", "gradient_stream", "gram_stream",
          "krr_build", "krr_solve", "spectral", "pipeline", "pipeline_stream")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("time", help="time one stage")
    t.add_argument("stage", choices=STAGES)
    t.add_argument("--threads", type=int, required=True)
    t.add_argument("--n", type=int, default=65536, help="samples (points for hermite, matrix size for dgemm)")
    t.add_argument("--d", type=int, default=64)
    t.add_argument("--m", type=int, default=1024)
    t.add_argument("--degree", type=int, default=50, help="hermite: highest degree")
    t.add_argument("--validation", type=int, default=10000, help="pipeline: validation samples")
    t.add_argument("--chunk", type=int, default=8192, help="streamed stages: rows generated and reduced at once")
    t.add_argument("--warmup", type=int, default=1)
    t.add_argument("--warmup-seconds", type=float, default=0.0, help="keep warming up until this many seconds passed")
    t.add_argument("--reps", type=int, default=3)
    t.add_argument("--seed", type=int, default=1)
    v = sub.add_parser("verify", help="recompute Java's small-size outputs in DIR and compare")
    v.add_argument("dir")
    v.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


ARGS = parse_args(sys.argv[1:])
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(ARGS.threads)

import numpy as np  # noqa: E402  (after the thread count is fixed)

try:
    import scipy.linalg as sla  # noqa: E402
    import scipy.special as special  # noqa: E402
except ImportError:  # numpy-only fallback (the spectral stage needs SciPy)
    sla = special = None

NOISE_VARIANCE = 1.0
LAMBDAS = np.logspace(-10, 15, 100)
PARTS = {}  # wall time per part of the last pipeline run
KRR_LAMBDA = 1e-3  # alpha = (K + n lambda I)^-1 y, as Java's KernelRidge.fit
SPECTRAL_GRID = (6, 32, 64)  # harmonic degrees 0..6, radial and angular nodes, as Java's Stages.SPECTRAL_GRID


# ---------------------------------------------------------------------------------------------------------------- math
def hermite(z, degree):
    """h_0..h_K at z (rows = degrees) by the normalized recurrence h_{k+1} = (z h_k - sqrt(k) h_{k-1}) / sqrt(k+1)."""
    h = np.empty((degree + 1, z.size))
    h[0] = 1.0
    if degree > 0:
        h[1] = z
    for k in range(1, degree):
        np.multiply(z, h[k], out=h[k + 1])
        h[k + 1] -= math.sqrt(k) * h[k - 1]
        h[k + 1] *= 1.0 / math.sqrt(k + 1)
    return h


def symmetric_init(m, d, rng):
    """docs/math.md §3: w_j ~ N(0, I/d), b_j ~ N(0,1), a_j = ±1 for j < m/2, mirrored with a negated."""
    half = m // 2
    w = rng.standard_normal((half, d)) / math.sqrt(d)
    b = rng.standard_normal(half)
    a = rng.choice([-1.0, 1.0], half)
    return np.vstack([w, w]), np.concatenate([b, b]), np.concatenate([a, -a])


def target_frame(d, rng):
    u = rng.standard_normal(d)
    return u / np.linalg.norm(u)


def samples(rows, u, rng):
    """x ~ N(0, I_d), y = h_2(u·x) + ε with ε ~ N(0, 1) (preset single-h2)."""
    x = rng.standard_normal((rows, u.size))
    z = x @ u
    y = (z * z - 1.0) / math.sqrt(2.0) + math.sqrt(NOISE_VARIANCE) * rng.standard_normal(rows)
    return x, y


def linear_part(x, y):
    """Algorithm 1 step 2: alpha = mean(y), beta = mean(y_i x_i)."""
    return y.mean(), x.T @ y / y.size


def forward(x, w, b, a):
    s = x @ w.T
    s += b
    np.maximum(s, 0.0, out=s)
    return s @ a


def gradient_sum(x, yt, w, b, a):
    """Σ_i e_i a_j 1[s_ij > 0] x_i (m×d), e = f(x) - ỹ: the unscaled first-layer gradient of docs/math.md §3."""
    s = x @ w.T
    s += b
    e = np.maximum(s, 0.0) @ a - yt
    coef = (s > 0) * e[:, None]
    coef *= a
    return coef.T @ x


def gram_sums(x, yt, w, b):
    """(ΦᵀΦ, Φᵀỹ) with Φ = relu(X Wᵀ + b), unscaled."""
    phi = x @ w.T
    phi += b
    np.maximum(phi, 0.0, out=phi)
    return phi.T @ phi, phi.T @ yt


def relu_ntk(x1, x2):
    """Infinite-width ReLU NTK at the docs/math.md §3 initialization (w ~ N(0, I/d), b ~ N(0,1)), as Java's ReluNtk."""
    d = x1.shape[1]
    xx = np.einsum("ij,ij->i", x1, x1)
    yy = np.einsum("ij,ij->i", x2, x2)
    return ntk_of(xx[:, None], yy[None, :], x1 @ x2.T, d)


def ntk_of(xx, yy, g, d):
    """The ReLU NTK from squared norms xx, yy and inner products g (broadcast together; g is overwritten):
    u = w·x + b, v = w·y + b have sd_u sd_v = sqrt((|x|²/d + 1)(|y|²/d + 1)) and correlation ρ = cos θ =
    (x·y/d + 1)/(sd_u sd_v); Θ = sd_u sd_v (sin θ + (π − θ) ρ)/2π + (π − θ)/2π (x·y + 1)."""
    sd = np.sqrt((xx / d + 1.0) * (yy / d + 1.0))
    rho = np.clip((g / d + 1.0) / sd, -1.0, 1.0)
    pi_theta = math.pi - np.arccos(rho)
    k = sd * (np.sqrt(1.0 - rho * rho) + pi_theta * rho)
    g += 1.0
    k += pi_theta * g
    k *= 1.0 / (2.0 * math.pi)
    return k


def spectral_operators(d, grid=SPECTRAL_GRID, magnitude=False):
    """The ReLU NTK's radial operators under x ~ N(0, I_d), one per harmonic degree (docs/math.md §8, Java's
    HarmonicSpectrum): x = ρθ with s = ρ²/2 ~ Gamma(d/2) and t = θ·θ' of density ∝ (1 − t²)^((d−3)/2);
    c_ℓ(ρ_a, ρ_b) = E_t[Θ(ρ_a², ρ_b², ρ_aρ_b t) Q_ℓ(t)] (Gegenbauer Q_ℓ of index (d − 2)/2, Q_ℓ(1) = 1) by the Gauss
    rules of s and t, symmetrized with the square roots ω^½ of the radial weights. Returns the operators (degree
    first) and ω^½; with `magnitude`, the same sums of |Θ|·|Q_ℓ| (the scale their rounding is relative to)."""
    degrees, radial, angular = grid
    # s ~ Gamma(d/2): generalized Gauss–Laguerre nodes with exponent d/2 − 1; SciPy's weights carry Γ(d/2), which
    # overflows at d = 1024, so they come from the closed form w_a ∝ s_a / L_{N+1}^(d/2−1)(s_a)² (A&S 25.4.45).
    s, _ = special.roots_genlaguerre(radial, d / 2 - 1)
    w = s / special.eval_genlaguerre(radial + 1, d / 2 - 1, s) ** 2
    w /= w.sum()
    t, v = special.roots_jacobi(angular, (d - 3) / 2, (d - 3) / 2)
    v /= v.sum()
    index = (d - 2) / 2
    q = np.array([special.eval_gegenbauer(ell, index, t) / special.eval_gegenbauer(ell, index, 1.0)
                  for ell in range(degrees + 1)])
    sq = 2.0 * s
    k = ntk_of(sq[:, None, None], sq[None, :, None], np.sqrt(np.outer(sq, sq))[:, :, None] * t, d)
    if magnitude:
        k, q = np.abs(k), np.abs(q)
    c = k @ (v[:, None] * q.T)  # c[a, b, ℓ]
    root = np.sqrt(w)
    return np.moveaxis(root[:, None, None] * c * root[None, :, None], 2, 0), root


def harmonic_spectrum(d, grid=SPECTRAL_GRID):
    """The radial eigenvalues μ_ℓj (row ℓ decreasing) and eigenfunctions at the radial nodes (φ_j(ρ_a), normalized
    to Σ_a ω_a φ_j(ρ_a)² = 1) of the ReLU NTK on R^d, as Java's HarmonicSpectrum.of(new ReluNtk(d), grid)."""
    ops, root = spectral_operators(d, grid)
    mu, vec = np.linalg.eigh(ops)
    return mu[:, ::-1], vec[:, :, ::-1] / root[None, :, None]


def chol_solve(k, y, lam):
    a = k.copy()
    a.flat[:: a.shape[0] + 1] += lam
    if sla is not None:
        return sla.cho_solve(sla.cho_factor(a, lower=True, overwrite_a=True, check_finite=False), y,
                             check_finite=False)
    return np.linalg.solve(a, y)


def ridge_head(gram, phity, phi_val, yt_val):
    """Algorithm 1 step 5, eigen path: one eigh of ΦᵀΦ/n for the whole λ grid, λ chosen on validation."""
    ev, v = np.linalg.eigh(gram)
    ev = np.maximum(ev, 0.0)
    t = v.T @ phity
    proj = phi_val @ v
    coefs = t[:, None] / (ev[:, None] + LAMBDAS[None, :])
    errors = ((proj @ coefs - yt_val[:, None]) ** 2).mean(axis=0)
    best = int(np.argmin(errors))
    return v @ coefs[:, best], LAMBDAS[best], errors


def one_step(x, y, xv, yv, w, b, a, parts=None):
    """The whole one-step pipeline on in-memory data: returns (W¹, a¹, λ, α, β); wall time per part into `parts`."""
    parts = {} if parts is None else parts
    clock = [time.perf_counter()]

    def lap(name):
        now = time.perf_counter()
        parts[name] = now - clock[0]
        clock[0] = now

    n = y.size
    alpha, beta = linear_part(x, y)
    yt = y - alpha - x @ beta
    lap("linear-part")
    grad = gradient_sum(x, yt, w, b, a) * (2.0 / n)
    w1 = grad * (-math.sqrt(w.shape[0]) / np.linalg.norm(grad))
    lap("first-step")
    gram, phity = gram_sums(x, yt, w1, b)
    lap("feature-gram")
    phi_val = xv @ w1.T
    phi_val += b
    np.maximum(phi_val, 0.0, out=phi_val)
    a1, lam, _ = ridge_head(gram / n, phity / n, phi_val, yv - alpha - xv @ beta)
    lap("ridge-head")
    return w1, a1, lam, alpha, beta


# -------------------------------------------------------------------------------------------------------------- stages
def setup(stage, o):
    """Untimed preparation; returns a zero-argument callable running the stage once, and its flop count."""
    rng = np.random.default_rng(o.seed)
    n, d, m = o.n, o.d, o.m
    if stage in ("dgemm", "dgemm_ejml"):
        p, q = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        return (lambda: p @ q), 2.0 * n ** 3
    if stage == "hermite":
        z = rng.standard_normal(n)
        return (lambda: hermite(z, o.degree)), 3.0 * n * o.degree
    if stage == "spectral":
        return (lambda: harmonic_spectrum(d)), 0.0
    u = target_frame(d, rng)
    w, b, a = symmetric_init(m, d, rng)
    if stage in ("krr_build", "krr_solve"):
        x, y = samples(n, u, rng)
        if stage == "krr_build":
            return (lambda: relu_ntk(x, x)), 2.0 * n * n * d
        k = relu_ntk(x, x)
        return (lambda: chol_solve(k, y, n * KRR_LAMBDA)), n ** 3 / 3.0 + 2.0 * n * n
    if stage in ("forward", "gradient", "gram", "pipeline"):
        x, y = samples(n, u, rng)
        alpha, beta = linear_part(x, y)
        yt = y - alpha - x @ beta
        if stage == "forward":
            return (lambda: forward(x, w, b, a)), 2.0 * n * m * d + 2.0 * n * m
        if stage == "gradient":
            return (lambda: gradient_sum(x, yt, w, b, a) * (2.0 / n)), 4.0 * n * m * d
        if stage == "gram":
            return (lambda: gram_sums(x, yt, w, b)), 2.0 * n * m * d + n * m * (m + 1.0) + 2.0 * n * m

        def pipeline():  # data generation included, as Java's streamed pipeline generates its blocks
            t0 = time.perf_counter()
            r = np.random.default_rng(o.seed + 1)
            xt, ytr = samples(n, u, r)
            xv, yv = samples(o.validation, u, r)
            PARTS.clear()
            PARTS["data"] = time.perf_counter() - t0
            return one_step(xt, ytr, xv, yv, w, b, a, PARTS)
        return pipeline, 6.0 * n * m * d + n * m * m
    # streamed stages: blocks generated and reduced one at a time, nothing n×d or n×m in memory
    chunks = [(s, min(o.chunk, n - s)) for s in range(0, n, o.chunk)]

    def stream_linear(r):
        sy, sxy = 0.0, np.zeros(d)
        for _, rows in chunks:
            x, y = samples(rows, u, r)
            sy += y.sum()
            sxy += x.T @ y
        return sy / n, sxy / n

    if stage == "gradient_stream":
        alpha, beta = stream_linear(np.random.default_rng(o.seed + 1))

        def gradient_stream():
            r = np.random.default_rng(o.seed + 1)
            g = np.zeros((m, d))
            for _, rows in chunks:
                x, y = samples(rows, u, r)
                g += gradient_sum(x, y - alpha - x @ beta, w, b, a)
            return g * (2.0 / n)
        return gradient_stream, 4.0 * n * m * d
    if stage == "gram_stream":
        alpha, beta = stream_linear(np.random.default_rng(o.seed + 1))

        def gram_stream():
            r = np.random.default_rng(o.seed + 1)
            g, c = np.zeros((m, m)), np.zeros(m)
            for _, rows in chunks:
                x, y = samples(rows, u, r)
                gg, cc = gram_sums(x, y - alpha - x @ beta, w, b)
                g += gg
                c += cc
            return g / n, c / n
        return gram_stream, 2.0 * n * m * d + n * m * (m + 1.0) + 2.0 * n * m

    def pipeline_stream():
        r = np.random.default_rng(o.seed + 1)
        alpha, beta = stream_linear(r)
        r = np.random.default_rng(o.seed + 1)
        g = np.zeros((m, d))
        for _, rows in chunks:
            x, y = samples(rows, u, r)
            g += gradient_sum(x, y - alpha - x @ beta, w, b, a)
        g *= 2.0 / n
        w1 = g * (-math.sqrt(m) / np.linalg.norm(g))
        r = np.random.default_rng(o.seed + 1)
        gram, c = np.zeros((m, m)), np.zeros(m)
        for _, rows in chunks:
            x, y = samples(rows, u, r)
            gg, cc = gram_sums(x, y - alpha - x @ beta, w1, b)
            gram += gg
            c += cc
        xv, yv = samples(o.validation, u, np.random.default_rng(o.seed + 2))
        phi_val = np.maximum(xv @ w1.T + b, 0.0)
        return ridge_head(gram / n, c / n, phi_val, yv - alpha - xv @ beta)
    return pipeline_stream, 6.0 * n * m * d + n * m * m


def time_stage(o):
    run, flops = setup(o.stage, o)
    times, _ = timed(run, o.warmup, o.warmup_seconds, o.reps)
    med = float(np.median(times))
    print(json.dumps({"side": "numpy", "stage": o.stage, "threads": o.threads, "n": o.n, "d": o.d, "m": o.m,
                      "times": times, "median": med, "gflops": flops / med / 1e9,
                      "numpy": np.__version__, "scipy": None if sla is None else __import__("scipy").__version__,
                      "parts": {k: round(v, 4) for k, v in PARTS.items()}}))


# -------------------------------------------------------------------------------------------------------------- verify
def verify(directory):
    """Recomputes every stage from the inputs Java wrote into `directory` and compares with Java's outputs."""
    def load(name):
        return np.load(os.path.join(directory, name + ".npy"))

    x, y, w, b, a = load("x"), load("y"), load("w"), load("b"), load("a")
    n, m = x.shape[0], w.shape[0]
    alpha, beta = linear_part(x, y)
    yt = y - alpha - x @ beta
    checks = [
        ("hermite", hermite(load("hermite_z"), int(load("hermite").shape[1]) - 1).T, load("hermite")),
        ("forward", forward(x, w, b, load("forward_a")), load("forward")),
        ("forward_loss", np.array([np.mean((forward(x, w, b, load("forward_a")) - y) ** 2)]), load("loss")),
        ("linear_part", np.concatenate([[alpha], beta]), load("linear_part")),
        ("gradient", gradient_sum(x, yt, w, b, a) * (2.0 / n), load("gradient")),
    ]
    gram, phity = gram_sums(x, yt, w, b)
    checks += [("gram", gram / n, load("gram")), ("phity", phity / n, load("phity"))]
    xk, yk = load("krr_x"), load("krr_y")
    k = relu_ntk(xk, xk)
    # the solve is checked on Java's kernel matrix, so that the two checks are independent
    checks += [("krr_kernel", k, load("krr_kernel")),
               ("krr_coef", chol_solve(load("krr_kernel"), yk, yk.size * KRR_LAMBDA), load("krr_coef"))]
    w1, a1, lam, _, _ = one_step(x, y, load("xv"), load("yv"), w, b, a)
    checks += [("pipeline_w1", w1, load("pipeline_w1")), ("pipeline_lambda", np.array([lam]), load("pipeline_lambda"))]
    # a(λ) = (G + λI)⁻¹ c is ill-conditioned at small λ: compare predictions on validation, not coefficients.
    phi_v = np.maximum(load("xv") @ w1.T + b, 0.0)
    checks += [("pipeline_val_pred", phi_v @ a1, phi_v @ load("pipeline_a"))]
    # The spectrum at d = 1024: the leading radial eigenvalue of each degree. Both sides sum c_ℓ over the 64 angular
    # nodes in a different order (and with other nodes and weights, each correct to a few ulp), so they may differ
    # by up to ~64 ε times the sum of the terms' magnitudes (Higham's bound for a sum), which at high degree is far
    # above c_ℓ itself: the terms cancel to 1/N(d, ℓ). Each degree's tolerance is that bound relative to μ_ℓ0 (the
    # norm of the magnitudes' operator over μ_ℓ0: 8 at ℓ = 0, 6e7 at ℓ = 6), at least 1e-12 (eigh and EJML's solver
    # are backward stable, ε·r·‖T_ℓ‖, and μ_ℓ0 = ‖T_ℓ‖).
    d = int(load("spectral_d")[0])
    mu = harmonic_spectrum(d)[0]
    scale = np.linalg.eigvalsh(spectral_operators(d, magnitude=True)[0])[:, -1]
    tols = {}
    for ell, java in enumerate(load("spectral")):
        name = f"spectral_mu0_l{ell}"
        checks.append((name, mu[ell, :1], java[:1]))
        tols[name] = max(1e-12, 64 * np.finfo(float).eps * scale[ell] / mu[ell, 0])
    ok = True
    for name, mine, java in checks:
        java = java.reshape(mine.shape)
        err = float(np.max(np.abs(mine - java)) / max(np.max(np.abs(mine)), np.max(np.abs(java)), 1e-300))
        # Same formulas, other summation order (fma, blocking): a few hundred ulp at these sizes. The pipeline
        # compounds it through the learning-rate normalization and an eigendecomposition. The ReLU NTK evaluates
        # arccos(ρ) near ρ = 1 (the diagonal and close pairs), where a rounding δρ ~ ε of the inner products moves θ by
        # sqrt(2 δρ) ~ 2e-8: both sides are right to that accuracy.
        tol = {"krr_kernel": 1e-7, **tols}.get(name, 1e-8 if name.startswith("pipeline") else 1e-11)
        good = err <= tol
        ok &= good
        print(f"{name:18s} shape={str(mine.shape):14s} max rel err={err:.2e} tol={tol:.0e} {'ok' if good else 'MISMATCH'}")
    print("verify:", "PASS" if ok else "FAIL", f"(n={n}, m={m}, d={x.shape[1]}; spectrum d={d})")
    return 0 if ok else 1


if __name__ == "__main__":
    if ARGS.command == "verify":
        sys.exit(verify(ARGS.dir))
    time_stage(ARGS)
