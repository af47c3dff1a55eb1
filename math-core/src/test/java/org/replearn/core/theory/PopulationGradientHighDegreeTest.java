package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/**
 * {@link PopulationGradient#correlation} for a single high-degree Hermite target against a closed form that uses no
 * {@code Q_k} and no moment recurrence (see math-core/MUTATION.md).
 *
 * <p>In {@code d = r = 1} ({@code U = [1]}), for {@code f* = h_k}, {@code k >= 2}, {@code w = s > 0} and
 * {@code c = -b/s}: {@code E[h_k(x) 1[sx + b > 0] x] = ∫_c^∞ x h_k(x) φ(x) dx}. With
 * {@code x h_k = sqrt(k+1) h_{k+1} + sqrt(k) h_{k-1}} and {@code ∫_c^∞ h_j φ = h_{j-1}(c) φ(c) / sqrt(j)} (from
 * {@code (He_{j-1} φ)' = -He_j φ}) this is {@code φ(c) (h_k(c) + sqrt(k/(k-1)) h_{k-2}(c))}.
 * Tolerance {@code 16(k+2)ε · φ(c) K e^{c²/4}} (K = 1.0865, Cramér's bound on {@code |h_k|}): the recurrences on both
 * sides carry {@code 4(k+1)ε} of that amplitude ({@code HermiteTest}); the measured error is below a tenth of it.
 */
class PopulationGradientHighDegreeTest {
    private static final double EPS = Math.ulp(1.0);

    private static void assertClosedForm(int k) {
        Target t = new Target(TargetSpec.parse("h" + k + "(z1)"), DMatrixRMaj.wrap(1, 1, new double[] {1.0}));
        for (double s : new double[] {0.5, 1.0, 2.0}) {
            for (double b : new double[] {-1.5, -0.5, 0.0, 0.7, 2.0}) {
                double c = -b / s;
                double phi = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
                double expected = phi * (Hermite.value(k, c) + Math.sqrt(k / (k - 1.0)) * Hermite.value(k - 2, c));
                double tol = 16 * (k + 2) * EPS * phi * 1.0865 * Math.exp(c * c / 4);
                double actual = PopulationGradient.correlation(t, new double[] {s}, b)[0];
                assertEquals(expected, actual, tol, "h_" + k + ", w = " + s + ", b = " + b);
            }
        }
    }

    @Test
    void singleHermiteTargetsUpToDegree170MatchTheClosedForm() {
        for (int k : new int[] {2, 3, 10, 50, 100, 150, 170}) {
            assertClosedForm(k);
        }
    }

    /**
     * Degrees 171 to 200, where {@code k!} exceeds the double range but every quantity of the formula (moments
     * {@code m_k ~ sqrt(k!)}, {@code Q_k ~ 1/sqrt(k!)}) is finite. Regression (found by this test, fixed in 90e3c5d):
     * the correlation was exactly 0 (e.g. against {@code -3.3e-3} for {@code h_171}, {@code s = 1}, {@code b = -0.5}),
     * because {@code HermitePolynomial.q} and {@code gradQ} used {@code 1/sqrt(α!) = 1/sqrt(+Infinity) = 0}.
     */
    @Test
    void singleHermiteTargetsAboveDegree170MatchTheClosedForm() {
        for (int k : new int[] {171, 180, 200}) {
            assertClosedForm(k);
        }
    }
}
