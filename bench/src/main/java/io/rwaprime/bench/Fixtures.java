package io.rwaprime.bench;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Tick;

import java.math.BigDecimal;
import java.time.Instant;

/** Realistic messages of the live path, shared by the benchmarks. */
final class Fixtures {

  private static final Instant T = Instant.parse("2025-03-14T15:09:26.535897932Z");

  private Fixtures() {}

  /** A simulator tick of a tokenized treasury fund, as cleansing emits it. */
  static Tick tick() {
    return new Tick("simulator:m7x2k9:OUSG:184467", "OUSG", "simulator", new BigDecimal("108.452137"),
        new BigDecimal("1520.25"), "USD", T, T.plusMillis(4), 184_467L);
  }

  /** A closed one-minute bar with a source spread. */
  static Bar bar() {
    return new Bar("OUSG", BarInterval.M1, BarInterval.M1.floor(T), new BigDecimal("108.4012"),
        new BigDecimal("108.4733"), new BigDecimal("108.3951"), new BigDecimal("108.4521"), new BigDecimal("91520.75"),
        new BigDecimal("108.43120577"), 57, 0, new BigDecimal("0.00041"));
  }
}
