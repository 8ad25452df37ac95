package io.rwaprime.events.codec;

import io.rwaprime.events.MacroPoint;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link MacroPoint} ({@value #NAME}), the default codec of {@code MacroPoint} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then series, time, value,
 * source.
 */
public final class MacroPointCodec extends RecordCodec<MacroPoint> {

  /** Stable codec name. */
  public static final String NAME = "rwa.macro-point";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public MacroPointCodec() {
    super(NAME, MacroPoint.class);
  }

  @Override
  protected void write(Buffer buffer, MacroPoint v) {
    Wire.writeString(buffer, v.series());
    Wire.writeInstant(buffer, v.time());
    Wire.writeDecimal(buffer, v.value());
    Wire.writeString(buffer, v.source());
  }

  @Override
  protected MacroPoint read(Wire.Reader in) {
    return new MacroPoint(in.readString(), in.readInstant(), in.readDecimal(), in.readString());
  }
}
