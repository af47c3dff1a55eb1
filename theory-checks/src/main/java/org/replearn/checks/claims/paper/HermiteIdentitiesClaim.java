package org.replearn.checks.claims.paper;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Format;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.QuadratureRule;

/**
 * Claim 1 (docs/math.md §1): the normalized Hermite polynomials are orthonormal under N(0,1), and Stein's lemma
 * {@code E[z F(z)] = E[F'(z)]} holds for polynomials {@code F = Σ c_k h_k}.
 *
 * <p>Orthonormality: {@code E[h_j h_k]} for all {@code j <= k <= K} by the {@code N = k+1}-point Gauss–Hermite rule,
 * exact for degree {@code 2N-1 >= j+k}. Stein: random {@code c ∈ [-1,1]^{p+1}}; both sides by a rule exact for degree
 * {@code p+1}; both must equal {@code c_1}. Tolerance (floating point only): {@code S·(1e-13 + 1e-15·(N + 2(j+k)))}
 * with {@code S >= Σ_i w_i |integrand(x_i)|}: weights accurate to 1e-13 relative ({@link QuadratureRule}), nodes to
 * 1e-15 (moving {@code h_j h_k} by {@code (j+k)·1e-15}), the {@code N}-term sum {@code N·ε}; {@code S = 1} for
 * orthonormality (Cauchy–Schwarz), {@code S = Σ_k |c_k| sqrt(2k+1)} for Stein ({@code E[z² h_k²] = 2k+1}).
 *
 * <p>Cells: one per degree {@code k} of orthonormality, one per block of {@value #STEIN_BLOCK} Stein polynomials (their
 * coefficients are consecutive draws of one stream, replayed up to the block), and the physicists' control.
 */
public final class HermiteIdentitiesClaim
        implements Claim<HermiteIdentitiesClaim.Part, HermiteIdentitiesClaim.PartResult> {
    /** The claim id. */
    public static final String ID = "hermite-identities";
    /** Stein polynomials per cell. */
    private static final int STEIN_BLOCK = 50;
    /** Degrees of the physicists' control (their unnormalized values stay exact in double precision). */
    private static final int PHYSICISTS_MAX_DEGREE = 12;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Normalized Hermite polynomials are orthonormal under N(0,1) and satisfy Stein's lemma E[zF(z)] = E[F'(z)]"
                + " (computed by exact Gauss-Hermite quadrature)";
    }

    /** The sizes at a scale: largest orthonormality degree K, Stein polynomials and their largest degree. */
    private record Sizes(int maxDegree, int polynomials, int maxPolyDegree) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(60, 150), s.pick(200, 1000), s.pick(30, 80));
        }
    }

    /** The kinds of cell. */
    enum Kind { ORTHONORMALITY, STEIN, PHYSICISTS }

    /** Orthonormality at degree {@code first}, Stein polynomials {@code first…first+count−1}, or the control. */
    record Part(Kind kind, int first, int count, int maxDegree) implements Cell {
        @Override
        public String key() {
            return switch (kind) {
                case ORTHONORMALITY -> "orthonormality-k" + first;
                case STEIN -> "stein-q" + first;
                case PHYSICISTS -> "control-physicists";
            };
        }

        /** Quadrature terms: {@code (k+1)²}; Stein {@code count·K²} plus the replayed draws; control {@code (K+1)⁴}. */
        @Override
        public double work() {
            return switch (kind) {
                case ORTHONORMALITY -> (first + 1.0) * (first + 1);
                case STEIN -> (double) count * maxDegree * maxDegree + (double) first * maxDegree;
                case PHYSICISTS -> Math.pow(first + 1, 4);
            };
        }

        /** The Hermite values at every node ({@code 8(k+1)²}) or one polynomial's coefficients and values. */
        @Override
        public long memoryBytes() {
            return kind == Kind.ORTHONORMALITY ? 8L * (first + 1) * (first + 1) : 24L * (maxDegree + 1);
        }
    }

    /** A cell's result. */
    sealed interface PartResult extends Serializable permits Orthonormality, SteinBlock, Physicists {
    }

    /** {@code E[h_j h_k]}, its error and tolerance for {@code j = 0…k}. */
    record Orthonormality(double[] measured, double[] error, double[] tolerance) implements PartResult {
    }

    /** A block of Stein checks. */
    record SteinBlock(SteinsLemma.Block block) implements PartResult {
    }

    /** The worst error/tolerance of the physicists' polynomials. */
    record Physicists(double ratio) implements PartResult {
    }

    /**
     * The claim's details.
     *
     * @param maxDegreeOrthonormality largest degree K of the orthonormality check
     * @param steinPolynomials number of random Stein polynomials
     * @param steinMaxDegree largest degree of a Stein polynomial
     * @param orthonormalityMaxAbsError largest {@code |E[h_j h_k] − δ_jk|}
     * @param orthonormalityMaxErrorOverTolerance largest error/tolerance of the orthonormality entries
     * @param steinMaxAbsError largest {@code |E[zF] − E[F']|} over the Stein polynomials
     * @param steinMaxErrorOverTolerance largest error/tolerance of the Stein checks
     */
    record Details(int maxDegreeOrthonormality, int steinPolynomials, int steinMaxDegree,
            double orthonormalityMaxAbsError, double orthonormalityMaxErrorOverTolerance, double steinMaxAbsError,
            double steinMaxErrorOverTolerance) {
    }

    @Override
    public List<Part> cells(RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        List<Part> cells = new ArrayList<>();
        for (int k = 0; k <= z.maxDegree(); k++) {
            cells.add(new Part(Kind.ORTHONORMALITY, k, 1, k));
        }
        for (int q = 0; q < z.polynomials(); q += STEIN_BLOCK) {
            cells.add(new Part(Kind.STEIN, q, Math.min(STEIN_BLOCK, z.polynomials() - q), z.maxPolyDegree()));
        }
        int control = Math.min(z.maxDegree(), PHYSICISTS_MAX_DEGREE);
        cells.add(new Part(Kind.PHYSICISTS, control, 1, control));
        return cells;
    }

    @Override
    public PartResult compute(Part cell, RunContext ctx) {
        return switch (cell.kind()) {
            case ORTHONORMALITY -> orthonormality(cell.first());
            case STEIN -> new SteinBlock(SteinsLemma.block(ctx.seedsFor(ID).rng(Stream.CHECK), cell.first(), cell.count(),
                    cell.maxDegree()));
            case PHYSICISTS -> new Physicists(PhysicistsHermite.orthonormalityRatio(cell.first()));
        };
    }

    @Override
    public ClaimResult reduce(List<PartResult> results, RunContext ctx) {
        Sizes z = Sizes.of(ctx.scale());
        Sweep.Builder ortho = Sweep.table("hermite-orthonormality", "j", "k", "points", "measured", "predicted",
                "abs_error", "tolerance");
        Sweep.Builder stein = Sweep.table("hermite-stein", "polynomial", "degree", "points", "e_zf", "e_df", "c1",
                "abs_error", "tolerance");
        double[] worst = new double[4]; // orthonormality error, its ratio, Stein error, its ratio
        double physicistsRatio = Double.NaN;
        int top = 0;
        int q = 0;
        for (PartResult r : results) {
            if (r instanceof Orthonormality o) {
                for (int j = 0; j <= top; j++) {
                    worst[0] = Math.max(worst[0], o.error()[j]);
                    worst[1] = Math.max(worst[1], o.error()[j] / o.tolerance()[j]);
                    ortho.row(j, top, top + 1, o.measured()[j], (double) (j == top ? 1 : 0), o.error()[j],
                            o.tolerance()[j]);
                }
                top++;
            } else if (r instanceof SteinBlock sb) {
                SteinsLemma.Block b = sb.block();
                for (int i = 0; i < b.checks().length; i++, q++) {
                    SteinsLemma.Check c = b.checks()[i];
                    worst[2] = Math.max(worst[2], c.error());
                    worst[3] = Math.max(worst[3], c.error() / c.tolerance());
                    stein.row(q, b.degree()[i], c.points(), c.ezf(), c.edf(), b.c1()[i], c.error(), c.tolerance());
                }
            } else if (r instanceof Physicists p) {
                physicistsRatio = p.ratio();
            }
        }
        double worstRatio = Math.max(worst[1], worst[3]);
        int control = Math.min(z.maxDegree(), PHYSICISTS_MAX_DEGREE);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "E[h_j h_k] = δ_jk for j,k <= " + z.maxDegree()
                        + "; E[zF] = E[F'] = c_1 for " + z.polynomials() + " random F of degree <= " + z.maxPolyDegree()))
                .measured(Measurement.exact(worstRatio, "max error " + Format.fmt(worst[0]) + " (orthonormality), "
                        + Format.fmt(worst[2]) + " (Stein); max error/tolerance " + Format.fmt(worstRatio)))
                .tolerance(Tolerance.of(1, "per entry S·(1e-13 + 1e-15·(N + 2(j+k))), i.e. error/tolerance <= 1"))
                .rationale("Quadrature is exact for these degrees, so only floating point remains: quadrature weights are accurate"
                        + " to 1e-13 relative, nodes to 1e-15 (moving h_j h_k by (j+k)·1e-15), and the N-term sum adds"
                        + " N·ε; S bounds Σ w_i|integrand| (1 by Cauchy-Schwarz for orthonormality, Σ|c_k|sqrt(2k+1)"
                        + " for Stein).")
                .holds(worst[1] <= 1 && worst[3] <= 1)
                .control("Hermite in the physicists' convention (H_k/sqrt(2^k k!), orthonormal for e^{-x²}) under the"
                        + " probabilists' N(0,1) rule", physicistsRatio > 1, Measurement.exact(physicistsRatio, "max"
                        + " error/tolerance " + Format.fmt(physicistsRatio) + " on E[h_j h_k] = δ_jk, j,k <= " + control))
                .details(new Details(z.maxDegree(), z.polynomials(), z.maxPolyDegree(), worst[0], worst[1], worst[2],
                        worst[3]))
                .sweeps(List.of(ortho.build(), stein.build()))
                .plots(List.of())
                .build();
    }

    /** {@code E[h_j h_top]} for {@code j = 0…top} by the {@code (top+1)}-point rule, with errors and tolerances. */
    private static Orthonormality orthonormality(int top) {
        int points = top + 1;
        QuadratureRule rule = QuadratureRule.gaussHermite(points);
        double[][] values = new double[points][top + 1];
        for (int i = 0; i < points; i++) {
            Hermite.values(rule.node(i), top, values[i]);
        }
        double[] measured = new double[top + 1];
        double[] error = new double[top + 1];
        double[] tolerance = new double[top + 1];
        for (int j = 0; j <= top; j++) {
            double s = 0;
            for (int i = 0; i < points; i++) {
                s += rule.weight(i) * values[i][j] * values[i][top];
            }
            measured[j] = s;
            error[j] = Math.abs(s - (j == top ? 1 : 0));
            tolerance[j] = 1e-13 + 1e-15 * (points + 2 * (j + top));
        }
        return new Orthonormality(measured, error, tolerance);
    }
}
