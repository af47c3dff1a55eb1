package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.linalg.ReluFeatures;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/** Small seeded problems and plain, materialized reference computations for the training tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code f* = preset(U x)} on {@code R^d}, frame from {@code seed}'s FRAME stream. */
    static Target target(String preset, int d, long seed) {
        return Target.random(TargetSpec.resolve(preset), d, new Seeds(seed).rng(Stream.FRAME));
    }

    /** A problem with noise variance 0.25. */
    static Problem problem(String preset, int d, long n, long validation, long seed) {
        return new Problem(target(preset, d, seed), 0.25, n, validation, new Seeds(seed));
    }

    /** {@code ỹ_i = y_i - mean(y) - mean(y x)·x_i}, means summed sequentially over the samples. */
    static double[] delinearize(Dataset data, double[] alphaBetaOut) {
        int n = data.size();
        int d = data.x().numCols;
        double alpha = 0;
        double[] beta = new double[d];
        for (int i = 0; i < n; i++) {
            alpha += data.y()[i];
            for (int p = 0; p < d; p++) {
                beta[p] += data.y()[i] * data.x().get(i, p);
            }
        }
        alpha /= n;
        for (int p = 0; p < d; p++) {
            beta[p] /= n;
        }
        alphaBetaOut[0] = alpha;
        System.arraycopy(beta, 0, alphaBetaOut, 1, d);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double s = alpha;
            for (int p = 0; p < d; p++) {
                s += beta[p] * data.x().get(i, p);
            }
            t[i] = data.y()[i] - s;
        }
        return t;
    }

    /** {@code Φ} (n×m) by the plain reference kernel. */
    static DMatrixRMaj features(DMatrixRMaj x, DMatrixRMaj w, double[] b) {
        DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        ReluFeatures.reference(x, w, b, phi);
        return phi;
    }

    /** {@code a = (ΦᵀΦ/n + λI)⁻¹ Φᵀt/n} by an LU solve of the materialized system (independent of Cholesky/eigen). */
    static double[] ridge(DMatrixRMaj phi, double[] t, double lambda) {
        int n = phi.numRows;
        int m = phi.numCols;
        DMatrixRMaj system = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(phi, phi, system);
        CommonOps_DDRM.scale(1.0 / n, system);
        for (int j = 0; j < m; j++) {
            system.add(j, j, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(phi, DMatrixRMaj.wrap(n, 1, t), rhs);
        CommonOps_DDRM.scale(1.0 / n, rhs);
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(m);
        if (!lu.setA(system)) {
            throw new IllegalStateException("singular test system");
        }
        DMatrixRMaj a = new DMatrixRMaj(m, 1);
        lu.solve(rhs, a);
        return a.data;
    }

    /** {@code mean(Φ a - t)²}. */
    static double meanSquaredError(DMatrixRMaj phi, double[] a, double[] t) {
        DMatrixRMaj p = new DMatrixRMaj(phi.numRows, 1);
        CommonOps_DDRM.mult(phi, DMatrixRMaj.wrap(a.length, 1, a), p);
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double e = p.data[i] - t[i];
            s += e * e;
        }
        return s / t.length;
    }

    /** {@code max_i |u_i - v_i| / max_i |v_i|}. */
    static double relativeDifference(double[] u, double[] v) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < v.length; i++) {
            diff = Math.max(diff, Math.abs(u[i] - v[i]));
            scale = Math.max(scale, Math.abs(v[i]));
        }
        return diff / scale;
    }
}
