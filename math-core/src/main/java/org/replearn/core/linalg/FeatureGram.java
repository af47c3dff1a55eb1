package org.replearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;

/**
 * Second moments of ReLU features {@code Φ = σ(X Wᵀ + 1 bᵀ)} and labels {@code t}: the Gram matrix
 * {@code ΦᵀΦ/n} (m×m, symmetric), the correlation {@code Φᵀt/n} and {@code tᵀt/n} — the sufficient statistics of
 * ridge regression on frozen features ({@code a = (ΦᵀΦ/n + λI)⁻¹ Φᵀt/n}); on a held-out set they give the
 * validation error of any {@code a}: {@code aᵀ(ΦᵀΦ/n)a - 2aᵀ(Φᵀt/n) + tᵀt/n}.
 *
 * @param gram             {@code ΦᵀΦ/n}
 * @param correlation      {@code Φᵀt/n}
 * @param labelMoment      {@code tᵀt/n}
 * @param size             {@code n}
 */
public record FeatureGram(DMatrixRMaj gram, double[] correlation, double labelMoment, long size) {

    /**
     * Streams the statistics over all samples of {@code source} on {@code threads} threads, bit-identical for every
     * thread count. Per tile of 32 rows: {@code Φ} by the blocked kernel, then {@code Φᵀt} and the upper triangle
     * of {@code ΦᵀΦ} (mirrored at the end). Costs {@code 2·n·m·d + n·m²} flops.
     */
    public static FeatureGram over(BlockSource source, DMatrixRMaj w, double[] b, Labels labels, int threads) {
        Layer layer = new Layer(w, b);
        if (source.dimension() != layer.d) {
            throw new IllegalArgumentException("source dimension " + source.dimension() + " differs from w's "
                    + layer.d + " columns: use a first layer built for this data");
        }
        int m = layer.m;
        Sums total = Parallel.reduce(source.blockCount(), threads, () -> new Sums(m), () -> new Scratch(source, m, true),
                (sums, scratch, k) -> {
                    scratch.load(source, labels, k);
                    int rows = scratch.block.rows;
                    double[] phi = scratch.tile;
                    for (int row0 = 0; row0 < rows; row0 += Tiles.ROWS) {
                        int count = Math.min(Tiles.ROWS, rows - row0);
                        Tiles.preactivations(scratch.block.x.data, row0, count, layer, phi);
                        Tiles.relu(phi, count, m);
                        for (int r = 0; r < count; r++) {
                            double t = scratch.t[row0 + r];
                            sums.tt += t * t;
                            for (int j = 0, o = r * m; j < m; j++) {
                                sums.pt[j] += t * phi[o + j];
                            }
                        }
                        Tiles.addGramUpper(phi, count, sums.g, scratch.packed);
                    }
                }, Sums::add);
        double inv = 1.0 / source.size();
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        for (int j = 0; j < m; j++) {
            for (int l = j; l < m; l++) {
                double v = inv * total.g[j][l];
                gram.data[j * m + l] = v;
                gram.data[l * m + j] = v;
            }
            total.pt[j] *= inv;
        }
        return new FeatureGram(gram, total.pt, inv * total.tt, source.size());
    }

    /**
     * Plain reference on samples in memory: {@code Φ} by {@link ReluFeatures#reference}, then each sum over samples
     * in increasing order, no fma.
     */
    public static FeatureGram reference(DMatrixRMaj x, double[] t, DMatrixRMaj w, double[] b) {
        if (t.length != x.numRows) {
            throw new IllegalArgumentException("t has " + t.length + " entries for " + x.numRows
                    + " samples: one label per row of x");
        }
        DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        ReluFeatures.reference(x, w, b, phi);
        int n = x.numRows;
        int m = w.numRows;
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        double[] pt = new double[m];
        double tt = 0;
        for (int i = 0; i < n; i++) {
            tt += t[i] * t[i];
            for (int j = 0; j < m; j++) {
                double pij = phi.data[i * m + j];
                pt[j] += pij * t[i];
                for (int l = 0; l < m; l++) {
                    gram.data[j * m + l] += pij * phi.data[i * m + l];
                }
            }
        }
        for (int j = 0; j < m * m; j++) {
            gram.data[j] /= n;
        }
        for (int j = 0; j < m; j++) {
            pt[j] /= n;
        }
        return new FeatureGram(gram, pt, tt / n, n);
    }

    /** Unscaled partial sums: upper triangle of {@code ΦᵀΦ}, {@code Φᵀt}, {@code tᵀt}. */
    private static final class Sums {
        final double[][] g;
        final double[] pt;
        double tt;

        Sums(int m) {
            g = new double[m][m];
            pt = new double[m];
        }

        void add(Sums other) {
            Tiles.add(g, other.g);
            Tiles.add(pt, other.pt);
            tt += other.tt;
        }
    }
}
