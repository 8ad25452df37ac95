package io.rwaprime.events.codec;

import io.rwaprime.events.Tick;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link Tick} ({@value #NAME}), the default codec of {@code Tick} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then event id, symbol,
 * source, price, volume, currency, event time, received-at, sequence.
 */
public final class TickCodec extends RecordCodec<Tick> {

  /** Stable codec name. */
  public static final String NAME = "rwa.tick";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public TickCodec() {
    super(NAME, Tick.class);
  }

  @Override
  protected void write(Buffer buffer, Tick v) {
    Wire.writeString(buffer, v.eventId());
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.source());
    Wire.writeDecimal(buffer, v.price());
    Wire.writeDecimal(buffer, v.volume());
    Wire.writeString(buffer, v.currency());
    Wire.writeInstant(buffer, v.eventTime());
    Wire.writeInstant(buffer, v.receivedAt());
    buffer.appendLong(v.sequence());
  }

  @Override
  protected Tick read(Wire.Reader in) {
    return new Tick(in.readString(), in.readString(), in.readString(), in.readDecimal(), in.readDecimal(),
        in.readString(), in.readInstant(), in.readInstant(), in.readLong());
  }
}
