package org.replearn.core.theory;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.targets.Target;

/** Shared constructions of the theory tests. */
final class TheoryFixtures {
    private TheoryFixtures() {
    }

    /** {@code v - Uᵀ U v}: the component of v orthogonal to span(Uᵀ). */
    static double[] orthogonalToFrame(Target t, double[] v) {
        double[] z = new double[t.rank()];
        t.project(v, z);
        DMatrixRMaj u = t.frame();
        double[] out = v.clone();
        for (int i = 0; i < t.rank(); i++) {
            for (int j = 0; j < v.length; j++) {
                out[j] -= u.get(i, j) * z[i];
            }
        }
        return out;
    }
}
