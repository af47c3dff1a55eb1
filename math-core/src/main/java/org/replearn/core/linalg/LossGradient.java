package org.replearn.core.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;
import org.replearn.core.network.Activation;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The loss {@code L = (1/n) Σ_i (f(x_i) - t_i)²} of a ReLU network and its gradient (docs/math.md §3), streamed over the
 * blocks of a source in one fused pass: with {@code S = X Wᵀ + 1 bᵀ}, {@code e = f - t} and
 * {@code C_ij = e_i a_j 1[S_ij > 0]}, {@code ∂L/∂a = (2/n) σ(S)ᵀ e}, {@code ∂L/∂b = (2/n) Cᵀ 1},
 * {@code ∂L/∂W = (2/n) Cᵀ X}.
 *
 * @param loss     {@code L}
 * @param gradient {@code ∂L/∂a, ∂L/∂W, ∂L/∂b}
 */
public record LossGradient(double loss, NetworkGradient gradient) {

    /**
     * Loss and gradient of {@code network} over all samples of {@code source} against labels {@code t = labels(block)},
     * on {@code threads} threads; bit-identical for every thread count. Per tile of 32 rows: {@code S} by the blocked
     * GEMM kernel, then {@code e}, the {@code a}- and {@code b}-gradients and {@code C} (in place of {@code S}), then
     * {@code Gᵀ += Xᵀ C}; no {@code n×m} array is formed. Costs {@code 4·n·m·d} flops.
     */
    public static LossGradient over(BlockSource source, TwoLayerNetwork network, Labels labels, int threads) {
        Layer layer = layerFor(source, network);
        double[] a = network.outputWeights();
        int m = layer.m;
        int d = layer.d;
        int ts = Tiles.tileStride(m);
        VectorGuard.Pass pass = VectorGuard.pass(4.0 * m * d);
        Sums total = Parallel.reduce(source.blockCount(), Parallel.PARTITIONS, threads, () -> new Sums(m, d),
                Sums::clear, () -> new Scratch(source, m), (sums, scratch, k) -> {
                    long began = pass.begin();
                    scratch.load(source, labels, k);
                    double[] x = scratch.block.x.data;
                    int rows = scratch.block.rows();
                    for (int row0 = 0; row0 < rows; row0 += Tiles.ROWS) {
                        int count = Math.min(Tiles.ROWS, rows - row0);
                        Tiles.preactivations(x, row0, count, layer, false, scratch.tile, 0, Lanes.STRIP, ts);
                        for (int r = 0; r < count; r++) {
                            double e = Tiles.output(scratch.tile, r * ts, a) - scratch.t[row0 + r];
                            sums.residualStep(scratch.tile, r * ts, a, e);
                        }
                        Tiles.addOuter(x, row0, count, d, scratch.tile, ts, sums.gt, m);
                    }
                    pass.end(began, rows);
                }, Sums::add);
        double scale = 2.0 / source.size();
        DMatrixRMaj gw = new DMatrixRMaj(m, d);
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                gw.data[j * d + k] = scale * total.gt[Tiles.stripOffset(j, k, d)];
            }
        }
        for (int j = 0; j < m; j++) {
            total.ga[j] *= scale;
            total.gb[j] *= scale;
        }
        return new LossGradient(total.loss / source.size(), new NetworkGradient(total.ga, gw, total.gb));
    }

    /**
     * The loss alone, {@code (1/n) Σ_i (f(x_i) - t_i)²} (the forward half of {@link #over}, {@code 2·n·m·d} flops):
     * e.g. the test error {@code E(f̂ - f*)²} with labels {@code f* - α - β·x}. Bit-identical for every thread count.
     */
    public static double lossOver(BlockSource source, TwoLayerNetwork network, Labels labels, int threads) {
        Layer layer = layerFor(source, network);
        double[] a = network.outputWeights();
        int ts = Tiles.tileStride(layer.m);
        VectorGuard.Pass pass = VectorGuard.pass(2.0 * layer.m * layer.d);
        double[] total = Parallel.reduce(source.blockCount(), threads, () -> new double[1],
                () -> new Scratch(source, layer.m), (sum, scratch, k) -> {
                    long began = pass.begin();
                    scratch.load(source, labels, k);
                    int rows = scratch.block.rows();
                    for (int row0 = 0; row0 < rows; row0 += Tiles.ROWS) {
                        int count = Math.min(Tiles.ROWS, rows - row0);
                        Tiles.preactivations(scratch.block.x.data, row0, count, layer, false, scratch.tile, 0,
                                Lanes.STRIP, ts);
                        for (int r = 0; r < count; r++) {
                            double e = Tiles.output(scratch.tile, r * ts, a) - scratch.t[row0 + r];
                            sum[0] += e * e;
                        }
                    }
                    pass.end(began, rows);
                }, (into, from) -> into[0] += from[0]);
        return total[0] / source.size();
    }

    private static void requireRelu(TwoLayerNetwork network) {
        if (network.activation() != Activation.RELU) {
            throw new IllegalArgumentException("activation " + network.activation().name() + " is not supported by the"
                    + " fused ReLU kernels: use TwoLayerNetwork.gradient for other activations");
        }
    }

    /**
     * Unscaled partial sums: {@code Gᵀ} (d×m, {@code Gᵀ_kj} at {@code Tiles.stripOffset(j, k, d)}), {@code ∂a},
     * {@code ∂b}, {@code Σ e²}.
     */
    private static final class Sums {
        private static final VectorSpecies<Double> S = Lanes.SPECIES;
        private static final int L = Lanes.LENGTH;
        private static final double TWO_1023 = Tiles.TWO_1023;
        final double[] gt;
        final double[] ga;
        final double[] gb;
        double loss;

        Sums(int m, int d) {
            gt = new double[Tiles.paddedWidth(m) * d];
            ga = new double[m];
            gb = new double[m];
        }

        /**
         * Adds sample {@code i}'s terms given its preactivations {@code s[so .. so+m)} and residual {@code e};
         * {@code s := C_i}. Lane-wise, the same operations as the scalar tail.
         */
        void residualStep(double[] s, int so, double[] a, double e) {
            loss += e * e;
            int m = ga.length;
            int j = 0;
            DoubleVector ev = DoubleVector.broadcast(S, e);
            for (; j <= m - L; j += L) {
                DoubleVector r = DoubleVector.fromArray(S, s, so + j).max(0.0);
                DoubleVector.fromArray(S, ga, j).add(ev.mul(r)).intoArray(ga, j);
                DoubleVector c = ev.mul(DoubleVector.fromArray(S, a, j)).mul(r.mul(TWO_1023).mul(TWO_1023).min(1.0));
                DoubleVector.fromArray(S, gb, j).add(c).intoArray(gb, j);
                c.intoArray(s, so + j);
            }
            for (; j < m; j++) {
                double r = Math.max(s[so + j], 0.0);
                ga[j] += e * r;
                double c = e * a[j] * Tiles.positive(r);
                gb[j] += c;
                s[so + j] = c;
            }
        }

        void clear() {
            Arrays.fill(gt, 0.0);
            Arrays.fill(ga, 0.0);
            Arrays.fill(gb, 0.0);
            loss = 0;
        }

        void add(Sums other) {
            Tiles.add(gt, other.gt);
            Tiles.add(ga, other.ga);
            Tiles.add(gb, other.gb);
            loss += other.loss;
        }
    }

    /** The packed first layer of a ReLU {@code network} whose input dimension is {@code source}'s. */
    private static Layer layerFor(BlockSource source, TwoLayerNetwork network) {
        requireRelu(network);
        Layer layer = new Layer(network.weights(), network.biases());
        if (source.dimension() != layer.d) {
            throw new IllegalArgumentException("source dimension " + source.dimension() + " differs from the network's "
                    + layer.d + ": use a network built for this data");
        }
        return layer;
    }
}
