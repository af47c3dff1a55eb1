package org.replearn.core.kernel;

import org.replearn.core.Validate;

/**
 * Polynomial kernel {@code k(x, y) = (x·y/d + c)^p} with {@code c >= 0} (positive semi-definite) and integer
 * degree {@code p >= 1}; {@code StrictMath.pow}.
 */
public final class PolynomialKernel extends DotProductKernel {
    private final int degree;
    private final double offset;

    /** The kernel {@code (x·y/d + offset)^degree} on {@code R^d}. */
    public PolynomialKernel(int dimension, int degree, double offset) {
        super(dimension);
        this.degree = Validate.atLeast("degree", degree, 1, "use a polynomial degree >= 1");
        this.offset = Validate.nonNegative("offset", offset, "c >= 0 keeps (x·y/d + c)^p positive semi-definite");
    }

    /** The degree {@code p}. */
    public int degree() {
        return degree;
    }

    /** The offset {@code c}. */
    public double offset() {
        return offset;
    }

    @Override
    public double evaluate(double xx, double yy, double xy) {
        return StrictMath.pow(xy / dimension + offset, degree);
    }

    @Override
    public String name() {
        return "poly(p=" + degree + ",c=" + offset + ")";
    }
}
