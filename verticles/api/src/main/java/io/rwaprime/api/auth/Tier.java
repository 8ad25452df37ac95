package io.rwaprime.api.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Subscription tiers of seed 000, in increasing order of what they unlock. {@code admin} is the operator's
 * tier: it passes every tier gate and the admin endpoints.
 */
public enum Tier {
  EXPLORER, PROFESSIONAL, ENTERPRISE, ADMIN;

  /** The name stored in {@code users.tier} and carried in tokens. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Tier other) {
    return compareTo(other) >= 0;
  }

  public static Optional<Tier> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Tier t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
