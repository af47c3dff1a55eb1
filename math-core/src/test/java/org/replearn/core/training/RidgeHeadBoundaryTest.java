package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.network.SymmetricInit;

/**
 * Boundaries of {@link RidgeHead} beyond RidgeHeadTest (found by mutation testing, see math-core/MUTATION.md): the
 * single-value grid, ties in the selection, grids without any usable λ, pivots that are zero or overflow, and the
 * first steps of the gradient-descent path in closed form.
 */
class RidgeHeadBoundaryTest {
    private static final double EPS = Math.ulp(1.0);

    @Test
    void singleValueAndDegenerateGrids() {
        assertArrayEquals(new double[] {2.0}, RidgeHead.logGrid(2.0, 2.0, 1), 0.0);
        assertArrayEquals(new double[] {2.0, 2.0, 2.0}, RidgeHead.logGrid(2.0, 2.0, 3), 0.0);
        assertEquals("λ grid [1.0, 2.0] with 1 values: need lo <= hi, and lo == hi for a single value",
                assertThrows(IllegalArgumentException.class, () -> RidgeHead.logGrid(1.0, 2.0, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RidgeHead.logGrid(2.0, 1.0, 3));
    }

    private static Problem problem() {
        return Fixtures.problem("single-h2", 4, 1500, 1100, 3);
    }

    private static DMatrixRMaj firstRows(int m) {
        return CommonOps_DDRM.extract(SymmetricInit.initialize(2 * m, 4, new Seeds(5), false).weights(), 0, m, 0, 4);
    }

    /**
     * Ties go to the first λ of the grid: with training labels identically 0, {@code Φᵀt/n = 0}, so {@code a(λ) = 0}
     * for every λ and every validation error is {@code mean(t_val²)}.
     */
    @Test
    void tiesSelectTheFirstLambda() {
        Problem p = problem();
        int m = 6;
        DMatrixRMaj w = firstRows(m);
        double[] b = Arrays.copyOf(SymmetricInit.initialize(2 * m, 4, new Seeds(5), false).biases(), m);
        Labels zero = (block, out) -> Arrays.fill(out, 0, block.rows(), 0.0);
        RidgeHead head = RidgeHead.of(FeatureGram.over(p.train(), w, b, zero, 1), 1);
        double[] grid = {1e-3, 1e-2, 1e-1};
        RidgeHead.Selection s = head.select(p.validationSource(), Labels.OBSERVED, w, b, grid, 1);
        assertEquals(1e-3, s.lambda(), 0.0);
        assertArrayEquals(new double[m], s.a(), 0.0);
        double[] y = p.validationSource().materialize().y();
        double meanSquare = 0;
        for (double v : y) {
            meanSquare += v * v;
        }
        meanSquare /= y.length;
        for (double e : s.validationErrors()) {
            assertEquals(meanSquare, e, 1e-12 * meanSquare);
        }
        assertEquals(s.validationErrors()[0], s.validationErrors()[2], 0.0, "an exact tie");
        assertEquals("w rows has dimension 7 but 6 is required: use the first layer the training Gram was computed"
                + " with", assertThrows(IllegalArgumentException.class,
                        () -> head.select(p.validationSource(), Labels.OBSERVED, firstRows(7), b, grid, 1))
                        .getMessage());
    }

    /** When no λ of the grid gives a positive definite system ({@code ΦᵀΦ/n = -I}, λ < 1), selection fails loudly. */
    @Test
    void gridWithoutAUsableLambdaIsANumericalFailure() {
        Problem p = problem();
        DMatrixRMaj w = firstRows(3);
        double[] b = {0.1, -0.2, 0.3};
        DMatrixRMaj minusIdentity = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(-1, minusIdentity);
        RidgeHead head = RidgeHead.of(new FeatureGram(minusIdentity, new double[] {1, 2, 3}, 1.0, 100), 1);
        NumericalFailure e = assertThrows(NumericalFailure.class,
                () -> head.select(p.validationSource(), Labels.OBSERVED, w, b, new double[] {0.25, 0.5}, 1));
        assertTrue(e.getMessage().startsWith("every ridge λ of the grid gave a non-finite validation error"));
    }

    /**
     * A pivot of {@code T + λI} that is exactly 0 ({@code ΦᵀΦ/n = [-1]}, λ = 1) or overflows
     * ({@code [1e300] + Double.MAX_VALUE}) gives no reliable solution: refused.
     */
    @Test
    void zeroOrOverflowingPivotsAreRefused() {
        RidgeHead zero = RidgeHead.of(new FeatureGram(new DMatrixRMaj(new double[][] {{-1}}), new double[] {1}, 1, 10),
                1);
        assertThrows(IllegalArgumentException.class, () -> zero.weights(1.0));
        assertArrayEquals(new double[] {0.5}, zero.weights(3.0), 0.0, "(-1 + 3)⁻¹·1");
        RidgeHead huge = RidgeHead.of(new FeatureGram(new DMatrixRMaj(new double[][] {{1e300}}), new double[] {1}, 1,
                10), 1);
        assertThrows(IllegalArgumentException.class, () -> huge.weights(Double.MAX_VALUE));
        assertEquals(1 / (1e300 + 1e299), huge.weights(1e299)[0], 2 * EPS / (1e300 + 1e299));
    }

    /**
     * From {@code a = 0} with step {@code η = 1/(2(tr G + λ))}: {@code a₁ = 2η c = c/(tr G + λ)} and
     * {@code a₂ = a₁ - 2η((G + λI)a₁ - c)}, computed here in closed form for a 2×2 Gram matrix.
     */
    @Test
    void gradientDescentStepsInClosedForm() {
        DMatrixRMaj g = new DMatrixRMaj(new double[][] {{2, 0.5}, {0.5, 1}});
        double[] c = {1, -2};
        double lambda = 0.5;
        FeatureGram stats = new FeatureGram(g, c, 3.0, 50);
        double q = 3 + lambda;
        double[] a1 = {c[0] / q, c[1] / q};
        assertArrayEquals(a1, RidgeHead.gradientDescent(stats, lambda, 1), 4 * EPS);
        double[] a2 = {
            a1[0] - ((2 + lambda) * a1[0] + 0.5 * a1[1] - c[0]) / q,
            a1[1] - (0.5 * a1[0] + (1 + lambda) * a1[1] - c[1]) / q};
        assertArrayEquals(a2, RidgeHead.gradientDescent(stats, lambda, 2), 16 * EPS);
        // λ = tr G: every step contracts the error by 1 - (Λ_i + λ)/(tr + λ) <= 1/2, so 400 steps reach a(λ)
        double[] closed = RidgeHead.of(stats, 1).weights(3.0);
        assertArrayEquals(closed, RidgeHead.gradientDescent(stats, 3.0, 400), 1e-12);
    }
}
