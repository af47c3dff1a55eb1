package org.replearn.core.targets;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Orthonormal frames {@code U ∈ R^{r×d}} ({@code U Uᵀ = I_r}) spanning the directions a target depends on. */
public final class Frames {
    private Frames() {
    }

    /**
     * A Haar-random frame: the Q factor of a d×r standard Gaussian matrix with the signs of R's diagonal made
     * positive, returned transposed (r×d).
     */
    public static DMatrixRMaj randomOrthonormal(int r, int d, UniformRandomProvider rng) {
        if (r < 1 || d < r) {
            throw new IllegalArgumentException("frame size r = " + r + ", d = " + d
                    + " is impossible: need 1 <= r <= d");
        }
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj g = new DMatrixRMaj(d, r);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = normal.sample();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, r);
        if (!qr.decompose(g.copy())) {
            throw new IllegalStateException("QR decomposition of a Gaussian matrix failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj rr = qr.getR(null, true);
        DMatrixRMaj u = new DMatrixRMaj(r, d);
        for (int j = 0; j < r; j++) {
            double sign = rr.get(j, j) < 0 ? -1.0 : 1.0;
            for (int i = 0; i < d; i++) {
                u.set(j, i, sign * q.get(i, j));
            }
        }
        return u;
    }

    /** {@code ||U Uᵀ - I||_max}. */
    public static double orthonormalityError(DMatrixRMaj u) {
        DMatrixRMaj g = new DMatrixRMaj(u.numRows, u.numRows);
        CommonOps_DDRM.multTransB(u, u, g);
        double err = 0;
        for (int i = 0; i < u.numRows; i++) {
            for (int j = 0; j < u.numRows; j++) {
                err = Math.max(err, Math.abs(g.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return err;
    }
}
