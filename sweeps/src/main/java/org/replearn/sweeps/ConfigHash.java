package org.replearn.sweeps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Scale;
import org.replearn.core.data.Seeds;

/**
 * The configuration a stored cell result belongs to: SHA-256 of the claim id, the scale, the master seed, the
 * claim's cell keys at that scale, and the code (every class of math-core and theory-checks, byte for byte: a change
 * to a claim's parameters or to the library changes the hash). A sweep reuses a stored cell only under the same
 * hash, so a resumed run computes exactly what an uninterrupted one would.
 */
final class ConfigHash {
    private static volatile String code;

    private ConfigHash() {
    }

    /** The first 16 hex digits of the hash. */
    static String of(String claimId, Scale scale, long seed, List<String> keys) {
        MessageDigest sha = sha256();
        for (String part : List.of("replearn-sweep/1", claimId, scale.label(), Long.toString(seed),
                String.join(",", keys), code())) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /**
     * SHA-256 of the names and bytes of every {@code org/replearn/core} and {@code org/replearn/checks} class, in
     * name order, from wherever they were loaded (the jars, the shaded jar or the build's class directories).
     */
    static String code() {
        String c = code;
        if (c == null) {
            TreeMap<String, byte[]> classes = new TreeMap<>();
            Set<Path> sources = new LinkedHashSet<>();
            for (Class<?> k : List.of(Claim.class, Seeds.class)) {
                try {
                    sources.add(Path.of(k.getProtectionDomain().getCodeSource().getLocation().toURI()));
                } catch (URISyntaxException | RuntimeException e) {
                    throw new IllegalStateException("cannot locate the classes of " + k.getName(), e);
                }
            }
            for (Path source : sources) {
                read(source, classes);
            }
            MessageDigest sha = sha256();
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            c = HexFormat.of().formatHex(sha.digest());
            code = c;
        }
        return c;
    }

    private static boolean counts(String name) {
        return (name.startsWith("org/replearn/core/") || name.startsWith("org/replearn/checks/"))
                && name.endsWith(".class");
    }

    private static void read(Path source, TreeMap<String, byte[]> into) {
        try {
            if (Files.isDirectory(source)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(source)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
                for (Path f : files) {
                    String name = source.relativize(f).toString().replace('\\', '/');
                    if (counts(name)) {
                        into.put(name, Files.readAllBytes(f));
                    }
                }
                return;
            }
            try (ZipFile zip = new ZipFile(source.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (counts(e.getName())) {
                        try (InputStream in = zip.getInputStream(e)) {
                            into.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes in " + source, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
