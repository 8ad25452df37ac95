package io.rwaprime.events.codec;

import io.rwaprime.events.OnchainMetric;
import io.vertx.core.buffer.Buffer;

/**
 * Binary codec of {@link OnchainMetric} ({@value #NAME}), the default codec of {@code OnchainMetric}
 * once {@link io.rwaprime.events.Codecs#registerAll} ran. Frame: version byte, then symbol, chain,
 * token address, time, then each metric nullable.
 */
public final class OnchainMetricCodec extends RecordCodec<OnchainMetric> {

  /** Stable codec name. */
  public static final String NAME = "rwa.onchain-metric";

  /** A codec instance; it holds no state, so one per event bus is plenty. */
  public OnchainMetricCodec() {
    super(NAME, OnchainMetric.class);
  }

  @Override
  protected void write(Buffer buffer, OnchainMetric v) {
    Wire.writeString(buffer, v.symbol());
    Wire.writeString(buffer, v.chain());
    Wire.writeString(buffer, v.tokenAddress());
    Wire.writeInstant(buffer, v.time());
    Wire.writeNullableLong(buffer, v.holderCount());
    Wire.writeNullableLong(buffer, v.transferCount());
    Wire.writeNullableDecimal(buffer, v.transferVolume());
    Wire.writeNullableDecimal(buffer, v.minted());
    Wire.writeNullableDecimal(buffer, v.burned());
    Wire.writeNullableDecimal(buffer, v.totalSupply());
    Wire.writeNullableDecimal(buffer, v.dexLiquidity());
    Wire.writeNullableDecimal(buffer, v.exchangeInflow());
    Wire.writeNullableDecimal(buffer, v.exchangeOutflow());
  }

  @Override
  protected OnchainMetric read(Wire.Reader in) {
    return new OnchainMetric(in.readString(), in.readString(), in.readString(), in.readInstant(),
        in.readNullableLong(), in.readNullableLong(), in.readNullableDecimal(), in.readNullableDecimal(),
        in.readNullableDecimal(), in.readNullableDecimal(), in.readNullableDecimal(), in.readNullableDecimal(),
        in.readNullableDecimal());
  }
}
