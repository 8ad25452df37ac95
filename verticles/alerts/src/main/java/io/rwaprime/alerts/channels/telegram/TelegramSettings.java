package io.rwaprime.alerts.channels.telegram;

import io.rwaprime.alerts.channels.HttpExchange;

import java.net.URI;
import java.util.Objects;

/**
 * How {@link TelegramSender} reaches the Bot API.
 *
 * @param botToken the bot's token from @BotFather (a secret: {@link #toString} hides it)
 * @param baseUrl  the Bot API's root, {@link #DEFAULT_BASE_URL} unless a local Bot API server or a test stands in
 * @param limits   connect timeout, deadline and reply size of each call
 */
public record TelegramSettings(String botToken, String baseUrl, HttpExchange.Limits limits) {

  /** Telegram's public Bot API. */
  public static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  public TelegramSettings {
    if (botToken == null || botToken.isBlank() || botToken.chars().anyMatch(c -> c == '/' || c <= ' ')) {
      throw new IllegalArgumentException("botToken must be a non-blank token without '/' or spaces");
    }
    baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.replaceAll("/+$", "");
    URI u = URI.create(baseUrl);
    if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host: " + baseUrl);
    }
    limits = Objects.requireNonNullElse(limits, HttpExchange.Limits.DEFAULT);
  }

  /** The public Bot API with the default limits. */
  public TelegramSettings(String botToken) {
    this(botToken, DEFAULT_BASE_URL, HttpExchange.Limits.DEFAULT);
  }

  @Override
  public String toString() {
    return "TelegramSettings[botToken=***, baseUrl=" + baseUrl + ", limits=" + limits + "]";
  }
}
