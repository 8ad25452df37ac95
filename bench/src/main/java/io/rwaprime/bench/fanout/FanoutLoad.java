package io.rwaprime.bench.fanout;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fan-out load test of issue 5 (a load generator, not JMH). For each client count and scenario it starts a
 * fresh {@link FanoutLoadServer} in a child JVM, opens that many WebSocket clients ({@link Transport}: the fanout's
 * SockJS bridge, its {@code /api/v1/stream}, or the unbatched baseline broadcast), starts the server's tick driver,
 * lets it run for a warm-up, then measures deliveries, frames and tick-to-client latency for the measurement
 * window, and prints one markdown table for everything plus the fanout/baseline ratios per client count.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.rwaprime.bench.fanout.FanoutLoad --clients 1000,5000,10000 \
 *     --rate 1000 --warmup 5 --seconds 15 [--scenarios fanout-sockjs,fanout-stream,baseline-raw-broadcast] \
 *     [--addresses 8] [--server-jvm "-Xmx2g"]
 * </pre>
 */
public final class FanoutLoad {

  private static final Set<String> GAUGES = Set.of("heap_mb", "clients");

  private FanoutLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    List<Integer> counts = Arrays.stream(opt.getOrDefault("clients", "1000,5000,10000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    List<Transport> transports = Arrays.stream(opt.getOrDefault("scenarios",
        "fanout-sockjs,fanout-stream,baseline-raw-broadcast").split(",")).map(String::trim)
        .map(Transport::ofScenario).toList();
    double rate = Double.parseDouble(opt.getOrDefault("rate", "1000"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "15"));
    int addresses = Integer.parseInt(opt.getOrDefault("addresses", "8"));
    List<String> serverJvm = List.of(opt.getOrDefault("server-jvm", "-Xmx2g").trim().split("\\s+"));

    System.out.printf(Locale.ROOT, "fan-out load: clients %s, scenarios %s, %.0f ticks/s, warm-up %d s, "
        + "measurement %d s, %d source addresses, server JVM %s, %d CPUs%n", counts,
        transports.stream().map(t -> t.scenario).toList(), rate, warmup, seconds, addresses, serverJvm,
        Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    List<ScenarioResult> results = new ArrayList<>();
    int run = 0;
    for (int n : counts) {
      for (Transport t : transports) {
        ScenarioResult r = measure(vertx, t, n, rate, warmup, seconds, sourceAddresses(run++, addresses), serverJvm);
        System.out.println("RESULT " + r.summary());
        results.add(r);
      }
    }
    vertx.close().await();
    System.out.println();
    System.out.println(ScenarioResult.HEADER);
    results.forEach(r -> System.out.println(r.row()));
    System.out.println();
    printRatios(results, counts);
    System.exit(0);
  }

  private static ScenarioResult measure(Vertx vertx, Transport t, int n, double rate, int warmup, int seconds,
                                        List<String> sources, List<String> serverJvm) throws Exception {
    int port = io.rwaprime.testkit.FreePorts.find();
    try (ServerProcess server = new ServerProcess(t.serverMode, port, rate, serverJvm)) {
      List<String> symbols = List.of(server.ready("symbols").split(","));
      Deliveries deliveries = new Deliveries();
      LoadClients clients = new LoadClients(vertx, sources, port, t, server.ready("token"), symbols, deliveries);
      long c0 = System.nanoTime();
      int open = clients.connect(n, 256);
      System.out.printf(Locale.ROOT, "%s: %d of %d clients open in %.1f s (failed %d%s)%n", t.scenario, open, n,
          (System.nanoTime() - c0) / 1e9, clients.failures(),
          clients.firstError() == null ? "" : ", first error: " + clients.firstError());
      Thread.sleep(1_000); // subscriptions reach the server
      server.go();
      Thread.sleep(warmup * 1_000L);
      Map<String, Long> s0 = server.stats();
      Deliveries.Snapshot d0 = deliveries.snapshot(); // its latencies (warm-up) are discarded
      long cpu0 = processCpuMs();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1_000L);
      Deliveries.Snapshot d1 = deliveries.snapshot();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long cpu1 = processCpuMs();
      Map<String, Long> s1 = server.stats();
      int closedEarly = clients.closedByServer();
      server.close();
      clients.close();
      return new ScenarioResult(t, n, open, clients.failures(), closedEarly, elapsed, d1.items() - d0.items(),
          d1.frames() - d0.frames(), d1.latencyMicros(), delta(s0, s1), cpu1 - cpu0, loadAverage());
    }
  }

  private static void printRatios(List<ScenarioResult> results, List<Integer> counts) {
    System.out.println("| clients | fanout-sockjs / baseline | fanout-stream / baseline |");
    System.out.println("|---:|---:|---:|");
    for (int n : counts) {
      double base = rateOf(results, Transport.RAW, n);
      System.out.printf(Locale.ROOT, "| %,d | %s | %s |%n", n, ratio(rateOf(results, Transport.SOCKJS, n), base),
          ratio(rateOf(results, Transport.STREAM, n), base));
    }
  }

  private static double rateOf(List<ScenarioResult> results, Transport t, int n) {
    return results.stream().filter(r -> r.transport() == t && r.clients() == n)
        .mapToDouble(ScenarioResult::deliveriesPerSecond).findFirst().orElse(Double.NaN);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
  }

  /** Run {@code run}'s source addresses: a block of loopback addresses of its own (127.(10+run).0.1…). */
  private static List<String> sourceAddresses(int run, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add("127." + (10 + run % 200) + ".0." + i);
    }
    return out;
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new HashMap<>();
    after.forEach((k, v) -> out.put(k, GAUGES.contains(k) ? v : v - before.getOrDefault(k, 0L)));
    return out;
  }

  private static long processCpuMs() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1_000_000;
  }

  private static double loadAverage() throws Exception {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --name value pairs: " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
