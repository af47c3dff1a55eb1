package org.replearn.checks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replearn target}: the exact moments of a target {@code f*(x) = g(Ux)} (docs/math.md §2). Every reported quantity
 * depends on {@code g} only, not on the frame {@code U} or on {@code d}, so they are computed with {@code U = I_r}:
 * {@code --d} is checked ({@code d >= r}) and echoed, and costs nothing however large.
 */
@Command(name = "target", mixinStandardHelpOptions = true,
        description = "Describe a target: mean, variance, energy by degree, |C_1|, eigenvalues of G2, kappa.")
final class TargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "SPEC",
            description = "preset name or spec, e.g. single-h2 or '0.6*h2(z1) + 0.8*h2(z1)*h2(z2)'")
    String target;

    @Option(names = "--d", paramLabel = "D", description = "ambient dimension d >= r (default: r)")
    Integer d;

    @Option(names = "--json", description = "one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        HermitePolynomial g = Options.target(spec, target);
        int r = g.variables();
        int dim = d == null ? r : d;
        Options.atLeast(spec, "--d", dim, r, "the target uses " + r + " directions: pass --d " + r + " or more");
        Target t = new Target(g, CommonOps_DDRM.identity(r));
        double[] c1 = t.linearCoefficient();
        double linearNorm = 0;
        for (double v : c1) {
            linearNorm += v * v;
        }
        linearNorm = Math.sqrt(linearNorm);
        double kappa = t.kappa();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("spec", g.toString());
        o.put("variables", r);
        o.put("d", dim);
        o.put("degree", g.degree());
        o.put("mean", t.mean());
        o.put("variance", t.variance());
        o.put("second_moment", t.secondMoment());
        o.put("energy_by_degree", t.energyByDegree());
        o.put("linear_norm", linearNorm);
        o.put("hessian_eigenvalues", t.hessianEigenvalues());
        o.put("hessian_rank", t.hessianRank());
        o.put("kappa", Double.isFinite(kappa) ? kappa : null);
        o.put("nondegenerate", t.nondegenerate());
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(o));
        } else {
            var out = spec.commandLine().getOut();
            for (Map.Entry<String, Object> e : o.entrySet()) {
                Object v = e.getValue();
                String s = v instanceof double[] a ? java.util.Arrays.toString(a)
                        : v == null ? "infinite (G2 is singular)" : String.valueOf(v);
                out.printf(Locale.ROOT, "%-20s %s%n", e.getKey(), s);
            }
            if (!t.nondegenerate()) {
                out.println("note: rank H = " + t.hessianRank() + " < r = " + r + ": the first gradient step cannot find"
                        + " the directions outside the range of H (docs/math.md §2)");
            }
        }
        return ReplearnCli.OK;
    }
}
