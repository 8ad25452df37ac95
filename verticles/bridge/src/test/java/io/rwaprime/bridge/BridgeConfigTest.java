package io.rwaprime.bridge;

import io.rwaprime.common.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bridge refuses a producer that would not be idempotent with acks=all, and mappings it cannot honour. */
class BridgeConfigTest {

  @Test
  void theProducerIsIdempotentWithAcksAllWhateverElseIsSet() {
    var p = KafkaOut.properties("127.0.0.1:9092", Map.of("linger.ms", "20", "compression.type", "zstd"));
    assertThat(p.getProperty("acks")).isEqualTo("all");
    assertThat(p.getProperty("enable.idempotence")).isEqualTo("true");
    assertThat(p.getProperty("linger.ms")).isEqualTo("20");
  }

  @Test
  void aProducerThatWouldNotBeIdempotentIsRefused() {
    assertThatThrownBy(() -> KafkaOut.properties("h:1", Map.of("acks", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bridge.producer.acks");
    assertThatThrownBy(() -> KafkaOut.properties("h:1", Map.of("enable.idempotence", "false")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bridge.producer.enable.idempotence");
    // settings that idempotence cannot live with are caught on the effective configuration
    assertThatThrownBy(() -> KafkaOut.properties("h:1", Map.of("max.in.flight.requests.per.connection", "10")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bridge.producer");
    assertThatThrownBy(() -> KafkaOut.properties("h:1", Map.of("retries", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bridge.producer");
  }

  @Test
  void mappingsNameTheirMistakes() {
    assertThat(Mapping.parse(List.of(new JsonObject().put("address", "rwa.ticks").put("topic", "ticks-clean")
        .put("type", "tick")), "outbound")).singleElement().satisfies(m -> assertThat(m.type().name()).isEqualTo("tick"));
    assertThatThrownBy(() -> Mapping.parse(List.of(new JsonObject().put("address", "rwa.ticks").put("topic", "t")
        .put("type", "teck")), "outbound")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bridge.outbound[0].type").hasMessageContaining("known:");
    assertThatThrownBy(() -> Mapping.parse(List.of(new JsonObject().put("address", "rwa.ticks").put("topic", "a b")
        .put("type", "tick")), "inbound")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bridge.inbound[0].topic");
    assertThatThrownBy(() -> Mapping.parse(List.of(new JsonObject().put("address", "rwa.ticks").put("topic", "t")
        .put("type", "tick").put("key", "x")), "inbound")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bridge.inbound[0].key");
    assertThat(Mapping.parse(List.of(new JsonObject().put("address", "rwa.raw.price").put("topic", "price-data-raw")
        .put("type", "raw-record").put("acknowledged", true)), "inbound")).singleElement()
        .satisfies(m -> assertThat(m.acknowledged()).isTrue());
    assertThatThrownBy(() -> Mapping.parse(List.of(new JsonObject().put("address", "rwa.ticks").put("topic", "t")
        .put("type", "tick").put("acknowledged", true)), "outbound")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bridge.outbound[0].acknowledged");
    assertThatThrownBy(() -> Mapping.parse(List.of(new JsonObject().put("address", "rwa.raw.price").put("topic", "t")
        .put("type", "raw-record").put("acknowledged", "yes")), "inbound")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be true or false");
  }
}
