package io.rwaprime.common.assets;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of tokenized assets the mesh tracks, read from {@code assets.yaml} (packaged by the
 * {@code config} module as the class-path resource {@value #RESOURCE}).
 *
 * <p>The file is parsed with every scalar kept as text (only {@code null}/{@code ~} are special), so a
 * contract address such as {@code 0x7712…} never turns into a number, {@code NO} never into a boolean, and a NAV
 * such as {@code 1.00} keeps its exact decimal value. Unknown fields are refused, so that a misspelt key is an
 * error rather than a silently ignored value. Every error names the file, the entry and the field.
 */
public final class AssetCatalogue {

  /** Class-path location of the packaged catalogue. */
  public static final String RESOURCE = "rwa/assets.yaml";

  private static final Set<String> TOP_FIELDS = Set.of("assets");
  private static final Set<String> ASSET_FIELDS = Set.of("symbol", "name", "asset_class", "issuer", "chain",
      "contracts", "currency", "nav", "yield_apy", "underlying", "documents", "simulation");
  private static final Set<String> SIMULATION_FIELDS = Set.of("start_price", "annual_volatility", "daily_volume",
      "repricing_per_year", "repricing_size", "price_decimals", "stable_nav", "tracks");

  private final List<Asset> assets;
  private final Map<String, Asset> bySymbol;

  private AssetCatalogue(List<Asset> assets) {
    Map<String, Asset> index = new LinkedHashMap<>();
    for (Asset a : assets) {
      if (index.putIfAbsent(a.symbol(), a) != null) {
        throw new IllegalArgumentException("duplicate symbol " + a.symbol());
      }
    }
    this.assets = List.copyOf(assets);
    this.bySymbol = Collections.unmodifiableMap(index);
  }

  /** A catalogue of the given assets (tests, tools). */
  public static AssetCatalogue of(List<Asset> assets) {
    return new AssetCatalogue(assets);
  }

  /**
   * The packaged catalogue.
   *
   * @throws IllegalStateException when the resource is missing
   * @throws IllegalArgumentException naming the entry and field when an entry is invalid
   */
  public static AssetCatalogue load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = AssetCatalogue.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("asset catalogue " + RESOURCE + " is not on the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read asset catalogue " + RESOURCE, e);
    }
  }

  /** The catalogue in a file (an operator's replacement for the packaged one). */
  public static AssetCatalogue load(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read asset catalogue " + file, e);
    }
  }

  /** Parses catalogue YAML; {@code origin} names the source in error messages. */
  static AssetCatalogue parse(Reader yaml, String origin) {
    Object root;
    try {
      root = textOnlyYaml().load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException(origin + ": expected a mapping with an 'assets' list at the top");
    }
    checkKeys(top, TOP_FIELDS, origin + ": ");
    if (!(top.get("assets") instanceof List<?> entries) || entries.isEmpty()) {
      throw new IllegalArgumentException(origin + ": 'assets' must be a non-empty list");
    }
    List<Asset> assets = new ArrayList<>(entries.size());
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      String where = origin + ": asset #" + (i + 1) + describe(entry) + ": ";
      Asset asset;
      try {
        asset = toAsset(entry);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      Integer first = seen.putIfAbsent(asset.symbol(), i + 1);
      if (first != null) {
        throw new IllegalArgumentException(where + "symbol: duplicate of asset #" + first);
      }
      assets.add(asset);
    }
    return new AssetCatalogue(assets);
  }

  /** Every asset, in file order. */
  public List<Asset> assets() {
    return assets;
  }

  /** The asset with this symbol (exact, upper case). */
  public Optional<Asset> find(String symbol) {
    return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbol));
  }

  /** How many assets. */
  public int size() {
    return assets.size();
  }

  private static Asset toAsset(Object entry) {
    if (!(entry instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("expected a mapping of fields");
    }
    checkKeys(m, ASSET_FIELDS, "");
    AssetClass assetClass;
    try {
      assetClass = AssetClass.fromLabel(text(m, "asset_class", true));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("asset_class: " + e.getMessage(), e);
    }
    return new Asset(
        text(m, "symbol", true),
        text(m, "name", true),
        assetClass,
        text(m, "issuer", true),
        text(m, "chain", true),
        stringMap(m, "contracts"),
        Optional.ofNullable(text(m, "currency", false)).orElse("USD"),
        decimal(m, "nav", false, ""),
        decimal(m, "yield_apy", false, ""),
        map(m, "underlying"),
        stringList(m, "documents"),
        simulation(m, assetClass));
  }

  private static SimulationProfile simulation(Map<?, ?> asset, AssetClass assetClass) {
    Object raw = asset.get("simulation");
    if (!(raw instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("simulation: required mapping (start_price, annual_volatility, daily_volume…)");
    }
    checkKeys(m, SIMULATION_FIELDS, "simulation.");
    String p = "simulation.";
    BigDecimal start = decimal(m, "start_price", true, p);
    String decimals = text(m, "price_decimals", false);
    int priceDecimals;
    if (decimals == null) {
      priceDecimals = Math.max(SimulationProfile.defaultPriceDecimals(assetClass, start),
          Math.max(0, start.stripTrailingZeros().scale()));
    } else {
      try {
        priceDecimals = Integer.parseInt(decimals);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(p + "price_decimals: not an integer (was '" + decimals + "')");
      }
    }
    return new SimulationProfile(start,
        dbl(m, "annual_volatility", true, p),
        dbl(m, "daily_volume", true, p),
        dbl(m, "repricing_per_year", false, p),
        dbl(m, "repricing_size", false, p),
        priceDecimals,
        bool(m, "stable_nav", p),
        text(m, "tracks", false));
  }

  private static void checkKeys(Map<?, ?> m, Set<String> allowed, String prefix) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String s) || !allowed.contains(s)) {
        throw new IllegalArgumentException(prefix + k + ": unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String text(Map<?, ?> m, String key, boolean required) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException(key + ": required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected a single value, not a " + kind(v));
    }
    return s;
  }

  private static BigDecimal decimal(Map<?, ?> m, String key, boolean required, String prefix) {
    String s = text(m, key, required);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + key + ": not a decimal number (was '" + s + "')");
    }
  }

  private static double dbl(Map<?, ?> m, String key, boolean required, String prefix) {
    BigDecimal d = decimal(m, key, required, prefix);
    return d == null ? 0 : d.doubleValue();
  }

  private static boolean bool(Map<?, ?> m, String key, String prefix) {
    String s = text(m, key, false);
    if (s == null) {
      return false;
    }
    return switch (s) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(prefix + key + ": must be true or false (was '" + s + "')");
    };
  }

  private static Map<String, String> stringMap(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(key + ": expected a mapping, not a " + kind(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, x) -> {
      if (!(x instanceof String s)) {
        throw new IllegalArgumentException(key + "." + k + ": expected a single value, not a " + kind(x));
      }
      out.put(String.valueOf(k), s);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(key + ": expected a mapping, not a " + kind(v));
    }
    return (Map<String, Object>) v;
  }

  private static List<String> stringList(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> raw)) {
      throw new IllegalArgumentException(key + ": expected a list, not a " + kind(v));
    }
    List<String> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.get(i) instanceof String s)) {
        throw new IllegalArgumentException(key + "[" + i + "]: expected a single value, not a " + kind(raw.get(i)));
      }
      out.add(s);
    }
    return out;
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    return v instanceof Map ? "mapping" : v instanceof List ? "list" : "value";
  }

  private static String describe(Object entry) {
    return entry instanceof Map<?, ?> m && m.get("symbol") instanceof String s ? " (" + s + ")" : "";
  }

  /** SnakeYAML with safe construction, no duplicate keys, and every scalar except null left as text. */
  private static Yaml textOnlyYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new TextResolver());
  }

  /** Resolves only {@code null}, {@code ~} and empty scalars; everything else stays a string. */
  private static final class TextResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  }
}
