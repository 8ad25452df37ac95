package io.rwaprime.common.assets;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tokenized real-world asset of the catalogue: what it is, who issues it, where its token lives and how
 * the simulator moves it. Immutable; every field is checked here so that a bad catalogue entry fails at start-up
 * with the field named, never later in a verticle.
 *
 * @param symbol      the mesh-wide key, upper case ({@code [A-Z0-9][A-Z0-9._-]{0,31}})
 * @param name        full product name
 * @param assetClass  the kind of asset
 * @param issuer      the issuing firm (and tokenization agent where it matters)
 * @param chain       primary network, lower case (e.g. {@code ethereum}, {@code stellar})
 * @param contracts   token contract (or mint / issuer account) per network; EVM addresses are stored lower case.
 *                    Only publicly verified addresses: an unknown one is left out, never guessed
 * @param currency    ISO 4217 code of prices and NAV
 * @param nav         last published NAV per token, or {@code null} when none is published
 * @param yieldApy    current yield as a fraction (0.0375 = 3.75 %), or {@code null}
 * @param underlying  free-form facts about the underlying (instrument, custodian, jurisdiction…): text, lists
 *                    and maps only
 * @param documents   public https pages of the issuer about the product
 * @param simulation  how the market simulator moves it
 */
public record Asset(String symbol, String name, AssetClass assetClass, String issuer, String chain,
                    Map<String, String> contracts, String currency, BigDecimal nav, BigDecimal yieldApy,
                    Map<String, Object> underlying, List<String> documents, SimulationProfile simulation) {

  /** Allowed symbols: upper-case letters, digits, '.', '_' and '-', 1 to 32 characters. */
  public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");
  private static final Pattern CHAIN = Pattern.compile("[a-z][a-z0-9-]{1,31}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern BASE58_KEY = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");
  private static final Pattern STELLAR_ACCOUNT = Pattern.compile("G[A-Z2-7]{55}");
  private static final Pattern OPAQUE_ADDRESS = Pattern.compile("[!-~]{1,128}");
  /** Networks whose token addresses are 20-byte hex (EIP-55 case is dropped: comparisons are on lower case). */
  public static final Set<String> EVM_CHAINS = Set.of("ethereum", "polygon", "arbitrum", "optimism", "base",
      "avalanche", "gnosis", "bsc", "mantle", "plume", "ink", "zksync", "linea", "scroll", "celo");

  public Asset {
    require(symbol != null && SYMBOL.matcher(symbol).matches(),
        "symbol", "must match " + SYMBOL.pattern() + " (was " + quote(symbol) + ")");
    name = requireText("name", name, 255);
    require(assetClass != null, "asset_class", "required");
    issuer = requireText("issuer", issuer, 255);
    require(chain != null && CHAIN.matcher(chain).matches(),
        "chain", "must be a lower-case network name like 'ethereum' (was " + quote(chain) + ")");
    contracts = contracts(contracts);
    require(currency != null && CURRENCY.matcher(currency).matches(),
        "currency", "must be an ISO 4217 code like 'USD' (was " + quote(currency) + ")");
    require(nav == null || nav.signum() > 0, "nav", "must be > 0 when given (was " + plain(nav) + ")");
    require(yieldApy == null || (yieldApy.compareTo(BigDecimal.ONE.negate()) > 0 && yieldApy.compareTo(BigDecimal.ONE) <= 0),
        "yield_apy", "must be a fraction in (-1, 1], e.g. 0.0425 for 4.25 % (was " + plain(yieldApy) + ")");
    underlying = freeze("underlying", underlying == null ? Map.of() : underlying);
    documents = documents(documents);
    require(simulation != null, "simulation", "required");
    checkSimulation(assetClass, simulation);
  }

  /** The token address on the primary chain, if known. */
  public Optional<String> primaryContract() {
    return Optional.ofNullable(contracts.get(chain));
  }

  private static void checkSimulation(AssetClass assetClass, SimulationProfile sim) {
    boolean repricing = assetClass == AssetClass.REAL_ESTATE || assetClass == AssetClass.PRIVATE_CREDIT;
    if (repricing) {
      require(sim.repricingPerYear() > 0, "simulation.repricing_per_year",
          "required (> 0) for " + assetClass.label() + " (was " + sim.repricingPerYear() + ")");
      require(sim.repricingSize() > 0, "simulation.repricing_size",
          "required (> 0) for " + assetClass.label() + " (was " + sim.repricingSize() + ")");
    } else {
      require(sim.repricingPerYear() == 0 && sim.repricingSize() == 0, "simulation.repricing_per_year",
          "only real_estate and private_credit reprice by jumps; leave repricing_* out for " + assetClass.label());
    }
    require(!sim.stableNav() || assetClass == AssetClass.TOKENIZED_TREASURY, "simulation.stable_nav",
        "only tokenized_treasury tokens can have a stable NAV");
    require(sim.tracks() == null || assetClass == AssetClass.COMMODITY || assetClass == AssetClass.TOKENIZED_EQUITY,
        "simulation.tracks", "only commodity and tokenized_equity prices follow a shared reference");
  }

  private static Map<String, String> contracts(Map<String, String> contracts) {
    if (contracts == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    contracts.forEach((network, address) -> {
      require(network != null && CHAIN.matcher(network).matches(),
          "contracts", "network must be a lower-case name like 'ethereum' (was " + quote(network) + ")");
      String field = "contracts." + network;
      require(address != null, field, "address required");
      String a = address.strip();
      if (EVM_CHAINS.contains(network)) {
        require(EVM_ADDRESS.matcher(a).matches(), field, "must be 0x followed by 40 hex digits (was " + quote(a) + ")");
        a = a.toLowerCase(Locale.ROOT);
      } else if (network.equals("solana")) {
        require(BASE58_KEY.matcher(a).matches(), field, "must be a base58 mint address (was " + quote(a) + ")");
      } else if (network.equals("stellar")) {
        require(STELLAR_ACCOUNT.matcher(a).matches(), field, "must be a G… account id (was " + quote(a) + ")");
      } else {
        require(OPAQUE_ADDRESS.matcher(a).matches(), field, "must be printable ASCII without spaces (was " + quote(a) + ")");
      }
      out.put(network, a);
    });
    return Collections.unmodifiableMap(out);
  }

  private static List<String> documents(List<String> documents) {
    if (documents == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      String url = documents.get(i);
      String field = "documents[" + i + "]";
      require(url != null, field, "url required");
      try {
        URI uri = new URI(url);
        require("https".equals(uri.getScheme()) && uri.getHost() != null, field, "must be an https URL (was " + quote(url) + ")");
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(field + ": not a URL (" + e.getMessage() + ")");
      }
      out.add(url);
    }
    return List.copyOf(out);
  }

  /** A deep unmodifiable copy that keeps the key order; only text, numbers, booleans, lists and maps. */
  private static Map<String, Object> freeze(String field, Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      require(k != null && !k.isBlank(), field, "keys must be non-blank");
      out.put(k, freezeValue(field + "." + k, v));
    });
    return Collections.unmodifiableMap(out);
  }

  private static Object freezeValue(String field, Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> typed = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        require(k instanceof String, field, "keys must be text");
        typed.put((String) k, x);
      });
      return freeze(field, typed);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        out.add(freezeValue(field + "[" + i + "]", l.get(i)));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(field + ": unsupported value type " + v.getClass().getSimpleName());
  }

  private static String requireText(String field, String value, int max) {
    require(value != null && !value.isBlank(), field, "required");
    String v = value.strip();
    require(v.length() <= max, field, "longer than " + max + " characters");
    return v;
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  private static String plain(BigDecimal d) {
    return d == null ? "null" : d.toPlainString();
  }
}
