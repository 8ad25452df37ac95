package io.rwaprime.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarIntervalTest {

  @Test
  void hasLabelsAndDurations() {
    assertThat(BarInterval.M1.label()).isEqualTo("1m");
    assertThat(BarInterval.M5.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(BarInterval.H1.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(BarInterval.D1.label()).isEqualTo("1d");
    for (BarInterval i : BarInterval.values()) {
      assertThat(BarInterval.fromLabel(i.label())).isSameAs(i);
    }
  }

  @Test
  void rejectsUnknownLabelListingTheValidOnes() {
    assertThatThrownBy(() -> BarInterval.fromLabel("15m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown bar interval '15m' (valid: 1m, 5m, 1h, 1d)");
    assertThatThrownBy(() -> BarInterval.fromLabel(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floorsToUtcAlignedBuckets() {
    Instant t = Instant.parse("2025-03-14T15:09:26.535897932Z");
    assertThat(BarInterval.M1.floor(t)).isEqualTo(Instant.parse("2025-03-14T15:09:00Z"));
    assertThat(BarInterval.M5.floor(t)).isEqualTo(Instant.parse("2025-03-14T15:05:00Z"));
    assertThat(BarInterval.H1.floor(t)).isEqualTo(Instant.parse("2025-03-14T15:00:00Z"));
    assertThat(BarInterval.D1.floor(t)).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
    Instant aligned = Instant.parse("2025-03-14T15:05:00Z");
    assertThat(BarInterval.M5.floor(aligned)).isEqualTo(aligned);
  }

  @Test
  void floorsInstantsBeforeTheEpochDownwards() {
    assertThat(BarInterval.D1.floor(Instant.parse("1969-12-31T23:59:59.999Z")))
        .isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
  }

  @Test
  void recordKindsHaveLowerCaseLabels() {
    assertThat(RecordKind.ONCHAIN.label()).isEqualTo("onchain");
    assertThat(RecordKind.fromLabel("news")).isEqualTo(RecordKind.NEWS);
    assertThatThrownBy(() -> RecordKind.fromLabel("PRICE")).hasMessageContaining("valid: price, onchain, macro, news");
  }
}
