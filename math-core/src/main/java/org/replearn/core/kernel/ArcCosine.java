package org.replearn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Arc-cosine expectations (Cho &amp; Saul 2009) of a centered Gaussian pair {@code (u, v)} with standard deviations
 * {@code σ_u, σ_v} and correlation {@code ρ = cos θ}: {@code E[σ(u)σ(v)] = σ_u σ_v (sin θ + (π − θ) cos θ) / 2π}
 * for the ReLU {@code σ}, and {@code E[1[u>0] 1[v>0]] = (π − θ) / 2π}; and the ReLU NNGP and NTK of docs/math.md §3 built
 * from them ({@link #kernel}), with a Vector API twin ({@link #fill}) for the batched Gram and cross matrices.
 *
 * <p>Bits: the scalar path takes {@code θ} from {@code StrictMath.acos} (fdlibm's {@code e_acos.c}, the same bits on
 * every JVM). The vector path ({@link #angle(DoubleVector)}) is that algorithm operation for operation — the same
 * constants, the same rational approximation {@code R(z) = P(z)/Q(z)} of {@code (asin √z − √z)/√z}, the same
 * reductions ({@code |x| < 0.5}: {@code π/2 − (x + x R(x²))}; {@code x ≥ 0.5}: {@code 2(√z + √z R(z))} with
 * {@code z = (1 − x)/2} and {@code √z} split into a 32-bit head and a correction; {@code x ≤ −0.5}:
 * {@code π − 2(√z + √z R(z))}) — written in lane-wise {@code +, −, ×, ÷, √} only, each correctly rounded by IEEE 754
 * and never fused into an FMA by the JIT. It therefore returns exactly {@code StrictMath.acos}'s bits (0 ulp apart;
 * fdlibm's own error is below 1 ulp of the true {@code arccos}); {@code ArcCosineTest} checks this on millions of
 * points, the ends of {@code [-1, 1]}, ±0, subnormals and the branch points ±0.5. All three branches are evaluated
 * in every lane and blended, so one rational evaluation serves the vector. The NNGP and NTK formulas around it are
 * the same operations in the same order in both paths, so {@link #fill} gives {@link #kernel}'s bits, and the batched
 * matrices the bits of {@link DotProductKernel#value} whatever the vector length or thread count.
 */
final class ArcCosine {
    private static final double TWO_PI = 2 * Math.PI;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** fdlibm's {@code π/2} in two parts, and the coefficients of {@code R = P/Q} (e_acos.c). */
    private static final double PIO2_HI = 0x1.921fb54442d18p0;
    private static final double PIO2_LO = 0x1.1a62633145c07p-54;
    private static final double PS0 = 0x1.5555555555555p-3;
    private static final double PS1 = -0x1.4d61203eb6f7dp-2;
    private static final double PS2 = 0x1.9c1550e884455p-3;
    private static final double PS3 = -0x1.48228b5688f3bp-5;
    private static final double PS4 = 0x1.9efe07501b288p-11;
    private static final double PS5 = 0x1.23de10dfdf709p-15;
    private static final double QS1 = -0x1.33a271c8a2d4bp1;
    private static final double QS2 = 0x1.02ae59c598ac8p1;
    private static final double QS3 = -0x1.6066c1b8d0159p-1;
    private static final double QS4 = 0x1.3b8c5b12e9282p-4;
    /** Keeps the high 32 bits of a double (fdlibm's {@code __LO(df, 0)}). */
    private static final long HIGH_WORD = 0xFFFF_FFFF_0000_0000L;

    private ArcCosine() {
    }

    /** {@code ρ = cov / (σ_u σ_v)}, clamped to {@code [-1, 1]} against rounding. */
    private static double correlation(double cov, double sdProduct) {
        double rho = cov / sdProduct;
        return rho > 1 ? 1 : rho < -1 ? -1 : rho;
    }

    /** {@code θ = arccos ρ} (StrictMath, identical on every JVM). */
    private static double angle(double rho) {
        return StrictMath.acos(rho);
    }

    /** {@code E[σ(u)σ(v)]}, with {@code sin θ = sqrt(1 − ρ²)}. */
    private static double relu(double sdProduct, double rho, double theta) {
        return sdProduct * (Math.sqrt(1 - rho * rho) + (Math.PI - theta) * rho) / TWO_PI;
    }

    /** {@code E[1[u>0] 1[v>0]]}. */
    private static double step(double theta) {
        return (Math.PI - theta) / TWO_PI;
    }

    /**
     * The ReLU NNGP {@code K = E[σ(u)σ(v)]}, or with {@code ntk} the NTK {@code K + E[σ'(u)σ'(v)] (x·y + 1)}, of two
     * points with squared norms {@code xx}, {@code yy} and inner product {@code xy} in {@code R^d}:
     * {@code σ_u σ_v = sqrt((xx/d + 1)(yy/d + 1))}, {@code cov = xy/d + 1} ({@link ReluNngp}, {@link ReluNtk}).
     */
    static double kernel(int d, boolean ntk, double xx, double yy, double xy) {
        double sd = Math.sqrt((xx / d + 1) * (yy / d + 1));
        double rho = correlation(xy / d + 1, sd);
        double theta = angle(rho);
        double nngp = relu(sd, rho, theta);
        return ntk ? nngp + step(theta) * (xy + 1) : nngp;
    }

    /**
     * {@code out[o + j] = kernel(d, ntk, xx, yy[j], out[o + j])} for {@code j < count}: whole vectors by the lane-wise
     * twin of {@link #kernel}, the remainder by {@link #kernel} itself (the same bits either way).
     */
    static void fill(int d, boolean ntk, double xx, double[] yy, double[] out, int o, int count) {
        double vx = xx / d + 1;
        int end = count - count % L;
        for (int j = 0; j < end; j += L) {
            DoubleVector xy = DoubleVector.fromArray(S, out, o + j);
            DoubleVector sd = DoubleVector.fromArray(S, yy, j).div(d).add(1).mul(vx).sqrt();
            DoubleVector rho = xy.div(d).add(1).div(sd).min(1.0).max(-1.0);
            DoubleVector rest = minus(Math.PI, angle(rho)); // π − θ
            DoubleVector k = minus(1, rho.mul(rho)).sqrt().add(rest.mul(rho)).mul(sd).div(TWO_PI);
            if (ntk) {
                k = k.add(rest.div(TWO_PI).mul(xy.add(1)));
            }
            k.intoArray(out, o + j);
        }
        for (int j = end; j < count; j++) {
            out[o + j] = kernel(d, ntk, xx, yy[j], out[o + j]);
        }
    }

    /**
     * {@code arccos x} lane-wise, bit-identical to {@code StrictMath.acos} (fdlibm {@code e_acos.c}, see the class
     * comment); NaN for {@code |x| > 1} and NaN lanes.
     */
    static DoubleVector angle(DoubleVector x) {
        DoubleVector ax = x.abs();
        VectorMask<Double> small = ax.compare(VectorOperators.LT, 0.5);
        DoubleVector z = minus(1, ax).mul(0.5).blend(x.mul(x), small); // (1 − |x|)/2, or x² below 0.5
        DoubleVector p = z.mul(PS5).add(PS4).mul(z).add(PS3).mul(z).add(PS2).mul(z).add(PS1).mul(z).add(PS0).mul(z);
        DoubleVector q = z.mul(QS4).add(QS3).mul(z).add(QS2).mul(z).add(QS1).mul(z).add(1);
        DoubleVector r = p.div(q);
        DoubleVector s = z.sqrt();
        // x >= 0.5: 2 (df + (r s + c)), df = s with its low word cleared, c = (z − df²)/(s + df)
        DoubleVector df = s.reinterpretAsLongs().lanewise(VectorOperators.AND, HIGH_WORD).reinterpretAsDoubles();
        DoubleVector c = z.sub(df.mul(df)).div(s.add(df));
        DoubleVector theta = r.mul(s).add(c).add(df).mul(2.0);
        // x <= -0.5: π − 2 (s + (r s − π/2_lo))
        theta = theta.blend(minus(Math.PI, r.mul(s).sub(PIO2_LO).add(s).mul(2.0)), x.compare(VectorOperators.LT, 0));
        // |x| < 0.5: π/2_hi − (x − (π/2_lo − x r))
        theta = theta.blend(minus(PIO2_HI, x.sub(minus(PIO2_LO, x.mul(r)))), small);
        return theta.blend(0.0, x.compare(VectorOperators.EQ, 1.0)); // acos(1) = +0, where c above is 0/0
    }

    /**
     * {@code a − v} lane-wise: the same bits as {@code v.neg().add(a)}, without the negation, which JDK 17 does not
     * compile to a vector instruction for doubles.
     */
    private static DoubleVector minus(double a, DoubleVector v) {
        return DoubleVector.broadcast(S, a).sub(v);
    }
}
