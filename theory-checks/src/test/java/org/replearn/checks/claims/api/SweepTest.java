package org.replearn.checks.claims.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's CSV: RFC 4180, quoted only where needed, doubles in their shortest round-trip form. */
class SweepTest {
    private static final Sweep TABLE = Sweep.table("t", "x", "label", "ok")
            .row(0.1, "plain text", true)
            .row(1.0E-7, "a,b", false)
            .row(-0.0, "say \"hi\"", 3L)
            .row(Double.NaN, "two\nlines", "")
            .build();

    @Test
    void quotesOnlyFieldsWithACommaAQuoteOrALineBreak() {
        assertEquals("x,label,ok\n0.1,plain text,true\n1.0E-7,\"a,b\",false\n-0.0,\"say \"\"hi\"\"\",3\n"
                + "NaN,\"two\nlines\",\n", TABLE.toCsv());
    }

    @Test
    void everyCellReadsBackAsItsStringForm() throws Exception {
        MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).with(CsvSchema.emptySchema().withSkipFirstDataRow(true))
                .readValues(TABLE.toCsv());
        for (List<Object> expected : TABLE.rows()) {
            String[] read = rows.next();
            for (int c = 0; c < expected.size(); c++) {
                assertEquals(String.valueOf(expected.get(c)), read[c]);
            }
        }
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sweep.table("t", "a", "b").row(1.0).build());
    }
}
