package org.replearn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.spectral.HarmonicSpectrum;
import org.replearn.core.spectral.TargetHarmonics;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.TargetSpec;

/**
 * The kernel-ridge theory at finite {@code d}: the harmonic spectrum of the ReLU NTK (degrees 0–6, 32 radial and 64
 * angular nodes), the single-h2 target's harmonic decomposition and its energies on the spectrum's modes, and the
 * deterministic-equivalent error chosen over a grid of 13 ridges for {@code n = 10³ … 10⁶}. Single-threaded; average
 * time per run in milliseconds, one fork, 2 warm-up and 3 measurement iterations of 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SpectralBenchmark {
    private static final int[] SAMPLES = {1_000, 10_000, 100_000, 1_000_000};

    /** Input dimension. */
    @Param({"64", "256", "1024"})
    public int d;
    private ReluNtk kernel;
    private HermitePolynomial link;
    private TargetHarmonics target;
    private HarmonicSpectrum spectrum;
    private EigenModes modes;
    private double[] lambdas;

    /** Builds the kernel, the target and one spectrum (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        kernel = new ReluNtk(d);
        link = TargetSpec.resolve("single-h2");
        target = TargetHarmonics.of(link, d);
        spectrum = HarmonicSpectrum.of(kernel, Stages.SPECTRAL_GRID);
        modes = EigenModes.of(spectrum, target);
        lambdas = new double[13];
        for (int i = 0; i < lambdas.length; i++) {
            lambdas[i] = Math.pow(10, -6 + 0.5 * i);
        }
    }

    /** The harmonic spectrum of the NTK. */
    @Benchmark
    public Object spectrum() {
        return HarmonicSpectrum.of(kernel, Stages.SPECTRAL_GRID);
    }

    /** The target's harmonic decomposition (exact algebra, independent of the kernel). */
    @Benchmark
    public Object target() {
        return TargetHarmonics.of(link, d);
    }

    /** The target's energies on the spectrum's modes. */
    @Benchmark
    public Object modes() {
        return EigenModes.of(spectrum, target);
    }

    /** The best predicted error over the ridge grid, for each sample size. */
    @Benchmark
    public double risk() {
        double sum = 0;
        for (int n : SAMPLES) {
            sum += Eigenlearning.bestOnGrid(modes, n, lambdas, 0).testError();
        }
        return sum;
    }
}
