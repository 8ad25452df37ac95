package io.rwaprime.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterTest {

  @Test
  void stampsNowAndKeepsShortPayloads() {
    Instant before = Instant.now();
    DeadLetter d = DeadLetter.of("e-1", "simulator", "cleansing", "price.non-positive", "price was -1", "{\"p\":-1}");
    assertThat(d.rejectedAt()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    assertThat(d.payload()).isEqualTo("{\"p\":-1}");
  }

  @Test
  void truncatesLongPayloadsWithAMarker() {
    String payload = "a".repeat(200_000);
    DeadLetter d = DeadLetter.of("e-1", "s", "cleansing", "json.malformed", "too long", payload);
    assertThat(d.payload()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_CHARS)
        .startsWith("aaaa")
        .endsWith("…[truncated from 200000 chars]");
  }

  @Test
  void keepsAPayloadOfExactlyTheLimit() {
    String payload = "b".repeat(DeadLetter.MAX_PAYLOAD_CHARS);
    assertThat(DeadLetter.of("e", "s", "st", "x", "", payload).payload()).isEqualTo(payload);
  }

  @Test
  void neverSplitsASurrogatePair() {
    String payload = "😀".repeat(DeadLetter.MAX_PAYLOAD_CHARS);
    String kept = DeadLetter.of("e", "s", "st", "x", "", payload).payload();
    String body = kept.substring(0, kept.indexOf('…'));
    assertThat(body.length() % 2).isZero();
    assertThat(body.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
  }

  @Test
  void truncatesLongDetailsAndTreatsNullAsEmpty() {
    DeadLetter d = DeadLetter.of("e", "s", "st", "codec.undecodable", "d".repeat(10_000), null);
    assertThat(d.detail()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_DETAIL_CHARS).endsWith("[truncated from 10000 chars]");
    assertThat(d.payload()).isEmpty();
  }

  @Test
  void rejectsMalformedReasonCodes() {
    for (String bad : new String[] {"Price.NonPositive", "price..x", ".price", "price.", "price non-positive", ""}) {
      assertThatThrownBy(() -> DeadLetter.of("e", "s", "st", bad, "", ""))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasonCode must match");
    }
    assertThat(DeadLetter.of("e", "s", "st", CodecVersionException.REASON_CODE, "", "").reasonCode())
        .isEqualTo("codec.unknown-version");
  }

  @Test
  void rejectsOversizedPayloadInTheConstructor() {
    assertThatThrownBy(() -> new DeadLetter("e", "s", "st", "x", "", "p".repeat(DeadLetter.MAX_PAYLOAD_CHARS + 1),
        Instant.now())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload must be at most");
  }
}
