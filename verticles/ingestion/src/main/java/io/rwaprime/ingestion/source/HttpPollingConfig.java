package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration of an {@link HttpPollingSource} ({@code type: http-poll}). In YAML:
 * <pre>{@code
 * - type: http-poll
 *   name: goldapi                       # [a-z0-9][a-z0-9._-]{0,63}; the records' source
 *   url: https://api.example.com/v1/ticker/{symbol}?since={from}
 *   symbols: [PAXG, XAUT]               # or a map of provider symbol to mesh symbol: {PAXGUSDT: PAXG}
 *   interval: PT5S                      # between the end of one poll of a symbol and the next; 10 ms .. 1 day
 *   headers: {X-Api-Key: "${GOLDAPI_KEY}"}   # ${NAME}: from the environment at start, never logged
 *   mapping: {items: /data, price: /last, volume: /vol, ts: /time, seq: /id}   # see FieldMapping
 *   currency: USD                       # optional; when the mapping has no currency pointer
 *   from-format: iso                    # iso | epoch-seconds | epoch-millis, the form of {from}
 *   backoff-base: PT1S                  # see Backoff
 *   backoff-max: PT5M
 *   max-body-bytes: 1048576             # 1 KiB .. 64 MiB; a larger answer is refused
 *   request-timeout: PT10S              # no byte for this long fails the request; 100 ms .. 5 min
 * }</pre>
 *
 * @param name           the source name
 * @param url            URL template: {@code {symbol}} (required) is replaced by the URL-encoded provider symbol,
 *                       {@code {from}} by the start of the previous successful poll of that symbol (the first
 *                       time: one interval before now) in {@code fromFormat}; {@code ${NAME}} by an environment
 *                       variable
 * @param symbols        provider symbol → mesh symbol, in polling order
 * @param interval       pause between polls of one symbol
 * @param mapping        where the fields are in the answer
 * @param headers        request headers; values may reference {@code ${NAME}}
 * @param currency       the currency when the mapping gives none
 * @param fromFormat     how {@code {from}} is written
 * @param backoff        waits after failures
 * @param maxBodyBytes   largest answer accepted
 * @param requestTimeout idle timeout of a request
 */
public record HttpPollingConfig(String name, String url, Map<String, String> symbols, Duration interval,
                                FieldMapping mapping, Map<String, String> headers, Optional<String> currency,
                                TimeFormat fromFormat, Backoff backoff, int maxBodyBytes, Duration requestTimeout)
    implements SourceConfig {

  /** Default {@code interval}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  /** Default {@code backoff-base} and {@code backoff-max}. */
  public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  /** Default {@code max-body-bytes}: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Default {@code request-timeout}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([^}]*)}");
  private static final Set<String> KEYS = Set.of("type", "name", "url", "symbols", "interval", "headers", "mapping",
      "currency", "from-format", "backoff-base", "backoff-max", "max-body-bytes", "request-timeout");

  /** How {@code {from}} is written into the URL. */
  public enum TimeFormat {
    /** ISO-8601 UTC, e.g. {@code 2026-11-23T11:59:59.500Z} (URL-encoded). */
    ISO,
    /** Whole seconds since the epoch. */
    EPOCH_SECONDS,
    /** Milliseconds since the epoch. */
    EPOCH_MILLIS;

    /** The configuration label: the name in lower case with '-' for '_'. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static TimeFormat fromLabel(String label, String keyPath) {
      for (TimeFormat f : values()) {
        if (f.label().equals(label)) {
          return f;
        }
      }
      throw new IllegalArgumentException(keyPath + ": must be one of iso, epoch-seconds, epoch-millis, was '" + label + "'");
    }
  }

  /** Validates every component; messages start with the configuration key. */
  public HttpPollingConfig {
    SourceConfigs.checkName(name);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("url: is required");
    }
    Matcher m = PLACEHOLDER.matcher(url);
    boolean hasSymbol = false;
    while (m.find()) {
      switch (m.group(1)) {
        case "symbol" -> hasSymbol = true;
        case "from" -> { }
        default -> throw new IllegalArgumentException("url: unknown placeholder {" + m.group(1)
            + "} (known: {symbol}, {from}, ${ENV_NAME})");
      }
    }
    if (!hasSymbol) {
      throw new IllegalArgumentException("url: must contain the {symbol} placeholder");
    }
    SourceConfigs.checkUrl("url", url, List.of("http", "https"));
    symbols = SourceConfigs.checkSymbols(symbols);
    SourceConfigs.checkDuration("interval", interval, Duration.ofMillis(10), Duration.ofDays(1));
    if (mapping == null) {
      throw new IllegalArgumentException("mapping: is required");
    }
    headers = SourceConfigs.checkHeaders(headers);
    currency = currency == null ? Optional.empty() : currency;
    if (fromFormat == null) {
      throw new IllegalArgumentException("from-format: is required");
    }
    if (backoff == null) {
      throw new IllegalArgumentException("backoff-base: is required");
    }
    SourceConfigs.checkRange("max-body-bytes", maxBodyBytes, 1024, 64L * 1024 * 1024);
    SourceConfigs.checkDuration("request-timeout", requestTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
  }

  @Override
  public String type() {
    return SourceConfigs.HTTP_POLL;
  }

  /**
   * Reads one {@code type: http-poll} entry.
   *
   * @param keyPath where it sits, e.g. {@code ingestion.sources[0]}
   * @throws IllegalArgumentException starting with the key path of the offending value
   */
  public static HttpPollingConfig fromJson(JsonObject json, String keyPath) {
    SourceConfigs.Reader r = new SourceConfigs.Reader(json, keyPath, KEYS);
    String name = r.string("name");
    String url = r.string("url");
    Map<String, String> symbols = r.symbols("symbols");
    Duration interval = r.duration("interval", DEFAULT_INTERVAL);
    FieldMapping mapping = FieldMapping.fromJson(r.object("mapping"), r.path("mapping"));
    Map<String, String> headers = r.stringMap("headers");
    Optional<String> currency = r.optString("currency");
    TimeFormat from = TimeFormat.fromLabel(r.string("from-format", "iso"), r.path("from-format"));
    Backoff backoff = r.backoff(DEFAULT_BACKOFF);
    int maxBody = r.integer("max-body-bytes", DEFAULT_MAX_BODY_BYTES);
    Duration timeout = r.duration("request-timeout", DEFAULT_REQUEST_TIMEOUT);
    return SourceConfigs.build(keyPath, () -> new HttpPollingConfig(name, url, symbols, interval, mapping, headers,
        currency, from, backoff, maxBody, timeout));
  }
}
