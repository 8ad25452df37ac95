package io.rwaprime.events.codec;

import io.rwaprime.events.Forecast;
import io.rwaprime.events.ForecastStep;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.List;

/**
 * Binary codec of {@link Forecast} ({@value #NAME}), the default codec of {@code Forecast} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then symbol, model, model
 * version, horizon days, generated-at, base time, step count, then per step: step, time, mean,
 * lower80, upper80, lower95, upper95.
 */
public final class ForecastCodec extends RecordCodec<Forecast> {

  /** Stable codec name. */
  public static final String NAME = "rwa.forecast";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public ForecastCodec() {
    super(NAME, Forecast.class);
  }

  @Override
  protected void write(Buffer buffer, Forecast v) {
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.model());
    Wire.writeString(buffer, v.modelVersion());
    buffer.appendInt(v.horizonDays());
    Wire.writeInstant(buffer, v.generatedAt());
    Wire.writeInstant(buffer, v.baseTime());
    buffer.appendInt(v.steps().size());
    for (ForecastStep s : v.steps()) {
      buffer.appendInt(s.step());
      Wire.writeInstant(buffer, s.time());
      Wire.writeDecimal(buffer, s.mean());
      Wire.writeDecimal(buffer, s.lower80());
      Wire.writeDecimal(buffer, s.upper80());
      Wire.writeDecimal(buffer, s.lower95());
      Wire.writeDecimal(buffer, s.upper95());
    }
  }

  @Override
  protected Forecast read(Wire.Reader in) {
    String symbol = in.readString();
    String model = in.readString();
    String modelVersion = in.readString();
    int horizonDays = in.readInt();
    Instant generatedAt = in.readInstant();
    Instant baseTime = in.readInstant();
    ForecastStep[] steps = new ForecastStep[in.readCount()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = new ForecastStep(in.readInt(), in.readInstant(), in.readDecimal(), in.readDecimal(), in.readDecimal(),
          in.readDecimal(), in.readDecimal());
    }
    return new Forecast(symbol, model, modelVersion, horizonDays, generatedAt, baseTime, List.of(steps));
  }
}
