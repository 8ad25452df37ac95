package io.rwaprime.events;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemasTest {

  @Test
  void everyMessageHasASchemaWithItsId() {
    assertThat(JsonSchemas.messageTypes()).hasSize(12);
    for (Class<?> type : JsonSchemas.messageTypes()) {
      JsonObject schema = JsonSchemas.load(type);
      assertThat(schema.getString("$id")).isEqualTo(JsonSchemas.id(type))
          .isEqualTo("https://rwa-prime.io/schemas/" + JsonSchemas.name(type) + ".schema.json");
      assertThat(schema.getString("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.getBoolean("additionalProperties")).isFalse();
      assertThat(schema.getString("title")).isEqualTo(type.getSimpleName());
    }
    assertThat(JsonSchemas.resourcePath(OnchainMetric.class)).isEqualTo("schemas/onchain-metric.schema.json");
  }

  @Test
  void schemasDescribeExactlyTheFieldsTheRecordsWrite() {
    for (Object full : Samples.full()) {
      JsonObject schema = JsonSchemas.load(full.getClass());
      assertThat(schema.getJsonObject("properties").fieldNames())
          .as("properties of %s", full.getClass().getSimpleName())
          .containsExactlyInAnyOrderElementsOf(Messages.toJson(full).fieldNames());
    }
    for (Object minimal : Samples.minimal()) {
      List<Object> required = JsonSchemas.load(minimal.getClass()).getJsonArray("required").getList();
      assertThat(new HashSet<>(required)).as("required of %s", minimal.getClass().getSimpleName())
          .isEqualTo(Set.copyOf(Messages.toJson(minimal).fieldNames()));
    }
  }

  @Test
  void schemasAcceptTheSamplesAndRejectWhatFromJsonRejects() {
    for (Object m : Samples.full()) {
      JsonSchemaPropertyTest.assertJsonContract(m);
    }
    for (Object m : Samples.minimal()) {
      JsonSchemaPropertyTest.assertJsonContract(m);
    }
    var tick = JsonSchemaPropertyTest.validator(Tick.class);
    JsonObject ok = Samples.tick().toJson();
    assertThat(tick.validate(ok.copy().put("price", "0.00")).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("price", "-1")).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("price", 108.45)).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("volume", "-0.5")).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("symbol", "ousg")).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("extra", 1)).getValid()).isFalse();
    assertThat(tick.validate(ok.copy().put("event_time", "not a time")).getValid()).isFalse();
    JsonObject noSequence = ok.copy();
    noSequence.remove("sequence");
    assertThat(tick.validate(noSequence).getValid()).isFalse();
    var onchain = JsonSchemaPropertyTest.validator(OnchainEvent.class);
    JsonObject event = Samples.onchainEvent().toJson();
    String mixedCase = "0xAbC0000000000000000000000000000000000000";
    assertThat(onchain.validate(event.copy().put("from", mixedCase)).getValid()).isTrue();
    assertThat(onchain.validate(event.copy().put("from", "0xabc")).getValid()).isFalse();
    assertThat(onchain.validate(event.copy().put("tx_hash", "0x" + "g".repeat(64))).getValid()).isFalse();
    assertThat(onchain.validate(event.copy().put("kind", "transfer")).getValid()).isFalse();
    assertThat(onchain.validate(event.copy().put("block_number", -1)).getValid()).isFalse();
    assertThat(onchain.validate(event.copy().put("amount", "-1")).getValid()).isFalse();
    assertThat(onchain.validate(event.copy().put("provisional", "true")).getValid()).isFalse();
    var forecast = JsonSchemaPropertyTest.validator(Forecast.class);
    JsonObject f = Samples.full(Forecast.class).toJson();
    f.getJsonArray("steps").getJsonObject(0).put("unknown", 1);
    assertThat(forecast.validate(f).getValid()).isFalse();
  }

  @Test
  void nestedRecordsHaveNoSchemaOfTheirOwn() {
    assertThatThrownBy(() -> JsonSchemas.resourcePath(ForecastStep.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$defs");
  }
}
