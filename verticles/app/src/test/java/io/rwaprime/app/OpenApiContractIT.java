package io.rwaprime.app;

import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is the contract: every route that every role mounts is in it, with its method, and every
 * operation in it is served. A route added without documenting it fails this test.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OpenApiContractIT {

  private static MeshLauncher launcher;
  private static int port;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("contract");
    port = FreePorts.find();
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(port));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_ENABLED", "false");
    env.put("RWA_INGESTION_BRONZE_DIR", Files.createTempDirectory("rwa-bronze").toString());
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, Roles.resolve(java.util.List.of("all")).stream().map(Roles::get).toList());
    launcher.startServing().await(2, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> paths() throws Exception {
    try (var in = OpenApiContractIT.class.getClassLoader().getResourceAsStream("openapi/openapi.yaml")) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return (Map<String, Object>) doc.get("paths");
    }
  }

  @Test
  @DisplayName("every mounted route is an operation of /openapi.yaml, and every operation is mounted")
  @SuppressWarnings("unchecked")
  void routesAndContractAgree() throws Exception {
    Map<String, Object> paths = paths();
    Set<String> mounted = new TreeSet<>();
    for (Route route : launcher.router().getRoutes()) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || !route.isExactPath() || methods == null || methods.isEmpty() || path.contains("*")) {
        continue;
      }
      for (HttpMethod m : methods) {
        mounted.add(m.name().toLowerCase(Locale.ROOT) + " " + path.replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
      }
    }
    Set<String> documented = new TreeSet<>();
    paths.forEach((path, item) -> ((Map<String, Object>) item).keySet().stream()
        .filter(k -> Set.of("get", "post", "put", "patch", "delete").contains(k))
        .forEach(m -> documented.add(m + " " + path)));
    assertThat(mounted).as("routes missing from /openapi.yaml").isSubsetOf(documented);
    assertThat(documented).as("operations of /openapi.yaml that no role serves").isSubsetOf(mounted);
  }

  @Test
  void servesTheDocumentAndTheDocsPage() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx);
      var yaml = client.get(port, "127.0.0.1", "/openapi.yaml").send().await(10, TimeUnit.SECONDS);
      assertThat(yaml.statusCode()).isEqualTo(200);
      assertThat(yaml.bodyAsString()).startsWith("openapi: 3.1.0");
      var docs = client.get(port, "127.0.0.1", "/docs").send().await(10, TimeUnit.SECONDS);
      assertThat(docs.statusCode()).isEqualTo(200);
      assertThat(docs.getHeader("Content-Type")).startsWith("text/html");
      assertThat(docs.bodyAsString()).contains("GET /api/v1/assets/{symbol}/ohlcv").doesNotContain("<script");
      // a request that breaks the contract never reaches its handler
      var bad = client.post(port, "127.0.0.1", "/api/v1/auth/login").putHeader("Content-Type", "application/json")
          .sendJsonObject(new JsonObject().put("email", "a@b.co").put("password", "x".repeat(300))).await(10, TimeUnit.SECONDS);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
    } finally {
      vertx.close().await();
    }
  }

}
