package io.rwaprime.ingestion.source;

/**
 * Told when a streaming source sees a jump in a provider's per-symbol sequence numbers, i.e. messages that
 * the provider sent and the source never received. Called on the source's context; must not block.
 */
@FunctionalInterface
public interface GapListener {

  /** Ignores every gap (they are still counted in {@link SourceStats#gaps()}). */
  GapListener NONE = (source, symbol, expected, got) -> { };

  /**
   * One gap.
   *
   * @param source   the source's name
   * @param symbol   the mesh symbol whose sequence jumped
   * @param expected the sequence number that should have come next
   * @param got      the sequence number that came instead ({@code got > expected}); {@code got - expected}
   *                 messages are missing
   */
  void onGap(String source, String symbol, long expected, long got);
}
