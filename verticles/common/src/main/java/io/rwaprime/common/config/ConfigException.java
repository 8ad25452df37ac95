package io.rwaprime.common.config;

/**
 * A configuration value that cannot be used. Names the key (its dotted path, e.g. {@code http.port}) and
 * the problem, so that a process refusing to start says exactly what to fix.
 */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    super("invalid configuration [" + key + "]: " + problem);
    this.key = key;
  }

  /** The dotted path of the offending key. */
  public String key() {
    return key;
  }
}
