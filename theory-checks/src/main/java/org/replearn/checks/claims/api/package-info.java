/**
 * The claims API: a {@link org.replearn.checks.claims.api.Claim} is a map and a reduction over independent, pure
 * {@link org.replearn.checks.claims.api.Cell}s, run with a {@link org.replearn.checks.claims.api.RunContext} (scale,
 * master seed, threads, progress), and gives a {@link org.replearn.checks.claims.api.ClaimResult}: a typed
 * {@link org.replearn.checks.claims.api.Prediction} (value and direction), {@link org.replearn.checks.claims.api.Measurement}
 * (value, standard error, replicates) and {@link org.replearn.checks.claims.api.Tolerance} (value and derivation),
 * the verdict, the negative controls, and the report's material: {@link org.replearn.checks.claims.api.Sweep} tables
 * (one CSV each) and {@link org.replearn.checks.claims.api.PlotSpec} figures. Sweep and plot names are file names,
 * unique across all claims.
 */
package org.replearn.checks.claims.api;
