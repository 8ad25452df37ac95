package io.rwaprime.events;

import io.rwaprime.events.codec.AlertEventCodec;
import io.rwaprime.events.codec.AlertRuleCodec;
import io.rwaprime.events.codec.BarCodec;
import io.rwaprime.events.codec.DeadLetterCodec;
import io.rwaprime.events.codec.ForecastCodec;
import io.rwaprime.events.codec.MacroPointCodec;
import io.rwaprime.events.codec.NewsItemCodec;
import io.rwaprime.events.codec.OnchainEventCodec;
import io.rwaprime.events.codec.OnchainMetricCodec;
import io.rwaprime.events.codec.RawRecordCodec;
import io.rwaprime.events.codec.RecordCodec;
import io.rwaprime.events.codec.RiskScoreCodec;
import io.rwaprime.events.codec.TickCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Registers the message codecs on an event bus. Call {@link #registerAll(Vertx)} once per
 * {@code Vertx} at start-up, before deploying verticles (never from a verticle's {@code start()},
 * which runs once per instance). Each codec becomes the default codec of its record class, so
 * senders need no {@code DeliveryOptions}: {@code eventBus().publish(Addresses.TICKS, tick)}.
 */
public final class Codecs {

  private static final List<RecordCodec<?>> ALL = List.of(
      new RawRecordCodec(),
      new TickCodec(),
      new BarCodec(),
      new OnchainMetricCodec(),
      new OnchainEventCodec(),
      new MacroPointCodec(),
      new NewsItemCodec(),
      new ForecastCodec(),
      new RiskScoreCodec(),
      new AlertRuleCodec(),
      new AlertEventCodec(),
      new DeadLetterCodec());

  /** Vert.x instances already done, held weakly so that a closed instance can be collected. */
  private static final Set<Vertx> REGISTERED = Collections.newSetFromMap(new WeakHashMap<>());

  private Codecs() {}

  /** Every codec, one per message record. */
  public static List<RecordCodec<?>> all() {
    return ALL;
  }

  /**
   * The codec of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} is not a message record with a codec
   */
  @SuppressWarnings("unchecked")
  public static <T> RecordCodec<T> codec(Class<T> type) {
    for (RecordCodec<?> c : ALL) {
      if (c.type() == type) {
        return (RecordCodec<T>) c;
      }
    }
    throw new IllegalArgumentException("no codec for " + type.getName());
  }

  /**
   * Registers every codec as the default codec of its record class on {@code vertx}'s event bus.
   * Calling it again for the same {@code Vertx} does nothing, so a test or a launcher that cannot
   * tell whether it ran already may call it safely.
   *
   * @throws IllegalStateException when another codec already claims one of the record classes or
   *                               codec names on this event bus
   */
  public static void registerAll(Vertx vertx) {
    synchronized (REGISTERED) {
      if (REGISTERED.contains(vertx)) {
        return;
      }
      EventBus bus = vertx.eventBus();
      for (RecordCodec<?> codec : ALL) {
        register(bus, codec);
      }
      REGISTERED.add(vertx);
    }
  }

  private static <T> void register(EventBus bus, RecordCodec<T> codec) {
    try {
      bus.registerDefaultCodec(codec.type(), codec);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot register codec " + codec.name() + " for " + codec.type().getSimpleName()
          + ": the event bus already has a codec of that name or a default codec for that class (" + e.getMessage() + ")", e);
    }
  }
}
