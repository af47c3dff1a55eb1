/**
 * What the experiments measure: {@link org.replearn.core.metrics.TestErrors} (relative test error
 * {@code E(f̂ - f*)²/E f*²} and excess loss {@code mean(f̂ - y)² - σ²} on a fresh test stream of at least 10⁴
 * samples), {@link org.replearn.core.metrics.Alignment} (energy of the first layer inside {@code span(U)},
 * principal angles), {@link org.replearn.core.metrics.StageTimer} (wall time per stage), and the
 * {@link org.replearn.core.metrics.Predictor} interface the learners return.
 */
package org.replearn.core.metrics;
