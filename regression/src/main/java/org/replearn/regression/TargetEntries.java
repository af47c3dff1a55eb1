package org.replearn.regression;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Frames;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.PopulationGradient;

/** Catalogue entries of packages {@code target} and {@code theory}: presets, evaluation, population gradient. */
final class TargetEntries {
    private static final long SEED = 20220615L;
    private static final int D = 6;
    private static final int POINTS = 5;
    private static final List<String> GRADIENT_PRESETS = List.of("multi-deg4", "single-h4", "transfer-target");
    private static final double[] BIASES = {-0.5, 0.0, 1.0};

    private TargetEntries() {
    }

    static List<CatalogueEntry> all() {
        return List.of(presets(), evaluation(), populationGradient());
    }

    /** The target of a preset with the Haar frame of {@link Stream#FRAME} of {@link #SEED} in dimension D. */
    static Target target(String preset, long seed, int d) {
        return Target.random(TargetPreset.of(preset).link(), d, new Seeds(seed).rng(Stream.FRAME));
    }

    /** A fixed, irregular test point set {@code rows × d} with entries in [-1.25, 1.25]. */
    static DMatrixRMaj points(int rows, int d) {
        DMatrixRMaj x = new DMatrixRMaj(rows, d);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, ((7 * i + 3 * j + 1) % 11) / 4.0 - 1.25);
            }
        }
        return x;
    }

    private static CatalogueEntry presets() {
        return new CatalogueEntry("target-presets",
                "exact moments, energy by degree, C_1, G_2, E∇²f*, eigenvalues of G_2, κ and rank of every preset",
                Provenance.of(SEED, "presets", TargetPreset.labels().toString(), "d", Integer.toString(D),
                        "frame", "Target.random(preset, d, Seeds(seed).rng(FRAME))"),
                (threads, out) -> {
                    for (String name : TargetPreset.labels()) {
                        Target t = target(name, SEED, D);
                        out.exact(name + ".mean", t.mean())
                                .exact(name + ".second-moment", t.secondMoment())
                                .exact(name + ".variance", t.variance())
                                .exact(name + ".energy-by-degree", t.energyByDegree())
                                .exact(name + ".linear-coefficient", t.linearCoefficient())
                                .exact(name + ".g2", t.g2())
                                .exact(name + ".expected-hessian", t.expectedHessian())
                                .exact(name + ".g2-eigenvalues", t.hessianEigenvalues())
                                .exact(name + ".kappa", t.kappa())
                                .exact(name + ".hessian-rank", t.hessianRank());
                    }
                });
    }

    private static CatalogueEntry evaluation() {
        String preset = "multi-deg4";
        return new CatalogueEntry("target-evaluation",
                "Haar frame U, f*(x) (pointwise and batched), ∇f*(x) and ∇²f*(x) of multi-deg4 at fixed points",
                Provenance.of(SEED, "preset", preset, "spec", TargetPreset.of(preset).spec(), "d", Integer.toString(D),
                        "points", POINTS + " fixed rows ((7i+3j+1) mod 11)/4 - 1.25"),
                (threads, out) -> {
                    Target t = target(preset, SEED, D);
                    DMatrixRMaj x = points(POINTS, D);
                    double[] batched = new double[POINTS];
                    t.values(x, batched);
                    double[] pointwise = new double[POINTS];
                    double[] gradients = new double[POINTS * D];
                    double[] hessians = new double[POINTS * D * D];
                    double[] row = new double[D];
                    double[] grad = new double[D];
                    DMatrixRMaj hess = new DMatrixRMaj(D, D);
                    for (int i = 0; i < POINTS; i++) {
                        System.arraycopy(x.data, i * D, row, 0, D);
                        pointwise[i] = t.value(row);
                        t.gradient(row, grad);
                        System.arraycopy(grad, 0, gradients, i * D, D);
                        t.hessian(row, hess);
                        System.arraycopy(hess.data, 0, hessians, i * D * D, D * D);
                    }
                    DMatrixRMaj frame = t.frame();
                    out.exact("frame", frame)
                            .exact("frame-orthonormality-error", Frames.orthonormalityError(frame))
                            .exact("values-batched", batched)
                            .exact("values-pointwise", pointwise)
                            .add(new Field("gradients", new int[] {POINTS, D}, gradients, Rule.exact()))
                            .add(new Field("hessians", new int[] {POINTS, D, D}, hessians, Rule.exact()));
                });
    }

    private static CatalogueEntry populationGradient() {
        return new CatalogueEntry("population-gradient",
                "exact population correlation E[f*(x) 1[w·x+b>0] x] (docs/math.md §5) for fixed w and b",
                Provenance.of(SEED, "presets", GRADIENT_PRESETS.toString(), "d", Integer.toString(D),
                        "w", "row 0 of the fixed point set, scaled by 0.8", "b", Arrays.toString(BIASES)),
                (threads, out) -> {
                    double[] w = new double[D];
                    DMatrixRMaj x = points(1, D);
                    for (int j = 0; j < D; j++) {
                        w[j] = 0.8 * x.get(0, j);
                    }
                    for (String preset : GRADIENT_PRESETS) {
                        Target t = target(preset, SEED, D);
                        double[] g = new double[BIASES.length * D];
                        for (int k = 0; k < BIASES.length; k++) {
                            System.arraycopy(PopulationGradient.correlation(t, w, BIASES[k]), 0, g, k * D, D);
                        }
                        out.add(new Field(preset, new int[] {BIASES.length, D}, g, Rule.exact()));
                    }
                });
    }
}
