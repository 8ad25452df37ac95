package io.rwaprime.ingestion.onchain;

import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.ConfigException;
import io.rwaprime.web3.EvmAddress;
import io.rwaprime.web3.Finality;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code onchain.chains}, validated. Every problem is a {@link ConfigException} naming the entry and
 * field ({@code onchain.chains[0].tokens[1].address}), raised at start-up.
 *
 * @param name          chain name used in the mesh (lower case, e.g. {@code ethereum}); the catalogue's
 *                      {@code contracts} key for default token addresses
 * @param chainId       EIP-155 id every endpoint must report
 * @param rpc           HTTP(S) JSON-RPC URLs, failover order
 * @param ws            WebSocket URLs for {@code newHeads} (optional; polling otherwise)
 * @param finality      which blocks count as final
 * @param pollInterval  head polling (also the safety net under a WebSocket subscription)
 * @param timeout       per-request timeout
 * @param maxRange      first and largest {@code eth_getLogs} range, in blocks
 * @param tokens        the tokens to scan
 * @param exchanges     labelled exchange addresses (lower case → label) for inflow/outflow
 * @param pairs         Uniswap-V2-style pairs whose reserves give DEX liquidity
 */
public record ChainConfig(String name, long chainId, List<URI> rpc, List<URI> ws, Finality finality,
                          Duration pollInterval, Duration timeout, int maxRange, List<Token> tokens,
                          Map<String, String> exchanges, List<Pair> pairs) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /**
   * A scanned token.
   *
   * @param symbol         mesh symbol (must be in the asset catalogue)
   * @param address        contract, lower case
   * @param startBlock     first scanned block (0: from genesis, so the ledger is complete)
   * @param whaleThreshold transfers of at least this many token units are whale events; empty: 1 % of supply
   */
  public record Token(String symbol, String address, long startBlock, Optional<BigDecimal> whaleThreshold) {}

  /**
   * A DEX pair holding the token.
   *
   * @param symbol        the scanned token in the pair
   * @param address       pair contract, lower case
   * @param quoteUsd      USD value of one unit of the pair's other token (a stablecoin: 1)
   * @param quoteDecimals decimals of the other token
   */
  public record Pair(String symbol, String address, BigDecimal quoteUsd, int quoteDecimals) {}

  /** Parses and validates every entry. */
  public static List<ChainConfig> parse(List<JsonObject> entries, AssetCatalogue assets) {
    List<ChainConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ChainConfig c = parse(entries.get(i), "onchain.chains[" + i + "]", assets);
      if (!names.add(c.name())) {
        throw new ConfigException("onchain.chains[" + i + "].name", "two chains are named '" + c.name() + "'");
      }
      out.add(c);
    }
    return out;
  }

  private static ChainConfig parse(JsonObject e, String key, AssetCatalogue assets) {
    known(e, key, Set.of("name", "chain-id", "rpc", "ws", "finality", "confirmations", "poll-interval",
        "request-timeout", "max-range", "tokens", "exchanges", "dex-pairs"));
    String name = text(e, key, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(key + ".name", "must be lower case letters, digits and '-' (was '" + name + "')");
    }
    long chainId = number(e, key, "chain-id", 1, Long.MAX_VALUE, null);
    List<URI> rpc = urls(e, key, "rpc", List.of("http", "https"), true);
    List<URI> ws = urls(e, key, "ws", List.of("ws", "wss"), false);
    Finality finality;
    try {
      finality = Finality.parse(Optional.ofNullable(e.getValue("finality")).map(String::valueOf).orElse("finalized"),
          (int) number(e, key, "confirmations", 0, 10_000, 12L));
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(key + ".finality", ex.getMessage());
    }
    Duration poll = duration(e, key, "poll-interval", Duration.ofSeconds(4), Duration.ofMillis(50), Duration.ofHours(1));
    Duration timeout = duration(e, key, "request-timeout", Duration.ofSeconds(15), Duration.ofMillis(100),
        Duration.ofMinutes(5));
    int maxRange = (int) number(e, key, "max-range", 1, 1_000_000, 2_000L);
    List<Token> tokens = new ArrayList<>();
    JsonArray tokenList = array(e, key, "tokens");
    Set<String> symbols = new HashSet<>();
    for (int t = 0; t < tokenList.size(); t++) {
      String tk = key + ".tokens[" + t + "]";
      if (!(tokenList.getValue(t) instanceof JsonObject te)) {
        throw new ConfigException(tk, "must be an object with symbol, address, start-block, whale-threshold");
      }
      known(te, tk, Set.of("symbol", "address", "start-block", "whale-threshold"));
      String symbol = text(te, tk, "symbol").toUpperCase(Locale.ROOT);
      Asset asset = assets.find(symbol).orElseThrow(() ->
          new ConfigException(tk + ".symbol", "'" + symbol + "' is not in the asset catalogue"));
      if (!symbols.add(symbol)) {
        throw new ConfigException(tk + ".symbol", "'" + symbol + "' is listed twice on chain " + name);
      }
      String address = te.containsKey("address") ? String.valueOf(te.getValue("address"))
          : asset.contracts().get(name);
      if (address == null) {
        throw new ConfigException(tk + ".address", "no address given and the catalogue has no contract of "
            + symbol + " on " + name);
      }
      if (!EvmAddress.isValid(address)) {
        throw new ConfigException(tk + ".address", "must be 0x followed by 40 hex digits (was '" + address + "')");
      }
      Optional<BigDecimal> whale = te.containsKey("whale-threshold")
          ? Optional.of(decimal(te, tk, "whale-threshold")) : Optional.empty();
      tokens.add(new Token(symbol, EvmAddress.normalize(address, "address"),
          number(te, tk, "start-block", 0, Long.MAX_VALUE, 0L), whale));
    }
    if (tokens.isEmpty()) {
      throw new ConfigException(key + ".tokens", "list at least one token (symbol, address, start-block)");
    }
    Map<String, String> exchanges = new LinkedHashMap<>();
    Object ex = e.getValue("exchanges");
    if (ex != null) {
      if (!(ex instanceof JsonObject map)) {
        throw new ConfigException(key + ".exchanges", "must map addresses to labels");
      }
      for (String a : map.fieldNames()) {
        if (!EvmAddress.isValid(a)) {
          throw new ConfigException(key + ".exchanges", "'" + a + "' is not an address");
        }
        exchanges.put(EvmAddress.normalize(a, "exchange"), String.valueOf(map.getValue(a)));
      }
    }
    List<Pair> pairs = new ArrayList<>();
    JsonArray pairList = array(e, key, "dex-pairs");
    for (int p = 0; p < pairList.size(); p++) {
      String pk = key + ".dex-pairs[" + p + "]";
      if (!(pairList.getValue(p) instanceof JsonObject pe)) {
        throw new ConfigException(pk, "must be an object with symbol, address, quote-usd, quote-decimals");
      }
      known(pe, pk, Set.of("symbol", "address", "quote-usd", "quote-decimals"));
      String symbol = text(pe, pk, "symbol").toUpperCase(Locale.ROOT);
      if (!symbols.contains(symbol)) {
        throw new ConfigException(pk + ".symbol", "'" + symbol + "' is not a token of chain " + name);
      }
      String address = text(pe, pk, "address");
      if (!EvmAddress.isValid(address)) {
        throw new ConfigException(pk + ".address", "must be 0x followed by 40 hex digits (was '" + address + "')");
      }
      pairs.add(new Pair(symbol, EvmAddress.normalize(address, "pair"), decimal(pe, pk, "quote-usd"),
          (int) number(pe, pk, "quote-decimals", 0, 77, 18L)));
    }
    return new ChainConfig(name, chainId, rpc, ws, finality, poll, timeout, maxRange, tokens, exchanges, pairs);
  }

  private static void known(JsonObject e, String key, Set<String> fields) {
    for (String f : e.fieldNames()) {
      if (!fields.contains(f)) {
        throw new ConfigException(key + "." + f, "unknown field (known: " + new java.util.TreeSet<>(fields) + ")");
      }
    }
  }

  private static String text(JsonObject e, String key, String field) {
    Object v = e.getValue(field);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ConfigException(key + "." + field, "is required");
    }
    return String.valueOf(v).trim();
  }

  private static long number(JsonObject e, String key, String field, long min, long max, Long dflt) {
    Object v = e.getValue(field);
    if (v == null) {
      if (dflt == null) {
        throw new ConfigException(key + "." + field, "is required");
      }
      return dflt;
    }
    try {
      long n = new BigDecimal(String.valueOf(v).trim()).longValueExact();
      if (n < min || n > max) {
        throw new ConfigException(key + "." + field, "must be " + min + ".." + max + " (was " + n + ")");
      }
      return n;
    } catch (NumberFormatException | ArithmeticException ex) {
      throw new ConfigException(key + "." + field, "must be a whole number (was '" + v + "')");
    }
  }

  private static BigDecimal decimal(JsonObject e, String key, String field) {
    Object v = e.getValue(field);
    try {
      BigDecimal d = new BigDecimal(String.valueOf(v).trim());
      if (d.signum() < 0) {
        throw new ConfigException(key + "." + field, "must not be negative (was " + v + ")");
      }
      return d;
    } catch (NumberFormatException ex) {
      throw new ConfigException(key + "." + field, v == null ? "is required" : "must be a number (was '" + v + "')");
    }
  }

  private static Duration duration(JsonObject e, String key, String field, Duration dflt, Duration min, Duration max) {
    Object v = e.getValue(field);
    if (v == null) {
      return dflt;
    }
    try {
      Duration d = Duration.parse(String.valueOf(v).trim());
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new ConfigException(key + "." + field, "must be between " + min + " and " + max + " (was " + d + ")");
      }
      return d;
    } catch (DateTimeParseException ex) {
      throw new ConfigException(key + "." + field, "must be an ISO-8601 duration like PT4S (was '" + v + "')");
    }
  }

  private static JsonArray array(JsonObject e, String key, String field) {
    Object v = e.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw new ConfigException(key + "." + field, "must be a list");
    }
    return a;
  }

  private static List<URI> urls(JsonObject e, String key, String field, List<String> schemes, boolean required) {
    Object v = e.getValue(field);
    JsonArray list = v instanceof String s ? new JsonArray().add(s) : array(e, key, field);
    if (required && list.isEmpty()) {
      throw new ConfigException(key + "." + field, "list at least one " + schemes.get(0) + " URL");
    }
    List<URI> out = new ArrayList<>();
    for (Object o : list) {
      try {
        URI u = new URI(String.valueOf(o).trim());
        if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
          throw new ConfigException(key + "." + field, "'" + o + "' is not a " + String.join("/", schemes) + " URL");
        }
        out.add(u);
      } catch (java.net.URISyntaxException ex) {
        throw new ConfigException(key + "." + field, "'" + o + "' is not a URL");
      }
    }
    return List.copyOf(out);
  }
}
