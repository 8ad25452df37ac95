package io.rwaprime.events.codec;

import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link Bar} ({@value #NAME}), the default codec of {@code Bar} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then symbol, interval code
 * (fixed per interval, independent of the enum's declaration order), open time, open, high, low,
 * close, volume, vwap, tick count, revision, nullable source spread.
 */
public final class BarCodec extends RecordCodec<Bar> {

  /** Stable codec name. */
  public static final String NAME = "rwa.bar";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public BarCodec() {
    super(NAME, Bar.class);
  }

  @Override
  protected void write(Buffer buffer, Bar v) {
    Wire.writeString(buffer, v.symbol());
    buffer.appendByte(intervalCode(v.interval()));
    Wire.writeInstant(buffer, v.openTime());
    Wire.writeDecimal(buffer, v.open());
    Wire.writeDecimal(buffer, v.high());
    Wire.writeDecimal(buffer, v.low());
    Wire.writeDecimal(buffer, v.close());
    Wire.writeDecimal(buffer, v.volume());
    Wire.writeDecimal(buffer, v.vwap());
    buffer.appendLong(v.tickCount()).appendInt(v.revision());
    Wire.writeNullableDecimal(buffer, v.sourceSpread());
  }

  @Override
  protected Bar read(Wire.Reader in) {
    return new Bar(in.readString(), interval(in.readByte()), in.readInstant(), in.readDecimal(), in.readDecimal(),
        in.readDecimal(), in.readDecimal(), in.readDecimal(), in.readDecimal(), in.readLong(), in.readInt(),
        in.readNullableDecimal());
  }

  private static byte intervalCode(BarInterval interval) {
    return switch (interval) {
      case M1 -> 1;
      case M5 -> 2;
      case H1 -> 3;
      case D1 -> 4;
    };
  }

  private static BarInterval interval(byte code) {
    return switch (code) {
      case 1 -> BarInterval.M1;
      case 2 -> BarInterval.M5;
      case 3 -> BarInterval.H1;
      case 4 -> BarInterval.D1;
      default -> throw new IllegalArgumentException("corrupt frame: bar interval code " + code);
    };
  }
}
