package org.replearn.sweeps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.replearn.checks.claims.api.Sweep;

/**
 * Every cell of a sweep as a table, written by the driver as {@code cells.parquet} (one file, an explicit schema)
 * and {@code cells.csv}: claim, cell key, configuration hash, scale, seed, status ({@code done} or {@code failed}),
 * CPU and wall seconds, the cell's work units and memory model, the result (Java-serialized bytes, lossless; Base64
 * in the CSV) and the same result as JSON for reading, and the error of a failed cell.
 */
final class CellTable {
    static final String[] COLUMNS = {"claim", "cell", "config_hash", "scale", "seed", "status", "cpu_seconds",
        "wall_seconds", "work", "memory_model_bytes", "result", "result_json", "error"};
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message cell {"
            + " required binary claim (STRING); required binary cell (STRING); required binary config_hash (STRING);"
            + " required binary scale (STRING); required int64 seed; required binary status (STRING);"
            + " optional double cpu_seconds; optional double wall_seconds; required double work;"
            + " required int64 memory_model_bytes; optional binary result; optional binary result_json (STRING);"
            + " optional binary error (STRING); }");
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * One row.
     *
     * @param claim        claim id
     * @param cell         cell key
     * @param configHash   configuration hash
     * @param scale        scale label
     * @param seed         master seed
     * @param stored       the finished cell, or null when it failed
     * @param result       its decoded result, or null when it failed
     * @param work         the cell's work units
     * @param memoryBytes  the cell's memory model
     * @param error        why it failed, or null
     */
    record Row(String claim, String cell, String configHash, String scale, long seed,
            SweepDirectory.StoredCell stored, Object result, double work, long memoryBytes, String error) {
    }

    private CellTable() {
    }

    /** Writes {@code cells.parquet} and {@code cells.csv} into the sweep directory, each atomically. */
    static void write(SweepDirectory dir, List<Row> rows) throws IOException {
        Path tmp = dir.temporary(SweepDirectory.CELLS_PARQUET);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                .withConf(new Configuration(false)).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) { // the fresh, empty temporary
            for (Row r : rows) {
                Group g = groups.newGroup().append("claim", r.claim()).append("cell", r.cell())
                        .append("config_hash", r.configHash()).append("scale", r.scale()).append("seed", r.seed())
                        .append("status", r.stored() != null ? "done" : "failed");
                if (r.stored() != null) {
                    g.append("cpu_seconds", r.stored().cpuSeconds()).append("wall_seconds", r.stored().wallSeconds());
                }
                g.append("work", r.work()).append("memory_model_bytes", r.memoryBytes());
                if (r.stored() != null) {
                    g.append("result", Binary.fromConstantByteArray(r.stored().result()))
                            .append("result_json", json(r.result()));
                }
                if (r.error() != null) {
                    g.append("error", r.error());
                }
                writer.write(g);
            }
        } catch (IOException | RuntimeException e) {
            dir.discard(tmp);
            throw e;
        }
        dir.commit(tmp, SweepDirectory.CELLS_PARQUET);
        Sweep.Builder csv = Sweep.table("cells", COLUMNS);
        for (Row r : rows) {
            boolean done = r.stored() != null;
            csv.row(r.claim(), r.cell(), r.configHash(), r.scale(), r.seed(), done ? "done" : "failed",
                    done ? r.stored().cpuSeconds() : "", done ? r.stored().wallSeconds() : "", r.work(),
                    r.memoryBytes(), done ? Base64.getEncoder().encodeToString(r.stored().result()) : "",
                    done ? json(r.result()) : "", r.error() == null ? "" : r.error());
        }
        dir.write(SweepDirectory.CELLS_CSV, csv.build().toCsv().getBytes(StandardCharsets.UTF_8));
    }

    /** A cell result as JSON: records by their components. */
    static String json(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException | RuntimeException e) {
            return "\"(not renderable as JSON: " + e.getMessage().replace("\"", "'") + ")\"";
        }
    }
}
