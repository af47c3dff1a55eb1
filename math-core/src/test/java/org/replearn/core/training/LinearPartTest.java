package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;

class LinearPartTest {
    private static final double EPS = Math.ulp(1.0);

    /**
     * α, β equal the sample means {@code mean(y)}, {@code mean(y x)} summed sequentially; the two summation orders
     * differ by at most {@code n·ε·mean|term|} (standard bound for recursive summation). The residuals equal
     * {@code y - α - β·x} computed directly. The target has constant and linear parts, so β is not trivially 0.
     */
    @Test
    void matchesDirectMeansAndRemovesThem() {
        DataSource source = Fixtures.problem("0.5 + h1(z1) + h2(z2)", 5, 5000, 1, 3).train();
        Dataset data = source.materialize();
        LinearPart linear = LinearPart.estimate(source, 2);
        double[] direct = new double[6];
        double[] t = Fixtures.delinearize(data, direct);
        double n = data.size();
        double scale = 0;
        for (int i = 0; i < data.size(); i++) {
            scale = Math.max(scale, Math.abs(data.y()[i]) * (1 + Math.abs(data.x().get(i, 0))) * 10);
        }
        double bound = n * EPS * scale;
        assertEquals(direct[0], linear.alpha(), bound);
        for (int p = 0; p < 5; p++) {
            assertEquals(direct[p + 1], linear.beta()[p], bound, "β_" + p);
        }
        double[] out = new double[data.size()];
        linear.residual(data.x(), data.y(), data.size(), out);
        assertArrayEquals(t, out, 10 * bound);
    }

    /** Fixed partitions, fixed order: 1 and 2 threads give the same bits. */
    @Test
    void threadCountInvariant() {
        DataSource source = Fixtures.problem("single-h2", 7, 9000, 1, 4).train();
        LinearPart one = LinearPart.estimate(source, 1);
        LinearPart two = LinearPart.estimate(source, 2);
        assertEquals(one.alpha(), two.alpha(), 0.0);
        assertArrayEquals(one.beta(), two.beta(), 0.0);
    }
}
