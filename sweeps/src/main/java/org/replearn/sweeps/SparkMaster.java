package org.replearn.sweeps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A {@code --master} value checked before a sweep creates anything: {@link #problem} checks its form
 * ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}, {@code spark://HOST:PORT[,HOST:PORT…]} with
 * ports 1–65535, {@code yarn}, {@code k8s://…}); {@link #unreachable} resolves each standalone master's host and opens
 * a TCP connection to it, each step bounded by a timeout, and is satisfied when one master of the list answers.
 */
final class SparkMaster {
    /** Timeout of each host resolution and each TCP connection, in milliseconds. */
    static final int TIMEOUT_MILLIS = 3000;
    static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]{0,3})(?:,([1-9][0-9]{0,3}))?\\])?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.\\-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern KUBERNETES = Pattern.compile("k8s://\\S+");
    private static final String STANDALONE = "spark://";

    /** One standalone master's address: host (an IPv6 literal without brackets) and port. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private SparkMaster() {
    }

    /** Whether {@code master} is an embedded one ({@code local…}). */
    static boolean isLocal(String master) {
        return LOCAL.matcher(master).matches();
    }

    /** The form of {@code master}: a problem in words, or null when it is a usable master. */
    static String problem(String master) {
        if (isLocal(master)) {
            return null;
        }
        if (master.startsWith(STANDALONE)) {
            List<Endpoint> endpoints = new ArrayList<>();
            return parse(master, endpoints);
        }
        if (master.equals("yarn") || KUBERNETES.matcher(master).matches()) {
            String manager = master.equals("yarn") ? "org.apache.spark.deploy.yarn.YarnClusterManager"
                    : "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager";
            try {
                Class.forName(manager, false, SparkMaster.class.getClassLoader());
                return null;
            } catch (ClassNotFoundException e) {
                return "'" + master + "' needs Spark's " + (master.equals("yarn") ? "YARN" : "Kubernetes")
                        + " support, which this jar does not bundle: run it with spark-submit from a Spark 4.0"
                        + " distribution and give --master to spark-submit (docs/sweeps.md)";
            }
        }
        return "'" + master + "' is not a Spark master: use local[*], local[N], spark://HOST:PORT, yarn or k8s://URL";
    }

    /**
     * For a {@code spark://} master of a valid form: a problem in words when no master of its list resolves and
     * accepts a TCP connection within {@code timeoutMillis} per step; null when one does, and for every other master.
     */
    static String unreachable(String master, int timeoutMillis) {
        if (!master.startsWith(STANDALONE)) {
            return null;
        }
        List<Endpoint> endpoints = new ArrayList<>();
        String form = parse(master, endpoints);
        if (form != null) {
            return form;
        }
        String first = null;
        for (Endpoint e : endpoints) {
            String problem = connect(e, timeoutMillis);
            if (problem == null) {
                return null;
            }
            first = first == null ? problem : first;
        }
        return "'" + master + "': " + first + "; start the master, or check the host and port (the master's web page"
                + " shows its spark:// URL)";
    }

    /** Parses the {@code HOST:PORT} list of a {@code spark://} master into {@code endpoints}; a problem or null. */
    private static String parse(String master, List<Endpoint> endpoints) {
        String list = master.substring(STANDALONE.length());
        for (String hostPort : list.split(",", -1)) {
            String host;
            String port;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0 || !hostPort.startsWith(":", close + 1)) {
                    return "'" + master + "': '" + hostPort + "' is not [IPv6-ADDRESS]:PORT";
                }
                host = hostPort.substring(1, close);
                port = hostPort.substring(close + 2);
                if (!IPV6.matcher(host).matches()) {
                    return "'" + master + "': '" + host + "' is not an IPv6 address";
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon < 0) {
                    return "'" + master + "': '" + hostPort + "' has no port: use spark://HOST:PORT (usually 7077)";
                }
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
                if (!HOST.matcher(host).matches()) {
                    return "'" + master + "': '" + host + "' is not a host name"
                            + (host.isEmpty() ? ": use spark://HOST:PORT" : "");
                }
            }
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "'" + master + "': the port '" + port + "' is not a whole number from 1 to 65535";
            }
            endpoints.add(new Endpoint(host, Integer.parseInt(port)));
        }
        return null;
    }

    /** Resolves and connects to one master, each step within {@code timeoutMillis}: a problem in words, or null. */
    private static String connect(Endpoint endpoint, int timeoutMillis) {
        InetAddress[] addresses;
        try {
            addresses = CompletableFuture.supplyAsync(() -> resolve(endpoint.host()))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "the host '" + endpoint.host() + "' did not resolve within " + timeoutMillis / 1000 + " s";
        } catch (ExecutionException e) {
            return "the host '" + endpoint.host() + "' is unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while resolving '" + endpoint.host() + "'";
        }
        String refused = null;
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, endpoint.port()), timeoutMillis);
                return null;
            } catch (IOException e) {
                refused = refused != null ? refused : "no master answers at " + endpoint + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
            }
        }
        return refused;
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
