package io.rwaprime.events.codec;

import io.rwaprime.events.AlertRule;
import io.vertx.core.buffer.Buffer;

import java.util.Set;

/**
 * Binary codec of {@link AlertRule} ({@value #NAME}), the default codec of {@code AlertRule} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then rule id, user id,
 * symbol, condition, threshold, nullable window, channels, one-shot, cooldown, active.
 */
public final class AlertRuleCodec extends RecordCodec<AlertRule> {

  /** Stable codec name. */
  public static final String NAME = "rwa.alert-rule";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public AlertRuleCodec() {
    super(NAME, AlertRule.class);
  }

  @Override
  protected void write(Buffer buffer, AlertRule v) {
    Wire.writeString(buffer, v.ruleId());
    Wire.writeString(buffer, v.userId());
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.condition());
    Wire.writeDecimal(buffer, v.threshold());
    Wire.writeNullableDuration(buffer, v.window());
    Wire.writeStrings(buffer, v.channels());
    Wire.writeBoolean(buffer, v.oneShot());
    Wire.writeDuration(buffer, v.cooldown());
    Wire.writeBoolean(buffer, v.active());
  }

  @Override
  protected AlertRule read(Wire.Reader in) {
    return new AlertRule(in.readString(), in.readString(), in.readString(), in.readString(), in.readDecimal(),
        in.readNullableDuration(), Set.of(in.readStrings()), in.readBoolean(), in.readDuration(), in.readBoolean());
  }
}
