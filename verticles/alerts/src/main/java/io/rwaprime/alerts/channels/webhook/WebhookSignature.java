package io.rwaprime.alerts.channels.webhook;

import io.vertx.core.buffer.Buffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a webhook request is signed, and how a receiver verifies it.
 * <p>
 * Every request carries:
 * <ul>
 *   <li>{@code X-RWA-Event-Id}: the notification's id — the same on every retry of one alert, so a receiver that
 *   remembers ids it has processed (for a day, say) drops repeats;</li>
 *   <li>{@code X-RWA-Timestamp}: when this attempt was signed, in Unix seconds (decimal);</li>
 *   <li>{@code X-RWA-Signature}: {@code v1=} followed by the lower-case hex HMAC-SHA256, keyed with the webhook's
 *   secret (its UTF-8 bytes), of the timestamp, a full stop, and the request body exactly as received (its bytes,
 *   before any JSON parsing): {@code HMAC(secret, "<X-RWA-Timestamp>.<body>")}.</li>
 * </ul>
 * A receiver recomputes the HMAC over the raw body and the timestamp header, compares it with the signature in
 * constant time, and rejects the request when they differ or when the timestamp is more than
 * {@link #TOLERANCE five minutes} away from its own clock: a captured request cannot be replayed later, because
 * changing the timestamp breaks the signature. {@link #verify} does exactly that.
 * <p>
 * Later schemes would come as other {@code vN=} entries, comma-separated; a receiver checks the {@code v1} entry.
 */
public final class WebhookSignature {

  /** The idempotency key header. */
  public static final String EVENT_ID = "X-RWA-Event-Id";
  /** The signing-time header (Unix seconds). */
  public static final String TIMESTAMP = "X-RWA-Timestamp";
  /** The signature header ({@code v1=<hex>}). */
  public static final String SIGNATURE = "X-RWA-Signature";
  /** How far a timestamp may be from the receiver's clock. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {
  }

  /** The {@code X-RWA-Signature} value for {@code body} sent at {@code timestamp} (Unix seconds). */
  public static String sign(String secret, long timestamp, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body.getBytes());
      return "v1=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Whether a received request is authentic and fresh: {@code signatureHeader} holds a {@code v1} entry equal to the
   * HMAC of {@code timestampHeader} and {@code body}, and the timestamp is within {@link #TOLERANCE} of {@code now}.
   */
  public static boolean verify(String secret, String timestampHeader, String signatureHeader, Buffer body,
      Instant now) {
    if (timestampHeader == null || signatureHeader == null || !timestampHeader.matches("\\d{1,12}")) {
      return false;
    }
    long timestamp = Long.parseLong(timestampHeader);
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    for (String entry : signatureHeader.split(",")) {
      if (MessageDigest.isEqual(expected, entry.trim().getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }
}
