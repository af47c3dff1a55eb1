package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.KernelRegimeClaim.FLOOR;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.KERNEL_TEST;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.NTK_DEFINITION;
import static org.replearn.checks.claims.paper.KernelRegimeClaim.WIDTH;

import org.replearn.checks.claims.api.Cell;
import org.replearn.core.data.DataSource;

/**
 * One cell of {@link KernelRegimeClaim}: {@code method} a network ({@code one-step}, {@code random-features}), a
 * kernel's label ({@link KernelEquivalent.Kind#label()}), the random-features floor (ratio 0), a control or the NTK's
 * definition check (ratio 0); {@code n = round(ratio·d²)}; {@code replicate} counts the kernels' replicates (0 for the
 * rest).
 */
record KernelRegimeRun(String method, int d, double ratio, int replicate) implements Cell {
    KernelRegimeRun(String method, int d, double ratio) {
        this(method, d, ratio, 0);
    }

    long n() {
        return Math.round(ratio * d * d);
    }

    boolean kernel() {
        return kind() != null;
    }

    /** The kernel of a kernel cell, else null. */
    KernelEquivalent.Kind kind() {
        return KernelEquivalent.Kind.labelled(method);
    }

    @Override
    public String key() {
        return method + "-d" + d + (ratio > 0 ? "-x" + (int) ratio : "") + (kernel() ? "-r" + replicate : "");
    }

    /**
     * Multiply-adds: a kernel replicate's ({@link KernelRidgeReplicate#work}); a network's step and head
     * {@code n·m(d + m)}; the floor {@code m²d}; the definition check's ({@link NtkDefinition#work}).
     */
    @Override
    public double work() {
        double n = n();
        return kernel() ? KernelRidgeReplicate.work(n(), d, KERNEL_TEST)
                : method.equals(NTK_DEFINITION) ? NtkDefinition.work(d)
                : method.equals(FLOOR) ? (double) WIDTH * WIDTH * d : n * WIDTH * (d + (double) WIDTH);
    }

    /**
     * A kernel replicate's ({@link KernelRidgeReplicate#memoryBytes}), the definition check's network, or a network's
     * layer, Grams, features.
     */
    @Override
    public long memoryBytes() {
        long n = n();
        return kernel() ? KernelRidgeReplicate.memoryBytes(n, d)
                : method.equals(NTK_DEFINITION) ? 8L * NtkDefinition.WIDTH * (d + 3)
                : 8L * (DataSource.BLOCK_ROWS * (long) (d + WIDTH) + (long) WIDTH * WIDTH
                        + (long) Conventions.VALIDATION_SAMPLES * WIDTH);
    }
}
