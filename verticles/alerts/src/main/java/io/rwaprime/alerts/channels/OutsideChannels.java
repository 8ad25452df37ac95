package io.rwaprime.alerts.channels;

import io.rwaprime.alerts.channels.push.ApnsSender;
import io.rwaprime.alerts.channels.push.ApnsSettings;
import io.rwaprime.alerts.channels.push.FcmSender;
import io.rwaprime.alerts.channels.push.FcmSettings;
import io.rwaprime.alerts.channels.push.VapidKeys;
import io.rwaprime.alerts.channels.push.WebPushSender;
import io.rwaprime.alerts.channels.push.WebPushSettings;
import io.rwaprime.alerts.channels.telegram.TelegramSender;
import io.rwaprime.alerts.channels.telegram.TelegramSettings;
import io.rwaprime.alerts.channels.webhook.WebhookSender;
import io.rwaprime.alerts.channels.webhook.WebhookSettings;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outside delivery channels this process has, built from {@code alerts.*}: Telegram, webhooks (always), FCM,
 * APNs and Web Push, each on only when configured. Also the one place that checks a destination a user registers
 * (a webhook URL against SSRF, a push token's form, a Web Push endpoint against the known push services) and reduces
 * it to its stored form and de-duplication key. The rule channel {@code push} means every FCM, APNs and Web Push
 * destination of the user.
 */
public final class OutsideChannels {

  /** Destination kinds, as stored. */
  public static final List<String> KINDS = List.of("telegram", "webhook", "fcm", "apns", "webpush");
  /** The kinds a rule's channel delivers to. */
  public static final Map<String, Set<String>> KINDS_OF_CHANNEL = Map.of(
      "telegram", Set.of("telegram"), "webhook", Set.of("webhook"), "push", Set.of("fcm", "apns", "webpush"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Sender> senders = new LinkedHashMap<>();
  private final WebhookSender webhooks;
  private final WebPushSettings webPush;

  /** Builds the configured channels; reads the FCM and APNs key files (call at start, not on an event loop hot path). */
  public OutsideChannels(Vertx vertx, RwaConfig.Alerts cfg) {
    if (cfg.telegram().enabled()) {
      senders.put("telegram", new TelegramSender(vertx, new TelegramSettings(cfg.telegram().botToken(),
          cfg.telegram().baseUrl(), null)));
    }
    webhooks = new WebhookSender(vertx, new WebhookSettings(cfg.webhooks().allowHttp(), cfg.webhooks().allowPrivate(),
        WebhookSettings.DEFAULT.limits()));
    senders.put("webhook", webhooks);
    if (cfg.fcm().enabled()) {
      JsonObject account = new JsonObject(read(cfg.fcm().serviceAccountFile(), "alerts.fcm.service-account-file"));
      senders.put("fcm", new FcmSender(vertx, FcmSettings.fromServiceAccount(account,
          cfg.fcm().baseUrl().isEmpty() ? null : cfg.fcm().baseUrl())));
    }
    if (cfg.apns().enabled()) {
      RwaConfig.Apns a = cfg.apns();
      senders.put("apns", new ApnsSender(vertx, new ApnsSettings(a.teamId(), a.keyId(),
          read(a.keyFile(), "alerts.apns.key-file"), a.topic(), a.host().isEmpty() ? null : a.host(), a.port(), null)));
    }
    if (cfg.webPush().enabled()) {
      RwaConfig.WebPush w = cfg.webPush();
      webPush = new WebPushSettings(new VapidKeys(w.vapidPublicKey(), w.vapidPrivateKey()), w.subject(), null,
          w.pushServiceHosts().isEmpty() ? null : w.pushServiceHosts(), w.allowPlainHttp());
      senders.put("webpush", new WebPushSender(vertx, webPush));
    } else {
      webPush = null;
    }
  }

  private static String read(String file, String key) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new io.rwaprime.common.config.ConfigException(key, "cannot read " + file + ": " + e.getMessage());
    }
  }

  public Optional<Sender> sender(String kind) {
    return Optional.ofNullable(senders.get(kind));
  }

  /** Whether a rule may name {@code channel} ({@code push}: any push kind is configured). */
  public boolean channelAvailable(String channel) {
    Set<String> kinds = KINDS_OF_CHANNEL.get(channel);
    return kinds != null && kinds.stream().anyMatch(senders::containsKey);
  }

  /** The base64url VAPID public key browsers subscribe with, when Web Push is on. */
  public Optional<String> vapidPublicKey() {
    return webPush == null ? Optional.empty() : Optional.of(webPush.vapid().applicationServerKey());
  }

  /** A destination as stored, with its de-duplication key; {@code secret} of a webhook is made when not given. */
  public record Checked(JsonObject destination, String dedupeKey) {}

  /**
   * Checks a destination a user registers; fails with {@link IllegalArgumentException} whose message says what is
   * wrong, or with the channel's {@link PermanentFailure} (a webhook URL refused: private address, not https, …).
   */
  public Future<Checked> check(String kind, JsonObject d) {
    try {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException("kind must be one of " + String.join(", ", KINDS));
      }
      if (!senders.containsKey(kind)) {
        throw new IllegalArgumentException("the " + kind + " channel is not configured on this server");
      }
      return switch (kind) {
        case "telegram" -> {
          Object chat = d.getValue("chat_id");
          if (!(chat instanceof String || chat instanceof Number) || String.valueOf(chat).isBlank()
              || String.valueOf(chat).length() > 64) {
            throw new IllegalArgumentException("destination.chat_id is required: the chat id (or @channel) the bot writes to");
          }
          String id = String.valueOf(chat).trim();
          yield Future.succeededFuture(new Checked(new JsonObject().put("chat_id", id), id));
        }
        case "webhook" -> {
          String url = text(d, "url", 2048);
          String secret = d.getValue("secret") == null ? newSecret() : text(d, "secret", 256);
          if (secret.length() < 16) {
            throw new IllegalArgumentException("destination.secret must have at least 16 characters (or leave it out: one is made)");
          }
          yield webhooks.check(url).map(v -> new Checked(new JsonObject().put("url", url).put("secret", secret), url));
        }
        case "fcm" -> {
          String token = text(d, "token", 4096);
          yield Future.succeededFuture(new Checked(new JsonObject().put("token", token), token));
        }
        case "apns" -> {
          String token = text(d, "token", 200).toLowerCase(java.util.Locale.ROOT);
          if (!token.matches("[0-9a-f]{64,200}")) {
            throw new IllegalArgumentException("destination.token must be the APNs device token in hex");
          }
          yield Future.succeededFuture(new Checked(new JsonObject().put("token", token), token));
        }
        default -> {
          String endpoint = text(d, "endpoint", 2048);
          JsonObject keys = d.getJsonObject("keys");
          if (keys == null || keys.getString("p256dh") == null || keys.getString("auth") == null) {
            throw new IllegalArgumentException("destination must be a browser PushSubscription: {endpoint, keys: {p256dh, auth}}");
          }
          webPush.checkEndpoint(endpoint);
          yield Future.succeededFuture(new Checked(new JsonObject().put("endpoint", endpoint).put("keys",
              new JsonObject().put("p256dh", keys.getString("p256dh")).put("auth", keys.getString("auth"))), endpoint));
        }
      };
    } catch (IllegalArgumentException | ClassCastException | PermanentFailure e) {
      return Future.failedFuture(e instanceof ClassCastException ? new IllegalArgumentException(
          "destination fields have the wrong type: " + e.getMessage()) : e);
    }
  }

  private static String text(JsonObject d, String name, int max) {
    Object v = d.getValue(name);
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      throw new IllegalArgumentException("destination." + name + " is required (text, at most " + max + " characters)");
    }
    return s.trim();
  }

  private static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A masked summary of a stored destination for listings (never a secret, never a whole token). */
  public static String summary(String kind, JsonObject d) {
    return switch (kind) {
      case "telegram" -> "chat " + d.getString("chat_id");
      case "webhook" -> d.getString("url");
      case "webpush" -> host(d.getString("endpoint"));
      default -> {
        String t = d.getString("token", "");
        yield t.length() <= 12 ? "token …" : "token …" + t.substring(t.length() - 8);
      }
    };
  }

  private static String host(String url) {
    try {
      return java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "subscription";
    }
  }

  public Future<Void> close() {
    List<Future<Void>> all = new ArrayList<>();
    senders.values().forEach(s -> all.add(s.close()));
    return Future.join(all).mapEmpty();
  }
}
