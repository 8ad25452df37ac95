package io.rwaprime.events;

/**
 * Every event-bus address of the mesh, in one place. Each entry says its payload and who produces
 * and consumes it. Inside one JVM a payload travels by reference; across the clustered bus it uses
 * the binary codec registered by {@link Codecs#registerAll}. Use the constants and helpers here,
 * never string literals.
 */
public final class Addresses {

  /** Payload {@link RawRecord} of kind {@code PRICE}; ingestion → cleansing, Kafka bridge ({@link Topics#PRICE_DATA_RAW}). */
  public static final String RAW_PRICE = "rwa.raw.price";
  /** Payload {@link RawRecord} of kind {@code ONCHAIN}; ingestion → cleansing, Kafka bridge ({@link Topics#ONCHAIN_DATA_RAW}). */
  public static final String RAW_ONCHAIN = "rwa.raw.onchain";
  /** Payload {@link RawRecord} of kind {@code MACRO}; ingestion → cleansing, Kafka bridge ({@link Topics#ECONOMIC_DATA_RAW}). */
  public static final String RAW_MACRO = "rwa.raw.macro";
  /** Payload {@link RawRecord} of kind {@code NEWS}; ingestion → cleansing, Kafka bridge ({@link Topics#NEWS_SENTIMENT_RAW}). */
  public static final String RAW_NEWS = "rwa.raw.news";

  /**
   * Payload {@link Tick}, every cleaned tick of every symbol; cleansing → alerts, storage, Kafka
   * bridge ({@link Topics#TICKS_CLEAN}).
   */
  public static final String TICKS = "rwa.ticks";
  /** Prefix of the per-symbol tick addresses; see {@link #ticks(String)}. */
  public static final String TICKS_PREFIX = TICKS + ".";
  /** Prefix of the per-interval bar addresses; see {@link #bars(BarInterval)}. */
  public static final String BARS_PREFIX = "rwa.bars.";

  /** Payload {@link Forecast}; forecasting → api cache, fanout, alerts, Kafka bridge ({@link Topics#PREDICTIONS}). */
  public static final String FORECASTS = "rwa.forecasts";

  /**
   * Request-reply: fit one asset now. Request {@code {"symbol": "PAXG"}} (JSON object); reply
   * {@code {"symbol", "bars", "forecasts": [...]}}, each forecast as the API's prediction body. Failures:
   * 400 {@code invalid-request}, 404 {@code asset-not-found}, 422 {@code insufficient-data}, 500 {@code fit-failed}.
   * api, analysts → forecasting.
   */
  public static final String FORECASTS_REQUEST = "rwa.forecasts.request";
  /** Payload {@link RiskScore}; risk → fanout, alerts, storage, Kafka bridge ({@link Topics#RISK_SCORES}). */
  public static final String RISK = "rwa.risk";
  /**
   * Payload a {@code JsonObject} {@code {symbol, from, to, from_score, to_score, change, threshold_points,
   * window}}: a composite risk score that moved by at least the configured points within the configured window
   * (reported once per move); risk → fanout, alerts. Not a typed record yet: no consumer outside the JVM reads it.
   */
  public static final String RISK_FAST_MOVES = "rwa.risk.fast-moves";
  /**
   * Request–reply, body a {@code JsonObject} {@code {"holdings": {"<symbol>": <value>, …}}}; api → risk. The reply
   * is a {@code JsonObject} with the portfolio's parametric VaR (95/99 %, 1 and 10 days), each holding's component
   * VaR and the Ledoit–Wolf covariance; failures {@code 400 invalid-request}, {@code 422 insufficient-history} or
   * {@code flat-history}, {@code 503 dependency-unavailable}, {@code 500 internal-error}.
   */
  public static final String RISK_PORTFOLIO = "rwa.risk.portfolio";

  /** Prefix of the per-user alert addresses; see {@link #alertsForUser(String)}. */
  public static final String ALERTS_USER_PREFIX = "rwa.alerts.user.";
  /**
   * Prefix of the per-user portfolio addresses {@code rwa.portfolio.user.<userId>}: payload a {@code JsonObject}
   * with that user's portfolio update; api → fanout (that user's sessions only).
   */
  public static final String PORTFOLIO_USER_PREFIX = "rwa.portfolio.user.";
  /** Payload {@link AlertRule}; api → alerts, whenever a rule is created, changed or deactivated. */
  public static final String ALERT_RULES = "rwa.alerts.rules";

  /**
   * The features of an asset after each closed bar, payload a {@code JsonObject} as stored in {@code asset_features}
   * ({@code symbol}, {@code as_of}, {@code nav_premium}, {@code yield_apy}, {@code realized_vol_*}, …); cleansing →
   * alerts. Bars rebuilt after a restart do not publish them again.
   */
  public static final String FEATURES = "rwa.features";

  /**
   * Payload {@link AlertEvent}: every firing of every user, once, as it is delivered in-app; alerts → Kafka bridge
   * ({@link Topics#ALERTS_TRIGGERED}). Private data: never bridged to browsers.
   */
  public static final String ALERTS_TRIGGERED = "rwa.alerts.triggered";

  /** Payload {@link OnchainMetric}; cleansing → risk, storage, fanout. */
  public static final String ONCHAIN = "rwa.onchain";
  /**
   * Payload {@link OnchainEvent}: each mint, burn and whale transfer of a scanned token as it is seen (provisional
   * until its block is final) and the retraction of a provisional one that a reorg removed; onchain → fanout
   * (browsers), alerts.
   */
  public static final String ONCHAIN_EVENTS = "rwa.onchain.events";
  /**
   * Request–reply about one user's wallet on one chain (wallet sync), request and reply bodies {@code JsonObject}s;
   * api → onchain. It carries user data, so it is never bridged to browsers or TCP clients.
   */
  public static final String ONCHAIN_WALLET = "rwa.onchain.wallet";
  /** Payload {@link MacroPoint}; cleansing → forecasting, risk, storage. */
  public static final String MACRO = "rwa.macro";
  /** Payload {@link NewsItem}; cleansing → risk, fanout, storage. */
  public static final String NEWS = "rwa.news";
  /**
   * Payload a {@code JsonObject} describing one feed's state (name, status, last message time);
   * ingestion → api health, fanout. Not a typed record yet: it never crosses a language boundary.
   */
  public static final String FEED_STATUS = "rwa.feeds.status";
  /**
   * Header set on raw records that the ingestion role replays from its bronze archive after a restart (the tail
   * archived but perhaps not stored before a crash); the cleansing role drops their duplicates silently.
   */
  public static final String RECOVERY_HEADER = "rwa-recovery";
  /**
   * Control requests to the cleansing role, body a {@code String}: {@code "checkpoint"} answers
   * {@code {source: newest receipt time stored}}; {@code "recovered"} ends the recovery window after a restart; {@code "sync"} answers once every raw
   * record sent before it has been handled (back-pressure for bulk loads); {@code "drain"} also closes every
   * open bar and answers once ticks, bars and features are stored. Used by the backfill and replay commands.
   */
  public static final String CLEANSING_CONTROL = "rwa.cleansing.control";
  /** Payload {@link DeadLetter}; any stage → storage, Kafka bridge ({@link Topics#DEAD_LETTER}). */
  public static final String DEAD_LETTER = "rwa.dead-letter";
  /**
   * An access token revoked by logout, published so that every api instance of the mesh refuses it at once;
   * payload a {@code JsonObject} {@code {jti, exp}} (exp in epoch seconds); api → api.
   */
  public static final String AUTH_REVOKED = "rwa.auth.revoked";

  private Addresses() {}

  /**
   * Payload {@link Tick} of one symbol: {@code rwa.ticks.<symbol>}; cleansing → fanout (browser
   * subscriptions to one instrument), alerts.
   *
   * @throws IllegalArgumentException when {@code symbol} is not a valid symbol
   */
  public static String ticks(String symbol) {
    return TICKS_PREFIX + Checks.symbol(symbol, "symbol");
  }

  /**
   * Payload closed {@link Bar}s of one interval: {@code rwa.bars.<label>}, e.g. {@code rwa.bars.1m};
   * cleansing → forecasting, risk, storage, fanout, Kafka bridge ({@link Topics#bars(BarInterval)}).
   */
  public static String bars(BarInterval interval) {
    return BARS_PREFIX + Checks.nonNull(interval, "interval").label();
  }

  /**
   * Payload {@link AlertEvent} for one user: {@code rwa.alerts.user.<userId>}; alerts → fanout
   * (that user's sessions only), notifications, Kafka bridge ({@link Topics#ALERTS_TRIGGERED}).
   *
   * @throws IllegalArgumentException when {@code userId} is blank or holds whitespace
   */
  public static String alertsForUser(String userId) {
    Checks.nonBlank(userId, "userId");
    if (userId.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("userId must not contain whitespace, was " + Checks.show(userId));
    }
    return ALERTS_USER_PREFIX + userId;
  }

  /** The raw address of a record kind: {@link #RAW_PRICE}, {@link #RAW_ONCHAIN}, {@link #RAW_MACRO} or {@link #RAW_NEWS}. */
  public static String rawAddress(RecordKind kind) {
    return switch (Checks.nonNull(kind, "kind")) {
      case PRICE -> RAW_PRICE;
      case ONCHAIN -> RAW_ONCHAIN;
      case MACRO -> RAW_MACRO;
      case NEWS -> RAW_NEWS;
    };
  }
}
