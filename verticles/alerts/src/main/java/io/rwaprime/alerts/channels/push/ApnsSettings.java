package io.rwaprime.alerts.channels.push;

import io.vertx.core.net.TrustOptions;

/**
 * Settings of {@link ApnsSender}: token-based authentication to APNs with a signing key from the Apple developer
 * account (Certificates, Identifiers &amp; Profiles → Keys).
 *
 * @param teamId        the developer team id (10 characters), the provider token's {@code iss}
 * @param keyId         the signing key's id (10 characters), the provider token's {@code kid}
 * @param privateKeyPem the {@code AuthKey_<keyId>.p8} file's content: a P-256 key, PKCS#8 PEM
 * @param topic         the app's bundle id, sent as {@code apns-topic}
 * @param host          the APNs host; null for {@link #PRODUCTION_HOST} ({@link #SANDBOX_HOST} for development builds)
 * @param port          the port; 0 for 443 (Apple also listens on 2197)
 * @param trust         extra trust for the server certificate (a test server's); null for the JVM's trust store
 */
public record ApnsSettings(String teamId, String keyId, String privateKeyPem, String topic, String host, int port,
                           TrustOptions trust) {

  public static final String PRODUCTION_HOST = "api.push.apple.com";
  public static final String SANDBOX_HOST = "api.sandbox.push.apple.com";

  public ApnsSettings {
    requireText(teamId, "team id");
    requireText(keyId, "key id");
    requireText(topic, "topic (bundle id)");
    Jose.privateKeyFromPem(privateKeyPem, "EC");
    host = host == null || host.isBlank() ? PRODUCTION_HOST : host.strip();
    port = port == 0 ? 443 : port;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("APNs port out of range: " + port);
    }
  }

  /** Production APNs with the JVM's trust store. */
  public static ApnsSettings production(String teamId, String keyId, String privateKeyPem, String topic) {
    return new ApnsSettings(teamId, keyId, privateKeyPem, topic, PRODUCTION_HOST, 443, null);
  }

  @Override
  public String toString() {
    return "ApnsSettings[teamId=" + teamId + ", keyId=" + keyId + ", privateKeyPem=(hidden), topic=" + topic
        + ", host=" + host + ", port=" + port + ", trust=" + (trust == null ? "default" : "custom") + "]";
  }

  private static void requireText(String v, String name) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("APNs settings lack the " + name);
    }
  }
}
