package io.rwaprime.events;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record's JSON form validates against its published schema and reads back equal, both from
 * the {@code JsonObject} and from its encoded text.
 */
class JsonSchemaPropertyTest {

  private static final Map<Class<?>, Validator> VALIDATORS = new ConcurrentHashMap<>();

  static Validator validator(Class<?> type) {
    return VALIDATORS.computeIfAbsent(type, t -> Validator.create(JsonSchema.of(JsonSchemas.load(t)),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://rwa-prime.io/")
            .setOutputFormat(OutputFormat.Basic)));
  }

  /** Asserts that {@code message} matches its schema and survives JSON text both ways. */
  static void assertJsonContract(Object message) {
    Class<?> type = message.getClass();
    JsonObject json = Messages.toJson(message);
    OutputUnit result = validator(type).validate(json);
    assertThat(result.getValid()).as("%s validates against %s: %s", json.encode(), JsonSchemas.resourcePath(type),
        result.getErrors()).isTrue();
    assertThat(Messages.fromJson(type, json)).isEqualTo(message);
    JsonObject reparsed = new JsonObject(json.encode());
    assertThat(validator(type).validate(reparsed).getValid()).isTrue();
    assertThat(Messages.fromJson(type, reparsed)).isEqualTo(message);
  }

  @Property
  void rawRecordMatchesSchema(@ForAll("rawRecords") RawRecord m) {
    assertJsonContract(m);
  }

  @Property
  void tickMatchesSchema(@ForAll("ticks") Tick m) {
    assertJsonContract(m);
  }

  @Property
  void barMatchesSchema(@ForAll("bars") Bar m) {
    assertJsonContract(m);
  }

  @Property
  void onchainMetricMatchesSchema(@ForAll("onchainMetrics") OnchainMetric m) {
    assertJsonContract(m);
  }

  @Property
  void onchainEventMatchesSchema(@ForAll("onchainEvents") OnchainEvent m) {
    assertJsonContract(m);
  }

  @Property
  void macroPointMatchesSchema(@ForAll("macroPoints") MacroPoint m) {
    assertJsonContract(m);
  }

  @Property
  void newsItemMatchesSchema(@ForAll("newsItems") NewsItem m) {
    assertJsonContract(m);
  }

  @Property
  void forecastMatchesSchema(@ForAll("forecasts") Forecast m) {
    assertJsonContract(m);
  }

  @Property
  void riskScoreMatchesSchema(@ForAll("riskScores") RiskScore m) {
    assertJsonContract(m);
  }

  @Property
  void alertRuleMatchesSchema(@ForAll("alertRules") AlertRule m) {
    assertJsonContract(m);
  }

  @Property
  void alertEventMatchesSchema(@ForAll("alertEvents") AlertEvent m) {
    assertJsonContract(m);
  }

  @Property
  void deadLetterMatchesSchema(@ForAll("deadLetters") DeadLetter m) {
    assertJsonContract(m);
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
