package org.replearn.checks.claims.paper;

/**
 * The target link of the claims about the first-step correlation and the expected Hessian: constant, linear, degree 2
 * and degree 3 parts on two directions, so that removing the constant and linear parts (de-linearization) matters.
 */
final class MixedTarget {
    /** The link, in {@code TargetSpec} syntax. */
    static final String LINK = "0.3 + 0.4*h1(z1) + 0.5*h2(z1) + 0.2*h1(z1)*h1(z2) + 0.4*h1(z1)*h2(z2) + 0.3*h3(z2)";

    private MixedTarget() {
    }
}
