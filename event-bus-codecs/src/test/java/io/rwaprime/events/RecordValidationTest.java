package io.rwaprime.events;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.rwaprime.events.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordValidationTest {

  private static final BigDecimal ONE = BigDecimal.ONE;

  private static Tick tick(String symbol, BigDecimal price, BigDecimal volume, String currency, long sequence) {
    return new Tick("e-1", symbol, "src", price, volume, currency, T0, T0, sequence);
  }

  private static Bar bar(String open, String high, String low, String close) {
    return new Bar("OUSG", BarInterval.M5, BarInterval.M5.floor(T0), new BigDecimal(open), new BigDecimal(high),
        new BigDecimal(low), new BigDecimal(close), ONE, ONE, 3, 0, null);
  }

  private static void assertRejected(Executable construction, String field) {
    assertThatThrownBy(construction::execute).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
  }

  @Test
  void acceptsTheSamples() {
    assertThat(Samples.full()).hasSize(12);
    assertThat(Samples.minimal()).isNotEmpty();
  }

  @Test
  void rejectsTickWithNegativePrice() {
    assertRejected(() -> tick("OUSG", new BigDecimal("-1.5"), ONE, "USD", 0), "price must be > 0");
  }

  @Test
  void rejectsZeroPrice() {
    assertRejected(() -> tick("OUSG", new BigDecimal("0.000"), ONE, "USD", 0), "price must be > 0");
  }

  @Test
  void rejectsNegativeVolume() {
    assertRejected(() -> tick("OUSG", ONE, new BigDecimal("-0.01"), "USD", 0), "volume must be >= 0");
  }

  @Test
  void rejectsMissingVolume() {
    assertRejected(() -> tick("OUSG", ONE, null, "USD", 0), "volume must not be null");
  }

  @Test
  void acceptsZeroVolume() {
    assertThat(tick("OUSG", ONE, BigDecimal.ZERO, "USD", 0).volume()).isZero();
  }

  @Test
  void rejectsTickWithInvalidSymbol() {
    assertRejected(() -> tick("ousg", ONE, ONE, "USD", 0), "symbol must match");
    assertRejected(() -> tick("", ONE, ONE, "USD", 0), "symbol must match");
    assertRejected(() -> tick("-OUSG", ONE, ONE, "USD", 0), "symbol must match");
    assertRejected(() -> tick("A".repeat(33), ONE, ONE, "USD", 0), "symbol must match");
    assertRejected(() -> tick("OU SG", ONE, ONE, "USD", 0), "symbol must match");
    assertThat(tick("BRK.B-USD_2", ONE, ONE, "USD", 0).symbol()).isEqualTo("BRK.B-USD_2");
    assertThat(tick("A".repeat(32), ONE, ONE, "USD", 0).symbol()).hasSize(32);
  }

  @Test
  void rejectsTickWithInvalidCurrency() {
    assertRejected(() -> tick("OUSG", ONE, ONE, "usd", 0), "currency");
    assertRejected(() -> tick("OUSG", ONE, ONE, "USDC", 0), "currency");
  }

  @Test
  void rejectsTickWithNegativeSequence() {
    assertRejected(() -> tick("OUSG", ONE, ONE, "USD", -1), "sequence must be >= 0");
  }

  @Test
  void rejectsTickWithBlankEventId() {
    assertRejected(() -> new Tick(" \t", "OUSG", "src", ONE, ONE, "USD", T0, T0, 0), "eventId must not be blank");
  }

  @Test
  void rejectsBarWithHighBelowLow() {
    assertRejected(() -> bar("10", "9", "10", "10"), "high must be >= open, close and low");
  }

  @Test
  void rejectsBarWithHighBelowClose() {
    assertRejected(() -> bar("10", "10.5", "9", "11"), "high must be >= open, close and low");
  }

  @Test
  void rejectsBarWithLowAboveOpen() {
    assertRejected(() -> bar("10", "12", "10.5", "11"), "low must be <= open and close");
  }

  @Test
  void rejectsBarWithNonPositiveLow() {
    assertRejected(() -> bar("0", "1", "0", "1"), "low must be > 0");
  }

  @Test
  void rejectsBarWithUnalignedOpenTime() {
    assertRejected(() -> new Bar("OUSG", BarInterval.H1, Instant.parse("2025-01-01T10:30:00Z"), ONE, ONE, ONE, ONE, ONE,
        ONE, 1, 0, null), "openTime must be aligned to the 1h interval");
  }

  @Test
  void rejectsBarWithoutTicksOrWithNegativeRevision() {
    Bar ok = Samples.bar();
    assertRejected(() -> new Bar(ok.symbol(), ok.interval(), ok.openTime(), ok.open(), ok.high(), ok.low(), ok.close(),
        ok.volume(), ok.vwap(), 0, 0, null), "tickCount must be >= 1");
    assertRejected(() -> new Bar(ok.symbol(), ok.interval(), ok.openTime(), ok.open(), ok.high(), ok.low(), ok.close(),
        ok.volume(), ok.vwap(), 1, -1, null), "revision must be >= 0");
    assertRejected(() -> new Bar(ok.symbol(), ok.interval(), ok.openTime(), ok.open(), ok.high(), ok.low(), ok.close(),
        ok.volume(), ok.vwap(), 1, 0, new BigDecimal("-0.1")), "sourceSpread must be >= 0");
  }

  @Test
  void rejectsOnchainMetricWithNegativeValues() {
    assertRejected(() -> new OnchainMetric("OUSG", "ethereum", "0xabc", T0, -1L, null, null, null, null, null, null,
        null, null), "holderCount must be >= 0");
    assertRejected(() -> new OnchainMetric("OUSG", "ethereum", "0xabc", T0, null, null, null, null,
        new BigDecimal("-2"), null, null, null, null), "burned must be >= 0");
  }

  @Test
  @DisplayName("an on-chain event keeps its hash and addresses in lower case, so one identity always compares equal")
  void normalisesOnchainEventHashAndAddressesToLowerCase() {
    OnchainEvent e = Samples.onchainEvent();
    assertThat(e.txHash()).isEqualTo("0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060");
    assertThat(e.from()).isEqualTo("0x28c6c06298d514db089934071355e5743bf21d60");
    assertThat(e.to()).isEqualTo("0xdac17f958d2ee523a2206206994597c13d831ec7");
    assertThat(e.tokenAddress()).isEqualTo("0x1B19C19393e2d034D8Ff31ff34c81252FcBbee92");
    assertThat(onchainEvent(e.txHash().toUpperCase(Locale.ROOT).replace("0X", "0x"), e.from(), e.to(), 0, 0, ONE))
        .isEqualTo(onchainEvent(e.txHash(), e.from(), e.to(), 0, 0, ONE));
    assertThat(e.toJson().getString("from")).isEqualTo(e.from());
  }

  @Test
  void rejectsOnchainEventWithMalformedHashOrAddress() {
    String tx = "0x" + "a".repeat(64);
    String addr = "0x" + "b".repeat(40);
    assertRejected(() -> onchainEvent("0x" + "a".repeat(63), addr, addr, 0, 0, ONE),
        "txHash must be 0x and 64 hex digits");
    assertRejected(() -> onchainEvent("a".repeat(66), addr, addr, 0, 0, ONE), "txHash must be 0x and 64 hex digits");
    assertRejected(() -> onchainEvent("0X" + "a".repeat(64), addr, addr, 0, 0, ONE), "txHash must be 0x");
    assertRejected(() -> onchainEvent(tx, "0x" + "g".repeat(40), addr, 0, 0, ONE), "from must be 0x and 40 hex digits");
    assertRejected(() -> onchainEvent(tx, addr, "0x" + "b".repeat(41), 0, 0, ONE), "to must be 0x and 40 hex digits");
    assertRejected(() -> onchainEvent(tx, addr, null, 0, 0, ONE), "to must not be null");
    assertRejected(() -> onchainEvent(null, addr, addr, 0, 0, ONE), "txHash must not be null");
  }

  @Test
  void rejectsOnchainEventWithNegativeBlockLogIndexOrAmount() {
    String tx = "0x" + "a".repeat(64);
    String addr = "0x" + "b".repeat(40);
    assertRejected(() -> onchainEvent(tx, addr, addr, -1, 0, ONE), "blockNumber must be >= 0");
    assertRejected(() -> onchainEvent(tx, addr, addr, 0, -1, ONE), "logIndex must be >= 0");
    assertRejected(() -> onchainEvent(tx, addr, addr, 0, 0, new BigDecimal("-0.1")), "amount must be >= 0");
    assertRejected(() -> onchainEvent(tx, addr, addr, 0, 0, null), "amount must not be null");
    assertRejected(() -> new OnchainEvent("OUSG", "ethereum", "0xabc", null, tx, 0, 0, T0, addr, addr, ONE, true),
        "kind must not be null");
  }

  @Test
  void readsOnchainEventKindsByLabel() {
    JsonObject json = Samples.onchainEvent().toJson();
    assertThat(json.getString("kind")).isEqualTo("whale");
    assertThat(OnchainEvent.fromJson(json.copy().put("kind", "retracted")).kind())
        .isEqualTo(OnchainEvent.Kind.RETRACTED);
    assertThatThrownBy(() -> OnchainEvent.fromJson(json.copy().put("kind", "WHALE")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid: mint, burn, whale, retracted");
    assertThatThrownBy(() -> OnchainEvent.fromJson(json.copy().put("log_index", 3_000_000_000L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'log_index' must be an integer in the 32-bit range");
    assertThatThrownBy(() -> OnchainEvent.fromJson(json.copy().put("amount", 2.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'amount' must be a decimal string");
  }

  @Test
  void rejectsNewsItemWithSentimentOutOfRange() {
    assertRejected(() -> news("https://a.example/x", List.of(), 1.0001), "sentiment must be in [-1, 1]");
    assertRejected(() -> news("https://a.example/x", List.of(), Double.NaN), "sentiment must be a finite number");
  }

  @Test
  void rejectsNewsItemWithNonHttpUrl() {
    assertRejected(() -> news("javascript:alert(1)", List.of(), 0), "url must be an absolute http(s) URL");
    assertRejected(() -> news("/relative/path", List.of(), 0), "url must be an absolute http(s) URL");
    assertRejected(() -> news("https://bad host/", List.of(), 0), "url is not a valid URI");
  }

  @Test
  void rejectsNewsItemWithInvalidSymbolOrNullElement() {
    assertRejected(() -> news("https://a.example", List.of("ok", "OK"), 0), "symbols[0] must match");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertRejected(() -> news("https://a.example", withNull, 0), "symbols[0] must not be null");
  }

  @Test
  void copiesListsDefensively() {
    List<String> symbols = new ArrayList<>(List.of("OUSG"));
    NewsItem item = news("https://a.example", symbols, 0);
    symbols.add("BUIDL");
    assertThat(item.symbols()).containsExactly("OUSG");
    assertThatThrownBy(() -> item.symbols().add("X")).isInstanceOf(UnsupportedOperationException.class);

    Set<String> channels = new HashSet<>(Set.of("push"));
    AlertRule rule = new AlertRule("r", "u", "OUSG", "price_above", ONE, null, channels, false, Duration.ZERO, true);
    channels.add("email");
    assertThat(rule.channels()).containsExactly("push");
    assertThatThrownBy(() -> rule.channels().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsForecastWithGapInSteps() {
    ForecastStep s1 = step(1, T0.plusSeconds(60));
    ForecastStep s3 = step(3, T0.plusSeconds(120));
    assertRejected(() -> forecast(List.of(s1, s3)), "steps must be numbered consecutively from 1");
  }

  @Test
  void rejectsForecastWithoutSteps() {
    assertRejected(() -> forecast(List.of()), "steps must not be empty");
  }

  @Test
  void rejectsForecastWithStepsNotAfterBaseTime() {
    assertRejected(() -> forecast(List.of(step(1, T0))), "steps[0].time must be after baseTime");
    assertRejected(() -> forecast(List.of(step(1, T0.plusSeconds(9)), step(2, T0.plusSeconds(9)))),
        "steps[1].time must be after the previous step");
  }

  @Test
  void rejectsForecastStepWithCrossedIntervals() {
    assertRejected(() -> new ForecastStep(1, T0, new BigDecimal("10"), new BigDecimal("9"), new BigDecimal("11"),
        new BigDecimal("9.5"), new BigDecimal("12")), "must nest as lower95 <= lower80");
    assertRejected(() -> new ForecastStep(0, T0, ONE, ONE, ONE, ONE, ONE), "step must be >= 1");
  }

  @Test
  void rejectsRiskScoreOutOfRange() {
    assertRejected(() -> new RiskScore("OUSG", T0, 0, 50, 50, 50, 50, List.of()), "composite must be in 1..100");
    assertRejected(() -> new RiskScore("OUSG", T0, 50, 50, 101, 50, 50, List.of()), "credit must be in 1..100");
  }

  @Test
  void rejectsRiskDriverWithUnknownCategoryOrNonFiniteValue() {
    assertRejected(() -> new RiskDriver("liquidity", "spread", 1, 1, 1, 1), "category must be one of");
    assertRejected(() -> new RiskDriver("market", "vol", Double.POSITIVE_INFINITY, 1, 1, 1), "rawValue must be a finite");
  }

  @Test
  void rejectsAlertRuleWithNonPositiveWindowOrNegativeCooldown() {
    assertRejected(() -> new AlertRule("r", "u", "OUSG", "change_pct_below", new BigDecimal("-5"), Duration.ZERO,
        Set.of(), false, Duration.ZERO, true), "window must be positive");
    assertRejected(() -> new AlertRule("r", "u", "OUSG", "price_above", ONE, null, Set.of(), false,
        Duration.ofSeconds(-1), true), "cooldown must not be negative");
    assertRejected(() -> new AlertRule("r", "u", "OUSG", "price_above", ONE, null, Set.of(" "), false, Duration.ZERO,
        true), "channels element must not be blank");
  }

  @Test
  void rejectsAlertEventWithBlankMessage() {
    assertRejected(() -> new AlertEvent("t", "r", "u", "OUSG", "price_above", ONE, ONE, T0, ""),
        "message must not be blank");
  }

  @Test
  void rejectsRawRecordWithoutPayloadOrKind() {
    assertRejected(() -> new RawRecord("e", "s", RecordKind.PRICE, T0, null), "payload must not be null");
    assertRejected(() -> new RawRecord("e", "s", null, T0, "{}"), "kind must not be null");
    assertThat(new RawRecord("e", "s", RecordKind.MACRO, T0, "not json at all").payload()).isEqualTo("not json at all");
  }

  @Test
  void echoesLongOffendingValuesShortened() {
    String huge = "x".repeat(100_000);
    assertThatThrownBy(() -> tick(huge, ONE, ONE, "USD", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).contains("100000 chars"));
  }

  @Test
  void rejectsDecimalsWrittenAsJsonNumbers() {
    JsonObject json = Samples.tick().toJson().put("price", 108.45);
    assertThatThrownBy(() -> Tick.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Tick JSON field 'price' must be a decimal string, was a number");
  }

  @Test
  void rejectsMalformedDecimalStringsAndInstants() {
    assertThatThrownBy(() -> Tick.fromJson(Samples.tick().toJson().put("price", "1,5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'price' must be a decimal string like");
    assertThatThrownBy(() -> Tick.fromJson(Samples.tick().toJson().put("price", "+1.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'price'");
    assertThatThrownBy(() -> Tick.fromJson(Samples.tick().toJson().put("event_time", "yesterday")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'event_time' must be an ISO-8601 instant");
    assertThatThrownBy(() -> Tick.fromJson(Samples.tick().toJson().put("sequence", 1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sequence' must be an integer");
    assertThatThrownBy(() -> Bar.fromJson(Samples.bar().toJson().put("interval", "2m")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid: 1m, 5m, 1h, 1d");
    assertThatThrownBy(() -> Bar.fromJson(Samples.bar().toJson().put("revision", 3_000_000_000L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'revision' must be an integer in the 32-bit range");
  }

  @Test
  void rejectsNullJsonAndRepeatedChannels() {
    assertThatThrownBy(() -> Tick.fromJson(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Tick JSON must not be null");
    JsonObject rule = Samples.full(AlertRule.class).toJson();
    rule.getJsonArray("channels").add("push");
    assertThatThrownBy(() -> AlertRule.fromJson(rule)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'channels' must not repeat");
  }

  @Test
  void readsNullableFieldsAsAbsent() {
    for (Object m : Samples.minimal()) {
      JsonObject json = Messages.toJson(m);
      assertThat(json.fieldNames()).doesNotContain("source_spread", "window", "holder_count", "dex_liquidity");
      assertThat(Messages.fromJson(m.getClass(), json)).isEqualTo(m);
    }
  }

  private static OnchainEvent onchainEvent(String txHash, String from, String to, long block, int logIndex,
                                           BigDecimal amount) {
    return new OnchainEvent("OUSG", "ethereum", "0xabc", OnchainEvent.Kind.MINT, txHash, block, logIndex, T0, from, to,
        amount, true);
  }

  private static NewsItem news(String url, List<String> symbols, double sentiment) {
    return new NewsItem("n", "s", "title", url, T0, symbols, sentiment);
  }

  private static ForecastStep step(int n, Instant t) {
    return new ForecastStep(n, t, ONE, ONE, ONE, ONE, ONE);
  }

  private static Forecast forecast(List<ForecastStep> steps) {
    return new Forecast("OUSG", "arima", "1", 7, T0, T0, steps);
  }
}
