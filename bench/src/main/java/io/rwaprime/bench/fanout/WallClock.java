package io.rwaprime.bench.fanout;

import java.time.Instant;

/**
 * The wall clock in microseconds, the one time base of the tick driver (server process) and the clients (load
 * generator process) on the same machine.
 */
final class WallClock {

  private WallClock() {}

  static long micros() {
    return micros(Instant.now());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
