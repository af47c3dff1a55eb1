package org.replearn.core.kernel;

import org.replearn.core.Validate;

/**
 * Gaussian (RBF) kernel {@code k(x, y) = exp(−||x − y||² / (2 d ℓ²))}: the length scale {@code ℓ} is relative to
 * {@code sqrt(d)}, the typical norm of {@code x ~ N(0, I_d)}. {@code ||x − y||² = ||x||² + ||y||² − 2 x·y}
 * (clamped at 0; absolute rounding error about {@code ε (||x||² + ||y||²)}), {@code StrictMath.exp}.
 */
public final class GaussianKernel extends DotProductKernel {
    private final double lengthScale;
    private final double scale;

    /** The Gaussian kernel with relative length scale {@code ℓ} on {@code R^d}. */
    public GaussianKernel(int dimension, double lengthScale) {
        super(dimension);
        this.lengthScale = Validate.positive("lengthScale", lengthScale, "use a length scale > 0 (1 is typical)");
        this.scale = 1 / (2 * dimension * lengthScale * lengthScale);
    }

    /** The relative length scale {@code ℓ}. */
    public double lengthScale() {
        return lengthScale;
    }

    @Override
    public double evaluate(double xx, double yy, double xy) {
        return StrictMath.exp(-Math.max(xx + yy - 2 * xy, 0) * scale);
    }

    @Override
    public String name() {
        return "gaussian(l=" + lengthScale + ")";
    }
}
