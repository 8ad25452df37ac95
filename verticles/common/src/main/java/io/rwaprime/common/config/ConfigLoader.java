package io.rwaprime.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads the configuration in layers, later layers winning:
 * <ol>
 *   <li>packaged defaults {@code rwa/application.yaml};</li>
 *   <li>the profile's {@code rwa/application-<profile>.yaml};</li>
 *   <li>an optional file given with {@code --config};</li>
 *   <li>environment variables {@code RWA_<PATH>} (e.g. {@code RWA_DATABASE_POOL_SIZE});</li>
 *   <li>system properties {@code rwa.<path>} (e.g. {@code -Drwa.http.port=9090}).</li>
 * </ol>
 * The result is validated into a {@link RwaConfig}; any bad or unknown key fails the load with a
 * {@link ConfigException} naming it.
 */
public final class ConfigLoader {

  /** Profiles that ship with the product. */
  public static final Set<String> PROFILES = Set.of("dev", "test", "k8s");

  private static final String ENV_PREFIX = "RWA_";
  private static final String SYS_PREFIX = "rwa.";

  private ConfigLoader() {}

  /** What the launcher learned from its command line and environment before reading any file. */
  public record Sources(String profile, Optional<Path> file, Map<String, String> env, Map<String, String> sysProps) {

    /** The process's own environment and system properties, with the profile taken from them unless given. */
    public static Sources ofProcess(Optional<String> profile, Optional<Path> file) {
      Map<String, String> props = new TreeMap<>();
      System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
      String chosen = profile
          .or(() -> Optional.ofNullable(props.get(SYS_PREFIX + "profile")))
          .or(() -> Optional.ofNullable(System.getenv(ENV_PREFIX + "PROFILE")))
          .orElse("dev");
      return new Sources(chosen, file, System.getenv(), props);
    }
  }

  /** Reads every layer and validates the result. */
  public static Future<RwaConfig> load(Vertx vertx, Sources sources) {
    if (!PROFILES.contains(sources.profile())) {
      return Future.failedFuture(new ConfigException("profile",
          "unknown profile '" + sources.profile() + "' (known: " + new TreeSet<>(PROFILES) + ")"));
    }
    if (sources.file().isPresent() && !Files.isReadable(sources.file().get())) {
      return Future.failedFuture(new ConfigException("--config",
          "cannot read configuration file " + sources.file().get().toAbsolutePath()));
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false)
        .addStore(yaml("rwa/application.yaml", false))
        .addStore(yaml("rwa/application-" + sources.profile() + ".yaml", true));
    sources.file().ifPresent(f -> options.addStore(yaml(f.toAbsolutePath().toString(), false)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .andThen(ar -> retriever.close())
        .recover(err -> Future.failedFuture(new ConfigException(
            sources.file().map(Path::toString).orElse("rwa/application.yaml"),
            "cannot parse YAML: " + rootCause(err).getMessage())))
        .compose(files -> {
          try {
            JsonObject merged = overlay(files, sources);
            return Future.succeededFuture(parse(sources.profile(), merged));
          } catch (ConfigException e) {
            return Future.failedFuture(e);
          }
        });
  }

  /**
   * Applies environment variables and system properties on top of the file layers. Only keys that
   * exist in the files can be set this way, which is what lets a typo be refused.
   */
  static JsonObject overlay(JsonObject files, Sources sources) {
    JsonObject merged = files.copy();
    Map<String, String> byEnvName = new TreeMap<>();
    Set<String> leaves = new TreeSet<>();
    collectLeaves("", files, leaves);
    for (String leaf : leaves) {
      byEnvName.put(envName(leaf), leaf);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(sources.env()).entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX) || e.getKey().equals(ENV_PREFIX + "PROFILE")) {
        continue;
      }
      String path = byEnvName.get(e.getKey());
      if (path == null) {
        throw new ConfigException(e.getKey(), "unknown environment variable: no configuration key has this name");
      }
      put(merged, path, e.getValue());
    }
    for (Map.Entry<String, String> e : new TreeMap<>(sources.sysProps()).entrySet()) {
      if (!e.getKey().startsWith(SYS_PREFIX) || e.getKey().equals(SYS_PREFIX + "profile")) {
        continue;
      }
      String path = e.getKey().substring(SYS_PREFIX.length());
      if (!leaves.contains(path)) {
        throw new ConfigException(path, "unknown system property -D" + e.getKey());
      }
      put(merged, path, e.getValue());
    }
    return merged;
  }

  /** The environment variable that sets a dotted key: {@code database.pool-size → RWA_DATABASE_POOL_SIZE}. */
  public static String envName(String path) {
    return ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static RwaConfig parse(String profile, JsonObject tree) {
    ConfigReader r = new ConfigReader(tree);
    RwaConfig.Http http = new RwaConfig.Http(
        r.nonBlank("http.host"),
        r.integer("http.port", 0, 65535),
        r.integer("http.instances", 1, 64),
        r.integer("http.max-body-bytes", 1024, 256 * 1024 * 1024),
        r.bool("http.access-log"),
        corsOrigins(r.strings("http.cors-origins")));
    RwaConfig.Roles roles = new RwaConfig.Roles(r.integerMap("roles.instances", 1, 64));
    RwaConfig.Cluster cluster = new RwaConfig.Cluster(
        r.bool("cluster.enabled"),
        r.nonBlank("cluster.host"),
        r.integer("cluster.port", 1, 65535),
        r.strings("cluster.members"),
        r.nonBlank("cluster.cluster-name"),
        r.integer("cluster.event-bus-port", 0, 65535),
        r.string("cluster.kubernetes-service-dns"));
    for (String member : cluster.members()) {
      validateMember(member);
    }
    Optional<URI> dbUrl = Optional.of(r.string("database.url")).filter(s -> !s.isEmpty()).map(ConfigLoader::dbUri);
    RwaConfig.Database database = new RwaConfig.Database(
        dbUrl,
        r.nonBlank("database.user"),
        r.string("database.password"),
        r.integer("database.pool-size", 1, 512),
        Path.of(r.nonBlank("database.embedded.data-dir")),
        r.integer("database.embedded.port", 0, 65535),
        r.nonBlank("database.embedded.password"));
    Duration reconnectMin = r.duration("redis.reconnect-min", Duration.ofMillis(10), Duration.ofMinutes(5));
    Duration reconnectMax = r.duration("redis.reconnect-max", Duration.ofMillis(10), Duration.ofMinutes(30));
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new ConfigException("redis.reconnect-max", "must not be shorter than redis.reconnect-min");
    }
    Optional<String> redisUrl = Optional.of(r.string("redis.url")).filter(s -> !s.isEmpty());
    redisUrl.ifPresent(ConfigLoader::validateRedisUrl);
    RwaConfig.Redis redis = new RwaConfig.Redis(redisUrl, r.integer("redis.max-pool-size", 1, 1024),
        reconnectMin, reconnectMax);
    RwaConfig.Kafka kafka = new RwaConfig.Kafka(
        Optional.of(r.string("kafka.bootstrap-servers")).filter(s -> !s.isEmpty()));
    RwaConfig.Auth auth = new RwaConfig.Auth(
        r.nonBlank("api.auth.issuer"),
        r.nonBlank("api.auth.audience"),
        Path.of(r.nonBlank("api.auth.keys-dir")),
        r.bool("api.auth.generate-keys"),
        r.duration("api.auth.access-ttl", Duration.ofSeconds(30), Duration.ofHours(1)),
        r.duration("api.auth.refresh-ttl", Duration.ofMinutes(5), Duration.ofDays(90)),
        r.duration("api.auth.challenge-ttl", Duration.ofSeconds(30), Duration.ofMinutes(15)),
        r.integer("api.auth.argon2.memory-kib", 1024, 4 * 1024 * 1024),
        r.integer("api.auth.argon2.iterations", 1, 100),
        r.integer("api.auth.argon2.parallelism", 1, 64),
        r.integer("api.auth.totp.max-failures", 1, 10),
        r.duration("api.auth.totp.lockout", Duration.ofSeconds(1), Duration.ofDays(1)));
    RwaConfig.RateLimits limits = new RwaConfig.RateLimits(
        r.duration("api.rate-limits.window", Duration.ofSeconds(1), Duration.ofHours(1)),
        r.integer("api.rate-limits.anonymous", 0, 10_000_000),
        r.integer("api.rate-limits.explorer", 0, 10_000_000),
        r.integer("api.rate-limits.professional", 0, 10_000_000),
        r.integer("api.rate-limits.enterprise", 0, 10_000_000),
        r.integer("api.rate-limits.admin", 0, 10_000_000),
        r.duration("api.rate-limits.login-window", Duration.ofSeconds(1), Duration.ofHours(24)),
        r.integer("api.rate-limits.login-per-account", 1, 10_000),
        r.integer("api.rate-limits.login-per-ip", 1, 100_000));
    String adminEmail = r.string("api.bootstrap-admin.email");
    String adminPassword = r.string("api.bootstrap-admin.password");
    if (adminEmail.isEmpty() != adminPassword.isEmpty()) {
      throw new ConfigException(adminEmail.isEmpty() ? "api.bootstrap-admin.email" : "api.bootstrap-admin.password",
          "set both api.bootstrap-admin.email and api.bootstrap-admin.password, or neither");
    }
    if (!adminPassword.isEmpty() && adminPassword.length() < 12) {
      throw new ConfigException("api.bootstrap-admin.password", "must have at least 12 characters");
    }
    String starttls = r.nonBlank("api.mail.starttls");
    if (!Set.of("required", "optional", "disabled").contains(starttls)) {
      throw new ConfigException("api.mail.starttls", "must be required, optional or disabled, got '" + starttls + "'");
    }
    String baseUrl = r.nonBlank("api.mail.base-url");
    if (!baseUrl.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
      throw new ConfigException("api.mail.base-url", "must be an http(s) URL such as https://rwa-prime.example.com");
    }
    RwaConfig.Mail mail = new RwaConfig.Mail(r.string("api.mail.host"), r.integer("api.mail.port", 1, 65535), starttls,
        r.string("api.mail.username"), r.string("api.mail.password"), r.nonBlank("api.mail.from"),
        baseUrl.replaceAll("/+$", ""));
    RwaConfig.Api api = new RwaConfig.Api(r.string("api.admin-token"), auth, limits,
        new RwaConfig.BootstrapAdmin(adminEmail, adminPassword), mail);
    Map<String, String> pushKeys = new java.util.LinkedHashMap<>();
    for (String pair : r.strings("ingestion.push.keys")) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new ConfigException("ingestion.push.keys", "expected name:secret pairs");
      }
      String name = pair.substring(0, colon);
      String secret = pair.substring(colon + 1);
      if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
        throw new ConfigException("ingestion.push.keys", "key name '" + name + "' must be 1–32 of a-z, 0-9, '_' or '-'");
      }
      if (secret.length() < 16) {
        throw new ConfigException("ingestion.push.keys", "the secret of key '" + name + "' must have at least 16 characters");
      }
      if (pushKeys.put(name, secret) != null) {
        throw new ConfigException("ingestion.push.keys", "key name '" + name + "' appears twice");
      }
    }
    RwaConfig.Ingestion ingestion = new RwaConfig.Ingestion(
        r.integer("ingestion.max-payload-bytes", 1024, 64 * 1024 * 1024),
        r.bool("ingestion.bronze.enabled"),
        Path.of(r.nonBlank("ingestion.bronze.dir")),
        r.duration("ingestion.bronze.flush-interval", Duration.ofMillis(10), Duration.ofMinutes(5)),
        r.integer("ingestion.bronze.max-file-bytes", 1024 * 1024, Integer.MAX_VALUE),
        pushKeys,
        r.integer("ingestion.push.max-items", 1, 1_000_000),
        r.objects("ingestion.sources"));
    RwaConfig.Cleansing cleansing = new RwaConfig.Cleansing(
        r.duration("cleansing.close-delay", Duration.ZERO, Duration.ofHours(1)),
        r.duration("cleansing.allowed-lateness", Duration.ZERO, Duration.ofDays(7)),
        r.integer("cleansing.hampel-window", 5, 10_000),
        r.decimal("cleansing.hampel-threshold", 1, 1000),
        r.integer("cleansing.stale-after-intervals", 2, 100_000),
        r.nonBlank("cleansing.tbill-series"),
        source("cleansing.gold-source", r.nonBlank("cleansing.gold-source")),
        r.nonBlank("cleansing.gold-topic"));
    RwaConfig.Simulator simulator = new RwaConfig.Simulator(
        r.bool("simulator.enabled"),
        r.decimal("simulator.ticks-per-second", 0.001, 10_000_000),
        r.longValue("simulator.seed"),
        r.integer("simulator.history-days", 0, 365));
    Duration shutdown = r.duration("shutdown.timeout", Duration.ofMillis(100), Duration.ofMinutes(10));
    String format = r.nonBlank("logging.format").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException("logging.format", "must be text or json, got '" + format + "'");
    }
    String level = r.nonBlank("logging.level").toUpperCase(Locale.ROOT);
    if (!Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
      throw new ConfigException("logging.level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, got '" + level + "'");
    }
    RwaConfig.Risk risk = risk(r);
    RwaConfig.Forecasting forecasting = forecasting(r);
    RwaConfig.Fanout fanout = new RwaConfig.Fanout(
        r.duration("fanout.batch-window", Duration.ofMillis(1), Duration.ofSeconds(5)),
        r.integer("fanout.queue-size", 1, 1_000_000),
        r.integer("fanout.replay-size", 1, 1_000_000),
        r.duration("fanout.replay-age", Duration.ofSeconds(1), Duration.ofHours(24)),
        r.duration("fanout.ping-interval", Duration.ofSeconds(1), Duration.ofMinutes(10)),
        origins("fanout.allowed-origins", r.strings("fanout.allowed-origins")),
        r.nonBlank("fanout.tcp-bridge.host"), r.integer("fanout.tcp-bridge.port", 0, 65535));
    RwaConfig.Alerts alerts = new RwaConfig.Alerts(
        r.duration("alerts.delivery-interval", Duration.ofMillis(50), Duration.ofMinutes(10)),
        r.duration("alerts.delivery-lease", Duration.ofSeconds(1), Duration.ofHours(1)),
        r.integer("alerts.max-attempts", 1, 100),
        r.integer("alerts.flood-limit", 1, 100_000),
        r.duration("alerts.digest-interval", Duration.ofSeconds(1), Duration.ofHours(1)),
        new RwaConfig.Telegram(r.string("alerts.telegram.bot-token"), r.string("alerts.telegram.base-url")),
        new RwaConfig.Webhooks(r.bool("alerts.webhooks.allow-http"), r.bool("alerts.webhooks.allow-private")),
        new RwaConfig.Fcm(r.string("alerts.fcm.service-account-file"), r.string("alerts.fcm.base-url")),
        new RwaConfig.Apns(r.string("alerts.apns.team-id"), r.string("alerts.apns.key-id"),
            r.string("alerts.apns.key-file"), r.string("alerts.apns.topic"), r.string("alerts.apns.host"),
            r.integer("alerts.apns.port", 1, 65535)),
        new RwaConfig.WebPush(r.string("alerts.webpush.vapid-public-key"), r.string("alerts.webpush.vapid-private-key"),
            r.string("alerts.webpush.subject"), r.strings("alerts.webpush.push-service-hosts"),
            r.bool("alerts.webpush.allow-plain-http")),
        source("alerts.source", r.nonBlank("alerts.source")), r.nonBlank("alerts.ticks-topic"),
        r.nonBlank("alerts.risk-topic"), r.nonBlank("alerts.group-id"));
    RwaConfig.Onchain onchain = new RwaConfig.Onchain(
        r.duration("onchain.metrics-interval", Duration.ofMinutes(1), Duration.ofDays(7)),
        r.objects("onchain.chains"),
        new RwaConfig.Devnet(r.bool("onchain.devnet.enabled"), r.strings("onchain.devnet.symbols"),
            r.duration("onchain.devnet.activity-interval", Duration.ofMillis(200), Duration.ofHours(1))));
    RwaConfig.Bridge bridge = new RwaConfig.Bridge(r.objects("bridge.outbound"), r.objects("bridge.inbound"),
        r.nonBlank("bridge.group-id"), r.stringMap("bridge.producer"),
        r.integer("bridge.inbound-max-in-flight", 1, 1_000_000));
    Set<String> unused = r.unusedKeys();
    if (!unused.isEmpty()) {
      String key = unused.iterator().next();
      throw new ConfigException(key, "unknown configuration key" + (unused.size() > 1 ? " (also: " + unused + ")" : ""));
    }
    return new RwaConfig(profile, http, roles, cluster, database, redis, kafka, api, ingestion, cleansing, simulator,
        shutdown,
        new RwaConfig.Logging(format, level), risk, forecasting, fanout, alerts, onchain, bridge);
  }

  /** A stream source setting: {@code bus} or {@code kafka}. */
  private static String source(String key, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (!s.equals("bus") && !s.equals("kafka")) {
      throw new ConfigException(key, "must be bus or kafka, got '" + v + "'");
    }
    return s;
  }

  private static List<String> corsOrigins(List<String> origins) {
    return origins("http.cors-origins", origins);
  }

  private static List<String> origins(String key, List<String> origins) {
    for (String o : origins) {
      if (!o.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new ConfigException(key, "'" + o + "' is not an origin such as https://app.example.com");
      }
    }
    return origins;
  }

  private static RwaConfig.Risk risk(ConfigReader r) {
    int minPrices = r.integer("risk.min-prices", 12, 100_000);
    int maxPrices = r.integer("risk.max-prices", 12, 1_000_000);
    if (maxPrices < minPrices) {
      throw new ConfigException("risk.max-prices", "must not be smaller than risk.min-prices");
    }
    Map<String, List<Double>> weights = new TreeMap<>();
    List<String> classes = new java.util.ArrayList<>(List.of("default"));
    for (io.rwaprime.common.assets.AssetClass c : io.rwaprime.common.assets.AssetClass.values()) {
      classes.add(c.label());
    }
    for (String c : classes) {
      List<String> raw = r.strings("risk.weights." + c);
      if (!raw.isEmpty()) {
        weights.put(c, categoryWeights("risk.weights." + c, raw));
      }
    }
    if (!weights.containsKey("default")) {
      throw new ConfigException("risk.weights.default", "required: market, credit, regulatory, technical in percent");
    }
    int paths = r.integer("risk.monte-carlo-paths", 0, 10_000_000);
    if (paths > 0 && paths < 100) {
      throw new ConfigException("risk.monte-carlo-paths", "must be 0 (no Monte Carlo) or at least 100, got " + paths);
    }
    return new RwaConfig.Risk(
        r.duration("risk.interval", Duration.ofSeconds(1), Duration.ofDays(1)),
        r.duration("risk.debounce", Duration.ZERO, Duration.ofHours(1)),
        minPrices, maxPrices,
        r.decimal("risk.risk-free-rate", -0.5, 1),
        paths,
        r.decimal("risk.fast-move.threshold", 0.5, 99),
        r.duration("risk.fast-move.window", Duration.ofSeconds(1), Duration.ofDays(30)),
        weights);
  }

  private static RwaConfig.Forecasting forecasting(ConfigReader r) {
    int minDaily = r.integer("forecasting.min-daily-bars", 20, 100_000);
    int minHourly = r.integer("forecasting.min-hourly-bars", 20, 100_000);
    int maxHistory = r.integer("forecasting.max-history", 50, 100_000);
    if (maxHistory < Math.max(minDaily, minHourly)) {
      throw new ConfigException("forecasting.max-history", "must not be smaller than forecasting.min-daily-bars and "
          + "forecasting.min-hourly-bars");
    }
    return new RwaConfig.Forecasting(
        r.duration("forecasting.interval", Duration.ofSeconds(1), Duration.ofDays(7)),
        r.duration("forecasting.first-run", Duration.ZERO, Duration.ofHours(1)),
        minDaily, minHourly, maxHistory,
        r.integer("forecasting.backtest-origins", 0, 500),
        r.decimal("forecasting.retrain-threshold", 1, 100),
        r.duration("forecasting.cache-ttl", Duration.ofSeconds(1), Duration.ofDays(1)),
        new RwaConfig.Lstm(r.bool("forecasting.lstm.enabled"), device(r.nonBlank("forecasting.lstm.device")),
            r.integer("forecasting.lstm.window", 2, 1000), r.integer("forecasting.lstm.units", 1, 1024),
            r.integer("forecasting.lstm.max-epochs", 1, 10_000)));
  }

  private static String device(String d) {
    String v = d.toLowerCase(Locale.ROOT);
    if (!Set.of("auto", "cpu", "gpu").contains(v)) {
      throw new ConfigException("forecasting.lstm.device", "must be auto, cpu or gpu, got '" + d + "'");
    }
    return v;
  }

  /** Four percentages (market, credit, regulatory, technical) summing to 100, as fractions. */
  private static List<Double> categoryWeights(String path, List<String> raw) {
    if (raw.size() != 4) {
      throw new ConfigException(path, "expected 4 percentages (market, credit, regulatory, technical), got " + raw.size());
    }
    List<Double> out = new java.util.ArrayList<>();
    double sum = 0;
    for (String s : raw) {
      double d;
      try {
        d = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new ConfigException(path, "expected a number, got '" + s + "'");
      }
      if (!(d >= 0 && d <= 100)) {
        throw new ConfigException(path, "each weight must be between 0 and 100, got " + s);
      }
      sum += d;
      out.add(d / 100);
    }
    if (Math.abs(sum - 100) > 1e-6) {
      throw new ConfigException(path, "the four weights must sum to 100, got " + sum);
    }
    return out;
  }

  private static URI dbUri(String s) {
    try {
      URI uri = new URI(s);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        throw new ConfigException("database.url", "expected postgresql://host:port/database, got scheme '" + uri.getScheme() + "'");
      }
      if (uri.getHost() == null) {
        throw new ConfigException("database.url", "has no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("database.url", "not a URL: " + e.getMessage());
    }
  }

  private static void validateRedisUrl(String s) {
    try {
      URI uri = new URI(s);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        throw new ConfigException("redis.url", "expected redis://host:port, got '" + s + "'");
      }
      if (uri.getHost() == null) {
        throw new ConfigException("redis.url", "has no host");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("redis.url", "not a URL: " + e.getMessage());
    }
  }

  private static void validateMember(String member) {
    int colon = member.lastIndexOf(':');
    if (colon <= 0 || colon == member.length() - 1) {
      throw new ConfigException("cluster.members", "expected host:port, got '" + member + "'");
    }
    try {
      int port = Integer.parseInt(member.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      // Hazelcast accepts port ranges in some places but not in a TCP/IP member entry
      throw new ConfigException("cluster.members", "expected host:port with one port number, got '" + member + "'");
    }
  }

  private static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml").setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }

  private static void collectLeaves(String prefix, JsonObject obj, Set<String> out) {
    for (Map.Entry<String, Object> e : obj) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue() instanceof JsonObject child && !child.isEmpty()) {
        collectLeaves(path, child, out);
      } else {
        out.add(path);
      }
    }
  }

  private static void put(JsonObject root, String path, String value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    Object existing = node.getValue(parts[parts.length - 1]);
    // lists are written comma-separated in the environment, or as a JSON array (lists of maps: onchain.chains)
    node.put(parts[parts.length - 1], !(existing instanceof JsonArray) ? value
        : value.trim().startsWith("[") ? jsonList(path, value) : splitList(value));
  }

  private static JsonArray jsonList(String path, String value) {
    try {
      return new JsonArray(value.trim());
    } catch (io.vertx.core.json.DecodeException e) {
      throw new ConfigException(path, "starts with '[' but is not a JSON array: " + e.getMessage());
    }
  }

  private static JsonArray splitList(String value) {
    JsonArray arr = new JsonArray();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        arr.add(part.trim());
      }
    }
    return arr;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
