package io.rwaprime.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Hand-written valid instances: {@code full} has every nullable field present, {@code minimal} none. */
public final class Samples {

  public static final Instant T0 = Instant.parse("2025-03-14T15:09:26.535897932Z");

  private Samples() {}

  public static Tick tick() {
    return new Tick("sim:1:OUSG:42", "OUSG", "simulator", new BigDecimal("108.4521"), new BigDecimal("1500.00"), "USD",
        T0, T0.plusMillis(3), 42);
  }

  public static Bar bar() {
    return new Bar("OUSG", BarInterval.M1, BarInterval.M1.floor(T0), new BigDecimal("108.40"), new BigDecimal("108.47"),
        new BigDecimal("108.39"), new BigDecimal("108.45"), new BigDecimal("15300.5"), new BigDecimal("108.4312"), 57, 0,
        new BigDecimal("0.0004"));
  }

  /** A provisional whale transfer, its hash and addresses in mixed case as an RPC node may deliver them. */
  public static OnchainEvent onchainEvent() {
    return new OnchainEvent("OUSG", "ethereum", "0x1B19C19393e2d034D8Ff31ff34c81252FcBbee92", OnchainEvent.Kind.WHALE,
        "0x5C504ED432CB51138BCF09AA5E8A410DD4A1E204EF84BFED1BE16DFBA1B22060", 21_000_123L, 17, T0,
        "0x28C6c06298d514Db089934071355E5743bf21d60", "0xdAC17F958D2ee523a2206206994597C13D831ec7",
        new BigDecimal("2500000.125"), true);
  }

  /** The one sample of {@code type} in {@link #full()}. */
  public static <T> T full(Class<T> type) {
    return full().stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample of " + type.getSimpleName()));
  }

  public static List<Object> full() {
    return List.of(
        new RawRecord("sim:1:OUSG:42", "simulator", RecordKind.PRICE, T0, "{\"symbol\":\"OUSG\",\"price\":\"108.45\"}"),
        tick(),
        bar(),
        new OnchainMetric("OUSG", "ethereum", "0x1B19C19393e2d034D8Ff31ff34c81252FcBbee92", T0, 1234L, 56L,
            new BigDecimal("1000000.5"), new BigDecimal("10"), new BigDecimal("2"), new BigDecimal("250000000"),
            new BigDecimal("1200000.00"), new BigDecimal("300"), new BigDecimal("120.25")),
        onchainEvent(),
        new MacroPoint("DGS10", T0, new BigDecimal("-0.25"), "fred"),
        new NewsItem("n-1", "rss:example", "Tokenized treasuries pass $5B 📈", "https://news.example/treasuries", T0,
            List.of("OUSG", "BUIDL"), -0.35),
        new Forecast("OUSG", "ensemble", "2025.03.1", 7, T0, T0.minusSeconds(60), List.of(
            new ForecastStep(1, T0.plus(Duration.ofDays(1)), new BigDecimal("108.5"), new BigDecimal("108.1"),
                new BigDecimal("108.9"), new BigDecimal("107.8"), new BigDecimal("109.2")),
            new ForecastStep(2, T0.plus(Duration.ofDays(2)), new BigDecimal("108.6"), new BigDecimal("108.0"),
                new BigDecimal("109.1"), new BigDecimal("107.5"), new BigDecimal("109.6")))),
        new RiskScore("OUSG", T0, 23, 18, 12, 40, 25, List.of(
            new RiskDriver("market", "volatility_30d", 0.012, 0.2, 0.5, 10.0),
            new RiskDriver("regulatory", "jurisdiction", 2, 0.4, 1.0, 40))),
        new AlertRule("r-1", "u-1", "OUSG", "price_above", new BigDecimal("110"), Duration.ofMinutes(5),
            Set.of("push", "email"), false, Duration.ofMinutes(15), true),
        new AlertEvent("t-1", "r-1", "u-1", "OUSG", "price_above", new BigDecimal("110"), new BigDecimal("110.02"), T0,
            "OUSG rose above 110 (110.02)"),
        new DeadLetter("sim:1:OUSG:43", "simulator", "cleansing", "price.non-positive", "price was -1", "{\"price\":-1}",
            T0));
  }

  public static List<Object> minimal() {
    return List.of(
        new RawRecord("e", "s", RecordKind.NEWS, T0, ""),
        new Bar("X", BarInterval.D1, BarInterval.D1.floor(T0), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
            BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, 1, 0, null),
        new OnchainMetric("X", "solana", "So11111111111111111111111111111111111111112", T0, null, null, null, null, null,
            null, null, null, null),
        new OnchainEvent("X", "base", "0x0000000000000000000000000000000000000001", OnchainEvent.Kind.RETRACTED,
            "0x" + "0".repeat(64), 0, 0, T0, "0x" + "0".repeat(40), "0x" + "f".repeat(40), BigDecimal.ZERO, false),
        new NewsItem("n", "s", "t", "http://a.example", T0, List.of(), 0.0),
        new RiskScore("X", T0, 1, 1, 1, 1, 1, List.of()),
        new AlertRule("r", "u", "X", "price_below", BigDecimal.ONE, null, Set.of(), true, Duration.ZERO, true),
        new DeadLetter("e", "s", "st", "codec.unknown-version", "", "", T0));
  }
}
