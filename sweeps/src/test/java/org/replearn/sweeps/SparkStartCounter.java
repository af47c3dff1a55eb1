package org.replearn.sweeps;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;

/**
 * Counts the Spark contexts started in this JVM while {@link #install} is in effect: Spark instantiates every class
 * of {@code spark.extraListeners} when a context starts, and {@code new SparkConf()} reads that setting from the
 * system properties. Lets a test prove that a refusal was answered without starting Spark.
 */
public final class SparkStartCounter extends SparkListener {
    private static final String PROPERTY = "spark.extraListeners";
    private static final AtomicInteger STARTED = new AtomicInteger();

    /** Called by Spark (by reflection) once per context that starts. */
    public SparkStartCounter(SparkConf conf) {
        STARTED.incrementAndGet();
    }

    /** Contexts started since the JVM began (while installed). */
    static int started() {
        return STARTED.get();
    }

    /** Registers the counter for the contexts started from now on. */
    static void install() {
        System.setProperty(PROPERTY, SparkStartCounter.class.getName());
    }

    /** Stops counting (the property is removed). */
    static void uninstall() {
        System.clearProperty(PROPERTY);
    }
}
