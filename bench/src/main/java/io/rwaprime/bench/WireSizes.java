package io.rwaprime.bench;

import io.rwaprime.events.codec.BarCodec;
import io.rwaprime.events.codec.TickCodec;
import io.vertx.core.buffer.Buffer;

/** Prints the encoded size of the benchmark messages in both forms, for {@code RESULTS.md}. */
public final class WireSizes {

  private WireSizes() {}

  /** Prints one line per message and form. */
  public static void main(String[] args) {
    Buffer tick = Buffer.buffer();
    new TickCodec().encodeToWire(tick, Fixtures.tick());
    Buffer bar = Buffer.buffer();
    new BarCodec().encodeToWire(bar, Fixtures.bar());
    System.out.printf("tick binary %d bytes, json %d bytes%n", tick.length(), Fixtures.tick().toJson().toBuffer().length());
    System.out.printf("bar  binary %d bytes, json %d bytes%n", bar.length(), Fixtures.bar().toJson().toBuffer().length());
  }
}
