package io.rwaprime.ingestion.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} references to environment variables in configured text (API keys in headers or URLs).
 * Resolved when a source starts, so that a secret lives only in the environment and in memory; a resolved
 * value is never logged.
 */
final class EnvTemplate {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvTemplate() {
  }

  /**
   * Checks the syntax of every {@code ${…}} in {@code text}.
   *
   * @throws IllegalArgumentException starting with {@code field} when a {@code ${} is not a valid reference
   */
  static void check(String field, String text) {
    String rest = REFERENCE.matcher(text).replaceAll("");
    if (rest.contains("${")) {
      throw new IllegalArgumentException(field + ": '${' must start an environment reference ${NAME} with NAME"
          + " made of letters, digits and '_'");
    }
  }

  /** The names referenced by {@code text}, in order. */
  static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * {@code text} with every reference replaced by the variable's value.
   *
   * @param what names the configured item in the error message, e.g. {@code source x: header X-Api-Key}
   * @throws IllegalArgumentException naming {@code what} and the variable when one is unset or empty
   */
  static String resolve(String text, Function<String, String> env, String what) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = env.apply(name);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(what + ": environment variable " + name + " is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
