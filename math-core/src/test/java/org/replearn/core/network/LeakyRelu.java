package org.replearn.core.network;

/** A test activation other than the ReLU: {@code σ(s) = s} for {@code s > 0}, {@code 0.1·s} otherwise. */
public final class LeakyRelu implements Activation {
    /** The one instance. */
    public static final LeakyRelu INSTANCE = new LeakyRelu();

    private LeakyRelu() {
    }

    @Override
    public double value(double s) {
        return s > 0 ? s : 0.1 * s;
    }

    @Override
    public double derivative(double s) {
        return s > 0 ? 1 : 0.1;
    }

    @Override
    public String name() {
        return "leaky";
    }
}
