package org.replearn.core.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The guard against the Vector API's cliff. The kernels of this package and of {@code org.replearn.core.kernel} are
 * fast only once C2 has compiled them with its vector intrinsics; interpreted, compiled by C1, or compiled by C2
 * without the intrinsics, every vector operation allocates a boxed vector and the kernels run one to two orders of
 * magnitude slower (measured, {@code replearn train} at d = 64, n = 65536, m = 1024, two threads: about 3 s normally,
 * 265 s with {@code -XX:TieredStopAtLevel=1}, 21 s once with {@code -XX:-TieredCompilation}). The results do not
 * change, only the time; so the guard says so once per JVM on stderr, naming the cause, and the run continues.
 *
 * <ul>
 *   <li>At the first use of a kernel ({@link #configuration}): no C2 ({@code -Xint}, {@code
 *       -XX:TieredStopAtLevel=1}, read from {@code java.vm.info}), or vectors of fewer than two doubles (an unsupported
 *       CPU). Nothing else is consulted on this path, which every run takes: it costs no start-up time.</li>
 *   <li>During a streamed pass ({@link Pass}): a block that runs below {@link #SUSPECT_GFLOPS} per thread after the
 *       pass has run {@link #GRACE_SECONDS} (time enough for C2 to compile the kernels, even on a loaded machine) makes
 *       the guard measure, once per JVM, what the same thread allocates over its next block: the compiled kernels
 *       allocate nothing per block ({@link Scratch}), boxed vectors gigabytes. Above {@link #BOXED_BYTES} it warns,
 *       with the JVM flags that explain it if any ({@code TieredStopAtLevel < 4}, {@code UseCompiler} or
 *       {@code UseFMA} off: without a hardware FMA the vector and scalar FMAs are emulated in software); below, the
 *       block was merely slow (a loaded machine) and nothing is printed. This path loads the management beans (about
 *       0.1 s), so only a pass already seconds behind ever takes it.</li>
 * </ul>
 */
public final class VectorGuard {
    /** Per-thread speed below which a block of a long pass is suspect: about a tenth of a compiled kernel's. */
    static final double SUSPECT_GFLOPS = 4;
    /** Seconds a pass runs before its blocks are judged. */
    static final double GRACE_SECONDS = 5;
    /** Bytes allocated by one thread over one block above which its kernels run on boxed vectors. */
    static final long BOXED_BYTES = 16L << 20;
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final AtomicBoolean DIAGNOSED = new AtomicBoolean();

    static {
        String cause = configurationCause(System.getProperty("java.vm.info", ""), Lanes.LENGTH);
        if (cause != null) {
            warn(cause);
        }
    }

    private VectorGuard() {
    }

    /** Runs the configuration check (once per JVM, at the first call). */
    public static void configuration() {
        // the work is the class initializer's
    }

    /** A guarded pass of {@code flopsPerRow} per sample (and the configuration check, at the first call). */
    static Pass pass(double flopsPerRow) {
        return new Pass(flopsPerRow, System.nanoTime());
    }

    /**
     * What in the JVM's configuration keeps the kernels slow, from {@code java.vm.info} and the preferred vector
     * length in doubles; {@code null} if nothing.
     */
    static String configurationCause(String vmInfo, int lanes) {
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs interpreted only (-Xint)";
        }
        if (vmInfo.contains("emulated-client")) {
            return "the JVM has no C2 compiler (-XX:TieredStopAtLevel=1, or a client VM)";
        }
        if (lanes < 2) {
            return "this CPU offers no vector of two or more doubles to the Vector API (preferred species of " + lanes
                    + " lane), so its operations cannot be compiled to vector instructions";
        }
        return null;
    }

    /**
     * The JVM flags that keep C2 from compiling the kernels with vector FMAs, as {@code name=value} phrases; empty if
     * none (the flags are read through the HotSpot diagnostic bean).
     */
    static List<String> flagCauses() {
        List<String> causes = new ArrayList<>();
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            int level = Integer.parseInt(hs.getVMOption("TieredStopAtLevel").getValue());
            if (level < 4 && Boolean.parseBoolean(hs.getVMOption("TieredCompilation").getValue())) {
                causes.add("-XX:TieredStopAtLevel=" + level + " (no C2)");
            }
            if (!Boolean.parseBoolean(hs.getVMOption("UseCompiler").getValue())) {
                causes.add("-XX:-UseCompiler (no JIT)");
            }
            if (!Boolean.parseBoolean(hs.getVMOption("UseFMA").getValue())) {
                causes.add("UseFMA is off (no hardware FMA, or -XX:-UseFMA: every FMA is emulated in software)");
            }
        } catch (RuntimeException e) {
            causes.add("(the JVM's flags could not be read: " + e.getMessage() + ")");
        }
        return causes;
    }

    private static void warn(String cause) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("replearn: warning: " + cause + ". The Vector API kernels (org.replearn.core.linalg,"
                    + " .kernel) need the C2 JIT's vector intrinsics and run 10-100x slower without them; the results"
                    + " are the same, only slower. Run on a JDK 17+ server VM with default JIT flags.");
        }
    }

    /**
     * One streamed pass of {@code flopsPerRow} floating-point operations per sample: each worker brackets a block with
     * {@link #begin()} and {@link #end}; thread-safe, nothing allocated while the pass is on time.
     */
    static final class Pass {
        private final double flopsPerRow;
        private final long start;
        /** The thread being measured once the pass is suspect, and what it had allocated then. */
        private volatile long probeThread = -1;
        private volatile long probeBytes;

        /** A pass that started at {@code start} ({@link System#nanoTime()}). */
        Pass(double flopsPerRow, long start) {
            this.flopsPerRow = flopsPerRow;
            this.start = start;
        }

        /** The time a block begins, for {@link #end}. */
        long begin() {
            return System.nanoTime();
        }

        /** A block of {@code rows} samples that began at {@code began} is done. */
        void end(long began, int rows) {
            if (WARNED.get()) {
                return;
            }
            long now = System.nanoTime();
            long probe = probeThread;
            if (probe == Thread.currentThread().getId()) {
                judge();
                return;
            }
            if (probe >= 0 || now - start < GRACE_SECONDS * 1e9 || rows * flopsPerRow / (now - began) >= SUSPECT_GFLOPS
                    || !DIAGNOSED.compareAndSet(false, true)) {
                return;
            }
            ThreadMXBean threads = threads();
            if (threads != null) {
                probeBytes = threads.getCurrentThreadAllocatedBytes();
                probeThread = Thread.currentThread().getId();
            }
        }

        /** After the probed thread's next block: warn if it allocated like boxed vectors. */
        private void judge() {
            long bytes = threads().getCurrentThreadAllocatedBytes() - probeBytes;
            probeThread = -2;
            if (bytes > BOXED_BYTES) {
                List<String> flags = flagCauses();
                warn(String.format(Locale.ROOT, "a kernel pass is running at a small fraction of its compiled speed"
                        + " (below %.0f GFLOP/s per thread %.0f s into the pass) and allocated %d MB in one block,"
                        + " which compiled kernels never do: its vector operations are not compiled to vector"
                        + " instructions (%s)", SUSPECT_GFLOPS, (System.nanoTime() - start) / 1e9, bytes >> 20,
                        flags.isEmpty() ? "C2 has not compiled them with its intrinsics" : String.join("; ", flags)));
            }
        }
    }

    private static ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof ThreadMXBean t && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t;
        }
        return null;
    }
}
