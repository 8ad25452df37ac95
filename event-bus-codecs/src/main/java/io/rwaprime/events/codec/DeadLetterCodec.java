package io.rwaprime.events.codec;

import io.rwaprime.events.DeadLetter;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link DeadLetter} ({@value #NAME}), the default codec of {@code DeadLetter} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then event id, source,
 * stage, reason code, detail, payload, rejected-at.
 */
public final class DeadLetterCodec extends RecordCodec<DeadLetter> {

  /** Stable codec name. */
  public static final String NAME = "rwa.dead-letter";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public DeadLetterCodec() {
    super(NAME, DeadLetter.class);
  }

  @Override
  protected void write(Buffer buffer, DeadLetter v) {
    Wire.writeString(buffer, v.eventId());
    Wire.writeString(buffer, v.source());
    Wire.writeString(buffer, v.stage());
    Wire.writeString(buffer, v.reasonCode());
    Wire.writeString(buffer, v.detail());
    Wire.writeString(buffer, v.payload());
    Wire.writeInstant(buffer, v.rejectedAt());
  }

  @Override
  protected DeadLetter read(Wire.Reader in) {
    return new DeadLetter(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
        in.readString(), in.readInstant());
  }
}
