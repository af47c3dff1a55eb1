package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 29 (8): coefficients inside the documented range {@code [1e-150, 1e150]} failed every learner from about
 * 1e77 ("the test error overflowed (NaN)"). The learners that are linear in the labels now run at a power-of-two
 * scale: their relative errors, λ and alignment are the unit target's to the last bit, the excess loss scales by the
 * coefficient squared; gradient descent is refused naming {@code --lr}, and no message prints NaN or Infinity.
 */
class TrainCoefficientRangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
    }

    private static Run train(String target, String method) {
        return train(target, method, "2048");
    }

    private static Run train(String target, String method, String n) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = {"train", "--target", target, "--d", "8", "--n", n, "--m", "64", "--method", method,
            "--test", "10000", "--validation", "2000", "--quiet", "--json"};
        int code = ReplearnCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** A power-of-two coefficient scales the labels exactly: every relative number is identical to the bit. */
    @ParameterizedTest
    @CsvSource({"one-step, 0x1p400", "one-step, 0x1p-450", "random-features, 0x1p480", "random-features, 0x1p-490"})
    void powerOfTwoCoefficientsGiveTheUnitTargetsNumbersExactly(String method, double c) throws Exception {
        JsonNode unit = JSON.readTree(train("h2(z1)", method).out());
        Run scaled = train(c + "*h2(z1)", method);
        assertEquals(ReplearnCli.OK, scaled.code(), scaled.err());
        JsonNode s = JSON.readTree(scaled.out());
        for (String key : new String[] {"test_error", "test_error_standard_error", "population_error", "alignment",
            "lambda"}) {
            assertEquals(unit.get(key).doubleValue(), s.get(key).doubleValue(), 0.0, key);
        }
        assertEquals(unit.get("excess_test_loss").doubleValue() * c * c, s.get("excess_test_loss").doubleValue(),
                0.0);
    }

    /** The ends of the documented range, for every method; nothing non-finite in any output or message. */
    @ParameterizedTest
    @CsvSource({"one-step, 1e150", "one-step, 1e-150", "random-features, 1e150", "random-features, 1e-150",
        "ntk-krr, 1e150", "ntk-krr, 1e-150", "gd, 1e80", "gd, 1e150", "gd, 1e-150"})
    void theWholeCoefficientRangeRunsOrNamesTheFlagThatHelps(String method, String c) {
        Run r = train(c + "*h2(z1) + " + c + "*h1(z1)*h1(z2)", method, method.equals("ntk-krr") ? "256" : "2048");
        assertFalse((r.out() + r.err()).matches("(?s).*(NaN|Infinity).*"), r.out() + r.err());
        if (method.equals("gd") && r.code() != ReplearnCli.OK) {
            assertEquals(ReplearnCli.NUMERICAL, r.code(), r.err());
            assertTrue(r.err().contains("lower --lr (now 0.015625)") && !r.err().contains("--noise"), r.err());
            return;
        }
        assertEquals(ReplearnCli.OK, r.code(), r.err());
        assertTrue(r.out().contains("\"test_error\":"), r.out());
    }
}
