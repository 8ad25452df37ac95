package io.rwaprime.ingestion.onchain;

import io.rwaprime.events.OnchainMetric;
import io.rwaprime.web3.EvmAddress;
import io.rwaprime.web3.TokenRef;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Turns a token's ledger into its {@code onchain_metrics} row for one interval: flows of the interval (transfers
 * between holders and their volume, mints, burns, exchange inflow/outflow) and, for the current interval, the
 * state (holders, top-10 share, ledger supply, {@code totalSupply()}, DEX liquidity). Amounts are token units.
 */
final class MetricsWriter {

  private final Pool pool;
  private final Duration interval;

  MetricsWriter(Pool pool, Duration interval) {
    this.pool = pool;
    this.interval = interval;
  }

  /** Start of the interval holding {@code time}. */
  Instant bucket(Instant time) {
    long width = interval.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), width) * width);
  }

  /**
   * Recomputes the row of the interval starting at {@code start}; with {@code current} also the state columns
   * (otherwise the stored ones are kept).
   */
  Future<OnchainMetric> write(TokenRef token, List<String> exchanges, Instant start, boolean current,
                              BigDecimal dexLiquidity) {
    OffsetDateTime from = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
    OffsetDateTime to = from.plus(interval);
    return pool.preparedQuery("""
            WITH flows AS (
              SELECT count(*) FILTER (WHERE from_addr <> $5 AND to_addr <> $5) AS transfers,
                     coalesce(sum(value) FILTER (WHERE from_addr <> $5 AND to_addr <> $5), 0) AS volume,
                     coalesce(sum(value) FILTER (WHERE from_addr = $5), 0) AS minted,
                     coalesce(sum(value) FILTER (WHERE to_addr = $5), 0) AS burned,
                     coalesce(sum(value) FILTER (WHERE to_addr = ANY($6) AND from_addr <> ALL($6)), 0) AS inflow,
                     coalesce(sum(value) FILTER (WHERE from_addr = ANY($6) AND to_addr <> ALL($6)), 0) AS outflow
              FROM onchain_transfers WHERE chain = $1 AND token = $2 AND block_time >= $3 AND block_time < $4),
            state AS (
              SELECT (SELECT count(*) FROM onchain_balances WHERE chain = $1 AND token = $2 AND balance > 0) AS holders,
                     (SELECT coalesce(sum(balance), 0) FROM (SELECT balance FROM onchain_balances
                        WHERE chain = $1 AND token = $2 AND balance > 0 ORDER BY balance DESC LIMIT 10) t) AS top10,
                     c.supply_baseline + (SELECT coalesce(sum(balance), 0) FROM onchain_balances
                        WHERE chain = $1 AND token = $2) AS ledger,
                     c.onchain_supply
              FROM onchain_checkpoints c WHERE c.chain = $1 AND c.token = $2)
            SELECT f.transfers, f.volume::text AS volume, f.minted::text AS minted, f.burned::text AS burned,
                   f.inflow::text AS inflow, f.outflow::text AS outflow, s.holders, s.top10::text AS top10,
                   s.ledger::text AS ledger, s.onchain_supply::text AS onchain
            FROM flows f, state s""")
        .execute(Tuple.tuple().addString(token.chain()).addString(token.address()).addOffsetDateTime(from)
            .addOffsetDateTime(to).addString(EvmAddress.ZERO).addArrayOfString(exchanges.toArray(String[]::new)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          int d = token.decimals();
          BigInteger ledger = new BigInteger(r.getString("ledger"));
          BigDecimal top10 = ledger.signum() == 0 ? null
              : new BigDecimal(new BigInteger(r.getString("top10"))).divide(new BigDecimal(ledger), MathContext.DECIMAL64)
                  .setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
          OnchainMetric m = new OnchainMetric(token.symbol(), token.chain(), token.address(), start,
              current ? r.getLong("holders") : null, r.getLong("transfers"), units(r.getString("volume"), d),
              units(r.getString("minted"), d), units(r.getString("burned"), d),
              current && r.getString("onchain") != null ? units(r.getString("onchain"), d) : null,
              current ? dexLiquidity : null, units(r.getString("inflow"), d), units(r.getString("outflow"), d));
          return pool.preparedQuery("""
                  INSERT INTO onchain_metrics (symbol, chain, token_address, time, holder_count, transfer_count,
                      transfer_volume, minted, burned, total_supply, dex_liquidity, exchange_inflow, exchange_outflow,
                      top10_share, ledger_supply)
                  VALUES ($1, $2, $3, $4, $5, $6, $7::text::numeric, $8::text::numeric, $9::text::numeric,
                          $10::text::numeric, $11::text::numeric, $12::text::numeric, $13::text::numeric,
                          $14::text::numeric, $15::text::numeric)
                  ON CONFLICT (symbol, chain, time) DO UPDATE SET
                      transfer_count = excluded.transfer_count, transfer_volume = excluded.transfer_volume,
                      minted = excluded.minted, burned = excluded.burned, exchange_inflow = excluded.exchange_inflow,
                      exchange_outflow = excluded.exchange_outflow,
                      holder_count = coalesce(excluded.holder_count, onchain_metrics.holder_count),
                      total_supply = coalesce(excluded.total_supply, onchain_metrics.total_supply),
                      dex_liquidity = coalesce(excluded.dex_liquidity, onchain_metrics.dex_liquidity),
                      top10_share = coalesce(excluded.top10_share, onchain_metrics.top10_share),
                      ledger_supply = coalesce(excluded.ledger_supply, onchain_metrics.ledger_supply)""")
              .execute(Tuple.tuple().addString(m.symbol()).addString(m.chain()).addString(m.tokenAddress())
                  .addOffsetDateTime(from).addLong(m.holderCount()).addLong(m.transferCount())
                  .addString(text(m.transferVolume())).addString(text(m.minted())).addString(text(m.burned()))
                  .addString(text(m.totalSupply())).addString(text(m.dexLiquidity())).addString(text(m.exchangeInflow()))
                  .addString(text(m.exchangeOutflow())).addString(current ? text(top10) : null)
                  .addString(current ? text(units(ledger.toString(), d)) : null))
              .map(x -> m);
        });
  }

  static BigDecimal units(String base, int decimals) {
    return units(new BigInteger(base), decimals);
  }

  /** Base units as token units, without trailing zeros and never in exponent form above one unit (30, not 3E+1). */
  static BigDecimal units(BigInteger base, int decimals) {
    BigDecimal v = new BigDecimal(base, decimals).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private static String text(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
