/**
 * The paper's claims (docs/math.md §6) as runnable experiments.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@link org.replearn.checks.claims.api.Claim}: {@code id()} (kebab-case, stable: it keys the seed streams and the
 *       file names), {@code statement()}, and {@code run(RunContext)} returning a
 *       {@link org.replearn.checks.claims.api.ClaimResult}. Implementations are stateless and deterministic: every random
 *       quantity comes from {@code ctx.seedsFor(id())} (a {@code Seeds} derived from the master seed and the id only),
 *       and math-core's reductions make results independent of {@code ctx.threads()}.</li>
 *   <li>{@link org.replearn.checks.claims.api.RunContext}: scale ({@link org.replearn.checks.claims.api.Scale#QUICK} must
 *       keep all claims together under 3 minutes on 2 cores, about 20 s each; {@code FULL} uses larger d and more
 *       seeds), master seed, threads, and a {@link org.replearn.checks.claims.api.Progress} sink to call once per run of
 *       the sweep ({@code update(done, total)}).</li>
 *   <li>{@link org.replearn.checks.claims.api.ClaimResult}: human-readable {@code predicted}, {@code measured},
 *       {@code tolerance} and {@code rationale} (why the tolerance is what it is: standard errors from the sample
 *       size, floating-point bounds, or a stated design margin), the verdict {@code holds}, machine-readable
 *       {@code details} (JSON values; include every parameter needed to rerun), the
 *       {@link org.replearn.checks.claims.api.Sweep} tables (one CSV each, one row per run) and the
 *       {@link org.replearn.checks.claims.api.PlotSpec} figures (one PNG each). Sweep and plot names are file names and
 *       must be unique across all claims.</li>
 *   <li>{@link org.replearn.checks.claims.api.CellClaim}: a claim whose sweep splits into independent
 *       {@link org.replearn.checks.claims.api.Cell}s gives {@code cells(ctx)} (stable kebab-case keys, a work estimate
 *       and a memory model each), the pure {@code compute(cell, ctx)} (a {@code Serializable} result, bit-identical
 *       for any thread count and cell order) and {@code reduce(results, ctx)}; {@code run} is then
 *       {@code reduce(map(compute, cells))}, and {@code replearn sweep} (module {@code sweeps}) runs the same methods
 *       with the cells on Spark. A claim that is not decomposed is one cell, its whole run
 *       ({@link org.replearn.checks.claims.api.Claim#decomposed()}). Sizes per scale with
 *       {@code ctx.scale().pick(quick, full, paper)}; {@code pick(quick, full)} gives {@code full} at paper
 *       scale.</li>
 *   <li>{@link org.replearn.checks.claims.paper.Claims#all()}: the registry in report order; add a new claim there.</li>
 *   <li>Helpers: {@link org.replearn.checks.claims.stats.Exponents} (power-law fits, binomial SE, Bonferroni thresholds,
 *       number formatting) and {@link org.replearn.core.training.Experiment} (one train-and-test run of a method, as
 *       used by {@code replearn train}).</li>
 * </ul>
 *
 * <h2>Rules for a claim</h2>
 * State the prediction and the reason for the tolerance in the Javadoc and in {@code rationale}; fix tolerances and
 * seeds before looking at the result and never tune them to pass; judge only what the theory predicts in its stated
 * regime and report the rest in {@code details}. Give every claim at least one negative control
 * ({@link org.replearn.checks.claims.api.ClaimResult.Builder#control}): a deliberately wrong variant (docs/math.md §7) run
 * through the same check, which must reject it, or the claim does not hold. A property test can reuse a claim
 * directly:
 * {@code new PopulationGradientClaim().run(new RunContext(Scale.QUICK, seed, 1, Progress.NONE)).holds()}.
 */
package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
