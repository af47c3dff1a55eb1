package org.replearn.regression;

import java.util.Arrays;
import java.util.List;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;

/** Catalogue entries of packages {@code data} and {@code network}: seeded samples, initialization, gradients. */
final class NetworkEntries {
    private static final long SEED = 31415L;
    private static final int D = 5;
    private static final int M = 8;
    private static final int N = 64;
    private static final double NOISE = 0.25;
    private static final String PRESET = "single-h2";

    private NetworkEntries() {
    }

    static List<CatalogueEntry> all() {
        return List.of(dataSamples(), network());
    }

    private static Target target() {
        return TargetEntries.target(PRESET, SEED, D);
    }

    private static CatalogueEntry dataSamples() {
        int rows = 6;
        long big = 2L * DataSource.BLOCK_ROWS + 3;
        return new CatalogueEntry("data-samples",
                "seeded Gaussian inputs, noiseless and noisy labels: first rows of TRAIN, first rows of block 2,"
                        + " and the first rows of TEST",
                Provenance.of(SEED, "preset", PRESET, "d", Integer.toString(D), "noiseVariance", Double.toString(NOISE),
                        "rows", Integer.toString(rows), "n (block-2 source)", Long.toString(big)),
                (threads, out) -> {
                    Seeds seeds = new Seeds(SEED);
                    Dataset train = new DataSource(target(), NOISE, seeds, Stream.TRAIN, rows).materialize();
                    DataSource large = new DataSource(target(), NOISE, seeds, Stream.TRAIN, big);
                    DataSource.Block block = large.newBlock();
                    large.read(2, block);
                    Dataset test = new DataSource(target(), 0.0, seeds, Stream.TEST, rows).materialize();
                    out.exact("train.x", train.x()).exact("train.f-star", train.fStar()).exact("train.y", train.y())
                            .exact("train-block2.rows", block.rows())
                            .exact("train-block2.x", block.x)
                            .exact("train-block2.y", Arrays.copyOf(block.y, block.rows()))
                            .exact("test.x", test.x()).exact("test.y", test.y());
                });
    }

    private static CatalogueEntry network() {
        return new CatalogueEntry("network-forward-gradient",
                "symmetric initialization (Gaussian and unit-sphere rows), then forward pass, loss and analytic"
                        + " gradients of a de-symmetrized copy (a_j scaled by 1 + j/m) on fixed seeded data",
                Provenance.of(SEED, "preset", PRESET, "d", Integer.toString(D), "m", Integer.toString(M),
                        "n", Integer.toString(N), "noiseVariance", Double.toString(NOISE)),
                (threads, out) -> {
                    Seeds seeds = new Seeds(SEED);
                    TwoLayerNetwork init = SymmetricInit.initialize(M, D, seeds, false);
                    TwoLayerNetwork sphere = SymmetricInit.initialize(M, D, seeds, true);
                    double[] a = init.outputWeights();
                    for (int j = 0; j < M; j++) {
                        a[j] *= 1.0 + j / (double) M;
                    }
                    TwoLayerNetwork net = init.withOutputWeights(a);
                    Dataset data = new DataSource(target(), NOISE, seeds, Stream.TRAIN, N).materialize();
                    double[] initOut = new double[N];
                    init.forward(data.x(), initOut);
                    double[] f = new double[N];
                    net.forward(data.x(), f);
                    NetworkGradient g = net.gradient(data.x(), data.y());
                    out.exact("init.w", init.weights()).exact("init.b", init.biases()).exact("init.a", init.outputWeights())
                            .exact("init.forward", initOut)
                            .exact("unit-sphere.w", sphere.weights())
                            .exact("forward", f).exact("loss", net.loss(data.x(), data.y()))
                            .exact("gradient.a", g.a()).exact("gradient.w", g.w()).exact("gradient.b", g.b());
                });
    }
}
