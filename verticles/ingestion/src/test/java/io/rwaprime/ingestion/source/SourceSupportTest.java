package io.rwaprime.ingestion.source;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces the connectors share: mapping, epoch normalization, Retry-After, backoff, exact JSON, env references. */
class SourceSupportTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void normalizesEpochNumbersAndPassesTextThrough() {
    assertThat(PriceMapping.epochToIso(1764000000)).isEqualTo("2025-11-24T16:00:00Z");
    assertThat(PriceMapping.epochToIso(new BigDecimal("1764000000.25"))).isEqualTo("2025-11-24T16:00:00.250Z");
    assertThat(PriceMapping.epochToIso(1764000000123L)).as("at or above 1e12: milliseconds").isEqualTo("2025-11-24T16:00:00.123Z");
    assertThat(PriceMapping.epochToIso(999_999_999_999L)).as("below 1e12: seconds").startsWith("+33658-");
    assertThat(PriceMapping.epochToIso(new BigDecimal("1e30"))).as("not an instant: passed on").isEqualTo("1E+30");

    PriceMapping m = new PriceMapping(new FieldMapping(Optional.empty(), "/p", Optional.empty(), Optional.of("/t"),
        Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), Map.of());
    JsonObject payload = m.map(JsonTree.parse("{\"p\":1,\"t\":\"20261123\"}"), "X", NOW).payload();
    assertThat(payload.getString("ts")).as("a text of digits could be a compact date: left alone").isEqualTo("20261123");
  }

  @Test
  void resolvesEscapedPointersAndKeepsExactDecimals() {
    PriceMapping m = new PriceMapping(new FieldMapping(Optional.of("/res~1ult"), "/a~0b", Optional.of("/v"),
        Optional.empty(), Optional.of("/n"), Optional.of("/s"), Optional.of("/c")), Optional.of("EUR"), Map.of("GLD-X", "GLD"));
    Object doc = JsonTree.parse("{\"res/ult\":[{\"a~b\":0.100000000000000000001,\"v\":1e-7,\"n\":\"42\",\"s\":\"GLD-X\"},"
        + "{\"a~b\":\"7\",\"c\":\"USD\"},{\"other\":true}]}");
    List<Object> elements = m.elements(doc);
    assertThat(elements).hasSize(3);
    assertThat(elements.stream().filter(m::hasPrice)).hasSize(2);

    PriceMapping.Mapped first = m.map(elements.get(0), m.symbolOf(elements.get(0), null), NOW);
    assertThat(first.symbol()).isEqualTo("GLD");
    assertThat(first.payload().getString("price")).isEqualTo("0.100000000000000000001");
    assertThat(first.payload().getString("volume")).isEqualTo("1E-7");
    assertThat(first.payload().getString("currency")).as("the configured constant").isEqualTo("EUR");
    assertThat(first.payload().getString("ts")).as("no ts pointer: the receive time").isEqualTo(NOW.toString());
    assertThat(first.seq()).hasValue(42);
    assertThat(first.idPart()).isEqualTo("42");

    PriceMapping.Mapped second = m.map(elements.get(1), m.symbolOf(elements.get(1), "FALLBACK"), NOW);
    assertThat(second.symbol()).isEqualTo("FALLBACK");
    assertThat(second.payload().getString("currency")).isEqualTo("USD");
    assertThat(second.idPart()).as("no sequence: a hash of symbol, ts and price").matches("h[0-9a-f]{32}")
        .isEqualTo(m.map(elements.get(1), "FALLBACK", NOW).idPart());
    assertThat(m.elements(JsonTree.parse("{\"event\":\"subscribed\"}"))).as("no items array").isNull();
  }

  @Test
  void rejectsMalformedJson() {
    assertThatThrownBy(() -> JsonTree.parse("{\"a\":1} trailing")).isInstanceOf(JsonTree.MalformedJsonException.class);
    assertThatThrownBy(() -> JsonTree.parse("{\"a\":")).isInstanceOf(JsonTree.MalformedJsonException.class);
    assertThatThrownBy(() -> JsonTree.parse("")).isInstanceOf(JsonTree.MalformedJsonException.class);
  }

  @Test
  void readsRetryAfterSecondsAndHttpDate() {
    assertThat(RetryAfter.millis("120", NOW)).isEqualTo(120_000);
    assertThat(RetryAfter.millis("Mon, 23 Nov 2026 12:00:30 GMT", NOW)).isEqualTo(30_000);
    assertThat(RetryAfter.millis("Mon, 23 Nov 2026 11:00:00 GMT", NOW)).as("in the past").isZero();
    assertThat(RetryAfter.millis("99999999999", NOW)).isEqualTo(RetryAfter.MAX_MILLIS);
    assertThat(RetryAfter.millis("soon", NOW)).isEqualTo(-1);
    assertThat(RetryAfter.millis(null, NOW)).isEqualTo(-1);
  }

  @Test
  void backoffCeilingDoublesUpToMaxAndJitterStaysBelowIt() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(List.of(1, 2, 3, 4, 5, 60).stream().map(b::ceilingMillis)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    assertThat(b.delayMillis(3, 0.5)).isEqualTo(200);
    assertThat(b.delayMillis(3, 0.0)).isEqualTo(1);
    assertThat(b.delayMillis(3, 0.9999)).isLessThanOrEqualTo(400);
  }

  @Test
  void sequenceTrackerReportsJumpsNotDuplicatesAndAcceptsARestartAfterReconnect() {
    SequenceTracker t = new SequenceTracker();
    assertThat(t.next("A", 10)).isNull();
    assertThat(t.next("A", 11)).isNull();
    assertThat(t.next("A", 14)).isEqualTo(new SequenceTracker.Gap(12, 14));
    assertThat(t.next("A", 13)).as("late").isNull();
    assertThat(t.next("A", 15)).as("the expectation stayed at 15").isNull();
    assertThat(t.next("B", 1)).as("symbols are independent").isNull();
    t.connected();
    assertThat(t.next("A", 1)).as("numbering restarted on the new connection").isNull();
    assertThat(t.next("A", 2)).isNull();
    t.connected();
    assertThat(t.next("B", 5)).as("messages missed while disconnected").isEqualTo(new SequenceTracker.Gap(2, 5));
  }

  @Test
  void resolvesEnvironmentReferences() {
    assertThat(EnvTemplate.resolve("Bearer ${TOKEN}", Map.of("TOKEN", "t$1\\x")::get, "h")).isEqualTo("Bearer t$1\\x");
    assertThatThrownBy(() -> EnvTemplate.resolve("${MISSING}", n -> null, "source s: header H"))
        .hasMessage("source s: header H: environment variable MISSING is not set");
    assertThat(EnvTemplate.names("a ${X} b ${Y_2}")).containsExactly("X", "Y_2");
  }
}
