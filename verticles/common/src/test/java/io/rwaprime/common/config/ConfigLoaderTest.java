package io.rwaprime.common.config;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  private static Vertx vertx;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static RwaConfig load(String profile, Optional<Path> file, Map<String, String> env, Map<String, String> props)
      throws Exception {
    return ConfigLoader.load(vertx, new ConfigLoader.Sources(profile, file, env, props)).await(20, TimeUnit.SECONDS);
  }

  private static ConfigException failure(String profile, Optional<Path> file, Map<String, String> env,
                                         Map<String, String> props) {
    try {
      load(profile, file, env, props);
    } catch (ConfigException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a ConfigException, got " + e, e);
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  @DisplayName("the packaged defaults give the embedded default: port 8080, embedded database, simulator on")
  void packagedDefaultsDescribeTheEmbeddedDefault() throws Exception {
    RwaConfig cfg = load("dev", Optional.empty(), Map.of(), Map.of());
    assertThat(cfg.http().port()).isEqualTo(8080);
    assertThat(cfg.database().embedded()).isTrue();
    assertThat(cfg.redis().url()).isEmpty();
    assertThat(cfg.kafka().bootstrapServers()).isEmpty();
    assertThat(cfg.simulator().enabled()).isTrue();
    assertThat(cfg.simulator().ticksPerSecond()).isEqualTo(20.0);
    assertThat(cfg.cluster().enabled()).isFalse();
    assertThat(cfg.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void profileLayerOverridesDefaults() throws Exception {
    RwaConfig test = load("test", Optional.empty(), Map.of(), Map.of());
    assertThat(test.http().instances()).isEqualTo(1);
    assertThat(test.logging().level()).isEqualTo("WARN");
    RwaConfig k8s = load("k8s", Optional.empty(), Map.of(), Map.of());
    assertThat(k8s.logging().format()).isEqualTo("json");
    assertThat(k8s.cluster().enabled()).isTrue();
    assertThat(k8s.cluster().kubernetesServiceDns()).isNotBlank();
  }

  @Test
  void layersApplyInOrderFileThenEnvironmentThenSystemProperties() throws Exception {
    Path file = write("""
        http:
          port: 9000
          instances: 3
        database:
          pool-size: 12
        cluster:
          members: [127.0.0.1:5701, 127.0.0.1:5702]
        """);
    RwaConfig cfg = load("dev", Optional.of(file),
        Map.of("RWA_HTTP_PORT", "9100", "RWA_REDIS_URL", "redis://127.0.0.1:6390", "PATH", "/usr/bin"),
        Map.of("rwa.http.port", "9200", "java.version", "21"));
    assertThat(cfg.http().port()).isEqualTo(9200);
    assertThat(cfg.http().instances()).isEqualTo(3);
    assertThat(cfg.database().poolSize()).isEqualTo(12);
    assertThat(cfg.redis().url()).contains("redis://127.0.0.1:6390");
    assertThat(cfg.cluster().members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
  }

  @Test
  void environmentCarriesListsAndRoleInstances() throws Exception {
    RwaConfig cfg = load("dev", Optional.empty(),
        Map.of("RWA_CLUSTER_MEMBERS", "10.1.0.5:5701, 10.1.0.6:5701", "RWA_ROLES_INSTANCES_CLEANSING", "4",
            "RWA_SIMULATOR_ENABLED", "false"),
        Map.of());
    assertThat(cfg.cluster().members()).containsExactly("10.1.0.5:5701", "10.1.0.6:5701");
    assertThat(cfg.roles().instancesOf("cleansing")).isEqualTo(4);
    assertThat(cfg.simulator().enabled()).isFalse();
  }

  @Test
  void envNameFollowsThePath() {
    assertThat(ConfigLoader.envName("database.pool-size")).isEqualTo("RWA_DATABASE_POOL_SIZE");
    assertThat(ConfigLoader.envName("database.embedded.data-dir")).isEqualTo("RWA_DATABASE_EMBEDDED_DATA_DIR");
  }

  @Test
  void rejectsPortOutOfRangeNamingTheKey() {
    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_HTTP_PORT", "70000"), Map.of());
    assertThat(e.key()).isEqualTo("http.port");
    assertThat(e.getMessage()).contains("http.port").contains("70000");
  }

  @Test
  void rejectsNonNumericPoolSize() {
    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_DATABASE_POOL_SIZE", "lots"), Map.of());
    assertThat(e.key()).isEqualTo("database.pool-size");
    assertThat(e.getMessage()).contains("'lots'");
  }

  @Test
  void rejectsUnknownKeyInFile() throws IOException {
    Path file = write("""
        http:
          prot: 9000
        """);
    ConfigException e = failure("dev", Optional.of(file), Map.of(), Map.of());
    assertThat(e.key()).isEqualTo("http.prot");
    assertThat(e.getMessage()).contains("unknown configuration key");
  }

  @Test
  void environmentCarriesAListOfMapsAsJson() throws Exception {
    RwaConfig cfg = load("dev", Optional.empty(), Map.of("RWA_ONCHAIN_CHAINS",
        "[{\"name\": \"ethereum\", \"chain-id\": 1, \"rpc\": [\"https://rpc.example.org/KEY\"]}]"), Map.of());
    assertThat(cfg.onchain().chains()).hasSize(1);
    assertThat(cfg.onchain().chains().get(0).getString("name")).isEqualTo("ethereum");
    assertThat(cfg.onchain().chains().get(0).getJsonArray("rpc").getString(0)).isEqualTo("https://rpc.example.org/KEY");
    assertThat(cfg.onchain().metricsInterval()).isEqualTo(java.time.Duration.ofHours(1));

    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_ONCHAIN_CHAINS", "[{\"name\": "), Map.of());
    assertThat(e.key()).isEqualTo("onchain.chains");
    assertThat(e.getMessage()).contains("not a JSON array");
  }

  @Test
  void streamSourcesAreBusOrKafka() throws Exception {
    RwaConfig cfg = load("dev", Optional.empty(), Map.of("RWA_ALERTS_SOURCE", "Kafka",
        "RWA_BRIDGE_INBOUND_MAX_IN_FLIGHT", "64"), Map.of());
    assertThat(cfg.alerts().fromKafka()).isTrue();
    assertThat(cfg.alerts().ticksTopic()).isEqualTo("ticks-clean");
    assertThat(cfg.alerts().groupId()).isEqualTo("rwa-alerts");
    assertThat(cfg.bridge().inboundMaxInFlight()).isEqualTo(64);
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_ALERTS_SOURCE", "queue"), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("alerts.source"))
        .hasMessageContaining("must be bus or kafka");
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_CLEANSING_GOLD_SOURCE", "redis"), Map.of()).key())
        .isEqualTo("cleansing.gold-source");
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_BRIDGE_INBOUND_MAX_IN_FLIGHT", "0"), Map.of()).key())
        .isEqualTo("bridge.inbound-max-in-flight");
  }

  @Test
  void rejectsUnknownEnvironmentVariable() {
    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_HTTP_PROT", "1"), Map.of());
    assertThat(e.key()).isEqualTo("RWA_HTTP_PROT");
  }

  @Test
  void rejectsUnknownSystemProperty() {
    ConfigException e = failure("dev", Optional.empty(), Map.of(), Map.of("rwa.htp.port", "1"));
    assertThat(e.key()).isEqualTo("htp.port");
  }

  @Test
  void rejectsBadDurationAndInvertedBackoff() {
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_SHUTDOWN_TIMEOUT", "20 seconds"), Map.of()).key())
        .isEqualTo("shutdown.timeout");
    assertThat(failure("dev", Optional.empty(),
        Map.of("RWA_REDIS_RECONNECT_MIN", "PT5S", "RWA_REDIS_RECONNECT_MAX", "PT1S"), Map.of()).key())
        .isEqualTo("redis.reconnect-max");
  }

  @Test
  @DisplayName("a port range in a cluster member entry is refused (Hazelcast does not parse it there)")
  void rejectsPortRangeInClusterMember() {
    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_CLUSTER_MEMBERS", "127.0.0.1:5701-5703"), Map.of());
    assertThat(e.key()).isEqualTo("cluster.members");
    assertThat(e.getMessage()).contains("one port number");
  }

  @Test
  void rejectsDatabaseUrlWithWrongScheme() {
    ConfigException e = failure("dev", Optional.empty(), Map.of("RWA_DATABASE_URL", "mysql://db:3306/rwa"), Map.of());
    assertThat(e.key()).isEqualTo("database.url");
  }

  @Test
  void rejectsUnknownProfileAndUnreadableFile() {
    assertThat(failure("prod", Optional.empty(), Map.of(), Map.of()).key()).isEqualTo("profile");
    assertThat(failure("dev", Optional.of(tmp.resolve("missing.yaml")), Map.of(), Map.of()).key()).isEqualTo("--config");
  }

  @Test
  void rejectsYamlThatDoesNotParse() throws IOException {
    Path file = write("http: [unclosed\n");
    assertThat(failure("dev", Optional.of(file), Map.of(), Map.of()).getMessage()).contains("cannot parse YAML");
  }

  @Test
  void rejectsBadLogLevelAndFormat() {
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_LOGGING_LEVEL", "LOUD"), Map.of()).key())
        .isEqualTo("logging.level");
    assertThat(failure("dev", Optional.empty(), Map.of("RWA_LOGGING_FORMAT", "xml"), Map.of()).key())
        .isEqualTo("logging.format");
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(tmp, "rwa", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
