package io.rwaprime.alerts.channels.webhook;

import io.rwaprime.alerts.channels.PermanentFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SafeTargetsTest {

  private static Vertx vertx;
  /** The JVM's resolver, http allowed (so that http URLs show the address check), private addresses refused. */
  private static SafeTargets safe;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    safe = new SafeTargets(vertx, true, false);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      http://169.254.169.254/latest/meta-data  | the cloud metadata service
      http://169.254.10.1/                     | link-local (169.254.0.0/16)
      http://10.0.0.5/hook                     | private (10.0.0.0/8)
      https://172.31.255.255/                  | private (172.16.0.0/12)
      https://192.168.1.1/                     | private (192.168.0.0/16)
      https://100.64.1.2/                      | shared CGNAT (100.64.0.0/10)
      https://localhost/hook                   | 'localhost' is a local name
      https://localhost./hook                  | 'localhost' is a local name
      https://LOCALHOST:8443/hook              | 'localhost' is a local name
      https://api.localhost/hook               | 'api.localhost' is a local name
      https://metadata.google.internal/v1/     | 'metadata.google.internal' is a local name
      https://127.0.0.1:8443/x                 | loopback (127.0.0.0/8)
      https://127.1/x                          | no host, or an invalid host name
      https://2130706433/x                     | loopback (127.0.0.0/8)
      https://[::1]/x                          | loopback (::1)
      https://[::ffff:127.0.0.1]/x             | loopback (127.0.0.0/8)
      https://[::ffff:169.254.169.254]/x       | the cloud metadata service
      https://[64:ff9b::a9fe:a9fe]/x           | NAT64 form of link-local: the cloud metadata service
      https://[2002:7f00:1::]/x                | 6to4 form of loopback
      https://[::7f00:1]/x                     | IPv4-in-IPv6 form of loopback
      http://0.0.0.0/                          | unspecified (0.0.0.0/8)
      https://0/                               | unspecified (0.0.0.0/8)
      https://[::]/                            | unspecified (::)
      https://[fe80::1]/                       | link-local (fe80::/10)
      https://[fd00:ec2::254]/                 | private unique-local (fc00::/7)
      https://224.0.0.251/                     | multicast (224.0.0.0/4)
      https://[ff02::1]/                       | multicast (ff00::/8)
      https://255.255.255.255/                 | reserved or broadcast
      ftp://example.com/file                   | the scheme 'ftp' is not allowed
      file:///etc/passwd                       | the scheme 'file' is not allowed
      https://user:pass@example.com/           | user info
      https://user@example.com/                | user info
      https://[fe80::1%25eth0]/                | zone ids
      https://example.com:0/                   | port 0
      'not a url'                              | not a URL
      //example.com/hook                       | the scheme '' is not allowed
      ''                                       | no URL
      """)
  void refusesWithTheReason(String url, String reason) {
    Throwable refused = failure(safe.check(url));
    assertThat(refused).isInstanceOf(PermanentFailure.class);
    assertThat(refused.getMessage()).startsWith("webhook URL refused: ").contains(reason);
  }

  @Test
  void httpNeedsTheSetting() {
    SafeTargets httpsOnly = new SafeTargets(vertx, false, false);
    assertThat(failure(httpsOnly.check("http://93.184.215.14/hook")))
        .isInstanceOf(PermanentFailure.class).hasMessageContaining("'http' is not allowed (https only)");
    assertThat(failure(httpsOnly.check("https://93.184.215.14/hook"))).isNull();
  }

  @Test
  void aNameResolvingToAForbiddenAddressIsRefused() {
    SafeTargets table = new SafeTargets(table(Map.of(
        "rebind.example", List.of("127.0.0.1"),
        "mixed.example", List.of("93.184.215.14", "10.1.2.3"),
        "metadata.example", List.of("169.254.169.254"))), true, false);
    assertThat(failure(table.check("https://rebind.example/hook"))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("rebind.example resolves to 127.0.0.1, a loopback (127.0.0.0/8) address");
    assertThat(failure(table.check("https://mixed.example/hook"))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("mixed.example resolves to 10.1.2.3, a private (10.0.0.0/8) address");
    assertThat(failure(table.check("http://metadata.example/latest/meta-data"))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("the cloud metadata service");
  }

  @Test
  void thisMachinesOwnNameIsRefusedWhereItResolvesToAPrivateAddress() throws Exception {
    String name = InetAddress.getLocalHost().getHostName();
    InetAddress[] addresses = InetAddress.getAllByName(name);
    assumeTrue(List.of(addresses).stream().anyMatch(a -> ForbiddenAddresses.why(a) != null), name + " is public");
    assertThat(failure(safe.check("https://" + name + "/hook"))).isInstanceOf(PermanentFailure.class)
        .hasMessageContaining("webhook URL refused");
  }

  @Test
  void aPublicTargetIsVettedAndPinned() {
    SafeTargets table = new SafeTargets(table(Map.of("hooks.example.com", List.of("93.184.215.14"))), false, false);
    SafeTargets.Vetted v = table.vet("https://Hooks.Example.com./in/42?x=1#frag").toCompletionStage()
        .toCompletableFuture().join();
    assertThat(v.ssl()).isTrue();
    assertThat(v.host()).isEqualTo("hooks.example.com");
    assertThat(v.port()).isEqualTo(443);
    assertThat(v.uri()).isEqualTo("/in/42?x=1");
    assertThat(v.address().getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(failure(safe.check("https://[2606:2800:220:1:248:1893:25c8:1946]:8443/x"))).isNull();
  }

  @Test
  void anUnresolvableHostIsARetryableFailure() {
    SafeTargets table = new SafeTargets(table(Map.of()), false, false);
    Throwable err = failure(table.check("https://nowhere.example/hook"));
    assertThat(err).isNotNull().isNotInstanceOf(PermanentFailure.class).isNotInstanceOf(IllegalStateException.class);
    assertThat(err.getMessage()).contains("cannot resolve nowhere.example");
  }

  @Test
  void allowPrivateLetsTestsReachLoopback() {
    SafeTargets open = new SafeTargets(vertx, true, true);
    assertThat(failure(open.check("http://127.0.0.1:8080/hook"))).isNull();
    assertThat(failure(open.check("http://localhost:8080/hook"))).isNull();
    assertThat(failure(open.check("https://user:pw@127.0.0.1/"))).isInstanceOf(PermanentFailure.class);
  }

  /** A resolver answering from {@code entries}, failing like DNS for other names. */
  static SafeTargets.Resolver table(Map<String, List<String>> entries) {
    return host -> {
      List<String> ips = entries.get(host);
      if (ips == null) {
        return Future.failedFuture(new java.net.UnknownHostException(host));
      }
      return Future.succeededFuture(ips.stream().map(SafeTargetsTest::literal).toList());
    };
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  /** The failure of {@code f} (null when it succeeded), waiting at most 10 s. */
  static Throwable failure(Future<?> f) {
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
