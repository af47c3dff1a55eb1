package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.Problem;

/**
 * The rounding bound of {@link GradientRounding}: two computations of the loss gradient in different summation orders
 * ({@link LossGradient#over}, streamed over three blocks, and {@link TwoLayerNetwork#gradient}) differ entrywise by at
 * most {@code 2Kε} times the scales plus the kink terms, {@code K = n+m+d+6}, with random output weights.
 */
class GradientRoundingTest {
    @Test
    void fusedAndPlainGradientsAgreeWithinTheBound() {
        FirstStepIdentity.Draw c = new FirstStepIdentity.Draw(7, 12, 2500, 1);
        Seeds seeds = new Seeds(3);
        Problem problem = FirstStepIdentity.problem(c, seeds);
        double[] a = new double[c.m()];
        var rng = seeds.rng(org.replearn.core.data.Stream.CHECK);
        for (int j = 0; j < a.length; j++) {
            a[j] = 2 * rng.nextDouble() - 1;
        }
        TwoLayerNetwork net = SymmetricInit.initialize(c.m(), c.d(), seeds, false).withOutputWeights(a);
        DataSource train = problem.train();
        Dataset data = train.materialize();
        NetworkGradient fused = LossGradient.over(train, net, Labels.OBSERVED, 2).gradient();
        NetworkGradient plain = net.gradient(data.x(), data.y());
        double[] scale = new double[c.n()];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = Math.abs(data.y()[i]);
        }
        GradientRounding r = GradientRounding.of(net, data.x(), scale);
        double k = 2 * (c.n() + c.m() + c.d() + 6) * Math.ulp(1.0);
        double worst = 0;
        for (int j = 0; j < c.m(); j++) {
            worst = Math.max(worst, Math.abs(fused.a()[j] - plain.a()[j]) / (k * r.a()[j]));
            worst = Math.max(worst, Math.abs(fused.b()[j] - plain.b()[j]) / (k * r.b()[j] + r.bKink()[j]));
        }
        for (int e = 0; e < r.w().length; e++) {
            worst = Math.max(worst, Math.abs(fused.w().data[e] - plain.w().data[e]) / (k * r.w()[e] + r.wKink()[e]));
        }
        assertTrue(worst <= 1, "measured error/bound " + worst + ", predicted <= 1");
        assertTrue(worst > 0, "the two summation orders should differ somewhere (else the test compares nothing)");
    }
}
