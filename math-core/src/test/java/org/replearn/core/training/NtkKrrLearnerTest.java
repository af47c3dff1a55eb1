package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.kernel.ReluNtk;

class NtkKrrLearnerTest {

    /**
     * With a one-value grid the fit is KRR on the de-linearized labels: predictions equal
     * {@code k(x, X)(K + nλI)⁻¹ ỹ + α + β·x} from an LU solve of the materialized system, up to rounding amplified by
     * the condition number of {@code K + nλI} (≤ 1e4 here) → 1e-8 relative.
     */
    @Test
    void equalsDirectKernelRidge() {
        Problem p = Fixtures.problem("single-h2", 4, 300, 200, 5);
        double lambda = 1e-2;
        FitResult fit = new NtkKrrLearner(new NtkKrrConfig(new NtkKrrConfig.ReluNtkKernel(), new double[] {lambda}, 2))
                .fit(p);
        assertNull(fit.firstLayer());
        assertEquals(lambda, fit.lambda(), 0.0);
        Dataset train = p.train().materialize();
        Dataset val = p.validationSource().materialize();
        double[] alphaBeta = new double[5];
        double[] t = Fixtures.delinearize(train, alphaBeta);
        ReluNtk kernel = new ReluNtk(4);
        DMatrixRMaj k = new DMatrixRMaj(1, 1);
        kernel.gram(train.x(), k);
        for (int i = 0; i < 300; i++) {
            k.add(i, i, 300 * lambda);
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(300);
        assertTrue(lu.setA(k));
        DMatrixRMaj dual = new DMatrixRMaj(300, 1);
        lu.solve(DMatrixRMaj.wrap(300, 1, t), dual);
        DMatrixRMaj cross = new DMatrixRMaj(1, 1);
        kernel.cross(val.x(), train.x(), cross);
        DMatrixRMaj direct = new DMatrixRMaj(200, 1);
        CommonOps_DDRM.mult(cross, dual, direct);
        for (int i = 0; i < 200; i++) {
            double s = alphaBeta[0];
            for (int q = 0; q < 4; q++) {
                s += alphaBeta[q + 1] * val.x().get(i, q);
            }
            direct.data[i] += s;
        }
        double[] predicted = new double[200];
        fit.predictor().predict(val.x(), predicted);
        assertTrue(Fixtures.relativeDifference(predicted, direct.data) < 1e-8);
        double mse = 0;
        for (int i = 0; i < 200; i++) {
            mse += (predicted[i] - val.y()[i]) * (predicted[i] - val.y()[i]);
        }
        assertEquals(mse / 200, fit.validationError(), 1e-8 * mse / 200, "validation error of the returned predictor");
    }

    /** The empirical NTK option runs on the network OneStepLearner starts from; predictions are finite. */
    @Test
    void empiricalNtkOption() {
        Problem p = Fixtures.problem("single-h2", 4, 200, 100, 5);
        FitResult fit = new NtkKrrLearner(new NtkKrrConfig(new NtkKrrConfig.EmpiricalNtkKernel(64, false),
                RidgeHead.logGrid(1e-4, 1, 5), 1)).fit(p);
        assertTrue(fit.validationError() > 0 && Double.isFinite(fit.validationError()));
    }

    @Test
    void rejectsBadConfigurations() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NtkKrrConfig(new NtkKrrConfig.ReluNtkKernel(), new double[] {1, 0.5}, 1)).getMessage()
                .contains("lambdaGrid[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NtkKrrConfig.EmpiricalNtkKernel(3, false))
                .getMessage().contains("width m = 3"));
        assertThrows(IllegalArgumentException.class, () -> new NtkKrrConfig(null, new double[] {1}, 1));
    }
}
