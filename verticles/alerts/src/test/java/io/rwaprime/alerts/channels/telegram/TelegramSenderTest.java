package io.rwaprime.alerts.channels.telegram;

import io.rwaprime.alerts.channels.HttpExchange;
import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TelegramSender} against a local server that answers like the Bot API. */
class TelegramSenderTest {

  /** What the fake Bot API got. */
  record Received(String method, String path, String contentType, JsonObject body) {
  }

  private static final String TOKEN = "123456:ABC-def_ghi";
  private static final Notification N = new Notification("rule-9:1718000000:up", "PAXG alert",
      "PAXG crossed above 2400", "https://app.example/alerts/history", new JsonObject());

  private static Vertx vertx;
  private static HttpServer bot;
  private static TelegramSender sender;
  private static final Queue<Received> received = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bot = vertx.createHttpServer().requestHandler(TelegramSenderTest::answer).listen(0, "127.0.0.1").await();
    sender = new TelegramSender(vertx, new TelegramSettings(TOKEN, "http://127.0.0.1:" + bot.actualPort() + "/",
        new HttpExchange.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024, 4)));
  }

  @AfterAll
  static void stop() {
    sender.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    received.clear();
  }

  /** Answers by chat id, in the Bot API's wire format. */
  private static void answer(HttpServerRequest req) {
    req.body().onSuccess(raw -> {
      JsonObject body = raw.toJsonObject();
      received.add(new Received(req.method().name(), req.path(), req.getHeader("Content-Type"), body));
      var res = req.response().putHeader("Content-Type", "application/json");
      if (!req.path().equals("/bot" + TOKEN + "/sendMessage")) {
        res.setStatusCode(404).end(error(404, "Not Found", null).encode());
        return;
      }
      switch (String.valueOf(body.getValue("chat_id"))) {
        case "blocked" -> res.setStatusCode(403).end(error(403, "Forbidden: bot was blocked by the user", null).encode());
        case "deactivated" -> res.setStatusCode(403).end(error(403, "Forbidden: user is deactivated", null).encode());
        case "missing" -> res.setStatusCode(400).end(error(400, "Bad Request: chat not found", null).encode());
        case "flood" -> res.setStatusCode(429).end(error(429, "Too Many Requests: retry after 17",
            new JsonObject().put("retry_after", 17)).encode());
        case "broken" -> res.setStatusCode(500).end(error(500, "Internal Server Error", null).encode());
        case "proxy" -> res.setStatusCode(502).putHeader("Content-Type", "text/html").end("<html>Bad Gateway</html>");
        case "hang" -> { }
        default -> res.end(new JsonObject().put("ok", true).put("result", new JsonObject()
            .put("message_id", 7).put("chat", new JsonObject().put("id", body.getValue("chat_id")))
            .put("text", body.getString("text"))).encode());
      }
    });
  }

  private static JsonObject error(int code, String description, JsonObject parameters) {
    JsonObject e = new JsonObject().put("ok", false).put("error_code", code).put("description", description);
    return parameters == null ? e : e.put("parameters", parameters);
  }

  private static JsonObject chat(Object id) {
    return new JsonObject().put("chat_id", id);
  }

  @Test
  void sendsTheMessageToTheBotApi() {
    assertThat(failure(sender.send(N, chat("123")))).isNull();
    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/bot123456:ABC-def_ghi/sendMessage");
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.body()).isEqualTo(new JsonObject()
          .put("chat_id", "123")
          .put("text", "PAXG alert\nPAXG crossed above 2400\nhttps://app.example/alerts/history")
          .put("disable_web_page_preview", true));
    });
  }

  @Test
  void aNumericChatIdStaysANumberAndNoUrlMeansNoThirdLine() {
    Notification plain = new Notification("t1", "Gold", "up 3%", null, null);
    assertThat(failure(sender.send(plain, chat(-1001234567890L)))).isNull();
    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.body().getValue("chat_id")).isEqualTo(-1001234567890L);
      assertThat(r.body().getString("text")).isEqualTo("Gold\nup 3%");
    });
  }

  @Test
  void aBlockedBotOrADeactivatedUserOrAMissingChatIsPermanent() {
    assertThat(failure(sender.send(N, chat("blocked")))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("bot was blocked by the user");
    assertThat(failure(sender.send(N, chat("deactivated")))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("user is deactivated");
    assertThat(failure(sender.send(N, chat("missing")))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("chat not found");
  }

  @Test
  void floodControlIsRetryLaterWithTelegramsWait() {
    Throwable err = failure(sender.send(N, chat("flood")));
    assertThat(err).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) err).after()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void serverErrorsAndNonApiAnswersAreRetryable() {
    for (String id : new String[] {"broken", "proxy"}) {
      assertThat(failure(sender.send(N, chat(id)))).as(id).isNotNull()
          .isNotInstanceOfAny(PermanentFailure.class, RetryLater.class, IllegalStateException.class);
    }
  }

  @Test
  void aWrongTokenIsRetryableNotAReasonToPruneTheChat() {
    TelegramSender wrong = new TelegramSender(vertx, new TelegramSettings("999:nope",
        "http://127.0.0.1:" + bot.actualPort(), HttpExchange.Limits.DEFAULT));
    try {
      Throwable err = failure(wrong.send(N, chat("123")));
      assertThat(err).isNotNull().isNotInstanceOfAny(PermanentFailure.class, RetryLater.class)
          .hasMessageContaining("bot token").hasMessageNotContaining("nope");
    } finally {
      wrong.close().await();
    }
  }

  @Test
  void noAnswerAndNoServerAreRetryable() {
    assertThat(failure(sender.send(N, chat("hang")))).isNotNull()
        .isNotInstanceOfAny(PermanentFailure.class, RetryLater.class).hasMessageContaining("no reply");
    TelegramSender nowhere = new TelegramSender(vertx, new TelegramSettings(TOKEN, "http://127.0.0.1:1", null));
    try {
      assertThat(failure(nowhere.send(N, chat("123")))).isNotNull()
          .isNotInstanceOfAny(PermanentFailure.class, RetryLater.class, IllegalStateException.class)
          .hasMessageNotContaining(TOKEN);
    } finally {
      nowhere.close().await();
    }
  }

  @Test
  void aDestinationWithoutChatIdIsPermanent() {
    for (JsonObject bad : new JsonObject[] {new JsonObject(), chat(""), chat(1.5), chat(new JsonObject()),
        new JsonObject().put("chatId", "123")}) {
      assertThat(failure(sender.send(N, bad))).as(bad.encode()).isInstanceOf(PermanentFailure.class)
          .hasMessageContaining("no chat_id");
    }
    assertThat(failure(sender.send(N, null))).isInstanceOf(PermanentFailure.class);
    assertThat(received).isEmpty();
  }

  @Test
  void aLongMessageIsCutToTelegramsLimitKeepingTheUrl() {
    Notification longOne = new Notification("t2", "Title", "x".repeat(5000), "https://app.example/h", null);
    String text = TelegramSender.text(longOne);
    assertThat(text).hasSize(TelegramSender.MAX_TEXT).endsWith("…\nhttps://app.example/h").startsWith("Title\nxxx");
  }

  @Test
  void theTokenStaysOutOfToString() {
    assertThat(new TelegramSettings(TOKEN).toString()).doesNotContain(TOKEN).contains("api.telegram.org");
  }

  /** The failure of {@code f} (null when it succeeded), waiting at most 10 s. */
  private static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
