package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

class BestHeadTest {
    private static final int D = 8;

    private static Target target(String spec) {
        return Target.random(TargetSpec.resolve(spec), D, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
    }

    private static TwoLayerNetwork features(int m) {
        return SymmetricInit.initialize(m, D, new Seeds(11), false);
    }

    /** The floor is the exact error of its own head (independent PopulationError) and no perturbation beats it. */
    @Test
    void floorIsTheMinimumOfThePopulationError() {
        Target t = target("single-h4");
        TwoLayerNetwork net = features(32);
        BestHead f = BestHead.of(net.weights(), net.biases(), t, true);
        DMatrixRMaj w = net.weights();
        double[] b = net.biases();
        assertEquals(f.relative(), PopulationError.of(w, b, f.a(), f.alpha(), f.beta(), t).relative(), 1e-10);
        assertTrue(f.relative() > 0 && f.relative() < 1, "a degree-4 target is not in the span: " + f.relative());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = f.a();
            double[] beta = f.beta();
            for (int j = 0; j < a.length; j++) {
                a[j] += 1e-2 * (rng.nextDouble() - 0.5);
            }
            for (int i = 0; i < D; i++) {
                beta[i] += 1e-2 * (rng.nextDouble() - 0.5);
            }
            double alpha = f.alpha() + 1e-2 * (rng.nextDouble() - 0.5);
            assertTrue(PopulationError.of(w, b, a, alpha, beta, t).relative() >= f.relative() - 1e-10,
                    "a perturbed head beat the floor");
        }
    }

    /** A target in the span of {1, x} has floor 0; duplicated neurons (the symmetric pairs) change nothing. */
    @Test
    void spanAndDuplicates() {
        TwoLayerNetwork net = features(16);
        assertEquals(0, BestHead.of(net.weights(), net.biases(), target("0.5 + h1(z1)"), true).relative(), 1e-12);
        Target t = target("single-h4");
        DMatrixRMaj half = new DMatrixRMaj(8, D);
        System.arraycopy(net.weights().data, 0, half.data, 0, 8 * D);
        double[] b = new double[8];
        System.arraycopy(net.biases(), 0, b, 0, 8);
        assertEquals(BestHead.of(half, b, t, true).relative(),
                BestHead.of(net.weights(), net.biases(), t, true).relative(), 1e-10);
    }

    /** More features never raise the floor (nested spans). */
    @Test
    void widerIsNoWorse() {
        Target t = target("single-h4");
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {4, 16, 64}) {
            TwoLayerNetwork net = SymmetricInit.initialize(64, D, new Seeds(11), false);
            DMatrixRMaj w = new DMatrixRMaj(m / 2, D);
            System.arraycopy(net.weights().data, 0, w.data, 0, m / 2 * D);
            double[] b = new double[m / 2];
            System.arraycopy(net.biases(), 0, b, 0, m / 2);
            double floor = BestHead.of(w, b, t, true).relative();
            assertTrue(floor <= previous + 1e-10, "width " + m + ": floor " + floor + " > " + previous);
            previous = floor;
        }
    }

    /**
     * Without a linear part (the transfer head): {@code β = 0}, the error is the exact error of its own head, no
     * perturbation of {@code (a, α)} beats it, and it is never below the head with a linear part (a subset of it);
     * on a target with a linear part and features that cannot produce one exactly it is strictly above.
     */
    @Test
    void headWithoutLinearPart() {
        TwoLayerNetwork net = features(32);
        DMatrixRMaj w = net.weights();
        double[] b = net.biases();
        for (String spec : new String[] {"single-h4", "0.6*h1(z1) + 0.8*h2(z1)"}) {
            Target t = target(spec);
            BestHead without = BestHead.of(w, b, t, false);
            BestHead with = BestHead.of(w, b, t, true);
            assertArrayEquals(new double[D], without.beta());
            assertEquals(without.relative(), PopulationError.of(w, b, without.a(), without.alpha(), new double[D], t)
                    .relative(), 1e-10);
            assertTrue(without.relative() >= with.relative() - 1e-10, spec + ": " + without.relative() + " < "
                    + with.relative());
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
            for (int trial = 0; trial < 20; trial++) {
                double[] a = without.a();
                for (int j = 0; j < a.length; j++) {
                    a[j] += 1e-2 * (rng.nextDouble() - 0.5);
                }
                double alpha = without.alpha() + 1e-2 * (rng.nextDouble() - 0.5);
                assertTrue(PopulationError.of(w, b, a, alpha, new double[D], t).relative() >= without.relative() - 1e-10,
                        spec + ": a perturbed head beat the best one");
            }
        }
        Target linear = target("0.6*h1(z1) + 0.8*h2(z1)");
        assertTrue(BestHead.of(w, b, linear, false).relative() > BestHead.of(w, b, linear, true).relative() + 1e-6);
    }

    /**
     * Scaling the target by 2 scales the minimizer by 2 and the excess by 4 and leaves the relative error unchanged
     * (the relative error is {@code excess / E f*²}, not the excess itself).
     */
    @Test
    void scalingTheTargetScalesTheExcessNotTheRelativeError() {
        TwoLayerNetwork net = features(16);
        Target unit = target("single-h4");
        Target twice = unit.withLink(unit.link().scaled(2));
        for (boolean linear : new boolean[] {true, false}) {
            BestHead one = BestHead.of(net.weights(), net.biases(), unit, linear);
            BestHead two = BestHead.of(net.weights(), net.biases(), twice, linear);
            assertEquals(one.relative(), two.relative(), 1e-10);
            assertEquals(4 * one.excess(), two.excess(), 1e-9);
            assertEquals(2 * one.alpha(), two.alpha(), 1e-9);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        Target t = target("single-h4");
        TwoLayerNetwork net = features(4);
        assertThrows(IllegalArgumentException.class, () -> BestHead.of(net.weights(), new double[3], t, true));
        assertThrows(IllegalArgumentException.class,
                () -> BestHead.of(new DMatrixRMaj(4, D + 1), net.biases(), t, true));
        assertThrows(IllegalArgumentException.class, () -> BestHead.of(net.weights(), net.biases(), null, true));
    }
}
