package org.replearn.core.network;

/** A pointwise activation {@code σ} with its derivative {@code σ'} (the one-sided derivative at kinks). */
public interface Activation {
    /** {@code σ(s)}. */
    double value(double s);

    /** {@code σ'(s)}. */
    double derivative(double s);

    /** Short name for reports. */
    String name();

    /** {@code σ(s) = max(s, 0)}, {@code σ'(s) = 1[s > 0]}. */
    Activation RELU = new Activation() {
        @Override
        public double value(double s) {
            return s > 0 ? s : 0.0;
        }

        @Override
        public double derivative(double s) {
            return s > 0 ? 1.0 : 0.0;
        }

        @Override
        public String name() {
            return "relu";
        }
    };
}
