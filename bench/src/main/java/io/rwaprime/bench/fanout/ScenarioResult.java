package io.rwaprime.bench.fanout;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

/**
 * One measured scenario: what the clients received during the measurement window and what the server did in the
 * same window (differences of its cumulative counters).
 *
 * @param server      the server's counters over the window: ticks, messages, frames, conflated, dropped, skipped,
 *                    cpu_ms, gc_ms
 * @param clientCpuMs CPU time of the load generator over the window
 * @param loadAverage the machine's 1-minute load average at the end of the window
 */
record ScenarioResult(Transport transport, int clients, int connected, int failed, int closedEarly, double seconds,
                      long items, long frames, Histogram latencyMicros, Map<String, Long> server, long clientCpuMs,
                      double loadAverage) {

  /** Table header, in the order of {@link #row()}. */
  static final String HEADER = """
      | scenario | clients (open, closed early) | ticks/s | deliveries/s | per client/s | frames/s | ticks/frame | p50 ms | p99 ms | max ms \
      | server writes/s | conflated/s | dropped/s | server CPU | client CPU | load avg |
      |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

  double deliveriesPerSecond() {
    return items / seconds;
  }

  String row() {
    long ticks = server.getOrDefault("ticks", 0L);
    return String.format(Locale.ROOT,
        "| %s | %,d (%,d, %,d) | %,.0f | %,.0f | %,.1f | %,.0f | %.1f | %.1f | %.1f | %.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.1f |",
        transport.scenario, clients, connected, closedEarly, ticks / seconds, deliveriesPerSecond(),
        connected == 0 ? 0 : deliveriesPerSecond() / connected, frames / seconds, frames == 0 ? 0 : (double) items / frames,
        ms(latencyMicros.getValueAtPercentile(50)), ms(latencyMicros.getValueAtPercentile(99)),
        ms(latencyMicros.getMaxValue()), server.getOrDefault("messages", 0L) / seconds,
        server.getOrDefault("conflated", 0L) / seconds, server.getOrDefault("dropped", 0L) / seconds,
        server.getOrDefault("cpu_ms", 0L) / 1000.0 / seconds, clientCpuMs / 1000.0 / seconds, loadAverage);
  }

  /** A one-line summary for the progress log, with the server's GC time and the connection failures. */
  String summary() {
    return String.format(Locale.ROOT, "%s clients=%d open=%d failed=%d closed_early=%d deliveries/s=%.0f p50=%.1fms "
            + "p99=%.1fms max=%.0fms server_gc_ms=%d skipped=%d heap_mb=%d",
        transport.scenario, clients, connected, failed, closedEarly, deliveriesPerSecond(),
        ms(latencyMicros.getValueAtPercentile(50)), ms(latencyMicros.getValueAtPercentile(99)),
        ms(latencyMicros.getMaxValue()), server.getOrDefault("gc_ms", 0L), server.getOrDefault("skipped", 0L),
        server.getOrDefault("heap_mb", 0L));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
