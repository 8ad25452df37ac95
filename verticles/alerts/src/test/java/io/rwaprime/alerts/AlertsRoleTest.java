package io.rwaprime.alerts;

import io.rwaprime.common.config.ConfigException;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsRoleTest {

  @Test
  void kafkaAsTheSourceNeedsABroker() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RwaConfig without = config(vertx, Map.of("RWA_ALERTS_SOURCE", "kafka"));
      assertThatThrownBy(() -> new AlertsRole().validate(without)).isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("alerts.source"))
          .hasMessageContaining("kafka.bootstrap-servers");
      new AlertsRole().validate(config(vertx, Map.of("RWA_ALERTS_SOURCE", "kafka",
          "RWA_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")));
      new AlertsRole().validate(config(vertx, Map.of()));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static RwaConfig config(Vertx vertx, Map<String, String> env) throws Exception {
    return ConfigLoader.load(vertx, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of()))
        .await(20, TimeUnit.SECONDS);
  }
}
