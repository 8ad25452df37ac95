package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One live on-chain event of a token, as the on-chain scanner sees it: a mint, a burn, a whale transfer, or the
 * retraction of an earlier provisional event. An event is identified by {@code (chain, txHash, logIndex)}; a
 * retraction carries the identity and amount of the provisional event it withdraws.
 *
 * <p>Travels on {@link Addresses#ONCHAIN_EVENTS} (onchain → fanout, alerts). JSON Schema:
 * {@code schemas/onchain-event.schema.json}. Amounts are in token units, not base units. Transaction hashes and
 * wallet addresses are accepted in any case (EIP-55 checksummed addresses are mixed case) and kept in lower case, so
 * that equal identities compare equal.
 *
 * @param symbol       instrument symbol, {@code [A-Z0-9][A-Z0-9._-]{0,31}}
 * @param chain        chain name, e.g. {@code ethereum}; non-blank
 * @param tokenAddress token contract address on that chain; non-blank
 * @param kind         what happened
 * @param txHash       the transaction, {@code 0x} and 64 hex digits; kept in lower case
 * @param blockNumber  the block holding the transaction; &gt;= 0
 * @param logIndex     the position of the event's log in that block; &gt;= 0
 * @param time         the block time
 * @param from         sender, {@code 0x} and 40 hex digits (the zero address for a mint); kept in lower case
 * @param to           recipient, {@code 0x} and 40 hex digits (the zero address for a burn); kept in lower case
 * @param amount       amount moved, in token units; &gt;= 0
 * @param provisional  true while the block is above the chain's finality point, so a reorg may still remove it
 */
public record OnchainEvent(String symbol, String chain, String tokenAddress, Kind kind, String txHash,
                           long blockNumber, int logIndex, Instant time, String from, String to, BigDecimal amount,
                           boolean provisional) {

  private static final Set<String> FIELDS = Set.of("symbol", "chain", "token_address", "kind", "tx_hash",
      "block_number", "log_index", "time", "from", "to", "amount", "provisional");

  /** What an {@link OnchainEvent} reports. In JSON a kind is its lower-case name ({@code "mint"}). */
  public enum Kind {
    /** Tokens created (a transfer from the zero address). */
    MINT,
    /** Tokens destroyed (a transfer to the zero address). */
    BURN,
    /** A transfer at or above the token's whale threshold. */
    WHALE,
    /** A provisional event published earlier that a reorg removed; same identity and amount as that event. */
    RETRACTED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The JSON form: the lower-case name. */
    public String label() {
      return label;
    }

    /**
     * The kind whose {@link #label()} is {@code label}.
     *
     * @throws IllegalArgumentException naming the valid labels when none matches
     */
    public static Kind fromLabel(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown on-chain event kind " + Checks.show(label) + " (valid: "
          + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")) + ")");
    }
  }

  /** Validates every component and lower-cases the hash and the wallet addresses; see the parameter descriptions. */
  public OnchainEvent {
    Checks.symbol(symbol, "symbol");
    Checks.nonBlank(chain, "chain");
    Checks.nonBlank(tokenAddress, "tokenAddress");
    Checks.nonNull(kind, "kind");
    txHash = Checks.hex(txHash, 64, "txHash");
    Checks.nonNegative(blockNumber, "blockNumber");
    Checks.atLeast(logIndex, 0, "logIndex");
    Checks.nonNull(time, "time");
    from = Checks.hex(from, 40, "from");
    to = Checks.hex(to, 40, "to");
    Checks.nonNegative(amount, "amount");
  }

  /** The JSON form described by {@code onchain-event.schema.json}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("symbol", symbol)
        .put("chain", chain)
        .put("token_address", tokenAddress)
        .put("kind", kind.label())
        .put("tx_hash", txHash)
        .put("block_number", blockNumber)
        .put("log_index", logIndex);
    JsonFields.putInstant(json, "time", time);
    json.put("from", from).put("to", to);
    JsonFields.putDecimal(json, "amount", amount);
    return json.put("provisional", provisional);
  }

  /**
   * Reads the JSON form; hashes and addresses may be in any case.
   *
   * @throws IllegalArgumentException on a missing, ill-typed or unknown field, or an invalid value
   */
  public static OnchainEvent fromJson(JsonObject json) {
    JsonFields in = JsonFields.open(json, "OnchainEvent", FIELDS);
    return new OnchainEvent(in.string("symbol"), in.string("chain"), in.string("token_address"),
        Kind.fromLabel(in.string("kind")), in.string("tx_hash"), in.longValue("block_number"), in.intValue("log_index"),
        in.instant("time"), in.string("from"), in.string("to"), in.decimal("amount"), in.bool("provisional"));
  }
}
