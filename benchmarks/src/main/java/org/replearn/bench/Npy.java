package org.replearn.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes {@code .npy} files (NumPy format 1.0, little-endian float64, C order) so the NumPy reference can check that
 * it computes the same numbers as Java from the same input.
 */
final class Npy {
    private Npy() {
    }

    /** A matrix as a {@code rows × cols} array. */
    static void write(Path file, DMatrixRMaj a) throws IOException {
        write(file, a.data, a.numRows * a.numCols, "(" + a.numRows + ", " + a.numCols + ")");
    }

    /** A vector as a one-dimensional array. */
    static void write(Path file, double[] v) throws IOException {
        write(file, v, v.length, "(" + v.length + ",)");
    }

    /** Rows of equal length as a {@code rows.length × rows[0].length} array. */
    static void write(Path file, double[][] rows) throws IOException {
        int cols = rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        write(file, flat, flat.length, "(" + rows.length + ", " + cols + ")");
    }

    private static void write(Path file, double[] data, int count, String shape) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }");
        // magic (6) + version (2) + header length (2) + header, padded with spaces and ended by '\n' to 64 bytes
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(10 + h.length + 8 * count).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) h.length).put(h);
        for (int i = 0; i < count; i++) {
            buf.putDouble(data[i]);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
