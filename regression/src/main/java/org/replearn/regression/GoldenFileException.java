package org.replearn.regression;

/** A golden file is missing, unreadable or corrupt; the message says which file, why, and how to regenerate it. */
public final class GoldenFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exception with a message naming the problem and the regeneration command. */
    public GoldenFileException(String problem, Throwable cause) {
        super(problem + "\nRegenerate the golden files (then review and commit them) with:\n  "
                + Baselines.REGENERATE_COMMAND, cause);
    }
}
