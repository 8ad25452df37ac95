package io.rwaprime.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Argument checks shared by the records' compact constructors. Every failure is an
 * {@link IllegalArgumentException} whose message starts with the field name; offending values are
 * echoed only in shortened form, because they may be untrusted input of any size.
 */
final class Checks {

  /** Longest echo of an offending value in a message. */
  private static final int SHOW_MAX = 64;

  private Checks() {}

  static <T> T nonNull(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  static String nonBlank(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /**
   * An instrument symbol: {@code [A-Z0-9][A-Z0-9._-]{0,31}}. Checked by hand rather than by regex
   * because it runs for every tick decoded on the hot path.
   */
  static String symbol(String value, String field) {
    nonNull(value, field);
    int n = value.length();
    boolean ok = n >= 1 && n <= 32 && isUpperAlnum(value.charAt(0));
    for (int i = 1; ok && i < n; i++) {
      char c = value.charAt(i);
      ok = isUpperAlnum(c) || c == '.' || c == '_' || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException(field + " must match [A-Z0-9][A-Z0-9._-]{0,31}, was " + show(value));
    }
    return value;
  }

  /** An ISO-4217-shaped currency code: three upper-case ASCII letters. */
  static String currency(String value, String field) {
    nonNull(value, field);
    boolean ok = value.length() == 3;
    for (int i = 0; ok && i < 3; i++) {
      char c = value.charAt(i);
      ok = c >= 'A' && c <= 'Z';
    }
    if (!ok) {
      throw new IllegalArgumentException(field + " must be three upper-case letters [A-Z]{3}, was " + show(value));
    }
    return value;
  }

  /**
   * A {@code 0x}-prefixed hex string of exactly {@code digits} digits in any case (EIP-55 addresses are mixed case),
   * returned in lower case so that the same hash or address always compares equal.
   */
  static String hex(String value, int digits, String field) {
    nonNull(value, field);
    boolean ok = value.length() == digits + 2 && value.startsWith("0x");
    for (int i = 2; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (!ok) {
      throw new IllegalArgumentException(field + " must be 0x and " + digits + " hex digits, was " + show(value));
    }
    return value.toLowerCase(Locale.ROOT);
  }

  static BigDecimal positive(BigDecimal value, String field) {
    nonNull(value, field);
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, was " + show(value));
    }
    return value;
  }

  static BigDecimal nonNegative(BigDecimal value, String field) {
    nonNull(value, field);
    return nonNegativeOrNull(value, field);
  }

  static BigDecimal nonNegativeOrNull(BigDecimal value, String field) {
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + show(value));
    }
    return value;
  }

  static Long nonNegativeOrNull(Long value, String field) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
    return value;
  }

  static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
    return value;
  }

  static int atLeast(int value, int min, String field) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
    }
    return value;
  }

  static int between(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number, was " + value);
    }
    return value;
  }

  static Duration nonNegative(Duration value, String field) {
    nonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  static Duration positiveOrNull(Duration value, String field) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(field + " must be positive when present, was " + value);
    }
    return value;
  }

  /** An immutable copy of {@code values}, rejecting a null list or null elements by name. */
  static <T> List<T> list(List<T> values, String field) {
    nonNull(values, field);
    elementsNonNull(values, field);
    return List.copyOf(values);
  }

  /** An immutable copy of {@code values}, rejecting a null set or null elements by name. */
  static <T> Set<T> set(Set<T> values, String field) {
    nonNull(values, field);
    elementsNonNull(values, field);
    return Set.copyOf(values);
  }

  private static void elementsNonNull(Collection<?> values, String field) {
    int i = 0;
    for (Object v : values) {
      if (v == null) {
        throw new IllegalArgumentException(field + "[" + i + "] must not be null");
      }
      i++;
    }
  }

  /** A shortened, single-line echo of an untrusted value for error messages. */
  static String show(Object value) {
    String s = String.valueOf(value);
    if (s.length() > SHOW_MAX) {
      s = s.substring(0, SHOW_MAX) + "…(" + s.length() + " chars)";
    }
    return '\'' + s.replace('\n', ' ').replace('\r', ' ') + '\'';
  }

  private static boolean isUpperAlnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
