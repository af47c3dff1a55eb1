/**
 * The paper's claims (docs/math.md §6), one class each, registered in {@link org.replearn.checks.claims.paper.Claims}
 * in report order. A claim reads as its statement: a {@code Sizes} record per scale, its cells, its statistic, its
 * check and its negative controls (docs/claims.md says how each is judged). Settings several claims share are in
 * {@link org.replearn.checks.claims.paper.Conventions}; deliberately wrong variants several claims run are in
 * {@code Controls}. No claim reads another.
 *
 * <p>Rules for a claim: fix sizes, seeds and tolerances before looking at a verdict and never tune them to pass (a
 * change after seeing data is logged in docs/decisions.md and judged again on seeds not used to choose it); judge only
 * what the theory predicts in its stated regime and report the rest in {@code details}; give every claim at least one
 * negative control (docs/math.md §7) that its own check must reject. A test runs a claim as the report does:
 * {@code InProcess.run(new PopulationGradientClaim(), new RunContext(Scale.QUICK, seed, 1, Progress.NONE)).holds()}.
 */
package org.replearn.checks.claims.paper;
