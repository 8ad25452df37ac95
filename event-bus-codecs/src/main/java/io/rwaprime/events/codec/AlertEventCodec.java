package io.rwaprime.events.codec;

import io.rwaprime.events.AlertEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link AlertEvent} ({@value #NAME}), the default codec of {@code AlertEvent} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then trigger id, rule id,
 * user id, symbol, condition, threshold, observed, triggered-at, message.
 */
public final class AlertEventCodec extends RecordCodec<AlertEvent> {

  /** Stable codec name. */
  public static final String NAME = "rwa.alert-event";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public AlertEventCodec() {
    super(NAME, AlertEvent.class);
  }

  @Override
  protected void write(Buffer buffer, AlertEvent v) {
    Wire.writeString(buffer, v.triggerId());
    Wire.writeString(buffer, v.ruleId());
    Wire.writeString(buffer, v.userId());
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.condition());
    Wire.writeDecimal(buffer, v.threshold());
    Wire.writeDecimal(buffer, v.observed());
    Wire.writeInstant(buffer, v.triggeredAt());
    Wire.writeString(buffer, v.message());
  }

  @Override
  protected AlertEvent read(Wire.Reader in) {
    return new AlertEvent(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
        in.readDecimal(), in.readDecimal(), in.readInstant(), in.readString());
  }
}
