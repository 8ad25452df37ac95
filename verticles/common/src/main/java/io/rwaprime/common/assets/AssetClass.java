package io.rwaprime.common.assets;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of tokenized real-world asset the mesh knows. The label is the form used in
 * {@code assets.yaml}, in the {@code assets.asset_class} column and in JSON.
 */
public enum AssetClass {
  /** Tokenized treasury bills and government money-market funds (BUIDL, BENJI, OUSG, USDY…). */
  TOKENIZED_TREASURY("tokenized_treasury"),
  /** On-chain private-credit pools and tokenized credit funds (Maple, Centrifuge, Goldfinch…). */
  PRIVATE_CREDIT("private_credit"),
  /** Fractional property tokens (RealT, Aspen Digital…). */
  REAL_ESTATE("real_estate"),
  /** Physically backed commodity tokens, mostly gold (PAXG, XAUT, KAU). */
  COMMODITY("commodity"),
  /** Tracker certificates on listed equities and ETFs (Backed bCSPX, xStocks). */
  TOKENIZED_EQUITY("tokenized_equity");

  private final String label;

  AssetClass(String label) {
    this.label = label;
  }

  /** The stable external name, e.g. {@code tokenized_treasury}. */
  public String label() {
    return label;
  }

  /**
   * The class with this label.
   *
   * @throws IllegalArgumentException naming the allowed labels when there is none
   */
  public static AssetClass fromLabel(String label) {
    for (AssetClass c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown asset class '" + label + "' (expected one of "
        + Arrays.stream(values()).map(AssetClass::label).collect(Collectors.joining(", ")) + ")");
  }

  @Override
  public String toString() {
    return label;
  }
}
