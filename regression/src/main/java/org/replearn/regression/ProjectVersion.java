package org.replearn.regression;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Maven project version, filtered into {@code version.properties} at build time. */
public final class ProjectVersion {
    private ProjectVersion() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the classpath: build the"
                        + " regression module with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.contains("${")) {
                throw new IllegalStateException("version.properties was not filtered by Maven (version = " + v
                        + "): build the regression module with Maven");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
