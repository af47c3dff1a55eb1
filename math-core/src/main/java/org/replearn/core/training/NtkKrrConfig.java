package org.replearn.core.training;

import org.replearn.core.Validate;
import org.replearn.core.kernel.EmpiricalNtk;
import org.replearn.core.kernel.GaussianKernel;
import org.replearn.core.kernel.Kernel;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.network.SymmetricInit;

/**
 * Configuration of {@link NtkKrrLearner}.
 *
 * @param kernel     which kernel
 * @param lambdaGrid candidate ridge {@code λ} (KRR convention {@code (1/n)Σ(f - ỹ)² + λ||f||²_H}), increasing;
 *                   beyond {@code KernelRidge.EIGEN_MAX_ROWS} samples each value costs one Cholesky factorization
 * @param threads    worker threads (results do not depend on it)
 */
public record NtkKrrConfig(KernelChoice kernel, double[] lambdaGrid, int threads) {
    /** Validates and copies. */
    public NtkKrrConfig {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel is null: pass new NtkKrrConfig.ReluNtkKernel()");
        }
        lambdaGrid = Validate.lambdaGrid("lambdaGrid", lambdaGrid);
        Validate.atLeast("threads", threads, 1, "use at least one thread");
    }

    /** The infinite-width ReLU NTK with 8 log-spaced {@code λ} in {@code [1e-6, 10]}. */
    public static NtkKrrConfig defaults(int threads) {
        return new NtkKrrConfig(new ReluNtkKernel(), RidgeHead.logGrid(1e-6, 10, 8), threads);
    }

    @Override
    public double[] lambdaGrid() {
        return lambdaGrid.clone();
    }

    /** The kernel of the regression, built for a problem. */
    public sealed interface KernelChoice permits ReluNtkKernel, EmpiricalNtkKernel, GaussianRbfKernel {
        /** The kernel on {@code R^d} for {@code problem} (its seeds fix any random parameters). */
        Kernel build(Problem problem);

        /** The learner's name with this kernel, e.g. {@code ntk-krr}. */
        String learnerName();
    }

    /** The infinite-width ReLU NTK ({@link ReluNtk}). */
    public record ReluNtkKernel() implements KernelChoice {
        @Override
        public Kernel build(Problem problem) {
            return new ReluNtk(problem.target().dimension());
        }

        @Override
        public String learnerName() {
            return "ntk-krr";
        }
    }

    /**
     * The Gaussian (RBF) kernel {@code exp(−||x − y||²/(2dℓ²))} ({@link GaussianKernel}): rotation-invariant, with
     * every degree in its expansion, a kernel-regime baseline independent of the network (docs/math.md §6).
     *
     * @param lengthScale the length scale {@code ℓ} relative to {@code sqrt(d)}, {@code > 0}
     */
    public record GaussianRbfKernel(double lengthScale) implements KernelChoice {
        /** Validates the length scale. */
        public GaussianRbfKernel {
            Validate.positive("lengthScale", lengthScale, "use a length scale > 0 (1 is typical)");
        }

        @Override
        public Kernel build(Problem problem) {
            return new GaussianKernel(problem.target().dimension(), lengthScale);
        }

        @Override
        public String learnerName() {
            return "rbf-krr";
        }
    }

    /**
     * The empirical NTK of the finite network at its symmetric initialization ({@link EmpiricalNtk}), drawn from the
     * problem's {@code INIT}/{@code BIAS} streams, i.e. the same network {@link OneStepLearner} starts from.
     *
     * @param width      the width {@code m}, even
     * @param unitSphere initial rows uniform on the unit sphere instead of {@code N(0, I_d/d)}
     */
    public record EmpiricalNtkKernel(int width, boolean unitSphere) implements KernelChoice {
        /** Validates the width. */
        public EmpiricalNtkKernel {
            SymmetricInit.requireEvenWidth(width);
        }

        @Override
        public Kernel build(Problem problem) {
            return EmpiricalNtk.of(SymmetricInit.initialize(width, problem.target().dimension(), problem.seeds(),
                    unitSphere));
        }

        @Override
        public String learnerName() {
            return "ntk-krr-empirical";
        }
    }
}
