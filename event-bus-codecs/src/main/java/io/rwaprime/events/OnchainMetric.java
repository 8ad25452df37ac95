package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * On-chain activity of one token at one time. Each metric is optional: null means "not measured
 * in this reading" (a source may report supply but not holders), never zero.
 *
 * <p>Travels on {@link Addresses#ONCHAIN} (cleansing → risk, storage, fanout). JSON Schema:
 * {@code schemas/onchain-metric.schema.json}. Amounts are in token units, not base units.
 *
 * @param symbol         instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param chain          chain name, e.g. {@code ethereum}; non-blank
 * @param tokenAddress   token contract address on that chain; non-blank
 * @param time           the block time (or measurement time) of the reading
 * @param holderCount    addresses holding a non-zero balance; &gt;= 0 or null
 * @param transferCount  transfers in the reading's window; &gt;= 0 or null
 * @param transferVolume amount transferred in the window; &gt;= 0 or null
 * @param minted         amount minted in the window; &gt;= 0 or null
 * @param burned         amount burned in the window; &gt;= 0 or null
 * @param totalSupply    supply at {@code time}; &gt;= 0 or null
 * @param dexLiquidity   value locked in DEX pools, in USD; &gt;= 0 or null
 * @param exchangeInflow amount sent to known exchange addresses in the window; &gt;= 0 or null
 * @param exchangeOutflow amount sent from known exchange addresses in the window; &gt;= 0 or null
 */
public record OnchainMetric(String symbol, String chain, String tokenAddress, Instant time, Long holderCount,
                            Long transferCount, BigDecimal transferVolume, BigDecimal minted, BigDecimal burned,
                            BigDecimal totalSupply, BigDecimal dexLiquidity, BigDecimal exchangeInflow,
                            BigDecimal exchangeOutflow) {

  private static final Set<String> FIELDS = Set.of("symbol", "chain", "token_address", "time", "holder_count",
      "transfer_count", "transfer_volume", "minted", "burned", "total_supply", "dex_liquidity", "exchange_inflow",
      "exchange_outflow");

  /** Validates every component; see the parameter descriptions. */
  public OnchainMetric {
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(chain, "chain");
    Checks.nonBlank(tokenAddress, "tokenAddress");
    Checks.nonNull(time, "time");
    Checks.nonNegativeOrNull(holderCount, "holderCount");
    Checks.nonNegativeOrNull(transferCount, "transferCount");
    Checks.nonNegativeOrNull(transferVolume, "transferVolume");
    Checks.nonNegativeOrNull(minted, "minted");
    Checks.nonNegativeOrNull(burned, "burned");
    Checks.nonNegativeOrNull(totalSupply, "totalSupply");
    Checks.nonNegativeOrNull(dexLiquidity, "dexLiquidity");
    Checks.nonNegativeOrNull(exchangeInflow, "exchangeInflow");
    Checks.nonNegativeOrNull(exchangeOutflow, "exchangeOutflow");
  }

  /** The JSON form described by {@code onchain-metric.schema.json}; unmeasured metrics are omitted. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("symbol", symbol)
        .put("chain", chain)
        .put("token_address", tokenAddress);
    JsonFields.putInstant(json, "time", time);
    JsonFields.putIfPresent(json, "holder_count", holderCount);
    JsonFields.putIfPresent(json, "transfer_count", transferCount);
    JsonFields.putDecimal(json, "transfer_volume", transferVolume);
    JsonFields.putDecimal(json, "minted", minted);
    JsonFields.putDecimal(json, "burned", burned);
    JsonFields.putDecimal(json, "total_supply", totalSupply);
    JsonFields.putDecimal(json, "dex_liquidity", dexLiquidity);
    JsonFields.putDecimal(json, "exchange_inflow", exchangeInflow);
    JsonFields.putDecimal(json, "exchange_outflow", exchangeOutflow);
    return json;
  }

  /**
   * Reads the JSON form; an absent metric reads as null.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static OnchainMetric fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "OnchainMetric", FIELDS);
    return new OnchainMetric(in.string("symbol"), in.string("chain"), in.string("token_address"), in.instant("time"),
        in.optLong("holder_count"), in.optLong("transfer_count"), in.optDecimal("transfer_volume"),
        in.optDecimal("minted"), in.optDecimal("burned"), in.optDecimal("total_supply"), in.optDecimal("dex_liquidity"),
        in.optDecimal("exchange_inflow"), in.optDecimal("exchange_outflow"));
  }
}
