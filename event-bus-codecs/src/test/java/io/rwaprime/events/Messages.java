package io.rwaprime.events;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.function.Function;

/** Type-directed access to {@code toJson}/{@code fromJson} of every message record, for generic tests. */
public final class Messages {

  private static final Map<Class<?>, Function<JsonObject, ?>> READERS = Map.ofEntries(
      Map.entry(RawRecord.class, RawRecord::fromJson),
      Map.entry(Tick.class, Tick::fromJson),
      Map.entry(Bar.class, Bar::fromJson),
      Map.entry(OnchainMetric.class, OnchainMetric::fromJson),
      Map.entry(OnchainEvent.class, OnchainEvent::fromJson),
      Map.entry(MacroPoint.class, MacroPoint::fromJson),
      Map.entry(NewsItem.class, NewsItem::fromJson),
      Map.entry(Forecast.class, Forecast::fromJson),
      Map.entry(RiskScore.class, RiskScore::fromJson),
      Map.entry(AlertRule.class, AlertRule::fromJson),
      Map.entry(AlertEvent.class, AlertEvent::fromJson),
      Map.entry(DeadLetter.class, DeadLetter::fromJson),
      Map.entry(ForecastStep.class, ForecastStep::fromJson),
      Map.entry(RiskDriver.class, RiskDriver::fromJson));

  private Messages() {}

  public static JsonObject toJson(Object message) {
    return switch (message) {
      case RawRecord m -> m.toJson();
      case Tick m -> m.toJson();
      case Bar m -> m.toJson();
      case OnchainMetric m -> m.toJson();
      case OnchainEvent m -> m.toJson();
      case MacroPoint m -> m.toJson();
      case NewsItem m -> m.toJson();
      case Forecast m -> m.toJson();
      case RiskScore m -> m.toJson();
      case AlertRule m -> m.toJson();
      case AlertEvent m -> m.toJson();
      case DeadLetter m -> m.toJson();
      case ForecastStep m -> m.toJson();
      case RiskDriver m -> m.toJson();
      default -> throw new IllegalArgumentException("not a message: " + message.getClass());
    };
  }

  public static Object fromJson(Class<?> type, JsonObject json) {
    Function<JsonObject, ?> reader = READERS.get(type);
    if (reader == null) {
      throw new IllegalArgumentException("not a message type: " + type);
    }
    return reader.apply(json);
  }
}
