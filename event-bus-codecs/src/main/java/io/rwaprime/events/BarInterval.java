package io.rwaprime.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The length of a {@link Bar}. Buckets are aligned to the UTC epoch, so a {@code 1d} bar opens at
 * 00:00Z and every member of the mesh cuts the same buckets. In JSON, addresses and topic names an
 * interval is its {@link #label()}.
 */
public enum BarInterval {
  /** One minute. */
  M1("1m", Duration.ofMinutes(1)),
  /** Five minutes. */
  M5("5m", Duration.ofMinutes(5)),
  /** One hour. */
  H1("1h", Duration.ofHours(1)),
  /** One UTC day. */
  D1("1d", Duration.ofDays(1));

  private final String label;
  private final Duration duration;
  private final long seconds;

  BarInterval(String label, Duration duration) {
    this.label = label;
    this.duration = duration;
    this.seconds = duration.toSeconds();
  }

  /** The short form used in JSON, addresses and topics: {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}. */
  public String label() {
    return label;
  }

  /** The length of one bucket. */
  public Duration duration() {
    return duration;
  }

  /**
   * The interval whose {@link #label()} is {@code label}.
   *
   * @throws IllegalArgumentException listing the valid labels when none matches
   */
  public static BarInterval fromLabel(String label) {
    for (BarInterval i : values()) {
      if (i.label.equals(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown bar interval " + Checks.show(label) + " (valid: "
        + Arrays.stream(values()).map(BarInterval::label).collect(Collectors.joining(", ")) + ")");
  }

  /** The start of the UTC-aligned bucket holding {@code t}; instants before 1970 floor downwards too. */
  public Instant floor(Instant t) {
    Checks.nonNull(t, "t");
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
  }
}
