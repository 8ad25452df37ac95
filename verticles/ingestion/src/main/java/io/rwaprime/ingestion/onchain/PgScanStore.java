package io.rwaprime.ingestion.onchain;

import io.rwaprime.web3.BlockRef;
import io.rwaprime.web3.EvmAddress;
import io.rwaprime.web3.IntegrityException;
import io.rwaprime.web3.ScanState;
import io.rwaprime.web3.ScanStep;
import io.rwaprime.web3.ScanStore;
import io.rwaprime.web3.TokenRef;
import io.rwaprime.web3.Transfer;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ScanStore} in PostgreSQL ({@code onchain_checkpoints}, {@code onchain_blocks},
 * {@code onchain_transfers}, {@code onchain_balances}); each method is one transaction. A balance that would go
 * negative violates the table's check and surfaces as an {@link IntegrityException} (logs are missing).
 */
public final class PgScanStore implements ScanStore {

  private static final int CHUNK = 5_000;

  private final Pool pool;

  public PgScanStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<ScanState> open(TokenRef token, BigInteger supplyBaseline) {
    return pool.preparedQuery("""
            INSERT INTO onchain_checkpoints (chain, token, symbol, decimals, start_block, scanned_to, finalized_to,
                                             supply_baseline)
            VALUES ($1, $2, $3, $4, $5, $5 - 1, $5 - 1, $6::text::numeric) ON CONFLICT (chain, token) DO NOTHING""")
        .execute(Tuple.of(token.chain(), token.address(), token.symbol(), token.decimals(), token.startBlock(),
            supplyBaseline.toString()))
        .compose(x -> pool.preparedQuery("""
                SELECT scanned_to, finalized_to, finalized_hash, supply_baseline::text AS baseline
                FROM onchain_checkpoints WHERE chain = $1 AND token = $2""")
            .execute(Tuple.of(token.chain(), token.address())))
        .compose(cp -> pool.preparedQuery("SELECT number, hash FROM onchain_blocks WHERE chain = $1 AND token = $2")
            .execute(Tuple.of(token.chain(), token.address()))
            .map(blocks -> {
              Row c = cp.iterator().next();
              TreeMap<Long, String> provisional = new TreeMap<>();
              for (Row b : blocks) {
                provisional.put(b.getLong("number"), b.getString("hash"));
              }
              return new ScanState(c.getLong("scanned_to"), c.getLong("finalized_to"), c.getString("finalized_hash"),
                  provisional, new BigInteger(c.getString("baseline")));
            }))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> commit(TokenRef token, ScanStep step) {
    return pool.withTransaction(conn -> moveCheckpoint(conn, token, step.expectedScannedTo(), step.scannedTo(),
                step.finalizedTo(), step.finalizedHash())
            .compose(x -> insertTransfers(conn, token, step.transfers(), 0))
            .compose(x -> applyDeltas(conn, token, deltas(step.transfers(), false), step.scannedTo()))
            .compose(x -> insertBlocks(conn, token, step.provisional()))
            .compose(x -> conn.preparedQuery("DELETE FROM onchain_blocks WHERE chain = $1 AND token = $2 AND number <= $3")
                .execute(Tuple.of(token.chain(), token.address(), step.finalizedTo())))
            .<Void>mapEmpty())
        .toCompletionStage();
  }

  @Override
  public CompletionStage<List<Transfer>> rollback(TokenRef token, long keepUpTo, long expectedScannedTo) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
                UPDATE onchain_checkpoints SET scanned_to = $3, updated_at = now()
                WHERE chain = $1 AND token = $2 AND scanned_to = $4 AND finalized_to <= $3""")
            .execute(Tuple.of(token.chain(), token.address(), keepUpTo, expectedScannedTo))
            .compose(updated -> updated.rowCount() == 1 ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException(token + ": checkpoint moved under a rollback to "
                    + keepUpTo + " (another scanner?)")))
            .compose(x -> conn.preparedQuery("""
                    DELETE FROM onchain_transfers WHERE chain = $1 AND token = $2 AND block_number > $3
                    RETURNING block_number, log_index, block_hash, extract(epoch FROM block_time)::bigint AS t, tx_hash,
                              from_addr, to_addr, value::text AS value""")
                .execute(Tuple.of(token.chain(), token.address(), keepUpTo)))
            .compose(rows -> {
              List<Transfer> removed = new ArrayList<>();
              for (Row r : rows) {
                removed.add(new Transfer(r.getLong("block_number"), r.getInteger("log_index"), r.getString("block_hash"),
                    r.getLong("t"), r.getString("tx_hash"), r.getString("from_addr"), r.getString("to_addr"),
                    new BigInteger(r.getString("value"))));
              }
              removed.sort(java.util.Comparator.comparingLong(Transfer::blockNumber).thenComparingInt(Transfer::logIndex));
              return applyDeltas(conn, token, deltas(removed, true), keepUpTo)
                  .compose(x -> conn.preparedQuery("DELETE FROM onchain_blocks WHERE chain = $1 AND token = $2 AND number > $3")
                      .execute(Tuple.of(token.chain(), token.address(), keepUpTo)))
                  .map(x -> removed);
            }))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<BigInteger> ledgerSupply(TokenRef token) {
    return pool.preparedQuery("""
            SELECT (c.supply_baseline + coalesce((SELECT sum(balance) FROM onchain_balances b
                                                   WHERE b.chain = c.chain AND b.token = c.token), 0))::text AS supply
            FROM onchain_checkpoints c WHERE c.chain = $1 AND c.token = $2""")
        .execute(Tuple.of(token.chain(), token.address()))
        .map(rows -> new BigInteger(rows.iterator().next().getString("supply")))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Map<String, BigInteger>> balances(TokenRef token, List<String> holders) {
    return pool.preparedQuery("""
            SELECT holder, balance::text AS balance FROM onchain_balances
            WHERE chain = $1 AND token = $2 AND holder = ANY($3)""")
        .execute(Tuple.tuple().addString(token.chain()).addString(token.address())
            .addArrayOfString(holders.toArray(String[]::new)))
        .map(rows -> {
          Map<String, BigInteger> out = new HashMap<>();
          for (Row r : rows) {
            out.put(r.getString("holder"), new BigInteger(r.getString("balance")));
          }
          return out;
        })
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> integrity(TokenRef token, String finding, BigInteger onchainSupply, long block) {
    return pool.preparedQuery("""
            UPDATE onchain_checkpoints SET integrity = $3,
                   integrity_at = CASE WHEN $3::text IS NULL THEN integrity_at ELSE now() END,
                   onchain_supply = coalesce($4::text::numeric, onchain_supply),
                   checked_block = CASE WHEN $5 >= 0 THEN $5 ELSE checked_block END,
                   updated_at = now()
            WHERE chain = $1 AND token = $2""")
        .execute(Tuple.of(token.chain(), token.address(), finding,
            onchainSupply == null ? null : onchainSupply.toString(), block))
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  // ---------------------------------------------------------------------------------------------------------

  private static Future<Void> moveCheckpoint(SqlConnection conn, TokenRef token, long expected, long scannedTo,
                                             long finalizedTo, String finalizedHash) {
    return conn.preparedQuery("""
            UPDATE onchain_checkpoints SET scanned_to = $3, finalized_to = $4, finalized_hash = $5, updated_at = now()
            WHERE chain = $1 AND token = $2 AND scanned_to = $6""")
        .execute(Tuple.of(token.chain(), token.address(), scannedTo, finalizedTo, finalizedHash, expected))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException(token + ": checkpoint is no longer at " + expected
                + " (another scanner?)")));
  }

  private static Future<Void> insertTransfers(SqlConnection conn, TokenRef token, List<Transfer> all, int offset) {
    if (offset >= all.size()) {
      return Future.succeededFuture();
    }
    List<Transfer> part = all.subList(offset, Math.min(all.size(), offset + CHUNK));
    int n = part.size();
    Long[] blocks = new Long[n];
    Integer[] indexes = new Integer[n];
    String[] hashes = new String[n];
    Long[] times = new Long[n];
    String[] txs = new String[n];
    String[] froms = new String[n];
    String[] tos = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      Transfer t = part.get(i);
      blocks[i] = t.blockNumber();
      indexes[i] = t.logIndex();
      hashes[i] = t.blockHash();
      times[i] = t.blockTime();
      txs[i] = t.txHash();
      froms[i] = t.from();
      tos[i] = t.to();
      values[i] = t.value().toString();
    }
    return conn.preparedQuery("""
            INSERT INTO onchain_transfers (chain, token, block_number, log_index, block_hash, block_time, tx_hash,
                                           from_addr, to_addr, value)
            SELECT $1, $2, b, i, h, to_timestamp(t), x, f, o, v::numeric
            FROM unnest($3::bigint[], $4::int[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                        $10::text[]) AS u(b, i, h, t, x, f, o, v)""")
        .execute(Tuple.tuple().addString(token.chain()).addString(token.address()).addArrayOfLong(blocks)
            .addArrayOfInteger(indexes).addArrayOfString(hashes).addArrayOfLong(times).addArrayOfString(txs)
            .addArrayOfString(froms).addArrayOfString(tos).addArrayOfString(values))
        .compose(x -> insertTransfers(conn, token, all, offset + CHUNK));
  }

  private static Map<String, BigInteger> deltas(List<Transfer> transfers, boolean reverse) {
    Map<String, BigInteger> out = new HashMap<>();
    for (Transfer t : transfers) {
      BigInteger v = reverse ? t.value().negate() : t.value();
      if (!t.from().equals(EvmAddress.ZERO)) {
        out.merge(t.from(), v.negate(), BigInteger::add);
      }
      if (!t.to().equals(EvmAddress.ZERO)) {
        out.merge(t.to(), v, BigInteger::add);
      }
    }
    out.values().removeIf(d -> d.signum() == 0);
    return out;
  }

  private static Future<Void> applyDeltas(SqlConnection conn, TokenRef token, Map<String, BigInteger> deltas, long block) {
    if (deltas.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] holders = deltas.keySet().toArray(String[]::new);
    String[] amounts = new String[holders.length];
    for (int i = 0; i < holders.length; i++) {
      amounts[i] = deltas.get(holders[i]).toString();
    }
    // existing holders change in place; new ones are inserted (a check constraint is evaluated on an INSERT's row
    // before ON CONFLICT would turn it into an update, so a negative delta cannot go through an upsert)
    return conn.preparedQuery("""
            WITH d AS (SELECT h, v::numeric AS v FROM unnest($3::text[], $4::text[]) AS u(h, v)),
                 upd AS (UPDATE onchain_balances b SET balance = b.balance + d.v FROM d
                         WHERE b.chain = $1 AND b.token = $2 AND b.holder = d.h RETURNING b.holder)
            INSERT INTO onchain_balances (chain, token, holder, balance)
            SELECT $1, $2, h, v FROM d WHERE h NOT IN (SELECT holder FROM upd)""")
        .execute(Tuple.tuple().addString(token.chain()).addString(token.address()).addArrayOfString(holders)
            .addArrayOfString(amounts))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23514".equals(pg.getSqlState())
            ? new IntegrityException("a holder's balance would go negative by block " + block
                + ": Transfer logs are missing from what the provider answered")
            : e))
        .mapEmpty();
  }

  private static Future<Void> insertBlocks(SqlConnection conn, TokenRef token, List<BlockRef> blocks) {
    if (blocks.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = blocks.size();
    Long[] numbers = new Long[n];
    String[] hashes = new String[n];
    String[] parents = new String[n];
    Long[] times = new Long[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = blocks.get(i).number();
      hashes[i] = blocks.get(i).hash();
      parents[i] = blocks.get(i).parentHash();
      times[i] = blocks.get(i).timestamp();
    }
    return conn.preparedQuery("""
            INSERT INTO onchain_blocks (chain, token, number, hash, parent_hash, time)
            SELECT $1, $2, n, h, p, to_timestamp(t) FROM unnest($3::bigint[], $4::text[], $5::text[], $6::bigint[]) AS u(n, h, p, t)
            ON CONFLICT (chain, token, number) DO UPDATE
              SET hash = excluded.hash, parent_hash = excluded.parent_hash, time = excluded.time""")
        .execute(Tuple.tuple().addString(token.chain()).addString(token.address()).addArrayOfLong(numbers)
            .addArrayOfString(hashes).addArrayOfString(parents).addArrayOfLong(times))
        .mapEmpty();
  }


  /** Records the token's configured whale threshold (base units; null: 1 % of the supply) for the API. */
  public io.vertx.core.Future<Void> whaleThreshold(TokenRef token, BigInteger threshold) {
    return pool.preparedQuery("UPDATE onchain_checkpoints SET whale_threshold = $3::text::numeric WHERE chain = $1 AND token = $2")
        .execute(Tuple.of(token.chain(), token.address(), threshold == null ? null : threshold.toString()))
        .mapEmpty();
  }
}
