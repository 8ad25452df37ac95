package io.rwaprime.bench.fanout;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.Codecs;
import io.vertx.core.Vertx;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The server process of the fan-out load test, started by {@link FanoutLoad} with the same class path:
 * {@code FanoutLoadServer fanout|baseline <port> <ticks per second>}. Serves the chosen {@link LoadTarget}, prints
 * {@code READY token=…}, then answers commands on standard input, one a line: {@code go} starts the
 * {@link TickDriver}; {@code stats} prints {@code STATS key=value …} (ticks published, the target's counters,
 * process CPU and GC time in ms, heap in use); {@code quit} exits.
 */
public final class FanoutLoadServer {

  private FanoutLoadServer() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    double rate = Double.parseDouble(args[2]);
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    LoadTarget target = switch (mode) {
      case "fanout" -> new FanoutTarget();
      case "baseline" -> new RawBroadcastTarget();
      default -> throw new IllegalArgumentException("mode is fanout or baseline: " + mode);
    };
    target.start(vertx, port);
    List<String> symbols = AssetCatalogue.load().assets().stream().map(Asset::symbol).toList();
    TickDriver driver = new TickDriver(symbols, rate);
    vertx.deployVerticle(driver).await(30, TimeUnit.SECONDS);
    System.out.println("READY token=" + target.token() + " symbols=" + String.join(",", symbols));
    System.out.flush();

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "go" -> driver.go();
        case "stats" -> System.out.println("STATS ticks=" + driver.published() + " " + format(target.counters())
            + " " + format(process()));
        case "quit" -> {
          System.out.flush();
          Runtime.getRuntime().halt(0);
        }
        default -> System.out.println("ERROR unknown command " + line);
      }
      System.out.flush();
    }
    Runtime.getRuntime().halt(0);
  }

  private static Map<String, Long> process() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    Runtime rt = Runtime.getRuntime();
    return Map.of("cpu_ms", os.getProcessCpuTime() / 1_000_000, "gc_ms", gc,
        "heap_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  static String format(Map<String, Long> values) {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}
