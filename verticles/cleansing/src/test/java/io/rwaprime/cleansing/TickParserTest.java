package io.rwaprime.cleansing;

import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.events.Tick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TickParserTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final TickParser parser = new TickParser(Set.of("PAXG", "BUIDL")::contains);

  private TickParser.Result parse(String payload) {
    return parser.parse(new RawRecord("e-1", "test", RecordKind.PRICE, NOW, payload));
  }

  @Test
  void acceptsAWellFormedTick() {
    TickParser.Result r = parse("""
        {"symbol":"PAXG","price":"2650.25","volume":"3.5","currency":"USD","ts":"2026-11-23T11:59:59.5Z","seq":7}""");
    assertThat(r.ok()).isTrue();
    Tick t = r.tick();
    assertThat(t.price()).isEqualByComparingTo(new BigDecimal("2650.25"));
    assertThat(t.volume()).isEqualByComparingTo("3.5");
    assertThat(t.sequence()).isEqualTo(7);
    assertThat(t.eventTime()).isEqualTo(Instant.parse("2026-11-23T11:59:59.5Z"));
    assertThat(t.receivedAt()).isEqualTo(NOW);
    assertThat(t.source()).isEqualTo("test");
  }

  @Test
  void eventTimesAreKeptToTheMicrosecondAsTheDatabaseStoresThem() {
    TickParser.Result r = parse("""
        {"symbol":"PAXG","price":"2650.25","ts":"2026-11-23T11:59:59.123456789Z","seq":1}""");
    // a tick read back from PostgreSQL after a restart must have the same de-duplication key as the one received
    assertThat(r.tick().eventTime()).isEqualTo(Instant.parse("2026-11-23T11:59:59.123456Z"));
  }

  @Test
  void acceptsNumericPricesAndDefaultsVolumeAndCurrency() {
    TickParser.Result r = parse("{\"symbol\":\"BUIDL\",\"price\":1.0001,\"ts\":\"2026-11-23T11:00:00Z\"}");
    assertThat(r.ok()).isTrue();
    assertThat(r.tick().volume()).isEqualByComparingTo("0");
    assertThat(r.tick().currency()).isEqualTo("USD");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{not json                                                                          | json.malformed",
      "[1,2,3]                                                                            | json.not-object",
      "{\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\"}                                  | field.missing",
      "{\"symbol\":\"PAXG\",\"ts\":\"2026-11-23T11:00:00Z\"}                              | field.missing",
      "{\"symbol\":\"PAXG\",\"price\":\"1\"}                                              | field.missing",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\",\"extra\":1}  | field.unknown",
      "{\"symbol\":\"PAXG\",\"price\":\"NaN\",\"ts\":\"2026-11-23T11:00:00Z\"}            | price.not-a-number",
      "{\"symbol\":\"PAXG\",\"price\":\"Infinity\",\"ts\":\"2026-11-23T11:00:00Z\"}       | price.not-a-number",
      "{\"symbol\":\"PAXG\",\"price\":\"abc\",\"ts\":\"2026-11-23T11:00:00Z\"}            | price.not-a-number",
      "{\"symbol\":\"PAXG\",\"price\":true,\"ts\":\"2026-11-23T11:00:00Z\"}               | price.not-a-number",
      "{\"symbol\":\"PAXG\",\"price\":\"-5\",\"ts\":\"2026-11-23T11:00:00Z\"}             | price.non-positive",
      "{\"symbol\":\"PAXG\",\"price\":0,\"ts\":\"2026-11-23T11:00:00Z\"}                  | price.non-positive",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"volume\":\"-1\",\"ts\":\"2026-11-23T11:00:00Z\"} | volume.negative",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"currency\":\"usd\",\"ts\":\"2026-11-23T11:00:00Z\"} | currency.invalid",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"yesterday\"}                         | time.malformed",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2026-11-23T13:00:00Z\"}              | time.future",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2019-01-01T00:00:00Z\"}              | time.too-old",
      "{\"symbol\":\"NOPE\",\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\"}              | symbol.unknown",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\",\"seq\":-1}   | seq.invalid",
      "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\",\"seq\":1.5}  | seq.invalid",
      "{\"symbol\":\"PAXG\",\"price\":\"1e400\",\"ts\":\"2026-11-23T11:00:00Z\"}          | price.not-a-number",
  })
  void rejectsBadInputWithAReasonCode(String payload, String reason) {
    TickParser.Result r = parse(payload.trim());
    assertThat(r.ok()).as("rejected: %s", payload).isFalse();
    assertThat(r.rejection().reasonCode()).isEqualTo(reason);
    assertThat(r.rejection().detail()).isNotBlank();
  }

  @Test
  void historicalBackfillIsExemptFromTheMaxAge() {
    TickParser.Result r = parser.parse(new RawRecord("e-2", "backfill:history.csv", RecordKind.PRICE, NOW,
        "{\"symbol\":\"PAXG\",\"price\":\"1250.5\",\"ts\":\"2019-01-01T00:00:00Z\"}"));
    assertThat(r.ok()).isTrue();
    assertThat(r.tick().eventTime()).isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
  }

  @Test
  void detailNeverCarriesAHugeValue() {
    String longSymbol = "X".repeat(10_000);
    TickParser.Result r = parse("{\"symbol\":\"" + longSymbol + "\",\"price\":\"1\",\"ts\":\"2026-11-23T11:00:00Z\"}");
    assertThat(r.rejection().reasonCode()).isEqualTo("symbol.unknown");
    assertThat(r.rejection().detail().length()).isLessThan(200);
  }
}
