package io.rwaprime.alerts.channels.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings of {@link WebPushSender}.
 *
 * @param vapid            the application server's VAPID key pair
 * @param subject          the VAPID {@code sub}: a contact for the push services, {@code mailto:…} or {@code https:…}
 * @param ttl              how long a push service keeps an undelivered message ({@code TTL}); null for
 *                         {@link #DEFAULT_TTL}
 * @param pushServiceHosts hosts (and their subdomains) a subscription's endpoint may name; null for
 *                         {@link #DEFAULT_PUSH_SERVICES}, empty for any host. Endpoints come from browsers through the
 *                         API, so without a list a user could make the server POST to any URL
 * @param allowPlainHttp   whether {@code http:} endpoints are accepted (tests only; push services are HTTPS)
 */
public record WebPushSettings(VapidKeys vapid, String subject, Duration ttl, List<String> pushServiceHosts,
                              boolean allowPlainHttp) {

  public static final Duration DEFAULT_TTL = Duration.ofHours(12);
  /** The push services of Chrome/Edge-on-Android/Opera/Brave (FCM), Firefox, Safari and Edge (WNS). */
  public static final List<String> DEFAULT_PUSH_SERVICES = List.of("fcm.googleapis.com", "android.googleapis.com",
      "push.services.mozilla.com", "push.apple.com", "notify.windows.com");

  public WebPushSettings {
    if (vapid == null) {
      throw new IllegalArgumentException("Web Push needs the VAPID keys");
    }
    if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https:"))) {
      throw new IllegalArgumentException("the VAPID subject is a mailto: or https: URI");
    }
    ttl = ttl == null ? DEFAULT_TTL : ttl;
    if (ttl.isNegative() || ttl.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Web Push TTL out of range: " + ttl);
    }
    pushServiceHosts = pushServiceHosts == null ? DEFAULT_PUSH_SERVICES
        : pushServiceHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
  }

  /** Production settings: the default TTL and push services, HTTPS only. */
  public static WebPushSettings of(VapidKeys vapid, String subject) {
    return new WebPushSettings(vapid, subject, null, null, false);
  }

  /**
   * Checks a subscription's endpoint against these settings (HTTPS, a known push service); call it when a browser
   * registers a subscription too, to refuse a bad one early.
   *
   * @return the endpoint as a URI
   * @throws IllegalArgumentException when the endpoint is not acceptable
   */
  public URI checkEndpoint(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint == null ? "" : endpoint.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the push endpoint is not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
      throw new IllegalArgumentException("the push endpoint is not https");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the push endpoint has no plain host");
    }
    if (!pushServiceHosts.isEmpty()
        && pushServiceHosts.stream().noneMatch(h -> host.equals(h) || host.endsWith("." + h))) {
      throw new IllegalArgumentException("the push endpoint's host " + host + " is not a known push service");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "WebPushSettings[vapid=" + vapid + ", subject=" + subject + ", ttl=" + ttl + ", pushServiceHosts="
        + pushServiceHosts + ", allowPlainHttp=" + allowPlainHttp + "]";
  }
}
