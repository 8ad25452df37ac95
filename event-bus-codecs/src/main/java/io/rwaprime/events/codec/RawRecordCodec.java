package io.rwaprime.events.codec;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link RawRecord} ({@value #NAME}), the default codec of {@code RawRecord} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then event id, source, kind
 * code (fixed per kind, independent of the enum's declaration order), received-at, payload.
 */
public final class RawRecordCodec extends RecordCodec<RawRecord> {

  /** Stable codec name. */
  public static final String NAME = "rwa.raw-record";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public RawRecordCodec() {
    super(NAME, RawRecord.class);
  }

  @Override
  protected void write(Buffer buffer, RawRecord v) {
    Wire.writeString(buffer, v.eventId());
    Wire.writeString(buffer, v.source());
    buffer.appendByte(kindCode(v.kind()));
    Wire.writeInstant(buffer, v.receivedAt());
    Wire.writeString(buffer, v.payload());
  }

  @Override
  protected RawRecord read(Wire.Reader in) {
    return new RawRecord(in.readString(), in.readString(), kind(in.readByte()), in.readInstant(), in.readString());
  }

  private static byte kindCode(RecordKind kind) {
    return switch (kind) {
      case PRICE -> 1;
      case ONCHAIN -> 2;
      case MACRO -> 3;
      case NEWS -> 4;
    };
  }

  private static RecordKind kind(byte code) {
    return switch (code) {
      case 1 -> RecordKind.PRICE;
      case 2 -> RecordKind.ONCHAIN;
      case 3 -> RecordKind.MACRO;
      case 4 -> RecordKind.NEWS;
      default -> throw new IllegalArgumentException("corrupt frame: record kind code " + code);
    };
  }
}
