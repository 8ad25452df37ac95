package io.rwaprime.risk;

import io.rwaprime.risk.score.CreditRating;
import io.rwaprime.risk.score.Qualitative.AdminControl;
import io.rwaprime.risk.score.Qualitative.ChainExposure;
import io.rwaprime.risk.score.Qualitative.Jurisdiction;
import io.rwaprime.risk.score.Qualitative.Kyc;
import io.rwaprime.risk.score.Qualitative.LegalStructure;
import io.rwaprime.risk.score.Qualitative.OracleDependence;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The static risk inputs of every assessed asset, read from the packaged {@code rwa/risk-profiles.yaml}
 * (source {@code config/risk-profiles.yaml}). Unknown fields and values are refused with the symbol and field
 * named, so a typo cannot silently turn into an imputed input.
 */
public final class RiskProfiles {

  /** Class-path location of the packaged profiles. */
  public static final String RESOURCE = "rwa/risk-profiles.yaml";

  private static final Set<String> FIELDS = Set.of("issuer_rating", "underlying_rating", "collateral_ratio",
      "attestation_days", "jurisdiction", "legal_structure", "kyc", "licences", "audits", "oracle", "admin_keys",
      "chain_exposure");

  private final Map<String, StaticProfile> bySymbol;

  private RiskProfiles(Map<String, StaticProfile> bySymbol) {
    this.bySymbol = Map.copyOf(bySymbol);
  }

  /** Reads the packaged profiles. */
  public static RiskProfiles load() {
    ClassLoader loader = RiskProfiles.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Parses profile YAML; {@code origin} names the source in error messages. */
  static RiskProfiles parse(Reader yaml, String origin) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("profiles") instanceof Map<?, ?> profiles) || top.size() != 1) {
      throw new IllegalArgumentException(origin + ": expected a mapping with only a 'profiles' mapping at the top");
    }
    Map<String, StaticProfile> out = new TreeMap<>();
    profiles.forEach((symbol, entry) -> {
      String where = origin + ": " + symbol + ": ";
      if (!(entry instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(where + "expected a mapping of fields");
      }
      try {
        out.put(String.valueOf(symbol), profile(m));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    });
    return new RiskProfiles(out);
  }

  /** The profile of {@code symbol}, or {@link StaticProfile#UNASSESSED}. */
  public StaticProfile of(String symbol) {
    return bySymbol.getOrDefault(symbol, StaticProfile.UNASSESSED);
  }

  /** Whether {@code symbol} has a profile. */
  public boolean has(String symbol) {
    return bySymbol.containsKey(symbol);
  }

  /** The assessed symbols. */
  public Set<String> symbols() {
    return bySymbol.keySet();
  }

  private static StaticProfile profile(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!FIELDS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException("unknown field '" + k + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
      }
    }
    return new StaticProfile(
        rating(m, "issuer_rating"), rating(m, "underlying_rating"),
        number(m, "collateral_ratio"), number(m, "attestation_days"),
        choice(m, "jurisdiction", Jurisdiction.class), choice(m, "legal_structure", LegalStructure.class),
        choice(m, "kyc", Kyc.class), count(m, "licences"), count(m, "audits"),
        choice(m, "oracle", OracleDependence.class), choice(m, "admin_keys", AdminControl.class),
        choice(m, "chain_exposure", ChainExposure.class));
  }

  private static CreditRating rating(Map<?, ?> m, String field) {
    Object v = m.get(field);
    try {
      return v == null ? null : CreditRating.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  private static Double number(Map<?, ?> m, String field) {
    Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
      throw new IllegalArgumentException(field + ": expected a number ≥ 0, got '" + v + "'");
    }
    return n.doubleValue();
  }

  private static Integer count(Map<?, ?> m, String field) {
    Object v = m.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer n) || n < 0) {
      throw new IllegalArgumentException(field + ": expected a whole number ≥ 0, got '" + v + "'");
    }
    return n;
  }

  private static <E extends Enum<E>> E choice(Map<?, ?> m, String field, Class<E> type) {
    Object v = m.get(field);
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, String.valueOf(v).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder known = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        known.append(known.isEmpty() ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException(field + ": unknown value '" + v + "' (known: " + known + ")", e);
    }
  }
}
