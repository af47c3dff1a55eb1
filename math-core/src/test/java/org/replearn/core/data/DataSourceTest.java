package org.replearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;

class DataSourceTest {
    private static Target target(int d) {
        return Target.random(TargetPreset.of("multi-deg4").link(), d, new Seeds(1).rng(Stream.FRAME));
    }

    @Test
    void samplesArePrefixStableAcrossSampleSizes() {
        Target t = target(5);
        Dataset small = new DataSource(t, 0.5, new Seeds(7), Stream.TRAIN, 1500).materialize();
        Dataset large = new DataSource(t, 0.5, new Seeds(7), Stream.TRAIN, 5000).materialize();
        for (int i = 0; i < 1500 * 5; i++) {
            assertEquals(small.x().data[i], large.x().data[i], 0.0);
        }
        for (int i = 0; i < 1500; i++) {
            assertEquals(small.y()[i], large.y()[i], 0.0);
        }
    }

    @Test
    void noiseLevelDoesNotChangeInputsAndStreamsAreIndependent() {
        Target t = target(5);
        Dataset a = new DataSource(t, 0.0, new Seeds(7), Stream.TRAIN, 100).materialize();
        Dataset b = new DataSource(t, 2.0, new Seeds(7), Stream.TRAIN, 100).materialize();
        assertArrayEquals(a.x().data, b.x().data);
        assertArrayEquals(a.fStar(), b.fStar());
        Dataset test = new DataSource(t, 0.0, new Seeds(7), Stream.TEST, 100).materialize();
        assertNotEquals(a.x().data[0], test.x().data[0]);
        Dataset again = new DataSource(t, 2.0, new Seeds(7), Stream.TRAIN, 100).materialize();
        assertArrayEquals(b.y(), again.y(), "same seed, same bits");
        assertNotEquals(new Seeds(1).seed(Stream.INIT), new Seeds(1).seed(Stream.BIAS));
    }

    /**
     * x ~ N(0, I) and ε ~ N(0, σ²): sample mean of x within 4 SE (1/sqrt(N)), sample variance of x within 4 SE
     * (sqrt(2/N)), and the residual y − f* has variance σ² within 4 SE (σ² sqrt(2/n)).
     */
    @Test
    void inputsAndNoiseHaveTheStatedDistribution() {
        int d = 4;
        int n = 50_000;
        double sigma2 = 0.3;
        Dataset data = new DataSource(target(d), sigma2, new Seeds(2), Stream.TRAIN, n).materialize();
        double[] x = data.x().data;
        double s = 0;
        double s2 = 0;
        for (double v : x) {
            s += v;
            s2 += v * v;
        }
        int count = x.length;
        assertEquals(0.0, s / count, 4 / Math.sqrt(count));
        assertEquals(1.0, s2 / count, 4 * Math.sqrt(2.0 / count));
        double r2 = 0;
        for (int i = 0; i < n; i++) {
            double e = data.y()[i] - data.fStar()[i];
            r2 += e * e;
        }
        assertEquals(sigma2, r2 / n, 4 * sigma2 * Math.sqrt(2.0 / n));
    }

    /**
     * Streams are independent: the sample correlation between TRAIN and TEST inputs (N = n·d pairs of independent
     * N(0,1) draws) is within 4 SE = 4/sqrt(N) of 0. Stream and block seeds are pairwise distinct.
     */
    @Test
    void streamsAreUncorrelatedAndSeedsDistinct() {
        int d = 4;
        int n = 20_000;
        Target t = target(d);
        double[] train = new DataSource(t, 0.0, new Seeds(3), Stream.TRAIN, n).materialize().x().data;
        double[] test = new DataSource(t, 0.0, new Seeds(3), Stream.TEST, n).materialize().x().data;
        double sum = 0;
        for (int i = 0; i < train.length; i++) {
            sum += train[i] * test[i];
        }
        assertEquals(0.0, sum / train.length, 4 / Math.sqrt(train.length));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        Seeds seeds = new Seeds(3);
        for (Stream s : Stream.values()) {
            seen.add(seeds.seed(s));
            for (long k = 0; k < 100; k++) {
                seen.add(seeds.seed(s, k));
            }
        }
        assertEquals(Stream.values().length * 101, seen.size());
    }

    /** A materialized data set served in blocks reproduces the source's blocks bit for bit. */
    @Test
    void materializedBlocksEqualStreamedBlocks() {
        DataSource src = new DataSource(target(3), 0.2, new Seeds(4), Stream.TRAIN, 2 * DataSource.BLOCK_ROWS + 17);
        BlockSource memory = src.materialize().blocks();
        assertEquals(src.blockCount(), memory.blockCount());
        DataSource.Block a = src.newBlock();
        DataSource.Block b = memory.newBlock();
        for (int k = 0; k < src.blockCount(); k++) {
            src.read(k, a);
            memory.read(k, b);
            assertEquals(a.rows, b.rows);
            assertArrayEquals(a.x.data, b.x.data);
            assertArrayEquals(a.y, b.y);
            assertArrayEquals(a.fStar, b.fStar);
        }
        assertEquals(17, a.rows);
    }

    @Test
    void impossibleSizesAreRejected() {
        Target t = target(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataSource(t, 0.0, new Seeds(1), Stream.TRAIN, 0));
        assertEquals("n = 0 must be >= 1: ask for at least one sample", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataSource(t, -1.0, new Seeds(1), Stream.TRAIN, 5));
        assertThrows(IllegalArgumentException.class, () -> new DataSource(t, Double.NaN, new Seeds(1), Stream.TRAIN, 5));
        DataSource src = new DataSource(t, 0.0, new Seeds(1), Stream.TRAIN, 5);
        e = assertThrows(IllegalArgumentException.class, () -> src.read(1, src.newBlock()));
        assertEquals("block index 1 is outside [0, 1)", e.getMessage());
        DataSource other = new DataSource(target(4), 0.0, new Seeds(1), Stream.TRAIN, 5);
        e = assertThrows(IllegalArgumentException.class, () -> src.read(0, other.newBlock()));
        assertTrue(e.getMessage().startsWith("block dimension has dimension 4 but 3"), e.getMessage());
    }
}
