/**
 * The statistics the claims share, each rule in one place: exponent fits over independent replicates with their
 * standard errors ({@link org.replearn.checks.claims.stats.Exponents}), standard errors, Student-t and normal quantiles
 * and Bonferroni thresholds ({@link org.replearn.checks.claims.stats.Intervals}), the coverage check of z-scores
 * ({@link org.replearn.checks.claims.stats.Coverage}), sample-size grids and their first crossing of a level
 * ({@link org.replearn.checks.claims.stats.Grids}), and the number format of report text
 * ({@link org.replearn.checks.claims.stats.Format}).
 */
package org.replearn.checks.claims.stats;
