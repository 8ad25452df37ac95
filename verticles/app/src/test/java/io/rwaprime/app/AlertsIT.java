package io.rwaprime.app;

import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.AlertEvent;
import io.rwaprime.testkit.FreePorts;
import io.rwaprime.testkit.MailServer;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts end to end in one mesh (api + two sharded alerts instances, a real PostgreSQL and a real SMTP server): rules through the
 * REST API with their bad inputs, firings on ticks of the bus, delivery in-app and by e-mail exactly once, the
 * history with its delivery log, pause/resume, edge triggering with re-arming, and a replayed event recorded once.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertsIT {

  private static MeshLauncher launcher;
  private static String base;
  private static final MailServer MAIL = MailServer.instance();
  private static AlertsMesh mesh;

  @BeforeAll
  static void start(PostgresServer pg) throws Exception {
    String db = pg.createDatabase("alerts");
    int port = FreePorts.find();
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new HashMap<>();
    env.put("RWA_DATABASE_URL", "postgresql://" + pg.host() + ":" + pg.port() + "/" + db);
    env.put("RWA_DATABASE_USER", pg.user());
    env.put("RWA_DATABASE_PASSWORD", pg.password());
    env.put("RWA_HTTP_PORT", Integer.toString(port));
    env.put("RWA_HTTP_HOST", "127.0.0.1");
    env.put("RWA_SIMULATOR_ENABLED", "false");
    env.put("RWA_API_AUTH_KEYS_DIR", Files.createTempDirectory("rwa-keys").toString());
    env.put("RWA_API_MAIL_HOST", MAIL.host());
    env.put("RWA_API_MAIL_PORT", Integer.toString(MAIL.port()));
    env.put("RWA_API_MAIL_STARTTLS", "disabled");
    env.put("RWA_ALERTS_FLOOD_LIMIT", "3");
    // two alerts instances share the assets: every firing below must still happen exactly once
    env.put("RWA_ROLES_INSTANCES_ALERTS", "2");
    env.put("RWA_ALERTS_DIGEST_INTERVAL", "PT2S");
    Vertx loader = Vertx.vertx();
    RwaConfig cfg;
    try {
      cfg = ConfigLoader.load(loader, new ConfigLoader.Sources("test", Optional.empty(), env, Map.of())).await(20, TimeUnit.SECONDS);
    } finally {
      loader.close().await();
    }
    launcher = new MeshLauncher(cfg, List.of(Roles.get("api"), Roles.get("alerts")));
    launcher.startServing().await(2, TimeUnit.MINUTES);
    mesh = new AlertsMesh(launcher, base);
    // the two instances see each other within a heartbeat and split the assets
    Thread.sleep(Duration.ofSeconds(4).toMillis());
  }

  @AfterAll
  static void stop() throws Exception {
    if (launcher != null) {
      launcher.shutdown().await(1, TimeUnit.MINUTES);
    }
  }

  private record User(String id, String email, String token) {}

  private static User register(String name) throws Exception {
    String email = name + "-" + UUID.randomUUID() + "@alerts.example.org";
    JsonObject t = new JsonObject(call("POST", "/api/v1/auth/register", null,
        new JsonObject().put("email", email).put("password", "alerts test passphrase"), 201).body());
    String token = t.getString("access_token");
    JsonObject me = new JsonObject(call("GET", "/api/v1/me", token, null, 200).body());
    return new User(me.getString("user_id"), email, token);
  }

  private static HttpResponse<String> call(String method, String path, String token, JsonObject body, int expected)
      throws Exception {
    return mesh.call(method, path, token, body, expected);
  }

  private static void tick(String eventId, String symbol, String price) {
    mesh.tick(eventId, symbol, price, Instant.now(), "test");
  }

  private static void tick(String eventId, String symbol, String price, Instant at) {
    mesh.tick(eventId, symbol, price, at, "test");
  }

  private static void tick(String eventId, String symbol, String price, Instant at, String source) {
    mesh.tick(eventId, symbol, price, at, source);
  }

  private static <T> T applied(String ruleId, java.util.concurrent.Callable<T> change) throws Exception {
    return mesh.applied(ruleId, change);
  }

  /** The alert mails to {@code email} (registration also mails an address-verification link). */
  private static List<MimeMessage> mailsTo(String email) throws Exception {
    List<MimeMessage> out = new java.util.ArrayList<>();
    for (MimeMessage m : MAIL.received()) {
      if (m.getAllRecipients()[0].toString().equals(email) && m.getSubject().startsWith("rwa-prime alert:")) {
        out.add(m);
      }
    }
    return out;
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    AlertsMesh.await(what, 15, condition);
  }

  @Test
  void badRulesAreRefusedWithTheFieldNamed() throws Exception {
    User u = register("bad");
    Map<JsonObject, String> cases = new java.util.LinkedHashMap<>();
    JsonObject ok = new JsonObject().put("symbol", "PAXG").put("condition", "price_above").put("threshold", "4200");
    cases.put(ok.copy().put("condition", "price_sideways"), "unknown condition");
    cases.put(ok.copy().put("threshold", "abc"), "threshold");
    cases.put(ok.copy().put("threshold", -5), "positive");
    cases.put(ok.copy().put("condition", "risk_above").put("threshold", 150), "1 to 100");
    cases.put(ok.copy().put("condition", "change_pct_above").put("threshold", 5), "needs a window");
    cases.put(ok.copy().put("condition", "change_pct_above").put("window", "an hour"), "ISO-8601");
    cases.put(ok.copy().put("condition", "change_pct_above").put("window", "P90D"), "PT1M to P30D");
    cases.put(ok.copy().put("window", "PT1H"), "takes no window");
    cases.put(ok.copy().put("channels", new JsonArray().add("carrier-pigeon")), "unknown channel");
    cases.put(ok.copy().put("cooldown_seconds", 1.5), "cooldown_seconds");
    cases.put(ok.copy().put("expires_at", "2001-01-01T00:00:00Z"), "future");
    cases.put(ok.copy().put("hysteresis", "-1"), "hysteresis");
    for (Map.Entry<JsonObject, String> c : cases.entrySet()) {
      HttpResponse<String> r = call("POST", "/api/v1/alerts", u.token(), c.getKey(), 400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(new JsonObject(r.body()).getString("detail")).as("%s", c.getKey()).contains(c.getValue());
    }
    call("POST", "/api/v1/alerts", u.token(), ok.copy().put("channels", new JsonArray().add("webhook")), 422);
    call("POST", "/api/v1/alerts", u.token(), ok.copy().put("channels", new JsonArray().add("telegram")), 422);
    // webhook URLs that point inside are refused when they are registered (SSRF)
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://169.254.169.254/latest",
        "https://10.0.0.5/hook", "https://localhost/hook", "https://127.0.0.1:8443/x", "https://[::1]/x",
        "https://[::ffff:127.0.0.1]/x", "https://user:pass@example.com/hook", "ftp://example.com/x")) {
      HttpResponse<String> r = call("POST", "/api/v1/notification-destinations", u.token(), new JsonObject()
          .put("kind", "webhook").put("destination", new JsonObject().put("url", url)), 400);
      assertThat(new JsonObject(r.body()).getString("detail")).as(url).isNotBlank();
    }
    call("POST", "/api/v1/alerts", u.token(), ok.copy().put("symbol", "NOPE"), 404);
    // another user's rule is not found, whatever is asked of it
    String id = new JsonObject(call("POST", "/api/v1/alerts", u.token(), ok, 201).body()).getString("alert_id");
    User other = register("other");
    call("GET", "/api/v1/alerts/" + id, other.token(), null, 404);
    call("POST", "/api/v1/alerts/" + id + "/pause", other.token(), null, 404);
    call("DELETE", "/api/v1/alerts/" + id, other.token(), null, 404);
    // the explorer tier keeps at most 10 rules
    for (int i = 1; i < 10; i++) {
      call("POST", "/api/v1/alerts", u.token(), ok, 201);
    }
    HttpResponse<String> over = call("POST", "/api/v1/alerts", u.token(), ok, 403);
    assertThat(new JsonObject(over.body()).getString("detail")).contains("at most 10");
  }

  @Test
  void aRuleFiresOnceOnTheCrossingAndIsDeliveredInAppAndByMailExactlyOnce() throws Exception {
    User u = register("fire");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      String symbol = "XAUT";
      JsonObject rule = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", symbol).put("condition", "price_above").put("threshold", "5000").put("hysteresis", "10")
          .put("cooldown_seconds", 0).put("channels", new JsonArray().add("in_app").add("email")), 201).body()));
      String id = rule.getString("alert_id");
      assertThat(rule.getString("state")).isEqualTo("active");
      assertThat(rule.getJsonArray("channels")).containsExactly("in_app", "email");

      tick("t-1", symbol, "4990");
      tick("t-2", symbol, "5001.5");   // crosses: fires
      tick("t-3", symbol, "5020");     // still above: nothing (edge-triggered)
      tick("t-4", symbol, "4995");     // back, but within the 10 of hysteresis: not re-armed
      tick("t-5", symbol, "5003");     // nothing
      await("the in-app alert", () -> inApp.size() >= 1);
      await("the mail", () -> mailsTo(u.email()).size() >= 1);
      Thread.sleep(1500);
      assertThat(inApp).hasSize(1);
      AlertEvent e = inApp.get(0);
      assertThat(e.ruleId()).isEqualTo(id);
      assertThat(e.observed()).isEqualByComparingTo("5001.5");
      assertThat(e.triggerId()).isEqualTo(id + ":t-2");
      assertThat(e.message()).contains("XAUT is above 5000");
      List<MimeMessage> mails = mailsTo(u.email());
      assertThat(mails).hasSize(1);
      assertThat(mails.get(0).getSubject()).contains("XAUT is above 5000");
      assertThat(mails.get(0).getMessageID()).contains(id);

      tick("t-6", symbol, "4980");     // re-armed (≤ 5000 − 10)
      tick("t-2", symbol, "5001.5");   // the same event again (a redelivery): its firing is already recorded: nothing
      tick("t-6b", symbol, "4985");    // re-armed
      tick("t-7", symbol, "5012");     // a new crossing: fires again (no cooldown)
      await("the second alert", () -> inApp.size() >= 2);
      Thread.sleep(1500);
      assertThat(inApp).extracting(AlertEvent::triggerId).containsExactly(id + ":t-2", id + ":t-7");

      await("both deliveries logged", () -> {
        JsonArray h = new JsonObject(call("GET", "/api/v1/alerts/" + id + "/history", u.token(), null, 200).body())
            .getJsonArray("data");
        return h.size() == 2 && h.stream().allMatch(x -> {
          JsonObject d = ((JsonObject) x).getJsonObject("deliveries");
          return "delivered".equals(d.getJsonObject("in_app").getString("status"))
              && "delivered".equals(d.getJsonObject("email").getString("status"));
        });
      });
      assertThat(mailsTo(u.email())).hasSize(2);
      JsonObject after = new JsonObject(call("GET", "/api/v1/alerts/" + id, u.token(), null, 200).body());
      assertThat(after.getString("last_triggered_at")).isNotNull();

      // paused: a crossing does nothing; resumed: the next one fires
      applied(id, () -> call("POST", "/api/v1/alerts/" + id + "/pause", u.token(), null, 200));
      call("POST", "/api/v1/alerts/" + id + "/pause", u.token(), null, 409);
      tick("t-8", symbol, "4900");
      tick("t-9", symbol, "5100");
      Thread.sleep(1500);
      assertThat(inApp).hasSize(2);
      applied(id, () -> call("POST", "/api/v1/alerts/" + id + "/resume", u.token(), null, 200));
      tick("t-10", symbol, "5150");   // a resumed "above" rule starts armed: the price is above, it fires
      await("the alert after resume", () -> inApp.size() >= 3);

      // edited: the new threshold applies at once; deleted: nothing more
      applied(id, () -> call("PATCH", "/api/v1/alerts/" + id, u.token(), new JsonObject().put("threshold", "6000"), 200));
      tick("t-11", symbol, "5500");
      Thread.sleep(1000);
      assertThat(inApp).hasSize(3);
      applied(id, () -> call("DELETE", "/api/v1/alerts/" + id, u.token(), null, 204));
      tick("t-12", symbol, "6500");
      Thread.sleep(1000);
      assertThat(inApp).hasSize(3);
      // the history outlives the rule
      JsonArray all = new JsonObject(call("GET", "/api/v1/alerts/history", u.token(), null, 200).body()).getJsonArray("data");
      assertThat(all).hasSize(3);
    } finally {
      c.unregister();
    }
  }

  @Test
  void aFloodReachesTheDashboardAtOnceAndTheMailboxAsOneDigest() throws Exception {
    User u = register("flood");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      applied(null, () -> call("POST", "/api/v1/alerts", u.token(), new JsonObject().put("symbol", "USDY")
          .put("condition", "price_above").put("threshold", "1.10").put("cooldown_seconds", 0)
          .put("channels", new JsonArray().add("email")), 201));
      for (int i = 0; i < 8; i++) {
        tick("f-down-" + i, "USDY", "1.05");
        tick("f-up-" + i, "USDY", "1.15");   // eight crossings within the minute; the limit here is 3
      }
      await("eight in-app alerts", () -> inApp.size() >= 8);
      await("the digest mail", () -> mailsTo(u.email()).stream().anyMatch(m -> {
        try {
          return m.getSubject().contains("5 more alerts");
        } catch (Exception e) {
          return false;
        }
      }));
      Thread.sleep(3000); // another digest period: nothing more
      assertThat(inApp).hasSize(8);
      List<MimeMessage> mails = mailsTo(u.email());
      assertThat(mails).hasSize(4); // three single alerts, then one digest of the other five
      JsonArray history = new JsonObject(call("GET", "/api/v1/alerts/history", u.token(), null, 200).body())
          .getJsonArray("data");
      assertThat(history).hasSize(9); // eight firings and the digest
    } finally {
      c.unregister();
    }
  }

  @Test
  void navPremiumYieldAndVolatilityRulesFireOnTheFeaturesOfAClosedBar() throws Exception {
    User u = register("features");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      String premium = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "OUSG").put("condition", "nav_premium_above").put("threshold", "0.5"), 201).body())
          .getString("alert_id"));
      String yield = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "OUSG").put("condition", "yield_below").put("threshold", "3.5"), 201).body())
          .getString("alert_id"));
      JsonObject features = new JsonObject().put("symbol", "OUSG").put("as_of", Instant.now().toString())
          .put("nav_premium", 0.002).put("yield_apy", 0.037).put("realized_vol_7d", 0.01);
      launcher.vertx().eventBus().publish(Addresses.FEATURES, features);   // +0.2 %, 3.7 %: nothing
      launcher.vertx().eventBus().publish(Addresses.FEATURES, features.copy().put("as_of", Instant.now().plusSeconds(60)
          .toString()).put("nav_premium", 0.0075).put("yield_apy", 0.034));  // +0.75 %, 3.4 %: both fire
      launcher.vertx().eventBus().publish(Addresses.FEATURES, features.copy().put("as_of",
          Instant.now().minus(Duration.ofDays(3)).toString()).put("nav_premium", 0.05));  // old: nothing
      await("two alerts", () -> inApp.size() >= 2);
      Thread.sleep(1000);
      assertThat(inApp).extracting(AlertEvent::ruleId).containsExactlyInAnyOrder(premium, yield);
      AlertEvent p = inApp.stream().filter(e -> e.ruleId().equals(premium)).findFirst().orElseThrow();
      assertThat(p.observed().doubleValue()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(p.message()).contains("OUSG trades 0.75 % over its NAV");
      HttpResponse<String> bad = call("POST", "/api/v1/alerts", u.token(), new JsonObject().put("symbol", "OUSG")
          .put("condition", "volatility_above").put("threshold", "-3"), 400);
      assertThat(new JsonObject(bad.body()).getString("detail")).contains("positive percentage");
    } finally {
      c.unregister();
    }
  }

  @Test
  void forecastRiskAndVolumeConditionsFireOnTheirEvents() throws Exception {
    User u = register("events");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      java.util.function.Function<JsonObject, String> create = body -> {
        try {
          return applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), body, 201).body())
              .getString("alert_id"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      String move = create.apply(new JsonObject().put("symbol", "TBILL").put("condition", "forecast_7d_move_above")
          .put("threshold", 5));
      String band = create.apply(new JsonObject().put("symbol", "TBILL").put("condition", "price_outside_forecast")
          .put("threshold", 1));
      String fast = create.apply(new JsonObject().put("symbol", "TBILL").put("condition", "risk_fast_move")
          .put("threshold", 10));
      String spike = create.apply(new JsonObject().put("symbol", "BENJI").put("condition", "volume_spike")
          .put("threshold", 3).put("window", "PT1H"));

      Instant now = Instant.now();
      tick("e-1", "TBILL", "100");
      List<io.rwaprime.events.ForecastStep> steps = new java.util.ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        double mean = 100 + 10.0 * i / 7;
        steps.add(new io.rwaprime.events.ForecastStep(i, now.plus(Duration.ofDays(i)).minus(Duration.ofHours(23)),
            BigDecimal.valueOf(mean), BigDecimal.valueOf(mean - 2), BigDecimal.valueOf(mean + 2),
            BigDecimal.valueOf(mean - 4), BigDecimal.valueOf(mean + 4)));
      }
      launcher.vertx().eventBus().publish(Addresses.FORECASTS, new io.rwaprime.events.Forecast("TBILL", "ensemble",
          "ensemble-v1.test", 7, now, now.minus(Duration.ofHours(1)), steps));   // +10 % in 7 days: fires
      // the forecast is in (its move rule fired) before the ticks that are judged against its band
      await("the forecast-move alert", () -> inApp.stream().anyMatch(e -> e.ruleId().equals(move)));
      tick("e-2", "TBILL", "104");   // inside the first step's band [97.4, 105.4]: nothing
      tick("e-3", "TBILL", "108");   // 2.5 % above it: fires
      launcher.vertx().eventBus().publish(Addresses.RISK_FAST_MOVES, new JsonObject().put("symbol", "TBILL")
          .put("from", now.minusSeconds(600).toString()).put("to", now.toString()).put("change", -12.5));
      // a day of steady volume, then an hour of five times as much
      Instant start = now.minus(Duration.ofHours(26));
      for (int i = 0; i < 25 * 6; i++) {
        tick("v-" + i, "BENJI", "1.00", start.plus(Duration.ofMinutes(10L * i)), "test");
      }
      Instant hour = start.plus(Duration.ofMinutes(10L * 25 * 6));
      for (int i = 0; i < 6; i++) {
        Instant at = hour.plus(Duration.ofMinutes(10L * i));
        mesh.tick("vs-" + i, "BENJI", "1", BigDecimal.valueOf(5), at.isAfter(Instant.now()) ? Instant.now() : at, "test");
      }
      await("four alerts", () -> inApp.size() >= 4);
      Thread.sleep(1000);
      assertThat(inApp).extracting(AlertEvent::ruleId).containsExactlyInAnyOrder(move, band, fast, spike);
      assertThat(inApp.stream().filter(e -> e.ruleId().equals(move)).findFirst().orElseThrow().observed().doubleValue())
          .isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(inApp.stream().filter(e -> e.ruleId().equals(band)).findFirst().orElseThrow().message())
          .contains("left its 7-day forecast's 95 % band");
    } finally {
      c.unregister();
    }
  }

  @Test
  void onchainConditionsFireOncePerQualifyingEventAndNeverOnARetraction() throws Exception {
    User u = register("onchain");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      String whale = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "XAUT").put("condition", "whale_transfer_above").put("threshold", 100)
          .put("cooldown_seconds", 0), 201).body())
          .getString("alert_id"));
      String mint = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "XAUT").put("condition", "mint_above").put("threshold", "250.5"), 201).body())
          .getString("alert_id"));
      call("POST", "/api/v1/alerts", u.token(), new JsonObject().put("symbol", "XAUT").put("condition", "burn_above")
          .put("threshold", 0), 400);

      onchain(io.rwaprime.events.OnchainEvent.Kind.WHALE, 1, "50");    // below the rule: nothing
      onchain(io.rwaprime.events.OnchainEvent.Kind.WHALE, 2, "150");   // fires
      onchain(io.rwaprime.events.OnchainEvent.Kind.WHALE, 2, "150");   // the same log again: recorded once
      onchain(io.rwaprime.events.OnchainEvent.Kind.RETRACTED, 3, "900"); // a reorg's retraction: nothing
      onchain(io.rwaprime.events.OnchainEvent.Kind.MINT, 4, "300");    // the mint rule only
      onchain(io.rwaprime.events.OnchainEvent.Kind.WHALE, 5, "120");   // the next whale fires again
      await("three on-chain alerts", () -> inApp.size() >= 3);
      Thread.sleep(1000);
      assertThat(inApp).extracting(AlertEvent::ruleId).containsExactlyInAnyOrder(whale, whale, mint);
      assertThat(inApp).filteredOn(e -> e.ruleId().equals(mint)).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("300.00 tokens minted on-chain"));
    } finally {
      c.unregister();
    }
  }

  private static void onchain(io.rwaprime.events.OnchainEvent.Kind kind, int log, String amount) {
    launcher.vertx().eventBus().publish(Addresses.ONCHAIN_EVENTS, new io.rwaprime.events.OnchainEvent("XAUT",
        "ethereum", "0x68749665ff8d2d112fa859aa293f07a622782f38", kind, "0x" + "ab".repeat(32), 100, log,
        Instant.now(), kind == io.rwaprime.events.OnchainEvent.Kind.MINT ? "0x" + "0".repeat(40) : "0x" + "1".repeat(40),
        "0x" + "2".repeat(40), new BigDecimal(amount), true));
  }

  @Test
  void aOneShotRuleCompletesAndAChangeRuleFiresOnTheMoveOverItsWindow() throws Exception {
    User u = register("shot");
    List<AlertEvent> inApp = new CopyOnWriteArrayList<>();
    MessageConsumer<AlertEvent> c = launcher.vertx().eventBus().consumer(Addresses.alertsForUser(u.id()),
        m -> inApp.add(m.body()));
    try {
      String once = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "KAU").put("condition", "price_below").put("threshold", 100).put("one_shot", true), 201).body())
          .getString("alert_id"));
      String move = applied(null, () -> new JsonObject(call("POST", "/api/v1/alerts", u.token(), new JsonObject()
          .put("symbol", "SPYX").put("condition", "change_pct_above").put("threshold", 2).put("window", "PT1H"), 201)
          .body()).getString("alert_id"));
      // history is not news: a backfilled tick and a stale one cross the threshold but fire nothing
      tick("k-b", "KAU", "50", Instant.now(), "backfill:csv");
      tick("k-s", "KAU", "50", Instant.now().minus(Duration.ofHours(2)));
      tick("k-1", "KAU", "99");
      tick("k-2", "KAU", "120");
      tick("k-3", "KAU", "90");
      Instant now = Instant.now();
      tick("s-1", "SPYX", "600", now.minus(Duration.ofMinutes(90)));
      tick("s-2", "SPYX", "606", now.minus(Duration.ofMinutes(30)));   // +1 % over the hour: nothing
      tick("s-3", "SPYX", "613", now);                                  // +2.17 % (the base is the 600 of 90 min ago)
      await("two alerts", () -> inApp.size() >= 2);
      Thread.sleep(1000);
      assertThat(inApp).extracting(AlertEvent::ruleId).containsExactlyInAnyOrder(once, move);
      assertThat(inApp).extracting(AlertEvent::triggerId).contains(once + ":k-1");
      assertThat(new JsonObject(call("GET", "/api/v1/alerts/" + once, u.token(), null, 200).body()).getString("state"))
          .isEqualTo("completed");
      AlertEvent m = inApp.stream().filter(x -> x.ruleId().equals(move)).findFirst().orElseThrow();
      assertThat(m.observed().doubleValue()).isCloseTo(100 * (613.0 / 600 - 1), org.assertj.core.data.Offset.offset(1e-6));
    } finally {
      c.unregister();
    }
  }
}
