package io.rwaprime.events.codec;

import io.rwaprime.events.RiskDriver;
import io.rwaprime.events.RiskScore;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.List;

/**
 * Binary codec of {@link RiskScore} ({@value #NAME}), the default codec of {@code RiskScore} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then symbol, calculated-at,
 * composite, market, credit, regulatory, technical, driver count, then per driver: category, factor,
 * raw value, normalized, weight, contribution.
 */
public final class RiskScoreCodec extends RecordCodec<RiskScore> {

  /** Stable codec name. */
  public static final String NAME = "rwa.risk-score";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public RiskScoreCodec() {
    super(NAME, RiskScore.class);
  }

  @Override
  protected void write(Buffer buffer, RiskScore v) {
    Wire.writeString(buffer, v.symbol());
    Wire.writeInstant(buffer, v.calculatedAt());
    buffer.appendInt(v.composite()).appendInt(v.market()).appendInt(v.credit()).appendInt(v.regulatory())
        .appendInt(v.technical());
    buffer.appendInt(v.drivers().size());
    for (RiskDriver d : v.drivers()) {
      Wire.writeString(buffer, d.category());
      Wire.writeString(buffer, d.factor());
      buffer.appendDouble(d.rawValue()).appendDouble(d.normalized()).appendDouble(d.weight())
          .appendDouble(d.contribution());
    }
  }

  @Override
  protected RiskScore read(Wire.Reader in) {
    String symbol = in.readString();
    Instant calculatedAt = in.readInstant();
    int composite = in.readInt();
    int market = in.readInt();
    int credit = in.readInt();
    int regulatory = in.readInt();
    int technical = in.readInt();
    RiskDriver[] drivers = new RiskDriver[in.readCount()];
    for (int i = 0; i < drivers.length; i++) {
      drivers[i] = new RiskDriver(in.readString(), in.readString(), in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble());
    }
    return new RiskScore(symbol, calculatedAt, composite, market, credit, regulatory, technical, List.of(drivers));
  }
}
