package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.AlignmentPrediction;

class AlignmentAllowanceTest {
    @Test
    void mehlerMatchesGenz() {
        for (double bj : new double[] {-1.5, 0, 0.7}) {
            for (double bl : new double[] {-0.3, 1.2}) {
                for (double rho : new double[] {-0.5, -0.1, 0.2, 0.5}) {
                    assertEquals(AlignmentAllowance.activationCorrelation(bj, bl, rho), AlignmentAllowance.mehler(
                            AlignmentAllowance.mehlerCoefficients(bj), AlignmentAllowance.mehlerCoefficients(bl), rho),
                            1e-4);
                }
            }
        }
    }

    @Test
    void timing() {
        Seeds sd = new Seeds(3);
        Target target = Target.random(TargetSpec.resolve("multi-deg4"), 32, sd.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(512, 32, sd, false);
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            AlignmentAllowance a = AlignmentAllowance.of(target, init.weights(), init.biases(), 0.25, 4096);
            long t1 = System.nanoTime();
            double p = AlignmentPrediction.predict(target, init.weights(), init.biases(), 0.25, 4096);
            long t2 = System.nanoTime();
            System.out.println("allowance " + (t1 - t0) / 1e6 + " ms, predict " + (t2 - t1) / 1e6 + " ms " + a + " " + p);
        }
    }
}
