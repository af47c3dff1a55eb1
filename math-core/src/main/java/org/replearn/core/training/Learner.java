package org.replearn.core.training;

/**
 * A learning method: fits a predictor on a problem's training stream, choosing its hyper-parameters on the
 * problem's validation stream. Fits are deterministic functions of the problem (its seeds included) and the
 * learner's configuration, whatever the thread count.
 */
public interface Learner {
    /** Fits on {@code problem}. */
    FitResult fit(Problem problem);

    /** Short name for reports, spelled as the command line's {@code --method} ({@code one-step}, {@code gd}, ...). */
    String name();
}
