package org.replearn.core.data;

import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.targets.Target;

/**
 * A seeded stream of labeled samples {@code x ~ N(0, I_d)}, {@code y = f*(x) + ε}, {@code ε ~ N(0, σ²)}, produced in
 * fixed blocks of {@link #BLOCK_ROWS} rows. Block {@code k} depends only on {@code (seeds, stream, k)}: sample
 * {@code i} is the same whatever {@code n}, and the noise has its own generator so {@code σ²} never changes {@code x}.
 */
public final class DataSource implements BlockSource {
    /** Rows per block. */
    public static final int BLOCK_ROWS = 1024;
    private static final long NOISE_SALT = 0x5DEECE66DL;

    private final Target target;
    private final double noiseVariance;
    private final Seeds seeds;
    private final Stream stream;
    private final long n;
    private final LongAdder rowsRead;

    /** A source of {@code n} samples of {@code target} on {@code stream}. */
    public DataSource(Target target, double noiseVariance, Seeds seeds, Stream stream, long n) {
        this(target, noiseVariance, seeds, stream, n, null);
    }

    /**
     * A source of {@code n} samples that adds the rows of every block it reads to {@code rowsRead} (when not null):
     * how a caller follows the progress of streamed passes. Counting never changes a sample.
     */
    public DataSource(Target target, double noiseVariance, Seeds seeds, Stream stream, long n, LongAdder rowsRead) {
        if (target == null || seeds == null || stream == null) {
            throw new IllegalArgumentException("target, seeds and stream must not be null: pass all three");
        }
        Validate.nonNegative("noiseVariance", noiseVariance, "pass σ² >= 0 (0 for noiseless labels)");
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " must be >= 1: ask for at least one sample");
        }
        if ((n + BLOCK_ROWS - 1) / BLOCK_ROWS > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n = " + n + " is too large: at most " + (long) Integer.MAX_VALUE * BLOCK_ROWS);
        }
        this.target = target;
        this.noiseVariance = noiseVariance;
        this.seeds = seeds;
        this.stream = stream;
        this.n = n;
        this.rowsRead = rowsRead;
    }

    /** The same stream with another sample count (a prefix or extension of this one), counted the same way. */
    public DataSource withSize(long size) {
        return new DataSource(target, noiseVariance, seeds, stream, size, rowsRead);
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public int dimension() {
        return target.dimension();
    }

    /** The target labels are drawn from. */
    public Target target() {
        return target;
    }

    /** Label noise variance {@code σ²}. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** Rows in block {@code k}. */
    public int rows(int k) {
        return (int) Math.min(BLOCK_ROWS, n - (long) k * BLOCK_ROWS);
    }

    /**
     * Fills {@code into} with block {@code k}: {@code x} from the generator of {@code (stream, k)}, the noise from a
     * second generator derived from the same seed, so the noise variance never changes {@code x}.
     */
    @Override
    public void read(int k, Block into) {
        if (k < 0 || k >= blockCount()) {
            throw new IllegalArgumentException("block index " + k + " is outside [0, " + blockCount() + ")");
        }
        Validate.dimension("block dimension", into.dimension, dimension(), "create the block with newBlock()");
        int rows = rows(k);
        into.rows = rows;
        into.x.reshape(rows, dimension(), false);
        long seed = seeds.seed(stream, k);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double[] x = into.x.data;
        int size = rows * dimension();
        for (int i = 0; i < size; i++) {
            x[i] = normal.sample();
        }
        target.values(into.x, rows, into.fStar);
        if (noiseVariance > 0) {
            UniformRandomProvider noiseRng = RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.mix(seed ^ NOISE_SALT));
            ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(noiseRng);
            double sd = Math.sqrt(noiseVariance);
            for (int i = 0; i < rows; i++) {
                into.y[i] = into.fStar[i] + sd * noise.sample();
            }
        } else {
            System.arraycopy(into.fStar, 0, into.y, 0, rows);
        }
        if (rowsRead != null) {
            rowsRead.add(rows);
        }
    }

    /** All {@code n} samples in memory (n·d must fit in one array). */
    public Dataset materialize() {
        long cells = n * dimension();
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n·d = " + cells + " does not fit in memory as one matrix: stream the"
                    + " blocks with read() instead");
        }
        int rows = (int) n;
        int d = dimension();
        DMatrixRMaj x = new DMatrixRMaj(rows, d);
        double[] y = new double[rows];
        double[] f = new double[rows];
        Block b = newBlock();
        for (int k = 0; k < blockCount(); k++) {
            read(k, b);
            int off = k * BLOCK_ROWS;
            System.arraycopy(b.x.data, 0, x.data, off * d, b.rows * d);
            System.arraycopy(b.y, 0, y, off, b.rows);
            System.arraycopy(b.fStar, 0, f, off, b.rows);
        }
        return new Dataset(x, y, f);
    }

    /**
     * A reusable block of at most {@link #BLOCK_ROWS} samples, filled by {@link #read}. The arrays are buffers the
     * hot loops read in place (no copies): consumers read the first {@link #rows()} entries and never write them;
     * the next {@code read} overwrites them.
     */
    public static final class Block {
        /** Inputs, {@code rows × d}. */
        public final DMatrixRMaj x;
        /** Labels. */
        public final double[] y = new double[BLOCK_ROWS];
        /** Noiseless target values. */
        public final double[] fStar = new double[BLOCK_ROWS];
        int rows;
        final int dimension;

        Block(int d) {
            this.x = new DMatrixRMaj(BLOCK_ROWS, d);
            this.dimension = d;
        }

        /** Valid rows of the last {@link #read}. */
        public int rows() {
            return rows;
        }
    }
}
