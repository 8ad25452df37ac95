package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.HttpOutcome;
import io.rwaprime.alerts.channels.PermanentFailure;
import io.rwaprime.alerts.channels.RetryLater;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import static io.rwaprime.alerts.channels.webhook.SafeTargetsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The status rules webhooks are delivered by ({@link HttpOutcome}), and address forms Java does not fold. */
class HttpOutcomeRulesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static Throwable outcome(int status) {
    return failure(HttpOutcome.of("webhook x", status, null, NOW));
  }

  @Test
  void statusesMapToTheSenderContract() {
    assertThat(outcome(200)).isNull();
    assertThat(outcome(204)).isNull();
    for (int permanent : new int[] {301, 308, 400, 401, 403, 404, 410, 413, 422}) {
      assertThat(outcome(permanent)).as("%d", permanent).isInstanceOf(PermanentFailure.class);
    }
    for (int retryable : new int[] {302, 303, 307, 408, 425, 500, 502, 503, 504, 101}) {
      assertThat(outcome(retryable)).as("%d", retryable).isNotNull()
          .isNotInstanceOfAny(PermanentFailure.class, RetryLater.class, IllegalStateException.class);
    }
    assertThat(outcome(429)).isInstanceOf(RetryLater.class);
  }

  @Test
  void retryAfterTakesSecondsOrADateWithinBounds() {
    assertThat(HttpOutcome.retryAfter("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpOutcome.retryAfter("Sun, 01 Jun 2025 12:02:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(2));
    assertThat(HttpOutcome.retryAfter("Sun, 01 Jun 2025 11:00:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(HttpOutcome.retryAfter("0", NOW)).isEqualTo(Duration.ofSeconds(1));
    assertThat(HttpOutcome.retryAfter("99999999999", NOW)).isEqualTo(HttpOutcome.MAX_RETRY_AFTER);
    assertThat(HttpOutcome.retryAfter(null, NOW)).isEqualTo(HttpOutcome.DEFAULT_RETRY_AFTER);
    assertThat(HttpOutcome.retryAfter("soon", NOW)).isEqualTo(HttpOutcome.DEFAULT_RETRY_AFTER);
  }

  @Test
  void anUnfoldedIpv4MappedAddressIsJudgedByItsIpv4() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(InetAddress.getByName("169.254.169.254").getAddress(), 0, mapped, 12, 4);
    InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
    assertThat(v6).isInstanceOf(Inet6Address.class);
    assertThat(ForbiddenAddresses.why(v6)).isEqualTo("IPv4-in-IPv6 form of link-local: the cloud metadata service "
        + "(169.254.169.254)");
    assertThat(ForbiddenAddresses.why(InetAddress.getByName("93.184.215.14"))).isNull();
    assertThat(ForbiddenAddresses.why(InetAddress.getByName("2606:2800:220:1::1"))).isNull();
  }
}
