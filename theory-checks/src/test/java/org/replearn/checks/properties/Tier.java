package org.replearn.checks.properties;

/**
 * Test tier: {@code mvn -B verify} runs the fast tier; {@code mvn -B verify -Pfull} sets
 * {@code -Dreplearn.tier=full} for larger dimensions and more seeds.
 */
final class Tier {
    private Tier() {
    }

    /** True under {@code -Pfull}. */
    static boolean full() {
        return "full".equals(System.getProperty("replearn.tier"));
    }

    /** {@code fast} in the fast tier, {@code full} under {@code -Pfull}. */
    static int pick(int fast, int full) {
        return full() ? full : fast;
    }
}
