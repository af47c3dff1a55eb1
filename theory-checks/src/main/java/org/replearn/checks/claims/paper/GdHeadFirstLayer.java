package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.replearn.core.data.Dataset;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Algorithm 1's first layer (docs/math.md §3–§4) recomputed from its definition, outside the learner's streamed
 * kernels: {@code ỹ = y − α − β·x}, {@code α = mean(y)}, {@code β = mean(y x)} (by
 * {@link FirstStepIdentity#delinearize}, the de-linearization gradient-correctness checks); {@code W = −η₁ ∂L/∂W} at the
 * symmetric initialization by {@link TwoLayerNetwork#gradient} ({@code L = mean (f − ỹ)²}), with {@code η₁} such
 * that {@code ||W||_F² = m} (the learner's default), biases kept.
 *
 * <p>{@code roundingBound} bounds the relative Frobenius distance of two such computations that differ only in the
 * order of their sums: every entry of {@code ∂L/∂W} is {@code (2/n) Σ_i e_i a_j 1_ij x_ik}, each computation errs by at
 * most {@code γ_N Σ_i (|e_i| + c_i)|x_ik|} with {@code γ_N = N u/(1 − N u)}, {@code N = 2n + d + 2}, {@code u = 2⁻⁵³}
 * and {@code c_i = |y_i| + mean|y| + Σ_l (|β_l| + mean|y x_l|)|x_il|} (the rounding of {@code ỹ_i} and of
 * {@code α, β}), at most twice {@code delinearize}'s scale as {@code |β_l| <= mean|y x_l|}; so
 * {@code ||δ∂L/∂W||_F <= 2·(2/n) γ_N √m ||v||}, {@code v_k = Σ_i (|e_i| + c_i)|x_ik|}, and the
 * normalization at most doubles its relative size.
 *
 * @param weights       the reference first layer, m×d
 * @param roundingBound the bound on the relative distance of two roundings of it
 */
record GdHeadFirstLayer(DMatrixRMaj weights, double roundingBound) {
    private static final double UNIT_ROUNDOFF = Math.ulp(1.0) / 2;

    /** The reference first layer on the training samples {@code train} from the initialization {@code init}. */
    static GdHeadFirstLayer of(Dataset train, TwoLayerNetwork init) {
        DMatrixRMaj x = train.x();
        int n = x.numRows;
        int d = x.numCols;
        double[] weight = new double[n];
        double[] residual = FirstStepIdentity.delinearize(train, weight);
        for (int i = 0; i < n; i++) {
            weight[i] *= 2; // |β_l| <= mean|y x_l|: c_i <= 2·scale_i
        }
        DMatrixRMaj gradient = init.gradient(x, residual).w();
        double[] f = new double[n];
        init.forward(x, f);
        double[] v = new double[d];
        for (int i = 0; i < n; i++) {
            double e = Math.abs(f[i] - residual[i]) + weight[i];
            for (int k = 0; k < d; k++) {
                v[k] += e * Math.abs(x.data[i * d + k]);
            }
        }
        double norm = NormOps_DDRM.normF(gradient);
        DMatrixRMaj w = gradient.copy();
        CommonOps_DDRM.scale(-Math.sqrt(gradient.numRows) / norm, w);
        double terms = 2.0 * n + d + 2;
        double gamma = terms * UNIT_ROUNDOFF / (1 - terms * UNIT_ROUNDOFF);
        double bound = 2 * 2 * (2.0 / n) * gamma * Math.sqrt(gradient.numRows) * euclidean(v) / norm;
        return new GdHeadFirstLayer(w, bound);
    }

    /** {@code ||w − W||_F / ||W||_F}. */
    double distance(DMatrixRMaj w) {
        DMatrixRMaj diff = w.copy();
        CommonOps_DDRM.subtractEquals(diff, weights);
        return NormOps_DDRM.normF(diff) / NormOps_DDRM.normF(weights);
    }

    private static double euclidean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
