package io.rwaprime.ingestion.news;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DailySentimentTest {

  @Test
  void averagesPerSymbolAndUtcDay() {
    DailySentiment daily = new DailySentiment();
    daily.add("a", Instant.parse("2025-06-03T23:59:59Z"), List.of("BUIDL", "PAXG"), 0.5);
    daily.add("b", Instant.parse("2025-06-03T01:00:00Z"), List.of("BUIDL"), -0.1);
    daily.add("c", Instant.parse("2025-06-04T00:00:00Z"), List.of("BUIDL", "BUIDL"), -0.8);
    daily.add("d", Instant.parse("2025-06-04T12:00:00Z"), List.of(), 0.9);

    List<DailySentiment.Row> rows = daily.rows();

    assertThat(rows).extracting(DailySentiment.Row::symbol, DailySentiment.Row::day, DailySentiment.Row::articles)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BUIDL", LocalDate.parse("2025-06-03"), 2),
            org.assertj.core.groups.Tuple.tuple("PAXG", LocalDate.parse("2025-06-03"), 1),
            org.assertj.core.groups.Tuple.tuple("BUIDL", LocalDate.parse("2025-06-04"), 1));
    assertThat(rows.get(0).mean()).isCloseTo(0.2, within(1e-12));
    assertThat(rows.get(0).score()).isEqualTo(new BigDecimal("0.20"));
    assertThat(rows.get(0).time()).isEqualTo(Instant.parse("2025-06-03T00:00:00Z"));
    assertThat(rows.get(2).mean()).isEqualTo(-0.8);
    assertThat(daily.articles()).isEqualTo(4);
  }

  @Test
  void ignoresAnArticleAddedTwice() {
    DailySentiment daily = new DailySentiment();
    assertThat(daily.add("a", Instant.parse("2025-06-03T10:00:00Z"), List.of("OUSG"), 0.5)).isTrue();
    assertThat(daily.add("a", Instant.parse("2025-06-03T10:00:00Z"), List.of("OUSG"), 0.5)).isFalse();
    assertThat(daily.rows()).singleElement().satisfies(r -> assertThat(r.articles()).isEqualTo(1));
  }

  @Test
  void readsNewsPayloads() {
    DailySentiment daily = new DailySentiment();
    JsonObject payload = new JsonObject().put("id", "x").put("published_at", "2025-06-03T10:00:00Z")
        .put("symbols", new JsonArray().add("KAU")).put("sentiment", -0.25);
    daily.add(payload);

    assertThat(daily.rows()).singleElement().satisfies(r -> {
      assertThat(r.symbol()).isEqualTo("KAU");
      assertThat(r.mean()).isEqualTo(-0.25);
    });
    assertThatThrownBy(() -> daily.add(new JsonObject().put("id", "y"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> daily.add("z", Instant.EPOCH, List.of("KAU"), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
