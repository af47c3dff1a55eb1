package org.replearn.sweeps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of one stored cell ({@code cells/<claim>/<config hash>/<cell key>.cell}), store format 2: an ASCII header
 * naming what the file belongs to, its checksum, then the Java-serialized {@link SweepDirectory.StoredCell}:
 * <pre>
 * replearn-cell 2
 * claim &lt;claim id&gt;
 * key &lt;cell key&gt;
 * config &lt;config hash&gt;
 * sha256 &lt;64 hex digits: SHA-256 of the four lines above followed by the payload&gt;
 * (empty line)
 * &lt;payload&gt;</pre>
 * A file is accepted only when its header names the expected claim, key and configuration, the checksum matches, the
 * payload decodes to a cell with the same claim, key and configuration, and its result decodes.
 */
final class CellFile {
    static final String MAGIC = "replearn-cell 2\n";
    private static final String SUM = "sha256 ";
    private static final int HEX = 64;

    /** Why a stored cell cannot be used; its message is the reason, in a few words. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(String reason) {
            super(reason);
        }
    }

    private CellFile() {
    }

    /** The file's bytes for {@code cell}. */
    static byte[] encode(SweepDirectory.StoredCell cell) {
        byte[] head = header(cell.claim(), cell.key(), cell.configHash());
        byte[] payload = Codec.encode(cell);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + HEX + 9 + payload.length);
        out.writeBytes(head);
        out.writeBytes((SUM + HexFormat.of().formatHex(sha256(head, payload)) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The cell in {@code bytes}, verified to be {@code claim}'s cell {@code key} under {@code configHash}. */
    static SweepDirectory.StoredCell decode(byte[] bytes, String claim, String key, String configHash)
            throws Corrupt {
        if (bytes.length == 0) {
            throw new Corrupt("empty");
        }
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (!startsWith(bytes, magic, 0)) {
            throw new Corrupt(startsWith(bytes, new byte[] {(byte) 0xAC, (byte) 0xED}, 0)
                    ? "store format 1, without a checksum" : "not a stored cell: no '" + MAGIC.strip() + "' header");
        }
        byte[] head = header(claim, key, configHash);
        if (!startsWith(bytes, head, 0)) {
            throw new Corrupt("its header does not name claim '" + claim + "', cell '" + key + "', configuration "
                    + configHash);
        }
        int payloadAt = head.length + SUM.length() + HEX + 2;
        if (bytes.length < payloadAt || !startsWith(bytes, SUM.getBytes(StandardCharsets.US_ASCII), head.length)
                || bytes[payloadAt - 2] != '\n' || bytes[payloadAt - 1] != '\n') {
            throw new Corrupt("truncated or damaged checksum line");
        }
        String hex = new String(bytes, head.length + SUM.length(), HEX, StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOfRange(bytes, payloadAt, bytes.length);
        if (!hex.equals(HexFormat.of().formatHex(sha256(head, payload)))) {
            throw new Corrupt("SHA-256 mismatch: truncated or altered");
        }
        Object o;
        try {
            o = Codec.decode(payload);
            if (o instanceof SweepDirectory.StoredCell s && s.claim().equals(claim) && s.key().equals(key)
                    && s.configHash().equals(configHash)) {
                Codec.decode(s.result());
                return s;
            }
        } catch (RuntimeException e) {
            throw new Corrupt("cannot deserialize it: " + e.getMessage());
        }
        throw new Corrupt("its payload is not claim '" + claim + "', cell '" + key + "'");
    }

    private static byte[] header(String claim, String key, String configHash) {
        return (MAGIC + "claim " + claim + "\nkey " + key + "\nconfig " + configHash + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        return bytes.length - at >= prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] sha256(byte[] head, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head);
            return sha.digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
