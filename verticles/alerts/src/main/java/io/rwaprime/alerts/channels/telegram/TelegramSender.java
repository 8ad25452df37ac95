package io.rwaprime.alerts.channels.telegram;

import io.rwaprime.alerts.channels.HttpExchange;
import io.rwaprime.alerts.channels.HttpOutcome;
import io.rwaprime.alerts.channels.Notification;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import io.rwaprime.alerts.channels.Sender;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Sends notifications as Telegram messages: {@code POST {baseUrl}/bot{token}/sendMessage} with
 * {@code {"chat_id", "text", "disable_web_page_preview": true}}, the text being the title, a line break, the body and,
 * when there is one, a line break and the URL (plain text, no parse mode, cut to Telegram's 4096 characters).
 * The destination is {@code {"chat_id": "123"}} (a string — also {@code "@channel"} — or a number).
 * <p>
 * Telegram answers {@code {"ok": true, "result": …}} or {@code {"ok": false, "error_code", "description",
 * "parameters": {"retry_after", "migrate_to_chat_id"}}}:
 * <ul>
 *   <li>429 (or any {@code retry_after}): {@link RetryLater} after {@code retry_after} seconds;</li>
 *   <li>403 (the bot was blocked, kicked, the user deactivated, …) and 400 naming the chat (chat not found, a group
 *   upgraded to a supergroup, an empty or invalid chat id): {@link PermanentFailure};</li>
 *   <li>401 and 404 (the bot token is wrong): a retryable failure — that is the operator's configuration, not this
 *   destination, and must not prune every chat;</li>
 *   <li>other 400s, 5xx, an answer that is not the Bot API's JSON, network errors, the deadline: retryable.</li>
 * </ul>
 */
public final class TelegramSender implements Sender {

  /** Telegram's longest message text. */
  static final int MAX_TEXT = 4096;
  private static final List<String> GONE_CHAT = List.of("chat not found", "peer_id_invalid", "chat_id is empty",
      "user not found", "group chat was upgraded", "chat was deleted");

  private final HttpExchange http;
  private final HttpExchange.Target target;

  /** A sender with its own HTTP client; {@link #close} it when the verticle stops. */
  public TelegramSender(Vertx vertx, TelegramSettings settings) {
    this.http = new HttpExchange(vertx, settings.limits());
    URI base = URI.create(settings.baseUrl());
    boolean ssl = "https".equals(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    String prefix = base.getRawPath() == null ? "" : base.getRawPath();
    this.target = new HttpExchange.Target(ssl, base.getHost(), port,
        prefix + "/bot" + settings.botToken() + "/sendMessage", null);
  }

  @Override
  public String channel() {
    return "telegram";
  }

  @Override
  public Future<Void> send(Notification n, JsonObject destination) {
    Object chatId = destination == null ? null : chatId(destination.getValue("chat_id"));
    if (chatId == null) {
      return Future.failedFuture(new PermanentFailure("telegram destination has no chat_id: " + destination));
    }
    JsonObject message = new JsonObject()
        .put("chat_id", chatId)
        .put("text", text(n))
        .put("disable_web_page_preview", true);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    return http.post(target, headers, message.toBuffer())
        .recover(err -> Future.failedFuture(new RuntimeException("telegram unreachable: " + err, err)))
        .compose(reply -> outcome(chatId, reply));
  }

  /** The chat id as Telegram takes it — a non-blank string or an integer — or null. */
  private static Object chatId(Object raw) {
    if (raw instanceof String s && !s.isBlank()) {
      return s.trim();
    }
    if (raw instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
      return num.longValue();
    }
    return null;
  }

  /** Title, body and URL on their lines, the title and body cut (with "…") to fit {@link #MAX_TEXT} with the URL. */
  static String text(Notification n) {
    String tail = n.url() == null || n.url().isBlank() ? "" : "\n" + n.url();
    String text = n.title() + "\n" + n.body() + tail;
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    if (tail.length() > MAX_TEXT / 2) {
      return text.substring(0, MAX_TEXT - 1) + "…";
    }
    return text.substring(0, MAX_TEXT - tail.length() - 1) + "…" + tail;
  }

  private static Future<Void> outcome(Object chatId, HttpExchange.Reply reply) {
    JsonObject answer;
    try {
      answer = reply.truncated() ? null : reply.body().toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      answer = null;
    }
    if (answer == null || !answer.containsKey("ok")) {
      return HttpOutcome.of("telegram", reply.status(), reply.header("Retry-After"), Instant.now());
    }
    if (answer.getBoolean("ok", false)) {
      return Future.succeededFuture();
    }
    int code = answer.getValue("error_code") instanceof Number c ? c.intValue() : reply.status();
    String description = answer.getString("description", "HTTP " + reply.status());
    JsonObject parameters = answer.getJsonObject("parameters", new JsonObject());
    String why = "telegram refused chat " + chatId + ": " + code + " " + description;
    if (code == 429 || parameters.getValue("retry_after") instanceof Number) {
      Duration after = parameters.getValue("retry_after") instanceof Number s
          ? HttpOutcome.clamp(Duration.ofSeconds(s.longValue()))
          : HttpOutcome.retryAfter(reply.header("Retry-After"), Instant.now());
      return Future.failedFuture(new RetryLater(why, after));
    }
    if (code == 403 || code == 400 && namesTheChat(description)) {
      Object moved = parameters.getValue("migrate_to_chat_id");
      return Future.failedFuture(new PermanentFailure(moved == null ? why : why + " (now chat " + moved + ")"));
    }
    if (code == 401 || code == 404) {
      return Future.failedFuture(new RuntimeException("telegram rejected the bot token: " + code + " " + description));
    }
    return Future.failedFuture(new RuntimeException(why));
  }

  private static boolean namesTheChat(String description) {
    String d = description.toLowerCase(Locale.ROOT);
    return GONE_CHAT.stream().anyMatch(d::contains);
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return http.close();
  }
}
