package io.rwaprime.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of a {@link RawRecord}: which raw address and Kafka topic it travels on and which
 * cleansing parser reads its payload. In JSON a kind is its lower-case name ({@code "price"}).
 */
public enum RecordKind {
  /** A price/volume observation of one instrument (becomes a {@link Tick}). */
  PRICE,
  /** An on-chain reading of a token (becomes an {@link OnchainMetric}). */
  ONCHAIN,
  /** A macro-economic series observation (becomes a {@link MacroPoint}). */
  MACRO,
  /** A news article or post (becomes a {@link NewsItem}). */
  NEWS;

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
  public static RecordKind fromLabel(String label) {
    for (RecordKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown record kind " + Checks.show(label) + " (valid: "
        + Arrays.stream(values()).map(RecordKind::label).collect(Collectors.joining(", ")) + ")");
  }
}
