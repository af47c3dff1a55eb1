package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.Claim;

/** The registry of claims, in report order (docs/math.md §6). */
public final class Claims {
    private Claims() {
    }

    /** Every claim, in report order. */
    public static List<Claim<?, ?>> all() {
        return List.of(new HermiteIdentitiesClaim(), new GradientCorrectnessClaim(), new PopulationGradientClaim(),
                new ExpectedHessianClaim(), new SubspaceRecoveryClaim(), new DegenerateTargetClaim(),
                new KernelRegimeClaim(), new KernelLearningCurveClaim(), new KernelStaircaseClaim(),
                new SampleComplexityClaim(), new SampleComplexityDegree4Claim(),
                new SampleComplexityRankClaim(), new SampleComplexityKappaClaim(), new TransferClaim(), new GdHeadClaim(),
                new WidthClaim());
    }

    /** The ids of {@link #all()}. */
    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Claim<?, ?> c : all()) {
            ids.add(c.id());
        }
        return ids;
    }

    /**
     * The claims with these ids, in report order; an unknown id, or no id at all, is an
     * {@link IllegalArgumentException}.
     */
    public static List<Claim<?, ?>> select(List<String> wanted) {
        List<String> known = ids();
        if (wanted.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("names no claim: pass one or more of " + known + ", comma-separated");
        }
        for (String id : wanted) {
            if (!id.isBlank() && !known.contains(id)) {
                throw new IllegalArgumentException("unknown claim '" + id + "': use one of " + known);
            }
        }
        List<Claim<?, ?>> out = new ArrayList<>();
        for (Claim<?, ?> c : all()) {
            if (wanted.contains(c.id())) {
                out.add(c);
            }
        }
        return out;
    }
}
