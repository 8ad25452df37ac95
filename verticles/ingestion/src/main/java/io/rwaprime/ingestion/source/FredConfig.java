package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configuration of a {@link FredSource} ({@code type: fred}). In YAML:
 * <pre>{@code
 * - type: fred
 *   name: fred                          # default fred; the records' source and the payload's "source"
 *   base-url: https://api.stlouisfed.org/fred   # the default
 *   series: [DFF, DTB3, CPIAUCSL]
 *   api-key: "${FRED_API_KEY}"          # the default; ${NAME} is read from the environment at start
 *   interval: PT1H                      # between polls of one series; 10 ms .. 7 days
 *   lookback: P30D                      # the first poll asks for observations from today minus this
 *   backoff-base: PT5S
 *   backoff-max: PT30M
 *   max-body-bytes: 8388608             # 1 KiB .. 64 MiB
 *   request-timeout: PT30S
 * }</pre>
 *
 * @param name           the source name
 * @param baseUrl        the API root, to which {@code /series/observations} is appended
 * @param series         FRED series ids, e.g. {@code DFF} (effective fed funds rate), {@code DTB3} (3-month T-bill),
 *                       {@code CPIAUCSL} (CPI)
 * @param apiKey         the API key, normally a {@code ${NAME}} reference; never logged
 * @param interval       pause between polls of one series
 * @param lookback       how far back the first poll of a series reaches
 * @param backoff        waits after failures
 * @param maxBodyBytes   largest answer accepted
 * @param requestTimeout idle timeout of a request
 */
public record FredConfig(String name, String baseUrl, List<String> series, String apiKey, Duration interval,
                         Duration lookback, Backoff backoff, int maxBodyBytes, Duration requestTimeout)
    implements SourceConfig {

  /** Default {@code name}. */
  public static final String DEFAULT_NAME = "fred";
  /** Default {@code base-url}: the FRED API. */
  public static final String DEFAULT_BASE_URL = "https://api.stlouisfed.org/fred";
  /** Default {@code api-key}: the environment variable {@code FRED_API_KEY}. */
  public static final String DEFAULT_API_KEY = "${FRED_API_KEY}";
  /** Default {@code interval}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
  /** Default {@code lookback}. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);
  /** Default {@code backoff-base} and {@code backoff-max}. */
  public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(30));
  /** Default {@code max-body-bytes}: 8 MiB (a long daily series with a generous lookback). */
  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
  /** Default {@code request-timeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  static final Pattern SERIES = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> KEYS = Set.of("type", "name", "base-url", "series", "api-key", "interval",
      "lookback", "backoff-base", "backoff-max", "max-body-bytes", "request-timeout");

  /** Validates every component; messages start with the configuration key. */
  public FredConfig {
    SourceConfigs.checkName(name);
    SourceConfigs.checkUrl("base-url", baseUrl, List.of("http", "https"));
    if (baseUrl.contains("?") || baseUrl.contains("#")) {
      throw new IllegalArgumentException("base-url: must have no query or fragment");
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    if (series == null || series.isEmpty()) {
      throw new IllegalArgumentException("series: at least one series id is required");
    }
    for (String s : series) {
      if (s == null || !SERIES.matcher(s).matches()) {
        throw new IllegalArgumentException("series: " + SourceConfigs.show(s) + " is not a valid series id ("
            + SERIES.pattern() + ")");
      }
    }
    if (Set.copyOf(series).size() != series.size()) {
      throw new IllegalArgumentException("series: lists a series twice");
    }
    series = List.copyOf(series);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("api-key: is required (normally \"${FRED_API_KEY}\")");
    }
    EnvTemplate.check("api-key", apiKey);
    SourceConfigs.checkDuration("interval", interval, Duration.ofMillis(10), Duration.ofDays(7));
    SourceConfigs.checkDuration("lookback", lookback, Duration.ofDays(1), Duration.ofDays(36_600));
    if (backoff == null) {
      throw new IllegalArgumentException("backoff-base: is required");
    }
    SourceConfigs.checkRange("max-body-bytes", maxBodyBytes, 1024, 64L * 1024 * 1024);
    SourceConfigs.checkDuration("request-timeout", requestTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
  }

  /** The FRED API with the given series and every other component at its default. */
  public FredConfig(List<String> series) {
    this(DEFAULT_NAME, DEFAULT_BASE_URL, series, DEFAULT_API_KEY, DEFAULT_INTERVAL, DEFAULT_LOOKBACK, DEFAULT_BACKOFF,
        DEFAULT_MAX_BODY_BYTES, DEFAULT_REQUEST_TIMEOUT);
  }

  @Override
  public String type() {
    return SourceConfigs.FRED;
  }

  /**
   * Reads one {@code type: fred} entry.
   *
   * @param keyPath where it sits, e.g. {@code ingestion.sources[3]}
   * @throws IllegalArgumentException starting with the key path of the offending value
   */
  public static FredConfig fromJson(JsonObject json, String keyPath) {
    SourceConfigs.Reader r = new SourceConfigs.Reader(json, keyPath, KEYS);
    String name = r.string("name", DEFAULT_NAME);
    String baseUrl = r.string("base-url", DEFAULT_BASE_URL);
    List<String> series = r.strings("series");
    String apiKey = r.string("api-key", DEFAULT_API_KEY);
    Duration interval = r.duration("interval", DEFAULT_INTERVAL);
    Duration lookback = r.duration("lookback", DEFAULT_LOOKBACK);
    Backoff backoff = r.backoff(DEFAULT_BACKOFF);
    int maxBody = r.integer("max-body-bytes", DEFAULT_MAX_BODY_BYTES);
    Duration timeout = r.duration("request-timeout", DEFAULT_REQUEST_TIMEOUT);
    return SourceConfigs.build(keyPath, () -> new FredConfig(name, baseUrl, series, apiKey, interval, lookback,
        backoff, maxBody, timeout));
  }
}
