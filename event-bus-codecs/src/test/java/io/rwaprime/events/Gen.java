package io.rwaprime.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generators of valid values of every message record, for the property tests. They aim at the
 * awkward corners: non-ASCII and emoji text, control characters, decimals on both sides of the
 * codecs' long fast path, extreme scales, nanosecond instants, and nulls in nullable fields.
 */
public final class Gen {

  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  private Gen() {}

  // ---- building blocks ----

  /** Unicode scalar values (never lone surrogates), weighted towards the hard cases. */
  private static Arbitrary<Integer> codePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(1, Arbitraries.integers().between(0x00, 0x1F)),
        Tuple.of(2, Arbitraries.integers().between(0xA0, 0x7FF)),
        Tuple.of(2, Arbitraries.integers().between(0x800, 0xD7FF)),
        Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFD)),
        Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
        Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  /** Any valid text, possibly empty or blank. */
  public static Arbitrary<String> text() {
    return codePoint().list().ofMaxSize(24).map(Gen::fromCodePoints);
  }

  /** Text with at least one visible character. */
  public static Arbitrary<String> nonBlank() {
    Arbitrary<String> visible = Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0x21, 0x7E)),
            Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
            Tuple.of(1, Arbitraries.integers().between(0x1F600, 0x1F64F)))
        .map(Character::toString);
    return Combinators.combine(text(), visible, text()).as((a, v, b) -> a + v + b);
  }

  public static Arbitrary<String> symbol() {
    Arbitrary<Character> first = Arbitraries.chars().range('A', 'Z').range('0', '9');
    Arbitrary<String> rest = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').withChars("._-")
        .ofMaxLength(31);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  public static Arbitrary<String> currency() {
    return Arbitraries.strings().withCharRange('A', 'Z').ofLength(3);
  }

  private static Arbitrary<BigInteger> unscaled() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L).map(BigInteger::valueOf)),
        Tuple.of(3, Arbitraries.longs().map(BigInteger::valueOf)),
        Tuple.of(1, Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -999_999_999_999_999_999L).map(BigInteger::valueOf)),
        Tuple.of(1, Arbitraries.of(TWO_63, TWO_63.negate().subtract(BigInteger.ONE), TWO_63.add(BigInteger.ONE))),
        Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(80).negate(), BigInteger.TEN.pow(80))));
  }

  private static Arbitrary<Integer> scale() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0, 18)),
        Tuple.of(2, Arbitraries.integers().between(-40, 40)),
        Tuple.of(1, Arbitraries.integers().between(-100_000, 100_000)),
        Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1)));
  }

  /** Any decimal, including huge magnitudes and extreme scales. */
  public static Arbitrary<BigDecimal> decimal() {
    return Combinators.combine(unscaled(), scale()).as(BigDecimal::new);
  }

  public static Arbitrary<BigDecimal> nonNegativeDecimal() {
    return decimal().map(BigDecimal::abs);
  }

  public static Arbitrary<BigDecimal> positiveDecimal() {
    return decimal().filter(d -> d.signum() != 0).map(BigDecimal::abs);
  }

  /** Instants from 1900 to 2200 with second, milli, micro or nano precision. */
  public static Arbitrary<Instant> instant() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(-2_208_988_800L, 7_258_118_400L);
    Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000)),
        Tuple.of(1, Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000)),
        Tuple.of(2, Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  /** Durations from zero to about 30 years, with nanosecond parts. */
  public static Arbitrary<Duration> duration() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(0, 1_000_000_000L);
    Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as(Duration::ofSeconds);
  }

  public static Arbitrary<Duration> positiveDuration() {
    return duration().filter(d -> !d.isZero());
  }

  /** Finite doubles including the edges of the range. */
  public static Arbitrary<Double> finiteDouble() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.doubles().between(-1e6, 1e6)),
        Tuple.of(2, Arbitraries.doubles()),
        Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MIN_NORMAL, 1e-300, 0.1)));
  }

  // ---- records ----

  public static Arbitrary<RawRecord> rawRecord() {
    return Combinators.combine(nonBlank(), nonBlank(), Arbitraries.of(RecordKind.class), instant(),
            Arbitraries.oneOf(text(), Arbitraries.strings().ofMaxLength(2000)))
        .as(RawRecord::new);
  }

  public static Arbitrary<Tick> tick() {
    Arbitrary<Tick> head = Combinators.combine(nonBlank(), symbol(), nonBlank(), positiveDecimal(), nonNegativeDecimal(),
            currency(), instant(), instant())
        .as((id, symbol, source, price, volume, currency, eventTime, receivedAt) -> new Tick(id, symbol, source, price,
            volume, currency, eventTime, receivedAt, 0));
    return Combinators.combine(head, Arbitraries.longs().greaterOrEqual(0))
        .as((t, sequence) -> new Tick(t.eventId(), t.symbol(), t.source(), t.price(), t.volume(), t.currency(),
            t.eventTime(), t.receivedAt(), sequence));
  }

  public static Arbitrary<Bar> bar() {
    Arbitrary<List<BigDecimal>> prices = positiveDecimal().list().ofSize(4).map(l -> {
      List<BigDecimal> sorted = new ArrayList<>(l);
      sorted.sort(BigDecimal::compareTo);
      return sorted;
    });
    Arbitrary<Bar> head = Combinators.combine(symbol(), Arbitraries.of(BarInterval.class), instant(), prices,
            Arbitraries.of(true, false), nonNegativeDecimal(), positiveDecimal())
        .as((symbol, interval, t, p, openFirst, volume, vwap) -> new Bar(symbol, interval, interval.floor(t),
            openFirst ? p.get(1) : p.get(2), p.get(3), p.get(0), openFirst ? p.get(2) : p.get(1), volume, vwap, 1, 0,
            null));
    return Combinators.combine(head, Arbitraries.longs().greaterOrEqual(1), Arbitraries.integers().greaterOrEqual(0),
            nonNegativeDecimal().injectNull(0.3))
        .as((b, ticks, revision, spread) -> new Bar(b.symbol(), b.interval(), b.openTime(), b.open(), b.high(), b.low(),
            b.close(), b.volume(), b.vwap(), ticks, revision, spread));
  }

  public static Arbitrary<OnchainMetric> onchainMetric() {
    Arbitrary<Long> count = Arbitraries.longs().greaterOrEqual(0).injectNull(0.3);
    Arbitrary<BigDecimal> amount = nonNegativeDecimal().injectNull(0.3);
    Arbitrary<OnchainMetric> head = Combinators.combine(symbol(), nonBlank(), nonBlank(), instant(), count, count,
            amount, amount)
        .as((s, c, a, t, h, tc, tv, m) -> new OnchainMetric(s, c, a, t, h, tc, tv, m, null, null, null, null, null));
    return Combinators.combine(head, amount, amount, amount, amount, amount)
        .as((o, burned, supply, liquidity, in, out) -> new OnchainMetric(o.symbol(), o.chain(), o.tokenAddress(),
            o.time(), o.holderCount(), o.transferCount(), o.transferVolume(), o.minted(), burned, supply, liquidity,
            in, out));
  }

  /** {@code 0x} and {@code digits} hex digits in any mix of cases, as RPC nodes and EIP-55 checksums write them. */
  public static Arbitrary<String> hex(int digits) {
    Arbitrary<String> lower = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(digits);
    return Arbitraries.frequencyOf(
            Tuple.of(3, lower),
            Tuple.of(1, lower.map(h -> h.toUpperCase(Locale.ROOT))),
            Tuple.of(2, Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').withCharRange('A', 'F')
                .ofLength(digits)))
        .map(h -> "0x" + h);
  }

  public static Arbitrary<OnchainEvent> onchainEvent() {
    Arbitrary<OnchainEvent> head = Combinators.combine(symbol(), nonBlank(), nonBlank(),
            Arbitraries.of(OnchainEvent.Kind.class), hex(64), Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.integers().greaterOrEqual(0), instant())
        .as((s, c, a, kind, tx, block, log, t) -> new OnchainEvent(s, c, a, kind, tx, block, log, t,
            "0x" + "0".repeat(40), "0x" + "0".repeat(40), BigDecimal.ZERO, false));
    return Combinators.combine(head, hex(40), hex(40), nonNegativeDecimal(), Arbitraries.of(true, false))
        .as((e, from, to, amount, provisional) -> new OnchainEvent(e.symbol(), e.chain(), e.tokenAddress(), e.kind(),
            e.txHash(), e.blockNumber(), e.logIndex(), e.time(), from, to, amount, provisional));
  }

  public static Arbitrary<MacroPoint> macroPoint() {
    return Combinators.combine(nonBlank(), instant(), decimal(), nonBlank()).as(MacroPoint::new);
  }

  public static Arbitrary<NewsItem> newsItem() {
    Arbitrary<String> url = Combinators.combine(Arbitraries.of("http", "https", "HTTPS"),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("/-_.~").ofMaxLength(30))
        .as((scheme, host, path) -> scheme + "://" + host + ".example/" + path);
    Arbitrary<Double> sentiment = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.doubles().between(-1.0, 1.0)),
        Tuple.of(1, Arbitraries.of(-1.0, 1.0, 0.0, -0.0, Double.MIN_VALUE)));
    return Combinators.combine(nonBlank(), nonBlank(), nonBlank(), url, instant(), symbol().list().ofMaxSize(5),
            sentiment)
        .as(NewsItem::new);
  }

  public static Arbitrary<Forecast> forecast() {
    Arbitrary<List<ForecastStep>> stepsAfter = Arbitraries.integers().between(1, 8).flatMap(n ->
        Combinators.combine(decimal().list().ofSize(5).list().ofSize(n), Arbitraries.longs().between(1, 86_400L * 31)
                .list().ofSize(n))
            .as((bounds, gaps) -> {
              List<ForecastStep> steps = new ArrayList<>(n);
              Instant t = Instant.EPOCH;
              for (int i = 0; i < n; i++) {
                List<BigDecimal> b = new ArrayList<>(bounds.get(i));
                b.sort(BigDecimal::compareTo);
                t = t.plusSeconds(gaps.get(i));
                // times are offsets from the epoch here and moved after base time below
                steps.add(new ForecastStep(i + 1, t, b.get(2), b.get(1), b.get(3), b.get(0), b.get(4)));
              }
              return steps;
            }));
    return Combinators.combine(symbol(), nonBlank(), nonBlank(), Arbitraries.of(7, 30, 1, 365), instant(), instant(),
            stepsAfter)
        .as((symbol, model, version, horizon, generatedAt, base, offsets) -> {
          List<ForecastStep> steps = offsets.stream()
              .map(s -> new ForecastStep(s.step(), base.plusSeconds(s.time().getEpochSecond()), s.mean(), s.lower80(),
                  s.upper80(), s.lower95(), s.upper95()))
              .toList();
          return new Forecast(symbol, model, version, horizon, generatedAt, base, steps);
        });
  }

  public static Arbitrary<RiskDriver> riskDriver() {
    return Combinators.combine(Arbitraries.of("market", "credit", "regulatory", "technical"), nonBlank(), finiteDouble(),
            finiteDouble(), finiteDouble(), finiteDouble())
        .as(RiskDriver::new);
  }

  public static Arbitrary<RiskScore> riskScore() {
    Arbitrary<Integer> score = Arbitraries.integers().between(1, 100);
    return Combinators.combine(symbol(), instant(), score, score, score, score, score, riskDriver().list().ofMaxSize(6))
        .as(RiskScore::new);
  }

  public static Arbitrary<AlertRule> alertRule() {
    Arbitrary<AlertRule> head = Combinators.combine(nonBlank(), nonBlank(), symbol(), nonBlank(), decimal(),
            positiveDuration().injectNull(0.3), nonBlank().set().ofMaxSize(4), Arbitraries.of(true, false))
        .as((rule, user, symbol, condition, threshold, window, channels, oneShot) -> new AlertRule(rule, user, symbol,
            condition, threshold, window, channels, oneShot, Duration.ZERO, false));
    return Combinators.combine(head, duration(), Arbitraries.of(true, false))
        .as((r, cooldown, active) -> new AlertRule(r.ruleId(), r.userId(), r.symbol(), r.condition(), r.threshold(),
            r.window(), r.channels(), r.oneShot(), cooldown, active));
  }

  public static Arbitrary<AlertEvent> alertEvent() {
    Arbitrary<AlertEvent> head = Combinators.combine(nonBlank(), nonBlank(), nonBlank(), symbol(), nonBlank(), decimal(),
            decimal(), instant())
        .as((trigger, rule, user, symbol, condition, threshold, observed, at) -> new AlertEvent(trigger, rule, user,
            symbol, condition, threshold, observed, at, "alert"));
    return Combinators.combine(head, nonBlank())
        .as((e, message) -> new AlertEvent(e.triggerId(), e.ruleId(), e.userId(), e.symbol(), e.condition(),
            e.threshold(), e.observed(), e.triggeredAt(), message));
  }

  public static Arbitrary<DeadLetter> deadLetter() {
    Arbitrary<String> reason = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1)
        .ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
    return Combinators.combine(nonBlank(), nonBlank(), nonBlank(), reason, text(), text(), instant())
        .as(DeadLetter::new);
  }

  /** One generator of each message type that has a codec and a schema. */
  public static Arbitrary<Object> anyMessage() {
    return Arbitraries.<Object>oneOf(rawRecord(), tick(), bar(), onchainMetric(), onchainEvent(), macroPoint(),
        newsItem(), forecast(), riskScore(), alertRule(), alertEvent(), deadLetter());
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder sb = new StringBuilder(codePoints.size() * 2);
    for (int cp : codePoints) {
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
