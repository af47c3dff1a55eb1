package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.LinearPart;

/** The kernel claims' measurement: the linear predictor's exact error against Monte Carlo. */
class KernelRidgeReplicateTest {
    /**
     * {@code E(α + β·x − f*)²/E f*²} in closed form against its Monte Carlo mean on 400 000 samples, within 5 standard
     * errors of that mean (a target with a constant, a linear part and higher degrees; arbitrary α and β).
     */
    @Test
    void linearErrorIsTheExactErrorOfTheAffinePredictor() {
        int d = 5;
        HermitePolynomial g = TargetSpec.resolve("0.3 + 0.5*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.3*h1(z1)*h1(z2)");
        Seeds seeds = new Seeds(11);
        Target target = Target.random(g, d, seeds.rng(Stream.FRAME));
        double[] beta = {0.2, -0.1, 0.4, 0.0, 0.3};
        LinearPart linear = new LinearPart(0.1, beta);
        double exact = KernelRidgeReplicate.linearError(linear, target);

        DataSource test = new DataSource(target, 0.0, seeds, Stream.TEST, 400_000);
        DataSource.Block block = test.newBlock();
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < test.blockCount(); k++) {
            test.read(k, block);
            DMatrixRMaj x = block.x;
            for (int i = 0; i < block.rows(); i++) {
                double e = linear.value(x, i) - block.fStar[i];
                double term = e * e / target.secondMoment();
                sum += term;
                sumSquares += term * term;
            }
        }
        long n = test.size();
        double mean = sum / n;
        double standardError = Math.sqrt((sumSquares / n - mean * mean) / (n - 1));
        assertEquals(exact, mean, 5 * standardError);
    }
}
