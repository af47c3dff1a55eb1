package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The presets have the structure their documentation states, computed exactly from their coefficients. */
class TargetPresetTest {

    /** Every preset: unit second moment, no constant or linear part, found by its label (blanks ignored). */
    @ParameterizedTest
    @EnumSource(TargetPreset.class)
    void unitVarianceNoConstantOrLinearPart(TargetPreset preset) {
        HermitePolynomial g = preset.link();
        assertEquals(1.0, g.secondMoment(), 1e-15);
        assertEquals(0.0, g.energyByDegree()[0] + g.energyByDegree()[1], 0.0);
        assertTrue(preset.description().length() > 10);
        assertSame(preset, TargetPreset.of(" " + preset.label() + " "));
        assertEquals(g, TargetSpec.resolve(preset.label()));
    }

    /** Only single-h3 is degenerate (G₂ = 0): the negative example of the presets. */
    @ParameterizedTest
    @EnumSource(TargetPreset.class)
    void onlySingleH3IsDegenerate(TargetPreset preset) {
        HermitePolynomial g = preset.link();
        boolean nondegenerate = new Target(g, CommonOps_DDRM.identity(g.variables())).nondegenerate();
        assertEquals(preset != TargetPreset.SINGLE_H3, nondegenerate);
    }

    @ParameterizedTest
    @CsvSource({"multi-deg4, 2, 0.3", "multi-deg4, 4, 0.7", "multi-deg3, 2, 0.5", "multi-deg3, 3, 0.5",
        "single-h4, 2, 0.5", "single-h4, 4, 0.5", "single-h2, 2, 1.0", "single-h3, 3, 1.0"})
    void energyByDegreeAsDocumented(String label, int degree, double energy) {
        assertEquals(energy, TargetPreset.of(label).link().energyByDegree()[degree], 1e-15);
    }

    @Test
    void transferTasksShareTheirDirectionsAndUnknownLabelsAreRefused() {
        assertEquals(TargetPreset.TRANSFER_SOURCE.link().variables(), TargetPreset.TRANSFER_TARGET.link().variables());
        assertEquals(TargetSpec.parse("h2(z1)"), TargetPreset.SINGLE_H2.link());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TargetPreset.of("single-h9")).getMessage()
                .contains("single-h2"));
    }
}
