package io.rwaprime.events;

import io.rwaprime.events.codec.RecordCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CodecsTest {

  @Test
  void listsOneCodecPerMessageWithStableNames() {
    List<RecordCodec<?>> all = Codecs.all();
    assertThat(all).extracting(MessageCodec::name).containsExactly("rwa.raw-record", "rwa.tick", "rwa.bar",
        "rwa.onchain-metric", "rwa.onchain-event", "rwa.macro-point", "rwa.news-item", "rwa.forecast", "rwa.risk-score",
        "rwa.alert-rule", "rwa.alert-event", "rwa.dead-letter");
    assertThat(all.stream().<Class<?>>map(RecordCodec::type).toList())
        .containsExactlyInAnyOrderElementsOf(JsonSchemas.messageTypes());
    assertThat(all).allSatisfy(c -> assertThat(c.systemCodecID()).isEqualTo((byte) -1));
    assertThat(Codecs.codec(Tick.class).name()).isEqualTo("rwa.tick");
  }

  @Test
  @DisplayName("registerAll may run twice on one Vertx, and a local Tick arrives as the very same instance")
  void registersIdempotentlyAndDeliversLocalTicksByReference(Vertx vertx, VertxTestContext ctx) {
    Codecs.registerAll(vertx);
    assertThatCode(() -> Codecs.registerAll(vertx)).doesNotThrowAnyException();
    Tick tick = Samples.tick();
    vertx.eventBus().<Tick>consumer(Addresses.ticks(tick.symbol()), msg -> ctx.verify(() -> {
      assertThat(msg.body()).isSameAs(tick);
      ctx.completeNow();
    })).completion().onComplete(ctx.succeeding(v -> vertx.eventBus().send(Addresses.ticks(tick.symbol()), tick)));
  }

  @Test
  void sendsEveryMessageTypeWithoutDeliveryOptions(Vertx vertx, VertxTestContext ctx) {
    Codecs.registerAll(vertx);
    List<Object> messages = Samples.full();
    Checkpoint received = ctx.checkpoint(messages.size());
    vertx.eventBus().consumer("test.any", msg -> ctx.verify(() -> {
      assertThat(messages).anySatisfy(m -> assertThat(msg.body()).isSameAs(m));
      received.flag();
    })).completion().onComplete(ctx.succeeding(v -> messages.forEach(m -> vertx.eventBus().publish("test.any", m))));
  }

  @Test
  void registersOnEachVertxInstance(VertxTestContext ctx) {
    Vertx other = Vertx.vertx();
    Codecs.registerAll(other);
    Tick tick = Samples.tick();
    other.eventBus().<Tick>consumer(Addresses.TICKS, msg -> ctx.verify(() -> {
      assertThat(msg.body()).isSameAs(tick);
      other.close().onComplete(ctx.succeedingThenComplete());
    })).completion().onComplete(ctx.succeeding(v -> other.eventBus().publish(Addresses.TICKS, tick)));
  }
}
