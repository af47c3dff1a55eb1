package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.kernel.GaussianKernel;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

class GaussianRbfKernelChoiceTest {
    @Test
    void buildsTheGaussianKernelOfTheProblemsDimension() {
        Target t = Target.random(TargetSpec.resolve("single-h2"), 6, new Seeds(1).rng(Stream.FRAME));
        Problem p = new Problem(t, 0, 50, 20, new Seeds(1));
        GaussianKernel k = assertInstanceOf(GaussianKernel.class, new NtkKrrConfig.GaussianRbfKernel(0.5).build(p));
        assertEquals(6, k.dimension());
        assertEquals(0.5, k.lengthScale());
        assertEquals("rbf-krr", new NtkKrrLearner(new NtkKrrConfig(new NtkKrrConfig.GaussianRbfKernel(1),
                new double[] {1e-3}, 1)).name());
        assertThrows(IllegalArgumentException.class, () -> new NtkKrrConfig.GaussianRbfKernel(0));
    }
}
