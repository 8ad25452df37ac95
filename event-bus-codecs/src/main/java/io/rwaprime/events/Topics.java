package io.rwaprime.events;

/**
 * Every Kafka topic of the mesh, in one place: the durable, replayable mirror of the event bus,
 * open to non-JVM consumers. Records are JSON matching the schemas under {@code schemas/}
 * (see {@link JsonSchemas}), keyed by symbol where they have one. The Kafka bridge verticle
 * produces every topic from the address named in each entry.
 */
public final class Topics {

  /** {@link RawRecord}s of kind {@code PRICE} from {@link Addresses#RAW_PRICE}; bridge → cleansing (durable path), archive. */
  public static final String PRICE_DATA_RAW = "price-data-raw";
  /** {@link RawRecord}s of kind {@code ONCHAIN} from {@link Addresses#RAW_ONCHAIN}; bridge → cleansing (durable path), archive. */
  public static final String ONCHAIN_DATA_RAW = "onchain-data-raw";
  /** {@link RawRecord}s of kind {@code MACRO} from {@link Addresses#RAW_MACRO}; bridge → cleansing (durable path), archive. */
  public static final String ECONOMIC_DATA_RAW = "economic-data-raw";
  /** {@link RawRecord}s of kind {@code NEWS} from {@link Addresses#RAW_NEWS}; bridge → cleansing (durable path), archive. */
  public static final String NEWS_SENTIMENT_RAW = "news-sentiment-raw";
  /** {@link Tick}s from {@link Addresses#TICKS}; bridge → gold writer, alert evaluation, external consumers. */
  public static final String TICKS_CLEAN = "ticks-clean";
  /** Prefix of the bar topics; see {@link #bars(BarInterval)}. */
  public static final String BARS_PREFIX = "bars-";
  /** {@link Forecast}s from {@link Addresses#FORECASTS}; bridge → gold writer, external consumers. */
  public static final String PREDICTIONS = "predictions";
  /** {@link RiskScore}s from {@link Addresses#RISK}; bridge → gold writer, external consumers. */
  public static final String RISK_SCORES = "risk-scores";
  /** {@link AlertEvent}s from every {@link Addresses#alertsForUser(String)}; bridge → notifications, alert history. */
  public static final String ALERTS_TRIGGERED = "alerts-triggered";
  /** {@link OnchainMetric}s from {@link Addresses#ONCHAIN}; bridge → external consumers (key = symbol). */
  public static final String ONCHAIN_METRICS = "onchain-metrics";
  /** {@link OnchainEvent}s (mints, burns, whales, retractions) from {@link Addresses#ONCHAIN_EVENTS}; bridge → external consumers. */
  public static final String ONCHAIN_EVENTS = "onchain-events";
  /** {@link DeadLetter}s from {@link Addresses#DEAD_LETTER}; bridge → storage, operators. */
  public static final String DEAD_LETTER = "dead-letter";

  private Topics() {}

  /**
   * {@link Bar}s of one interval from {@link Addresses#bars(BarInterval)}: {@code bars-<label>},
   * e.g. {@code bars-1h}; bridge → gold writer, forecasting (durable path), external consumers.
   */
  public static String bars(BarInterval interval) {
    return BARS_PREFIX + Checks.nonNull(interval, "interval").label();
  }

  /** The raw topic of a record kind, e.g. {@link #PRICE_DATA_RAW} for {@code PRICE}. */
  public static String rawTopic(RecordKind kind) {
    return switch (Checks.nonNull(kind, "kind")) {
      case PRICE -> PRICE_DATA_RAW;
      case ONCHAIN -> ONCHAIN_DATA_RAW;
      case MACRO -> ECONOMIC_DATA_RAW;
      case NEWS -> NEWS_SENTIMENT_RAW;
    };
  }
}
