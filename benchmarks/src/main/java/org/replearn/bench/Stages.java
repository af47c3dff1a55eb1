package org.replearn.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.data.Parallel;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.kernel.Kernel;
import org.replearn.core.kernel.KernelRidge;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.spectral.HarmonicSpectrum;
import org.replearn.core.spectral.SpectralGrid;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.LinearPart;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The benchmarked stages, shared by {@link Compare} and the JMH classes: each builds its inputs once (untimed) and
 * returns the work to time. Problem: target {@code single-h2} ({@code h_2(u·x)}), noise variance 1, symmetric
 * initialization, as in {@code reference.py}.
 */
final class Stages {
    /** Label noise variance of the benchmark problem. */
    static final double NOISE_VARIANCE = 1.0;
    /** Kernel ridge parameter: {@code α = (K + nλI)⁻¹ y}. */
    static final double KRR_LAMBDA = 1e-3;
    /** The harmonic spectrum's discretization: degrees 0–6, 32 radial and 64 angular nodes (as reference.py). */
    static final SpectralGrid SPECTRAL_GRID = new SpectralGrid(6, 32, 64);
    /** Input dimension of the spectrum written for {@code reference.py verify}. */
    static final int SPECTRAL_CHECK_DIMENSION = 1024;

    private Stages() {
    }

    /**
     * One prepared stage.
     *
     * @param task   the timed work; returns its result (JMH consumes it, so nothing is dead code)
     * @param flops  floating-point operations of one run (for GFLOP/s; 0 where not counted)
     * @param kernel which implementation runs (for the report)
     */
    record Workload(Supplier<Object> task, double flops, String kernel) {
    }

    static Problem problem(Compare.Options o) {
        Seeds seeds = new Seeds(o.seed());
        Target target = Target.random(TargetPreset.of("single-h2").link(), o.d(), seeds.rng(Stream.FRAME));
        return new Problem(target, NOISE_VARIANCE, o.n(), o.validation(), seeds);
    }

    static TwoLayerNetwork network(Compare.Options o) {
        return SymmetricInit.initialize(o.m(), o.d(), new Seeds(o.seed()), false);
    }

    static double[] gaussians(int count, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = g.sample();
        }
        return z;
    }

    /** {@code out[i][k] = h_k(z_i)}, {@code k <= degree}, in chunks of 4096 points spread over {@code threads}. */
    static void hermite(double[] z, double[][] out, int degree, int threads) {
        int chunk = 4096;
        Parallel.forEach((z.length + chunk - 1) / chunk, threads, () -> null, (unused, c) -> {
            int to = Math.min(z.length, (c + 1) * chunk);
            for (int i = c * chunk; i < to; i++) {
                Hermite.values(z[i], degree, out[i]);
            }
        });
    }

    static Workload setup(Compare.Options o) {
        int n = o.n();
        int d = o.d();
        int m = o.m();
        int threads = o.threads();
        switch (o.stage()) {
            case "dgemm":
            case "dgemm_ejml": {
                UniformRandomProvider rng = new Seeds(o.seed()).rng(Stream.CHECK);
                DMatrixRMaj p = new DMatrixRMaj(n, n, true, gaussians(n * n, rng));
                DMatrixRMaj q = new DMatrixRMaj(n, n, true, gaussians(n * n, rng));
                DMatrixRMaj c = new DMatrixRMaj(n, n);
                EjmlConcurrency.setMaxThreads(threads);
                double flops = 2.0 * n * (double) n * n;
                if (o.stage().equals("dgemm")) {
                    return new Workload(() -> {
                        VectorGemm.multiply(p.data, q.data, c.data, n, n, n, threads);
                        return c;
                    }, flops, "VectorGemm (Vector API, " + VectorGemm.lanes() + " lanes)");
                }
                return new Workload(() -> mult(p, q, c, threads > 1), flops,
                        threads == 1 ? "EJML mult" : "EJML MT mult");
            }
            case "spectral": {
                ReluNtk kernel = new ReluNtk(d);
                return new Workload(() -> HarmonicSpectrum.of(kernel, SPECTRAL_GRID), 0,
                        "HarmonicSpectrum.of (ReluNtk, EJML eigen)");
            }
            case "hermite": {
                double[] z = gaussians(n, new Seeds(o.seed()).rng(Stream.CHECK));
                double[][] out = new double[n][o.degree() + 1];
                return new Workload(() -> {
                    hermite(z, out, o.degree(), threads);
                    return out;
                }, 3.0 * n * o.degree(), "Hermite.values");
            }
            default:
                break;
        }
        Problem problem = problem(o);
        if (o.stage().startsWith("krr_")) {
            Dataset data = problem.train().materialize();
            Kernel kernel = new ReluNtk(d);
            if (o.stage().equals("krr_build")) {
                DMatrixRMaj k = new DMatrixRMaj(n, n);
                return new Workload(() -> {
                    kernel.gram(data.x(), k, threads);
                    return k;
                }, 2.0 * n * (double) n * d, "ReluNtk.gram");
            }
            KernelRidge ridge = KernelRidge.on(kernel, data.x(), threads);
            return new Workload(() -> ridge.fit(data.y(), KRR_LAMBDA), n * (double) n * n / 3.0 + 2.0 * n * (double) n,
                    "KernelRidge.fit (linalg.Cholesky)");
        }
        TwoLayerNetwork net = network(o);
        DataSource train = problem.train();
        boolean streamed = o.stage().endsWith("_stream");
        BlockSource source = streamed ? train : train.materialize().blocks();
        String where = streamed ? " (streamed DataSource)" : " (in-memory Dataset)";
        switch (o.stage()) {
            case "forward":
                return new Workload(() -> LossGradient.lossOver(source, net, Labels.OBSERVED, threads),
                        2.0 * n * m * d + 2.0 * n * m, "LossGradient.lossOver" + where);
            case "gradient":
            case "gradient_stream": {
                Labels labels = LinearPart.estimate(train, threads).residuals();
                return new Workload(() -> LossGradient.over(source, net, labels, threads), 4.0 * n * m * d,
                        "LossGradient.over" + where);
            }
            case "gram":
            case "gram_stream": {
                Labels labels = LinearPart.estimate(train, threads).residuals();
                DMatrixRMaj w = net.weights();
                double[] b = net.biases();
                return new Workload(() -> FeatureGram.over(source, w, b, labels, threads),
                        2.0 * n * m * d + n * m * (m + 1.0) + 2.0 * n * m, "FeatureGram.over" + where);
            }
            case "pipeline":
            case "pipeline_stream": {
                OneStepLearner learner = new OneStepLearner(OneStepConfig.defaults(m, threads));
                return new Workload(() -> learner.fit(problem), 6.0 * n * m * d + (double) n * m * m,
                        "OneStepLearner.fit (streamed DataSource)");
            }
            default:
                throw new IllegalArgumentException("unknown stage " + o.stage());
        }
    }

    private static DMatrixRMaj mult(DMatrixRMaj p, DMatrixRMaj q, DMatrixRMaj c, boolean concurrent) {
        if (concurrent) {
            CommonOps_MT_DDRM.mult(p, q, c);
        } else {
            CommonOps_DDRM.mult(p, q, c);
        }
        return c;
    }


    /**
     * The radial eigenvalues of the ReLU NTK's harmonic spectrum at {@code d = }{@value #SPECTRAL_CHECK_DIMENSION}
     * on {@link #SPECTRAL_GRID}: row {@code ℓ} holds degree {@code ℓ}'s, decreasing.
     */
    static void writeSpectralCheck(Path dir) throws IOException {
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new ReluNtk(SPECTRAL_CHECK_DIMENSION), SPECTRAL_GRID);
        double[][] values = new double[spectrum.maxDegree() + 1][];
        for (int l = 0; l < values.length; l++) {
            values[l] = spectrum.eigenvalues(l);
        }
        Npy.write(dir.resolve("spectral_d.npy"), new double[] {SPECTRAL_CHECK_DIMENSION});
        Npy.write(dir.resolve("spectral.npy"), values);
    }

    /** KRR on {@code n = 256} points of the verify problem: inputs, the kernel matrix and {@code α}. */
    static void writeKernelCheck(Path dir, Compare.Options o) throws IOException {
        Dataset data = new Problem(problem(o).target(), NOISE_VARIANCE, 256, 1, new Seeds(o.seed() + 1)).train()
                .materialize();
        Kernel kernel = new ReluNtk(o.d());
        DMatrixRMaj k = new DMatrixRMaj(1, 1);
        kernel.gram(data.x(), k, 2);
        Npy.write(dir.resolve("krr_x.npy"), data.x());
        Npy.write(dir.resolve("krr_y.npy"), data.y());
        Npy.write(dir.resolve("krr_kernel.npy"), k);
        Npy.write(dir.resolve("krr_coef.npy"), KernelRidge.on(kernel, data.x(), 2).fit(data.y(), KRR_LAMBDA).alpha());
    }
}
