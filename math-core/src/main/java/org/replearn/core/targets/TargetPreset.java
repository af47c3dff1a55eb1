package org.replearn.core.targets;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The named targets, each a spec of {@link TargetSpec} with a one-line description; all normalized to
 * {@code E f*² = 1}, with no constant or linear part.
 */
public enum TargetPreset {
    /** {@code h2(z1)}: the reference demo of docs/math.md §4; {@code G₂ = sqrt(2)}. */
    SINGLE_H2("single-h2", "h2(z1)", "single-index h_2(w*·x), the reference demo of docs/math.md §4 (unit variance)"),
    /** {@code h3(z1)}: pure degree 3, {@code G₂ = 0}: degenerate, the first step cannot find the direction. */
    SINGLE_H3("single-h3", "h3(z1)", "single-index h_3: degree 3, G2 = 0 (degenerate: the first step cannot find w*)"),
    /**
     * Single index, half the energy in degree 2 ({@code G₂ = 1}, non-degenerate) and half in degree 4 (out of reach
     * of kernels at {@code n ≍ d²}).
     */
    SINGLE_H4("single-h4", "sqrt(0.5)*h2(z1) + sqrt(0.5)*h4(z1)",
            "single-index, half the energy in degree 2 and half in degree 4 (unit variance)"),
    /** Two directions, energy 0.3 in degree 2 ({@code G₂ = sqrt(0.3) I}) and 0.7 in degree 4. */
    MULTI_DEG4("multi-deg4", "sqrt(0.3)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.7)*h2(z1)*h2(z2)",
            "two directions, 30% of the energy in degree 2 and 70% in degree 4 (unit variance)"),
    /** Two directions, energy 0.5 in degree 2 ({@code G₂ = sqrt(0.5) I}) and 0.5 in degree 3. */
    MULTI_DEG3("multi-deg3", "sqrt(0.5)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.5)*h2(z1)*h1(z2)",
            "two directions, half the energy in degree 2 and half in degree 3 (unit variance)"),
    /** Source task of transfer learning: degree 2 on two directions, {@code G₂ = I} ({@code κ = 1}). */
    TRANSFER_SOURCE("transfer-source", "(h2(z1)+h2(z2))/sqrt(2)",
            "source head for transfer learning: degree 2 on two directions, G2 = I (unit variance)"),
    /**
     * Downstream task of transfer learning on the same two directions: degrees 2 and 3 (its own {@code G₂} has
     * eigenvalues {@code ±sqrt(0.5)}).
     */
    TRANSFER_TARGET("transfer-target", "sqrt(0.5)*h1(z1)*h1(z2) + sqrt(0.5)*h3(z2)",
            "target head for transfer learning on the same two directions: degrees 2 and 3 (unit variance)");

    private final String label;
    private final String spec;
    private final String description;

    TargetPreset(String label, String spec, String description) {
        this.label = label;
        this.spec = spec;
        this.description = description;
    }

    /** The name as written on the command line, e.g. {@code single-h2}. */
    public String label() {
        return label;
    }

    /** The spec, in the grammar of {@link TargetSpec}. */
    public String spec() {
        return spec;
    }

    /** One line for listings. */
    public String description() {
        return description;
    }

    /** The parsed link {@code g}. */
    public HermitePolynomial link() {
        return TargetSpec.parse(spec);
    }

    /** Every label, sorted. */
    public static SortedSet<String> labels() {
        SortedSet<String> out = new TreeSet<>();
        for (TargetPreset p : values()) {
            out.add(p.label);
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** The preset labelled {@code label} (surrounding blanks ignored), or null. */
    public static TargetPreset find(String label) {
        String l = label == null ? "" : label.trim();
        for (TargetPreset p : values()) {
            if (p.label.equals(l)) {
                return p;
            }
        }
        return null;
    }

    /** The preset labelled {@code label}; an unknown label is an {@link IllegalArgumentException} listing them. */
    public static TargetPreset of(String label) {
        TargetPreset p = find(label);
        if (p == null) {
            throw new IllegalArgumentException("unknown target preset '" + label + "': use one of " + labels()
                    + " or write a spec such as 0.6*h2(z1) + 0.8*h2(z1)*h2(z2)");
        }
        return p;
    }
}
