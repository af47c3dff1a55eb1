package org.replearn.core.network;

import org.ejml.data.DMatrixRMaj;

/**
 * Gradient of the loss {@code L = (1/n) Σ_i (f(x_i) - y_i)²} with respect to the network's parameters.
 *
 * @param a output weights' gradient (length m)
 * @param w first layer's gradient (m×d)
 * @param b biases' gradient (length m)
 */
public record NetworkGradient(double[] a, DMatrixRMaj w, double[] b) {
}
