package org.replearn.core.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent seeded streams derived from one master seed: {@code seed(stream, index)} mixes
 * {@code (master, stream, index)} with the SplitMix64 finalizer, so every purpose and every data block has its
 * own generator and changing one never changes another. Generators are {@code XO_RO_SHI_RO_128_PP}.
 *
 * @param master the master seed
 */
public record Seeds(long master) {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The seed of a stream. */
    public long seed(Stream stream) {
        return seed(stream, -1L);
    }

    /** The seed of element {@code index} (e.g. a data block) of a stream. */
    public long seed(Stream stream, long index) {
        long h = mix(master + GOLDEN);
        h = mix(h ^ (stream.ordinal() + 1L) * GOLDEN);
        return mix(h ^ (index + 0x632BE59BD9B4E019L) * 0xBF58476D1CE4E5B9L);
    }

    /** A fresh generator for a stream. */
    public UniformRandomProvider rng(Stream stream) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed(stream));
    }

    /** A fresh generator for element {@code index} of a stream. */
    public UniformRandomProvider rng(Stream stream, long index) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed(stream, index));
    }

    /** Seeds derived for a sub-experiment (e.g. repetition {@code k}), independent of this one's streams. */
    public Seeds child(long k) {
        return new Seeds(mix(master ^ mix(k + 0x2545F4914F6CDD1DL)));
    }

    /** The SplitMix64 finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
