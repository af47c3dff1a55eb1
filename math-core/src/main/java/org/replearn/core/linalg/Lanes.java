package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes every kernel of this package uses, in one place: the machine's preferred species for lane-wise
 * work over output entries, the column strip of the {@code 4 × STRIP} micro-kernels, and a fixed four-lane species
 * for sums whose partial sums must not depend on the machine's vector length. Static finals, so the JIT folds them
 * into the kernels as constants.
 */
final class Lanes {
    /** The preferred species: vectors run over output entries only (lane-wise, no horizontal reduction). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector of {@link #SPECIES}. */
    static final int LENGTH = SPECIES.length();
    /** Columns per strip of the register-blocked micro-kernels: two vectors. */
    static final int STRIP = 2 * LENGTH;
    /**
     * Four lanes whatever the machine: the fixed partial sums of the dot products and output sums, so that their
     * bits do not depend on the vector length.
     */
    static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

    private Lanes() {
    }
}
