package io.rwaprime.common.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole validated configuration of one rwa-prime process. Built once by {@link ConfigLoader}; each
 * verticle receives the part it needs in its constructor.
 */
public record RwaConfig(
    String profile,
    Http http,
    Roles roles,
    Cluster cluster,
    Database database,
    Redis redis,
    Kafka kafka,
    Api api,
    Ingestion ingestion,
    Cleansing cleansing,
    Simulator simulator,
    Duration shutdownTimeout,
    Logging logging,
    Risk risk,
    Forecasting forecasting,
    Fanout fanout,
    Alerts alerts,
    Onchain onchain,
    Bridge bridge) {

  public RwaConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(ingestion, "ingestion");
    Objects.requireNonNull(cleansing, "cleansing");
    Objects.requireNonNull(simulator, "simulator");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(forecasting, "forecasting");
    Objects.requireNonNull(fanout, "fanout");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(onchain, "onchain");
    Objects.requireNonNull(bridge, "bridge");
  }

  /** The HTTP server shared by every role of the process (health, metrics, the roles' routes). */
  /**
   * The HTTP server. {@code corsOrigins}: browser origins allowed to call the API cross-site (exact
   * {@code scheme://host[:port]}; empty = same-origin only).
   */
  public record Http(String host, int port, int instances, int maxBodyBytes, boolean accessLog, List<String> corsOrigins) {
    public Http {
      corsOrigins = List.copyOf(corsOrigins);
    }

    public Http(String host, int port, int instances, int maxBodyBytes, boolean accessLog) {
      this(host, port, instances, maxBodyBytes, accessLog, List.of());
    }
  }

  /** Instances per role verticle; a role missing from the map runs one instance. */
  public record Roles(Map<String, Integer> instances) {
    public Roles {
      instances = Map.copyOf(instances);
    }

    public int instancesOf(String role) {
      return instances.getOrDefault(role, 1);
    }
  }

  /** Hazelcast cluster membership: TCP/IP members on a fixed port, or Kubernetes discovery. */
  public record Cluster(
      boolean enabled,
      String host,
      int port,
      List<String> members,
      String clusterName,
      int eventBusPort,
      String kubernetesServiceDns) {
    public Cluster {
      members = List.copyOf(members);
    }

    public Cluster withEnabled(boolean on) {
      return new Cluster(on, host, port, members, clusterName, eventBusPort, kubernetesServiceDns);
    }
  }

  /** PostgreSQL: an external server when {@code url} is set, otherwise an embedded one. */
  public record Database(
      Optional<URI> url,
      String user,
      String password,
      int poolSize,
      Path embeddedDataDir,
      int embeddedPort,
      String embeddedPassword) {

    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** Redis for caches, counters and revocations; in-process fallbacks when {@code url} is empty. */
  public record Redis(Optional<String> url, int maxPoolSize, Duration reconnectMin, Duration reconnectMax) {}

  /** Kafka bootstrap servers; empty means the event bus alone carries the stream. */
  public record Kafka(Optional<String> bootstrapServers) {}

  /**
   * REST API settings. {@code adminToken} is a break-glass bearer token for {@code /api/v1/admin/*} (empty: only
   * admin users get in).
   */
  public record Api(String adminToken, Auth auth, RateLimits rateLimits, BootstrapAdmin bootstrapAdmin, Mail mail) {
    @Override
    public String toString() {
      return "Api[adminToken=" + (adminToken.isEmpty() ? "" : "***") + ", auth=" + auth + ", rateLimits=" + rateLimits
          + ", bootstrapAdmin=" + bootstrapAdmin + ", mail=" + mail + "]";
    }
  }

  /**
   * Outgoing mail (address verification, password reset) over SMTP. An empty {@code host} sends nothing: the flows
   * still work, and a warning at start says mail is off. {@code starttls}: {@code required}, {@code optional} or
   * {@code disabled}. {@code baseUrl} is the public address put into links.
   */
  public record Mail(String host, int port, String starttls, String username, String password, String from,
                     String baseUrl) {
    public boolean enabled() {
      return !host.isEmpty();
    }

    @Override
    public String toString() {
      return "Mail[host=" + host + ", port=" + port + ", starttls=" + starttls + ", username=" + username
          + ", password=" + (password.isEmpty() ? "" : "***") + ", from=" + from + ", baseUrl=" + baseUrl + "]";
    }
  }

  /**
   * Accounts and tokens. {@code keysDir} holds the RS256 signing keys and the data key; {@code generateKeys}
   * creates them when missing (development only: production mounts them, and an empty folder stops the start).
   */
  public record Auth(
      String issuer,
      String audience,
      Path keysDir,
      boolean generateKeys,
      Duration accessTtl,
      Duration refreshTtl,
      Duration challengeTtl,
      int argon2MemoryKib,
      int argon2Iterations,
      int argon2Parallelism,
      int totpMaxFailures,
      Duration totpLockout) {}

  /**
   * Requests per {@code window} by tier (0 = unlimited), for anonymous callers per IP, and the stricter budgets
   * of login and 2FA attempts per account and per IP.
   */
  public record RateLimits(
      Duration window,
      int anonymous,
      int explorer,
      int professional,
      int enterprise,
      int admin,
      Duration loginWindow,
      int loginPerAccount,
      int loginPerIp) {

    /** Requests per window for a tier name; 0 means unlimited. */
    public int forTier(String tier) {
      return switch (tier) {
        case "explorer" -> explorer;
        case "professional" -> professional;
        case "enterprise" -> enterprise;
        case "admin" -> admin;
        default -> anonymous;
      };
    }
  }

  /** An admin account created at start when both are set and no account has that e-mail address yet. */
  public record BootstrapAdmin(String email, String password) {
    @Override
    public String toString() {
      return "BootstrapAdmin[email=" + email + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
  }

  /**
   * Sources and the bronze archive. {@code sources} are the connector definitions as written in the
   * configuration; the ingestion role validates them into typed connector configs.
   */
  public record Ingestion(
      int maxPayloadBytes,
      boolean bronzeEnabled,
      Path bronzeDir,
      Duration bronzeFlushInterval,
      long bronzeMaxFileBytes,
      Map<String, String> pushKeys,
      int pushMaxItems,
      List<io.vertx.core.json.JsonObject> sources) {
    public Ingestion {
      pushKeys = Map.copyOf(pushKeys);
      sources = sources.stream().map(io.vertx.core.json.JsonObject::copy).toList();
    }

    @Override
    public String toString() {
      return "Ingestion[bronze=" + bronzeEnabled + " " + bronzeDir + ", pushKeys=" + pushKeys.keySet()
          + ", sources=" + sources.size() + "]";
    }
  }

  /**
   * Silver/gold settings: bar closing, lateness, outliers, stale feeds. {@code goldSource}: where the gold tick
   * writer reads cleaned ticks — {@code bus} (the event bus, the embedded default) or {@code kafka} (the
   * {@code goldTopic} topic that the bridge fills, offsets committed after the rows are stored).
   */
  public record Cleansing(
      Duration closeDelay,
      Duration allowedLateness,
      int hampelWindow,
      double hampelThreshold,
      int staleAfterIntervals,
      String tbillSeries,
      String goldSource,
      String goldTopic) {}

  /** The built-in market simulator source. */
  /**
   * The market simulator. {@code historyDays}: at the first start (no simulated history stored yet) the simulator
   * also writes this many days of past ticks, four per asset and hour, so that a fresh embedded mesh has daily bars,
   * features, risk and forecasts at once; 0 = none.
   */
  public record Simulator(boolean enabled, double ticksPerSecond, long seed, int historyDays) {}

  /** Log format ({@code text} or {@code json}) and root level. */
  public record Logging(String format, String level) {}

  /**
   * The risk role. Scores are recomputed every {@code interval} and {@code debounce} after the last closed 1h/1d
   * bar; each asset uses the finest bar interval (1d, else 1h, 5m, 1m) with at least {@code minPrices} closes, at
   * most {@code maxPrices} of them (with fewer, the market inputs are imputed). {@code weights}: category weights
   * (market, credit, regulatory, technical; fractions summing to 1) per asset-class label, key {@code default}
   * for the other classes. A score move of {@code fastMoveThreshold} points within {@code fastMoveWindow} is a
   * fast move.
   */
  public record Risk(
      Duration interval,
      Duration debounce,
      int minPrices,
      int maxPrices,
      double riskFreeRate,
      int monteCarloPaths,
      double fastMoveThreshold,
      Duration fastMoveWindow,
      Map<String, List<Double>> weights) {
    public Risk {
      Map<String, List<Double>> copy = new java.util.TreeMap<>();
      weights.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      weights = java.util.Collections.unmodifiableMap(copy);
    }
  }

  /**
   * The forecasting role. A round fits every asset {@code firstRun} after start, then every {@code interval}.
   * An asset with at least {@code minDailyBars} daily closes is forecast 7 and 30 days ahead on daily bars;
   * otherwise, with at least {@code minHourlyBars} hourly closes, 1 and 7 days ahead on hourly bars; with less it
   * is skipped. At most the latest {@code maxHistory} bars are fitted. The ensemble (auto-ARIMA, naive, drift,
   * conformal intervals) is backtested at up to {@code backtestOrigins} rolling origins; a series too short for
   * it gets the drift baseline. An asset is refitted at once when the realized closes miss the latest forecast's
   * path by more than {@code retrainThreshold} times its backtest MAE. The latest forecast is cached for
   * {@code cacheTtl}.
   */
  public record Forecasting(
      Duration interval,
      Duration firstRun,
      int minDailyBars,
      int minHourlyBars,
      int maxHistory,
      int backtestOrigins,
      double retrainThreshold,
      Duration cacheTtl,
      Lstm lstm) {}

  /**
   * The LSTM member of the forecasting ensemble (TensorFlow Java): trained per asset at every backtest origin, so
   * it is costly on a CPU — off by default, on in the GPU deployment. {@code device}: {@code auto|cpu|gpu}
   * ({@code ml.device}: the GPU when TensorFlow sees one, with soft placement and a CPU fallback).
   */
  public record Lstm(boolean enabled, String device, int window, int units, int maxEpochs) {}

  /**
   * The fanout role (browser bridge {@code /eventbus} and enterprise stream {@code /api/v1/stream}). Each client
   * gets at most one frame per {@code batchWindow} holding every pending message; its queue holds at most
   * {@code queueSize} keys (latest value per key: conflation; beyond, the oldest is dropped). The stream keeps the
   * last {@code replaySize} messages, at most {@code replayAge} old, per channel for resume after reconnect.
   * {@code allowedOrigins}: browser origins allowed to open a socket besides the server's own origin and
   * {@code http.cors-origins}.
   */
  public record Fanout(
      Duration batchWindow,
      int queueSize,
      int replaySize,
      Duration replayAge,
      Duration pingInterval,
      List<String> allowedOrigins,
      String tcpBridgeHost,
      int tcpBridgePort) {
    public Fanout {
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  /**
   * The alerts role. Delivery workers poll the outbox every {@code deliveryInterval} (and at once after a firing),
   * hold a claimed row for {@code deliveryLease} (a worker that dies mid-delivery leaves it to be retried after
   * that), and give a delivery up after {@code maxAttempts}. A user's firings beyond {@code floodLimit} in a minute
   * reach the dashboard at once but the other channels in one digest a minute. The outside channels are on when
   * configured. {@code source}: where ticks and risk scores are read for evaluation — {@code bus} (embedded
   * default) or {@code kafka} ({@code ticksTopic} and {@code riskTopic}, consumer group {@code groupId}; offsets
   * committed only after the firings of a batch are in the outbox).
   */
  public record Alerts(Duration deliveryInterval, Duration deliveryLease, int maxAttempts, int floodLimit,
                       Duration digestInterval,
                       Telegram telegram, Webhooks webhooks, Fcm fcm, Apns apns, WebPush webPush,
                       String source, String ticksTopic, String riskTopic, String groupId) {

    /** @return whether ticks and risk scores come from Kafka */
    public boolean fromKafka() {
      return source.equals("kafka");
    }
  }

  /** Telegram Bot API: on when {@code botToken} is set. */
  public record Telegram(String botToken, String baseUrl) {
    public boolean enabled() {
      return !botToken.isEmpty();
    }

    @Override
    public String toString() {
      return "Telegram[botToken=" + (botToken.isEmpty() ? "" : "***") + ", baseUrl=" + baseUrl + "]";
    }
  }

  /** Webhooks (always on): {@code allowHttp}/{@code allowPrivate} lift the HTTPS-only and public-address rules (tests only). */
  public record Webhooks(boolean allowHttp, boolean allowPrivate) {}

  /** Firebase Cloud Messaging HTTP v1: on when {@code serviceAccountFile} names the service-account JSON. */
  public record Fcm(String serviceAccountFile, String baseUrl) {
    public boolean enabled() {
      return !serviceAccountFile.isEmpty();
    }
  }

  /** Apple Push Notification service (token auth): on when the team id, key id, key file and topic are set. */
  public record Apns(String teamId, String keyId, String keyFile, String topic, String host, int port) {
    public boolean enabled() {
      return !teamId.isEmpty() && !keyId.isEmpty() && !keyFile.isEmpty() && !topic.isEmpty();
    }
  }

  /** Web Push (VAPID) for the dashboard PWA: on when both VAPID keys are set. */
  public record WebPush(String vapidPublicKey, String vapidPrivateKey, String subject, List<String> pushServiceHosts,
                        boolean allowPlainHttp) {
    public WebPush {
      pushServiceHosts = List.copyOf(pushServiceHosts);
    }

    public boolean enabled() {
      return !vapidPublicKey.isEmpty() && !vapidPrivateKey.isEmpty();
    }

    @Override
    public String toString() {
      return "WebPush[vapidPublicKey=" + vapidPublicKey + ", vapidPrivateKey=" + (vapidPrivateKey.isEmpty() ? "" : "***")
          + ", subject=" + subject + ", pushServiceHosts=" + pushServiceHosts + ", allowPlainHttp=" + allowPlainHttp + "]";
    }
  }

  /**
   * On-chain ingestion (the {@code onchain} role). {@code chains} are the chain definitions as written in the
   * configuration; the role validates them. {@code metricsInterval}: width of one {@code onchain_metrics} row.
   */
  public record Onchain(Duration metricsInterval, List<io.vertx.core.json.JsonObject> chains, Devnet devnet) {
    public Onchain {
      chains = chains.stream().map(io.vertx.core.json.JsonObject::copy).toList();
    }

    @Override
    public String toString() {
      return "Onchain[metricsInterval=" + metricsInterval + ", chains=" + chains.size() + ", devnet=" + devnet + "]";
    }
  }

  /**
   * The {@code bridge} role: event-bus addresses published to Kafka topics ({@code outbound}) and topics published
   * on addresses ({@code inbound}), each entry {@code {address, topic, type}} as written in the configuration (the
   * role validates them; {@code type} names the payload's JSON Schema). {@code producer}: extra Kafka producer
   * properties ({@code acks} and {@code enable.idempotence} must stay {@code all}/{@code true}).
   * {@code inboundMaxInFlight}: acknowledged inbound records handed to handlers and not answered yet, beyond which
   * the consumer pauses its partitions (resumed at half).
   */
  public record Bridge(List<io.vertx.core.json.JsonObject> outbound, List<io.vertx.core.json.JsonObject> inbound,
                       String groupId, Map<String, String> producer, int inboundMaxInFlight) {
    public Bridge {
      outbound = outbound.stream().map(io.vertx.core.json.JsonObject::copy).toList();
      inbound = inbound.stream().map(io.vertx.core.json.JsonObject::copy).toList();
      producer = Map.copyOf(producer);
    }
  }

  /**
   * A local development chain (anvil from {@code web3/contracts/node_modules}) with a token per symbol and simulated
   * holders, transfers, mints, burns, whale moves and a DEX pool, scanned like any other chain (dev profile).
   */
  public record Devnet(boolean enabled, List<String> symbols, Duration activityInterval) {
    public Devnet {
      symbols = List.copyOf(symbols);
    }
  }

  /** A copy with the HTTP port replaced (the launcher's {@code --http-port}). */
  public RwaConfig withHttpPort(int port) {
    return new RwaConfig(profile, new Http(http.host(), port, http.instances(), http.maxBodyBytes(), http.accessLog()),
        roles, cluster, database, redis, kafka, api, ingestion, cleansing, simulator, shutdownTimeout, logging, risk, forecasting, fanout, alerts, onchain, bridge);
  }

  /** A copy with the simulator switched on or off (one-shot commands run without it). */
  public RwaConfig withSimulator(boolean on) {
    return new RwaConfig(profile, http, roles, cluster, database, redis, kafka, api, ingestion, cleansing,
        new Simulator(on, simulator.ticksPerSecond(), simulator.seed(), simulator.historyDays()), shutdownTimeout, logging, risk, forecasting, fanout, alerts, onchain, bridge);
  }

  /** A copy with clustering switched on or off (the launcher's {@code --cluster}). */
  public RwaConfig withCluster(boolean on) {
    return new RwaConfig(profile, http, roles, cluster.withEnabled(on), database, redis, kafka, api, ingestion,
        cleansing, simulator, shutdownTimeout, logging, risk, forecasting, fanout, alerts, onchain, bridge);
  }
}
