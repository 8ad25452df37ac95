package io.rwaprime.events.codec;

import io.rwaprime.events.AlertEvent;
import io.rwaprime.events.AlertRule;
import io.rwaprime.events.Bar;
import io.rwaprime.events.CodecVersionException;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.Forecast;
import io.rwaprime.events.Gen;
import io.rwaprime.events.MacroPoint;
import io.rwaprime.events.NewsItem;
import io.rwaprime.events.OnchainEvent;
import io.rwaprime.events.OnchainMetric;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RiskScore;
import io.rwaprime.events.Tick;
import io.vertx.core.buffer.Buffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every codec reads back what it wrote, at any position of a buffer that holds other bytes before
 * and after the frame (as the clustered event bus's frames do), and refuses unknown versions.
 */
class CodecPropertyTest {

  /** Encodes after {@code prefix} filler bytes, appends trailing filler and decodes at the frame. */
  static <T> void assertRoundTrip(RecordCodec<T> codec, T value, int prefix) {
    Buffer buffer = Buffer.buffer();
    for (int i = 0; i < prefix; i++) {
      buffer.appendByte((byte) (0xA5 ^ i));
    }
    codec.encodeToWire(buffer, value);
    buffer.appendBytes(new byte[] {(byte) 0xFF, 0x00, 0x7F});
    T decoded = codec.decodeFromWire(prefix, buffer);
    assertThat(decoded).isEqualTo(value);
    assertThat(codec.transform(value)).isSameAs(value);
  }

  @Property
  void rawRecordRoundTrips(@ForAll("rawRecords") RawRecord m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new RawRecordCodec(), m, prefix);
  }

  @Property
  void tickRoundTrips(@ForAll("ticks") Tick m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new TickCodec(), m, prefix);
  }

  @Property
  void barRoundTrips(@ForAll("bars") Bar m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new BarCodec(), m, prefix);
  }

  @Property
  void onchainMetricRoundTrips(@ForAll("onchainMetrics") OnchainMetric m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new OnchainMetricCodec(), m, prefix);
  }

  @Property
  void onchainEventRoundTrips(@ForAll("onchainEvents") OnchainEvent m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new OnchainEventCodec(), m, prefix);
  }

  @Property
  void macroPointRoundTrips(@ForAll("macroPoints") MacroPoint m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new MacroPointCodec(), m, prefix);
  }

  @Property
  void newsItemRoundTrips(@ForAll("newsItems") NewsItem m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new NewsItemCodec(), m, prefix);
  }

  @Property
  void forecastRoundTrips(@ForAll("forecasts") Forecast m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new ForecastCodec(), m, prefix);
  }

  @Property
  void riskScoreRoundTrips(@ForAll("riskScores") RiskScore m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new RiskScoreCodec(), m, prefix);
  }

  @Property
  void alertRuleRoundTrips(@ForAll("alertRules") AlertRule m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new AlertRuleCodec(), m, prefix);
  }

  @Property
  void alertEventRoundTrips(@ForAll("alertEvents") AlertEvent m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new AlertEventCodec(), m, prefix);
  }

  @Property
  void deadLetterRoundTrips(@ForAll("deadLetters") DeadLetter m, @ForAll @IntRange(max = 40) int prefix) {
    assertRoundTrip(new DeadLetterCodec(), m, prefix);
  }

  @Property(tries = 500)
  void unknownVersionFailsWithCodecVersionException(@ForAll("messages") Object message,
                                                    @ForAll @IntRange(max = 255) int version,
                                                    @ForAll @IntRange(max = 16) int prefix) {
    Assume.that(version != 1);
    RecordCodec<Object> codec = codecOf(message);
    Buffer buffer = Buffer.buffer(new byte[prefix]);
    codec.encodeToWire(buffer, message);
    buffer.setUnsignedByte(prefix, (short) version);
    assertThatThrownBy(() -> codec.decodeFromWire(prefix, buffer))
        .isInstanceOfSatisfying(CodecVersionException.class, e -> {
          assertThat(e.codecName()).isEqualTo(codec.name());
          assertThat(e.foundVersion()).isEqualTo(version);
          assertThat(e.supportedVersion()).isEqualTo(1);
          assertThat(e.getMessage()).contains(codec.name()).contains("version " + version);
        });
  }

  @Property(tries = 300)
  void framesStartWithVersionOne(@ForAll("messages") Object message) {
    Buffer buffer = Buffer.buffer();
    codecOf(message).encodeToWire(buffer, message);
    assertThat(buffer.getByte(0)).isEqualTo((byte) 1);
  }

  @SuppressWarnings("unchecked")
  private static RecordCodec<Object> codecOf(Object message) {
    return (RecordCodec<Object>) Codecs.codec(message.getClass());
  }

  @Provide
  Arbitrary<Object> messages() {
    return Gen.anyMessage();
  }

  @Provide
  Arbitrary<RawRecord> rawRecords() {
    return Gen.rawRecord();
  }

  @Provide
  Arbitrary<Tick> ticks() {
    return Gen.tick();
  }

  @Provide
  Arbitrary<Bar> bars() {
    return Gen.bar();
  }

  @Provide
  Arbitrary<OnchainMetric> onchainMetrics() {
    return Gen.onchainMetric();
  }

  @Provide
  Arbitrary<OnchainEvent> onchainEvents() {
    return Gen.onchainEvent();
  }

  @Provide
  Arbitrary<MacroPoint> macroPoints() {
    return Gen.macroPoint();
  }

  @Provide
  Arbitrary<NewsItem> newsItems() {
    return Gen.newsItem();
  }

  @Provide
  Arbitrary<Forecast> forecasts() {
    return Gen.forecast();
  }

  @Provide
  Arbitrary<RiskScore> riskScores() {
    return Gen.riskScore();
  }

  @Provide
  Arbitrary<AlertRule> alertRules() {
    return Gen.alertRule();
  }

  @Provide
  Arbitrary<AlertEvent> alertEvents() {
    return Gen.alertEvent();
  }

  @Provide
  Arbitrary<DeadLetter> deadLetters() {
    return Gen.deadLetter();
  }
}
