package io.rwaprime.events.codec;

import io.rwaprime.events.OnchainEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link OnchainEvent} ({@value #NAME}), the default codec of {@code OnchainEvent} once
 * {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then symbol, chain, token address, kind
 * code (fixed per kind, independent of the enum's declaration order), transaction hash, block number, log index,
 * time, from, to, amount, provisional.
 */
public final class OnchainEventCodec extends RecordCodec<OnchainEvent> {

  /** Stable codec name. */
  public static final String NAME = "rwa.onchain-event";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public OnchainEventCodec() {
    super(NAME, OnchainEvent.class);
  }

  @Override
  protected void write(Buffer buffer, OnchainEvent v) {
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.chain());
    Wire.writeString(buffer, v.tokenAddress());
    buffer.appendByte(kindCode(v.kind()));
    Wire.writeString(buffer, v.txHash());
    buffer.appendLong(v.blockNumber()).appendInt(v.logIndex());
    Wire.writeInstant(buffer, v.time());
    Wire.writeString(buffer, v.from());
    Wire.writeString(buffer, v.to());
    Wire.writeDecimal(buffer, v.amount());
    Wire.writeBoolean(buffer, v.provisional());
  }

  @Override
  protected OnchainEvent read(Wire.Reader in) {
    return new OnchainEvent(in.readString(), in.readString(), in.readString(), kind(in.readByte()), in.readString(),
        in.readLong(), in.readInt(), in.readInstant(), in.readString(), in.readString(), in.readDecimal(),
        in.readBoolean());
  }

  private static byte kindCode(OnchainEvent.Kind kind) {
    return switch (kind) {
      case MINT -> 1;
      case BURN -> 2;
      case WHALE -> 3;
      case RETRACTED -> 4;
    };
  }

  private static OnchainEvent.Kind kind(byte code) {
    return switch (code) {
      case 1 -> OnchainEvent.Kind.MINT;
      case 2 -> OnchainEvent.Kind.BURN;
      case 3 -> OnchainEvent.Kind.WHALE;
      case 4 -> OnchainEvent.Kind.RETRACTED;
      default -> throw new IllegalArgumentException("corrupt frame: on-chain event kind code " + code);
    };
  }
}
